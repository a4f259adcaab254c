"""Regional balance with trade: which regions export, import, open or close capacity.

A region is *competitive* when its cost of production is below the mean of all regions by
more than its boundary. Competitive regions with spare capacity export; uncompetitive regions
short of capacity import; the rest serve their own demand, opening or closing capacity to
stay within the utilisation bounds. A world surplus lowers exporters' utilisation (then closes
their capacity); a world deficit raises utilisation where capacity is spare, then opens new
capacity in the cheapest competitive region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sectorpath.tolerances import NONZERO, ROUNDING


@dataclass(frozen=True)
class Balance:
    """Result of one year's balance, all (R,) in Mt/yr."""

    production: np.ndarray
    open_capacity: np.ndarray
    close_capacity: np.ndarray


def balance_regions(demand: np.ndarray, capacity: np.ndarray, previous_utilisation: np.ndarray,
                    unit_cost: np.ndarray, boundary: np.ndarray, low: float, high: float
                    ) -> Balance:
    """Production, capacity to open and capacity to close per region for one year."""
    n = demand.size
    safe_capacity = np.maximum(capacity, NONZERO)
    utilisation = np.clip(previous_utilisation, low, high)
    competitive = unit_cost < unit_cost.mean() * (1.0 + boundary)
    surplus = capacity * utilisation - demand
    exporter = competitive & (surplus > 0)
    importer = ~competitive & (surplus < 0)
    domestic = ~(exporter | importer)

    production = np.zeros(n)
    open_capacity = np.zeros(n)
    close_capacity = np.zeros(n)
    production[exporter] = (capacity * utilisation)[exporter]
    production[importer] = (capacity * np.clip(demand / safe_capacity, low, high))[importer]
    production[domestic] = demand[domestic]
    own_ratio = demand / safe_capacity
    open_capacity[domestic] = np.maximum(demand / high - capacity, 0.0)[domestic]
    close_capacity[domestic] = np.maximum(capacity - demand / low, 0.0)[domestic]
    closing = domestic & (own_ratio < low)

    gap = production.sum() - demand.sum()
    if gap > 0:
        production, extra_close = _absorb_surplus(gap, production, capacity, demand, exporter,
                                                  unit_cost, low)
        close_capacity += extra_close
    elif gap < 0:
        production, extra_open = _fill_deficit(-gap, production, capacity + open_capacity,
                                               ~importer & ~closing, competitive, unit_cost, high)
        open_capacity += extra_open
    return Balance(production, open_capacity, close_capacity)


def _absorb_surplus(gap: float, production: np.ndarray, capacity: np.ndarray,
                    demand: np.ndarray, exporter: np.ndarray, unit_cost: np.ndarray, low: float
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Lower exporters' output to the utilisation floor, then close the dearest exporters."""
    production = production.copy()
    close = np.zeros_like(production)
    for region in np.flatnonzero(exporter)[np.argsort(-unit_cost[exporter])]:
        exports = production[region] - demand[region]
        cut = min(exports, gap, production[region] - capacity[region] * low)
        production[region] -= max(cut, 0.0)
        gap -= max(cut, 0.0)
    for region in np.flatnonzero(exporter)[np.argsort(-unit_cost[exporter])]:
        if gap <= ROUNDING:
            break
        cut = min(production[region] - demand[region], gap)
        production[region] -= max(cut, 0.0)
        gap -= max(cut, 0.0)
        close[region] = max(capacity[region] - production[region] / low, 0.0)
    return production, close


def _fill_deficit(gap: float, production: np.ndarray, capacity: np.ndarray,
                  eligible: np.ndarray, competitive: np.ndarray, unit_cost: np.ndarray,
                  high: float) -> tuple[np.ndarray, np.ndarray]:
    """Raise output where capacity is spare (cheapest first), then build in the cheapest region."""
    production = production.copy()
    opened = np.zeros_like(production)
    for region in np.flatnonzero(eligible)[np.argsort(unit_cost[eligible])]:
        extra = min(capacity[region] * high - production[region], gap)
        production[region] += max(extra, 0.0)
        gap -= max(extra, 0.0)
        if gap <= ROUNDING:
            return production, opened
    builders = np.flatnonzero(competitive) if competitive.any() else np.arange(production.size)
    cheapest = builders[np.argmin(unit_cost[builders])]
    production[cheapest] += gap
    opened[cheapest] = gap / high
    return production, opened


def serve_own_demand(demand: np.ndarray, capacity: np.ndarray, low: float, high: float
                     ) -> Balance:
    """No trade: each region produces its own demand, opening capacity above the utilisation
    ceiling and closing it below the floor."""
    return Balance(production=demand.copy(),
                   open_capacity=np.maximum(demand / high - capacity, 0.0),
                   close_capacity=np.maximum(capacity - demand / low, 0.0))

"""What the dashboard offers for one sector: its built-in scenarios, the prices a user may
override, its technologies, and each built-in scenario's published values (for placeholders).

Everything the browser may choose comes from these lists; nothing else is accepted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from sectorpath.models import get_model
from sectorpath.scenarios.model import ScenarioBase, builtin_names, load_scenario
from sectorpath.sectors import sector_names

CARBON_YEARS = (2025, 2030, 2035, 2040, 2050)
"""Years of the carbon price inputs (USD_2020/t CO2)."""
PRICE_YEARS = (2030, 2040, 2050)
"""Years of the commodity price path inputs (the commodity's own unit)."""
PRICE_ROWS = ("p1", "p2")
"""Two price-path rows per scenario; by default hydrogen and electricity where priced."""
_PREFERRED = (("hydrogen", "green_h2", "hydrogen_electrolytic"),
              ("electricity", "grid_electricity"))
_KEYWORDS = (("hydrogen", "h2"), ("electricity",))


@dataclass(frozen=True)
class Commodity:
    """A priced input the user may give a path for, with its price unit."""

    name: str
    unit: str


@dataclass(frozen=True)
class Catalog:
    """The choices of one sector."""

    sector: str
    label: str
    scenarios: tuple[str, ...]
    commodities: tuple[Commodity, ...]
    technologies: tuple[tuple[str, int], ...]
    """(name, published first year it may be chosen)."""
    price_defaults: tuple[str, str]
    """Commodity shown first in price rows p1 and p2."""

    def commodity_names(self) -> list[str]:
        return [c.name for c in self.commodities]

    def technology_names(self) -> list[str]:
        return [name for name, _ in self.technologies]

    def unit(self, commodity: str) -> str:
        return next((c.unit for c in self.commodities if c.name == commodity), "")


@dataclass(frozen=True)
class Applied:
    """The input paths a run applies, over every year and region: what the placeholders of
    the inputs show and what the "Inputs applied" charts draw."""

    years: np.ndarray
    """(Y,) the run's years."""
    regions: tuple[str, ...]
    carbon_price: np.ndarray
    """(Y,) USD_2020/t CO2."""
    prices: dict[str, np.ndarray]
    """commodity -> (Y, R) price in its unit, for the commodities the dashboard offers."""
    demand_scale: float

    def carbon_at(self, years: tuple[int, ...]) -> tuple[float, ...]:
        return tuple(float(v) for v in np.interp(years, self.years, self.carbon_price))

    def price_range(self, commodity: str, years: tuple[int, ...]
                    ) -> tuple[tuple[float, float], ...]:
        """(lowest, highest) price over the regions at each of ``years``."""
        rows = self.prices[commodity][np.searchsorted(self.years, years)]
        return tuple((float(low), float(high))
                     for low, high in zip(rows.min(axis=1), rows.max(axis=1), strict=True))


@dataclass(frozen=True)
class BaseValues:
    """The values a run applies at the years of the inputs, shown as their placeholders:
    typed back, a value changes nothing."""

    carbon_price: tuple[float, ...]
    """USD_2020/t CO2 at ``CARBON_YEARS``."""
    demand_scale: float
    prices: dict[str, tuple[tuple[float, float], ...]]
    """commodity -> (lowest, highest) over regions at ``PRICE_YEARS``, in its unit: one value
    where every region pays the same (typed back, it changes nothing); a range otherwise,
    since a typed price replaces the price of every region."""

    def carbon_texts(self) -> list[str]:
        return [shown(value) for value in self.carbon_price]

    def price_texts(self) -> dict[str, list[str]]:
        """commodity -> placeholder text at each of ``PRICE_YEARS`` (a range 'low-high'
        where regions pay different prices)."""
        return {name: [shown(low) if math.isclose(low, high, rel_tol=1e-12, abs_tol=1e-12)
                       else f"{shown(low)}\u2013{shown(high)}" for low, high in path]
                for name, path in self.prices.items()}


SHOWN_DIGITS = 6
"""Significant digits of a placeholder: typed back, it is within 1e-5 of the value."""


def shown(value: float) -> str:
    """A value as a placeholder shows it."""
    return f"{value:.{SHOWN_DIGITS}g}"


def applied(sector: str, inputs: Any, scenario: ScenarioBase) -> Applied:
    """The paths that compiled ``inputs`` (of ``scenario``) apply."""
    cube, names = get_model(sector).prices(inputs)
    wanted = set(catalog(sector).commodity_names())
    return Applied(years=np.asarray(inputs.years), regions=tuple(inputs.regions),
                   carbon_price=np.asarray(inputs.carbon_price, dtype=float),
                   prices={name: cube[:, :, k] for k, name in enumerate(names)
                           if name in wanted},
                   demand_scale=_demand_scale(scenario))


def placeholders(values: Applied) -> BaseValues:
    """The values of ``values`` at the years of the inputs."""
    return BaseValues(carbon_price=values.carbon_at(CARBON_YEARS),
                      demand_scale=values.demand_scale,
                      prices={name: values.price_range(name, PRICE_YEARS)
                              for name in values.prices})


DEFAULT_SECTOR = "steel"


def sectors() -> list[str]:
    """Names of the sectors the dashboard offers; the first is shown when none is chosen."""
    names = sector_names()
    return sorted(names, key=lambda name: name != DEFAULT_SECTOR)


@cache
def catalog(sector: str) -> Catalog:
    """The choices of ``sector`` (which must be one of ``sectors()``)."""
    model = get_model(sector)
    offered = model.catalog(model.load())
    commodities = tuple(Commodity(name, unit) for name, unit in offered.commodities)
    names = [c.name for c in commodities]
    return Catalog(
        sector=sector, label=model.label, scenarios=tuple(builtin_names(sector)),
        commodities=commodities, technologies=offered.technologies,
        price_defaults=_default_commodities(names))


def _default_commodities(names: list[str]) -> tuple[str, str]:
    """The hydrogen and electricity commodities of a sector; where one is missing, another
    commodity (never the same one twice, unless there is only one)."""
    picks = [_match(names, row) for row in (0, 1)]
    rest = [name for name in names if name not in picks]
    chosen = [pick or (rest.pop(0) if rest else names[0] if names else "") for pick in picks]
    return chosen[0], chosen[1]


def _match(names: list[str], row: int) -> str | None:
    for name in _PREFERRED[row]:
        if name in names:
            return name
    return next((name for name in names if "storage" not in name
                 and any(word in name for word in _KEYWORDS[row])), None)


@cache
def built_in_applied(sector: str, scenario: str) -> Applied:
    """The paths a built-in scenario applies."""
    model = get_model(sector)
    chosen = load_scenario(sector, scenario)
    return applied(sector, model.compile(model.load(), chosen), chosen)


def base_values(sector: str, scenario: str) -> BaseValues:
    """The values a built-in scenario applies at the years of the inputs."""
    return placeholders(built_in_applied(sector, scenario))


def uniform_path(sector: str, scenario: str, commodity: str) -> dict[int, float]:
    """The price path (year -> price) a built-in scenario applies to ``commodity`` where
    every region pays the same; empty where regions pay different prices."""
    cube = built_in_applied(sector, scenario).prices.get(commodity)
    if cube is None or not np.allclose(cube, cube[:, :1], rtol=1e-12, atol=0.0):
        return {}
    years = built_in_applied(sector, scenario).years
    return {int(year): float(value) for year, value in zip(years, cube[:, 0], strict=True)}


def _demand_scale(scenario: ScenarioBase) -> float:
    """The scenario's demand scale (1.0 for a kind without one)."""
    demand = getattr(scenario, "demand", None)
    return float(getattr(demand, "scale", 1.0))

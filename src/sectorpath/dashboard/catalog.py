"""What the dashboard offers for one sector: its built-in scenarios, the prices a user may
override, its technologies, and each built-in scenario's published values (for placeholders).

Everything the browser may choose comes from these lists; nothing else is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from sectorpath.inputs import interpolate_path
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
class BaseValues:
    """Published values of a built-in scenario, shown as placeholders of the inputs."""

    carbon_price: tuple[float, ...]
    """USD_2020/t CO2 at ``CARBON_YEARS``."""
    demand_scale: float
    prices: dict[str, tuple[float, ...]]
    """commodity -> World mean over regions at ``PRICE_YEARS``, in its unit."""


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
def base_values(sector: str, scenario: str) -> BaseValues:
    """Published carbon price, demand scale and World mean prices of a built-in scenario."""
    model = get_model(sector)
    chosen = load_scenario(sector, scenario)
    years = np.array(PRICE_YEARS)
    inputs = model.compile(model.load(), chosen)
    cube, names = model.prices(inputs)
    all_years = inputs.years
    rows = np.searchsorted(all_years, years)
    wanted = set(catalog(sector).commodity_names())
    prices = {name: tuple(float(v) for v in cube[rows, :, k].mean(axis=1))
              for k, name in enumerate(names) if name in wanted}
    carbon = interpolate_path(chosen.carbon_price, np.array(CARBON_YEARS))
    return BaseValues(carbon_price=tuple(float(v) for v in carbon),
                      demand_scale=_demand_scale(chosen), prices=prices)


def _demand_scale(scenario: ScenarioBase) -> float:
    """The scenario's demand scale (1.0 for a kind without one)."""
    demand = getattr(scenario, "demand", None)
    return float(getattr(demand, "scale", 1.0))

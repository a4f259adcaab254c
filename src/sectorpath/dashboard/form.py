"""The dashboard's form: parse and validate what the browser sent, build the scenario.

The browser sends only names chosen from lists (sector, built-in scenario, commodity,
technology) and numbers; each is checked here, and a problem is reported as an
``InputError`` naming the form field and what is allowed. A scenario is then built in
memory: the built-in scenario's values, with the user's values merged over them, validated
by the pydantic ``Scenario`` model.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sectorpath.dashboard.catalog import (
    CARBON_YEARS,
    PRICE_ROWS,
    PRICE_YEARS,
    Catalog,
    catalog,
    uniform_path,
)
from sectorpath.dashboard.catalog import sectors as sector_list
from sectorpath.errors import InputError
from sectorpath.scenarios.model import ScenarioBase, load_scenario, validate_scenario
from sectorpath.tables import FIRST_YEAR

SIDES = ("a", "b")
SOURCE = "dashboard form"
MAX_CARBON_PRICE = 5000.0  # USD_2020/t CO2
MAX_PRICE = 100_000.0  # in the commodity's unit (USD/GJ, USD/t ...)
DEMAND_SCALE = (0.1, 5.0)
LAST_AVAILABILITY_YEAR = 2100
MAX_FIELD_CHARS = 40

YearValues = tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Overrides:
    """The user's changes to a built-in scenario (hashable: part of the result cache key)."""

    carbon_price: YearValues = ()
    """(year, USD_2020/t CO2), merged into the scenario's carbon price path."""
    prices: tuple[tuple[str, YearValues], ...] = ()
    """(commodity, (year, price)), merged into its price path (every region)."""
    demand_scale: float | None = None
    """Replaces the scenario's demand scale (multiplies every region's demand)."""
    availability: tuple[tuple[str, int], ...] = ()
    """(technology, first year it may be chosen)."""

    def __bool__(self) -> bool:
        return bool(self.carbon_price or self.prices or self.availability
                    or self.demand_scale is not None)

    def describe(self) -> str:
        """The changes in words, e.g. 'carbon price 2030: 100; demand x1.2'."""
        parts = []
        if self.carbon_price:
            parts.append("carbon price " + _pairs(self.carbon_price) + " USD/t CO2")
        parts += [f"{name} price {_pairs(path)}" for name, path in self.prices]
        if self.demand_scale is not None:
            parts.append(f"demand x{self.demand_scale:g}")
        parts += [f"{name} from {year}" for name, year in self.availability]
        return "; ".join(parts)


def _pairs(values: YearValues) -> str:
    return ", ".join(f"{year}: {value:g}" for year, value in values)


@dataclass(frozen=True)
class SideInputs:
    """One side of the comparison: a built-in scenario and the user's changes to it."""

    scenario: str
    overrides: Overrides = Overrides()


@dataclass
class FormState:
    """The parsed form: valid inputs per side, the raw values to show again, the errors."""

    sector: str
    compare: bool
    raw: dict[str, str]
    sides: dict[str, SideInputs] = field(default_factory=dict)
    errors: dict[str, InputError] = field(default_factory=dict)

    @property
    def shown(self) -> tuple[str, ...]:
        """Sides on the page: A, and B when comparing."""
        return SIDES if self.compare else SIDES[:1]

    def query(self) -> dict[str, str]:
        """The non-empty raw values: the parameters that reproduce this page."""
        return {key: value for key, value in self.raw.items() if value}


def field_names(side: str) -> list[str]:
    """Every form field of one side, in page order."""
    names = [f"{side}.scenario", *(f"{side}.cp.{year}" for year in CARBON_YEARS)]
    for row in PRICE_ROWS:
        names += [f"{side}.{row}.name", *(f"{side}.{row}.{year}" for year in PRICE_YEARS)]
    return [*names, f"{side}.demand", f"{side}.tech", f"{side}.tech_year"]


FIELD_WORDS = {"scenario": "built-in scenario", "cp": "carbon price", "name": "commodity",
               "demand": "demand scale", "tech": "technology",
               "tech_year": "year the technology is available from"}
ROW_WORDS = {row: f"price path {number}" for number, row in enumerate(PRICE_ROWS, 1)}


def field_label(name: str) -> str:
    """A form field in plain words, e.g. 'a.cp.2030' -> 'Scenario A, carbon price 2030'."""
    side, _, rest = name.partition(".")
    if not rest:
        return name.capitalize()
    parts = [ROW_WORDS.get(part) or FIELD_WORDS.get(part) or part for part in rest.split(".")]
    if parts[-1].isdigit() and parts[0].startswith("price path"):
        parts = [parts[0], "in", parts[-1]]
    return f"Scenario {side.upper()}, " + " ".join(parts)


def sector_changed(params: Mapping[str, str]) -> bool:
    """Whether the page asks for another sector than the form it sent was made for."""
    previous = params.get("prev_sector")
    return previous is not None and previous != params.get("sector")


def parse(params: Mapping[str, str], reset_sides: bool = False) -> FormState:
    """Read the query parameters the page sends; unknown parameters are ignored.

    ``reset_sides`` drops the values of both sides (used when the sector changes, since
    scenarios, commodities and technologies differ between sectors).
    """
    raw = {"sector": _clip(params.get("sector", "")),
           "compare": "on" if params.get("compare") == "on" else ""}
    errors: dict[str, InputError] = {}
    sector = raw["sector"] or sector_list()[0]
    if sector not in sector_list():
        errors["sector"] = InputError(SOURCE, "sector", f"unknown sector {sector!r}",
                                      allowed=sector_list())
        sector = sector_list()[0]
    raw["sector"] = sector
    state = FormState(sector=sector, compare=raw["compare"] == "on", raw=raw, errors=errors)
    options = catalog(sector)
    for side in SIDES:
        for name in field_names(side):
            raw[name] = "" if reset_sides else _clip(params.get(name, ""))
        _defaults(raw, side, options)
        if side in state.shown:
            inputs = _Reader(raw, side, options, errors).read()
            if inputs is not None:
                state.sides[side] = inputs
    return state


def _clip(value: str) -> str:
    return value.strip()[:MAX_FIELD_CHARS]


def _defaults(raw: dict[str, str], side: str, options: Catalog) -> None:
    """Fill the choice fields left empty: the first scenario, the default commodities."""
    if not raw[f"{side}.scenario"]:
        raw[f"{side}.scenario"] = options.scenarios[0]
    for row, default in zip(PRICE_ROWS, options.price_defaults, strict=True):
        if not raw[f"{side}.{row}.name"]:
            raw[f"{side}.{row}.name"] = default


class _Reader:
    """Reads one side's fields from the raw values, recording an error per bad field."""

    def __init__(self, raw: dict[str, str], side: str, options: Catalog,
                 errors: dict[str, InputError]) -> None:
        self.raw, self.side, self.options, self.errors = raw, side, options, errors
        self.failed = False

    def fail(self, name: str, problem: str, allowed: str | list[str]) -> None:
        self.errors[name] = InputError(f"{SOURCE}, scenario {self.side.upper()}", name,
                                       problem, allowed=allowed)
        self.failed = True

    def choice(self, name: str, allowed: list[str], blank_ok: bool = False) -> str | None:
        value = self.raw[name]
        if (blank_ok and not value) or value in allowed:
            return value or None
        self.fail(name, f"unknown name {value!r}", allowed)
        return None

    def number(self, name: str, low: float, high: float, unit: str) -> float | None:
        text = self.raw[name]
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            self.fail(name, f"{text!r} is not a number in range",
                      f"a number from {low:g} to {high:g} {unit}".rstrip())
            return None
        return value

    def year_values(self, prefix: str, years: tuple[int, ...], high: float,
                    unit: str) -> YearValues:
        values = [(year, self.number(f"{prefix}.{year}", 0.0, high, unit)) for year in years]
        return tuple((year, value) for year, value in values if value is not None)

    def read(self) -> SideInputs | None:
        side, options = self.side, self.options
        scenario = self.choice(f"{side}.scenario", list(options.scenarios))
        carbon = self.year_values(f"{side}.cp", CARBON_YEARS, MAX_CARBON_PRICE,
                                  "USD_2020/t CO2")
        prices: dict[str, YearValues] = {}
        for row in PRICE_ROWS:
            commodity = self.choice(f"{side}.{row}.name", options.commodity_names())
            path = self.year_values(f"{side}.{row}", PRICE_YEARS, MAX_PRICE,
                                    options.unit(commodity or ""))
            if commodity and path:
                prices[commodity] = tuple(sorted({**dict(prices.get(commodity, ())),
                                                  **dict(path)}.items()))
        scale = self.number(f"{side}.demand", *DEMAND_SCALE, "(x published demand)")
        availability = self._availability()
        if self.failed or scenario is None:
            return None
        return SideInputs(scenario, Overrides(carbon, tuple(sorted(prices.items())), scale,
                                              availability))

    def _availability(self) -> tuple[tuple[str, int], ...]:
        side = self.side
        tech = self.choice(f"{side}.tech", self.options.technology_names(), blank_ok=True)
        year = self.number(f"{side}.tech_year", FIRST_YEAR, LAST_AVAILABILITY_YEAR,
                           "(first year; after 2050: never)")
        if year is not None and not year.is_integer():
            self.fail(f"{side}.tech_year", f"{year:g} is not a whole year",
                      f"a year from {FIRST_YEAR} to {LAST_AVAILABILITY_YEAR}")
        elif tech and year is None and f"{side}.tech_year" not in self.errors:
            self.fail(f"{side}.tech_year", "a technology is chosen but no year",
                      f"a year from {FIRST_YEAR} to {LAST_AVAILABILITY_YEAR}")
        elif year is not None and not self.raw[f"{side}.tech"]:
            self.fail(f"{side}.tech", "a year is given but no technology",
                      self.options.technology_names())
        elif tech and year is not None:
            return ((tech, int(year)),)
        return ()


def build_scenario(sector: str, inputs: SideInputs) -> ScenarioBase:
    """The built-in scenario with the user's changes merged in, validated by ``Scenario``.

    An edited scenario is renamed ``<built-in>-edit-<hash of the changes>`` and its
    description lists the changes.
    """
    base = load_scenario(sector, inputs.scenario)
    changes = inputs.overrides
    if not changes:
        return base
    raw = base.model_dump()
    raw["name"] = edited_name(inputs)
    raw["description"] = f"{base.description} | dashboard edits: {changes.describe()}"
    raw["carbon_price"] = {**raw["carbon_price"], **dict(changes.carbon_price)}
    for commodity, path in changes.prices:
        # merged into the scenario's own path, else into the one every region pays now
        known = raw["prices"].get(commodity) or uniform_path(sector, inputs.scenario,
                                                             commodity)
        raw["prices"][commodity] = {**known, **dict(path)}
    if changes.demand_scale is not None:
        raw.setdefault("demand", {})["scale"] = changes.demand_scale
    raw["availability"] = {**raw["availability"], **dict(changes.availability)}
    return scenario_from_dict(raw)


def scenario_from_dict(raw: dict[str, Any], source: str = SOURCE) -> ScenarioBase:
    """Validate a scenario given as a dict; errors become an InputError naming the field."""
    return validate_scenario(str(raw.get("sector", "")), raw, source)


def edited_name(inputs: SideInputs) -> str:
    """A stable name for a built-in scenario with changes: the same changes, the same name."""
    digest = hashlib.sha256(repr(inputs.overrides).encode()).hexdigest()[:6]
    return f"{inputs.scenario}-edit-{digest}"


def scenario_toml(sector: str, inputs: SideInputs) -> str:
    """A scenario file (TOML) that extends the built-in one with the user's changes; it
    loads with ``sectorpath run SECTOR --scenario FILE``."""
    built = build_scenario(sector, inputs)
    changes = inputs.overrides
    lines = [f"extends = {json.dumps(inputs.scenario)}", f"name = {json.dumps(built.name)}",
             f"sector = {json.dumps(sector)}", f"description = {json.dumps(built.description)}"]
    if changes.demand_scale is not None:
        lines += ["", "[demand]", f"scale = {changes.demand_scale!r}"]
    if changes.carbon_price:
        lines += ["", "[carbon_price]", *_toml_path(built.carbon_price)]
    for commodity, _ in changes.prices:
        lines += ["", f"[prices.{json.dumps(commodity)}]",
                  *_toml_path(built.prices[commodity])]
    if changes.availability:
        lines += ["", "[availability]",
                  *(f"{json.dumps(name)} = {year}" for name, year in changes.availability)]
    return "\n".join(lines) + "\n"


def _toml_path(path: dict[int, float]) -> list[str]:
    return [f"{year} = {value!r}" for year, value in path.items()]

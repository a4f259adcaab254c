"""Scenario files: TOML, validated on load, extendable from a built-in scenario.

A scenario names its sector and may ``extends`` a built-in scenario (by name) or another file
(by path relative to itself). Its tables are deep-merged over the parent's, so a user's file
can override one price path and leave everything else as published.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from sectorpath.engine.choice import FASTEST_ABATEMENT_WEIGHTS
from sectorpath.errors import InputError
from sectorpath.tables import EARLIEST_YEAR, FIRST_YEAR, LAST_YEAR
from sectorpath.tolerances import ROUNDING

YearPath = dict[int, float]
"""Values by year (e.g. ``{2020 = 0, 2050 = 200}``); linearly interpolated in between."""


def _check_path(path: YearPath) -> YearPath:
    """Years inside the horizon, at least one, values >= 0; returned sorted by year."""
    if not path:
        raise ValueError("a year path needs at least one year")
    for year, value in path.items():
        if not EARLIEST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"year {year} is outside the horizon {EARLIEST_YEAR}-{LAST_YEAR}")
        if not math.isfinite(value):
            raise ValueError(f"value {value} in {year} is not a finite number")
        if value < 0:
            raise ValueError(f"negative value {value} in {year}; values must be >= 0")
    return dict(sorted(path.items()))


Path_ = Annotated[YearPath, AfterValidator(_check_path)]


class _Strict(BaseModel):
    """Unknown fields are errors, and so are NaN and infinite numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Choice(_Strict):
    """How a plant at an investment decision ranks the technologies it may switch to."""

    rule: Literal["lowest-cost", "fastest-abatement", "weighted"] = "lowest-cost"
    cost_weight: float = Field(1.0, ge=0, le=1, description="weight of TCO in 'weighted'")
    abatement_weight: float = Field(0.0, ge=0, le=1,
                                    description="weight of emissions in 'weighted'")
    transitional_switches: bool = True
    cost_bands: list[float] = Field(
        default_factory=list,
        description="TCO ratios to the cheapest option that bound rank bands, e.g. [1.1, 1.3]; "
        "options in the same band are drawn by a seeded lottery (empty: strict lowest cost)")
    seed: int = Field(0, ge=0, description="seed of the lottery between equally ranked options")

    def weights(self) -> tuple[float, float]:
        """(cost weight, abatement weight) of the rule; costs break ties under fastest-abatement."""
        if self.rule == "lowest-cost":
            return 1.0, 0.0
        if self.rule == "fastest-abatement":
            return FASTEST_ABATEMENT_WEIGHTS
        return self.cost_weight, self.abatement_weight


def _scope_one() -> list[Literal[1, 2]]:
    return [1]


class Economics(_Strict):
    discount_rate: float = Field(0.07, gt=0, lt=0.5, description="real, per year")
    tco_horizon_years: int = Field(20, ge=1, le=40, description="years of opex in the TCO")
    carbon_price_scopes: list[Literal[1, 2]] = Field(
        default_factory=_scope_one, description="scopes whose emissions pay the carbon price")


class Cases(_Strict):
    """Which published case of each input series to use (see the sector's SOURCES.md)."""

    prices: dict[str, str] = Field(default_factory=dict, description="commodity -> case")
    emission_factors: dict[str, str] = Field(
        default_factory=dict,
        description="commodity -> case; default: the commodity's price case when it exists")
    limits: dict[str, str] = Field(default_factory=dict, description="resource -> case")


class Demand(_Strict):
    case: str = "bau"
    scale: float = Field(1.0, gt=0, description="multiplies every region's demand")
    world_path: Path_ | None = Field(
        None, description="global demand in Mt/yr; regions keep their published shares"
    )


class Constraints(_Strict):
    resources: bool = True
    carbon_budget: Path_ | None = Field(
        None, description="annual emissions limit, Mt CO2/yr (scope 1+2)"
    )
    carbon_budget_total: float | None = Field(
        None, gt=0, description="cumulative scope 1+2 budget 2020-2050, Gt CO2; becomes an "
        "annual limit falling linearly from the 2020 emissions so that it adds up to the budget")
    max_switching_capacity: Path_ | None = Field(
        None, description="capacity that may change technology per year, Mt/yr; "
        "unlimited after the last year given")
    diffusion: list[str] | None = Field(
        None, description="cases of the sector's diffusion.csv whose ramp-up limits apply "
        "(how fast technologies may be adopted); default: its 'standard' case; [] lifts them")
    switch_rule: str = Field(
        "standard", description="the sector's main-cycle switches ('standard') or one of its "
        "named stricter rules (e.g. aluminium 'keep-power-supply')")

    @model_validator(mode="after")
    def _one_budget(self) -> Constraints:
        if self.carbon_budget is not None and self.carbon_budget_total is not None:
            raise ValueError("set either carbon_budget (annual path) or carbon_budget_total")
        return self


def _check_shares(paths: dict[str, YearPath]) -> dict[str, YearPath]:
    for name, path in paths.items():
        if any(value > 1 for value in path.values()):
            raise ValueError(f"share of {name!r} above 1; shares are fractions 0..1")
    return paths


SharePaths = Annotated[dict[str, Path_], AfterValidator(_check_shares)]


def _check_share_sum(paths: dict[str, YearPath]) -> dict[str, YearPath]:
    """Fixed sales shares of several powertrains may not add up to more than 1 in any year
    (checked at the years given, between which the paths are linear and beyond flat, as
    ``interpolate_path`` reads them)."""
    years = np.array(sorted({year for path in paths.values() for year in path}), dtype=float)
    total = np.zeros_like(years)
    for path in paths.values():
        total += np.interp(years, list(path), list(path.values()))
    if (total > 1 + ROUNDING).any():
        k = int(np.argmax(total))
        raise ValueError(f"fixed sales shares add up to {total[k]:g} in {int(years[k])}; "
                         "at most 1")
    return paths


def _check_positive(path: YearPath) -> YearPath:
    if any(value <= 0 for value in path.values()):
        raise ValueError("values must be > 0 (a load factor of 0 carries nothing)")
    return path


def _check_fraction_below_one(path: YearPath) -> YearPath:
    if any(value >= 1 for value in path.values()):
        raise ValueError("a saving is a fraction 0 <= value < 1 of the energy")
    return path


Gain = Annotated[float, Field(ge=0, lt=1, description="fraction per year, 0 <= gain < 1")]


def _check_growth(rates: float | dict[int, float]) -> float | dict[int, float]:
    values = rates.values() if isinstance(rates, dict) else [rates]
    if isinstance(rates, dict) and not rates:
        raise ValueError("rates by period need at least one period")
    if any(not -0.5 < value < 0.5 for value in values):
        raise ValueError("growth rates are fractions per year between -0.5 and 0.5 "
                         "(0.02 is 2%/yr)")
    if isinstance(rates, dict):
        for year in rates:
            if not EARLIEST_YEAR <= year <= LAST_YEAR:
                raise ValueError(f"period start {year} is outside the horizon "
                                 f"{EARLIEST_YEAR}-{LAST_YEAR}")
        return dict(sorted(rates.items()))
    return rates


GrowthRates = Annotated[float | dict[int, float], AfterValidator(_check_growth)]
"""One growth rate (fraction/yr) or rates by period: {year the period starts = rate}."""


class FleetDemand(_Strict):
    """Transport activity: the published case, scaled, or a world path in the activity unit."""

    case: str = "bau"
    scale: float = Field(1.0, gt=0, description="multiplies every market's activity")
    world_path: Path_ | None = Field(
        None, description="world activity over all segments and regions, in the sector's "
        "activity unit per year (aviation billion pkm, shipping and trucking billion tkm); "
        "markets keep their published shares; checked against the published first year")


class Transport(_Strict):
    """Assumptions of the transport (fleet) sectors; empty means the published data."""

    activity_growth: dict[str, GrowthRates] = Field(
        default_factory=dict, description="segment (or 'segment|region', or 'all') -> "
        "activity growth, fraction per year: one rate, or rates by period {year a period "
        "starts = rate}; from `growth_from` on, each year's activity is the year before's "
        "times (1 + rate); years before keep the published path (COVID-19 dip included)")
    growth_from: int | None = Field(
        None, ge=EARLIEST_YEAR, le=LAST_YEAR, description="first year grown by "
        "`activity_growth` (needed with it): growth from the first year + 1 replaces the "
        "whole published path (no COVID-19 dip in aviation), a later year keeps it until then")
    load_factor: Annotated[Path_, AfterValidator(_check_positive)] | None = Field(
        None, description="load factor relative to the first year (1.0 = unchanged)")
    efficiency_gain: dict[str, Gain] = Field(
        default_factory=dict, description="powertrain -> energy-intensity gain of each new "
        "vintage over the previous one, fraction per year")
    operations_gain: Annotated[Path_, AfterValidator(_check_fraction_below_one)] | None = Field(
        None, description="fraction of fleet energy saved by operational measures")
    sales_share: Annotated[SharePaths, AfterValidator(_check_share_sum)] = Field(
        default_factory=dict, description="powertrain -> fixed share of new sales (0..1)")
    fuel_share: SharePaths = Field(
        default_factory=dict, description="fuel -> minimum share of its carrier's energy (0..1)")
    policies: list[str] = Field(
        default_factory=list, description="policies of the sector's data/policies.toml to "
        "switch on (e.g. imo-nzf, refueleu, eu-hdv-co2); their compliance is reported")
    carbon_price_basis: Literal["tank-to-wake", "well-to-wake"] = Field(
        "tank-to-wake", description="emissions the carbon price is paid on: on-board only, "
        "or also upstream (well-to-tank) of each fuel")

    @model_validator(mode="after")
    def _growth_has_a_start(self) -> Transport:
        if self.activity_growth and self.growth_from is None:
            raise ValueError("activity_growth needs growth_from, the first year grown (e.g. "
                             "2025 keeps the published path, COVID-19 dip included, to 2024)")
        if self.growth_from is not None and not self.activity_growth:
            raise ValueError("growth_from without activity_growth changes nothing")
        return self


UNCERTAIN_TARGETS = ("carbon_price", "demand", "discount_rate", "price.<commodity>",
                     "capex.<technology>", "emission_factor.<commodity>")
_DISTRIBUTION_FIELDS: dict[str, tuple[set[str], set[str]]] = {  # needed, optional
    "uniform": ({"low", "high"}, set()),
    "triangular": ({"low", "mode", "high"}, set()),
    "normal": ({"mean", "sd"}, {"low", "high"}),
    "paths": ({"paths"}, {"weights"}),
}


def _check_target(target: str) -> str:
    kind, _, item = target.partition(".")
    if (kind in ("carbon_price", "demand", "discount_rate") and not item) or (
            kind in ("price", "capex", "emission_factor") and item):
        return target
    raise ValueError(f"unknown target {target!r}; targets are {', '.join(UNCERTAIN_TARGETS)}")


class Uncertain(_Strict):
    """One uncertain input of a sweep (``sectorpath sweep``, docs/ensemble.md); a run ignores it.

    ``target`` is what it changes: ``carbon_price``, ``price.<commodity>`` (a fuel in transport),
    ``demand`` (activity in transport), ``discount_rate``, ``capex.<technology>`` (a powertrain
    in transport) or ``emission_factor.<commodity>``. A drawn number multiplies the target as the
    scenario sets it (1.0: unchanged), except for ``discount_rate`` where it is the rate itself.
    ``distribution = "paths"`` draws one of ``paths`` (year -> value in the target's unit)
    instead, for ``carbon_price`` and ``price.*`` only.
    """

    target: Annotated[str, AfterValidator(_check_target)]
    distribution: Literal["uniform", "normal", "triangular", "paths"]
    low: float | None = Field(None, description="uniform, triangular: lowest value; normal: "
                              "optional truncation")
    high: float | None = Field(None, description="uniform, triangular: highest value; normal: "
                               "optional truncation")
    mode: float | None = Field(None, description="triangular: most likely value")
    mean: float | None = Field(None, description="normal: mean")
    sd: float | None = Field(None, gt=0, description="normal: standard deviation")
    paths: list[Path_] = Field(default_factory=list, description="paths: the candidate paths")
    weights: list[Annotated[float, Field(ge=0)]] = Field(
        default_factory=list, description="paths: relative weight of each path (default equal)")

    @model_validator(mode="after")
    def _consistent(self) -> Uncertain:
        needed, optional = _DISTRIBUTION_FIELDS[self.distribution]
        given = {name for name in ("low", "high", "mode", "mean", "sd", "paths", "weights")
                 if getattr(self, name) not in (None, [])}
        if needed - given:
            raise ValueError(f"distribution {self.distribution!r} needs {sorted(needed)}")
        if given - needed - optional:
            raise ValueError(f"{sorted(given - needed - optional)} not used by distribution "
                             f"{self.distribution!r}, which takes {sorted(needed | optional)}")
        low, high, mode = self.low, self.high, self.mode
        if low is not None and high is not None and not low < high:
            raise ValueError(f"low ({low}) must be below high ({high})")
        if mode is not None and low is not None and high is not None and not low <= mode <= high:
            raise ValueError(f"mode ({mode}) must lie between low ({low}) and high ({high})")
        if self.weights and (len(self.weights) != len(self.paths) or not sum(self.weights) > 0):
            raise ValueError("weights: one per path, not all zero")
        if self.paths and not self.target.startswith(("carbon_price", "price.")):
            raise ValueError(f"distribution 'paths' is for carbon_price and price.* targets, "
                             f"not {self.target!r}")
        return self


def _share_path(path: YearPath) -> YearPath:
    if max(path.values()) > 1:
        raise ValueError(f"share {max(path.values())} above 1; shares are fractions 0..1")
    return path


class EndOfLifeAccounting(_Strict):
    """The carbon in products followed to its fate (sectors with ``end_of_life.csv``)."""

    account: bool = Field(False, description="count the carbon released at end of life as "
                          "Emissions|CO2|<sector>|End of Life")
    case: str | None = Field(None, description="fate case of end_of_life.csv (default: the "
                             "first case)")
    recycling_rate: Annotated[Path_, AfterValidator(_share_path)] | None = Field(
        None, description="share of the products' carbon recycled, 0..1, replacing the case's; "
        "released and stored keep their ratio; more recycling lowers virgin demand")


class FleetEconomics(_Strict):
    """Economics of a fleet sector: the discount rate of its TCO (vehicle lifetimes set the
    horizon)."""

    discount_rate: float = Field(0.07, gt=0, lt=0.5, description="real, per year")


class FleetCases(_Strict):
    """Which published case of each fuel price series to use (see the sector's SOURCES.md)."""

    prices: dict[str, str] = Field(default_factory=dict, description="fuel -> case")


class ScenarioBase(_Strict):
    """Fields every kind of sector reads; each kind adds its own (``PlantScenario``,
    ``FleetScenario``) and a field the kind does not use is rejected by name."""

    kind: str
    name: str
    sector: str
    description: str = ""
    extends: str | None = None
    carbon_price: Path_ = Field(default_factory=lambda: {FIRST_YEAR: 0.0},
                                description="USD_2020/t CO2")
    prices: dict[str, Path_] = Field(
        default_factory=dict, description="price path overrides by commodity or fuel, all "
        "regions")
    availability: dict[str, Annotated[int, Field(ge=EARLIEST_YEAR, le=2100)]] = Field(
        default_factory=dict, description="technology (industry) or powertrain (transport) -> "
        "first year it may be chosen, replacing the published available_from; a year after "
        "the horizon means never")
    phase_out: dict[str, dict[str, Annotated[int, Field(ge=FIRST_YEAR, le=2100)]]] = Field(
        default_factory=dict, description="industry: technology -> region (or World) -> first "
        "year it may no longer be chosen at any decision, renewal included (existing plants "
        "run until their next decision), e.g. a moratorium on unabated kilns or a fuel "
        "unavailable in some regions")
    uncertainty: dict[str, Uncertain] = Field(
        default_factory=dict, description="uncertain parameters by name, drawn by `sectorpath "
        "sweep` (docs/ensemble.md); a single run ignores them")


class PlantScenario(ScenarioBase):
    """A scenario of an industrial (plant-based) sector."""

    kind: Literal["plant"] = "plant"
    choice: Choice = Field(default_factory=Choice)
    economics: Economics = Field(default_factory=Economics)
    cases: Cases = Field(default_factory=Cases)
    demand: Demand = Field(default_factory=Demand)
    constraints: Constraints = Field(default_factory=Constraints)
    end_of_life: EndOfLifeAccounting = Field(default_factory=EndOfLifeAccounting)


class FleetScenario(ScenarioBase):
    """A scenario of a transport (fleet) sector."""

    kind: Literal["fleet"] = "fleet"
    economics: FleetEconomics = Field(default_factory=FleetEconomics)
    cases: FleetCases = Field(default_factory=FleetCases)
    demand: FleetDemand = Field(default_factory=FleetDemand)
    transport: Transport = Field(default_factory=Transport)


Scenario = Annotated[PlantScenario | FleetScenario, Field(discriminator="kind")]
"""A built-in kind's scenario; a sector of another kind brings its own ``ScenarioBase``."""


def builtin_dir(sector: str) -> Path:
    """Folder of a sector's built-in scenarios: ``scenarios/`` in the sector's folder."""
    from sectorpath.models import get_model

    return get_model(sector).folder / "scenarios"


def builtin_names(sector: str) -> list[str]:
    """Names of the built-in scenarios of a sector."""
    return sorted(p.stem for p in builtin_dir(sector).glob("*.toml"))


def load_scenario(sector: str, name_or_path: str | Path) -> ScenarioBase:
    """Load a built-in scenario by name or a user's scenario file by path, validated against
    the scenario type of the sector's kind."""
    path = _resolve(sector, name_or_path, origin=None)
    raw = _merged(sector, path, seen=())
    scenario = validate_scenario(sector, raw, path)
    if scenario.sector != sector:
        raise InputError(path, "sector", f"scenario is for {scenario.sector!r}, not {sector!r}",
                         allowed=[sector])
    return scenario


def validate_scenario(sector: str, raw: dict[str, Any], source: str | Path) -> ScenarioBase:
    """``raw`` validated as a scenario of ``sector``'s kind; InputError names file and field.

    The kind comes from the sector (a file may state it, and must then state the right one).
    """
    from sectorpath.models import get_model

    scenario_type = get_model(str(raw.get("sector", sector))).scenario_type
    try:
        return scenario_type.model_validate(raw)
    except ValidationError as exc:
        raise explain_validation_error(Path(source), exc, scenario_type) from None


def _resolve(sector: str, name_or_path: str | Path, origin: Path | None) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml":
        if origin is not None and not candidate.is_absolute():
            candidate = origin.parent / candidate
        if not candidate.is_file():
            raise InputError(origin or candidate, "extends" if origin else "scenario",
                             f"{candidate} is a folder" if candidate.is_dir()
                             else f"file not found: {candidate}", allowed="a .toml file")
        return candidate
    builtin = builtin_dir(sector) / f"{name_or_path}.toml"
    if not builtin.exists():
        raise InputError(
            origin or "scenario", "extends" if origin else "scenario",
            f"no built-in {sector} scenario named {str(name_or_path)!r}",
            allowed=[*builtin_names(sector), "a path to a .toml file"],
        )
    return builtin


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "(file)", f"malformed TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, "(file)", f"not UTF-8 text (byte {exc.start})",
                         allowed="a TOML file saved as UTF-8") from None
    except OSError as exc:
        raise InputError(path, "(file)", f"cannot be read ({exc.strerror})",
                         allowed="a readable .toml file") from None


def _merged(sector: str, path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path.resolve() in seen:
        raise InputError(path, "extends", "scenarios extend each other in a cycle")
    raw = _read_toml(path)
    parent_name = raw.get("extends")
    if parent_name is None:
        return raw
    if not isinstance(parent_name, str):
        raise InputError(path, "extends", "must be a string", allowed=builtin_names(sector))
    parent_path = _resolve(sector, parent_name, origin=path)
    parent = _merged(sector, parent_path, (*seen, path.resolve()))
    merged = _deep_merge(parent, raw)
    merged["extends"] = parent_name
    return merged


def _deep_merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and not _is_year_path(value):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _is_year_path(value: dict[str, Any]) -> bool:
    return bool(value) and all(str(k).lstrip("-").isdigit() for k in value)


def explain_validation_error(path: Path, exc: ValidationError,
                             root: type[BaseModel]) -> InputError:
    """The first validation error as an InputError naming file, dotted field and allowed."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"])
    allowed: str | list[str] | None = None
    if error["type"] == "extra_forbidden":
        allowed = _fields_at(root, error["loc"][:-1])
        problem = "unknown field"
    elif error["type"] == "literal_error":
        problem = f"value {error.get('input')!r} is not allowed"
        allowed = str(error.get("ctx", {}).get("expected", ""))
    else:
        problem = f"{error['msg']} (got {error.get('input')!r})"
    return InputError(path, field, problem, allowed=allowed)


def _fields_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    model = root
    for part in loc:
        annotation = model.model_fields[str(part)].annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            return []
    return list(model.model_fields)

"""From a sector's validated tables and a scenario to the dense arrays the engine runs on.

Index order everywhere: year (Y), region (R), technology (T), commodity (C).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath import end_of_life
from sectorpath.diffusion import Diffusion, build_diffusion, load_diffusion
from sectorpath.errors import InputError, reject_unknown
from sectorpath.scenarios.model import PlantScenario, YearPath
from sectorpath.sectors.base import SHARED_RESOURCE_UNITS, Sector
from sectorpath.tables import WORLD, YEARS, check_known, choose_cases, read_table
from sectorpath.tolerances import AMOUNT, NONZERO

#: Accounting commodities whose intensity (t CO2 per t product) is itself scope-1 CO2.
CO2_ACCOUNTING = {"process_emissions": 1.0, "captured_co2": -1.0, "used_co2": -1.0}


@dataclass(frozen=True)
class SectorData:
    """A sector's tables, validated and cross-checked (technology, region and case names)."""

    sector: Sector
    technologies: pd.DataFrame
    assets: pd.DataFrame
    costs: pd.DataFrame
    intensities: pd.DataFrame
    prices: pd.DataFrame
    emission_factors: pd.DataFrame
    demand: pd.DataFrame
    limits: pd.DataFrame
    production_2020: pd.DataFrame | None
    end_of_life: pd.DataFrame | None = None  # fate of the product's carbon, if followed
    diffusion: tuple[pd.DataFrame, pd.DataFrame] | None = None
    """Ramp-up limits and project pipeline (``diffusion.py``), if the sector has them."""
    statistics: pd.Series | None = None
    """Published World production by year, Mt (``statistics.csv``), if the sector has it."""

    @property
    def tech_names(self) -> list[str]:
        return list(self.technologies["technology"])

    @property
    def regions(self) -> list[str]:
        return sorted(self.demand["region"].unique())

    @property
    def commodities(self) -> list[str]:
        return sorted(self.intensities["commodity"].unique())


def load_sector_data(sector: Sector, data_dir: Path | None = None) -> SectorData:
    """Read and validate every table of ``sector`` (from ``data_dir`` or its packaged data)."""
    return _load_cached(sector, data_dir or sector.data_dir)


@cache
def _load_cached(sector: Sector, data_dir: Path) -> SectorData:
    def table(name: str) -> pd.DataFrame:
        return read_table(data_dir / f"{name}.csv", name)

    technologies = table("technologies")
    technologies = technologies[
        ~technologies["technology"].isin(sector.excluded_technologies)
    ].reset_index(drop=True)
    techs = list(technologies["technology"])
    demand = table("demand")
    regions = sorted(demand["region"].unique())
    frames = {name: table(name) for name in
              ("assets", "costs", "intensities", "prices", "emission_factors", "limits")}
    for name in ("costs", "intensities"):
        frames[name] = frames[name][~frames[name]["technology"].isin(sector.excluded_technologies)]
    for name in ("assets", "costs", "intensities"):
        check_known(data_dir / f"{name}.csv", frames[name], "technology", techs)
    for name in ("assets", "costs", "intensities", "prices", "emission_factors", "limits"):
        check_known(data_dir / f"{name}.csv", frames[name], "region", regions, extra=[WORLD])
    _check_complete(data_dir / "costs.csv", frames["costs"], techs)
    production_path = data_dir / "production_2020.csv"
    production = (read_table(production_path, "production_2020")
                  if production_path.exists() else None)
    asset_size = sector.new_asset_capacity or float(frames["assets"]["capacity"].mean())
    return SectorData(sector, technologies, frames["assets"], frames["costs"],
                      frames["intensities"], frames["prices"], frames["emission_factors"],
                      demand, frames["limits"], production,
                      _fates(data_dir / "end_of_life.csv") if sector.end_of_life else None,
                      load_diffusion(data_dir, techs, regions, asset_size),
                      _statistics(data_dir / "statistics.csv"))


def _fates(path: Path) -> pd.DataFrame:
    """The fate shares of a product's carbon; each row's shares must add up to 1."""
    frame = read_table(path, "end_of_life")
    total = frame[list(end_of_life.FATES)].sum(axis=1)
    wrong = frame[(total - 1.0).abs() > AMOUNT]
    if not wrong.empty:
        row = wrong.index[0]
        raise InputError(path, "released", f"shares add up to {total[row]:g} in "
                         f"{wrong.loc[row, 'year']} (case {wrong.loc[row, 'case']!r})",
                         allowed="released + stored + recycled = 1")
    return frame


#: Name of a sector's own main-cycle switches among its switch rules.
STANDARD_SWITCHES = "standard"

#: Years over which demand returns from the published statistics to its own case.
STATISTICS_FADE_YEARS = 6


def _statistics(path: Path) -> pd.Series | None:
    """World production by year from ``statistics.csv`` (columns year, value, unit, source)."""
    if not path.exists():
        return None
    frame = read_table(path, "statistics")
    return frame.set_index("year")["value"].astype(float)


def anchor_to_statistics(demand: np.ndarray, statistics: pd.Series | None,
                         scale: float = 1.0) -> np.ndarray:
    """(Y, R) demand scaled so that World demand equals the published production (times the
    scenario's demand ``scale``) in the years the statistics cover, the scaling fading
    linearly to none over the next ``STATISTICS_FADE_YEARS`` years; regions keep their
    shares."""
    if statistics is None:
        return demand
    world = demand.sum(axis=1)
    known = np.isin(YEARS, statistics.index.to_numpy())
    factor = np.ones(YEARS.size)
    factor[known] = (statistics.reindex(YEARS[known]).to_numpy() * scale
                     / np.maximum(world[known], NONZERO))
    last = int(YEARS[known].max())
    after = (last < YEARS) & (last + STATISTICS_FADE_YEARS >= YEARS)
    weight = 1.0 - (YEARS[after] - last) / STATISTICS_FADE_YEARS
    factor[after] = 1.0 + (factor[known][-1] - 1.0) * weight
    return demand * factor[:, None]


def _check_complete(path: Path, costs: pd.DataFrame, techs: list[str]) -> None:
    missing = sorted(set(techs) - set(costs["technology"]))
    if missing:
        raise InputError(path, "technology", f"no cost rows for {missing[0]!r}",
                         allowed="one row per technology and year")


@dataclass(frozen=True)
class DecisionRule:
    """A scenario's choice rule as the engine applies it."""

    cost_weight: float  # weight of TCO in the rank score
    abatement_weight: float  # weight of scope 1+2 emissions
    cost_bands: tuple[float, ...]  # TCO ratios bounding the lottery bands (empty: strict)
    seed: int  # seed of the lottery among equals
    transitional_switches: bool  # whether assets may switch between main cycles


@dataclass(frozen=True)
class EconomicsRule:
    """A scenario's economics as the engine applies them."""

    discount_rate: float  # real, per year
    tco_horizon_years: int  # years of opex in the TCO
    carbon_price_scopes: tuple[int, ...]  # scopes (1, 2) whose emissions pay the carbon price


@dataclass(frozen=True)
class ModelInputs:
    """Dense arrays for one sector under one scenario (units in the comments)."""

    sector: Sector
    scenario_name: str
    rule: DecisionRule  # how assets at a decision rank their options
    economics: EconomicsRule  # discounting and which scopes pay the carbon price
    years: np.ndarray  # (Y,)
    regions: list[str]
    technologies: list[str]
    commodities: list[str]
    phase: np.ndarray  # (T,) 0 initial, 1 transition, 2 end-state
    intensity: np.ndarray  # (Y, R, T, C) commodity per t product
    output_flow: np.ndarray  # (R, T, C) bool: a by-product sold (its price is revenue)
    price: np.ndarray  # (Y, R, C) USD per commodity unit
    emission_factor: np.ndarray  # (3, Y, R, C) t CO2 per commodity unit, scope 1..3
    greenfield_capex: np.ndarray  # (Y, R, T) USD per t annual capacity
    renewal_capex: np.ndarray  # (Y, R, T)
    fixed_opex: np.ndarray  # (Y, R, T) USD per t product (fixed and other variable opex)
    available: np.ndarray  # (Y, T) bool
    main_switch: np.ndarray  # (T, T) bool, from -> to
    transitional_switch: np.ndarray  # (T, T) bool
    new_build: np.ndarray  # (T,) bool
    demand: np.ndarray  # (Y, R) Mt product
    limits: dict[str, np.ndarray]  # resource -> (Y, R) or (Y, 1) cap in the limit's unit
    limit_use: dict[str, np.ndarray]  # resource -> (Y, R, T) use per Mt product, limit unit
    limit_units: dict[str, str]  # resource -> unit of its cap and use
    enforced: frozenset[str]  # limits that also move existing assets off the resource
    carbon_price: np.ndarray  # (Y,) USD/t CO2
    carbon_budget: np.ndarray | None  # (Y,) Mt CO2/yr
    carbon_budget_total: float | None  # Gt CO2 2020-2050, turned into a path after year one
    max_switching: np.ndarray  # (Y,) Mt/yr of capacity that may change technology (inf: no cap)
    asset_ids: np.ndarray  # (N,) str
    asset_region: np.ndarray  # (N,) int
    asset_technology: np.ndarray  # (N,) int
    asset_capacity: np.ndarray  # (N,) Mt/yr
    asset_start_year: np.ndarray  # (N,) int
    production_2020: np.ndarray | None  # (R,) Mt, calibration of the first year
    product_carbon_fate: np.ndarray | None = None  # (Y, 3) released/stored/recycled shares
    end_of_life_counted: bool = False  # released product carbon counts in the net-zero check

    diffusion: Diffusion | None = None  # ramp-up limits on adopting technologies
    barred: np.ndarray | None = None  # (Y, R, T) bool: may not be chosen, renewal included
    # resource -> (Y, R) or (Y, 1) cap on use since the first year, for limits declared
    # cumulative (their ``limits`` entry is then the yearly figure, reported, not enforced)
    cumulative_caps: dict[str, np.ndarray] = field(default_factory=dict)
    # True: ``carbon_budget`` is a line at which main-cycle switching stops for the year
    # (MPP's lc), not a target that pulls abatement forward
    budget_stops_switching: bool = False

    @property
    def declaration(self) -> Sector:
        return self.sector

    @property
    def shape(self) -> tuple[int, int, int, int]:
        return len(self.years), len(self.regions), len(self.technologies), len(self.commodities)


def interpolate_path(path: YearPath, years: np.ndarray = YEARS) -> np.ndarray:
    """Linear interpolation of a year->value path over ``years``; flat outside the given years."""
    known = np.array(sorted(path), dtype=float)
    values = np.array([path[int(y)] for y in known], dtype=float)
    return np.interp(years.astype(float), known, values)


def build_inputs(data: SectorData, scenario: PlantScenario,
                 caps: dict[str, np.ndarray] | None = None) -> ModelInputs:
    """Apply a scenario (cases, overrides, carbon price) to a sector's data.

    ``caps`` are external world caps on resources this sector shares with others (resource ->
    (Y,) in the resource's unit, see ``Sector.shared_resources``), e.g. its allocation of
    green hydrogen in a cross-sector run; they bind like the sector's own limits.
    """
    sector = data.sector
    regions, techs, commodities = data.regions, data.tech_names, data.commodities
    dims = _Dims(regions, techs, commodities, scenario.name)
    phase = data.technologies["phase"].map({"initial": 0, "transition": 1, "end-state": 2})
    price = dims.price_cube(data.prices, scenario)
    intensity = dims.intensity_cube(data.intensities)
    _apply_price_overrides(price, scenario, dims)
    fate = _product_carbon_fate(data, scenario)
    demand = _demand(data, scenario, regions)
    if fate is not None and sector.end_of_life is not None:
        demand = demand * end_of_life.virgin_demand_factor(
            fate, sector.end_of_life.recycled_displaces_virgin)[:, None]
    return ModelInputs(
        sector=sector,
        scenario_name=scenario.name,
        rule=DecisionRule(*scenario.choice.weights(), tuple(scenario.choice.cost_bands),
                          scenario.choice.seed, scenario.choice.transitional_switches),
        economics=EconomicsRule(scenario.economics.discount_rate,
                                scenario.economics.tco_horizon_years,
                                tuple(scenario.economics.carbon_price_scopes)),
        years=YEARS,
        regions=regions,
        technologies=techs,
        commodities=commodities,
        phase=phase.to_numpy(dtype=int),
        intensity=intensity,
        output_flow=dims.output_flags(data.intensities),
        price=price,
        emission_factor=dims.emission_cube(data.emission_factors, scenario),
        greenfield_capex=dims.cost_cube(data.costs, "greenfield_capex"),
        renewal_capex=dims.cost_cube(data.costs, "renewal_capex"),
        fixed_opex=dims.cost_cube(data.costs, "fixed_opex")
        + (dims.cost_cube(data.costs, "variable_opex") if "variable_opex" in data.costs else 0.0),
        available=_availability(data.technologies, scenario),
        main_switch=_switch_matrix(techs, _main_switches(sector, scenario), phase.to_numpy(),
                                   by_phase=True),
        transitional_switch=_switch_matrix(techs, sector.transitional_switches, None,
                                           by_phase=False),
        new_build=np.array([not sector.new_build_technologies or t in sector.new_build_technologies
                            for t in techs]),
        demand=anchor_to_statistics(demand, data.statistics,
                                    scenario.demand.scale),
        limits={**_limits(data, scenario, regions), **_shared_caps(caps)},
        cumulative_caps=_limits(data, scenario, regions, column="cumulative"),
        limit_use={**_limit_use(sector, dims, intensity),
                   **_shared_use(sector, dims, intensity, caps)},
        limit_units={**{str(k): str(v) for k, v in
                        data.limits.groupby("resource")["unit"].first().items()},
                     **{f"shared:{k}": SHARED_RESOURCE_UNITS[k] for k in caps or {}}},
        enforced=frozenset([*(spec.resource for spec in sector.limits if spec.enforce_on_stock),
                            *(f"shared:{name}" for name in caps or {})]),
        carbon_price=interpolate_path(scenario.carbon_price),
        carbon_budget=(interpolate_path(scenario.constraints.carbon_budget)
                       if scenario.constraints.carbon_budget else None),
        carbon_budget_total=scenario.constraints.carbon_budget_total,
        max_switching=_until_last(scenario.constraints.max_switching_capacity),
        asset_ids=data.assets["asset_id"].to_numpy(dtype=str),
        asset_region=_codes(data.assets["region"], regions),
        asset_technology=_codes(data.assets["technology"], techs),
        asset_capacity=data.assets["capacity"].to_numpy(dtype=float),
        asset_start_year=data.assets["start_year"].to_numpy(dtype=int),
        production_2020=_production_2020(data, regions),
        product_carbon_fate=fate,
        end_of_life_counted=fate is not None and scenario.end_of_life.account,
        diffusion=build_diffusion(data.diffusion, scenario.constraints.diffusion, techs, YEARS,
                                  scenario.name),
        barred=_phase_out(scenario, techs, regions),
    )


def _product_carbon_fate(data: SectorData, scenario: PlantScenario) -> np.ndarray | None:
    """(Y, 3) fate shares of the carbon in products the scenario asks for; None if the sector
    follows none (then a scenario asking for end-of-life accounting is refused)."""
    chosen = scenario.end_of_life
    where = f"scenario {scenario.name!r}"
    if data.end_of_life is None:
        if chosen.account or chosen.case or chosen.recycling_rate:
            raise InputError(where, "end_of_life", f"sector {data.sector.name!r} follows no "
                             "carbon in its products", allowed="no [end_of_life] section")
        return None
    cases = list(dict.fromkeys(data.end_of_life["case"]))
    case = chosen.case or cases[0]
    if case not in cases:
        raise InputError(where, "end_of_life.case", f"unknown case {case!r}", allowed=cases)
    rate = interpolate_path(chosen.recycling_rate) if chosen.recycling_rate else None
    return end_of_life.fate_shares(data.end_of_life, case, YEARS, rate)


def _codes(values: pd.Series, names: list[str]) -> np.ndarray:
    return pd.Categorical(values, categories=names).codes.astype(np.int64)


@dataclass(frozen=True)
class _Dims:
    regions: list[str]
    techs: list[str]
    commodities: list[str]
    scenario_name: str

    def expand_regions(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Replace ``World`` rows by one row per region; a region's own row wins."""
        world = frame[frame["region"] == WORLD]
        own = frame[frame["region"] != WORLD]
        expanded = world.drop(columns="region").merge(
            pd.DataFrame({"region": self.regions}), how="cross")
        keys = [c for c in frame.columns if c not in ("value", "unit", "source")]
        both = pd.concat([own, expanded], ignore_index=True)
        return both.drop_duplicates(subset=keys, keep="first")

    def intensity_cube(self, frame: pd.DataFrame) -> np.ndarray:
        """(Y, R, T, C); a table without a ``year`` column applies to every year."""
        frame = self.expand_regions(frame)
        shape = (len(YEARS), len(self.regions), len(self.techs), len(self.commodities))
        r = _codes(frame["region"], self.regions)
        t = _codes(frame["technology"], self.techs)
        c = _codes(frame["commodity"], self.commodities)
        values = frame["value"].to_numpy(float)
        if "year" not in frame.columns:
            cube = np.zeros(shape[1:])
            cube[r, t, c] = values
            return np.broadcast_to(cube, shape).copy()
        cube = np.full(shape, np.nan)
        cube[frame["year"].to_numpy(int) - YEARS[0], r, t, c] = values
        return np.nan_to_num(_fill_years(cube))

    def output_flags(self, frame: pd.DataFrame) -> np.ndarray:
        flags = np.zeros((len(self.regions), len(self.techs), len(self.commodities)), bool)
        if "flow" in frame.columns:
            frame = self.expand_regions(frame[frame["flow"] == "output"])
            flags[_codes(frame["region"], self.regions), _codes(frame["technology"], self.techs),
                  _codes(frame["commodity"], self.commodities)] = True
        return flags

    def cost_cube(self, frame: pd.DataFrame, column: str) -> np.ndarray:
        """(Y, R, T) from rows technology/region/year, regions expanded, years filled flat."""
        frame = self.expand_regions(frame.rename(columns={column: "value"})[
            ["technology", "region", "year", "value"]])
        cube = np.full((len(YEARS), len(self.regions), len(self.techs)), np.nan)
        cube[frame["year"].to_numpy(int) - YEARS[0], _codes(frame["region"], self.regions),
             _codes(frame["technology"], self.techs)] = frame["value"].to_numpy(float)
        return np.nan_to_num(_fill_years(cube))

    def _select_case(self, frame: pd.DataFrame, chosen: dict[str, str], table: str,
                     fallback: dict[str, str] | None = None) -> pd.DataFrame:
        """Keep, for each commodity, the rows of the case the scenario chose."""
        return choose_cases(frame, "commodity", chosen, f"scenario {self.scenario_name!r}",
                            f"cases.{table}", fallback)

    def year_cube(self, frame: pd.DataFrame) -> np.ndarray:
        """(Y, R, C) cube from rows commodity/region/year/value, years filled flat."""
        frame = self.expand_regions(frame)
        frame = frame[frame["commodity"].isin(self.commodities)]
        cube = np.full((len(YEARS), len(self.regions), len(self.commodities)), np.nan)
        y = frame["year"].to_numpy(int) - YEARS[0]
        r = _codes(frame["region"], self.regions)
        c = _codes(frame["commodity"], self.commodities)
        cube[y, r, c] = frame["value"].to_numpy(float)
        return _fill_years(cube)

    def price_cube(self, frame: pd.DataFrame, scenario: PlantScenario) -> np.ndarray:
        reject_unknown(f"scenario {self.scenario_name!r}", "cases.prices",
                       scenario.cases.prices, frame["commodity"].astype(str))
        frame = frame[frame["commodity"].isin(self.commodities)]
        chosen = self._select_case(frame, scenario.cases.prices, "prices")
        return np.nan_to_num(self.year_cube(chosen))

    def emission_cube(self, frame: pd.DataFrame, scenario: PlantScenario) -> np.ndarray:
        cube = np.zeros((3, len(YEARS), len(self.regions), len(self.commodities)))
        reject_unknown(f"scenario {self.scenario_name!r}", "cases.emission_factors",
                       scenario.cases.emission_factors, frame["commodity"].astype(str))
        frame = frame[frame["commodity"].isin(self.commodities)]
        for scope in (1, 2, 3):
            rows = frame[frame["scope"] == scope]
            chosen = self._select_case(rows, scenario.cases.emission_factors,
                                       "emission_factors", fallback=scenario.cases.prices)
            cube[scope - 1] = np.nan_to_num(self.year_cube(chosen))
        for commodity, sign in CO2_ACCOUNTING.items():
            if commodity in self.commodities:
                cube[0, :, :, self.commodities.index(commodity)] = sign
        return cube


def _fill_years(cube: np.ndarray) -> np.ndarray:
    """Fill missing years of each (region, commodity) series by linear interpolation, flat ends."""
    flat = cube.reshape(len(YEARS), -1)
    for column in np.flatnonzero(np.isnan(flat).any(axis=0) & ~np.isnan(flat).all(axis=0)):
        series = flat[:, column]
        known = ~np.isnan(series)
        flat[:, column] = np.interp(YEARS, YEARS[known], series[known])
    return flat.reshape(cube.shape)


def _apply_price_overrides(price: np.ndarray, scenario: PlantScenario, dims: _Dims) -> None:
    for commodity, path in scenario.prices.items():
        if commodity not in dims.commodities:
            raise InputError(f"scenario {scenario.name!r}", f"prices.{commodity}",
                             "unknown commodity", allowed=dims.commodities)
        price[:, :, dims.commodities.index(commodity)] = interpolate_path(path)[:, None]


def _until_last(path: YearPath | None) -> np.ndarray:
    """A path interpolated up to its last year and unlimited (inf) afterwards."""
    if not path:
        return np.full(YEARS.size, np.inf)
    return np.where(max(path) >= YEARS, interpolate_path(path), np.inf)


def _availability(technologies: pd.DataFrame, scenario: PlantScenario) -> np.ndarray:
    """(Y, T) whether each technology may be chosen; ``scenario.availability`` replaces the
    published first year of the technologies it names."""
    names = list(technologies["technology"])
    start = technologies["available_from"].to_numpy(int).copy()
    for name, year in scenario.availability.items():
        if name not in names:
            raise InputError(f"scenario {scenario.name!r}", f"availability.{name}",
                             "unknown technology", allowed=names)
        start[names.index(name)] = year
    end = technologies["available_until"].to_numpy(int)
    return (YEARS[:, None] >= start[None, :]) & (YEARS[:, None] <= end[None, :])


def _phase_out(scenario: PlantScenario, techs: list[str], regions: list[str]) -> np.ndarray | None:
    """(Y, R, T) technologies a scenario phases out, by region and year (None: none)."""
    if not scenario.phase_out:
        return None
    barred = np.zeros((YEARS.size, len(regions), len(techs)), dtype=bool)
    for tech, by_region in scenario.phase_out.items():
        if tech not in techs:
            raise InputError(f"scenario {scenario.name!r}", f"phase_out.{tech}",
                             "unknown technology", allowed=techs)
        for region, year in by_region.items():
            if region not in (*regions, WORLD):
                raise InputError(f"scenario {scenario.name!r}", f"phase_out.{tech}.{region}",
                                 "unknown region", allowed=[*regions, WORLD])
            where = slice(None) if region == WORLD else regions.index(region)
            barred[year <= YEARS, where, techs.index(tech)] = True
    return barred


def _main_switches(sector: Sector, scenario: PlantScenario) -> dict[str, tuple[str, ...]]:
    """The sector's main-cycle switches (``standard``), or the named rule the scenario
    chooses."""
    rules = {STANDARD_SWITCHES: sector.main_switches, **sector.switch_rules}
    rule = scenario.constraints.switch_rule
    reject_unknown(f"scenario {scenario.name!r}", "constraints.switch_rule", [rule], rules)
    return rules[rule]


def _switch_matrix(techs: list[str], declared: dict[str, tuple[str, ...]],
                   phase: np.ndarray | None, by_phase: bool) -> np.ndarray:
    """Allowed switches from row to column (by default never to an earlier phase)."""
    n = len(techs)
    if by_phase and phase is not None:
        matrix = phase[None, :] >= phase[:, None]
    else:
        matrix = np.zeros((n, n), dtype=bool)
    index = {t: i for i, t in enumerate(techs)}
    for source, targets in declared.items():
        if source not in index:
            continue
        matrix[index[source]] = False
        for target in targets:
            if target in index:
                matrix[index[source], index[target]] = True
    return matrix


def _demand(data: SectorData, scenario: PlantScenario, regions: list[str]) -> np.ndarray:
    rows = data.demand[data.demand["product"] == data.sector.product]
    cases = sorted(rows["scenario"].unique())
    if scenario.demand.case not in cases:
        raise InputError(f"scenario {scenario.name!r}", "demand.case",
                         f"unknown demand case {scenario.demand.case!r}", allowed=cases)
    rows = rows[rows["scenario"] == scenario.demand.case]
    table = rows.pivot_table(index="year", columns="region", values="value", aggfunc="sum")
    table = table.reindex(index=YEARS, columns=regions).interpolate(limit_direction="both")
    demand = table.fillna(0.0).to_numpy(float) * scenario.demand.scale
    if scenario.demand.world_path:
        world = interpolate_path(scenario.demand.world_path)
        shares = demand / np.maximum(demand.sum(axis=1, keepdims=True), NONZERO)
        demand = shares * world[:, None]
    _check_memory(data, demand, scenario.name)
    return demand


#: Memory one asset takes over a run (its stock arrays and decision rows), bytes: measured on
#: steel at demand scales 1, 5 and 20 (1,340 to 25,188 assets: 1.85 KB per asset).
BYTES_PER_ASSET = 2_000
#: Share of the machine's physical memory a run may plan to use.
MEMORY_SHARE = 0.5


def _check_memory(data: SectorData, demand: np.ndarray, scenario: str) -> None:
    """Refuse a demand path whose new plants would not fit in memory, with the estimate.

    New assets are opened at the sector's new-plant size (or the mean existing size) for the
    growth of demand over what the initial stock can make; each takes ``BYTES_PER_ASSET``.
    """
    sizes = data.assets["capacity"].to_numpy(float)
    size = data.sector.new_asset_capacity or float(sizes.mean())
    growth = max(float(demand.sum(axis=1).max()) - sizes.sum() * data.sector.utilisation_min,
                 0.0)
    assets = len(sizes) + growth / (size * data.sector.utilisation_max)
    needed = assets * BYTES_PER_ASSET
    available = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") * MEMORY_SHARE
    if needed > available:
        raise InputError(f"scenario {scenario!r}", "demand",
                         f"demand up to {demand.sum(axis=1).max():,.0f} Mt/yr needs about "
                         f"{assets:,.0f} plants, {needed / 1e9:,.1f} GB of memory; this "
                         f"machine allows {available / 1e9:,.1f} GB",
                         allowed=f"a demand path under about "
                         f"{available / BYTES_PER_ASSET * size:,.0f} Mt/yr")


def _limits(data: SectorData, scenario: PlantScenario, regions: list[str],
            column: str = "value") -> dict[str, np.ndarray]:
    """Caps per resource, (Y, R) or (Y, 1): the yearly ``value`` of every limit, or with
    ``column="cumulative"`` the cap on use to date of the limits declared cumulative."""
    out: dict[str, np.ndarray] = {}
    reject_unknown(f"scenario {scenario.name!r}", "cases.limits", scenario.cases.limits,
                   [spec.resource for spec in data.sector.limits])
    if not scenario.constraints.resources:
        return out
    for spec in data.sector.limits:
        rows = data.limits[data.limits["resource"] == spec.resource]
        if rows.empty or (column == "cumulative" and not spec.cumulative):
            continue
        rows = choose_cases(rows, "resource", scenario.cases.limits,
                            f"scenario {scenario.name!r}", "cases.limits")
        if rows[column].isna().any():
            raise InputError(data.sector.data_dir / "limits.csv", column,
                             f"empty cell in a row of {spec.resource}",
                             allowed="a number in every row of the resource")
        columns = regions if spec.regional else [WORLD]
        table = rows.pivot_table(index="year", columns="region", values=column, aggfunc="sum")
        table = table.reindex(index=YEARS, columns=columns).interpolate(limit_direction="both")
        out[spec.resource] = table.fillna(np.inf).to_numpy(float) * (1.0 + spec.headroom)
    return out


def _limit_use(sector: Sector, dims: _Dims, intensity: np.ndarray) -> dict[str, np.ndarray]:
    """Use of each limited resource per Mt of product, in the limit's unit: (R, T)."""
    out = {}
    for spec in sector.limits:
        columns = [dims.commodities.index(c) for c in spec.commodities if c in dims.commodities]
        out[spec.resource] = intensity[..., columns].sum(axis=-1) * spec.factor
    return out


def _shared_caps(caps: dict[str, np.ndarray] | None) -> dict[str, np.ndarray]:
    return {f"shared:{name}": np.asarray(cap, float)[:, None] for name, cap in (caps or {}).items()}


def _shared_use(sector: Sector, dims: _Dims, intensity: np.ndarray,
                caps: dict[str, np.ndarray] | None) -> dict[str, np.ndarray]:
    out = {}
    for name in caps or {}:
        if name not in sector.shared_resources:
            raise InputError(f"sector {sector.name!r}", f"caps.{name}",
                             "the sector declares no use of this resource",
                             allowed=list(sector.shared_resources))
        use = np.zeros(intensity.shape[:3])
        for commodity, factor in sector.shared_resources[name]:
            if commodity in dims.commodities:
                use += intensity[..., dims.commodities.index(commodity)] * factor
        out[f"shared:{name}"] = use
    return out


def _production_2020(data: SectorData, regions: list[str]) -> np.ndarray | None:
    """First-year production by region: the calibration table, else assets' utilisation."""
    if data.production_2020 is not None:
        series = data.production_2020.groupby("region")["value"].sum()
    elif "utilisation" in data.assets.columns:
        assets = data.assets
        series = (assets["capacity"] * assets["utilisation"].fillna(0.0)).groupby(
            assets["region"]).sum()
    else:
        return None
    return series.reindex(regions).fillna(0.0).to_numpy(float)

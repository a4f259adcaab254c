"""From a transport sector's tables and a scenario to the arrays of the fleet engine.

Index names: year (Y), market (M: one segment in one region), powertrain (P), fuel (F),
carrier (K: the energy family a powertrain burns, e.g. liquid hydrocarbons), region (R).
Activity is in billions of the sector's unit (pkm, tkm, vkm); intensity in MJ per unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath.errors import InputError, reject_unknown
from sectorpath.inputs import interpolate_path
from sectorpath.policies.compiled import Compiled, compile_policies
from sectorpath.policies.model import Policy, load_policies
from sectorpath.scenarios.model import FleetScenario
from sectorpath.sectors.base import Fleet
from sectorpath.tables import LAST_YEAR, WORLD, check_known, choose_cases, read_table

_POWERTRAIN_COLUMNS = ("capex", "activity_per_vehicle", "intensity", "efficiency_gain",
                       "other_opex", "lifetime_years", "adoption_midpoint",
                       "adoption_steepness", "available_from")


@dataclass(frozen=True)
class FleetData:
    """A transport sector's validated tables."""

    fleet: Fleet
    powertrains: pd.DataFrame
    fleet_base: pd.DataFrame
    activity: pd.DataFrame
    fuels: pd.DataFrame
    mandates: pd.DataFrame
    fuel_limits: pd.DataFrame
    retrofits: pd.DataFrame
    policies: dict[str, Policy] = field(default_factory=dict)  # data/policies.toml
    #: published sales shares by powertrain (data/sales_history.csv), fixed in every scenario
    sales_history: pd.DataFrame = field(default_factory=pd.DataFrame)


@cache
def load_fleet_data(fleet: Fleet, data_dir: Path | None = None) -> FleetData:
    """Read and cross-check every table of a transport sector."""
    folder = data_dir or fleet.data_dir

    def table(name: str, optional: bool = False) -> pd.DataFrame:
        path = folder / f"{name}.csv"
        if optional and not path.exists():
            from sectorpath.tables import SCHEMAS

            return pd.DataFrame(columns=list(SCHEMAS[name].columns))
        return read_table(path, name)

    powertrains = table("powertrains")
    activity = table("activity")
    base = table("fleet_base")
    fuels = table("fuels")
    mandates = table("mandates", optional=True)
    limits = table("fuel_limits", optional=True)
    retrofits = table("retrofits", optional=True)
    history = table("sales_history", optional=True)
    regions = sorted(activity["region"].unique())
    segments = sorted(powertrains["segment"].unique())
    check_known(folder / "activity.csv", activity, "segment", segments)
    check_known(folder / "fleet_base.csv", base, "segment", segments)
    check_known(folder / "fleet_base.csv", base, "powertrain", powertrains["powertrain"])
    check_known(folder / "powertrains.csv", powertrains, "carrier", fuels["carrier"])
    for name, frame in (("fleet_base", base), ("fuels", fuels), ("mandates", mandates),
                        ("fuel_limits", limits)):
        check_known(folder / f"{name}.csv", frame, "region", regions, extra=[WORLD])
    check_known(folder / "fuel_limits.csv", limits, "fuel", fuels["fuel"])
    targets = [*fuels["fuel"], *powertrains["powertrain"]]
    check_known(folder / "mandates.csv", mandates, "target", targets)
    for column in ("from_powertrain", "to_powertrain"):
        check_known(folder / "retrofits.csv", retrofits, column, powertrains["powertrain"])
    check_known(folder / "retrofits.csv", retrofits, "segment", segments)
    check_known(folder / "sales_history.csv", history, "segment", segments)
    check_known(folder / "sales_history.csv", history, "region", regions)
    check_known(folder / "sales_history.csv", history, "powertrain", powertrains["powertrain"])
    return FleetData(fleet, powertrains, base, activity, fuels, mandates, limits, retrofits,
                     load_policies(folder / "policies.toml"), history)


@dataclass(frozen=True)
class FleetInputs:
    """Dense arrays for one transport sector under one scenario."""

    fleet: Fleet
    scenario_name: str
    carbon_price_on_wtt: bool  # the carbon price is paid on well-to-tank emissions too
    years: np.ndarray  # (Y,)
    regions: list[str]
    segments: list[str]
    powertrains: list[str]
    fuels: list[str]
    carriers: list[str]
    market_segment: np.ndarray  # (M,) index into segments
    market_region: np.ndarray  # (M,) index into regions
    offered: np.ndarray  # (M, P) bool: powertrain exists for the market's segment
    attributes: dict[str, np.ndarray]  # name -> (M, P), the powertrains.csv columns
    zero_emission_powertrain: np.ndarray  # (P,) bool
    infrastructure_capex: np.ndarray  # (M, P) million USD per vehicle
    capex: np.ndarray  # (Y, M, P) million USD per vehicle, linear to capex_2050 if given
    powertrain_carrier: np.ndarray  # (P,) index into carriers
    fuel_carrier: np.ndarray  # (F,) index into carriers
    zero_emission_fuel: np.ndarray  # (F,) bool
    activity: np.ndarray  # (Y, M) billion units
    base_activity: np.ndarray  # (M, P) billion units in the first year
    fuel_price: np.ndarray  # (Y, R, F) USD/GJ
    ttw: np.ndarray  # (Y, R, F) t CO2/GJ
    wtt: np.ndarray  # (Y, R, F) t CO2e/GJ
    fuel_floor: np.ndarray  # (Y, R, F) minimum share of the carrier's energy
    fuel_limit: np.ndarray  # (Y, F) PJ/yr world supply (inf: unlimited)
    sales_floor: np.ndarray  # (Y, M, P) minimum share of sales
    sales_fixed: np.ndarray  # (Y, M, P) fixed share of sales (nan: free)
    efficiency_gain: np.ndarray  # (M, P) fraction per year for new vintages
    load_factor: np.ndarray  # (Y,) relative to the first year
    operations_saving: np.ndarray  # (Y,) fraction of energy saved
    carbon_price: np.ndarray  # (Y,) USD/t CO2
    discount_rate: float
    resource_names: list[str]  # shared resources capped from outside (cross-sector runs)
    resource_cap: np.ndarray  # (G, Y) world cap, in the resource's unit
    resource_factor: np.ndarray  # (G, F) resource use per PJ of each fuel
    retrofits: list[Retrofit]  # conversions of existing vehicles to another powertrain
    fleet_growth: np.ndarray  # (M,) growth/yr behind the first-year fleet's age profile
    policies: tuple[Compiled, ...] = ()  # the scenario's transport.policies

    @property
    def declaration(self) -> Fleet:
        return self.fleet

    @property
    def markets(self) -> list[str]:
        return [f"{self.segments[s]}|{self.regions[r]}"
                for s, r in zip(self.market_segment, self.market_region, strict=True)]


def build_fleet_inputs(data: FleetData, scenario: FleetScenario,
                       caps: dict[str, np.ndarray] | None = None) -> FleetInputs:
    """Apply a scenario (activity case and growth, mandates, fuel cases, overrides).

    ``caps``: external world caps on shared resources (resource -> (Y,)), see
    ``Fleet.shared_resources``; fuels drawing on a capped resource are limited jointly.
    """
    fleet = data.fleet
    years = np.arange(fleet.first_year, LAST_YEAR + 1)
    regions = sorted(data.activity["region"].unique())
    segments = sorted(data.powertrains["segment"].unique())
    powertrains = list(dict.fromkeys(data.powertrains["powertrain"]))
    carriers = sorted(data.fuels["carrier"].unique())
    fuels_table = _chosen_fuel_cases(data.fuels, scenario)
    fuels = list(dict.fromkeys(fuels_table["fuel"]))
    markets = (data.activity[["segment", "region"]].drop_duplicates()
               .sort_values(["segment", "region"]).reset_index(drop=True))
    m_seg = pd.Categorical(markets["segment"], categories=segments).codes.astype(int)
    m_reg = pd.Categorical(markets["region"], categories=regions).codes.astype(int)
    attributes, offered = _powertrain_matrix(data.powertrains, markets, powertrains)
    per_powertrain = data.powertrains.drop_duplicates("powertrain").set_index("powertrain")
    fuel_rows = fuels_table.drop_duplicates("fuel").set_index("fuel")
    shape_yrf = (years.size, len(regions), len(fuels))
    activity = _activity(data, scenario, markets, years)
    for name, year in scenario.availability.items():
        attributes["available_from"][:, _index(powertrains, name, scenario, "availability")] = year
    gain = attributes["efficiency_gain"].copy()
    for name, value in scenario.transport.efficiency_gain.items():
        gain[:, _index(powertrains, name, scenario, "transport.efficiency_gain")] = value
    fixed = np.full((years.size, len(markets), len(powertrains)), np.nan)
    for name, path in scenario.transport.sales_share.items():
        fixed[:, :, _index(powertrains, name, scenario, "transport.sales_share")] = (
            interpolate_path(path, years)[:, None])
    # the statistics replace a scenario's fixed shares in the markets and years they cover;
    # the powertrains they do not name share the rest there (never fixed by the scenario)
    history = _sales_history(data.sales_history, years, markets, powertrains)
    published = ~np.isnan(history).all(axis=2, keepdims=True)  # (Y, M, 1)
    fixed = np.where(published, history, fixed)
    attributes["adoption_midpoint"] = _midpoint_through(history, years, attributes)
    return FleetInputs(
        fleet=fleet, scenario_name=scenario.name,
        carbon_price_on_wtt=scenario.transport.carbon_price_basis == "well-to-wake",
        years=years, regions=regions, segments=segments,
        powertrains=powertrains, fuels=fuels, carriers=carriers,
        market_segment=m_seg, market_region=m_reg, offered=offered, attributes=attributes,
        zero_emission_powertrain=per_powertrain.loc[powertrains, "zero_emission"].to_numpy(bool),
        infrastructure_capex=_optional(data.powertrains, markets, powertrains,
                                       "infrastructure_capex"),
        capex=_capex_path(data.powertrains, markets, powertrains, attributes["capex"], years),
        powertrain_carrier=np.array([carriers.index(c) for c in
                                     per_powertrain.loc[powertrains, "carrier"]]),
        fuel_carrier=np.array([carriers.index(c) for c in fuel_rows.loc[fuels, "carrier"]]),
        zero_emission_fuel=fuel_rows.loc[fuels, "zero_emission"].to_numpy(bool),
        activity=activity,
        base_activity=_base_activity(data.fleet_base, markets, powertrains),
        fuel_price=_price_overrides(_fuel_cube(fuels_table, "price", years, regions, fuels),
                                    scenario, years, fuels),
        ttw=_fuel_cube(fuels_table, "ttw", years, regions, fuels),
        wtt=_fuel_cube(fuels_table, "wtt", years, regions, fuels),
        fuel_floor=_fuel_floor(data.mandates, scenario, years, regions, fuels, shape_yrf),
        fuel_limit=_fuel_limit(data.fuel_limits, years, fuels),
        sales_floor=_sales_floor(data.mandates, years, regions, m_reg, powertrains),
        sales_fixed=fixed,
        efficiency_gain=gain,
        load_factor=(interpolate_path(scenario.transport.load_factor, years)
                     if scenario.transport.load_factor else np.ones(years.size)),
        operations_saving=(interpolate_path(scenario.transport.operations_gain, years)
                           if scenario.transport.operations_gain else np.zeros(years.size)),
        carbon_price=interpolate_path(scenario.carbon_price, years),
        discount_rate=scenario.economics.discount_rate,
        resource_names=list(caps or {}),
        resource_cap=np.array([np.asarray(c, float) for c in (caps or {}).values()]
                              ).reshape(len(caps or {}), years.size),
        resource_factor=_resource_factors(fleet, caps, fuels),
        retrofits=_retrofits(data.retrofits, markets, powertrains),
        fleet_growth=history_growth(activity),
        policies=compile_policies(list(scenario.transport.policies), data.policies,
                                  f"scenario {scenario.name!r}", years, regions, segments,
                                  m_reg, m_seg, fuels, powertrains),
    )


@dataclass(frozen=True)
class Retrofit:
    """Existing vehicles of one powertrain converted to another (e.g. a ship to dual fuel)."""

    markets: np.ndarray  # (M,) bool: markets of the retrofit's segment
    source: int  # powertrain index converted from
    target: int  # powertrain index converted to
    capex: float  # million USD per vehicle
    available_from: int
    max_share: float  # of the eligible stock per year
    ages: slice  # vintages eligible (by age)


def _retrofits(table: pd.DataFrame, markets: pd.DataFrame,
               names: list[str]) -> list[Retrofit]:
    return [Retrofit(markets=(markets["segment"] == row["segment"]).to_numpy(),
                     source=names.index(str(row["from_powertrain"])),
                     target=names.index(str(row["to_powertrain"])),
                     capex=float(row["capex"]), available_from=int(row["available_from"]),
                     max_share=float(row["max_share"]),
                     ages=slice(int(row["min_age"]), int(row["max_age"]) + 1))
            for row in table.to_dict("records")]


def _resource_factors(fleet: Fleet, caps: dict[str, np.ndarray] | None,
                      fuels: list[str]) -> np.ndarray:
    out = np.zeros((len(caps or {}), len(fuels)))
    for g, name in enumerate(caps or {}):
        if name not in fleet.shared_resources:
            raise InputError(f"sector {fleet.name!r}", f"caps.{name}",
                             "the sector declares no use of this resource",
                             allowed=list(fleet.shared_resources))
        for fuel, factor in fleet.shared_resources[name]:
            if fuel in fuels:
                out[g, fuels.index(fuel)] = factor
    return out


def _price_overrides(price: np.ndarray, scenario: FleetScenario, years: np.ndarray,
                     fuels: list[str]) -> np.ndarray:
    """Scenario ``[prices.<fuel>]`` paths (USD/GJ) replace a fuel's price in every region."""
    for fuel, path in scenario.prices.items():
        price[:, :, _index(fuels, fuel, scenario, "prices")] = interpolate_path(path, years)[:,
                                                                                            None]
    return price


def _index(names: list[str], name: str, scenario: FleetScenario, field: str) -> int:
    if name not in names:
        raise InputError(f"scenario {scenario.name!r}", f"{field}.{name}", "unknown name",
                         allowed=names)
    return names.index(name)


def _chosen_fuel_cases(fuels: pd.DataFrame, scenario: FleetScenario) -> pd.DataFrame:
    reject_unknown(f"scenario {scenario.name!r}", "cases.prices", scenario.cases.prices,
                   fuels["fuel"].astype(str))
    return choose_cases(fuels, "fuel", scenario.cases.prices, f"scenario {scenario.name!r}",
                        "cases.prices")


def _powertrain_matrix(powertrains: pd.DataFrame, markets: pd.DataFrame, names: list[str]
                       ) -> tuple[dict[str, np.ndarray], np.ndarray]:
    merged = markets.reset_index().merge(powertrains, on="segment")
    m = merged["index"].to_numpy(int)
    p = np.array([names.index(n) for n in merged["powertrain"]], dtype=int)
    offered = np.zeros((len(markets), len(names)), dtype=bool)
    offered[m, p] = True
    attributes = {}
    for column in _POWERTRAIN_COLUMNS:
        values = np.zeros((len(markets), len(names)))
        values[m, p] = merged[column].to_numpy(float)
        attributes[column] = values
    return attributes, offered


def _sales_history(table: pd.DataFrame, years: np.ndarray, markets: pd.DataFrame,
                   names: list[str]) -> np.ndarray:
    """(Y, M, P) published sales shares, linear between the years given, NaN outside them
    and where none is published."""
    out = np.full((years.size, len(markets), len(names)), np.nan)
    if table.empty:
        return out
    index = {(s, r): m for m, (s, r) in enumerate(zip(markets["segment"], markets["region"],
                                                      strict=True))}
    for (segment, region, powertrain), rows in table.groupby(["segment", "region",
                                                              "powertrain"]):
        m = index.get((str(segment), str(region)))
        if m is None:
            continue
        known = rows.sort_values("year")
        first, last = int(known["year"].iloc[0]), int(known["year"].iloc[-1])
        values = np.interp(years, known["year"].to_numpy(float), known["share"].to_numpy(float))
        out[:, m, names.index(str(powertrain))] = np.where((years >= first) & (years <= last),
                                                           values, np.nan)
    return out


def _midpoint_through(history: np.ndarray, years: np.ndarray,
                      attributes: dict[str, np.ndarray]) -> np.ndarray:
    """(M, P) adoption midpoints moved earlier where needed so that the logistic ceiling
    passes through the last published sales share: diffusion goes on from where the
    statistics leave it instead of falling back under a ceiling drawn before them."""
    midpoint = attributes["adoption_midpoint"].copy()
    known = ~np.isnan(history)
    if not known.any():
        return midpoint
    last = known.shape[0] - 1 - np.argmax(known[::-1], axis=0)  # (M, P) last year index
    share = np.take_along_axis(np.nan_to_num(history), last[None], axis=0)[0]
    observed = known.any(axis=0) & (share > 0) & (share < 1)
    share = np.clip(share, 1e-9, 1 - 1e-9)
    through = years[last] - np.log(share / (1 - share)) / np.maximum(
        attributes["adoption_steepness"], 1e-9)
    return np.where(observed, np.minimum(midpoint, through), midpoint)


def _capex_path(powertrains: pd.DataFrame, markets: pd.DataFrame, names: list[str],
                first: np.ndarray, years: np.ndarray) -> np.ndarray:
    """(Y, M, P) vehicle capex: linear from ``capex`` in the first year to ``capex_2050``."""
    if "capex_2050" not in powertrains.columns:
        return np.broadcast_to(first, (years.size, *first.shape)).copy()
    last = _optional(powertrains.assign(capex_2050=powertrains["capex_2050"].fillna(
        powertrains["capex"])), markets, names, "capex_2050")
    weight = ((years - years[0]) / max(years[-1] - years[0], 1))[:, None, None]
    return first + (last - first) * weight


def _optional(powertrains: pd.DataFrame, markets: pd.DataFrame, names: list[str],
              column: str) -> np.ndarray:
    out = np.zeros((len(markets), len(names)))
    if column in powertrains.columns:
        merged = markets.reset_index().merge(powertrains, on="segment")
        out[merged["index"].to_numpy(int),
            [names.index(n) for n in merged["powertrain"]]] = merged[column].fillna(0.0)
    return out


def _activity(data: FleetData, scenario: FleetScenario, markets: pd.DataFrame,
              years: np.ndarray) -> np.ndarray:
    """(Y, M) activity: the published case, grown from ``growth_from`` at the scenario's
    rates, scaled, or reshaped to a world path (in the sector's activity unit)."""
    cases = sorted(data.activity["scenario"].unique())
    if scenario.demand.case not in cases:
        raise InputError(f"scenario {scenario.name!r}", "demand.case",
                         f"unknown activity case {scenario.demand.case!r}", allowed=cases)
    rows = data.activity[data.activity["scenario"] == scenario.demand.case]
    table = rows.pivot_table(index="year", columns=["segment", "region"], values="value")
    keys = list(zip(markets["segment"], markets["region"], strict=True))
    table = table.reindex(index=years, columns=pd.MultiIndex.from_tuples(keys))
    activity = table.interpolate(limit_direction="both").fillna(0.0).to_numpy(float, copy=True)
    transport = scenario.transport
    if transport.activity_growth:
        assert transport.growth_from is not None  # the scenario model asks for both
        if not years[0] < transport.growth_from <= years[-1]:
            raise InputError(f"scenario {scenario.name!r}", "transport.growth_from",
                             f"{transport.growth_from} is not a year that can be grown from "
                             "the year before",
                             allowed=f"{int(years[0]) + 1}-{int(years[-1])}")
        rates = _growth_rates(transport.activity_growth, markets, years, scenario)
        rates = np.where(np.isnan(rates), _published_growth(activity), rates)
        activity = grown_activity(activity, int(np.searchsorted(years, transport.growth_from)),
                                  rates)
    activity = activity * scenario.demand.scale
    if scenario.demand.world_path:
        world = interpolate_path(scenario.demand.world_path, years)
        _check_world_unit(data, world[0], activity[0].sum(), scenario)
        activity = activity / np.maximum(activity.sum(axis=1, keepdims=True), 1e-12) * world[:,
                                                                                          None]
    return activity


def grown_activity(published: np.ndarray, start: int, rates: np.ndarray) -> np.ndarray:
    """(Y, M) ``published`` up to year index ``start`` - 1, then compounded at ``rates``
    (Y, M, fraction/yr): activity[y] = activity[y - 1] x (1 + rates[y]) for y >= start."""
    out = published.copy()
    out[start:] = published[start - 1] * np.cumprod(1.0 + rates[start:], axis=0)
    return out


HISTORY_YEARS = 10
"""Years of the scenario's activity whose growth stands for the first-year fleet's past."""


def history_growth(activity: np.ndarray) -> np.ndarray:
    """(M,) growth a year of each market over its first ``HISTORY_YEARS`` years (compound,
    between -5% and 15%): the steady growth the first-year fleet's age profile assumes."""
    span = min(HISTORY_YEARS, activity.shape[0] - 1)
    ratio = activity[span] / np.maximum(activity[0], 1e-12)
    growth = np.where(activity[0] > 0, ratio ** (1.0 / max(span, 1)) - 1.0, 0.0)
    return np.clip(growth, -0.05, 0.15)


def step_rates(rates: float | dict[int, float], years: np.ndarray) -> np.ndarray:
    """(Y,) the rate of each year: one rate, or by period (the rate of the last period that
    has started; the first period's rate before it starts)."""
    if not isinstance(rates, dict):
        return np.full(years.size, float(rates))
    starts = np.array(list(rates), dtype=int)
    values = np.array(list(rates.values()), dtype=float)
    return values[np.maximum(np.searchsorted(starts, years, side="right") - 1, 0)]


def _growth_rates(growth: dict[str, float | dict[int, float]], markets: pd.DataFrame,
                  years: np.ndarray, scenario: FleetScenario) -> np.ndarray:
    """(Y, M) growth by market; 'all' first, then segments, then 'segment|region' override.
    Markets no key names keep their published path's own growth."""
    segments, regions = list(markets["segment"]), list(markets["region"])
    names = {"all", *segments, *(f"{s}|{r}" for s, r in zip(segments, regions, strict=True))}
    rates = np.full((years.size, len(segments)), np.nan)
    for key in sorted(growth, key=lambda k: (k != "all", "|" in k)):
        if key not in names:
            raise InputError(f"scenario {scenario.name!r}", f"transport.activity_growth.{key}",
                             "unknown segment or market", allowed=sorted(names))
        segment, _, region = key.partition("|")
        chosen = [m for m, (s, r) in enumerate(zip(segments, regions, strict=True))
                  if key == "all" or (s == segment and region in ("", r))]
        rates[:, chosen] = step_rates(growth[key], years)[:, None]
    return rates


def _published_growth(activity: np.ndarray) -> np.ndarray:
    """(Y, M) year-on-year growth of a path (0 in the first year)."""
    growth = np.zeros_like(activity)
    growth[1:] = activity[1:] / np.maximum(activity[:-1], 1e-12) - 1.0
    return growth


def _check_world_unit(data: FleetData, first: float, published: float,
                      scenario: FleetScenario) -> None:
    """A world path far from the published first year is most likely in another unit."""
    if not 0.5 * published <= first <= 2.0 * published:
        unit = data.fleet.activity_unit
        raise InputError(f"scenario {scenario.name!r}", "demand.world_path",
                         f"{first:,.6g} in {data.fleet.first_year} is not within a factor 2 "
                         f"of the published {published:,.0f} {unit}/yr: world_path is "
                         f"{data.fleet.label}'s activity over all segments and regions in "
                         f"{unit}/yr", allowed=f"{0.5 * published:,.0f}-{2 * published:,.0f}")


def _base_activity(base: pd.DataFrame, markets: pd.DataFrame, names: list[str]) -> np.ndarray:
    table = base.pivot_table(index=["segment", "region"], columns="powertrain",
                             values="activity", aggfunc="sum")
    keys = pd.MultiIndex.from_frame(markets[["segment", "region"]])
    return table.reindex(index=keys, columns=names).fillna(0.0).to_numpy(float)


def _fuel_cube(fuels: pd.DataFrame, column: str, years: np.ndarray, regions: list[str],
               names: list[str]) -> np.ndarray:
    cube = np.full((years.size, len(regions), len(names)), np.nan)
    for (fuel, region), rows in fuels.groupby(["fuel", "region"]):
        series = np.interp(years, rows["year"].to_numpy(float), rows[column].to_numpy(float))
        targets = range(len(regions)) if region == WORLD else [regions.index(str(region))]
        for r in targets:
            if region == WORLD and not np.isnan(cube[0, r, names.index(str(fuel))]):
                continue  # a region's own row wins over World
            cube[:, r, names.index(str(fuel))] = series
    return np.nan_to_num(cube)


def _fuel_floor(mandates: pd.DataFrame, scenario: FleetScenario, years: np.ndarray,
                regions: list[str], fuels: list[str], shape: tuple[int, int, int]) -> np.ndarray:
    floor = np.zeros(shape)
    for row in mandates[mandates["kind"] == "fuel"].groupby(["target", "region"]):
        (fuel, region), rows = row
        path = dict(zip(rows["year"].astype(int), rows["value"].astype(float), strict=True))
        values = np.where(years >= min(path), interpolate_path(path, years), 0.0)
        targets = range(len(regions)) if region == WORLD else [regions.index(str(region))]
        for r in targets:
            floor[:, r, fuels.index(str(fuel))] = values
    for fuel, path in scenario.transport.fuel_share.items():
        f = _index(fuels, fuel, scenario, "transport.fuel_share")
        floor[:, :, f] = np.maximum(floor[:, :, f], interpolate_path(path, years)[:, None])
    return floor


def _fuel_limit(limits: pd.DataFrame, years: np.ndarray, fuels: list[str]) -> np.ndarray:
    out = np.full((years.size, len(fuels)), np.inf)
    for fuel, rows in limits.groupby("fuel"):
        total = rows.groupby("year")["value"].sum()
        out[:, fuels.index(str(fuel))] = np.interp(years, total.index.to_numpy(float),
                                                   total.to_numpy(float))
    return out


def _sales_floor(mandates: pd.DataFrame, years: np.ndarray, regions: list[str],
                 market_region: np.ndarray, powertrains: list[str]) -> np.ndarray:
    floor = np.zeros((years.size, market_region.size, len(powertrains)))
    for (target, region), rows in mandates[mandates["kind"] == "sales"].groupby(
            ["target", "region"]):
        path = dict(zip(rows["year"].astype(int), rows["value"].astype(float), strict=True))
        values = np.where(years >= min(path), interpolate_path(path, years), 0.0)
        markets = (np.arange(market_region.size) if region == WORLD
                   else np.flatnonzero(market_region == regions.index(str(region))))
        floor[:, markets, powertrains.index(str(target))] = values[:, None]
    return floor

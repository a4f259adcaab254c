"""What a pathway needs upstream of the sectors' own plants and vehicles: clean electricity
(including what electrolysers need for the hydrogen the sectors buy), wind and solar
capacity, electrolysers, CO2 transport and storage, the plants that make transport fuels from
that hydrogen or from biomass (``data/fuel_plants.csv``), and the investment in each.

Every figure follows from a sector's use of the shared resources (2020-2050) and the cited
parameters of ``data/upstream_costs.csv``. Investment is the capacity added each year times
its unit cost (capacity of 2020 counts as existing; no replacement within 2050). Hydrogen
here is what a sector buys (its ``hydrogen`` shared resource); a sector that makes its own
(ammonia's electrolysers) has that electricity in its own electricity use already.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from sectorpath.crosssector.reference import DATA
from sectorpath.errors import InputError
from sectorpath.reporting.names import Names

PJ_PER_TWH = 3.6
PJ_PER_MT_H2 = 120.0  # lower heating value, 120 MJ/kg
HOURS_PER_YEAR = 8760.0
PJ_PER_GW_YEAR = 31.536  # 1 GW for 8,760 h
#: Fuel-making processes of data/fuel_plants.csv; each has a ``<process>_capex`` parameter
#: (USD per kW of hydrogen or biomass input).
PROCESSES = ("fischer_tropsch", "haber_bosch", "biomass_to_liquid")
PARAMETERS = ("electrolyser_efficiency", "electrolyser_load_factor", "electrolyser_capex",
              "power_capacity_factor", "power_capex", "co2_storage_capex",
              "fuel_plant_load_factor", *(f"{process}_capex" for process in PROCESSES))
#: Investment kinds (IAMC children of ``Investment Upstream``).
POWER, ELECTROLYSERS, CO2_STORAGE = "Wind and Solar", "Electrolysers", "CO2 Transport and Storage"
FUEL_PLANTS = "Fuel Plants"
KINDS = (POWER, ELECTROLYSERS, CO2_STORAGE, FUEL_PLANTS)


@cache
def parameters() -> dict[str, float]:
    """The cited upstream parameters (data/upstream_costs.csv), each finite and positive."""
    path = DATA / "upstream_costs.csv"
    table = pd.read_csv(path).set_index("parameter")["value"]
    for name in PARAMETERS:
        value = float(table.get(name, np.nan))
        if not np.isfinite(value) or value <= 0:
            raise InputError(path, f"value of {name}", f"got {value}",
                             allowed=["a finite number > 0"])
    return {name: float(table[name]) for name in PARAMETERS}


@cache
def fuel_routes(sector: str) -> dict[str, str]:
    """Shared resource -> the process that makes the sector's fuel from it (data/
    fuel_plants.csv; a sector not listed makes no fuel upstream)."""
    path = DATA / "fuel_plants.csv"
    table = pd.read_csv(path)
    for column, allowed in (("resource", ("hydrogen", "biomass")), ("process", PROCESSES)):
        unknown = sorted(set(table[column]) - set(allowed))
        if unknown:
            raise InputError(path, column, f"unknown {unknown}", allowed=list(allowed))
    rows = table[table["sector"] == sector]
    return dict(zip(rows["resource"], rows["process"], strict=True))


@dataclass(frozen=True)
class Needs:
    """One sector's (or the total's) upstream needs by year, (Y,) each."""

    electricity_direct: np.ndarray  # TWh/yr used by the sector itself
    electricity_hydrogen: np.ndarray  # TWh/yr for the electrolysis of the hydrogen it buys
    power_capacity: np.ndarray  # GW of wind and solar for both
    electrolyser_capacity: np.ndarray  # GW electric
    co2_storage: np.ndarray  # Mt CO2/yr transported and stored
    fuel_plant_capacity: np.ndarray  # GW of hydrogen or biomass input to fuel plants
    investment: dict[str, np.ndarray]  # billion USD_2020/yr by kind (KINDS)

    @property
    def electricity(self) -> np.ndarray:
        return self.electricity_direct + self.electricity_hydrogen

    @property
    def total_investment(self) -> np.ndarray:
        return np.sum(list(self.investment.values()), axis=0)


def needs(use: dict[str, np.ndarray], years: np.ndarray,
          routes: dict[str, str] | None = None) -> Needs:
    """Upstream needs of shared-resource use by year (``use``: resource -> (Y,) in PJ/yr,
    CO2 storage in Mt CO2/yr; a missing resource is not used). ``routes`` (resource ->
    process, ``fuel_routes``) adds the fuel plants that turn the resource into the sector's
    fuel, sized on their input at the stated load factor."""
    p = parameters()
    zero = np.zeros(len(years))
    direct = use.get("electricity", zero) / PJ_PER_TWH
    for_hydrogen = use.get("hydrogen", zero) / p["electrolyser_efficiency"] / PJ_PER_TWH
    to_gw = 1e3 / HOURS_PER_YEAR  # TWh/yr at full load -> GW
    power = (direct + for_hydrogen) * to_gw / p["power_capacity_factor"]
    electrolysers = for_hydrogen * to_gw / p["electrolyser_load_factor"]
    stored = use.get("co2_storage", zero)
    fuel_inputs = {process: use.get(resource, zero) / PJ_PER_GW_YEAR
                   / p["fuel_plant_load_factor"] for resource, process in (routes or {}).items()}
    # GW x USD/kW / 1000 = billion USD; Mt/yr x USD per t/yr / 1000 = billion USD
    investment = {POWER: _added(power) * p["power_capex"] / 1e3,
                  ELECTROLYSERS: _added(electrolysers) * p["electrolyser_capex"] / 1e3,
                  CO2_STORAGE: _added(stored) * p["co2_storage_capex"] / 1e3,
                  FUEL_PLANTS: np.sum([_added(gw) * p[f"{process}_capex"] / 1e3
                                       for process, gw in fuel_inputs.items()] or [zero],
                                      axis=0)}
    fuel_plants = np.sum(list(fuel_inputs.values()) or [zero], axis=0)
    return Needs(direct, for_hydrogen, power, electrolysers, stored, fuel_plants, investment)


def _added(capacity: np.ndarray) -> np.ndarray:
    """Capacity added each year (none in the first year, none when it falls)."""
    return np.maximum(np.diff(capacity, prepend=capacity[:1]), 0.0)


def combined(parts: list[Needs]) -> Needs:
    """The sum of several sectors' needs."""
    def total(field: str) -> np.ndarray:
        return np.sum([getattr(n, field) for n in parts], axis=0)

    return Needs(total("electricity_direct"), total("electricity_hydrogen"),
                 total("power_capacity"), total("electrolyser_capacity"), total("co2_storage"),
                 total("fuel_plant_capacity"),
                 {k: np.sum([n.investment[k] for n in parts], axis=0) for k in KINDS})


def series(names: Names, n: Needs) -> list[tuple[str, str, np.ndarray]]:
    """(variable, unit, values) of one sector's or the total's upstream needs."""
    rows = [(names.upstream_electricity, "TWh/yr", n.electricity),
            (names.upstream_electricity_part("Direct"), "TWh/yr", n.electricity_direct),
            (names.upstream_electricity_part("Hydrogen Production"), "TWh/yr",
             n.electricity_hydrogen),
            (names.upstream_capacity(POWER), "GW", n.power_capacity),
            (names.upstream_capacity(ELECTROLYSERS), "GW", n.electrolyser_capacity),
            (names.upstream_capacity(FUEL_PLANTS), "GW", n.fuel_plant_capacity),
            (names.co2_storage, "Mt CO2/yr", n.co2_storage),
            (names.investment_upstream, "billion USD_2020/yr", n.total_investment)]
    rows += [(names.investment_upstream_kind(kind), "billion USD_2020/yr", values)
             for kind, values in n.investment.items()]
    return rows


def headline_comparison(what_it_takes: pd.DataFrame, runs_labels: dict[str, str]) -> str:
    """A Markdown table: MPP's published investment headline per sector (with source) next
    to this run's mean yearly investment 2021-2050, plant and upstream, and the gap."""
    headlines = pd.read_csv(DATA / "mpp_headlines.csv")
    ours = what_it_takes.set_index("sector")
    lines = ["| sector | MPP (stated) | MPP, bn USD/yr | ours: plant | ours: upstream | "
             "ours: total | upstream share | vs MPP mid-point |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for row in headlines.to_dict("records"):
        label = runs_labels.get(str(row["sector"]))
        if label is None or label not in ours.index:
            continue
        plant = float(ours["investment_plant_bn_per_yr"].astype(float)[label])
        up = float(ours["investment_upstream_bn_per_yr"].astype(float)[label])
        low, high = float(row["investment_low_bn_per_yr"]), float(row["investment_high_bn_per_yr"])
        mid = (low + high) / 2
        lines.append(f"| {label} | {row['stated']} ([source]({row['url']})) | {low:.0f}-{high:.0f}"
                     f" | {plant:.0f} | {up:.0f} | {plant + up:.0f} | "
                     f"{100 * up / max(plant + up, 1e-9):.0f}% | "
                     f"{100 * (plant + up - mid) / mid:+.0f}% |")
    return "\n".join(lines) + "\n"

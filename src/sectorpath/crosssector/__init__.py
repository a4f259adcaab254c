"""All sectors in one run, competing for the same clean energy: ``run_all(scenario)``.

Each sector runs its own scenario; where the sectors together ask for more of a shared
resource (green hydrogen, clean electricity, sustainable biomass, CO2 storage) than its world
cap, the cap is allocated by the scenario's rule and each constrained sector runs again with
its allocation as a cap, which moves it to its next-best technologies or fuels. Then come the
totals, the 2030 Breakthrough checks, cost-parity years, green premiums, investment split
and marginal abatement cost curves (``indicators``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from time import perf_counter
from typing import cast

import numpy as np
import pandas as pd

from sectorpath.api import run
from sectorpath.crosssector import chemicals, indicators, upstream
from sectorpath.crosssector.allocation import allocate
from sectorpath.crosssector.reference import global_co2, shared_limit, table
from sectorpath.crosssector.scenario import RESOURCE_UNITS, AllScenario, load_all_scenario
from sectorpath.outputs import OutputFolder
from sectorpath.reporting.names import Names
from sectorpath.results import IAMC_COLUMNS, MODEL_NAME, Results
from sectorpath.tables import WORLD, YEARS

TOTAL = "Hard-to-Abate Sectors"
#: 2050 emissions of the sectors together at most this % of their base year's (2020).
NET_ZERO_LIMIT_PCT = 10.0
#: Base years other than 2020: aviation's 2020 was cut about in half by COVID-19, so its
#: targets count from 2019 (as ICAO's CORSIA baseline and MPP's aviation strategy do).
BASE_YEARS = {"aviation": 2019}
_MAX_ROUNDS = 8
#: Unused cap below this share of the cap is left unused rather than handed out again: a
#: sector whose plants cannot take a sliver more would otherwise be run again each round.
MATERIAL_SLACK = 0.01


@dataclass
class CombinedResults:
    """The sectors' own results plus the cross-sector view of them."""

    scenario: AllScenario
    runs: dict[str, Results]
    allocation: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    @cached_property
    def iamc(self) -> pd.DataFrame:
        """Every sector's IAMC rows plus World totals, all under the cross-sector scenario."""
        frames = [r.iamc[r.iamc["year"] >= YEARS[0]] for r in self.runs.values()]
        combined = pd.concat([*frames, self._totals()], ignore_index=True)
        combined["scenario"] = self.scenario.name
        return combined[IAMC_COLUMNS]

    def _totals(self) -> pd.DataFrame:
        rows = []
        total_names = Names(TOTAL, TOTAL, TOTAL)
        for name, unit in ((lambda n: n.emissions, "Mt CO2/yr"),
                           (lambda n: n.scope(1), "Mt CO2/yr"),
                           (lambda n: n.scope(2), "Mt CO2/yr"),
                           (lambda n: n.investment, "billion USD_2020/yr"),
                           (lambda n: n.investment_class(True), "billion USD_2020/yr"),
                           (lambda n: n.investment_class(False), "billion USD_2020/yr")):
            series = {r.label: r.world(name(r.names), missing_ok=True).reindex(YEARS)
                      for r in self.runs.values()}
            total = pd.DataFrame(series).fillna(0.0).sum(axis=1)
            rows.append(_world_rows(name(total_names), unit, total))
            if name(total_names) == total_names.emissions:
                share = 100 * total / global_co2().reindex(YEARS).ffill()
                rows.append(_world_rows(f"Share of Global CO2|{TOTAL}", "%", share))
        if self.primary_chemicals is not None:
            rows += [_world_rows(variable, unit, values)
                     for variable, (unit, values) in self.primary_chemicals.series.items()]
        for names, needs in ((r.names, self.upstream[s]) for s, r in self.runs.items()):
            rows += [_world_rows(v, u, pd.Series(x, YEARS))
                     for v, u, x in upstream.series(names, needs)]
        rows += [_world_rows(v, u, pd.Series(x, YEARS)) for v, u, x in
                 upstream.series(total_names, upstream.combined(list(self.upstream.values())))]
        for resource, unit in RESOURCE_UNITS.items():
            used = self.allocation[(self.allocation["resource"] == resource)]
            if not used.empty:
                total = used.groupby("year")["used"].sum().reindex(YEARS).fillna(0.0)
                rows.append(_world_rows(f"Shared Resource|{TOTAL}|{resource}", unit, total))
        return pd.concat(rows, ignore_index=True)

    def breakthroughs(self) -> pd.DataFrame:
        """2030 Breakthrough targets of the sectors in this run, met or not, with the
        modelled values."""
        targets = table("breakthroughs")
        runs = dict(self.runs)
        if self.primary_chemicals is not None:  # read like a sector's Results (label, world)
            runs[chemicals.NAME] = cast(Results, self.primary_chemicals)
        return indicators.breakthroughs(runs, targets[targets["sector"].isin(runs)])

    @cached_property
    def primary_chemicals(self) -> chemicals.Aggregate | None:
        """Ammonia, methanol and high-value chemicals together (primary chemicals)."""
        return chemicals.aggregate(self.runs, YEARS)

    @cached_property
    def upstream(self) -> dict[str, upstream.Needs]:
        """Each sector's upstream needs: power, electrolysers, CO2 storage, fuel plants, and
        their investment."""
        return {sector: upstream.needs({res: resource_use(r, res) for res in RESOURCE_UNITS},
                                       YEARS, upstream.fuel_routes(sector))
                for sector, r in self.runs.items()}

    def net_zero_check(self, limit_pct: float = NET_ZERO_LIMIT_PCT) -> pd.DataFrame:
        """The seven sectors' 2050 emissions against ``limit_pct`` % of their base-year
        emissions (2020, aviation 2019: ``BASE_YEARS``; scope 1+2, well-to-wake for
        transport), Mt CO2/yr: per sector its base-year and 2050 values and share of the total
        residual; the Total row adds the limit and the shortfall (how far the total stays
        above the limit, 0 when it is met)."""
        table_ = pd.DataFrame({r.label: {"basis": _basis(r),
                                         "base_year": BASE_YEARS.get(s, YEARS[0]),
                                         "base_mt": base_emissions(r, s),
                                         "residual_2050_mt": net_zero_emissions(r)[YEARS[-1]]}
                               for s, r in self.runs.items()}).T
        numbers = ["base_mt", "residual_2050_mt"]
        table_[numbers] = table_[numbers].astype(float)
        total = table_[numbers].sum()
        table_["share_of_residual_pct"] = 100 * table_["residual_2050_mt"] / total[
            "residual_2050_mt"]
        limit = limit_pct / 100 * total["base_mt"]
        table_.loc["Total"] = {"basis": "scope 1+2, well-to-wake for transport",
                               "base_year": "2020 (aviation 2019)", **total,
                               "share_of_residual_pct": 100.0}
        table_["limit_2050_mt"] = np.where(table_.index == "Total", limit, np.nan)
        table_["shortfall_mt"] = np.where(table_.index == "Total",
                                          max(total["residual_2050_mt"] - limit, 0.0), np.nan)
        table_.index.name = "sector"
        return table_.reset_index()

    def what_it_takes(self) -> pd.DataFrame:
        """Per sector and in total: 2050 residual and cut against 2020 (scope 1+2,
        well-to-wake for transport), cumulative CO2 2020-2050, 2050 electricity (incl. for
        bought hydrogen), hydrogen, CO2 storage and biomass, mean yearly investment 2021-2050
        in plants or vehicles, upstream and fuel plants, the 2030 green premium at zero carbon
        price of the sector's end product, and near-zero plants in 2030 (``Near-Zero
        Plants``: near-zero capacity in the sector's standard plants; steel, cement,
        aluminium)."""
        premiums = self.green_premiums().drop_duplicates("sector").set_index("sector")
        rows = {}
        for sector, r in self.runs.items():
            emissions = net_zero_emissions(r)
            needs = self.upstream[sector]
            use = {res: resource_use(r, res)[-1] for res in RESOURCE_UNITS}
            plant = r.world(r.names.investment).reindex(YEARS[1:]).fillna(0.0).mean()
            rows[r.label] = {
                "residual_2050_mt": emissions[YEARS[-1]],
                "cut_vs_2020_pct": 100 * (1 - emissions[YEARS[-1]] / emissions[YEARS[0]]),
                "cumulative_2020_2050_gt": emissions.sum() / 1e3,
                "electricity_2050_twh": needs.electricity[-1],
                "hydrogen_bought_2050_mt": use["hydrogen"] / upstream.PJ_PER_MT_H2,
                "co2_storage_2050_mt": use["co2_storage"],
                "biomass_2050_ej": use["biomass"] / 1e3,
                "investment_plant_bn_per_yr": plant,
                "investment_upstream_bn_per_yr": needs.total_investment[1:].mean(),
                "investment_fuel_plants_bn_per_yr": needs.investment[upstream.FUEL_PLANTS][
                    1:].mean(),
                "premium_2030_zero_carbon_pct": premiums["premium_pct_zero_carbon"].get(
                    sector, float("nan")),
                "near_zero_plants_2030": r.world(r.names.near_zero_plants, missing_ok=True)
                .get(2030, np.nan)}
        table_ = pd.DataFrame(rows).T
        total = table_.drop(columns=["cut_vs_2020_pct", "premium_2030_zero_carbon_pct"]).sum()
        total["near_zero_plants_2030"] = table_["near_zero_plants_2030"].sum(min_count=1)
        first = sum(net_zero_emissions(r)[YEARS[0]] for r in self.runs.values())
        total["cut_vs_2020_pct"] = 100 * (1 - total["residual_2050_mt"] / first)
        table_.loc["Total"] = total
        table_["investment_total_bn_per_yr"] = (table_["investment_plant_bn_per_yr"]
                                                + table_["investment_upstream_bn_per_yr"])
        table_.index.name = "sector"
        return table_.reset_index()

    def parity_years(self) -> pd.DataFrame:
        """Cost-parity year of every low-emission option per sector and region."""
        return pd.concat([indicators.parity_years(r) for r in self.runs.values()],
                         ignore_index=True)

    def green_premiums(self, year: int = 2030) -> pd.DataFrame:
        return indicators.green_premiums(self.runs, table("end_products"), year)

    def macc(self, years: tuple[int, ...] = (2030, 2040, 2050)) -> pd.DataFrame:
        """Marginal abatement cost curves of every sector for ``years``."""
        return pd.concat([indicators.macc(r, y) for r in self.runs.values() for y in years],
                         ignore_index=True)

    def summary(self) -> pd.DataFrame:
        """Scope 1+2 emissions by sector and in total, Mt CO2/yr, for the decade years."""
        years = [2020, 2030, 2040, 2050]
        table_ = pd.DataFrame({r.label: r.world(r.names.emissions)
                               .reindex(years) for r in self.runs.values()}).T
        table_.loc["Total"] = table_.sum()
        return table_

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"shared_resources": self.allocation, "net_zero_check": self.net_zero_check(),
                "breakthroughs": self.breakthroughs(),
                "parity_years": self.parity_years(), "green_premiums": self.green_premiums(),
                "macc": self.macc(), "what_it_takes": self.what_it_takes()}

    def write(self, out_dir: Path, force: bool = False) -> list[Path]:
        """IAMC table (Parquet, CSV) and every cross-sector table as CSV (atomically;
        existing files only with ``force``)."""
        folder = OutputFolder(out_dir, force)
        stem = f"all_{self.scenario.name}"
        paths = [folder.frame(self.iamc, f"{stem}.{suffix}") for suffix in ("parquet", "csv")]
        return paths + [folder.frame(frame, f"{stem}_{name}.csv")
                        for name, frame in self.tables().items()]


def net_zero_emissions(results: Results) -> pd.Series:
    """2020-2050 World CO2 of one sector as a net-zero target counts it, Mt CO2/yr:
    well-to-wake where the sector reports it (transport: the fuels' upstream counts, a
    tank-to-wake zero on grey hydrogen is not net zero), else scope 1+2."""
    return _counted(results).reindex(YEARS).fillna(0.0)


def base_emissions(results: Results, sector: str) -> float:
    """One sector's emissions in its base year (``BASE_YEARS``, else 2020), on the basis of
    ``net_zero_emissions``, Mt CO2/yr."""
    return float(_counted(results)[BASE_YEARS.get(sector, int(YEARS[0]))])


def _counted(results: Results) -> pd.Series:
    """World well-to-wake CO2 where the sector reports it, else scope 1+2, every year run."""
    series = results.world(results.names.well_to_wake, missing_ok=True)
    return series if len(series) else results.world(results.names.emissions)


def _basis(results: Results) -> str:
    return ("well-to-wake" if len(results.world(results.names.well_to_wake, missing_ok=True))
            else "scope 1+2")


def _world_rows(variable: str, unit: str, values: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"model": MODEL_NAME, "scenario": "", "region": WORLD,
                         "variable": variable, "unit": unit, "year": values.index.astype(int),
                         "value": values.to_numpy(float)})


def resource_use(results: Results, resource: str) -> np.ndarray:
    """(2020..2050,) world use of a shared resource by one sector, in the resource's unit."""
    use = results.model.resource_use(results.trajectory, resource)
    return use[results.years >= YEARS[0]]


def run_all(scenario: str | Path = "baseline",
            progress: Callable[[str], None] | None = None) -> CombinedResults:
    """Run every sector of a cross-sector scenario and share the capped resources."""
    start = perf_counter()
    chosen = load_all_scenario(scenario)
    runs: dict[str, Results] = {}
    for sector, name in chosen.sectors.items():
        runs[sector] = run(sector, name)
        if progress is not None:
            progress(sector)
    caps: dict[str, np.ndarray] = {str(resource): shared_limit(resource, limit, YEARS)
                                   for resource, limit in chosen.shared.limits.items()}

    def rerun(sector: str, sector_caps: dict[str, np.ndarray]) -> Results:
        capped = run(sector, chosen.sectors[sector], caps=sector_caps)
        if progress is not None:
            progress(f"{sector} (capped)")
        return capped

    table = share_resources(chosen, runs, caps, rerun)
    return CombinedResults(chosen, runs, table, {"total": perf_counter() - start})


def share_resources(chosen: AllScenario, runs: dict[str, Results], caps: dict[str, np.ndarray],
                    rerun: Callable[[str, dict[str, np.ndarray]], Results]) -> pd.DataFrame:
    """Allocate the capped resources (``caps``: world caps, (2020..2050,)) between the sectors'
    uncapped ``runs`` by the scenario's rule and run each sector asking for more than its share
    again with ``rerun(sector, its caps on its own years)``, replacing it in ``runs``; unused
    shares go to sectors still short (``_hand_out_slack``) and use above a cap is taken back
    from the sectors over their share (``_take_back_excess``), for up to ``_MAX_ROUNDS``
    rounds. A sector whose caps did not change since its last run is not run again. Returns
    the allocation table."""
    requests = {resource: {s: resource_use(r, resource) for s, r in runs.items()}
                for resource in caps}
    allocations = {resource: allocate(requests[resource], cap, chosen.shared.rule,
                                      chosen.shared.priority) for resource, cap in caps.items()}
    ran_with: dict[str, dict[str, np.ndarray]] = {}
    for _ in range(_MAX_ROUNDS):
        capped = {s for resource in caps for s in runs
                  if (requests[resource][s] > allocations[resource][s] + 1e-6).any()}
        for sector in sorted(capped):
            sector_caps = {resource: _extend(allocations[resource][sector], runs[sector])
                           for resource in caps if requests[resource][sector].any()}
            if not _same_caps(sector_caps, ran_with.get(sector)):
                runs[sector] = rerun(sector, sector_caps)
                ran_with[sector] = sector_caps
        if not capped:
            break
        slack = _hand_out_slack(caps, requests, allocations, runs, chosen)
        if not (_take_back_excess(caps, requests, allocations, runs, chosen) or slack):
            break
    return _allocation_table(runs, requests, allocations, caps)


def _same_caps(caps: dict[str, np.ndarray], before: dict[str, np.ndarray] | None) -> bool:
    return before is not None and caps.keys() == before.keys() and all(
        np.array_equal(cap, before[name]) for name, cap in caps.items())


def _hand_out_slack(caps: dict[str, np.ndarray], requests: dict[str, dict[str, np.ndarray]],
                    allocations: dict[str, dict[str, np.ndarray]], runs: dict[str, Results],
                    chosen: AllScenario) -> bool:
    """Give what capped sectors left unused to sectors still short of their request.

    A capped sector may use less than its allocation (its next-best option needs less of the
    resource); that slack goes, by the same rule, to sectors that used all of theirs and asked
    for more, in years where it is at least ``MATERIAL_SLACK`` of the cap. Returns whether any
    allocation grew (then the sectors run again).
    """
    grew = False
    for resource, cap in caps.items():
        used = {s: resource_use(r, resource) for s, r in runs.items()}
        slack = cap - np.sum(list(used.values()), axis=0)
        slack = np.where(slack > MATERIAL_SLACK * cap, slack, 0.0)
        short = {s: np.where(used[s] >= allocations[resource][s] - 1e-6,
                             requests[resource][s] - allocations[resource][s], 0.0)
                 for s in runs}
        if (slack <= 1e-6).all() or not any((v > 1e-6).any() for v in short.values()):
            continue
        extra = allocate(short, np.maximum(slack, 0.0), chosen.shared.rule,
                         chosen.shared.priority)
        for sector, more in extra.items():
            if (more > 1e-6).any():
                allocations[resource][sector] = allocations[resource][sector] + more
                grew = True
    return grew


def _take_back_excess(caps: dict[str, np.ndarray], requests: dict[str, dict[str, np.ndarray]],
                      allocations: dict[str, dict[str, np.ndarray]], runs: dict[str, Results],
                      chosen: AllScenario) -> bool:
    """Keep the total within the cap where a capped sector could not get down to its share.

    A sector that uses more than its allocation (plants or vehicles already running, no option
    free of every binding limit) takes that much more of the cap; in those years the others
    share what is left, by the same rule, each at most its previous allocation. Returns whether
    any allocation shrank (then those sectors run again).
    """
    shrank = False
    for resource, cap in caps.items():
        used = {s: resource_use(r, resource) for s, r in runs.items()}
        over = np.sum(list(used.values()), axis=0) - cap > 1e-6
        beyond = {s for s in runs if (over & (used[s] > allocations[resource][s] + 1e-6)).any()}
        if not over.any() or not beyond:
            continue
        others = {s: requests[resource][s] for s in runs if s not in beyond}
        left = np.maximum(cap - np.sum([used[s] for s in beyond], axis=0), 0.0)
        shares = allocate(others, left, chosen.shared.rule, chosen.shared.priority)
        for sector, share in shares.items():
            lower = np.where(over, np.minimum(allocations[resource][sector], share),
                             allocations[resource][sector])
            if (lower < allocations[resource][sector] - 1e-6).any():
                allocations[resource][sector] = lower
                shrank = True
    return shrank


def _extend(cap: np.ndarray, results: Results) -> np.ndarray:
    """A 2020-2050 cap on the sector's own horizon (years before 2020 are uncapped)."""
    years = results.trajectory.inputs.years
    return np.where(years >= YEARS[0], np.interp(years, YEARS, cap), np.inf)


def _allocation_table(runs: dict[str, Results], requests: dict[str, dict[str, np.ndarray]],
                      allocations: dict[str, dict[str, np.ndarray]],
                      caps: dict[str, np.ndarray]) -> pd.DataFrame:
    rows = []
    for resource, by_sector in requests.items():
        # the cap binds where the sectors asked for more than it, or use ended above it; where
        # it does not, a sector run again for another resource may use more than it first asked
        binding = ((np.sum(list(by_sector.values()), axis=0) > caps[resource] + 1e-6)
                   | (np.sum([resource_use(r, resource) for r in runs.values()], axis=0)
                      > caps[resource] + 1e-6))
        for sector, request in by_sector.items():
            used = resource_use(runs[sector], resource)
            allocated = allocations[resource][sector]
            rows.append(pd.DataFrame({
                "resource": resource, "unit": RESOURCE_UNITS[resource], "sector": sector,
                "year": YEARS, "cap": caps[resource], "requested": request,
                "allocated": allocated, "used": used,
                "constrained": request > allocated + 1e-6,
                # capped but with no option free of every binding limit (or vehicles already
                # on the road): the sector keeps using more than its allocation
                "exceeded": binding & (used > allocated + 1e-6)}))
    columns = ["resource", "unit", "sector", "year", "cap", "requested", "allocated", "used",
               "constrained", "exceeded"]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)

"""Sector pathways as alignment benchmarks, taken from sector runs.

A :class:`Pathway` holds what the alignment methods need of one sector run: production (or
transport activity) by region and technology, and scope 1, 2 and 1+2 CO2 by region, so that
the pathway's emissions intensity is emissions / production. ``load_pathways`` runs the
sectors a portfolio needs under one scenario name; a sector without a pathway is reported,
not dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath.errors import InputError
from sectorpath.results import Results
from sectorpath.tables import WORLD

#: Sectors that finance users report (PACTA's sectors) but sectorpath does not model: known,
#: accepted in the inputs, and reported with the status "no pathway".
NO_PATHWAY_SECTORS = ("automotive", "coal", "oil_and_gas", "power")

#: Steel routes whose metallic input is scrap (the Sustainable STEEL Principles' secondary
#: route); every other steel technology is primary (iron ore based).
SCRAP_TECHNOLOGIES = {"steel": frozenset({"EAF"})}

SCOPES = ("1", "2", "1+2")

#: Pathway sets shipped with the alignment package (a cross-sector scenario file each).
PATHWAY_SETS = Path(__file__).parent / "scenarios"



@dataclass(frozen=True)
class Pathway:
    """One sector's benchmark pathway.

    ``production``: region, technology, year, value (``production_unit``, every technology,
    zeros included); ``emissions``: region, scope ("1", "2", "1+2"), year, value (Mt CO2/yr);
    ``technology_emissions``: technology, year, value - World scope 1+2 by technology
    (Mt CO2/yr; industrial sectors only, empty otherwise). ``emission_factor`` converts
    production x intensity into Mt CO2 (1 for Mt x t CO2/t; 1e-3 for billion tkm x g CO2/tkm).
    """

    sector: str
    label: str
    scenario: str
    production_unit: str
    intensity_unit: str
    emission_factor: float
    production: pd.DataFrame
    emissions: pd.DataFrame
    technology_emissions: pd.DataFrame = field(
        default_factory=lambda: _empty_technology_emissions())

    @cached_property
    def technologies(self) -> list[str]:
        return list(dict.fromkeys(self.production["technology"]))

    @cached_property
    def regions(self) -> list[str]:
        return list(dict.fromkeys(self.production["region"]))

    @cached_property
    def years(self) -> np.ndarray:
        return np.sort(self.production["year"].unique())

    def technology_production(self, region: str = WORLD) -> pd.DataFrame:
        """Production by year (rows) and technology (columns) in ``region``."""
        rows = self.production[self.production["region"] == region]
        return rows.pivot_table(index="year", columns="technology", values="value",
                                aggfunc="sum").reindex(columns=self.technologies, fill_value=0.0)

    def world_production(self) -> pd.Series:
        """World production by year, in ``production_unit``."""
        return self.technology_production(WORLD).sum(axis=1)

    def world_emissions(self, scope: str = "1+2") -> pd.Series:
        """World CO2 of one scope by year, Mt CO2/yr."""
        rows = self.emissions[(self.emissions["region"] == WORLD)
                              & (self.emissions["scope"] == scope)]
        return rows.set_index("year")["value"].reindex(self.years)

    def intensity(self, scope: str = "1+2") -> pd.Series:
        """World emissions intensity by year, in ``intensity_unit``."""
        production = self.world_production()
        return self.world_emissions(scope) / production.where(production > 0) / (
            self.emission_factor)

    def route_intensity(self, technologies: frozenset[str]) -> pd.Series:
        """Scope 1+2 intensity by year of the World production of ``technologies`` only."""
        emissions = self.technology_emissions[
            self.technology_emissions["technology"].isin(technologies)].groupby("year")[
            "value"].sum().reindex(self.years, fill_value=0.0)
        production = self.technology_production(WORLD)
        chosen = production[[t for t in self.technologies if t in technologies]].sum(axis=1)
        return emissions / chosen.where(chosen > 0) / self.emission_factor


def _empty_technology_emissions() -> pd.DataFrame:
    return pd.DataFrame({"technology": pd.Series(dtype=str), "year": pd.Series(dtype=int),
                         "value": pd.Series(dtype=float)})


def pathway_from_results(results: Results, sector: str) -> Pathway:
    """The benchmark tables of a sector run: production (or activity) by technology, emissions
    by scope and, where the sector reports them, emissions by technology."""
    table = results.iamc
    basis = results.model.alignment_basis(results.trajectory)
    technologies = list(basis.technologies)
    technology_emissions = _empty_technology_emissions()
    if basis.technology_emissions:
        parts = [_children(table, prefix, technologies, WORLD)
                 for prefix in basis.technology_emissions]
        technology_emissions = parts[0][["technology", "year"]].assign(
            value=sum(part["value"] for part in parts))
    production = _children(table, basis.production_variable, technologies)
    names = results.names
    variables = {"1": names.scope(1), "2": names.scope(2), "1+2": names.emissions}
    emissions = pd.concat([
        table.loc[table["variable"] == variables[scope],
                  ["region", "year", "value"]].assign(scope=scope) for scope in SCOPES],
        ignore_index=True)
    return Pathway(sector, results.label, results.scenario, basis.production_unit,
                   basis.intensity_unit, basis.factor, production,
                   emissions[["region", "scope", "year", "value"]], technology_emissions)


def _children(table: pd.DataFrame, prefix: str, technologies: list[str],
              region: str | None = None) -> pd.DataFrame:
    """region, technology, year, value of ``prefix|<technology>`` on a full grid (zeros where
    the run reported nothing, e.g. a technology never built)."""
    rows = table[table["variable"].str.startswith(prefix + "|")]
    if region is not None:
        rows = rows[rows["region"] == region]
    rows = rows.assign(technology=rows["variable"].str[len(prefix) + 1:])
    rows = rows[rows["technology"].isin(technologies)]
    regions = [region] if region is not None else list(dict.fromkeys(table["region"]))
    grid = pd.MultiIndex.from_product(
        [regions, technologies, np.sort(table["year"].unique())],
        names=["region", "technology", "year"])
    values = rows.set_index(["region", "technology", "year"])["value"]
    return values.reindex(grid, fill_value=0.0).reset_index()


@dataclass
class Pathways:
    """The pathways found for the sectors asked for, and why the others have none."""

    scenario: str
    found: dict[str, Pathway]
    missing: dict[str, str]


@dataclass(frozen=True)
class _Plan:
    label: str
    sectors: dict[str, str]  # sector -> scenario name or path
    combined: Path | None = None  # a cross-sector file to run together (shared caps)


def load_pathways(scenario: str, sectors: Iterable[str]) -> Pathways:
    """Run each sector of ``sectors`` that sectorpath models under ``scenario``.

    ``scenario`` is a pathway set of the alignment package (``net-zero``), a built-in
    cross-sector scenario (``sectorpath run all``'s), a path to a cross-sector ``.toml``, or a
    scenario name that some of the sectors have (e.g. ``least-cost``).
    """
    from sectorpath.api import run
    from sectorpath.sectors import sector_names

    wanted = sorted(set(sectors))
    modelled = [s for s in wanted if s in sector_names()]
    plan = _plan(scenario, modelled)
    missing = {s: "sectorpath has no model of this sector" for s in wanted if s not in modelled}
    for sector in modelled:
        if sector not in plan.sectors:
            missing[sector] = f"scenario {plan.label!r} has no {sector} pathway"
    chosen = {s: plan.sectors[s] for s in modelled if s in plan.sectors}
    runs: dict[str, Results] = {}
    if plan.combined is not None and chosen:
        from sectorpath.crosssector import run_all
        runs = {s: r for s, r in run_all(plan.combined).runs.items() if s in chosen}
    else:
        for sector, name in chosen.items():
            try:
                runs[sector] = run(sector, name)
            except InputError as error:  # e.g. a set naming a scenario the sector lacks
                missing[sector] = str(error)
    found = {s: pathway_from_results(r, s) for s, r in runs.items()}
    return Pathways(plan.label, found, missing)


def _plan(scenario: str, sectors: list[str]) -> _Plan:
    from sectorpath.crosssector.scenario import all_scenario_names, load_all_scenario
    from sectorpath.scenarios.model import builtin_names

    file = _cross_sector_file(scenario)
    if file is not None:
        combined = load_all_scenario(file)
        return _Plan(combined.name, dict(combined.sectors),
                     file if combined.shared.limits else None)
    per_sector = {s: scenario for s in sectors if scenario in builtin_names(s)}
    if sectors and not per_sector:
        names = sorted({n for s in sectors for n in builtin_names(s)})
        raise InputError("command line", "scenario", f"no pathway set or scenario named "
                         f"{scenario!r} for the sectors {', '.join(sectors)}",
                         allowed=[*pathway_set_names(), *all_scenario_names(), *names,
                                  "a path to a cross-sector .toml"])
    return _Plan(scenario, per_sector)


def _cross_sector_file(scenario: str) -> Path | None:
    """The cross-sector scenario file ``scenario`` names: a path, one of the alignment
    package's pathway sets, or a built-in cross-sector scenario; None for a sector scenario."""
    from sectorpath.crosssector.scenario import BUILTIN_DIR

    if scenario.endswith(".toml"):
        return Path(scenario)
    for folder in (PATHWAY_SETS, BUILTIN_DIR):
        if (folder / f"{scenario}.toml").exists():
            return folder / f"{scenario}.toml"
    return None


def pathway_set_names() -> list[str]:
    """Names of the pathway sets shipped with the alignment package."""
    return sorted(p.stem for p in PATHWAY_SETS.glob("*.toml"))

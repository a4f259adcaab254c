"""``align(inputs, scenario)``: every company and portfolio measured against the sector
pathways (the methods are in ``intensity``, ``technology``, ``pacta_method``, ``commitment``)."""


from __future__ import annotations

from pathlib import Path
from time import perf_counter

import pandas as pd

from sectorpath.alignment import DEFAULT_SCENARIO
from sectorpath.alignment.commitment import commitments, empty_gap, empty_statuses
from sectorpath.alignment.frames import KEYS, NO_PRODUCTION, OK, empty_rows, sector_years
from sectorpath.alignment.inputs import Inputs, check_against_pathways, read_inputs
from sectorpath.alignment.intensity import delta, sda
from sectorpath.alignment.pacta_method import pacta_alignment
from sectorpath.alignment.pathways import Pathways, load_pathways
from sectorpath.alignment.portfolio import aggregate, exposures, loan_coverage
from sectorpath.alignment.result import Alignment
from sectorpath.alignment.technology import technology_share, technology_volume
from sectorpath.errors import InputError

EXAMPLE = Path(__file__).parent / "example"
"""The packaged synthetic example (its README says how it is made)."""



def example_inputs() -> Inputs:
    """The packaged synthetic example (``alignment/example``; see its README)."""
    return read_inputs(EXAMPLE / "portfolio.csv", EXAMPLE / "companies.csv",
                       EXAMPLE / "targets.csv")


METHODS = ("pacta", "sbti")


def align(inputs: Inputs, scenario: str = DEFAULT_SCENARIO, pathways: Pathways | None = None,
          market_share: bool = True, method: str = "pacta",
          market_scenarios: pd.DataFrame | None = None,
          co2_scenarios: pd.DataFrame | None = None) -> Alignment:
    """Align the companies, targets and portfolios of ``inputs`` with the pathways of
    ``scenario`` (runs the sectors needed unless ``pathways`` is given).

    ``method="pacta"`` (default): market share and SDA as r2dii.analysis computes them
    (fixed loan weights, corporate economy, adjusted scenario, m = 1; ``alignment.pacta``),
    also against ``market_scenarios`` / ``co2_scenarios`` in r2dii's formats
    (``scenario_sources``). ``method="sbti"``: the SBTi SDA per company with the market-share
    parameter (``market_share=False``: m = 1) and exposure-weighted company results.
    """
    if method not in METHODS:
        raise InputError("command line", "method", f"unknown method {method!r}",
                         allowed=list(METHODS))
    start = perf_counter()
    sectors = sorted({*inputs.portfolio["sector"], *inputs.companies["sector"],
                      *(() if inputs.targets is None else inputs.targets["sector"])})
    if pathways is None:
        pathways = load_pathways(scenario, sectors)
    loaded = perf_counter()
    found = {s: p for s, p in pathways.found.items() if s in sectors}
    missing = {s: pathways.missing.get(s, "no pathway loaded for this sector")
               for s in sectors if s not in found}
    check_against_pathways(inputs.companies, found, inputs.source("companies"))
    years = sector_years(inputs.companies, found)
    rows = [delta(years, inputs.companies, found)]
    pacta_tables = None
    if method == "pacta":
        pacta_tables = pacta_alignment(inputs.portfolio, inputs.companies, found,
                                       market_scenarios, co2_scenarios)
        rows.append(pacta_tables.companies)
    else:
        volume = technology_volume(inputs.companies, years, found)
        rows += [sda(years, found, market_share), volume, technology_share(volume)]
    targets, gap = empty_statuses(), empty_gap()
    if inputs.targets is not None and not inputs.targets.empty and found:
        committed = commitments(inputs.targets, years, found, inputs.source("targets"))
        rows.append(committed.rows)
        targets, gap = committed.targets, committed.gap
    companies = pd.concat([r for r in rows if not r.empty] or [empty_rows()],
                          ignore_index=True)
    weighted = companies if pacta_tables is None else companies[
        companies["method"].isin(["delta", "commitment"])]
    portfolios = aggregate(weighted, exposures(inputs.portfolio))
    if pacta_tables is not None:
        portfolios = pd.concat([p for p in (portfolios, pacta_tables.portfolios)
                                if not p.empty] or [portfolios], ignore_index=True)
    done = perf_counter()
    return Alignment(pathways.scenario, companies, portfolios, targets, gap,
                     loan_coverage(inputs.portfolio, years, missing),
                     _status(inputs.companies, years, missing), found,
                     {"pathways": loaded - start, "align": done - loaded}, method,
                     pd.DataFrame() if pacta_tables is None else pacta_tables.market_share,
                     pd.DataFrame() if pacta_tables is None else pacta_tables.sda)


def _status(companies: pd.DataFrame, years: pd.DataFrame,
            missing: dict[str, str]) -> pd.DataFrame:
    """Why a company has no result in a sector: no pathway, or no production in the
    pathway's years; "ok" otherwise."""
    pairs = companies[KEYS].drop_duplicates()
    produced = years.loc[years["status"] == OK, KEYS].drop_duplicates().assign(status=OK)
    table = pairs.merge(produced, on=KEYS, how="left")
    no_pathway = table["sector"].isin(list(missing))
    table["status"] = table["status"].fillna(NO_PRODUCTION).where(~no_pathway, "no pathway")
    table["detail"] = table["sector"].map(missing).where(no_pathway, "")
    table.loc[table["status"] == NO_PRODUCTION, "detail"] = "no production in the pathway's years"
    return table.sort_values(KEYS).reset_index(drop=True)

"""``method="pacta"``: the alignment inputs through ``alignment.pacta`` (r2dii.analysis's
definitions) against sectorpath's pathways and any scenario tables the user brings.

The full r2dii-style tables (every region, scenario source and scenario; portfolios and
companies) are kept as ``market_share`` and ``sda``; the rows of sectorpath's own pathway in
the region ``global`` also go into the common layout (``frames.COLUMNS``) as the methods
``technology_volume``, ``technology_share`` and ``sda``, so that summaries, charts and the
IAMC table read them as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sectorpath.alignment import pacta
from sectorpath.alignment.frames import (
    KEYS,
    NO_PRODUCTION,
    OK,
    empty_rows,
    method_rows,
    year_grid,
)
from sectorpath.alignment.pathways import Pathway
from sectorpath.alignment.reference import direction
from sectorpath.alignment.scenario_sources import (
    SECTORPATH_SOURCE,
    co2_intensity_table,
    market_share_table,
)
from sectorpath.tables import WORLD

ENTITY = "entity"


@dataclass
class PactaTables:
    """Company rows and portfolio rows in the common layout, and the r2dii-style tables
    (``entity_type`` "portfolio" or "company")."""

    companies: pd.DataFrame
    portfolios: pd.DataFrame
    market_share: pd.DataFrame
    sda: pd.DataFrame


def abcd_of(companies: pd.DataFrame) -> pd.DataFrame:
    """The companies input as r2dii's asset-level data (World as ``global``); a technology
    without a row in a year between the company's first and last has production 0 there."""
    where = ["company_id", "sector", "region", "technology"]
    summed = companies.groupby([*where, "year"], as_index=False).agg(
        production=("production", "sum"), emission_intensity=("emission_intensity", "first"))
    weighted = (companies["production"] * companies["emission_intensity"]).groupby(
        [companies[c] for c in (*where, "year")]).sum(min_count=1)
    summed["emission_intensity"] = (weighted.to_numpy()
                                    / summed["production"].where(summed["production"] > 0))
    grid = year_grid(companies).merge(companies[where].drop_duplicates(), on=KEYS)
    companies = grid.merge(summed, on=[*where, "year"], how="left").fillna({"production": 0.0})
    return pd.DataFrame({
        "company": companies["company_id"], "sector": companies["sector"],
        "technology": companies["technology"],
        "region": companies["region"].where(companies["region"] != WORLD, pacta.GLOBAL),
        "year": companies["year"], "production": companies["production"],
        "emission_factor": companies["emission_intensity"]})


def loans_of(portfolio: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"portfolio": portfolio["portfolio"],
                         "company": portfolio["counterparty"], "sector": portfolio["sector"],
                         "exposure": portfolio["exposure"]})


def pacta_alignment(portfolio: pd.DataFrame, companies: pd.DataFrame,
                    pathways: dict[str, Pathway], market_scenarios: pd.DataFrame | None = None,
                    co2_scenarios: pd.DataFrame | None = None) -> PactaTables:
    """Market share and SDA of every portfolio and company against ``pathways`` (source
    ``sectorpath``) and the scenario tables given."""
    abcd, loans = abcd_of(companies), loans_of(portfolio)
    market = pd.concat([*(market_share_table(p) for p in pathways.values()),
                        *([market_scenarios] if market_scenarios is not None else [])],
                       ignore_index=True)
    co2 = pd.concat([*(co2_intensity_table(p) for p in pathways.values()),
                     *([co2_scenarios] if co2_scenarios is not None else [])],
                    ignore_index=True)
    share_tables = [_entity(table, level == "company") for level, table in zip(
        ("portfolio", "company"), pacta.market_shares(loans, abcd, market), strict=True)
                    ] if not market.empty else []
    sda_tables = [_entity(pacta.sda(loans, abcd, co2, by_company=flag), flag)
                  for flag in (False, True)] if not co2.empty else []
    market_table = pd.concat(share_tables, ignore_index=True) if share_tables else pd.DataFrame()
    sda_table = pd.concat(sda_tables, ignore_index=True) if sda_tables else pd.DataFrame()
    company_rows: list[pd.DataFrame] = []
    portfolio_rows: list[pd.DataFrame] = []
    for level, bucket in (("company", company_rows), ("portfolio", portfolio_rows)):
        bucket.append(_volume_rows(market_table, level, pathways))
        bucket.append(_sda_rows(sda_table, level, pathways))
    portfolios = pd.concat([r for r in portfolio_rows if not r.empty] or [empty_rows()],
                           ignore_index=True)
    return PactaTables(
        pd.concat([r for r in company_rows if not r.empty] or [empty_rows()],
                  ignore_index=True),
        _with_coverage(portfolios, loans, abcd), market_table, sda_table)


def _entity(table: pd.DataFrame, by_company: bool) -> pd.DataFrame:
    level = "company" if by_company else "portfolio"
    table = table.rename(columns={level: ENTITY}).assign(entity_type=level)
    return table[["entity_type", ENTITY, *[c for c in table.columns
                                           if c not in (ENTITY, "entity_type")]]]


def _own(table: pd.DataFrame, level: str, pathways: dict[str, Pathway]) -> pd.DataFrame:
    """Rows of sectorpath's pathways in the region ``global`` for entities of ``level``."""
    if table.empty:
        return table
    return table[(table["entity_type"] == level) & (table["region"] == pacta.GLOBAL)
                 & (table["scenario_source"] == SECTORPATH_SOURCE)
                 & table["sector"].isin(list(pathways))]


def _volume_rows(table: pd.DataFrame, level: str,
                 pathways: dict[str, Pathway]) -> pd.DataFrame:
    """technology_volume and technology_share rows: projected against the target."""
    rows = _own(table, level, pathways)
    if rows.empty:
        return empty_rows()
    keys = [ENTITY, "sector", "technology", "year"]
    projected = rows[rows["metric"] == pacta.PROJECTED].set_index(keys)
    target = rows[rows["metric"].str.startswith("target_")].set_index(keys)
    both = projected[["production", "technology_share"]].join(
        target[["production", "technology_share"]].add_suffix("_target"),
        how="outer").reset_index()
    both = both.assign(company_id=both[ENTITY], status=OK)
    tech = both["technology"]
    heading = direction(both["sector"], tech)
    unit = both["sector"].map({s: p.production_unit for s, p in pathways.items()})
    volume = method_rows(both.assign(value=both["production"],
                                     target=both["production_target"]),
                         "technology_volume", unit, technology=tech, direction=heading, scope="")
    share = method_rows(both.assign(value=100 * both["technology_share"],
                                    target=100 * both["technology_share_target"]),
                        "technology_share", "%", technology=tech, direction=heading, scope="")
    return pd.concat([volume, share], ignore_index=True)


def _sda_rows(table: pd.DataFrame, level: str, pathways: dict[str, Pathway]) -> pd.DataFrame:
    """sda rows: projected emission factor against the SDA target."""
    rows = _own(table, level, pathways)
    if rows.empty:
        return empty_rows()
    keys = [ENTITY, "sector", "year"]
    metric = rows["emission_factor_metric"]
    projected = rows[metric == pacta.PROJECTED].set_index(keys)["emission_factor_value"]
    target = rows[metric.str.startswith("target_")].set_index(keys)["emission_factor_value"]
    both = pd.concat({"value": projected, "target": target}, axis=1).reset_index()
    span = both[both["value"].notna()].groupby([ENTITY, "sector"])["year"].agg(["min", "max"])
    both = both.join(span, on=[ENTITY, "sector"])
    both = both[both["year"].between(both["min"], both["max"])]  # a gap: "no production"
    both = both.assign(company_id=both[ENTITY], status=np.where(
        both["value"].notna(), OK, NO_PRODUCTION))
    unit = both["sector"].map({s: p.intensity_unit for s, p in pathways.items()})
    return method_rows(both, "sda", unit)


def _with_coverage(portfolios: pd.DataFrame, loans: pd.DataFrame,
                   abcd: pd.DataFrame) -> pd.DataFrame:
    """``exposure``: the portfolio's exposure to companies with data in the sector (the loan
    weights' denominator); ``coverage``: that as % of its exposure to the sector."""
    exposure = pacta.loan_exposure(loans)
    known = pd.MultiIndex.from_frame(abcd[["company", "sector"]].drop_duplicates())
    covered = exposure["exposure"].where(
        pd.MultiIndex.from_frame(exposure[["company", "sector"]]).isin(known), 0.0)
    totals = exposure.assign(covered=covered).groupby(["portfolio", "sector"])[
        ["covered", "exposure"]].sum()
    keys = pd.MultiIndex.from_arrays([portfolios[ENTITY], portfolios["sector"]])
    covered_now = totals["covered"].reindex(keys).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 100 * covered_now / totals["exposure"].reindex(keys).to_numpy()
    return portfolios.assign(exposure=covered_now, coverage=share)

"""Portfolio alignment: company results weighted by the portfolio's exposure to each company.

Each portfolio's exposure to a counterparty in a sector is the sum of its loans; the weight of
a company in a year is its exposure over the exposure to all companies with a result for that
method and year (the covered exposure, reported as ``coverage``, % of the portfolio's exposure
to the sector). Portfolio value and target are the weighted means of the companies' (PACTA's
loan-weighted production and intensity); the deviation is (value - target) / target, except
for the alignment delta, which is the weighted mean of the companies' deltas (the Poseidon
Principles' portfolio score). Technology shares come from the weighted volumes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sectorpath.alignment.frames import KEYS, OK, empty_rows, method_rows, relative
from sectorpath.alignment.technology import technology_share

WEIGHTED = ("sda", "delta", "technology_volume", "commitment")
_ROW = ["sector", "method", "technology", "direction", "scope", "year", "unit"]
_LEVEL = ["sector", "method", "scope", "year"]  # a company's weight is the same within it
MATCHED, NO_COMPANY_DATA, NO_PATHWAY = "matched", "no company data", "no pathway"


def exposures(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Exposure by portfolio, counterparty (as company_id) and sector."""
    total = portfolio.groupby(["portfolio", "counterparty", "sector"])["exposure"].sum()
    return total.reset_index().rename(columns={"counterparty": "company_id"})


def loan_coverage(portfolio: pd.DataFrame, companies: pd.DataFrame,
                  missing: dict[str, str]) -> pd.DataFrame:
    """Loans and exposure by portfolio, sector and status: matched (the counterparty has
    company data in the sector), no company data, or no pathway (with the reason)."""
    known = pd.MultiIndex.from_frame(companies[KEYS].drop_duplicates())
    matched = pd.MultiIndex.from_arrays([portfolio["counterparty"], portfolio["sector"]]).isin(
        known)
    no_pathway = portfolio["sector"].isin(list(missing))
    status = np.select([no_pathway, matched], [NO_PATHWAY, MATCHED], default=NO_COMPANY_DATA)
    table = (portfolio.assign(status=status)
             .groupby(["portfolio", "sector", "status"], as_index=False)
             .agg(loans=("exposure", "size"), exposure=("exposure", "sum")))
    sector_total = table.groupby(["portfolio", "sector"])["exposure"].transform("sum")
    table["share"] = 100 * table["exposure"] / sector_total.where(sector_total > 0)
    table["detail"] = table["sector"].map(missing).where(table["status"] == NO_PATHWAY, "")
    return table


def aggregate(rows: pd.DataFrame, exposure: pd.DataFrame) -> pd.DataFrame:
    """Portfolio rows (entity = portfolio) of every weighted method plus technology shares,
    with the covered exposure (``exposure``) and ``coverage`` (%)."""
    usable = (rows["status"] == OK) & rows["method"].isin(WEIGHTED) & rows["value"].notna() \
        & rows["target"].notna() & ((rows["method"] != "delta") | rows["deviation"].notna())
    rows = rows[usable]
    # Integer keys for the result rows and for the company-level weights, so that the big
    # (rows x portfolios) table is grouped on two numbers instead of eight labels.
    key = rows.groupby(_ROW, sort=False).ngroup().to_numpy()
    level = rows.groupby(_LEVEL, sort=False).ngroup().to_numpy()
    labels = rows.assign(key=key, level=level).drop_duplicates("key").set_index("key")
    weighted = rows[["entity", "sector", "value", "target", "deviation"]].assign(
        key=key, level=level).merge(exposure.rename(columns={"company_id": "entity"}),
                                    on=["entity", "sector"])
    if weighted.empty:
        return empty_rows().assign(exposure=pd.Series(dtype=float),
                                   coverage=pd.Series(dtype=float))
    covered = (weighted.drop_duplicates(["portfolio", "level", "entity"])
               .groupby(["portfolio", "level"])["exposure"].sum().rename("weight"))
    weighted = weighted.assign(v=weighted["value"] * weighted["exposure"],
                               t=weighted["target"] * weighted["exposure"],
                               d=weighted["deviation"] * weighted["exposure"])
    sums = weighted.groupby(["portfolio", "key"], as_index=False)[["v", "t", "d"]].sum()
    sums = sums.join(labels[[*_ROW, "level"]], on="key").join(
        covered, on=["portfolio", "level"]).join(
        exposure.groupby(["portfolio", "sector"])["exposure"].sum().rename("total"),
        on=["portfolio", "sector"])
    sums = sums.assign(company_id=sums["portfolio"], value=sums["v"] / sums["weight"],
                       target=sums["t"] / sums["weight"], status=OK)
    result = method_rows(sums, sums["method"], sums["unit"], technology=sums["technology"],
                         direction=sums["direction"], scope=sums["scope"])
    delta = sums["method"] == "delta"
    result["deviation"] = np.where(delta, sums["d"] / sums["weight"],
                                   relative(sums["value"], sums["target"]))
    result["aligned"] = result["aligned"].where(~delta, result["deviation"] <= 0)
    result["exposure"] = sums["weight"]
    result["coverage"] = 100 * sums["weight"] / sums["total"]
    volume = result[result["method"] == "technology_volume"]
    return pd.concat([result, technology_share(volume)], ignore_index=True)

"""PACTA's market-share approach (2DII / RMI, r2dii.analysis): production-volume targets by
technology, and the technology mix they imply.

From the company's base year t0 (its first year with production), per region r and
technology i with the pathway's production s (regional) and S (regional sector total):

- decreasing technologies (technology market-share ratio): P*_i(t) = P_i(t0) s_i(t) / s_i(t0);
- increasing technologies (sector market-share percentage):
  P*_i(t) = P_i(t0) + P(t0) (s_i(t) - s_i(t0)) / S(t0), at least 0,

where P(t0) is the company's production in the sector and region. A technology is increasing
if the World pathway produces more of it in its last year than in its first (or produced
none at t0). Regional targets are summed to the company's World target; the technology
share is P_i / sum_j P_j against P*_i / sum_j P*_j.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sectorpath.alignment.frames import COLUMNS, OK, empty_rows, method_rows
from sectorpath.alignment.pathways import Pathway

INCREASING, DECREASING = "increasing", "decreasing"


def technology_volume(companies: pd.DataFrame, years: pd.DataFrame,
                      pathways: dict[str, Pathway]) -> pd.DataFrame:
    """Projected and target production by company, technology and year (World)."""
    parts = [_volume_sector(companies[companies["sector"] == s],
                            years[years["sector"] == s], p) for s, p in pathways.items()]
    return pd.concat([empty_rows(), *parts], ignore_index=True)


def directions(pathway: Pathway) -> pd.Series:
    """Technology -> "increasing" or "decreasing" over the pathway's horizon (World)."""
    world = pathway.technology_production()
    return pd.Series(np.where(world.iloc[-1] > world.iloc[0], INCREASING, DECREASING),
                     index=world.columns, name="direction")


def _volume_sector(rows: pd.DataFrame, years: pd.DataFrame, pathway: Pathway) -> pd.DataFrame:
    """Targets on dense arrays: company-region pairs (P) x technologies (T) x years (Y)."""
    span = years[years["year"] >= years["start_year"]]
    if span.empty:
        return empty_rows()
    first, n_years = int(pathway.years[0]), len(pathway.years)
    companies = pd.Index(span["company_id"].unique())
    rows = rows[rows["company_id"].isin(companies) & (rows["year"] >= first)
                & (rows["year"] < first + n_years)]
    pair, pairs = pd.factorize(pd.MultiIndex.from_arrays([rows["company_id"], rows["region"]]))
    owner = companies.get_indexer(pairs.get_level_values(0))  # company of each pair
    region = pd.Index(pathway.regions).get_indexer(pairs.get_level_values(1))
    technology = pd.Index(pathway.technologies).get_indexer(pd.Index(rows["technology"]))
    n_pairs, n_techs = len(pairs), len(pathway.technologies)
    projected = np.zeros((n_pairs, n_techs, n_years))
    np.add.at(projected, (pair, technology, rows["year"].to_numpy() - first),
              rows["production"].to_numpy())
    start = span.groupby("company_id")["start_year"].first().reindex(companies).to_numpy()
    t0 = (start - first).astype(int)[owner]  # base-year index of each pair
    every = np.arange(n_pairs)
    base = projected[every, :, t0]  # (P, T)
    cube = _scenario_cube(pathway)[region]  # (P, T, Y) regional pathway of each pair
    s0 = cube[every, :, t0][:, :, None]
    sector0 = s0.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        tmsr = base[:, :, None] * cube / s0
        smsp = np.maximum(base[:, :, None] + base.sum(axis=1)[:, None, None] * (cube - s0)
                          / sector0, 0.0)
    rising = (directions(pathway).to_numpy() == INCREASING)[None, :, None]
    target = np.nan_to_num(np.where(rising | (s0 <= 0), smsp, tmsr))
    value, goal = (np.zeros((len(companies), n_techs, n_years)) for _ in range(2))
    np.add.at(value, owner, projected)
    np.add.at(goal, owner, target)
    return _volume_rows(value, goal, companies, span, pathway)


def _scenario_cube(pathway: Pathway) -> np.ndarray:
    """The pathway's production as (region, technology, year)."""
    table = pathway.production.pivot_table(index=["region", "technology"], columns="year",
                                           values="value", aggfunc="sum")
    grid = pd.MultiIndex.from_product([pathway.regions, pathway.technologies])
    table = table.reindex(index=grid, columns=pathway.years, fill_value=0.0).fillna(0.0)
    return table.to_numpy().reshape(len(pathway.regions), len(pathway.technologies), -1)


def _volume_rows(value: np.ndarray, goal: np.ndarray, companies: pd.Index,
                 span: pd.DataFrame, pathway: Pathway) -> pd.DataFrame:
    """Long rows of the (company, technology, year) arrays inside each company's years where
    it produces or should produce the technology."""
    first = int(pathway.years[0])
    status = np.full((len(companies), value.shape[2]), "", dtype=object)
    status[companies.get_indexer(pd.Index(span["company_id"])), span["year"].to_numpy() - first] = (
        span["status"].to_numpy())
    company, tech, year = np.nonzero(((value > 0) | (goal > 0)) & (status != "")[:, None, :])
    frame = pd.DataFrame({
        "company_id": companies[company], "sector": pathway.sector,
        "technology": np.asarray(pathway.technologies)[tech],
        "direction": directions(pathway).to_numpy()[tech], "year": year + first,
        "value": value[company, tech, year], "target": goal[company, tech, year],
        "status": status[company, year]})
    frame["target"] = frame["target"].where(frame["status"] == OK)
    return method_rows(frame, "technology_volume", pathway.production_unit,
                       technology=frame["technology"], direction=frame["direction"], scope="")


def technology_share(volume: pd.DataFrame) -> pd.DataFrame:
    """Each technology's share of the entity's sector production (projected and target, %),
    from ``technology_volume`` rows (company or portfolio; extra columns are kept)."""
    totals = volume.groupby(["entity", "sector", "year"])[["value", "target"]].transform("sum")
    shares = volume.assign(
        value=100 * volume["value"] / totals["value"].where(totals["value"] > 0),
        target=100 * volume["target"] / totals["target"].where(totals["target"] > 0),
        company_id=volume["entity"])
    rows = method_rows(shares, "technology_share", "%", technology=shares["technology"],
                       direction=shares["direction"], scope=shares["scope"])
    extra = [c for c in volume.columns if c not in COLUMNS]
    return pd.concat([rows, volume[extra]], axis=1)

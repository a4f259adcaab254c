"""The commitment gap: what the companies' targets add up to against the sector pathway.

Each target runs linearly from its base value B in the base year b to B (1 - r/100) in the
target year T and holds after it (a later target of the same company and scope takes over
from its own base year; one starting in the year the previous one ends continues from that
end value unless it gives its own); before the first base year the commitment is B. An
intensity target becomes emissions with the company's production (held flat outside its data
years).

The pathway-consistent emissions of the same companies contract at the sector's own rate from
the first target's base year: E_b x S(t) / S(b) (absolute targets, S = the pathway's World
emissions of that scope), or I_b x I_s(t) / I_s(b) x P(t) (intensity targets). The gap is
committed - consistent, Mt CO2/yr: positive means the targets fall short of the pathway.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sectorpath.alignment.frames import KEYS, OK, empty_rows, method_rows, relative
from sectorpath.alignment.pathways import Pathway
from sectorpath.errors import InputError

GROUP = [*KEYS, "scope"]
UNIT = "Mt CO2/yr"
_STATUS_COLUMNS = [*GROUP, "type", "base_year", "target_year", "reduction", "base_value",
                   "target_value", "current_year", "current_value", "planned_year",
                   "planned_value", "status"]
GAP_COLUMNS = ["sector", "scope", "year", "unit", "committed", "consistent", "gap",
               "gap_percent", "companies"]


@dataclass
class Commitments:
    """Company rows (method "commitment"), one status row per target, and the sector gap."""

    rows: pd.DataFrame
    targets: pd.DataFrame
    gap: pd.DataFrame


def commitments(targets: pd.DataFrame, years: pd.DataFrame, pathways: dict[str, Pathway],
                source: str) -> Commitments:
    """Committed and pathway-consistent emissions of every company with a target."""
    modelled = targets["sector"].isin(list(pathways))
    unmodelled = targets[~modelled].assign(status="no pathway")
    unmodelled = unmodelled[[c for c in _STATUS_COLUMNS if c in unmodelled]]
    if not modelled.any():
        return Commitments(empty_rows(), unmodelled.reset_index(drop=True), empty_gap())
    chosen = targets[modelled].assign(data_row=targets.index[modelled].to_numpy() + 2)
    chosen = _with_base(chosen.sort_values([*GROUP, "base_year"]), years, pathways, source)
    expanded = _committed_and_consistent(_expand(chosen, pathways), years, pathways)
    rows = method_rows(expanded.assign(status=OK), "commitment", UNIT, scope=expanded["scope"])
    statuses = pd.concat([_status(chosen, years, pathways), unmodelled], ignore_index=True)
    return Commitments(rows.reset_index(drop=True), statuses, _gap(expanded))


def _with_base(targets: pd.DataFrame, years: pd.DataFrame, pathways: dict[str, Pathway],
               source: str) -> pd.DataFrame:
    """The base value of each target (``targets`` sorted by company, scope and base year):
    the file's ``base_value``; else, for a target starting in the year the previous one of
    the same scope ends, that target's end value; else company data (scope 1+2 only)."""
    derived = _own_values(targets, years, pathways, "base_year")
    grouped = targets.groupby(GROUP, sort=False)
    chained = (grouped["target_year"].shift(1) == targets["base_year"]) & (
        grouped["type"].shift(1) == targets["type"])
    base = targets["base_value"].astype(float)
    for _ in range(int(grouped.size().max()) if len(targets) else 0):  # one pass per link
        end = (base * (1 - targets["reduction"] / 100)).groupby(
            [targets[k] for k in GROUP], sort=False).shift(1)
        base = base.fillna(end.where(chained))
    base = base.fillna(derived)
    if base.isna().any():
        bad = targets[base.isna()].iloc[0]
        raise InputError(source, "base_value",
                         f"target {bad['base_year']}-{bad['target_year']} of "
                         f"{bad['company_id']!r} ({bad['sector']}, scope {bad['scope']}, data row "
                         f"{bad['data_row']}) has no base value and no company data for it",
                         allowed="base_value (Mt CO2/yr, or the pathway's intensity unit for "
                         "intensity targets), a previous target of the same scope and type "
                         "ending in the base year, or scope 1+2 company data in the base year")
    return targets.assign(base=base)


def _own_values(targets: pd.DataFrame, years: pd.DataFrame, pathways: dict[str, Pathway],
                year: str) -> pd.Series:
    """Each target's company value in the year of column ``year``, from its scope 1+2 company
    data: emissions (Mt CO2/yr) for absolute targets, intensity for intensity targets; NaN
    for other scopes or without data."""
    factor = targets["sector"].map({s: p.emission_factor for s, p in pathways.items()})
    data = years.loc[years["status"] == OK, [*KEYS, "year", "weighted", "intensity"]]
    found = targets[[*KEYS, year]].merge(data, left_on=[*KEYS, year],
                                         right_on=[*KEYS, "year"], how="left")
    value = np.where(targets["type"].to_numpy() == "intensity", found["intensity"].to_numpy(),
                     found["weighted"].to_numpy() * factor.to_numpy())
    return pd.Series(value, index=targets.index).where(targets["scope"] == "1+2")


def _path(base: pd.Series, reduction: pd.Series, base_year: pd.Series, target_year: pd.Series,
          year: pd.Series) -> pd.Series:
    """The target's linear path: B (1 - r/100 x clip((t - b) / (T - b), 0, 1))."""
    progress = ((year - base_year) / (target_year - base_year)).clip(0.0, 1.0)
    return base * (1 - reduction / 100 * progress)


def _expand(targets: pd.DataFrame, pathways: dict[str, Pathway]) -> pd.DataFrame:
    """One row per target and year it governs, within the pathway's years."""
    first = targets["sector"].map({s: int(p.years[0]) for s, p in pathways.items()})
    last = targets["sector"].map({s: int(p.years[-1]) for s, p in pathways.items()})
    grouped = targets.groupby(GROUP, sort=False)
    leading = grouped.cumcount() == 0
    start = np.where(leading, first, np.maximum(targets["base_year"], first))
    end = grouped["base_year"].shift(-1).sub(1).fillna(last).clip(upper=last).astype(int)
    lengths = np.maximum(end.to_numpy() - start + 1, 0)
    which = np.repeat(np.arange(len(targets)), lengths)
    offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    expanded = targets.iloc[which].reset_index(drop=True)
    expanded["year"] = start[which] + offset
    for column in ("base", "type", "base_year"):  # the benchmark starts from the first target
        expanded[f"first_{column}"] = expanded.groupby(GROUP, sort=False)[column].transform(
            "first")
    return expanded


def _committed_and_consistent(expanded: pd.DataFrame, years: pd.DataFrame,
                              pathways: dict[str, Pathway]) -> pd.DataFrame:
    value = _path(expanded["base"], expanded["reduction"], expanded["base_year"],
                  expanded["target_year"], expanded["year"])
    production = _production(expanded, years)
    factor = expanded["sector"].map({s: p.emission_factor for s, p in pathways.items()})
    per_unit = production * factor
    committed = value.where(expanded["type"] == "absolute", value * per_unit)
    bench = _benchmark_table(pathways)
    first = int(min(p.years[0] for p in pathways.values()))
    start = expanded[["sector", "scope"]].assign(
        year=expanded["first_base_year"].clip(lower=first))
    ratio_key = np.where(expanded["first_type"] == "absolute", "emissions", "intensity")
    now = bench.reindex(pd.MultiIndex.from_frame(expanded[["sector", "scope", "year"]]))
    then = bench.reindex(pd.MultiIndex.from_frame(start))
    ratio = np.where(ratio_key == "emissions", now["emissions"].to_numpy()
                     / then["emissions"].to_numpy(),
                     now["intensity"].to_numpy() / then["intensity"].to_numpy())
    consistent = expanded["first_base"] * ratio
    consistent = consistent.where(expanded["first_type"] == "absolute", consistent * per_unit)
    return expanded.assign(value=committed, target=consistent, production=production)


def _production(expanded: pd.DataFrame, years: pd.DataFrame) -> pd.Series:
    """The company's production in each row's year, held flat outside its data years."""
    own = expanded[[*KEYS, "year"]].merge(years[[*KEYS, "year", "production"]],
                                          on=[*KEYS, "year"], how="left")
    own.index = expanded.index
    ordered = own.sort_values([*KEYS, "year"])
    groups = [ordered[k] for k in KEYS]
    held = ordered["production"].groupby(groups).ffill()
    return held.groupby(groups).bfill().reindex(expanded.index)


def _benchmark_table(pathways: dict[str, Pathway]) -> pd.DataFrame:
    """World emissions (Mt CO2/yr) and intensity by sector, scope and year."""
    frames = []
    for sector, pathway in pathways.items():
        for scope in ("1", "2", "1+2"):
            frames.append(pd.DataFrame({"sector": sector, "scope": scope,
                                        "year": pathway.years,
                                        "emissions": pathway.world_emissions(scope).to_numpy(),
                                        "intensity": pathway.intensity(scope).to_numpy()}))
    return pd.concat(frames).set_index(["sector", "scope", "year"])


def _status(targets: pd.DataFrame, years: pd.DataFrame,
            pathways: dict[str, Pathway]) -> pd.DataFrame:
    """Per target: its end value, the company's current and planned values (scope 1+2 company
    data) and a status: met, on track, off track or no data."""
    span = years.groupby(KEYS, as_index=False).agg(start_year=("start_year", "first"),
                                                    last_year=("last_year", "first"))
    t = targets.merge(span, on=KEYS, how="left").set_index(targets.index)
    t["target_value"] = t["base"] * (1 - t["reduction"] / 100)
    t["current_year"] = np.maximum(t["start_year"], t["base_year"])
    t["planned_year"] = np.minimum(t["target_year"], t["last_year"])
    for when in ("current", "planned"):
        t[f"{when}_value"] = _own_values(t, years, pathways, f"{when}_year")
    on_path = _path(t["base"], t["reduction"], t["base_year"], t["target_year"],
                    t["planned_year"])
    known = t["current_value"].notna()
    t["status"] = np.select(
        [~known, t["current_value"] <= t["target_value"] * (1 + 1e-9),
         t["planned_value"] <= on_path * (1 + 1e-9)],
        ["no data", "met", "on track"], default="off track")
    t = t.drop(columns="base_value").rename(columns={"base": "base_value"})
    return t[_STATUS_COLUMNS].reset_index(drop=True)


def _gap(expanded: pd.DataFrame) -> pd.DataFrame:
    """Committed against pathway-consistent emissions by sector, scope and year."""
    gap = expanded.groupby(["sector", "scope", "year"], as_index=False).agg(
        committed=("value", "sum"), consistent=("target", "sum"),
        companies=("company_id", "nunique"))
    gap["gap"] = gap["committed"] - gap["consistent"]
    gap["gap_percent"] = 100 * relative(gap["committed"], gap["consistent"])
    gap["unit"] = UNIT
    return gap[GAP_COLUMNS]


def empty_gap() -> pd.DataFrame:
    """A commitment gap without rows (no targets, or none in a sector with a pathway)."""
    return pd.DataFrame({c: pd.Series(dtype=object if c in ("sector", "scope", "unit")
                                      else int if c in ("year", "companies") else float)
                         for c in GAP_COLUMNS})


def empty_statuses() -> pd.DataFrame:
    """Target statuses without rows."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _STATUS_COLUMNS})

"""Company figures the methods share, and the one table layout every method returns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sectorpath.alignment.pathways import Pathway

KEYS = ["company_id", "sector"]

#: Columns of every method's result, for companies (entity = company id) and portfolios
#: (entity = portfolio name). ``value`` is the company's or portfolio's own figure, ``target``
#: the benchmark's, ``deviation`` (value - target) / target, ``aligned`` whether value is on
#: the right side of target (below it, or above it for increasing technologies).
COLUMNS = ["entity", "sector", "method", "technology", "direction", "scope", "year", "unit",
           "value", "target", "deviation", "aligned", "status"]

OK = "ok"
NO_PRODUCTION = "no production"
_TINY = 1e-12


def sector_years(companies: pd.DataFrame, pathways: dict[str, Pathway]) -> pd.DataFrame:
    """One row per company, sector (with a pathway) and year, inside the pathway's years.

    Every year from the company's first to its last data year is present (a year without rows
    has production 0). Columns: production (pathway unit), weighted (production x intensity),
    intensity (production-weighted mean, NaN without production), start_year (first year with
    production, the methods' base year), last_year and status ("ok" or "no production").
    """
    horizon = pd.DataFrame([(s, int(y)) for s, p in pathways.items() for y in p.years],
                           columns=["sector", "year"])
    rows = companies.merge(horizon, on=["sector", "year"])
    rows = rows.assign(weighted=rows["production"] * rows["emission_intensity"].fillna(0.0))
    sums = rows.groupby([*KEYS, "year"], as_index=False)[["production", "weighted"]].sum()
    frame = year_grid(sums).merge(sums, on=[*KEYS, "year"], how="left")
    frame = frame.fillna({"production": 0.0, "weighted": 0.0})
    produced = frame["production"] > 0
    frame["intensity"] = frame["weighted"] / frame["production"].where(produced)
    start = frame[produced].groupby(KEYS)["year"].min().rename("start_year")
    frame = frame.merge(start, on=KEYS, how="left")
    frame["last_year"] = frame.groupby(KEYS)["year"].transform("max")
    frame["status"] = np.where(produced, OK, NO_PRODUCTION)
    return frame


def year_grid(frame: pd.DataFrame, keys: list[str] = KEYS) -> pd.DataFrame:
    """``keys`` plus every year between each group's first and last year in ``frame``."""
    span = frame.groupby(keys, as_index=False)["year"].agg(first="min", last="max")
    lengths = (span["last"] - span["first"] + 1).to_numpy()
    which = np.repeat(np.arange(len(span)), lengths)
    offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    grid = pd.DataFrame(span[keys].to_numpy()[which], columns=keys)
    grid["year"] = span["first"].to_numpy()[which] + offset
    return grid


def method_rows(frame: pd.DataFrame, method: str | pd.Series, unit: str | pd.Series, *,
                technology: str | pd.Series = "", direction: str | pd.Series = "",
                scope: str | pd.Series = "1+2") -> pd.DataFrame:
    """A method's result in the common layout, from ``frame`` with company_id, sector, year,
    value, target and status. ``aligned``: value <= target, or value >= target where
    ``direction`` is "increasing"; unknown (NA) unless both are numbers."""
    value, target = frame["value"], frame["target"]
    known = value.notna() & target.notna()
    below = np.where(np.asarray(direction) == "increasing", value >= target - _TINY,
                     value <= target + _TINY)
    aligned = pd.array(np.where(known, below, False), dtype="boolean")
    aligned[~known.to_numpy()] = pd.NA
    return pd.DataFrame({
        "entity": frame["company_id"].to_numpy(), "sector": frame["sector"].to_numpy(),
        "method": method, "technology": technology, "direction": direction, "scope": scope,
        "year": frame["year"].to_numpy(), "unit": unit, "value": value.to_numpy(),
        "target": target.to_numpy(), "deviation": relative(value, target).to_numpy(),
        "aligned": aligned, "status": frame["status"].to_numpy()}, index=frame.index)[COLUMNS]


def relative(value: pd.Series, target: pd.Series) -> pd.Series:
    """(value - target) / target; NaN where the target is (near) zero."""
    return (value - target) / target.where(target.abs() > _TINY)


def empty_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float if c in ("value", "target", "deviation")
                                      else int if c == "year" else object) for c in COLUMNS})

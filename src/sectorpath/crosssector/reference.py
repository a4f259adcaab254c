"""Published cross-sector figures (``crosssector/data``): shared-resource caps, global CO2,
2030 Breakthrough targets and end products for green premiums."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath.crosssector.scenario import SharedLimit
from sectorpath.errors import InputError
from sectorpath.inputs import interpolate_path

DATA = Path(__file__).parent / "data"

#: Conversions into each shared resource's unit (RESOURCE_UNITS).
TO_RESOURCE_UNIT = {"PJ/yr": 1.0, "EJ/yr": 1000.0, "TWh/yr": 3.6, "Mt H2/yr": 120.0,
                    "Mt CO2/yr": 1.0, "Gt CO2/yr": 1000.0}


@cache
def table(name: str) -> pd.DataFrame:
    """One of the cross-sector reference tables, as published (see data/SOURCES.md)."""
    path = DATA / f"{name}.csv"
    if not path.exists():
        raise InputError(path, name, "reference table not found")
    return pd.read_csv(path)


def shared_limit(resource: str, limit: SharedLimit, years: np.ndarray) -> np.ndarray:
    """A world cap per year in the resource's unit, from a published case or a given path."""
    if limit.path is not None:
        return interpolate_path(limit.path, years)
    rows = table("shared_resources")
    rows = rows[(rows["resource"] == resource) & (rows["case"] == limit.case)]
    if rows.empty:
        cases = sorted(table("shared_resources").query("resource == @resource")["case"].unique())
        raise InputError(DATA / "shared_resources.csv", f"shared.limits.{resource}.case",
                         f"no rows for case {limit.case!r}", allowed=cases)
    units = rows["unit"].map(TO_RESOURCE_UNIT)
    if units.isna().any():
        raise InputError(DATA / "shared_resources.csv", "unit",
                         f"unit {rows['unit'][units.isna()].iloc[0]!r} of {resource} unknown",
                         allowed=list(TO_RESOURCE_UNIT))
    values = (rows["value"] * units).groupby(rows["year"]).mean()
    path = dict(zip(values.index.astype(int), values.to_numpy(float), strict=True))
    return interpolate_path(path, years)


def global_co2() -> pd.Series:
    """World CO2 emissions by year (Mt CO2/yr) used for the sectors' share of the total."""
    rows = table("sector_shares")
    world = rows[rows["sector"] == "world"].set_index("year")["co2_mt"]
    return world.sort_index()

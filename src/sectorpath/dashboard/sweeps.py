"""Fan charts from ensemble sweeps, when a sweep folder exists.

The folder is given when the server starts (``sectorpath serve --sweeps DIR``), never by the
browser. Below it, two things are read:

- a sweep's own folder (``sectorpath.ensemble`` store: ``manifest.json``, whose
  ``variables`` maps each key series to its unit, and ``runs/batch-*.parquet`` with sample,
  variable, year, value): the percentiles (linear, as numpy's) are computed here over its
  finished runs, so a sweep still running shows what it has;
- any CSV or Parquet percentile table: columns ``variable``, ``year`` and either
  ``p5``/``p50``/``p95`` (wide) or ``percentile`` (or ``quantile``) and ``value`` (long); an
  optional ``region`` column is read at ``World``.

The newest one holding the sector's emissions is drawn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow.parquet as pq

from sectorpath.dashboard.views import HEIGHT, new_figure
from sectorpath.ensemble.summary import key_variable
from sectorpath.tables import WORLD

BANDS = ("p5", "p50", "p95")
MAX_FILES = 500
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Fan:
    """One variable's percentiles by year from a sweep file."""

    source: str
    """Path of the file, relative to the sweep folder."""
    variable: str
    unit: str
    frame: pd.DataFrame
    """Index year; columns p5, p50, p95."""
    runs: int | None = None
    """Number of runs behind the percentiles, when known."""


def find_fan(root: Path | None, emissions: str) -> Fan | None:
    """The newest sweep (store folder or percentile table) with the sector's emissions."""
    if root is None or not root.is_dir():
        return None
    found = [(_store_mtime(folder), folder) for folder in _stores(root)]
    found += [(path.stat().st_mtime, path) for path in _tables(root)]
    for mtime, path in sorted(found, key=lambda item: item[0], reverse=True)[:MAX_FILES]:
        fan = (_read_store if path.is_dir() else _read_table)(path, mtime, emissions)
        if fan is not None:
            where = str(path.relative_to(root))
            source = fan.source if path.is_dir() else where
            return Fan(source, fan.variable, fan.unit, fan.frame, fan.runs)
    return None


def _stores(root: Path) -> list[Path]:
    return [manifest.parent for manifest in root.rglob(MANIFEST)
            if (manifest.parent / "runs").is_dir()]


def _store_mtime(folder: Path) -> float:
    """Newest finished batch of a sweep (so a sweep still running is read again)."""
    return max((p.stat().st_mtime for p in (folder / "runs").glob("batch-*.parquet")),
               default=(folder / MANIFEST).stat().st_mtime)


def _tables(root: Path) -> list[Path]:
    """CSV and Parquet files that are not inside a sweep's store folder."""
    stores = set(_stores(root))
    return [p for p in root.rglob("*") if p.suffix in (".csv", ".parquet")
            and not any(parent in stores for parent in p.parents)][:MAX_FILES]


@lru_cache(maxsize=64)
def _read_store(folder: Path, mtime: float, emissions: str) -> Fan | None:
    """Percentiles over a sweep's finished runs (``mtime`` keys the cache)."""
    manifest = json.loads((folder / MANIFEST).read_text())
    if not any((folder / "runs").glob("batch-*.parquet")):
        return None
    runs = pd.read_parquet(folder / "runs", columns=["sample", "variable", "year", "value"])
    variable = _pick_variable(runs["variable"].astype(str).unique().tolist(), emissions)
    if variable is None:
        return None
    rows = runs[runs["variable"].astype(str) == variable]
    bands = rows.groupby("year")["value"].quantile(np.array([0.05, 0.5, 0.95])).unstack()
    bands.columns = list(BANDS)
    units = manifest.get("variables", {})  # variable -> unit, as sectorpath.ensemble writes
    unit = str(units.get(variable, "")) if isinstance(units, dict) else ""
    scenario = manifest.get("scenario", {})
    name = scenario.get("name") if isinstance(scenario, dict) else None
    source = f"{folder.name} ({name})" if name else folder.name
    return Fan(source, variable, unit, bands, int(rows["sample"].nunique()))


@lru_cache(maxsize=64)
def _read_table(path: Path, mtime: float, emissions: str) -> Fan | None:
    """Read one file if it is a percentile table holding the sector's emissions (``mtime``
    is part of the cache key, so a rewritten file is read again)."""
    columns = _columns(path)
    wide = set(BANDS) <= columns
    level = next((c for c in ("percentile", "quantile") if c in columns), None)
    if not {"variable", "year"} <= columns or not (wide or (level and "value" in columns)):
        return None
    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    if "region" in frame.columns:
        frame = frame[frame["region"] == WORLD]
    variable = _pick_variable(frame["variable"].astype(str).unique().tolist(), emissions)
    if variable is None:
        return None
    rows = frame[frame["variable"] == variable]
    if not wide:
        rows = rows.assign(band=rows[str(level)].map(_band_name)).dropna(subset=["band"])
        bands = rows.pivot_table(index="year", columns="band", values="value")
    else:
        bands = rows.groupby("year")[list(BANDS)].mean()
    if not set(BANDS) <= set(bands.columns):
        return None
    unit = str(rows["unit"].iloc[0]) if "unit" in rows.columns and len(rows) else ""
    return Fan(path.name, variable, unit, bands[list(BANDS)].sort_index())


def _columns(path: Path) -> set[str]:
    try:
        if path.suffix == ".parquet":
            return set(pq.read_schema(path).names)
        return set(pd.read_csv(path, nrows=0).columns)
    except (OSError, ValueError):
        return set()


def _band_name(level: object) -> str | None:
    """'p5', 5, 0.05 -> 'p5' (likewise 50 and 95); anything else None."""
    text = str(level).lstrip("pP")
    try:
        value = float(text)
    except ValueError:
        return None
    value = value * 100 if value <= 1 else value
    name = f"p{value:g}"
    return name if name in BANDS else None


def _pick_variable(variables: list[str], emissions: str) -> str | None:
    """The sector's scope 1+2 emissions (``emissions``) among a sweep's series, else the
    first of its parts (scope 1 or 2); None if the sweep is of another sector."""
    return key_variable(variables, emissions)


def fan_figure(fan: Fan, title: str, run: pd.Series | None = None) -> go.Figure:
    """p5-p95 band, median line and, if given, the run on the page for comparison."""
    frame = fan.frame
    figure = new_figure()
    figure.add_scatter(x=frame.index, y=frame["p95"], mode="lines", line={"width": 0},
                       name="p95", showlegend=False)
    figure.add_scatter(x=frame.index, y=frame["p5"], mode="lines", line={"width": 0},
                       fill="tonexty", fillcolor="rgba(31,119,180,0.25)", name="p5-p95")
    figure.add_scatter(x=frame.index, y=frame["p50"], mode="lines", name="median (p50)",
                       line={"color": "rgb(31,119,180)"})
    if run is not None:
        figure.add_scatter(x=run.index, y=run.values, mode="lines", name="this run",
                           line={"color": "black", "dash": "dot"})
    figure.update_layout(title=title, yaxis_title=fan.unit, xaxis_title="year",
                         hovermode="x unified", height=HEIGHT)
    return figure

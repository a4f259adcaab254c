"""Scenario tables in r2dii's formats: from sectorpath's pathways, or brought by the user.

Two formats, as r2dii.data's ``scenario_demo_2020`` and ``co2_intensity_scenario_demo``
(<https://rmi-pacta.github.io/r2dii.data/>):

- market share: scenario_source, scenario, sector, technology, region, year, tmsr, smsp -
  tmsr_i(t) = s_i(t) / s_i(t0), the technology's production relative to the scenario's first
  year, smsp_i(t) = (s_i(t) - s_i(t0)) / S(t0), its change as a share of the sector's
  first-year production;
- emission intensity: scenario_source, scenario, sector, region, year, emission_factor (and
  an optional emission_factor_unit).

Any number of scenario sources (IEA WEO/NZE, GECO, ISF, ...) and scenarios may share a file;
sectorpath's own pathways join them as the source ``sectorpath``. Tables are validated on
load: every value finite, tmsr >= 0, smsp >= -1, emission factors >= 0, one row per key, a
source's first year the same for every technology of a sector (tmsr = 1 and smsp = 0 there).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from sectorpath.alignment.pacta import GLOBAL
from sectorpath.alignment.pathways import Pathway
from sectorpath.errors import InputError
from sectorpath.tables import WORLD, validate_frame

SECTORPATH_SOURCE = "sectorpath"
_text = pa.Column(str, pa.Check.str_length(min_value=1), coerce=True)
_finite = pa.Check(lambda s: np.isfinite(s), element_wise=False, error="finite")
_year = pa.Column(int, pa.Check.in_range(2000, 2100), coerce=True)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "market_share_scenario": pa.DataFrameSchema({
        "scenario_source": _text, "scenario": _text, "sector": _text, "technology": _text,
        "region": _text, "year": _year,
        "tmsr": pa.Column(float, [pa.Check.ge(0), _finite], coerce=True),
        "smsp": pa.Column(float, [pa.Check.ge(-1), _finite], coerce=True),
    }),
    "co2_intensity_scenario": pa.DataFrameSchema({
        "scenario_source": _text, "scenario": _text, "sector": _text, "region": _text,
        "year": _year,
        "emission_factor": pa.Column(float, [pa.Check.ge(0), _finite], coerce=True),
        "emission_factor_unit": pa.Column(str, coerce=True, required=False),
    }),
}
_KEYS = {"market_share_scenario": ["scenario_source", "scenario", "sector", "technology",
                                   "region", "year"],
         "co2_intensity_scenario": ["scenario_source", "scenario", "sector", "region", "year"]}


def read_scenario(path: Path, kind: str) -> pd.DataFrame:
    """Read and validate a scenario table of ``kind`` ("market_share_scenario" or
    "co2_intensity_scenario"); sectors lower-cased, spaces as "_" ("oil and gas")."""
    if not path.exists():
        raise InputError(path, kind, "file not found", allowed="a .csv or .parquet file")
    try:
        frame = (pd.read_parquet(path) if path.suffix.lower() in (".parquet", ".pq")
                 else pd.read_csv(path, keep_default_na=False, na_values=[""]))
    except (pd.errors.ParserError, UnicodeDecodeError, OSError, ValueError) as exc:
        raise InputError(path, kind, f"not a readable table ({exc})") from exc
    return validate_scenario(frame, kind, path)


def validate_scenario(frame: pd.DataFrame, kind: str, source: str | Path) -> pd.DataFrame:
    """Validate a scenario table already in memory."""
    frame = validate_frame(frame, SCHEMAS[kind], source)
    frame = frame.assign(sector=frame["sector"].str.lower().str.replace(" ", "_"))
    keys = _KEYS[kind]
    twice = frame.duplicated(keys, keep=False)
    if twice.any():
        rows = [int(i) + 2 for i in np.flatnonzero(twice.to_numpy())[:5]]
        raise InputError(source, ", ".join(keys), f"the same key appears on several rows "
                         f"(data rows {rows} of the file)", allowed="one row per key")
    if kind == "market_share_scenario":
        _check_start(frame, source)
    return frame


def _check_start(frame: pd.DataFrame, source: str | Path) -> None:
    """In each source's first year of a sector tmsr is 1 and smsp 0 (both are relative to
    that year)."""
    first = frame["year"] == frame.groupby(["scenario_source", "sector"])["year"].transform("min")
    bad = first & (~np.isclose(frame["tmsr"], 1.0) | ~np.isclose(frame["smsp"], 0.0))
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise InputError(source, "tmsr", f"{frame['tmsr'].iloc[row]} / smsp "
                         f"{frame['smsp'].iloc[row]} in the first year {frame['year'].iloc[row]}"
                         f" of {frame['scenario_source'].iloc[row]} {frame['sector'].iloc[row]}"
                         f" (data row {row + 2} of the file)",
                         allowed="tmsr = 1 and smsp = 0 in a scenario's first year")


def market_share_table(pathway: Pathway) -> pd.DataFrame:
    """The pathway as r2dii's market-share scenario (source ``sectorpath``), by region
    (World as ``global``); a technology the region did not produce in the first year keeps
    tmsr = 1; a region without production in the first year is left out."""
    rows = pathway.production.pivot_table(index=["region", "technology"], columns="year",
                                          values="value", aggfunc="sum").fillna(0.0)
    start = rows.iloc[:, 0]
    sector_start = start.groupby(level="region").transform("sum")
    values = rows.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        tmsr = np.where(start.to_numpy()[:, None] > 0, values / start.to_numpy()[:, None], 1.0)
        smsp = (values - start.to_numpy()[:, None]) / sector_start.to_numpy()[:, None]
    index = rows.index.to_frame(index=False)
    frame = pd.DataFrame({
        "region": np.repeat(index["region"].to_numpy(), rows.shape[1]),
        "technology": np.repeat(index["technology"].to_numpy(), rows.shape[1]),
        "year": np.tile(rows.columns.to_numpy(dtype=int), len(rows)),
        "tmsr": tmsr.ravel(), "smsp": smsp.ravel(),
        "produced": np.repeat(sector_start.to_numpy() > 0, rows.shape[1])})
    frame = frame[frame["produced"]].drop(columns="produced")
    return frame.assign(scenario_source=SECTORPATH_SOURCE, scenario=pathway.scenario,
                        sector=pathway.sector, region=_region_name(frame["region"]))


def co2_intensity_table(pathway: Pathway) -> pd.DataFrame:
    """The pathway's scope 1+2 intensity as r2dii's emission-intensity scenario, by region
    (World as ``global``) in years with production."""
    production = pathway.production.groupby(["region", "year"])["value"].sum()
    emissions = pathway.emissions[pathway.emissions["scope"] == "1+2"].set_index(
        ["region", "year"])["value"]
    intensity = (emissions / production.where(production > 0)).dropna() / (
        pathway.emission_factor)
    frame = intensity.rename("emission_factor").reset_index()
    return frame.assign(scenario_source=SECTORPATH_SOURCE, scenario=pathway.scenario,
                        sector=pathway.sector, region=_region_name(frame["region"]),
                        emission_factor_unit=pathway.intensity_unit)


def _region_name(regions: pd.Series) -> pd.Series:
    return regions.where(regions != WORLD, GLOBAL)

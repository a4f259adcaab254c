"""The three alignment inputs, declared as pandera schemas, and their validated readers.

- companies: production (or transport activity) by company, sector, region, technology and
  year, with the scope 1+2 emissions intensity of that production;
- targets: company emission-reduction targets (base year, target year, reduction %, scope);
- portfolio: a loan book (counterparty, sector, exposure), optionally several portfolios.

CSV or Parquet. A bad table stops with an ``InputError`` naming the file, the field and what
is allowed (see ``docs/alignment.md`` for the columns and units).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from sectorpath.alignment.pathways import NO_PATHWAY_SECTORS, Pathway
from sectorpath.errors import InputError
from sectorpath.tables import EARLIEST_YEAR, LAST_YEAR, WORLD, check_known, validate_frame

_text = pa.Column(str, pa.Check.str_length(min_value=1), coerce=True)


def _bounded(most: float, nullable: bool = False, required: bool = True) -> pa.Column:
    """A finite number from 0 to ``most`` (NaN only where ``nullable``)."""
    return pa.Column(float, [pa.Check.ge(0), pa.Check.le(most)], coerce=True,
                     nullable=nullable, required=required)


#: Upper bounds far above any real company or loan, so that a unit or typing error
#: (inf, 1e30) stops the run: production in Mt/yr or billion tkm/yr (all of world
#: shipping is about 1.2e5 billion tkm), intensity in t CO2/t or g CO2/tkm, exposure in one
#: currency, base values in Mt CO2/yr or an intensity unit.
MOST = {"production": 1e6, "emission_intensity": 1e5, "exposure": 1e15, "base_value": 1e5}

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "companies": pa.DataFrameSchema({
        "company_id": _text,
        "sector": _text,
        "region": _text,
        "technology": _text,
        "year": pa.Column(int, pa.Check.in_range(EARLIEST_YEAR, LAST_YEAR), coerce=True),
        "production": _bounded(MOST["production"]),  # Mt/yr, billion tkm/yr, ...
        "emission_intensity": _bounded(MOST["emission_intensity"], nullable=True),
        "asset_id": pa.Column(str, coerce=True, required=False, nullable=True),
        "name": pa.Column(str, coerce=True, required=False, nullable=True),  # for matching
        "scrap_share": pa.Column(float, pa.Check.in_range(0, 1), coerce=True, required=False,
                                 nullable=True),  # steel: scrap in the metallic charge
        "production_unit": pa.Column(str, coerce=True, required=False),
        "intensity_unit": pa.Column(str, coerce=True, required=False),
    }),
    "targets": pa.DataFrameSchema({
        "company_id": _text,
        "sector": _text,
        "scope": pa.Column(str, pa.Check.isin(["1", "2", "1+2"]), coerce=True),
        "base_year": pa.Column(int, pa.Check.in_range(2000, LAST_YEAR), coerce=True),
        "target_year": pa.Column(int, pa.Check.in_range(2000, LAST_YEAR), coerce=True),
        "reduction": pa.Column(float, pa.Check.in_range(0, 100), coerce=True),  # % of base
        "type": pa.Column(str, pa.Check.isin(["absolute", "intensity"]), coerce=True,
                          required=False),
        "base_value": _bounded(MOST["base_value"], nullable=True, required=False),
        # Mt CO2/yr (absolute) or the pathway's intensity unit
    }),
    "portfolio": pa.DataFrameSchema({
        "counterparty": _text,
        "sector": _text,
        "exposure": _bounded(MOST["exposure"]),  # one currency throughout
        "loan_id": pa.Column(str, coerce=True, required=False, unique=True),
        "portfolio": pa.Column(str, coerce=True, required=False),
    }),
}

DEFAULT_PORTFOLIO = "portfolio"


@dataclass
class Inputs:
    """Validated inputs and the files they came from (for error messages)."""

    portfolio: pd.DataFrame
    companies: pd.DataFrame
    targets: pd.DataFrame | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def source(self, name: str) -> str:
        return self.sources.get(name, name)


def known_sectors() -> list[str]:
    """Sectors the inputs may name: sectorpath's sectors and the known ones without a model."""
    from sectorpath.sectors import sector_names

    return sorted({*sector_names(), *NO_PATHWAY_SECTORS})


def read_input(path: Path, name: str) -> pd.DataFrame:
    """Read and validate one alignment input (``companies``, ``targets`` or ``portfolio``)."""
    frame = _read_frame(path, name)
    return validate(frame, name, path)


def validate(frame: pd.DataFrame, name: str, source: str | Path) -> pd.DataFrame:
    """Validate an input table already in memory (``source`` names it in errors)."""
    frame = validate_frame(frame, SCHEMAS[name], source)
    check_known(Path(source), frame, "sector", known_sectors())
    if name == "companies":
        _check_intensity_given(frame, source)
        _check_one_row_per_key(frame, source)
    if name == "targets":
        frame = _with_target_defaults(frame)
        _check_target_years(frame, source)
        _check_no_overlap(frame, source)
    if name == "portfolio":
        if "portfolio" not in frame.columns:
            frame = frame.assign(portfolio=DEFAULT_PORTFOLIO)
        _check_exposure(frame, source)
    return frame


def read_inputs(portfolio: Path, companies: Path, targets: Path | None = None) -> Inputs:
    """Read and validate the three inputs (targets optional)."""
    return Inputs(read_input(portfolio, "portfolio"), read_input(companies, "companies"),
                  None if targets is None else read_input(targets, "targets"),
                  {"portfolio": str(portfolio), "companies": str(companies),
                   "targets": str(targets)})


def _read_frame(path: Path, name: str) -> pd.DataFrame:
    if not path.exists():
        raise InputError(path, name, "file not found", allowed="a .csv or .parquet file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, keep_default_na=False, na_values=[""],
                               dtype={"company_id": str, "counterparty": str, "loan_id": str,
                                      "asset_id": str, "scope": str})
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
    except (pd.errors.ParserError, UnicodeDecodeError, OSError, ValueError) as exc:
        raise InputError(path, name, f"not a readable table ({exc})") from exc
    raise InputError(path, name, f"unsupported file type {suffix!r}",
                     allowed=".csv, .parquet")


def _check_intensity_given(frame: pd.DataFrame, source: str | Path) -> None:
    """Production without an emissions intensity cannot be aligned."""
    _refuse_first(frame["emission_intensity"].isna() & (frame["production"] > 0), source,
                  "emission_intensity",
                  lambda row: f"missing for production > 0 (company "
                  f"{frame['company_id'].iloc[row]!r})",
                  "a number >= 0 (empty only where production is 0)")


def _check_one_row_per_key(frame: pd.DataFrame, source: str | Path) -> None:
    """One row per company, sector, region, technology and year (and asset, where
    ``asset_id`` is given): a repeated row would count its production twice."""
    keys = ["company_id", "sector", "region", "technology", "year",
            *(["asset_id"] if "asset_id" in frame.columns else [])]
    twice = frame.duplicated(keys, keep=False).to_numpy()
    if twice.any():
        rows = [int(i) + 2 for i in np.flatnonzero(twice)]
        first = frame.iloc[int(np.argmax(twice))]
        raise InputError(source, "company_id",
                         f"{first['company_id']!r} ({first['sector']}, {first['region']}, "
                         f"{first['technology']}, {first['year']}) is given on several rows "
                         f"(data rows {', '.join(map(str, rows[:10]))}"
                         f"{' ...' if len(rows) > 10 else ''} of the file)",
                         allowed="one row per " + ", ".join(keys) + "; give asset_id to list "
                         "several assets of one company")


def _check_exposure(frame: pd.DataFrame, source: str | Path) -> None:
    """Loan weights are exposure shares: each portfolio, and each of its sectors, needs a
    total exposure above 0."""
    if frame.empty:
        raise InputError(source, "exposure", "the loan book has no loans",
                         allowed="at least one loan with exposure > 0")
    totals = frame.groupby(["portfolio", "sector"])["exposure"].sum()
    if (totals <= 0).any():
        portfolio, sector = totals.index[int(np.argmax((totals <= 0).to_numpy()))]
        raise InputError(source, "exposure", f"portfolio {portfolio!r} lends 0 in total to "
                         f"{sector}, so its loan weights would be 0/0",
                         allowed="a total exposure > 0 per portfolio and sector (leave out "
                         "a sector without exposure)")


def _with_target_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    if "type" not in frame.columns:
        frame = frame.assign(type="absolute")
    if "base_value" not in frame.columns:
        frame = frame.assign(base_value=np.nan)
    return frame


def _check_target_years(frame: pd.DataFrame, source: str | Path) -> None:
    _refuse_first(frame["target_year"] <= frame["base_year"], source, "target_year",
                  lambda row: f"{frame['target_year'].iloc[row]} is not after the base year "
                  f"{frame['base_year'].iloc[row]}", "a year after base_year, up to 2050")


def _refuse_first(bad: pd.Series, source: str | Path, field: str,
                  problem: Callable[[int], str], allowed: str) -> None:
    """An InputError on the first row where ``bad`` holds (``problem(row)`` describes it)."""
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise InputError(source, field, f"{problem(row)} (data row {row + 2} of the file)",
                         allowed=allowed)


def _check_no_overlap(frame: pd.DataFrame, source: str | Path) -> None:
    """Targets of one company, sector and scope must cover disjoint year ranges
    (one may start in the year the previous one ends: 2020-2030 then 2030-2050)."""
    keys = ["company_id", "sector", "scope"]
    ordered = frame.reset_index(drop=True).sort_values([*keys, "base_year", "target_year"])
    reach = ordered.groupby(keys, sort=False)["target_year"].cummax()
    previous = reach.groupby([ordered[k] for k in keys], sort=False).shift(1)
    overlap = ordered["base_year"] < previous
    if overlap.any():
        row = ordered.index[int(np.argmax(overlap.to_numpy()))]
        first = ordered.loc[row]
        raise InputError(source, "base_year",
                         f"target {first['base_year']}-{first['target_year']} of "
                         f"{first['company_id']!r} ({first['sector']}, scope {first['scope']}) "
                         f"overlaps an earlier target of the same scope (data row {row + 2} "
                         "of the file)",
                         allowed="one target per company, sector and scope for any year; "
                         "a later target may start in the year the previous one ends")


def check_against_pathways(companies: pd.DataFrame, pathways: dict[str, Pathway],
                           source: str) -> None:
    """Regions, technologies and units of the companies must be the pathways' own."""
    for sector, pathway in pathways.items():
        rows = companies[companies["sector"] == sector]
        if rows.empty:
            continue
        try:
            check_known(Path(source), rows, "region", pathway.regions, extra=[WORLD])
            check_known(Path(source), rows, "technology", pathway.technologies)
            for column, unit in (("production_unit", pathway.production_unit),
                                 ("intensity_unit", pathway.intensity_unit)):
                if column in rows.columns:
                    check_known(Path(source), rows, column, [unit])
        except InputError as error:
            raise InputError(error.source, error.field, f"{error.problem} for sector {sector}",
                             error.allowed) from None

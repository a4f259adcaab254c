"""The sector data tables, declared once as pandera schemas, and their validated reader.

Every industrial sector ships the same tables (see ``docs/data.md``); units are part of
the declaration so that a table with the wrong unit is refused at load time, with the file,
the column and the allowed values in the message.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from sectorpath import table_cache
from sectorpath.errors import InputError

FIRST_YEAR = 2020
LAST_YEAR = 2050
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)
"""The modelled horizon of the industry sectors and of the cross-sector run (aviation starts
earlier, from ``EARLIEST_YEAR``)."""
WORLD = "World"

_year = pa.Column(int, pa.Check.in_range(FIRST_YEAR, LAST_YEAR), coerce=True)
_text = pa.Column(str, pa.Check.str_length(min_value=1), coerce=True)
_nonneg = pa.Column(float, pa.Check.ge(0), coerce=True)
_number = pa.Column(float, coerce=True)


def _units(*allowed: str) -> pa.Column:
    return pa.Column(str, pa.Check.isin(list(allowed)), coerce=True)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "assets": pa.DataFrameSchema(
        {
            "asset_id": pa.Column(str, unique=True),
            "region": _text,
            "technology": _text,
            "capacity": pa.Column(float, pa.Check.gt(0), coerce=True),
            "start_year": pa.Column(int, pa.Check.in_range(1700, LAST_YEAR), coerce=True),
            "utilisation": pa.Column(float, pa.Check.in_range(0, 1.2), coerce=True,
                                     required=False, nullable=True),
        }
    ),
    "technologies": pa.DataFrameSchema(
        {
            "technology": pa.Column(str, unique=True),
            "route": _text,
            "phase": pa.Column(str, pa.Check.isin(["initial", "transition", "end-state"])),
            "available_from": pa.Column(int, coerce=True),
            "available_until": pa.Column(int, coerce=True),
        }
    ),
    "costs": pa.DataFrameSchema(
        {
            "technology": _text,
            "region": _text,
            "year": _year,
            "greenfield_capex": _nonneg,
            "renewal_capex": _nonneg,
            "fixed_opex": _nonneg,
            "variable_opex": pa.Column(float, pa.Check.ge(0), coerce=True, required=False),
        }
    ),
    "intensities": pa.DataFrameSchema(
        {
            "technology": _text,
            "region": _text,
            "commodity": _text,
            "value": _number,
            "unit": _units("GJ/t", "t/t", "tCO2/t"),
            "year": pa.Column(int, pa.Check.in_range(FIRST_YEAR, LAST_YEAR), coerce=True,
                              required=False),
            "flow": pa.Column(str, pa.Check.isin(["input", "output"]), required=False),
        }
    ),
    "prices": pa.DataFrameSchema(
        {
            "commodity": _text,
            "region": _text,
            "year": _year,
            "case": _text,
            "value": _number,
            "unit": _units("USD/GJ", "USD/t", "USD/tCO2"),
        }
    ),
    "emission_factors": pa.DataFrameSchema(
        {
            "commodity": _text,
            "scope": pa.Column(int, pa.Check.isin([1, 2, 3]), coerce=True),
            "region": _text,
            "year": _year,
            "case": _text,
            "value": _number,
            "unit": _units("tCO2/GJ", "tCO2/t", "tCO2e/GJ", "tCO2e/t"),
        }
    ),
    "demand": pa.DataFrameSchema(
        {
            "region": _text,
            "year": _year,
            "scenario": _text,
            "product": _text,
            "value": _nonneg,
            "unit": _units("Mt"),
        }
    ),
    "limits": pa.DataFrameSchema(
        {
            "resource": _text,
            "region": _text,
            "year": _year,
            "case": _text,
            "value": _nonneg,
            "unit": _units("PJ/yr", "Mt/yr", "Mt CO2/yr"),
        }
    ),
    "production_2020": pa.DataFrameSchema(
        {"region": _text, "value": _nonneg, "unit": _units("Mt")}
    ),
    # published World production, Mt, to which demand is anchored in the years it covers
    "statistics": pa.DataFrameSchema(
        {"year": _year, "value": pa.Column(float, pa.Check.gt(0), coerce=True),
         "unit": _units("Mt"), "source": _text}
    ),
}

# -- transport (fleet) tables: years may start before 2020 (aviation's base year is 2019) --
EARLIEST_YEAR = 2019
_fleet_year = pa.Column(int, pa.Check.in_range(EARLIEST_YEAR, LAST_YEAR), coerce=True)
_share = pa.Column(float, pa.Check.in_range(0, 1), coerce=True)

SCHEMAS.update({
    "powertrains": pa.DataFrameSchema({
        "segment": _text,
        "powertrain": _text,
        "carrier": _text,
        "available_from": pa.Column(int, coerce=True),
        "lifetime_years": pa.Column(float, pa.Check.gt(0), coerce=True),
        "capex": _nonneg,  # million USD per vehicle
        "activity_per_vehicle": pa.Column(float, pa.Check.gt(0), coerce=True),  # million/yr
        "intensity": _nonneg,  # MJ per activity unit, base year
        "efficiency_gain": pa.Column(float, pa.Check.in_range(0, 0.2), coerce=True),
        "other_opex": _nonneg,  # USD per activity unit
        "adoption_midpoint": pa.Column(float, coerce=True),
        "adoption_steepness": pa.Column(float, pa.Check.gt(0), coerce=True),
        "zero_emission": pa.Column(bool, coerce=True),
        "infrastructure_capex": pa.Column(float, pa.Check.ge(0), coerce=True, required=False),
        "capex_2050": pa.Column(float, pa.Check.ge(0), coerce=True, required=False,
                                nullable=True),  # million USD per vehicle in 2050
    }),
    "fleet_base": pa.DataFrameSchema({
        "segment": _text,
        "region": _text,
        "powertrain": _text,
        "activity": _nonneg,  # billion activity units in the first year
    }),
    "activity": pa.DataFrameSchema({
        "segment": _text,
        "region": _text,
        "year": _fleet_year,
        "scenario": _text,
        "value": _nonneg,
        "unit": _text,
    }),
    "fuels": pa.DataFrameSchema({
        "carrier": _text,
        "fuel": _text,
        "region": _text,
        "year": _fleet_year,
        "case": _text,
        "price": _nonneg,  # USD/GJ
        "ttw": _number,  # t CO2/GJ tank-to-wake (biogenic CO2 counted as 0)
        "wtt": _number,  # t CO2e/GJ well-to-tank
        "zero_emission": pa.Column(bool, coerce=True),
    }),
    "mandates": pa.DataFrameSchema({
        "kind": pa.Column(str, pa.Check.isin(["fuel", "sales"])),
        "target": _text,
        "region": _text,
        "year": _fleet_year,
        "value": _share,
    }),
    "retrofits": pa.DataFrameSchema({
        "segment": _text,
        "from_powertrain": _text,
        "to_powertrain": _text,
        "capex": _nonneg,  # million USD per vehicle converted
        "available_from": pa.Column(int, coerce=True),
        "max_share": _share,  # of the eligible stock converted per year, at most
        "min_age": pa.Column(int, pa.Check.ge(0), coerce=True),
        "max_age": pa.Column(int, pa.Check.ge(0), coerce=True),
    }),
    "fuel_limits": pa.DataFrameSchema({
        "fuel": _text,
        "region": _text,
        "year": _fleet_year,
        "value": _nonneg,  # PJ/yr
    }),
    # published shares of new sales by powertrain (the calibrated start, fixed in every
    # scenario in the years they cover)
    "sales_history": pa.DataFrameSchema({
        "segment": _text,
        "region": _text,
        "powertrain": _text,
        "year": _fleet_year,
        "share": _share,  # fraction of the market's new sales
        "source": _text,
    }),
})

# -- tables one sector ships beside the common ones (read by its own module, the alignment
# module, or kept as the reference its builder checks against) --
SCHEMAS.update({
    "switches": pa.DataFrameSchema({  # cement: moves allowed at an investment cycle
        "origin": _text,
        "destination": _text,
        "switch_type": _text,
    }),
    "technology_emissions": pa.DataFrameSchema({  # aluminium, t CO2 per t by scope
        "case": _text,
        "technology": _text,
        "region": _text,
        "year": _year,
        "scope1": _nonneg,
        "scope1_captured": pa.Column(float, pa.Check.ge(0), coerce=True, nullable=True),
        "scope2": _nonneg,
        "scope3": pa.Column(float, pa.Check.ge(0), coerce=True, nullable=True),
    }),
    "technology_wacc": pa.DataFrameSchema({
        "technology": _text,
        "region": _text,
        "wacc": pa.Column(float, pa.Check.in_range(0, 1), coerce=True),  # fraction per year
    }),
    "secondary_share": pa.DataFrameSchema({  # aluminium: recycled share of all aluminium
        "scenario": _text,
        "year": _year,
        "secondary_share": _share,
        "primary_aluminium_mt": _nonneg,
        "secondary_aluminium_mt": _nonneg,
        "total_aluminium_mt": _nonneg,
    }),
    "carbon_budget": pa.DataFrameSchema({
        "year": _year,
        "value": _nonneg,
        "unit": _units("Mt CO2/yr"),
    }),
    # ammonia: demand by product before NH3-eq blending, with MPP's scenario name
    "demand_by_product": SCHEMAS["demand"].add_columns({"source_scenario": _text}),
    "product_shares_2020": pa.DataFrameSchema({  # ammonia: share of NH3-eq output by product
        "region": _text,
        "ammonia": _share,
        "ammonium_nitrate": _share,
        "urea": _share,
    }),
})

#: Fate of the carbon in a sector's products (sectors that declare ``end_of_life``): shares
#: of the carbon released, stored and recycled, by year and case (adding up to 1, checked by
#: ``inputs``).
SCHEMAS["end_of_life"] = pa.DataFrameSchema(
    {"year": _year, "case": _text, "released": _share, "stored": _share, "recycled": _share})

#: Prices must not be negative except for by-products that a plant pays to get rid of.
NEGATIVE_PRICE_ALLOWED = frozenset({"bf_slag", "other_slag"})


#: Tables of optional constraints, which may hold a header and no rows.
MAY_BE_EMPTY = frozenset({"limits", "mandates", "retrofits", "fuel_limits", "sales_history"})


def read_table(path: Path, name: str) -> pd.DataFrame:
    """Read one sector table from CSV and validate it against its declared schema (once per
    content: a table that validated before is read back from ``table_cache``)."""
    if not path.is_file():
        raise InputError(path, name, "table file not found", allowed=f"a CSV file named {name}.csv")
    content = path.read_bytes()
    cache_key = table_cache.key(content, name)
    cached = table_cache.load(cache_key)
    if cached is not None:
        return cached
    try:
        frame = pd.read_csv(io.BytesIO(content), keep_default_na=False, na_values=[""])
    except pd.errors.EmptyDataError:
        raise InputError(path, name, "the file is empty",
                         allowed="a header line and at least one row") from None
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        raise InputError(path, name, f"not a readable CSV table ({exc})") from exc
    if frame.empty and name not in MAY_BE_EMPTY:
        raise InputError(path, name, "the table has a header but no rows",
                         allowed="at least one row")
    frame = validate_frame(frame, SCHEMAS[name], path)
    if name == "prices":
        _check_no_negative_prices(path, frame)
    table_cache.store(cache_key, frame)
    return frame


def validate_frame(frame: pd.DataFrame, schema: pa.DataFrameSchema,
                   path: str | Path) -> pd.DataFrame:
    """``frame`` validated (and coerced) by ``schema``; a missing required column or the first
    failing value becomes an InputError naming ``path``, the column and what is allowed."""
    required = [name for name, column in schema.columns.items() if column.required]
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise InputError(path, missing[0], "required column is missing",
                         allowed=f"required: {', '.join(required)}")
    try:
        frame = schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        raise _explain(Path(path), schema, exc) from None
    _check_finite(frame, Path(path))
    return frame


def _check_finite(frame: pd.DataFrame, path: Path) -> None:
    """An infinite number passes a range check (inf >= 0); refuse it with its row."""
    numbers = frame.select_dtypes("number")
    infinite = np.isinf(numbers.to_numpy(float))
    if infinite.any():
        row, column = (int(i[0]) for i in np.nonzero(infinite))
        value = float(numbers.to_numpy(float)[row, column])
        raise InputError(path, str(numbers.columns[column]),
                         f"value {value} is not finite (data row {row + 2} of the file)",
                         allowed="a finite number")


def _explain(path: Path, schema: pa.DataFrameSchema, exc: SchemaErrors) -> InputError:
    """Turn pandera's failure table into one readable InputError (first failure, with row)."""
    failure = exc.failure_cases.iloc[0]
    column = str(failure["column"])
    row = failure["index"]
    where = f" (data row {int(row) + 2} of the file)" if pd.notna(row) else ""
    allowed = _allowed_text(schema, column)
    return InputError(
        path, column, f"value {str(failure['failure_case'])!r} fails {failure['check']}{where}",
        allowed=allowed,
    )


def _allowed_text(schema: pa.DataFrameSchema, column: str) -> str | None:
    if column not in schema.columns:
        return None
    col = schema.columns[column]
    return ", ".join([str(col.dtype), *(str(check.error or check.name) for check in col.checks)])


def _check_no_negative_prices(path: Path, frame: pd.DataFrame) -> None:
    negative = frame[(frame["value"] < 0) & ~frame["commodity"].isin(NEGATIVE_PRICE_ALLOWED)]
    if not negative.empty:
        first = negative.iloc[0]
        raise InputError(
            path, "value",
            f"negative price {first['value']} for {first['commodity']} "
            f"({first['region']}, {first['year']})",
            allowed=">= 0 (negative only for by-products: "
            f"{', '.join(sorted(NEGATIVE_PRICE_ALLOWED))})",
        )


def check_known(
    path: Path, frame: pd.DataFrame, column: str, known: Iterable[str], extra: Iterable[str] = ()
) -> None:
    """Refuse any value of ``column`` that is not among ``known`` (plus ``extra``)."""
    allowed = list(dict.fromkeys([*known, *extra]))
    unknown = sorted(set(frame[column].astype(str)) - set(allowed))
    if unknown:
        raise InputError(path, column, f"unknown value {unknown[0]!r}", allowed=allowed)


def choose_cases(frame: pd.DataFrame, key: str, chosen: Mapping[str, str], source: str,
                 field: str, fallback: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The rows of the case chosen for each value of ``key`` (commodity, fuel, resource).

    A value published with one case needs no choice; with several, the scenario must choose
    (``chosen[value]``, else ``fallback[value]`` if that case exists); an unknown or missing
    choice raises InputError naming ``<field>.<value>`` and the cases there are.
    """
    pieces = []
    for value, rows in frame.groupby(key, sort=False):
        cases = sorted(rows["case"].astype(str).unique())
        wanted = chosen.get(str(value))
        if wanted is None and fallback and fallback.get(str(value)) in cases:
            wanted = fallback[str(value)]
        if wanted is None and len(cases) == 1:
            wanted = cases[0]
        if wanted not in cases:
            problem = (f"no case chosen for {value!r}" if wanted is None
                       else f"unknown case {wanted!r} for {value!r}")
            raise InputError(source, f"{field}.{value}", problem, allowed=cases)
        pieces.append(rows[rows["case"] == wanted])
    return pd.concat(pieces, ignore_index=True) if pieces else frame.iloc[:0]

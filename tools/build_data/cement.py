"""Build sectorpath's default cement (clinker) tables from MPP's cement business-case workbook.

Usage (from the repository root)::

    python -m tools.build_data cement [--source DIR] [--out DIR]

``--source`` is the folder of published data (default ``../shared/data`` beside the
repository); the workbook is its ``mpp/cement/business_cases.xlsx``.

Only figures are taken from the workbook (Mission Possible Partnership, cement and concrete
business cases); every table is rebuilt from scratch on each run. What each table holds, its
units and every transformation are described in ``SOURCES.md`` next to the tables.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from tools.build_data.core import WORLD, YEARS, argument_parser, write_table

WORKBOOK = ("mpp", "cement", "business_cases.xlsx")  # inside --source

#: Capacity utilisation used to size the 2020 kiln stack. MPP's cement model (mpp-shared-code,
#: cement/config/config_cement.py, CUF_LOWER_THRESHOLD = CUF_UPPER_THRESHOLD) uses 0.913; the
#: workbook's own "Capacity factor" of 1.0 leaves no head-room for an engine that caps utilisation.
DEFAULT_UTILISATION = 0.913

#: Workbook energy metric (after cleaning) -> commodity; "CC " prefix = capture-unit use.
ENERGY_COMMODITIES = {
    "Coal": "thermal_coal",
    "Natural gas": "natural_gas",
    "Waste of fossil origin (including fossil fuel from mixed fuels)": "fossil_waste",
    "Biomass (including biomass from mixed fuels)": "biomass",
    "Hydrogen": "hydrogen",
    "Electricity - grid": "electricity",
    "Electricity - on site VREs": "electricity_onsite_vre",
}

#: Workbook price metric -> (commodity, unit).
PRICE_COMMODITIES = {
    **{metric: (commodity, "USD/GJ") for metric, commodity in ENERGY_COMMODITIES.items()},
    "Electricity - PPA": ("electricity_ppa", "USD/GJ"),
    "CCS - Transport": ("co2_transport", "USD/tCO2"),
    "CCS - Storage": ("co2_storage", "USD/tCO2"),
    "CO2": ("used_co2", "USD/tCO2"),
}

#: Accounting commodities (t CO2 per t clinker) that the engine counts as scope-1 CO2 itself
#: (sectorpath.inputs.CO2_ACCOUNTING); used here only to report the 2020 reference.
CO2_ACCOUNTING = {"process_emissions": 1.0, "captured_co2": -1.0, "used_co2": -1.0}

#: Demand scenario labels of the workbook -> lower snake case.
SCENARIOS = {"bau": "bau", "gcca": "gcca", "gcca-early": "gcca_early", "gcca-late": "gcca_late"}

SHEET_PATTERN = re.compile(
    r"^Clk_(?P<fuel>ref|Coal|NG|AF_?\(?(?P<af>43|90)\)?|Elec|H2)"
    r"(?:\+(?P<capture>PC|Oxy|DS))?(?:\+(?P<fate>S|U))?$"
)
FUELS = {"ref": "reference", "Coal": "coal", "NG": "gas", "Elec": "electric", "H2": "hydrogen"}
FUEL_NAMES = {
    "reference": "coal",
    "coal": "coal",
    "gas": "natural_gas",
    "af43": "alternative_fuels_43",
    "af90": "alternative_fuels_90",
    "electric": "electricity",
    "hydrogen": "hydrogen",
}
CAPTURES = {None: "none", "PC": "post_combustion", "Oxy": "oxyfuel", "DS": "direct_separation"}
ECRA_FUELS = {"coal": "coal", "gas": "gas", "AF 43": "af43", "AF 90": "af90"}
ECRA_CAPTURES = {
    "no capture": "none",
    "oxyfuel": "oxyfuel",
    "post-combustion": "post_combustion",
    "indirect calcination + post-combustion": "direct_separation",
}


# --------------------------------------------------------------------------- reading helpers


def clean(value: object) -> object:
    """Strip zero-width and non-breaking spaces from text cells; leave numbers alone."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value.replace("\u200b", "").replace("\xa0", " ")).strip()
    return value


def year_label(value: object) -> object:
    """2020.0 -> 2020 for year header cells, other labels cleaned."""
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and float(value).is_integer()
    ):
        return int(value)
    return clean(value)


@cache
def parse(book: pd.ExcelFile, sheet: str) -> pd.DataFrame:
    """A whole sheet as read by pandas (no header); cached, callers must not modify it."""
    return pd.read_excel(book, sheet_name=sheet, header=None)


def read_table(book: pd.ExcelFile, sheet: str, header_row: int) -> pd.DataFrame:
    """Read a sheet whose column headers sit on Excel row ``header_row`` (1-based)."""
    raw = parse(book, sheet)
    header = [year_label(v) for v in raw.iloc[header_row - 1]]
    body = raw.iloc[header_row:].copy()
    body.columns = header
    body = body.loc[:, [isinstance(c, int) or (isinstance(c, str) and c != "") for c in header]]
    body = body.loc[:, ~pd.Index(body.columns).duplicated()]
    for column in body.columns:
        if not isinstance(column, int):
            body[column] = body[column].map(clean)
    return body.dropna(how="all").reset_index(drop=True)


def year_columns(frame: pd.DataFrame) -> list[int]:
    return [c for c in frame.columns if isinstance(c, int) and c in YEARS]


def long_by_year(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Wide year columns -> one row per key and year, column ``value`` (float)."""
    years = year_columns(frame)
    out = frame[keys + years].melt(id_vars=keys, var_name="year", value_name="value")
    out["year"] = out["year"].astype(int)
    out["value"] = pd.to_numeric(out["value"]).astype(float)
    return out


def raw_sheet(book: pd.ExcelFile, sheet: str) -> pd.DataFrame:
    return parse(book, sheet).map(clean)


# --------------------------------------------------------------------------- technologies


@dataclass(frozen=True)
class Tech:
    """One clinker technology of the workbook, with the project's identifier."""

    technology: str
    name: str
    sheet: str
    fuel: str
    capture: str
    co2_fate: str

    @property
    def route(self) -> str:
        if self.fuel == "electric":
            return "electric_kiln"
        if self.fuel == "hydrogen":
            return "hydrogen_kiln"
        return {"storage": "dry_kiln_ccs", "usage": "dry_kiln_ccu"}.get(self.co2_fate, "dry_kiln")


def parse_sheet_name(sheet: str, name: str) -> Tech:
    """Derive fuel, capture and CO2 fate from the workbook's calculation-sheet name."""
    match = SHEET_PATTERN.match(sheet)
    if match is None:
        raise ValueError(f"unrecognised technology sheet name {sheet!r}")
    fuel = f"af{match['af']}" if match["af"] else FUELS[match["fuel"]]
    capture = CAPTURES[match["capture"]]
    fate = {"S": "storage", "U": "usage", None: "none"}[match["fate"]]
    if capture != "none" and fate == "none":
        # Electric and hydrogen kilns with direct separation carry no S/U suffix; their sheets
        # cost the captured CO2 at the transport and storage prices, so storage is assumed.
        fate = "storage"
    parts = ["kiln", fuel]
    if capture != "none":
        parts.append(
            {"post_combustion": "pc", "oxyfuel": "oxy", "direct_separation": "ds"}[capture]
        )
    if match["fate"]:
        parts.append({"S": "ccs", "U": "ccu"}[match["fate"]])
    return Tech("_".join(parts), name, sheet, fuel, capture, fate)


def read_technology_list(book: pd.ExcelFile) -> pd.DataFrame:
    table = read_table(book, "List of technologies", 6)
    table = table[table["Product"] == "Clinker"]
    return table[
        ["Technology", "Calculation sheet", "Available from", "Available until", "Type of tech"]
    ].reset_index(drop=True)


def read_cards(book: pd.ExcelFile) -> pd.DataFrame:
    cards = read_table(book, "Technology cards", 6)
    cards = cards[cards["Product"] == "Clinker"]
    if cards["Region"].notna().any() or set(cards["Cost classification"]) != {"Standard"}:
        raise ValueError("technology cards now differ by region or cost case: extend the builder")
    return cards.reset_index(drop=True)


def single_inputs(cards: pd.DataFrame) -> pd.DataFrame:
    """Technology x metric table of the cards' single (non-yearly) inputs."""
    single = cards.pivot_table(
        index="Technology", columns="Metric", values="Single input", aggfunc="first"
    )
    return single


def read_ecra_scope1(book: pd.ExcelFile) -> dict[tuple[str, str], tuple[float, int]]:
    """ECRA's own fossil scope-1 emissivity per (fuel, capture), with its reference year."""
    raw = raw_sheet(book, "Data inputs from ECRA")
    rows = raw.index[raw[3] == "Fossil (Scope 1)"]
    if len(rows) != 1:
        raise ValueError("ECRA sheet: expected one 'Fossil (Scope 1)' row")
    row = rows[0]
    out: dict[tuple[str, str], tuple[float, int]] = {}
    for column in raw.columns[6:]:
        when = raw.at[6, column]
        if when == "2020 reference":
            out[("reference", "none")] = (float(raw.at[row, column]), 2020)
        if when != "2050 STS" or pd.isna(raw.at[1, column]):
            continue
        fuel_text, capture_text = str(raw.at[2, column]), str(raw.at[3, column])
        fuel = next((v for k, v in ECRA_FUELS.items() if fuel_text.startswith(k)), None)
        capture = ECRA_CAPTURES.get(capture_text)
        if fuel is None or capture is None:
            raise ValueError(f"ECRA column {column}: unknown case {fuel_text!r}/{capture_text!r}")
        out[(fuel, capture)] = (float(raw.at[row, column]), 2050)
    return out


def build_technologies(book: pd.ExcelFile) -> tuple[pd.DataFrame, list[Tech]]:
    listing = read_technology_list(book)
    single = single_inputs(read_cards(book))
    ecra = read_ecra_scope1(book)
    starts = set(read_start_shares(book).columns)
    techs, rows = [], []
    for item in listing.itertuples(index=False):
        name, sheet = item[0], item[1]
        tech = parse_sheet_name(sheet, name)
        techs.append(tech)
        card = single.loc[name]
        reference = ecra.get((tech.fuel, tech.capture))
        rows.append(
            {
                "technology": tech.technology,
                "route": tech.route,
                "phase": {"Initial": "initial", "End-state": "end-state"}[item[4]],
                "available_from": int(item[2]),
                "available_until": int(item[3]),
                "lifetime_years": int(card["Lifetime"]),
                "wacc": float(card["Real WACC"]),
                "scope1_reference": reference[0] if reference else math.nan,
                "scope1_reference_year": reference[1] if reference else math.nan,
                "name": name,
                "mpp_sheet": sheet,
                "fuel": FUEL_NAMES[tech.fuel],
                "capture": tech.capture,
                "co2_fate": tech.co2_fate,
                "capture_rate": float(card["CO2 capture rate"]),
                "capacity_factor": float(card["Capacity factor"]),
                "typical_capacity": float(card["Average plant capacity"]) / 1e6,
                "trl_2022": int(card["Current TRL"]),
                "trl8_year": int(card["Expected maturity (TRL>=8)"]),
                "start_technology": name in starts,
            }
        )
        if card["Technology classification"] != item[4]:
            raise ValueError(f"{name}: classification differs between list and card")
    frame = pd.DataFrame(rows)
    frame["scope1_reference_year"] = frame["scope1_reference_year"].astype("Int64")
    return frame, techs


def build_switches(book: pd.ExcelFile, techs: list[Tech]) -> pd.DataFrame:
    """Allowed main-cycle moves, one row per (origin, destination) of the switching table."""
    raw = raw_sheet(book, "Technology switching table")
    header = raw.index[raw[4] == "Technology origin"][0]
    targets = raw.loc[header, 6:].dropna()
    ids = {t.name: t.technology for t in techs}
    rows = []
    for row in raw.index[raw.index > header]:
        origin = raw.at[row, 4]
        if pd.isna(origin):
            continue
        for column, target in targets.items():
            kind = raw.at[row, column]
            if pd.isna(kind):
                continue
            if kind != "Brownfield renovation":
                raise ValueError(f"switch {origin} -> {target}: unexpected type {kind!r}")
            rows.append((ids[origin], ids[target], "brownfield_renovation"))
    return pd.DataFrame(rows, columns=["origin", "destination", "switch_type"])


# --------------------------------------------------------------------------- costs


def build_costs(book: pd.ExcelFile, techs: list[Tech]) -> pd.DataFrame:
    cards = read_cards(book)
    long = long_by_year(cards, ["Technology", "Metric"])
    wide = long.pivot_table(
        index=["Technology", "year"], columns="Metric", values="value", aggfunc="first"
    ).reset_index()
    if (wide["Decommission Capex"].abs() > 0).any():
        raise ValueError("'Decommission Capex' is no longer zero: the engine has no such cost")
    ids = {t.name: t.technology for t in techs}
    out = pd.DataFrame(
        {
            "technology": wide["Technology"].map(ids),
            "region": WORLD,
            "year": wide["year"],
            "greenfield_capex": wide["Greenfield Capex"],
            "renewal_capex": wide["Renovation Capex"],
            # "Fixed OPEX CCU/CCS" is ECRA's "Opex consumables" of the capture unit per t clk
            # (solvent, water, ...), a real cost of every capture kiln: folded into fixed_opex.
            "fixed_opex": wide["Fixed Opex"] + wide["Fixed OPEX CCU/CCS"],
        }
    )
    return sort_by_tech(out, techs, ["year"])


# --------------------------------------------------------------------------- emissions


def read_emissions(book: pd.ExcelFile) -> pd.DataFrame:
    """The 'Emissions' output block (rows flagged for the model), long by year."""
    table = read_table(book, "Emissions", 6)
    table = table[table["Output sheet?"] == 1]
    scope = table["Scope"].map(lambda v: str(int(v)) if isinstance(v, (int, float)) else str(v))
    table = table.assign(Region=table["Region"].fillna(WORLD), Scope=scope)
    return long_by_year(table, ["Region", "Scope", "Metric type", "Metric", "Unit"])


def scope1_fuel_factors(emissions: pd.DataFrame) -> pd.DataFrame:
    """Scope-1 CO2 factor per energy commodity and year (tCO2/GJ)."""
    rows = emissions[
        (emissions["Scope"] == "1")
        & (emissions["Metric type"] == "CO2 Emissivity")
        & (emissions["Unit"] == "tCO2/GJ")
    ]
    names = {**ENERGY_COMMODITIES, "Alternative fuels (H2)": "hydrogen"}
    rows = rows.assign(commodity=rows["Metric"].map(names)).dropna(subset=["commodity"])
    return rows[["commodity", "year", "value"]]


def process_emissions(emissions: pd.DataFrame) -> pd.Series:
    """Calcination process CO2 per tonne of clinker, by year."""
    rows = emissions[
        (emissions["Metric"] == "Calcination process emissions")
        & (emissions["Metric type"] == "CO2 Emissivity")
    ]
    if len(rows) != len(YEARS):
        raise ValueError("expected one calcination CO2 series in the 'Emissions' sheet")
    return rows.set_index("year")["value"]


# --------------------------------------------------------------------------- intensities


def energy_intensities(book: pd.ExcelFile, techs: list[Tech]) -> pd.DataFrame:
    cards = read_cards(book)
    cards = cards[cards["Metric type"] == "Energy"]
    long = long_by_year(cards, ["Technology", "Metric"])
    base = long["Metric"].str.removeprefix("CC ")
    unknown = sorted(set(base) - set(ENERGY_COMMODITIES))
    if unknown:
        raise ValueError(f"unknown energy metric(s) in technology cards: {unknown}")
    long = long.assign(commodity=base.map(ENERGY_COMMODITIES))
    # The capture unit's energy ("CC Coal", ...) is added to the kiln's use of the same fuel.
    grouped = long.groupby(["Technology", "commodity", "year"], as_index=False)["value"].sum()
    nonzero = grouped.groupby(["Technology", "commodity"])["value"].transform(
        lambda s: (s.abs() > 0).any()
    )
    grouped = grouped[nonzero]
    ids = {t.name: t.technology for t in techs}
    return grouped.assign(
        technology=grouped["Technology"].map(ids), unit="GJ/t", flow="input"
    ).drop(columns="Technology")


def co2_intensities(
    energy: pd.DataFrame,
    techs: list[Tech],
    capture_rates: dict[str, float],
    factors: pd.DataFrame,
    process: pd.Series,
) -> pd.DataFrame:
    """Process CO2 for every technology; captured CO2 and its transport/storage or use."""
    fuel_co2 = energy.merge(
        factors.rename(columns={"value": "factor"}), on=["commodity", "year"], how="left"
    )
    fuel_co2["co2"] = fuel_co2["value"] * fuel_co2["factor"].fillna(0.0)
    gross = fuel_co2.groupby(["technology", "year"])["co2"].sum()
    rows = []
    for tech in techs:
        for year in YEARS:
            proc = float(process[year])
            rows.append((tech.technology, "process_emissions", year, proc, "output"))
            rate = capture_rates[tech.technology]
            if rate <= 0:
                continue
            captured = rate * (gross.get((tech.technology, year), 0.0) + proc)
            sink = "used_co2" if tech.co2_fate == "usage" else "captured_co2"
            rows.append((tech.technology, sink, year, captured, "output"))
            rows.append((tech.technology, "co2_transport", year, captured, "input"))
            if tech.co2_fate == "storage":
                rows.append((tech.technology, "co2_storage", year, captured, "input"))
    frame = pd.DataFrame(rows, columns=["technology", "commodity", "year", "value", "flow"])
    return frame.assign(unit="tCO2/t")


def raw_meal_factor(book: pd.ExcelFile) -> float:
    """Raw meal per tonne of clinker, as stated in the ECRA sheet's TOC note."""
    raw = raw_sheet(book, "Data inputs from ECRA")
    for text in raw.stack().dropna():
        if not isinstance(text, str):
            continue
        match = re.search(r"(\d+[.,]\d+)\s*factor raw meal/clinker", text)
        if match:
            return float(match.group(1).replace(",", "."))
    raise ValueError("raw meal factor not found in the ECRA sheet")


def build_intensities(
    book: pd.ExcelFile, techs: list[Tech], technologies: pd.DataFrame
) -> pd.DataFrame:
    emissions = read_emissions(book)
    energy = energy_intensities(book, techs)
    rates = dict(zip(technologies["technology"], technologies["capture_rate"], strict=True))
    co2 = co2_intensities(
        energy, techs, rates, scope1_fuel_factors(emissions), process_emissions(emissions)
    )
    meal_factor = raw_meal_factor(book)
    meal = pd.DataFrame(
        [(t.technology, "raw_meal", year, meal_factor, "input") for t in techs for year in YEARS],
        columns=["technology", "commodity", "year", "value", "flow"],
    )
    meal = meal.assign(unit="t/t")
    out = pd.concat([energy, co2, meal], ignore_index=True).assign(region=WORLD)
    out = out[
        ["technology", "region", "commodity", "value", "unit", "year", "flow"]
    ]
    return sort_by_tech(out, techs, ["commodity", "year"])


# --------------------------------------------------------------------------- prices


def build_prices(book: pd.ExcelFile) -> pd.DataFrame:
    table = read_table(book, "Shared inputs - Prices", 6)
    table = table.assign(case=table["Cost classification"].fillna("Standard").str.lower())
    long = long_by_year(table, ["Region", "Metric", "case"])
    unknown = sorted(set(long["Metric"]) - set(PRICE_COMMODITIES))
    if unknown:
        raise ValueError(f"unknown price metric(s): {unknown}")
    long["commodity"] = long["Metric"].map(lambda m: PRICE_COMMODITIES[m][0])
    long["unit"] = long["Metric"].map(lambda m: PRICE_COMMODITIES[m][1])
    long = collapse_identical_cases(long, ["commodity", "Region", "year"])
    out = long.rename(columns={"Region": "region"})
    out = out[["commodity", "region", "year", "case", "value", "unit"]]
    return out.sort_values(["commodity", "region", "case", "year"]).reset_index(drop=True)


def collapse_identical_cases(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Where a commodity's low and high cases are identical, keep one 'standard' case."""
    pieces = []
    for commodity, rows in frame.groupby("commodity", sort=False):
        cases = set(rows["case"])
        if cases == {"low", "high"}:
            wide = rows.pivot_table(index=keys, columns="case", values="value", aggfunc="first")
            if np.allclose(wide["low"], wide["high"]):
                rows = rows[rows["case"] == "low"].assign(case="standard")
        elif cases != {"standard"}:
            raise ValueError(f"unexpected price cases for {commodity}: {sorted(cases)}")
        pieces.append(rows)
    return pd.concat(pieces, ignore_index=True)


# --------------------------------------------------------------------------- emission factors


def power_region_map(book: pd.ExcelFile) -> dict[str, str]:
    """Cement region -> grid-intensity region, from the 'Mapping' sheet's power block."""
    raw = raw_sheet(book, "Mapping")
    start = raw.index[raw[1] == "For power assumptions:"][0]
    header = raw.index[(raw.index > start) & (raw[1] == "Ammonia STS regions")][0]
    mapping: dict[str, str] = {}
    for row in range(header + 1, len(raw)):
        region, target = raw.at[row, 1], raw.at[row, 2]
        if pd.isna(region):
            break
        mapping[str(region)] = str(target)
    return mapping


def kwh_to_gj(book: pd.ExcelFile) -> float:
    table = read_table(book, "All Assumptions", 3)
    row = table[table["Metric"] == "kWh to GJ"]
    return float(row["Value"].iloc[0])


def grid_factors(book: pd.ExcelFile, regions: list[str]) -> pd.DataFrame:
    """Scope-2 grid factors (tCO2/GJ) per cement region and grid case."""
    grid = read_table(book, "Grid emissions intensity", 4)
    grid = grid[grid["Customer"] == "Industry"]
    mapping = power_region_map(book)
    per_mwh_to_per_gj = 1.0 / (kwh_to_gj(book) * 1000.0)
    pieces = []
    for region in regions:
        rows = grid[grid["Region"] == mapping[region]]
        long = long_by_year(rows, ["Grid scenario"])
        pieces.append(long.assign(region=region, value=long["value"] * per_mwh_to_per_gj))
    out = pd.concat(pieces, ignore_index=True)
    out["case"] = out["Grid scenario"].str.lower()
    return out.assign(commodity="electricity", scope=2, unit="tCO2/GJ")


def build_emission_factors(book: pd.ExcelFile, regions: list[str]) -> pd.DataFrame:
    emissions = read_emissions(book)
    scope1 = scope1_fuel_factors(emissions).assign(
        region=WORLD, scope=1, case="standard", unit="tCO2/GJ"
    )
    scope2 = grid_factors(book, regions)
    check_grid_against_workbook(scope2, emissions)
    upstream = emissions[
        (emissions["Scope"] == "3_upstream") & (emissions["Metric type"] == "CO2 Emissivity")
    ]
    scope3 = upstream.assign(
        commodity=upstream["Metric"].map(ENERGY_COMMODITIES),
        region=upstream["Region"],
        scope=3,
        case="standard",
        unit="tCO2/GJ",
    )
    columns = ["commodity", "scope", "region", "year", "case", "value", "unit"]
    out = pd.concat(
        [scope1[columns], scope2[columns], scope3[columns]], ignore_index=True
    )
    return out.sort_values(["scope", "commodity", "region", "case", "year"]).reset_index(drop=True)


def check_grid_against_workbook(scope2: pd.DataFrame, emissions: pd.DataFrame) -> None:
    """The workbook's own scope-2 rows are the 'Decarbonized' grid case: check we agree."""
    own = emissions[(emissions["Scope"] == "2") & (emissions["Region"] != WORLD)]
    own = own.dropna(subset=["value"]).set_index(["Region", "year"])["value"]
    ours = scope2[scope2["case"] == "decarbonized"].set_index(["region", "year"])["value"]
    joined = pd.concat([own.rename("own"), ours.rename("ours")], axis=1, join="inner")
    if joined.empty or not np.allclose(joined["own"], joined["ours"], rtol=1e-9):
        raise ValueError("grid factors differ from the workbook's 'Emissions' scope-2 rows")


# --------------------------------------------------------------------------- demand


def build_demand(book: pd.ExcelFile) -> pd.DataFrame:
    table = read_table(book, "demand", 6)
    long = long_by_year(table, ["region", "scenario"])
    long["scenario"] = long["scenario"].map(SCENARIOS)
    if long["scenario"].isna().any():
        raise ValueError("unknown demand scenario in the 'demand' sheet")
    long["value"] = long["value"] / 1e6  # t clinker -> Mt
    regional = long[long["region"] != "Global"]
    check_global_sum(regional, long[long["region"] == "Global"])
    out = regional.assign(product="clinker", unit="Mt")
    out = out[["region", "year", "scenario", "product", "value", "unit"]]
    return out.sort_values(["scenario", "region", "year"]).reset_index(drop=True)


def check_global_sum(regional: pd.DataFrame, total: pd.DataFrame) -> None:
    summed = regional.groupby(["scenario", "year"])["value"].sum()
    published = total.set_index(["scenario", "year"])["value"]
    gap = (summed / published - 1.0).abs().max()
    if gap > 1e-6:
        raise ValueError(f"regional clinker demand does not add up to 'Global' (gap {gap:.2e})")


def read_cement_outputs(book: pd.ExcelFile) -> pd.DataFrame:
    """Global rows of the demand model's output sheet (Gt and GJ), long by year."""
    table = read_table(book, "outputs demand model", 6)
    return long_by_year(table, ["Product", "Metric", "Unit", "region", "scenario"])


# --------------------------------------------------------------------------- limits


def build_limits(book: pd.ExcelFile, regions: list[str]) -> pd.DataFrame:
    biomass = read_table(book, "Biomass", 6)
    bio = long_by_year(biomass, ["Region", "Unit"])
    if set(bio["Region"]) != {"Global"} or set(bio["Unit"]) != {"GJ/year"}:
        raise ValueError("biomass limit is no longer a single global GJ/year series")
    bio = bio.assign(
        resource="biomass",
        region=WORLD,
        case="standard",
        value=bio["value"] / 1e6,
        unit="PJ/yr",
        cumulative=math.nan,
    )
    storage = storage_limits(book, regions)
    columns = ["resource", "region", "year", "case", "value", "unit", "cumulative"]
    out = pd.concat([bio[columns], storage[columns], co2_use_limit()[columns]],
                    ignore_index=True)
    return out.sort_values(["resource", "case", "region", "year"]).reset_index(drop=True)


#: World market for CO2 from new uses (synthetic fuels, chemicals, building materials; urea
#: and enhanced oil recovery bring their own CO2), Mt CO2/yr. IEA "Putting CO2 to Use" (2019):
#: about 230 Mt/yr used today, almost all for urea and EOR; new uses are a few Mt. Stated path:
#: 5 Mt in 2025, 50 Mt in 2030, 300 Mt in 2040, 500 Mt in 2050 (IEA Net Zero by 2050, 2021, uses
#: a few hundred Mt for synthetic fuels by 2050).
CO2_USE_WORLD = {2020: 2.0, 2025: 5.0, 2030: 50.0, 2040: 300.0, 2050: 500.0}
#: Cement's share of that market: the workbook's share of CO2 storage for cement.
CO2_USE_CEMENT_SHARE = 0.2


def co2_use_limit() -> pd.DataFrame:
    """Cement's share of the world CO2-use market by year, Mt CO2/yr (one World case)."""
    known = sorted(CO2_USE_WORLD)
    values = np.interp(YEARS, known, [CO2_USE_WORLD[y] for y in known]) * CO2_USE_CEMENT_SHARE
    return pd.DataFrame({"resource": "co2_use", "region": WORLD, "year": YEARS,
                         "case": "standard", "value": np.round(values, 3),
                         "unit": "Mt CO2/yr", "cumulative": math.nan})


def storage_limits(book: pd.ExcelFile, regions: list[str]) -> pd.DataFrame:
    """Cement's share of cumulative CO2 storage (Mt) per case, and its yearly increment."""
    raw = raw_sheet(book, "Storage capacity")
    share = float(raw.loc[raw[4] == "% of storage capacity for cement industry", 7].iloc[0])
    header = raw.index[raw[2] == "Region"][0]
    year_cols = {
        col: int(raw.at[header, col])
        for col in raw.columns
        if isinstance(raw.at[header, col], (int, float)) and raw.at[header, col] in YEARS
    }

    def block(metric: str) -> pd.DataFrame:
        rows = raw[(raw[4] == metric) & raw[2].isin(regions)]
        wide = rows.set_index(2)[list(year_cols)].rename(columns=year_cols).astype(float)
        return wide.reindex(regions)

    low = block("Storage capacity - lower limit") * share
    high = block("Storage capacity - upper limit") * share
    average = (low + high) / 2.0
    published = block("Average storage capacity")
    if not np.allclose(average.to_numpy(), published.to_numpy()):
        raise ValueError("'Average storage capacity' is no longer mean(lower, upper) x share")
    pieces = []
    for case, cumulative in (("low", low), ("average", average), ("high", high)):
        long = wide_to_long(cumulative, "cumulative").merge(
            wide_to_long(annual_increment(cumulative), "value"), on=["region", "year"]
        )
        pieces.append(long.assign(case=case))
    out = pd.concat(pieces, ignore_index=True)
    return out.assign(resource="co2_storage", unit="Mt CO2/yr")


def wide_to_long(wide: pd.DataFrame, name: str) -> pd.DataFrame:
    """Region x year table -> rows region/year/``name``."""
    frame = wide.rename_axis(index="region", columns="year").reset_index()
    out = frame.melt(id_vars="region", var_name="year", value_name=name)
    return out.astype({"year": int})


def annual_increment(cumulative: pd.DataFrame) -> pd.DataFrame:
    """Yearly addition to cumulative storage (Mt CO2/yr); 2020 holds the 2021 addition."""
    diff = cumulative.diff(axis=1)
    diff[YEARS[0]] = diff[YEARS[1]]
    if (diff < -1e-9).to_numpy().any():
        raise ValueError("cumulative CO2 storage decreases somewhere")
    return diff.clip(lower=0.0)


# --------------------------------------------------------------------------- assets


def read_start_shares(book: pd.ExcelFile) -> pd.DataFrame:
    table = read_table(book, "Start technologies", 6).set_index("Region")
    shares = table.drop(columns=[c for c in table.columns if c == "Check"]).astype(float)
    if not np.allclose(shares.sum(axis=1), 1.0):
        raise ValueError("start-technology shares do not add up to 1 in every region")
    return shares


def build_assets(
    production: pd.Series,
    shares: pd.DataFrame,
    techs: list[Tech],
    kiln_size: float,
    lifetime: int,
    utilisation: float,
) -> pd.DataFrame:
    """Standard-size kilns per region and start technology, start years spread over a life."""
    ids = {t.name: t.technology for t in techs}
    rows = []
    for region in shares.index:
        for name, share in shares.loc[region].items():
            capacity = production[region] * share / utilisation
            if capacity <= 0:
                continue
            count = max(1, round(capacity / kiln_size))
            for i in range(count):
                rows.append(
                    {
                        "asset_id": f"{slug(region)}_{ids[name]}_{i + 1:04d}",
                        "region": region,
                        "country": "",
                        "technology": ids[name],
                        "capacity": capacity / count,
                        "start_year": YEARS[0] - lifetime + 1 + (i * lifetime) // count,
                        "status": "operating",
                        "utilisation": utilisation,
                    }
                )
    return pd.DataFrame(rows)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# --------------------------------------------------------------------------- checks and output


def sort_by_tech(frame: pd.DataFrame, techs: list[Tech], then: list[str]) -> pd.DataFrame:
    order = {t.technology: i for i, t in enumerate(techs)}
    frame = frame.assign(_order=frame["technology"].map(order))
    return frame.sort_values(["_order", *then]).drop(columns="_order").reset_index(drop=True)


def reference_2020(
    production: pd.Series,
    shares: pd.DataFrame,
    techs: list[Tech],
    intensities: pd.DataFrame,
    factors: pd.DataFrame,
) -> pd.DataFrame:
    """Scope-1 and scope-2 CO2 of 2020 (Mt) per region, from the tables just built."""
    ids = {t.name: t.technology for t in techs}
    year = intensities[intensities["year"] == YEARS[0]]
    f2020 = factors[
        (factors["year"] == YEARS[0])
        & ((factors["case"] == "standard") | (factors["case"] == "decarbonized"))
    ]
    rows = []
    for region in shares.index:
        scope1 = scope2 = 0.0
        for name, share in shares.loc[region].items():
            mine = year[year["technology"] == ids[name]].set_index("commodity")["value"]
            scope1 += share * emissions_per_tonne(mine, f2020, 1, region)
            scope2 += share * emissions_per_tonne(mine, f2020, 2, region)
        rows.append(
            {
                "region": region,
                "clinker_mt": production[region],
                "scope1_mt": scope1 * production[region],
                "scope2_mt": scope2 * production[region],
            }
        )
    return pd.DataFrame(rows)


def emissions_per_tonne(
    intensity: pd.Series, factors: pd.DataFrame, scope: int, region: str
) -> float:
    rows = factors[(factors["scope"] == scope) & factors["region"].isin([region, WORLD])]
    factor = rows.set_index("commodity")["value"]
    if scope == 1:
        factor = pd.concat([factor, pd.Series(CO2_ACCOUNTING)])
    common = intensity.index.intersection(factor.index)
    return float((intensity[common] * factor[common]).sum())


def plain(value: object) -> object:
    """Numbers as plain decimals (no exponent), at most 12 decimal places."""
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        text = f"{value:.12f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return value


#: Columns left empty where the workbook gives nothing (the schemas do not declare them).
EMPTY_CELLS = ("country", "cumulative", "scope1_reference", "scope1_reference_year")


def write(frame: pd.DataFrame, out_dir: Path, name: str) -> None:
    write_table(frame, out_dir, name, float_format=plain, empty_cells=EMPTY_CELLS)


def report(reference: pd.DataFrame, outputs: pd.DataFrame) -> None:
    total = reference[["clinker_mt", "scope1_mt", "scope2_mt"]].sum()
    print("\n2020 reference (Mt), from the tables:")
    print(reference.round(2).to_string(index=False))
    print(
        f"total: clinker {total['clinker_mt']:.2f}, scope 1 {total['scope1_mt']:.2f}, "
        f"scope 2 {total['scope2_mt']:.2f}"
    )
    year = outputs[(outputs["year"] == YEARS[0]) & (outputs["scenario"] == "bau")]
    for metric in (
        "Cement demand",
        "Clinker demand",
        "Clinker scope 1 emissions before CCU/S and savings in clinker production",
        "Cement scope 2 emissions",
    ):
        value = year.loc[year["Metric"] == metric, "value"].iloc[0] * 1000.0
        print(f"workbook 'outputs demand model', {metric}: {value:.2f} Mt")


def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argument_parser(__doc__.splitlines()[0], "cement", reads_source=True)
    parser.add_argument(
        "--kiln-size",
        type=float,
        default=None,
        help="Mt clinker/yr per kiln (default: the workbook's plant capacity)",
    )
    parser.add_argument(
        "--lifetime",
        type=int,
        default=None,
        help="kiln life for spreading start years (default: workbook lifetime)",
    )
    parser.add_argument(
        "--utilisation",
        type=float,
        default=DEFAULT_UTILISATION,
        help="2020 capacity utilisation used to size the kilns",
    )
    return parser.parse_args(list(argv) if argv is not None else None)


def main(argv: Iterable[str] | None = None) -> None:
    args = parse_args(argv)
    book = pd.ExcelFile(args.source.joinpath(*WORKBOOK), engine="openpyxl")
    technologies, techs = build_technologies(book)
    regions = list(read_start_shares(book).index)
    demand = build_demand(book)
    if sorted(regions) != sorted(demand["region"].unique()):
        raise ValueError("start-technology regions differ from demand regions")
    production = demand[(demand["year"] == YEARS[0]) & (demand["scenario"] == "bau")]
    production = production.set_index("region")["value"]
    shares = read_start_shares(book)
    starts = technologies[technologies["start_technology"]]
    kiln_size = args.kiln_size or float(starts["typical_capacity"].iloc[0])
    lifetime = args.lifetime or int(starts["lifetime_years"].iloc[0])

    intensities = build_intensities(book, techs, technologies)
    factors = build_emission_factors(book, regions)
    tables = {
        "technologies": technologies,
        "assets": build_assets(production, shares, techs, kiln_size, lifetime, args.utilisation),
        "costs": build_costs(book, techs),
        "intensities": intensities,
        "prices": build_prices(book),
        "emission_factors": factors,
        "demand": demand,
        "limits": build_limits(book, regions),
        "switches": build_switches(book, techs),
        "production_2020": pd.DataFrame(
            {
                "region": production.index,
                "product": "clinker",
                "value": production.to_numpy(),
                "unit": "Mt",
            }
        ),
    }
    for name, frame in tables.items():
        write(frame, args.out, name)
    report(
        reference_2020(production, shares, techs, intensities, factors), read_cement_outputs(book)
    )


if __name__ == "__main__":
    main()

"""Build sectorpath's default steel tables from MPP's published steel model inputs.

Reads the input workbooks of the Mission Possible Partnership steel model
(missionpossiblepartnership/mpp-steel-model) and writes the sector data tables
described in the sectorpath data schema (v1) to
``src/sectorpath/sectors/steel/data/``. Only figures are taken from the source;
every choice made here is described in that folder's ``SOURCES.md``.

Usage::

    python -m tools.build_data steel [--source DIR] [--out DIR]

``--source`` is the folder of published data (default ``../shared/data`` beside the
repository); the MPP steel inputs are read from its ``mpp/steel/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from tools.build_data.core import FIRST_YEAR, WORLD, YEARS, parse_args, write_table

# Conversion constants (see SOURCES.md).
EUR_TO_USD = 1.1403  # MPP's own rate (1 / 0.877)
GJ_PER_MWH = 3.6
GJ_PER_MMBTU = 1.055056
H2_LHV_GJ_PER_KG = 0.120
THERMAL_COAL_GJ_PER_T = 24.0  # MPP model constant THERMAL_COAL_ENERGY_DENSITY
KG_PER_T = 1000.0
PJ_PER_EJ = 1000.0
KT_PER_MT = 1000.0
MET_COAL_GJ_PER_T = 28.0  # MPP's Scope_3 "Assumptions" sheet: met coal energy density
SLAG_SUBSTITUTION_SIGN = -1.0  # BF slag scope 3 factor is an avoided emission

RMI_REGIONS = [
    "Africa",
    "CIS",
    "China",
    "Europe",
    "India",
    "Japan, South Korea, and Taiwan",
    "Middle East",
    "NAFTA",
    "RoW",
    "South and Central America",
    "Southeast Asia",
]
DEFAULT_CASE = "default"

# --- Region mappings: RMI model region -> region name used in the source file ---
POWER_H2_REGIONS = {
    "Africa": "Africa",
    "CIS": "Russia",
    "China": "China",
    "Europe": "EU",
    "India": "India",
    "Japan, South Korea, and Taiwan": "Japan_SthKorea_Taiwan",
    "Middle East": "Middle_East",
    "NAFTA": "US",
    "RoW": "Asia",
    "South and Central America": "South_BAU_Americas",
    "Southeast Asia": "Southeast_Asia",
}
FOSSIL_GAS_REGIONS = {
    "Africa": "Africa",
    "CIS": "Russia",
    "China": "China",
    "Europe": "Europe",
    "India": "India",
    "Japan, South Korea, and Taiwan": "Japan",
    "Middle East": "Middle East",
    "NAFTA": "North America",
    "RoW": "Rest of Asia and Pacific",
    "South and Central America": "Latin America",
    "Southeast Asia": "Rest of Asia and Pacific",
}
FOSSIL_COAL_REGIONS = {
    **FOSSIL_GAS_REGIONS,
    "RoW": "Australasia/Oceania",
    "Southeast Asia": "Australasia/Oceania",
}
BIO_REGIONS = {
    "Africa": "Africa",
    "CIS": "CIS",
    "China": "China",
    "Europe": "EU",
    "India": "India",
    "Japan, South Korea, and Taiwan": "Japan_SthKorea_Taiwan",
    "Middle East": "Middle_East",
    "NAFTA": "NAFTA",
    "RoW": "Central Asia",
    "South and Central America": "South and central Americas",
    "Southeast Asia": "Southeast_Asia",
}
CCS_COST_REGIONS = {
    "Africa": "Africa",
    "CIS": "Russia",
    "China": "China",
    "Europe": "Europe",
    "India": "India",
    "Japan, South Korea, and Taiwan": "Japan",
    "Middle East": "Middle East",
    "NAFTA": "US",
    "RoW": "Other East Asia",
    "South and Central America": "Brazil",
    "Southeast Asia": "Dynamic Asia",
}
CCS_CAPTURE_REGIONS = {
    "Africa": "Africa",
    "CIS": "Russia",
    "China": "China",
    "Europe": "Europe",
    "India": "India",
    "Japan, South Korea, and Taiwan": "Japan",
    "Middle East": "Middle East",
    "NAFTA": "North America",
    "RoW": "Rest of Asia and Pacific",
    "South and Central America": "Latin America",
    "Southeast Asia": "Rest of Asia and Pacific",
}
# Storage capacity is a quantity, so each source region goes to exactly one RMI
# region (MPP's own pairing, kept as published; see SOURCES.md).
CCS_STORAGE_REGIONS = {
    "Africa": "Africa",
    "CIS": "Russia",
    "China": "China",
    "Europe": "Europe",
    "India": "India",
    "Japan, South Korea, and Taiwan": "Japan",
    "Middle East": "Middle East",
    "NAFTA": "North America",
    "RoW": "Rest of Asia and Pacific",
    "South and Central America": "Latin America",
    "Southeast Asia": "North + South Korea",
}

# Plant-file country names that differ from Country_Reference.xlsx.
COUNTRY_ALIASES = {
    "Czech Republic": "CZE",
    "Iran": "IRN",
    "Moldova": "MDA",
    "North Korea": "PRK",
    "Russia": "RUS",
    "South Korea": "KOR",
    "Syria": "SYR",
    "Taiwan": "TWN",
    "United Kingdom": "GBR",
    "United States": "USA",
    "Venezuela": "VEN",
    "Vietnam": "VNM",
}
# Countries missing from Country_Reference.xlsx.
EXTRA_COUNTRY_REGIONS = {"TWN": "Japan, South Korea, and Taiwan"}

# Which "Final estimated ... capacity" column holds a plant's 2020 capacity.
CAPACITY_COLUMN_BY_TECH = {
    "Avg BF-BOF": "Final estimated BF-BOF capacity (kt steel/y)",
    "BAT BF-BOF": "Final estimated BF-BOF capacity (kt steel/y)",
    "DRI-EAF": "Final estimated DRI-EAF capacity (kt steel/y)",
    "EAF": "Final estimated EAF capacity (kt steel/y)",
}

# Business-case material -> (commodity, schema unit, factor from source unit).
BUSINESS_CASE_UNITS = {
    "t/t steel": ("t/t", 1.0),
    "GJ/t steel": ("GJ/t", 1.0),
    "kg/t steel": ("t/t", 1.0 / KG_PER_T),
    "tCO2/t steel": ("tCO2/t", 1.0),
}
EMISSIVITY_ROWS = {"Emissivity", "Emissivity wout CCS"}

FEEDSTOCK_COMMODITIES = {
    "Iron ore": "iron_ore",
    "Scrap": "scrap",
    "DRI": "dri",
    "BF slag": "bf_slag",
    "Other slag": "other_slag",
}
FEEDSTOCK_UNIT_TO_PER_T = {"EUR / t": 1.0, "EUR / kg": KG_PER_T}

BIOMASS_FEEDSTOCK = "Woody biomass from forestry"
BIOMETHANE_FEEDSTOCK = "Weighted Average"
BIO_DEFAULT_GROWTH = "Stable"

CCS_TRANSPORT_TYPE = "Shipping"
CCS_TRANSPORT_CAPACITY_MT = 6
CCS_TRANSPORT_COLUMN = "Transport costs _Node 2"
CCS_STORAGE_CASES = {
    # case -> (transport cost estimate, storage location, type, legacy wells, value)
    "low": ("Low", "Onshore", "Depleted O&G field", "Yes", "Medium"),
    "basecase": ("BaseCase", "Offshore", "Saline aquifers", "No", "Medium"),
}

SCOPE3_FUELS = {
    "Natural gas": ("natural_gas", "tCO2/GJ"),
    "Met coal": ("met_coal", "tCO2/t"),  # source per GJ; x 28 GJ/t below (intensity is t/t)
    "Thermal coal": ("thermal_coal", "tCO2/GJ"),
    "Iron ore": ("iron_ore", "tCO2/t"),
    "BF slag": ("bf_slag", "tCO2/t"),
}

# MPP reference run (baseline), 2020, for the checks only.
REFERENCE_CAPACITY_2020_MT = 2271.9535693870453
REFERENCE_PRODUCTION_2020_MT = {
    "Avg BF-BOF": 996.0865516528926,
    "BAT BF-BOF": 330.17441,
    "DRI-EAF": 79.82283091821557,
    "EAF": 469.81159065109824,
}
REFERENCE_SCOPE1_2020_MT = 3161.2871739839698
REFERENCE_SCOPE3_2020_MT = 115.64761755943748


# --------------------------------------------------------------------------- helpers


def snake(text: str) -> str:
    """Lower snake_case of a label: 'On-site, dedicated VREs' -> 'on_site_dedicated_vres'."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


def year_columns(df: pd.DataFrame) -> list:
    """Columns whose name is a year (int, float or numeric string)."""
    return [c for c in df.columns if re.fullmatch(r"\d{4}(\.0)?", str(c).strip())]


def melt_years(df: pd.DataFrame, id_cols: list[str]) -> pd.DataFrame:
    """Wide year columns -> long table with integer `year` and float `value`."""
    long = df.melt(id_vars=id_cols, value_vars=year_columns(df), var_name="year")
    long["year"] = long["year"].map(lambda y: int(float(str(y))))
    long["value"] = long["value"].astype(float)
    return long


def fill_years(long: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Annual rows 2020-2050 per key: linear between published years, flat outside."""
    frames = []
    for key, group in long.groupby(keys, sort=False, dropna=False):
        series = group.set_index("year")["value"].sort_index()
        filled = np.interp(YEARS, series.index.to_numpy(), series.to_numpy())
        frame = pd.DataFrame({"year": YEARS, "value": filled})
        for name, val in zip(keys, key if isinstance(key, tuple) else (key,), strict=True):
            frame[name] = val
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[[*keys, "year", "value"]]


def flat_years(values: pd.DataFrame) -> pd.DataFrame:
    """Repeat year-less rows for every model year."""
    return values.merge(pd.DataFrame({"year": YEARS}), how="cross")


def to_rmi(long: pd.DataFrame, mapping: dict[str, str], column: str = "region") -> pd.DataFrame:
    """Replace source regions by RMI regions (a source region may feed several)."""
    pairs = pd.DataFrame({"rmi": list(mapping), column: list(mapping.values())})
    missing = set(pairs[column]) - set(long[column])
    if missing:
        raise ValueError(f"source regions not found: {sorted(missing)}")
    out = long.merge(pairs, on=column).drop(columns=column)
    return out.rename(columns={"rmi": "region"})


def read_sheet(path: Path, sheet: str | int = 0, **kwargs: object) -> pd.DataFrame:
    """Read an Excel sheet with stripped column names."""
    df = pd.read_excel(path, sheet_name=sheet, **kwargs)
    df.columns = [c.strip() if isinstance(c, str) else c for c in df.columns]
    return df


def read_csv(path: Path) -> pd.DataFrame:
    """Read a CSV written by Excel (UTF-8 with BOM)."""
    df = pd.read_csv(path, encoding="utf-8-sig")
    df.columns = [c.strip() for c in df.columns]
    return df


def price_rows(
    df: pd.DataFrame, commodity: str, unit: str, case: str | None = None
) -> pd.DataFrame:
    """Label a (region, year, value[, case]) frame as price rows."""
    out = df.copy()
    out["commodity"] = commodity
    out["unit"] = unit
    if case is not None:
        out["case"] = case
    return out[["commodity", "region", "year", "case", "value", "unit"]]


# --------------------------------------------------------------------------- assets


def country_lookup(src: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(country name -> ISO3, ISO3 -> RMI region) from Country_Reference.xlsx."""
    ref = read_sheet(src / "Country_Reference.xlsx")
    iso_by_name = dict(zip(ref["Country"].str.strip(), ref["ISO-alpha3 code"], strict=True))
    iso_by_name.update(COUNTRY_ALIASES)
    region_by_iso = dict(zip(ref["ISO-alpha3 code"], ref["RMI Model Region"], strict=True))
    region_by_iso.update(EXTRA_COUNTRY_REGIONS)
    return iso_by_name, region_by_iso


def fill_unknown_start_years(start: pd.Series) -> pd.Series:
    """Spread plants without a start year over the years just before 2020.

    Like MPP's model: the k-th of n unknown plants (in file order) gets 2020 - n + k - 1,
    so they occupy 2020 - n .. 2019 and their reinvestment dates are staggered.
    """
    years = pd.to_numeric(start, errors="coerce")
    unknown = years.isna()
    n = int(unknown.sum())
    years.loc[unknown] = np.arange(FIRST_YEAR - n, FIRST_YEAR)
    return years.astype(int)


def build_assets(src: Path) -> tuple[pd.DataFrame, dict[str, object]]:
    """Plants that MPP's model treats as existing in 2020."""
    raw = read_sheet(src / "Steel_Plant_Data_Anon.xlsx")
    operating = raw[raw["Status"].str.strip() == "operating"].copy()
    has_tech = operating["Plant Technology in 2020"].isin(CAPACITY_COLUMN_BY_TECH)
    plants = operating[has_tech].copy()
    plants["capacity_kt"] = [
        pd.to_numeric(
            row[CAPACITY_COLUMN_BY_TECH[row["Plant Technology in 2020"]]], errors="coerce"
        )
        for _, row in plants.iterrows()
    ]
    has_cap = plants["capacity_kt"].fillna(0) > 0
    plants = plants[has_cap].copy()
    plants["start_year"] = fill_unknown_start_years(plants["Start of operation"])
    later = plants["start_year"] > FIRST_YEAR
    stats: dict[str, object] = {
        "rows": len(raw),
        "operating": len(operating),
        "dropped_no_technology": int((~has_tech).sum()),
        "dropped_no_capacity": int((~has_cap).sum()),
        "unknown_start": int(
            pd.to_numeric(plants["Start of operation"], errors="coerce").isna().sum()
        ),
        "start_after_2020": int(later.sum()),
        "start_after_2020_mt": float(plants.loc[later, "capacity_kt"].sum() / KT_PER_MT),
    }
    plants = plants[~later]
    iso_by_name, region_by_iso = country_lookup(src)
    country = plants["Country"].str.strip().map(iso_by_name)
    if country.isna().any():
        raise ValueError(f"unmatched countries: {sorted(plants.loc[country.isna(), 'Country'])}")
    assets = pd.DataFrame(
        {
            "asset_id": plants["Plant ID"].str.strip(),
            "region": country.map(region_by_iso),
            "country": country,
            "technology": plants["Plant Technology in 2020"],
            "capacity": plants["capacity_kt"] / KT_PER_MT,
            "start_year": plants["start_year"],
            "status": "operating",
        }
    )
    return assets.sort_values("asset_id").reset_index(drop=True), stats


# --------------------------------------------------------------------- technologies


def business_cases(src: Path) -> pd.DataFrame:
    """Technology_Business_Cases.csv with stripped material names, indexed by material."""
    df = read_csv(src / "Technology_Business_Cases.csv")
    df["Material"] = df["Material"].str.strip()
    return df.set_index("Material")


def business_case_technologies(bc: pd.DataFrame) -> list[str]:
    """Technology names in the business-case header."""
    return [c for c in bc.columns if c not in ("Type of metric", "Unit")]


def build_technologies(src: Path) -> tuple[pd.DataFrame, list[str]]:
    """Technology list with route, phase, availability and MPP's own emissivity."""
    bc = business_cases(src)
    techs = business_case_technologies(bc)
    avail = read_csv(src / "Technology_Availability.csv")
    avail["Technology"] = avail["Technology"].str.strip()
    mismatch = sorted(set(avail["Technology"]) ^ set(techs))
    avail = avail[avail["Technology"].isin(techs)]
    table = pd.DataFrame(
        {
            "technology": avail["Technology"],
            "route": avail["Main Technology Type"].str.strip(),
            "phase": avail["Technology Phase"].str.strip().str.lower(),
            "available_from": avail["Year available from"].astype(int),
            "available_until": avail["Year available until"].astype(int),
            "lifetime_years": 40,
            "wacc": 0.07,
        }
    )
    emissivity = bc.loc["Emissivity", techs].astype(float)
    table["scope1_reference"] = table["technology"].map(emissivity)
    return table.sort_values("technology").reset_index(drop=True), mismatch


def build_costs(src: Path) -> pd.DataFrame:
    """Capex and fixed opex per technology and year (sheets are in EUR)."""
    sheets = {
        "GF capex": "greenfield_capex",
        "Renewal capex": "renewal_capex",
        "Other Opex": "fixed_opex",
    }
    frames = []
    for sheet, column in sheets.items():
        wide = read_sheet(src / "CAPEX_OPEX_Per_Technology.xlsx", sheet)
        wide["Technology"] = wide["Technology"].str.strip()
        long = melt_years(wide, ["Technology"])
        long = fill_years(long, ["Technology"])
        long[column] = long.pop("value") * EUR_TO_USD
        frames.append(long.set_index(["Technology", "year"]))
    costs = pd.concat(frames, axis=1).reset_index()
    costs = costs.rename(columns={"Technology": "technology"})
    costs.insert(1, "region", WORLD)
    return costs.sort_values(["technology", "year"]).reset_index(drop=True)


def build_intensities(src: Path) -> pd.DataFrame:
    """Inputs and outputs per tonne of crude steel for every technology."""
    bc = business_cases(src)
    techs = business_case_technologies(bc)
    rows = bc.drop(index=[m for m in bc.index if m in EMISSIVITY_ROWS])
    long = rows.reset_index().melt(
        id_vars=["Material", "Type of metric", "Unit"], value_vars=techs, var_name="technology"
    )
    units = long["Unit"].str.strip().map(BUSINESS_CASE_UNITS)
    if units.isna().any():
        raise ValueError(f"unknown units: {sorted(long.loc[units.isna(), 'Unit'].unique())}")
    long["unit"] = units.str[0]
    long["value"] = long["value"].astype(float) * units.str[1]
    long["commodity"] = long["Material"].map(snake)
    long["region"] = WORLD
    table = long[["technology", "region", "commodity", "value", "unit"]]
    return table.sort_values(["technology", "commodity"]).reset_index(drop=True)


# --------------------------------------------------------------------------- prices


def electricity_prices(src: Path) -> pd.DataFrame:
    """Industry grid price per grid x cost scenario, $/MWh -> USD/GJ."""
    wide = read_sheet(src / "Power_Model.xlsx", "GridPrice")
    wide = wide[wide["Customer"].str.strip() == "Industry"]
    long = melt_years(wide, ["Region", "Grid scenario", "Cost scenario"])
    long["case"] = long["Grid scenario"].map(snake) + "_" + long["Cost scenario"].map(snake)
    long["value"] = long["value"] / GJ_PER_MWH
    long = fill_years(long.rename(columns={"Region": "region"}), ["region", "case"])
    return price_rows(to_rmi(long, POWER_H2_REGIONS), "electricity", "USD/GJ")


def hydrogen_case(frame: pd.DataFrame) -> pd.Series:
    """Case label 'production_scenario_cost_scenario' for H2 model rows."""
    return frame["Production scenario"].map(snake) + "_" + frame["Cost scenario"].map(snake)


def hydrogen_prices(src: Path) -> pd.DataFrame:
    """H2 price per production x cost scenario, USD/kg -> USD/GJ (LHV)."""
    wide = read_sheet(src / "H2_Model.xlsx", "Prices")
    long = melt_years(wide, ["Region", "Production scenario", "Cost scenario"])
    long["case"] = hydrogen_case(long)
    long["value"] = long["value"] / H2_LHV_GJ_PER_KG
    long = fill_years(long.rename(columns={"Region": "region"}), ["region", "case"])
    return price_rows(to_rmi(long, POWER_H2_REGIONS), "hydrogen", "USD/GJ")


def fossil_long(src: Path, variable: str, unit: str) -> pd.DataFrame:
    """One fuel of Fossil_Fuel_Model.csv as (region, case, year, value)."""
    wide = read_csv(src / "Fossil_Fuel_Model.csv")
    wide = wide[(wide["Variable"].str.strip() == variable)]
    if set(wide["Unit"].str.strip().str.lower()) != {unit.lower()}:
        raise ValueError(f"unexpected unit for {variable}: {set(wide['Unit'])}")
    long = melt_years(wide, ["Region", "Scenario"])
    long["case"] = long["Scenario"].map(snake)
    return fill_years(long.rename(columns={"Region": "region"}), ["region", "case"])


def met_coal_base_price(src: Path) -> float:
    """2020 met coal price, USD/t, from Feedstock_Prices.xlsx 'Coal' (EUR/t)."""
    feed = read_sheet(src / "Feedstock_Prices.xlsx")
    row = feed[feed["Metric"].str.strip() == "Coal"].iloc[0]
    if row["Unit"].strip() != "EUR / t":
        raise ValueError(f"unexpected coal feedstock unit: {row['Unit']}")
    return float(row["Value"]) * EUR_TO_USD


def fossil_prices(src: Path) -> pd.DataFrame:
    """Natural gas and thermal coal (USD/GJ) and met coal (USD/t) per region and case."""
    gas = fossil_long(src, "Natural gas", "USD/MMBTu")
    gas["value"] = gas["value"] / GJ_PER_MMBTU
    coal = fossil_long(src, "Coal", "USD/t")
    thermal = coal.assign(value=coal["value"] / THERMAL_COAL_GJ_PER_T)
    base = coal[coal["year"] == FIRST_YEAR][["region", "case", "value"]]
    met = coal.merge(base, on=["region", "case"], suffixes=("", "_2020"))
    met["value"] = met_coal_base_price(src) * met["value"] / met.pop("value_2020")
    return pd.concat(
        [
            price_rows(to_rmi(gas, FOSSIL_GAS_REGIONS), "natural_gas", "USD/GJ"),
            price_rows(to_rmi(thermal, FOSSIL_COAL_REGIONS), "thermal_coal", "USD/GJ"),
            price_rows(to_rmi(met, FOSSIL_COAL_REGIONS), "met_coal", "USD/t"),
        ]
    )


def bio_case(frame: pd.DataFrame) -> pd.Series:
    """'medium' for the stable-growth series, 'medium_increasing' etc. otherwise."""
    price = frame["Price scenario"].map(snake)
    growth = frame["Growth scenario"].map(snake)
    stable = frame["Growth scenario"].str.strip() == BIO_DEFAULT_GROWTH
    return price.where(stable, price + "_" + growth)


def bio_prices(src: Path) -> pd.DataFrame:
    """Biomass (woody; MPP's weighted average as `<case>_weighted_average`) and biomethane
    (weighted-average feedstock, as MPP), USD/GJ."""
    wide = read_sheet(src / "Bio_Model.xlsx", "Feedstock_Prices")
    frames = []
    for commodity, feedstock, suffix in (
        ("biomass", BIOMASS_FEEDSTOCK, ""),
        ("biomass", BIOMETHANE_FEEDSTOCK, "_weighted_average"),
        ("biomethane", BIOMETHANE_FEEDSTOCK, ""),
    ):
        part = wide[wide["Feedstock type"].str.strip() == feedstock]
        long = melt_years(part, ["Region", "Price scenario", "Growth scenario"])
        long["case"] = bio_case(long) + suffix
        long = fill_years(long.rename(columns={"Region": "region"}), ["region", "case"])
        frames.append(price_rows(to_rmi(long, BIO_REGIONS), commodity, "USD/GJ"))
    return pd.concat(frames)


def feedstock_prices(src: Path) -> pd.DataFrame:
    """Iron ore, scrap, DRI and slags: EUR -> USD per tonne, flat, World."""
    feed = read_sheet(src / "Feedstock_Prices.xlsx")
    feed["Metric"] = feed["Metric"].str.strip()
    feed = feed[feed["Metric"].isin(FEEDSTOCK_COMMODITIES)]
    per_t = feed["Unit"].str.strip().map(FEEDSTOCK_UNIT_TO_PER_T)
    values = pd.DataFrame(
        {
            "commodity": feed["Metric"].map(FEEDSTOCK_COMMODITIES),
            "value": feed["Value"].astype(float) * per_t * EUR_TO_USD,
        }
    )
    rows = flat_years(values)
    rows["region"], rows["case"], rows["unit"] = WORLD, DEFAULT_CASE, "USD/t"
    return rows[["commodity", "region", "year", "case", "value", "unit"]]


def static_energy_prices(src: Path) -> pd.DataFrame:
    """Steam, coke and works gases (USD/GJ), World; held flat after the last year."""
    raw = read_sheet(src / "Energy_Prices_-_Static.xlsx")
    raw["commodity"] = raw["Metric"].map(snake)
    long = raw.rename(columns={"Year": "year", "Value": "value"})
    long["year"] = long["year"].astype(int)
    long["value"] = long["value"].astype(float)
    long = fill_years(long[["commodity", "year", "value"]], ["commodity"])
    long["region"], long["case"], long["unit"] = WORLD, DEFAULT_CASE, "USD/GJ"
    return long[["commodity", "region", "year", "case", "value", "unit"]]


def ccs_transport_storage(src: Path) -> pd.DataFrame:
    """CO2 transport (shipping) + storage cost per RMI region, USD/tCO2, flat."""
    transport = read_sheet(src / "CCS_Model.xlsx", "Transport")
    storage = read_sheet(src / "CCS_Model.xlsx", "Storage")
    for df in (transport, storage):
        df["Region"] = df["Region"].str.strip()
    frames = []
    for case, (estimate, location, kind, wells, level) in CCS_STORAGE_CASES.items():
        t = transport[
            (transport["Cost Estimate"] == estimate)
            & (transport["Transport Type"] == CCS_TRANSPORT_TYPE)
            & (transport["Capacity"] == CCS_TRANSPORT_CAPACITY_MT)
        ].set_index("Region")[CCS_TRANSPORT_COLUMN]
        s = storage[
            (storage["Storage location"] == location)
            & (storage["Storage type"] == kind)
            & (storage["Reusable legacy wells"] == wells)
            & (storage["Value"] == level)
        ].set_index("Region")["Costs -  capacity 5"]
        total = (t + s).rename("value").rename_axis("region").reset_index()
        total["case"] = case
        frames.append(to_rmi(total, CCS_COST_REGIONS))
    rows = flat_years(pd.concat(frames))
    # Charged per tonne of captured CO2: the price of the `captured_co2` commodity.
    return price_rows(rows, "captured_co2", "USD/tCO2")


def ccs_capture(src: Path) -> pd.DataFrame:
    """CO2 capture cost per flow type (case), USD/tCO2, per RMI region and year."""
    wide = read_sheet(src / "CCS_Model.xlsx", "Capture")
    wide["Country"] = wide["Country"].str.strip()
    long = melt_years(wide, ["Country", "Flow Type"])
    long["case"] = long["Flow Type"].map(snake)
    long = fill_years(long.rename(columns={"Country": "region"}), ["region", "case"])
    return price_rows(to_rmi(long, CCS_CAPTURE_REGIONS), "co2_capture", "USD/tCO2")


def build_prices(src: Path) -> pd.DataFrame:
    """All commodity prices."""
    parts: Iterable[Callable[[Path], pd.DataFrame]] = (
        electricity_prices,
        hydrogen_prices,
        fossil_prices,
        bio_prices,
        feedstock_prices,
        static_energy_prices,
        ccs_transport_storage,
        ccs_capture,
    )
    prices = pd.concat([part(src) for part in parts], ignore_index=True)
    return prices.sort_values(["commodity", "region", "case", "year"]).reset_index(drop=True)


# ---------------------------------------------------------------- emission factors


def scope1_factors(src: Path) -> pd.DataFrame:
    """Direct combustion factors per fuel, kg CO2/GJ -> t CO2/GJ, World, flat."""
    raw = read_sheet(src / "Scope_1_Emissions_Factors.xlsx")
    if set(raw["Unit"].str.strip()) != {"kg CO2 / GJ"}:
        raise ValueError(f"unexpected scope 1 units: {set(raw['Unit'])}")
    values = pd.DataFrame(
        {"commodity": raw["Metric"].map(snake), "value": raw["Value"].astype(float) / KG_PER_T}
    )
    rows = flat_years(values)
    rows["scope"], rows["region"], rows["case"], rows["unit"] = 1, WORLD, DEFAULT_CASE, "tCO2/GJ"
    return rows


def grid_scope2(src: Path) -> pd.DataFrame:
    """Industry grid emission factor per grid x cost scenario, tCO2/MWh -> tCO2/GJ."""
    wide = read_sheet(src / "Power_Model.xlsx", "GridEmissions")
    wide = wide[wide["Customer"].str.strip() == "Industry"]
    long = melt_years(wide, ["Region", "Grid scenario", "Cost scenario"])
    long["case"] = long["Grid scenario"].map(snake) + "_" + long["Cost scenario"].map(snake)
    long["value"] = long["value"] / GJ_PER_MWH
    long = fill_years(long.rename(columns={"Region": "region"}), ["region", "case"])
    rows = to_rmi(long, POWER_H2_REGIONS)
    rows["commodity"], rows["scope"], rows["unit"] = "electricity", 2, "tCO2/GJ"
    return rows


def hydrogen_scope2(src: Path) -> pd.DataFrame:
    """H2 production emissions per production x cost scenario, kg/kg -> tCO2/GJ."""
    wide = read_sheet(src / "H2_Model.xlsx", "Emissions")
    wide = wide[wide["Type"].isna()]  # drops the blue-hydrogen rows, which have no price
    long = melt_years(wide, ["Region", "Production scenario", "Cost scenario"])
    long["case"] = hydrogen_case(long)
    long["value"] = long["value"] / KG_PER_T / H2_LHV_GJ_PER_KG
    long = fill_years(long.rename(columns={"Region": "region"}), ["region", "case"])
    rows = to_rmi(long, POWER_H2_REGIONS)
    rows["commodity"], rows["scope"], rows["unit"] = "hydrogen", 2, "tCO2/GJ"
    return rows


def scope3_factors(src: Path) -> pd.DataFrame:
    """Upstream factors per fuel/feedstock and year, World."""
    wide = read_sheet(src / "Scope_3_Emissions_Factors.xlsx", "Scope 3 EF")
    wide["Fuel"] = wide["Fuel"].str.strip()
    long = melt_years(wide, ["Fuel"])
    long = fill_years(long, ["Fuel"])
    long["commodity"] = long["Fuel"].map(lambda f: SCOPE3_FUELS[f][0])
    long["unit"] = long["Fuel"].map(lambda f: SCOPE3_FUELS[f][1])
    slag = long["Fuel"] == "BF slag"
    long.loc[slag, "value"] = long.loc[slag, "value"] * SLAG_SUBSTITUTION_SIGN
    met = long["Fuel"] == "Met coal"
    long.loc[met, "value"] = long.loc[met, "value"] * MET_COAL_GJ_PER_T
    long["scope"], long["region"], long["case"] = 3, WORLD, DEFAULT_CASE
    return long


def build_emission_factors(src: Path) -> pd.DataFrame:
    """Scope 1, 2 and 3 emission factors."""
    cols = ["commodity", "scope", "region", "year", "case", "value", "unit"]
    parts = [scope1_factors(src), grid_scope2(src), hydrogen_scope2(src), scope3_factors(src)]
    table = pd.concat([p[cols] for p in parts], ignore_index=True)
    table["scope"] = table["scope"].astype(int)
    return table.sort_values(["scope", "commodity", "region", "case", "year"]).reset_index(
        drop=True
    )


# --------------------------------------------------------------- demand and limits


def regional_demand_long(src: Path, metric: str) -> pd.DataFrame:
    """One metric of Regional_Steel_Demand.csv per RMI region (World rows dropped)."""
    wide = read_csv(src / "Regional_Steel_Demand.csv")
    wide = wide[(wide["Metric"].str.strip() == metric) & (wide["Region"].str.strip() != WORLD)]
    long = melt_years(wide, ["Region", "Scenario"])
    long["region"] = long["Region"].str.strip()
    long["case"] = long["Scenario"].map(snake)
    unknown = set(long["region"]) - set(RMI_REGIONS)
    if unknown:
        raise ValueError(f"unexpected demand regions: {sorted(unknown)}")
    return fill_years(long[["region", "case", "year", "value"]], ["region", "case"])


def build_demand(src: Path) -> pd.DataFrame:
    """Crude steel demand per region, year and scenario."""
    long = regional_demand_long(src, "Crude steel demand")
    table = long.rename(columns={"case": "scenario"})
    table["product"], table["unit"] = "steel", "Mt"
    table = table[["region", "year", "scenario", "product", "value", "unit"]]
    return table.sort_values(["scenario", "region", "year"]).reset_index(drop=True)


def limit_rows(df: pd.DataFrame, resource: str, unit: str) -> pd.DataFrame:
    """Label a (region, year, case, value) frame as limit rows."""
    out = df.copy()
    out["resource"], out["unit"] = resource, unit
    return out[["resource", "region", "year", "case", "value", "unit"]]


def scrap_limits(src: Path) -> pd.DataFrame:
    """Scrap availability per region (Mt/yr)."""
    return limit_rows(regional_demand_long(src, "Scrap availability"), "scrap", "Mt/yr")


def biomass_limits(src: Path) -> pd.DataFrame:
    """Biomass available to steel, World, EJ -> PJ/yr, interpolated."""
    wide = read_sheet(src / "Bio_Model.xlsx", "Biomass_constraint")
    wide = wide[wide["Sector"].str.strip() == "Steel"]
    long = melt_years(wide, ["Scenario"])
    long["case"] = long["Scenario"].map(snake)
    long["value"] = long["value"] * PJ_PER_EJ
    long = fill_years(long[["case", "year", "value"]], ["case"])
    long["region"] = WORLD
    return limit_rows(long, "biomass", "PJ/yr")


def co2_storage_limits(src: Path) -> pd.DataFrame:
    """CO2 storage capacity per RMI region and case (Mt CO2/yr)."""
    wide = read_sheet(src / "CCS_Model.xlsx", "Constraint")
    regions = [
        c for c in wide.columns if c not in ("Scenario", "Year", "Variable", "Unit", "Global")
    ]
    long = wide.melt(id_vars=["Scenario", "Year"], value_vars=regions, var_name="region")
    long = long.rename(columns={"Year": "year"})
    long["case"] = long["Scenario"].map(snake)
    long["value"] = long["value"].astype(float)
    long = fill_years(long[["region", "case", "year", "value"]], ["region", "case"])
    return limit_rows(to_rmi(long, CCS_STORAGE_REGIONS), "co2_storage", "Mt CO2/yr")


def co2_use_limits(src: Path) -> pd.DataFrame:
    """Market for CO2 use from steel, World (Mt CO2/yr)."""
    raw = read_csv(src / "CO2_CCU_Capacity.csv")
    long = pd.DataFrame({"year": raw["Year"].astype(int), "value": raw["Value"].astype(float)})
    long["key"] = 0
    long = fill_years(long, ["key"]).drop(columns="key")
    long["region"], long["case"] = WORLD, DEFAULT_CASE
    return limit_rows(long, "co2_use", "Mt CO2/yr")


def build_limits(src: Path) -> pd.DataFrame:
    """Resource limits."""
    parts = [scrap_limits(src), biomass_limits(src), co2_storage_limits(src), co2_use_limits(src)]
    table = pd.concat(parts, ignore_index=True)
    return table.sort_values(["resource", "region", "case", "year"]).reset_index(drop=True)


def build_production(src: Path) -> pd.DataFrame:
    """WSA 2020 crude steel production per RMI region."""
    raw = read_csv(src / "WSA_Production_2020.csv")
    table = pd.DataFrame(
        {"region": raw["Region"].str.strip(), "value": raw["Value"].astype(float), "unit": "Mt"}
    )
    return table.sort_values("region").reset_index(drop=True)


# --------------------------------------------------------------------------- checks


def scope1_by_technology(intensities: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Scope 1 t CO2/t from intensities x scope-1 factors (+ process, - captured/used)."""
    ef = factors[(factors["scope"] == 1) & (factors["year"] == FIRST_YEAR)]
    ef = ef.set_index("commodity")["value"]
    wide = intensities.pivot_table(index="technology", columns="commodity", values="value")
    fuels = wide[ef.index.intersection(wide.columns)]
    gross = fuels.mul(ef[fuels.columns], axis=1).sum(axis=1) + wide["process_emissions"]
    net = gross - wide["captured_co2"] - wide["used_co2"]
    return pd.DataFrame({"gross": gross, "net": net})


def run_checks(tables: dict[str, pd.DataFrame], asset_stats: dict[str, object]) -> list[str]:
    """Human-readable consistency checks."""
    assets, techs = tables["assets"], tables["technologies"]
    lines = [f"asset rows: {len(assets)}; statistics: {asset_stats}"]
    total = assets["capacity"].sum()
    lines.append(
        f"capacity 2020: {total:.4f} Mt (MPP reference {REFERENCE_CAPACITY_2020_MT:.4f} Mt,"
        f" diff {total - REFERENCE_CAPACITY_2020_MT:+.6f})"
    )
    s1 = scope1_by_technology(tables["intensities"], tables["emission_factors"])
    ref = techs.set_index("technology")["scope1_reference"]
    for tech, row in s1.iterrows():
        gap = abs(row["net"] - ref[tech])
        if gap > 0.01 * max(abs(ref[tech]), 1e-9) and gap > 1e-9:
            lines.append(
                f"MISMATCH {tech}: recomputed {row['net']:.6f} vs reference {ref[tech]:.6f}"
            )
        if abs(row["gross"] - row["net"]) > 1e-12:
            lines.append(
                f"note {tech}: before subtracting captured/used CO2 {row['gross']:.6f},"
                f" net {row['net']:.6f} (reference {ref[tech]:.6f})"
            )
    cap = assets.groupby("technology")["capacity"].sum()
    weighted = (cap * s1["net"].reindex(cap.index)).sum() / cap.sum()
    lines.append(f"capacity-weighted 2020 scope 1 intensity: {weighted:.4f} tCO2/t")
    prod = pd.Series(REFERENCE_PRODUCTION_2020_MT)
    s1_mt = (prod * s1["net"].reindex(prod.index)).sum()
    lines.append(
        f"scope 1 at MPP's 2020 production mix: {s1_mt:.1f} Mt ({s1_mt / prod.sum():.4f} t/t);"
        f" MPP reference {REFERENCE_SCOPE1_2020_MT:.1f} Mt"
    )
    lines.append(scope3_check(tables, prod))
    return lines


def scope3_check(tables: dict[str, pd.DataFrame], prod: pd.Series) -> str:
    """Scope 3 at MPP's 2020 production mix vs MPP's reference."""
    ef = tables["emission_factors"]
    ef = ef[(ef["scope"] == 3) & (ef["year"] == FIRST_YEAR)].set_index("commodity")["value"]
    per_t = ef.copy()
    inten = tables["intensities"]
    wide = inten.pivot_table(index="technology", columns="commodity", values="value")
    per_tech = wide[per_t.index].mul(per_t, axis=1).sum(axis=1)
    total = (prod * per_tech.reindex(prod.index)).sum()
    return (
        f"scope 3 at MPP's 2020 production mix: {total:.1f} Mt;"
        f" MPP reference {REFERENCE_SCOPE3_2020_MT:.1f} Mt"
    )


# ---------------------------------------------------------------------------- write


def plain_number(value: float) -> str:
    """A float as a plain decimal (no exponent), 10 significant digits."""
    if value == 0:
        return "0"
    return np.format_float_positional(value, precision=10, unique=False, fractional=False,
                                      trim="-")


def build_all(src: Path) -> tuple[dict[str, pd.DataFrame], dict[str, object], list[str]]:
    """Build every table from the source folder."""
    assets, stats = build_assets(src)
    technologies, mismatch = build_technologies(src)
    tables = {
        "assets": assets,
        "technologies": technologies,
        "costs": build_costs(src),
        "intensities": build_intensities(src),
        "prices": build_prices(src),
        "emission_factors": build_emission_factors(src),
        "demand": build_demand(src),
        "limits": build_limits(src),
        "production_2020": build_production(src),
    }
    return tables, stats, mismatch


def main(argv: Sequence[str] | None = None) -> None:
    """Build and write the steel tables, then print the checks."""
    args = parse_args(argv, __doc__.splitlines()[0], "steel", reads_source=True)
    tables, stats, mismatch = build_all(args.published("mpp", "steel"))
    for name, table in tables.items():
        write_table(table, args.out, name, float_format=plain_number)
    print(f"technology names not in both availability and business cases: {mismatch}")
    for line in run_checks(tables, stats):
        print(line)


if __name__ == "__main__":
    main()

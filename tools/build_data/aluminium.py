"""Build the default aluminium data of sectorpath from MPP figures and public figures.

Run from the repository root::

    python -m tools.build_data aluminium [--source DIR] [--out DIR]

``--source`` is the folder of published data (default ``../shared/data`` beside the
repository); MPP's aluminium files are read from its ``mpp/aluminium/``. Only figures are taken
from the source files; every table is rebuilt here in the project's own schema (see
``SOURCES.md`` in the output folder).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from tools.build_data.core import TEN_DIGITS, YEARS, parse_args, write_table
from tools.build_data.statistics import ALUMINIUM as IAI_PRIMARY_PRODUCTION

CASES = ("bau", "fa", "lc")
SOURCE_SCENARIO = {"bau": "BAU", "fa": "1.5deg", "lc": "1.5deg"}

# Public figures (see SOURCES.md for each citation).
ELECTRICITY_MWH_PER_T = 14.2  # IAI world average AC smelting power, rounded
GJ_PER_MWH = 3.6
ELECTRICITY_GJ_PER_T = ELECTRICITY_MWH_PER_T * GJ_PER_MWH
ALUMINA_T_PER_T = 1.92  # IAI raw-material table, ~1.9-2 t alumina per t aluminium
ANODE_T_PER_T = 0.5  # gross baked anode per t aluminium (Qatalum; IAI raw materials)
BAUXITE_T_PER_T_ALUMINA = 3.0  # IAI: ~3,000 kg bauxite per t alumina
CAUSTIC_T_PER_T_ALUMINA = 0.1  # IAI: ~100 kg caustic soda per t alumina
LIME_T_PER_T_ALUMINA = 0.05  # IAI: ~50 kg calcined lime per t alumina
# IAI refining fuel 2024: 1,188,250 TJ for 138.59 Mt alumina (reported via Alcircle).
REFINERY_FUEL_GJ_PER_T = 1_188_250e3 / 138.59e6
SMELTER_CAPEX_ROW = 4000.0  # USD per t/yr: > USD 1 bn for a 250 kt/yr smelter
REFINERY_CAPEX_ROW = 1000.0  # USD per t alumina/yr: > USD 1 bn for a 1 Mt/yr refinery
CHINA_CAPEX_FACTOR = 0.4  # Wood Mackenzie: China ~40% of rest-of-world capital intensity
FIXED_OPEX_SHARE = 0.05  # MPP's own fixed-OPEX/CAPEX ratio in its ammonia business cases
#: First-of-a-kind premium of inert-anode smelters over carbon-anode ones, share of the smelter
#: capex (greenfield and renewal), by year, interpolated. Stated assumption: inert anodes are at
#: TRL 5-6 (IEA ETP Clean Energy Technology Guide; ELYSIS 450 kA cells in demonstration), and
#: first-of-a-kind process plants cost 50-100% more than the n-th of a kind (Rubin et al.,
#: Energy Policy 2015); learning halves the premium by 2050. Sensitivity: docs/validation.md.
INERT_ANODE_PREMIUM = {2020: 0.75, 2030: 0.75, 2050: 0.35}
FILLED_LIFETIME = 30  # MPP lifetime of the same anode with captive fossil power

ISO3 = {
    "Argentina": "ARG",
    "Australia": "AUS",
    "Azerbaijan": "AZE",
    "Bahrain": "BHR",
    "Bosnia and Herzegovina": "BIH",
    "Brazil": "BRA",
    "Cameroon": "CMR",
    "Canada": "CAN",
    "Egypt": "EGY",
    "France": "FRA",
    "Germany": "DEU",
    "Ghana": "GHA",
    "Greece": "GRC",
    "Iceland": "ISL",
    "India": "IND",
    "Indonesia": "IDN",
    "Iran": "IRN",
    "Italy": "ITA",
    "Kazakhstan": "KAZ",
    "Malaysia": "MYS",
    "Montenegro": "MNE",
    "Mozambique": "MOZ",
    "Netherlands": "NLD",
    "New Zealand": "NZL",
    "Nigeria": "NGA",
    "Norway": "NOR",
    "Oman": "OMN",
    "Qatar": "QAT",
    "Romania": "ROU",
    "Russia": "RUS",
    "Saudi Arabia": "SAU",
    "Slovakia": "SVK",
    "Slovenia": "SVN",
    "South Africa": "ZAF",
    "Spain": "ESP",
    "Sweden": "SWE",
    "Tajikistan": "TJK",
    "Turkey": "TUR",
    "United Arab Emirates": "ARE",
    "United Kingdom": "GBR",
    "United States": "USA",
    "Venezuela": "VEN",
    "Vietnam": "VNM",
}

ANODE_ROUTE = {
    "Carbon Anode": "carbon_anode",
    "Carbon Anode+CCS": "carbon_anode_ccs",
    "Inert Anode": "inert_anode",
}
POWER_COMMODITY = {
    "Grid": "electricity",
    "PPA+Grid": "electricity_ppa_grid",
    "Coal": "electricity_captive_coal",
    "Coal+CCS": "electricity_captive_coal_ccs",
    "Natural Gas": "electricity_captive_gas",
    "Natural Gas+CCS": "electricity_captive_gas_ccs",
    "Hydro": "electricity_hydro",
    "Small Modular Reactor": "electricity_nuclear_smr",
}

# MPP refinery scope-1 emissions, t CO2 per t alumina, 2020 (mpp-shared-code,
# aluminium/data/fa/def_refineries/intermediate/emissions.csv @ b09472f).
REFINERY_REGIONS = [
    "Africa",
    "China - Central",
    "China - East",
    "China - North",
    "China - North East",
    "China - North West",
    "China - South",
    "Rest of Europe",
    "Middle East",
    "US",
    "Oceania",
    "Rest of Asia",
    "Russia",
    "South America",
]
REFINERY_SCOPE1_2020 = {
    "coal_boiler_gas_calciner": [
        1.000691363,
        0.92030169,
        0.92030169,
        0.92030169,
        0.92030169,
        0.92030169,
        0.92030169,
        1.218917312,
        0.935685997,
        0.921546663,
        0.929727913,
        1.000691363,
        1.218917312,
        0.736045714,
    ],
    "coal_boiler_oil_calciner": [
        1.066453581,
        0.980780957,
        0.980780957,
        0.980780957,
        0.980780957,
        0.980780957,
        0.980780957,
        1.299020637,
        0.997176271,
        0.982107745,
        0.990826641,
        1.066453581,
        1.299020637,
        0.78441627,
    ],
    "gas_boiler_gas_calciner": [
        0.650681879,
        0.598409915,
        0.598409915,
        0.598409915,
        0.598409915,
        0.598409915,
        0.598409915,
        0.792579447,
        0.608413288,
        0.599219436,
        0.604539149,
        0.650681879,
        0.792579447,
        0.478600721,
    ],
    "gas_boiler_oil_calciner": [
        0.716444097,
        0.658889181,
        0.658889181,
        0.658889181,
        0.658889181,
        0.658889181,
        0.658889181,
        0.872682772,
        0.669903562,
        0.659780519,
        0.665637877,
        0.716444097,
        0.872682772,
        0.526971278,
    ],
    "elec_boiler_gas_calciner": [
        0.207949879,
        0.191244406,
        0.191244406,
        0.191244406,
        0.191244406,
        0.191244406,
        0.191244406,
        0.253298586,
        0.19444136,
        0.191503119,
        0.193203233,
        0.207949879,
        0.253298586,
        0.15295487,
    ],
}

# Prices (see SOURCES.md for each citation). Power in USD/MWh, converted to USD/GJ below.
PRICE_CASE = "public_2020"
RMB_PER_USD = 400 / 58  # implied by Aluminium Today: RMB400/t = USD58/t
USD_PER_EUR = 1.04  # January 2025, the month of the CRU Nordic power quote
CHINA_LOW_TARIFF = 0.3 * 1000 / RMB_PER_USD  # RMB 0.3/kWh, Inner Mongolia / Xinjiang
CHINA_HIGH_TARIFF = 0.6 * 1000 / RMB_PER_USD  # RMB 0.6/kWh, east-coast provinces
NORDIC_POWER = 32 * USD_PER_EUR  # CRU: Norway day-ahead 31-33 EUR/MWh (January 2025)
GRID_WORLD = 40.0  # European Aluminium Association via The Economist (2005): ~EUR 30 = USD 40
GRID_BY_REGION = {
    "US": 550 / ELECTRICITY_MWH_PER_T,  # Wood Mackenzie: ~USD 550 power per t Al
    "Canada": 290 / ELECTRICITY_MWH_PER_T,  # Wood Mackenzie: ~USD 290 power per t Al
    "China - North West": CHINA_LOW_TARIFF,
    "China - North": CHINA_LOW_TARIFF,
    "China - East": CHINA_HIGH_TARIFF,
    "China - Central": CHINA_HIGH_TARIFF,
    "China - South": CHINA_HIGH_TARIFF,
    "China - North East": CHINA_HIGH_TARIFF,
    "Scandinavia": NORDIC_POWER,
}
WIND_PPA = 39.0  # IRENA 2020 global weighted LCOE, onshore wind
PPA_SHARE = 0.5  # MPP's PPA+Grid has half the grid's scope 2 in fa/lc: half PPA, half grid
HYDRO_WORLD = 47.0  # IRENA 2018 global weighted LCOE, hydropower
HYDRO_BY_REGION = {"Canada": GRID_BY_REGION["Canada"], "Scandinavia": NORDIC_POWER}
CAPTIVE_COAL = CHINA_LOW_TARIFF  # captive coal tariff in Inner Mongolia / Xinjiang (CRU)
CAPTIVE_GAS = 44.0  # Lazard LCOE v14.0 (2020), gas combined cycle, low end of 44-73
SMR_POWER = 89.0 + 30.0  # NuScale/UAMPS target 89 USD/MWh after a ~30 USD/MWh IRA credit
POWER_CAPTURE_USD_T = 65.0  # IEA (2021): capture at Petra Nova (coal power), USD/t CO2
CO2_TRANSPORT_STORAGE_USD_T = 10.0  # IEA (2021): US onshore pipeline 2-14 USD/t, rounded
ANODE_CAPTURE_USD_T = 120.0  # IEA (2021): top of the 40-120 USD/t range for dilute streams
ALUMINA_USD_T = 275.0  # Fastmarkets alumina index fob Australia, Jan and Jul 2020
ANODE_USD_T = 4739 / RMB_PER_USD  # SMM prebaked-anode benchmark, Shandong, August 2025

# MPP highlight: recycled share of supply 33% (2020) -> 50% (2050).
SECONDARY_SHARE = {2020: 0.33, 2050: 0.50}


#: Columns of technology_emissions.csv (t CO2 per t aluminium by scope; filled = gap-filled).
EMISSION_COLUMNS = ["case", "technology", "region", "year", "scope1", "scope1_captured",
                    "scope2", "scope3", "filled"]


def read(path: Path) -> pd.DataFrame:
    """Read a CSV, dropping a BOM and an unnamed index column."""
    df = pd.read_csv(path, encoding="utf-8-sig")
    return df.drop(columns=[c for c in df.columns if c.startswith("Unnamed")])


def split_technology(tech: str) -> tuple[str, str]:
    """Split an MPP technology name into (anode, power supply)."""
    anode, power = (part.strip() for part in tech.split(" + ", 1))
    return anode, power


def is_china(region: str) -> bool:
    """True for MPP's six Chinese sub-regions."""
    return region.startswith("China")


def build_assets(src: Path) -> pd.DataFrame:
    """The 181 smelters of MPP's initial asset stack."""
    raw = read(src / "lc" / "initial_asset_stack.csv")
    for case in ("bau", "fa"):
        other = read(src / case / "initial_asset_stack.csv")
        if not other.equals(raw):
            raise ValueError(f"{case} asset stack differs from lc")
    coords = raw["coordinates"].str.split(",", expand=True).astype(float)
    country = raw["country"].map(lambda c: "CHN" if c.startswith("China") else ISO3[c])
    out = pd.DataFrame(
        {
            "asset_id": [f"ALU-{i + 1:03d}" for i in range(len(raw))],
            "region": raw["region"],
            "country": country,
            "technology": raw["technology"],
            "capacity": raw["annual_production_capacity"].astype(float),
            "start_year": raw["year"].astype(int),
            "status": np.where(raw["capacity_factor"] > 0, "operating", "idle"),
            "utilisation": raw["capacity_factor"].astype(float),
            "ppa_allowed": raw["ppa_allowed"].astype(bool),
            "latitude": coords[0].round(6),
            "longitude": coords[1].round(6),
            "demand_region": raw["region"].where(~raw["region"].map(is_china), "China"),
        }
    )
    if (out["capacity"] <= 0).any():
        raise ValueError("non-positive smelter capacity")
    return out


def build_technology_emissions(src: Path) -> pd.DataFrame:
    """MPP emissions per t aluminium by technology, region, year and case."""
    frames = []
    for case in CASES:
        raw = read(src / case / "emissions.csv")
        techs = sorted(raw["technology"].unique())
        regions = sorted(raw["region"].unique())
        full = pd.MultiIndex.from_product(
            [techs, regions, YEARS], names=["technology", "region", "year"]
        )
        df = raw.set_index(["technology", "region", "year"]).reindex(full)
        cols = ["co2_scope1", "co2_scope1_captured", "co2_scope2", "co2_scope3_upstream"]
        df["filled"] = df["co2_scope1"].isna()
        grouped = df.groupby(level=["technology", "region"])[["co2_scope1", "co2_scope2"]]
        df[["co2_scope1", "co2_scope2"]] = grouped.transform(lambda s: s.ffill().bfill())
        df = df.reset_index()[["technology", "region", "year", *cols, "filled"]]
        df.columns = EMISSION_COLUMNS[1:]
        df["case"] = case
        frames.append(df)
    return pd.concat(frames, ignore_index=True)[EMISSION_COLUMNS]


def build_technologies(src: Path, emissions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Technology list (phase, availability, lifetime, WACC) and regional WACC table."""
    raw = read(src / "lc" / "technology_characteristics.csv")
    raw = raw[raw["technology"] != "Decommission"]
    varying = raw.groupby(["technology", "region"])[
        ["technology_lifetime", "wacc", "technology_classification", "expected_maturity"]
    ].nunique()
    if (varying > 1).any().any():
        raise ValueError("technology characteristics vary over years")
    per_region = raw[raw["year"] == 2020]
    wacc = per_region[["technology", "region", "wacc"]].sort_values(["technology", "region"])
    rows = []
    ref = emissions[(emissions["case"] == "lc") & (emissions["year"] == 2020)]
    for tech, grp in per_region.groupby("technology"):
        anode, power = split_technology(tech)
        mpp_life = int(grp["technology_lifetime"].iloc[0])
        rows.append(
            {
                "technology": tech,
                "route": ANODE_ROUTE[anode],
                "phase": grp["technology_classification"].iloc[0],
                "available_from": int(grp["expected_maturity"].iloc[0]),
                "available_until": 2050,
                "lifetime_years": mpp_life if mpp_life > 0 else FILLED_LIFETIME,
                "wacc": float(grp["wacc"].mode().iloc[0]),
                "scope1_reference": round(
                    float(ref.loc[ref["technology"] == tech, "scope1"].median()), 6
                ),
                "product": "aluminium",
                "power_supply": POWER_COMMODITY[power],
                "mpp_technology_lifetime": mpp_life,
                "lifetime_note": "mpp"
                if mpp_life > 0
                else "filled: MPP gives 0 (no captive plant)",
            }
        )
    rows.append(
        {
            "technology": "Alumina refinery",
            "route": "alumina_refining",
            "phase": "initial",
            "available_from": 2020,
            "available_until": 2050,
            "lifetime_years": FILLED_LIFETIME,
            "wacc": 0.09,
            "scope1_reference": round(
                float(np.median(REFINERY_SCOPE1_2020["gas_boiler_gas_calciner"])), 6
            ),
            "product": "alumina",
            "power_supply": "fuel_mix",
            "mpp_technology_lifetime": 0,
            "lifetime_note": "assumption: same as smelter default",
        }
    )
    return pd.DataFrame(rows), wacc.reset_index(drop=True)


def process_emissions(emissions: pd.DataFrame) -> dict[str, float]:
    """Scope-1 CO2 of each anode type with grid power (lc, 2020, China - North)."""
    ref = emissions[
        (emissions["case"] == "lc")
        & (emissions["year"] == 2020)
        & (emissions["region"] == "China - North")
    ]
    out = {}
    for anode in ANODE_ROUTE:
        value = ref.loc[ref["technology"] == f"{anode} + Grid", "scope1"]
        out[anode] = float(value.iloc[0])
    return out


def build_intensities(technologies: pd.DataFrame, proc: dict[str, float]) -> pd.DataFrame:
    """Inputs and outputs per t aluminium (smelters) and per t alumina (refinery)."""
    rows = []
    for tech in technologies["technology"]:
        if tech == "Alumina refinery":
            continue
        anode, power = split_technology(tech)
        src_e = "IAI smelting power (world average, rounded)"
        rows.append(
            (
                tech,
                "World",
                POWER_COMMODITY[power],
                ELECTRICITY_GJ_PER_T,
                "GJ/t",
                "aluminium",
                src_e,
            )
        )
        rows.append(
            (tech, "World", "alumina", ALUMINA_T_PER_T, "t/t", "aluminium", "IAI raw materials")
        )
        if anode != "Inert Anode":
            rows.append(
                (tech, "World", "carbon_anode", ANODE_T_PER_T, "t/t", "aluminium", "Qatalum / IAI")
            )
        rows.append(
            (
                tech,
                "World",
                "process_emissions",
                round(proc[anode], 6),
                "tCO2/t",
                "aluminium",
                "MPP emissions.csv (lc)",
            )
        )
        if anode == "Carbon Anode+CCS":
            captured = proc["Carbon Anode"] - proc["Carbon Anode+CCS"]
            rows.append(
                (
                    tech,
                    "World",
                    "captured_co2",
                    round(captured, 6),
                    "tCO2/t",
                    "aluminium",
                    "derived from MPP",
                )
            )
    ref = "Alumina refinery"
    rows += [
        (ref, "World", "bauxite", BAUXITE_T_PER_T_ALUMINA, "t/t", "alumina", "IAI raw materials"),
        (
            ref,
            "World",
            "caustic_soda",
            CAUSTIC_T_PER_T_ALUMINA,
            "t/t",
            "alumina",
            "IAI raw materials",
        ),
        (
            ref,
            "World",
            "calcined_lime",
            LIME_T_PER_T_ALUMINA,
            "t/t",
            "alumina",
            "IAI raw materials",
        ),
        (
            ref,
            "World",
            "refinery_fuel",
            round(REFINERY_FUEL_GJ_PER_T, 4),
            "GJ/t",
            "alumina",
            "IAI fuel statistics 2024",
        ),
    ]
    cols = ["technology", "region", "commodity", "value", "unit", "product", "source"]
    return pd.DataFrame(rows, columns=cols)


def power_capture_intensities(technologies: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """CO2 captured at a captive CCS power plant, t per t aluminium, by region.

    Reporting only (commodity ``co2_captured_power``, no price, no emission factor): the
    captive plant's residual CO2 is already in its emission factor and its capture cost in
    its power price.
    """
    captured = captured_per_mwh(factors)
    rows = []
    for tech in technologies["technology"]:
        if tech == "Alumina refinery":
            continue
        commodity = POWER_COMMODITY[split_technology(tech)[1]]
        for region, t_per_mwh in captured.get(commodity, {}).items():
            rows.append((tech, region, "co2_captured_power",
                         round(t_per_mwh * ELECTRICITY_MWH_PER_T, 6), "tCO2/t", "aluminium",
                         "derived from MPP emission factors (captive plant minus CCS plant)"))
    cols = ["technology", "region", "commodity", "value", "unit", "product", "source"]
    return pd.DataFrame(rows, columns=cols)


def build_emission_factors(emissions: pd.DataFrame, proc: dict[str, float]) -> pd.DataFrame:
    """Emission factors of the power supplies (derived from MPP) and of alumina."""
    ca = emissions[emissions["technology"].str.startswith("Carbon Anode + ")].copy()
    ca["power"] = ca["technology"].map(lambda t: split_technology(t)[1])
    rows = []
    for power, commodity in POWER_COMMODITY.items():
        sub = ca[ca["power"] == power]
        s1 = ((sub["scope1"] - proc["Carbon Anode"]).clip(lower=0.0)) / ELECTRICITY_GJ_PER_T
        s2 = sub["scope2"] / ELECTRICITY_GJ_PER_T
        for scope, values in ((1, s1), (2, s2)):
            part = pd.DataFrame(
                {
                    "commodity": commodity,
                    "scope": scope,
                    "region": sub["region"],
                    "year": sub["year"],
                    "case": sub["case"],
                    "value": values.round(8),
                    "unit": "tCO2/GJ",
                }
            )
            rows.append(part)
    for config, values in REFINERY_SCOPE1_2020.items():
        # World = mean of MPP's 14 refinery regions: the default for Canada and Scandinavia,
        # which MPP's refinery model does not cover (their smelters import alumina).
        world = [("World", float(np.mean(values)))]
        for region, value in [*zip(REFINERY_REGIONS, values, strict=True), *world]:
            rows.append(
                pd.DataFrame(
                    {
                        "commodity": "alumina",
                        "scope": 3,
                        "region": region,
                        "year": YEARS,
                        "case": config,
                        "value": round(value, 8),
                        "unit": "tCO2/t",
                    }
                )
            )
    fuels = {"thermal_coal": 0.0946, "natural_gas": 0.0561}
    for commodity, value in fuels.items():
        rows.append(
            pd.DataFrame(
                {
                    "commodity": commodity,
                    "scope": 1,
                    "region": "World",
                    "year": YEARS,
                    "case": "default",
                    "value": value,
                    "unit": "tCO2/GJ",
                }
            )
        )
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["commodity", "scope", "case", "region", "year"]).reset_index(drop=True)


def check_emission_factors(
    emissions: pd.DataFrame, factors: pd.DataFrame, proc: dict[str, float]
) -> dict[str, float]:
    """Max absolute error (t CO2/t Al) when rebuilding MPP emissions from the factors."""
    ef = factors[factors["commodity"].str.startswith("electricity")]
    ef = ef.pivot_table(
        index=["commodity", "region", "year", "case"], columns="scope", values="value"
    )
    errors = {}
    for case in CASES:
        sub = emissions[emissions["case"] == case]
        worst = 0.0
        for row in sub.itertuples():
            anode, power = split_technology(row.technology)
            key = (POWER_COMMODITY[power], row.region, row.year, case)
            s1 = proc[anode] + ef.loc[key, 1] * ELECTRICITY_GJ_PER_T
            s2 = ef.loc[key, 2] * ELECTRICITY_GJ_PER_T
            worst = max(worst, abs(s1 - row.scope1), abs(s2 - row.scope2))
        errors[case] = worst
    return errors


def build_costs(technologies: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """Capital and fixed costs per t of annual capacity (public figures)."""
    rows = []
    known = sorted(INERT_ANODE_PREMIUM)
    premium = np.interp(YEARS, known, [INERT_ANODE_PREMIUM[y] for y in known])
    for tech in technologies["technology"]:
        base = REFINERY_CAPEX_ROW if tech == "Alumina refinery" else SMELTER_CAPEX_ROW
        inert = tech.startswith("Inert Anode")
        for region in regions:
            plain = base * (CHINA_CAPEX_FACTOR if is_china(region) else 1.0)
            for year, extra in zip(YEARS, premium, strict=True):
                capex = round(plain * (1.0 + extra), 6) if inert else plain
                rows.append((tech, region, year, capex, capex, plain * FIXED_OPEX_SHARE))
    cols = ["technology", "region", "year", "greenfield_capex", "renewal_capex", "fixed_opex"]
    return pd.DataFrame(rows, columns=cols)


def power_prices(regions: list[str], factors: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Power price of every supply option by region, USD/MWh (``World`` = default row)."""
    grid = {r: GRID_BY_REGION.get(r, GRID_WORLD) for r in regions}
    captured = captured_per_mwh(factors)
    return {
        "electricity": {"World": GRID_WORLD, **GRID_BY_REGION},
        "electricity_ppa_grid": {
            r: (1 - PPA_SHARE) * grid[r] + PPA_SHARE * WIND_PPA for r in regions
        },
        "electricity_hydro": {"World": HYDRO_WORLD, **HYDRO_BY_REGION},
        "electricity_captive_coal": {"World": CAPTIVE_COAL},
        "electricity_captive_gas": {"World": CAPTIVE_GAS},
        "electricity_captive_coal_ccs": with_capture(CAPTIVE_COAL, captured, "coal"),
        "electricity_captive_gas_ccs": with_capture(CAPTIVE_GAS, captured, "gas"),
        "electricity_nuclear_smr": {"World": SMR_POWER},
    }


def with_capture(base: float, captured: dict[str, dict[str, float]], fuel: str
                 ) -> dict[str, float]:
    """Captive CCS power price by region: the plain plant's price plus capture, transport
    and storage of the CO2 it captures per MWh, USD/MWh."""
    per_t = POWER_CAPTURE_USD_T + CO2_TRANSPORT_STORAGE_USD_T
    return {r: base + t * per_t for r, t in captured[f"electricity_captive_{fuel}_ccs"].items()}


def captured_per_mwh(factors: pd.DataFrame) -> dict[str, dict[str, float]]:
    """CO2 captured by a captive CCS plant, t per MWh, by region (MPP lc 2020 factors)."""
    ref = factors[(factors["scope"] == 1) & (factors["case"] == "lc") & (factors["year"] == 2020)]
    by = ref.set_index(["commodity", "region"])["value"]
    out = {}
    for ccs, plain in (
        ("electricity_captive_coal_ccs", "electricity_captive_coal"),
        ("electricity_captive_gas_ccs", "electricity_captive_gas"),
    ):
        diff = (by[plain] - by[ccs]).clip(lower=0.0) * GJ_PER_MWH
        out[ccs] = {str(r): round(float(v), 6) for r, v in diff.items()}
    return out


def build_prices(regions: list[str], factors: pd.DataFrame) -> pd.DataFrame:
    """Every priced commodity, one case (``public_2020``), held flat 2020-2050."""
    rows = []
    for commodity, by_region in power_prices(regions, factors).items():
        for region, usd_mwh in by_region.items():
            rows += [
                (commodity, region, y, PRICE_CASE, round(usd_mwh / GJ_PER_MWH, 6), "USD/GJ")
                for y in YEARS
            ]
    for commodity, value, unit in (
        ("alumina", ALUMINA_USD_T, "USD/t"),
        ("carbon_anode", ANODE_USD_T, "USD/t"),
        ("captured_co2", ANODE_CAPTURE_USD_T + CO2_TRANSPORT_STORAGE_USD_T, "USD/tCO2"),
    ):
        rows += [(commodity, "World", y, PRICE_CASE, round(value, 6), unit) for y in YEARS]
    out = pd.DataFrame(rows, columns=["commodity", "region", "year", "case", "value", "unit"])
    unknown = set(out["region"]) - {*regions, "World"}
    if unknown:
        raise ValueError(f"price regions outside the model regions: {sorted(unknown)}")
    return out


def china_shares(assets: pd.DataFrame) -> pd.Series:
    """Share of each Chinese sub-region in China's 2020 production (the asset stack)."""
    prod = (assets["capacity"] * assets["utilisation"]).groupby(assets["region"]).sum()
    china = prod[[r for r in prod.index if is_china(str(r))]]
    return china / china.sum()


def build_demand(src: Path, assets: pd.DataFrame) -> pd.DataFrame:
    """Regional primary-aluminium demand per MPP pathway, on the model's 16 regions.

    MPP's demand is primary aluminium (net of recycled metal) on 11 regions with one
    ``China``; its six sub-regions get China's demand in proportion to their 2020
    production in the asset stack, so that every table shares the asset regions.
    """
    shares = china_shares(assets)
    frames = []
    for case in CASES:
        raw = read(src / case / "demand.csv")
        regional = raw[raw["region"] != "Global"]
        total = raw[raw["region"] == "Global"].set_index("year")["value"]
        summed = regional.groupby("year")["value"].sum()
        if not np.allclose(total.sort_index(), summed.sort_index(), rtol=1e-6):
            raise ValueError(f"{case}: Global demand is not the sum of regions")
        china = regional[regional["region"] == "China"]
        split = pd.concat(
            [china.assign(region=r, value=china["value"] * s) for r, s in shares.items()]
        )
        regional = pd.concat([regional[regional["region"] != "China"], split])
        frames.append(
            pd.DataFrame(
                {
                    "region": regional["region"],
                    "year": regional["year"].astype(int),
                    "scenario": case,
                    "product": "primary_aluminium",
                    "value": regional["value"].astype(float).round(8),
                    "unit": "Mt",
                    "source_scenario": SOURCE_SCENARIO[case],
                }
            )
        )
        if not np.isclose(frames[-1]["value"].sum(), total.sum(), rtol=1e-6):
            raise ValueError(f"{case}: splitting China changed the world demand")
    return (
        pd.concat(frames, ignore_index=True)
        .sort_values(["scenario", "region", "year"])
        .reset_index(drop=True)
    )


def build_secondary(demand: pd.DataFrame) -> pd.DataFrame:
    """Recycled share of total supply (MPP highlight), interpolated, with implied tonnes.

    MPP's demand is already primary (net of recycled metal): total = primary / (1 - share)
    and recycled = total x share. Not used by the engine; reported for reference.
    """
    share = pd.Series(SECONDARY_SHARE).reindex(YEARS).interpolate()
    primary = demand.groupby(["scenario", "year"])["value"].sum()
    rows = []
    for (scenario, year), value in primary.items():
        s = float(share[year])
        total = value / (1 - s)
        rows.append((scenario, year, round(s, 6), round(value, 6), round(total * s, 6),
                     round(total, 6)))
    return pd.DataFrame(
        rows,
        columns=["scenario", "year", "secondary_share", "primary_aluminium_mt",
                 "secondary_aluminium_mt", "total_aluminium_mt"],
    )


def build_carbon_budget(src: Path) -> pd.DataFrame:
    """MPP's annual scope-1+2 CO2 limit, Gt -> Mt, 2020-2050."""
    raw = read(src / "lc" / "carbon_budget.csv")
    for case in ("bau", "fa"):
        if not read(src / case / "carbon_budget.csv").equals(raw):
            raise ValueError("carbon budgets differ between cases")
    raw = raw[raw["year"].between(2020, 2050)]
    return pd.DataFrame(
        {
            "year": raw["year"].astype(int),
            "value": (raw["annual_limit"] * 1000).round(6),
            "unit": "Mt CO2/yr",
        }
    )


def reference_2020(assets: pd.DataFrame, emissions: pd.DataFrame) -> pd.DataFrame:
    """2020 production and scope 1/2 CO2 of the asset stack, per case and region."""
    prod = assets.assign(production=assets["capacity"] * assets["utilisation"])
    rows = []
    for case in CASES:
        em = emissions[(emissions["case"] == case) & (emissions["year"] == 2020)]
        merged = prod.merge(em, on=["technology", "region"], how="left", validate="many_to_one")
        if merged["scope1"].isna().any():
            raise ValueError("missing 2020 emissions for an asset")
        merged["s1"] = merged["production"] * merged["scope1"]
        merged["s2"] = merged["production"] * merged["scope2"]
        grp = merged.groupby("region")[["production", "s1", "s2"]].sum()
        grp.loc["Total"] = grp.sum()
        grp["case"] = case
        rows.append(grp.reset_index())
    out = pd.concat(rows, ignore_index=True)
    out.columns = ["region", "production_mt", "scope1_mtco2", "scope2_mtco2", "case"]
    return out


#: Highest utilisation of a smelter (MPP's CUF_UPPER_THRESHOLD, as in the sector declaration).
UTILISATION_MAX = 0.95


def calibrate_2020(production: pd.Series, assets: pd.DataFrame, world: float) -> pd.Series:
    """2020 production by region (Mt) raised to the published World total ``world``.

    MPP's stack runs its smelters at their 2020 capacity factors and makes 61.0 Mt, 6.6% less
    than IAI's 65.3 Mt; the difference is taken up by each region in proportion to the
    capacity it leaves idle (up to ``UTILISATION_MAX`` of the smelters operating by 2020), so no
    region runs above what its smelters can make.
    """
    operating = assets[assets["start_year"] <= 2020]
    ceiling = (operating.groupby("region")["capacity"].sum() * UTILISATION_MAX).reindex(
        production.index, fill_value=0.0)
    spare = (ceiling - production).clip(lower=0.0)
    missing = world - production.sum()
    if missing > spare.sum():
        raise ValueError(f"the smelters cannot make {world} Mt in 2020")
    return production + spare * missing / spare.sum()


def write(df: pd.DataFrame, out: Path, name: str) -> None:
    """Write ``out/name`` (checked against its schema) with plain decimals."""
    write_table(df, out, name.removesuffix(".csv"), float_format=TEN_DIGITS)


def main(argv: Sequence[str] | None = None) -> None:
    """Build every aluminium table."""
    args = parse_args(argv, __doc__.splitlines()[0], "aluminium", reads_source=True)
    src, out = args.published("mpp", "aluminium"), args.out

    assets = build_assets(src)
    emissions = build_technology_emissions(src)
    technologies, wacc = build_technologies(src, emissions)
    proc = process_emissions(emissions)
    factors = build_emission_factors(emissions, proc)
    errors = check_emission_factors(emissions, factors, proc)
    print(
        "max error rebuilding MPP emissions from factors (tCO2/t):",
        {k: round(v, 6) for k, v in errors.items()},
    )
    regions = sorted(assets["region"].unique())
    demand = build_demand(src, assets)
    if sorted(demand["region"].unique()) != regions:
        raise ValueError("demand regions differ from the asset regions")
    intensities = pd.concat(
        [build_intensities(technologies, proc), power_capture_intensities(technologies, factors)],
        ignore_index=True,
    )

    write(assets, out, "assets.csv")
    write(technologies, out, "technologies.csv")
    write(wacc, out, "technology_wacc.csv")
    write(emissions.drop(columns="filled"), out, "technology_emissions.csv")
    write(intensities, out, "intensities.csv")
    write(factors, out, "emission_factors.csv")
    write(build_costs(technologies, regions), out, "costs.csv")
    write(build_prices(regions, factors), out, "prices.csv")
    write(demand, out, "demand.csv")
    write(build_secondary(demand), out, "secondary_share.csv")
    budget = build_carbon_budget(src)
    write(budget, out, "carbon_budget.csv")
    # MPP publishes no aluminium resource cap. limits.csv must have rows to validate, so it
    # repeats the carbon budget as resource "co2_budget" for reference; the sector declares
    # no ResourceLimit for it (the budget is a scenario constraint, see least-cost.toml).
    limits = pd.DataFrame(
        {
            "resource": "co2_budget",
            "region": "World",
            "year": budget["year"],
            "case": "mpp_1.5c",
            "value": budget["value"],
            "unit": "Mt CO2/yr",
        }
    )
    write(limits, out, "limits.csv")
    ref = reference_2020(assets, emissions)
    lc = ref[ref["case"] == "lc"]
    stack = lc.query("region != 'Total'").set_index("region")["production_mt"]
    calibrated = calibrate_2020(stack, assets, IAI_PRIMARY_PRODUCTION[2020])
    write(
        calibrated.rename("value").rename_axis("region").reset_index().assign(unit="Mt"),
        out,
        "production_2020.csv",
    )
    print(
        ref.pivot_table(
            index="region", columns="case", values=["production_mt", "scope1_mtco2", "scope2_mtco2"]
        ).round(3)
    )
    print("filled emission rows:", int(emissions["filled"].sum()))


if __name__ == "__main__":
    main()

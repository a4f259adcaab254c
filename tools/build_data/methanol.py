"""Build the default methanol data of sectorpath from public figures.

Run from the repository root::

    python -m tools.build_data methanol [--source DIR] [--out DIR]

MPP published no methanol model; the figures below come from public documents and open
data sets, each named in ``SOURCES.md``. Grid emission factors are MPP's (ammonia files,
same region set), read from ``mpp/ammonia/`` in ``--source`` (the folder of published
data, default ``../shared/data`` beside the repository); energy prices are MPP's regional
series as published with the steel model (``src/sectorpath/sectors/steel/data/prices.csv``,
mapped to these regions).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from tools.build_data.ammonia import write
from tools.build_data.core import YEARS, data_dir, parse_args

USD_PER_EUR = 1.1403  # MPP's constant (no inflation adjustment)
STEEL_PRICES = data_dir("steel") / "prices.csv"
#: Methanol region -> MPP/RMI steel region whose price series it takes (SOURCES.md).
PRICE_REGION = {
    "Africa": "Africa", "China": "China", "Europe": "Europe",
    "Latin America": "South and Central America", "Middle East": "Middle East",
    "North America": "NAFTA", "Oceania": "Southeast Asia", "Rest of Asia": "Southeast Asia",
    "Russia": "CIS",
}
#: Methanol commodity -> steel price commodity it copies.
PRICE_COMMODITY = {
    "natural_gas": "natural_gas", "thermal_coal": "thermal_coal", "electricity": "electricity",
    "electricity_export": "electricity", "hydrogen": "hydrogen", "biomass": "biomass",
    "co2_feedstock": "co2_capture",
}
PLANT_MT = 1.5  # representative plant size, Mt methanol/yr (assumption, SOURCES.md)
NEW_PLANT_MT = 1.7  # 5,000 t/day "mega-methanol" train (SOURCES.md)

# Physical constants.
MEOH_MWH_PER_T = 5.54  # LHV used by PyPSA technology-data
MEOH_GJ_PER_T = MEOH_MWH_PER_T * 3.6
T_PER_MW_YEAR = 8760 / MEOH_MWH_PER_T  # t/yr of methanol per MW of continuous output
CO2_IN_MEOH = 44.0095 / 32.0419  # t CO2 per t methanol (carbon leaving in the product)
H2_EQ_PER_T_MEOH = 3 * 2.01588 / 32.0419  # t H2-equivalent syngas per t methanol
H2_PER_T_NH3 = 1.5 * 2.01588 / 17.0305
SYNGAS_RATIO = H2_EQ_PER_T_MEOH / H2_PER_T_NH3

# Natural-gas route: NETL baseline (doi:10.2172/1601964) as parameterised in NREL H2Integrate.
NG_KG_PER_KG = 0.7674355312
NG_LHV_MJ_PER_KG = 47.1
NG_ELEC_EXPORT_MWH_PER_T = 0.338415339
NG_FIXED_OPEX = 0.020675078 * 1000  # USD per t/yr per year
# IRENA (2021) Table 25 via PyPSA technology-data: 1,001,188 EUR/MW_MeOH at 0.8775 EUR/USD.
NG_CAPEX = 1_001_188 / 0.8775 / (8760 / 5.528)
# Coal route: MPP coal-gasification ammonia inputs scaled by syngas demand (see SOURCES.md).
MPP_COAL_GJ_PER_T_NH3 = 17.3 + 20.7
MPP_COAL_ELEC_GJ_PER_T_NH3 = 3.7
MPP_CAPEX_COAL_OVER_SMR = 2175.0 / 1142.815
MPP_FIXED_OPEX_SHARE = 0.05
# Biomass gasification: Danish Energy Agency sheet 97 via PyPSA technology-data (EUR 2020).
BIO_EFFICIENCY = 0.58
BIO_CAPEX_EUR_PER_KW = 5591.3924
BIO_FOM_SHARE = 0.011111
BIO_VOM_EUR_PER_MWH = 21.6979
# e-methanol synthesis (without electrolyser): Agora (2018) / DECHEMA (2017) via technology-data.
E_CAPEX_EUR_PER_MW = 819_108.478
E_FOM_SHARE = 0.03
E_H2_MWH_PER_MWH = 1.138
E_ELEC_MWH_PER_MWH = 0.271
E_CO2_T_PER_MWH = 0.248

TECHNOLOGIES = [
    # technology, route, phase, available_from, lifetime
    ("Natural gas reforming + methanol synthesis", "natural_gas_reforming", "initial", 2020, 30),
    ("Coal gasification + methanol synthesis", "coal_gasification", "initial", 2020, 30),
    ("Biomass gasification + methanol synthesis", "biomass", "end-state", 2020, 20),
    ("Electrolytic H2 + CO2 hydrogenation (e-methanol)", "electrolysis", "end-state", 2020, 20),
]
NG, COAL, BIO, EMEOH = (t[0] for t in TECHNOLOGIES)

# 2020 production estimate by region and route, Mt methanol (see SOURCES.md).
PRODUCTION_2020 = [
    ("China", COAL, 35.0),
    ("China", NG, 10.0),
    ("Middle East", NG, 21.0),
    ("Latin America", NG, 10.0),
    ("North America", NG, 9.0),
    ("Rest of Asia", NG, 4.5),
    ("Russia", NG, 4.0),
    ("Europe", NG, 2.9),
    ("Europe", BIO, 0.1),
    ("Europe", EMEOH, 0.004),
    ("Oceania", NG, 2.0),
    ("Africa", NG, 1.5),
]
#: World cap on e-methanol output, Mt/yr: the announced project pipeline to 2030, then a
#: diffusion limit (assumption, SOURCES.md).
E_METHANOL_CAP = {2020: 0.01, 2025: 1.0, 2030: 15.0, 2035: 60.0, 2040: 150.0, 2045: 280.0,
                  2050: 450.0}
CAPPED_SHARE_UNTIL_2040 = 0.02  # MPP ammonia config_ammonia.py MAXIMUM_GLOBAL_DEMAND_SHARE
FIRST_START, LAST_START = 2000, 2019  # assumed spread of commissioning years
WORLD_UTILISATION = 0.75  # assumption
CHINA_UTILISATION = WORLD_UTILISATION * 0.46 / 0.54  # IHS: 54% of capacity, 46% of output
ROW_UTILISATION = WORLD_UTILISATION * 0.54 / 0.46


def build_assets() -> pd.DataFrame:
    """Representative plants: each region-route total split into ~1.5 Mt/yr units whose
    commissioning years are spread evenly over 2000-2019 (an assumption: no plant list)."""
    rows = []
    for region, tech, production in PRODUCTION_2020:
        util = CHINA_UTILISATION if region == "China" else ROW_UTILISATION
        if tech in (BIO, EMEOH):
            util = 0.8
        code = {NG: "NG", COAL: "COAL", BIO: "BIO", EMEOH: "E"}[tech]
        capacity = production / util
        units = max(round(capacity / PLANT_MT), 1)
        for k in range(units):
            start = FIRST_START + (LAST_START - FIRST_START) * (k + 0.5) / units
            rows.append(
                {
                    "asset_id": f"MEOH-{region.upper().replace(' ', '_')}-{code}-{k + 1:02d}",
                    "region": region,
                    "technology": tech,
                    "capacity": round(capacity / units, 6),
                    "start_year": round(start),
                    "utilisation": round(util, 6),
                    "production_2020": round(production / units, 6),
                }
            )
    return pd.DataFrame(rows)


def build_technologies() -> pd.DataFrame:
    """Technology list."""
    return pd.DataFrame(
        [
            {
                "technology": t,
                "route": r,
                "phase": p,
                "available_from": a,
                "available_until": 2050,
                "lifetime_years": life,
                "wacc": 0.08,
            }
            for t, r, p, a, life in TECHNOLOGIES
        ]
    )


def intensity_rows() -> list[tuple[str, str, float, str, str, str]]:
    """(technology, commodity, value, unit, flow, source) per t methanol.

    ``fossil_carbon_in_product`` is the fossil carbon that leaves in the methanol (t CO2/t):
    scope 1 subtracts it, scope 3 counts it when the product is burnt. Biogenic and captured
    carbon in bio- and e-methanol is not counted at all.
    """
    ng_gj = NG_KG_PER_KG * NG_LHV_MJ_PER_KG
    coal_gj = MPP_COAL_GJ_PER_T_NH3 * SYNGAS_RATIO
    coal_elec = MPP_COAL_ELEC_GJ_PER_T_NH3 * SYNGAS_RATIO
    mwh = MEOH_MWH_PER_T
    netl = "NETL 2014 via NREL H2Integrate"
    mpp_coal = "MPP ammonia coal gasification x syngas ratio"
    dechema = "DECHEMA 2017 via PyPSA technology-data"
    return [
        (NG, "natural_gas", ng_gj, "GJ/t", "input", netl),
        (NG, "electricity_export", NG_ELEC_EXPORT_MWH_PER_T * 3.6, "GJ/t", "output", netl),
        (NG, "fossil_carbon_in_product", CO2_IN_MEOH, "tCO2/t", "input", "stoichiometry"),
        (COAL, "thermal_coal", coal_gj, "GJ/t", "input", mpp_coal),
        (COAL, "electricity", coal_elec, "GJ/t", "input", mpp_coal),
        (COAL, "fossil_carbon_in_product", CO2_IN_MEOH, "tCO2/t", "input", "stoichiometry"),
        (BIO, "biomass", MEOH_GJ_PER_T / BIO_EFFICIENCY, "GJ/t", "input",
         "DEA 97 via PyPSA technology-data"),
        (EMEOH, "hydrogen", E_H2_MWH_PER_MWH * mwh * 3.6, "GJ/t", "input", dechema),
        (EMEOH, "electricity", E_ELEC_MWH_PER_MWH * mwh * 3.6, "GJ/t", "input", dechema),
        (EMEOH, "co2_feedstock", E_CO2_T_PER_MWH * mwh, "tCO2/t", "input", dechema),
        (BIO, "capped_route_output", 1.0, "t/t", "input", "MPP chemicals rule (counter)"),
        (EMEOH, "e_methanol_output", 1.0, "t/t", "input", "project pipeline (counter)"),
    ]


def build_intensities() -> pd.DataFrame:
    """Inputs and outputs per t methanol (World); ``flow`` output = a by-product sold."""
    rows = [
        {"technology": t, "region": "World", "commodity": c, "value": round(v, 6), "unit": u,
         "flow": f, "source": src}
        for t, c, v, u, f, src in intensity_rows()
    ]
    return pd.DataFrame(rows)


def build_costs() -> pd.DataFrame:
    """CAPEX per t/yr and OPEX, USD, held flat 2020-2050."""
    coal_capex = NG_CAPEX * MPP_CAPEX_COAL_OVER_SMR
    bio_capex = BIO_CAPEX_EUR_PER_KW * 1000 / T_PER_MW_YEAR * USD_PER_EUR
    e_capex = E_CAPEX_EUR_PER_MW / T_PER_MW_YEAR * USD_PER_EUR
    spec = {
        NG: (NG_CAPEX, NG_FIXED_OPEX, 0.0),
        COAL: (coal_capex, coal_capex * MPP_FIXED_OPEX_SHARE, 0.0),
        BIO: (
            bio_capex,
            bio_capex * BIO_FOM_SHARE,
            BIO_VOM_EUR_PER_MWH * MEOH_MWH_PER_T * USD_PER_EUR,
        ),
        EMEOH: (e_capex, e_capex * E_FOM_SHARE, 0.0),
    }
    rows = []
    for tech, (capex, fom, vom) in spec.items():
        for year in YEARS:
            rows.append(
                {
                    "technology": tech,
                    "region": "World",
                    "year": year,
                    "greenfield_capex": round(capex, 4),
                    "renewal_capex": round(capex, 4),
                    "fixed_opex": round(fom, 4),
                    "variable_opex": round(vom, 4),
                }
            )
    return pd.DataFrame(rows)


def build_emission_factors(src: Path) -> pd.DataFrame:
    """Fuel factors (IPCC defaults as used by MPP), MPP's regional grid factors and the
    fossil carbon in the product (-1 in scope 1, +1 in scope 3)."""
    grid = pd.read_csv(src / "ammonia" / "lc" / "emission_factors_co2.csv")
    grid = grid[(grid["name"] == "Electricity - grid") & (grid["product"] == "Ammonia")
                & grid["region"].isin(PRICE_REGION)]
    frames = [
        pd.DataFrame(
            {
                "commodity": "electricity",
                "scope": 2,
                "region": grid["region"],
                "year": grid["year"],
                "case": "default",
                "value": grid["emission_factor_co2"].round(10),
                "unit": "tCO2/GJ",
            }
        )
    ]
    fixed = [
        ("thermal_coal", 1, 0.0946, "tCO2/GJ"),
        ("natural_gas", 1, 0.0561, "tCO2/GJ"),
        ("biomass", 1, 0.0, "tCO2/GJ"),
        ("hydrogen", 1, 0.0, "tCO2/GJ"),
        ("fossil_carbon_in_product", 1, -1.0, "tCO2/t"),
        ("fossil_carbon_in_product", 3, 1.0, "tCO2/t"),
    ]
    for commodity, scope, value, unit in fixed:
        frames.append(
            pd.DataFrame(
                {
                    "commodity": commodity,
                    "scope": scope,
                    "region": "World",
                    "year": YEARS,
                    "case": "default",
                    "value": round(value, 8),
                    "unit": unit,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def build_prices(path: Path = STEEL_PRICES) -> pd.DataFrame:
    """MPP's regional price series (as in the steel tables) for the methanol regions."""
    steel = pd.read_csv(path, keep_default_na=False)
    frames = []
    for commodity, source in PRICE_COMMODITY.items():
        rows = steel[steel["commodity"] == source]
        for region, source_region in PRICE_REGION.items():
            part = rows[rows["region"] == source_region]
            frames.append(part.assign(commodity=commodity, region=region))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["commodity", "case", "region", "year"]).reset_index(drop=True)


def build_demand(assets: pd.DataFrame) -> pd.DataFrame:
    """Two demand scenarios, regional split held at 2020 production shares."""
    share = assets.groupby("region")["production_2020"].sum()
    total_2020 = share.sum()
    share = share / total_2020
    paths = {
        "bau": pd.Series({2020: total_2020, 2025: 120.0, 2050: 120.0}),
        "irena_500": pd.Series({2020: total_2020, 2050: 500.0}),
    }
    rows = []
    for scenario, points in paths.items():
        total = points.reindex(YEARS).interpolate()
        for region, s in share.items():
            for year in YEARS:
                rows.append(
                    {
                        "region": region,
                        "year": year,
                        "scenario": scenario,
                        "product": "methanol",
                        "value": round(float(total[year]) * s, 6),
                        "unit": "Mt",
                    }
                )
    return pd.DataFrame(rows)


def build_limits(demand: pd.DataFrame) -> pd.DataFrame:
    """Bio-methanol at most 2% of world demand until 2040, per demand case: MPP's rule for
    biomass routes in its chemicals (ammonia) model, MAXIMUM_GLOBAL_DEMAND_SHARE."""
    world = demand.groupby(["scenario", "year"])["value"].sum()
    rows = [("capped_routes", "World", year, case,
             round((CAPPED_SHARE_UNTIL_2040 if year <= 2040 else 1.0) * world[(case, year)], 6),
             "Mt/yr")
            for case in sorted(demand["scenario"].unique()) for year in YEARS]
    e_cap = pd.Series(E_METHANOL_CAP, dtype=float).reindex(YEARS).interpolate()
    rows += [("e_methanol_pipeline", "World", year, "pipeline", round(float(e_cap[year]), 6),
              "Mt/yr") for year in YEARS]
    return pd.DataFrame(rows, columns=["resource", "region", "year", "case", "value", "unit"])


#: Fate of the fossil carbon in methanol (released, stored, recycled): burnt as fuel (MTBE,
#: blending, DME) or in its products' end of life, stored in long-lived resins (formaldehyde,
#: acetic-acid derivatives) and plastics from methanol-to-olefins (assumption, SOURCES.md).
END_OF_LIFE = {2020: (0.6, 0.4, 0.0), 2050: (0.6, 0.4, 0.0)}


def build_end_of_life() -> pd.DataFrame:
    """Released, stored and recycled shares of the carbon in methanol, one case."""
    return pd.DataFrame([{"year": year, "case": "default", "released": released,
                          "stored": stored, "recycled": recycled}
                         for year, (released, stored, recycled) in END_OF_LIFE.items()])


def reference_2020(
    assets: pd.DataFrame, intensities: pd.DataFrame, factors: pd.DataFrame
) -> pd.DataFrame:
    """2020 production and scope 1/2 CO2: intensity x factor, as the engine computes it
    (electricity exports are sold, not credited against scope 2)."""
    ef = factors[factors["year"] == 2020]
    rows = []
    for asset in assets.itertuples():
        inp = intensities[(intensities["technology"] == asset.technology)
                          & (intensities["flow"] == "input")].set_index("commodity")["value"]
        scopes = {1: 0.0, 2: 0.0}
        for commodity, value in inp.items():
            for scope in scopes:
                match = ef[(ef["commodity"] == commodity) & (ef["scope"] == scope)
                           & ef["region"].isin([asset.region, "World"])]
                if not match.empty:
                    scopes[scope] += value * float(match["value"].iloc[0])
        vol = asset.production_2020
        rows.append((asset.region, asset.technology, vol, vol * scopes[1], vol * scopes[2]))
    return pd.DataFrame(
        rows, columns=["region", "technology", "production_mt", "scope1_mtco2", "scope2_mtco2"]
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build every methanol table and print the 2020 reference figures."""
    args = parse_args(argv, __doc__.splitlines()[0], "methanol", reads_source=True)
    src, out = args.published("mpp"), args.out

    assets = build_assets()
    intensities = build_intensities()
    factors = build_emission_factors(src)
    write(assets, out, "assets.csv")
    write(build_technologies(), out, "technologies.csv")
    write(intensities, out, "intensities.csv")
    write(build_costs(), out, "costs.csv")
    write(factors, out, "emission_factors.csv")
    write(build_prices(), out, "prices.csv")
    write(build_demand(assets), out, "demand.csv")
    write(build_limits(build_demand(assets)), out, "limits.csv")
    write(build_end_of_life(), out, "end_of_life.csv")
    ref = reference_2020(assets, intensities, factors)
    prod = ref.groupby("region")["production_mt"].sum().reset_index()
    write(
        prod.rename(columns={"production_mt": "value"}).assign(unit="Mt"),
        out,
        "production_2020.csv",
    )
    by_region = ref.groupby("region").sum(numeric_only=True)
    by_region.loc["Total"] = by_region.sum()
    print(by_region.round(3).to_string())
    print(ref.groupby("technology").sum(numeric_only=True).round(3).to_string())


if __name__ == "__main__":
    main()

"""Build the default high-value chemicals (HVC) data of sectorpath from public figures.

Run from the repository root::

    python -m tools.build_data hvc [--source DIR] [--out DIR]

The product is one tonne of HVC: the basket ethylene + propylene + butadiene + BTX aromatics
(benzene, toluene, mixed xylenes), as the IEA counts it. Each route makes its own basket
(yields in ``BASKETS``), so ethylene, propylene, butadiene and aromatics are reported next to
the total. MPP published no HVC model; every figure is named in ``SOURCES.md``. Grid emission
factors are MPP's (ammonia files, same regions as methanol), read from ``--source`` (default
``$SECTORPATH_MPP_DATA`` or ``../shared/data/mpp``); energy prices are MPP's regional series
as published with the steel model, mapped to these regions as for methanol.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sectorpath.sectors.hvc import (
    BIO_ETHANOL,
    BIO_NAPHTHA,
    ETHANE,
    ETHANE_CCS,
    ETHANE_ELECTRIC,
    ETHANE_H2,
    GAS_OIL,
    LPG,
    MTO,
    NAPHTHA,
    NAPHTHA_CCS,
    NAPHTHA_ELECTRIC,
    NAPHTHA_H2,
    PDH,
    PYROLYSIS,
    REFINERY,
)
from tools.build_data.ammonia import write
from tools.build_data.core import YEARS, parse_args
from tools.build_data.methanol import PRICE_REGION, STEEL_PRICES, build_emission_factors

REGIONS = sorted(PRICE_REGION)

# -- technologies (names as the sector declares them) ------------------------------------------
#: technology, phase, first year it may be chosen (SOURCES.md: project pipeline).
TECHNOLOGIES = [
    (ETHANE, "initial", 2020), (LPG, "initial", 2020), (NAPHTHA, "initial", 2020),
    (GAS_OIL, "initial", 2020), (MTO, "initial", 2020), (PDH, "initial", 2020),
    (REFINERY, "initial", 2020),
    (PYROLYSIS, "transition", 2020),
    (ETHANE_CCS, "end-state", 2028), (NAPHTHA_CCS, "end-state", 2028),
    (ETHANE_H2, "end-state", 2027), (NAPHTHA_H2, "end-state", 2027),
    (ETHANE_ELECTRIC, "end-state", 2024), (NAPHTHA_ELECTRIC, "end-state", 2024),
    (BIO_NAPHTHA, "end-state", 2020), (BIO_ETHANOL, "end-state", 2020),
]

# -- product baskets: t of each product per t HVC (cracker yields by feed, SOURCES.md) ---------
PRODUCTS = ("ethylene", "propylene", "butadiene", "aromatics")
#: Yields, % of feed mass (Ren, Patel & Blok 2006, table 2; IEA 2018): ethylene, propylene,
#: butadiene, BTX. The HVC basket is their sum; the rest is fuel gas, C4s and fuel oil.
CRACKER_YIELDS = {
    "ethane": (80.0, 1.6, 1.4, 0.9),
    "lpg": (42.0, 16.5, 3.0, 5.0),
    "naphtha": (30.0, 16.0, 4.7, 13.0),
    "gas_oil": (25.0, 14.0, 4.5, 11.0),
}
BASKETS: dict[str, tuple[float, ...]] = {
    **{feed: tuple(y / sum(yields) for y in yields) for feed, yields in CRACKER_YIELDS.items()},
    "mto": (0.48, 0.46, 0.02, 0.04),  # DMTO ethylene/propylene ratio ~1, little C4/C5+ kept
    "pdh": (0.0, 1.0, 0.0, 0.0),
    "refinery": (0.0, 40.0 / 110.0, 0.0, 70.0 / 110.0),
    "ethanol": (1.0, 0.0, 0.0, 0.0),
}
FEED_OF = {
    ETHANE: "ethane", ETHANE_CCS: "ethane", ETHANE_H2: "ethane", ETHANE_ELECTRIC: "ethane",
    LPG: "lpg", GAS_OIL: "gas_oil", NAPHTHA: "naphtha", NAPHTHA_CCS: "naphtha",
    NAPHTHA_H2: "naphtha", NAPHTHA_ELECTRIC: "naphtha", BIO_NAPHTHA: "naphtha",
    PYROLYSIS: "naphtha", MTO: "mto", PDH: "pdh", REFINERY: "refinery", BIO_ETHANOL: "ethanol",
}
#: t CO2 per t of product if all its carbon were burnt (stoichiometry): C2H4, C3H6, C4H6 and
#: the BTX mix (benzene 3.385, toluene 3.346, xylenes 3.316; a 40/25/35 mix).
CO2_PER_T = (2 * 44.0095 / 28.054, 3 * 44.0095 / 42.081, 4 * 44.0095 / 54.092, 3.353)

# -- energy and feedstock per t HVC -----------------------------------------------------------
#: Net feed, GJ per t HVC (LHV; net of non-fuel co-products valued at feed price; SOURCES.md).
FEED_GJ = {"ethane": 1.19 * 47.5, "lpg": 1.35 * 46.4, "naphtha": 1.30 * 44.9,
           "gas_oil": 1.45 * 43.0, "refinery": 0.96 * 44.9}
#: Furnace and utilities fuel, GJ per t HVC (burnt as natural-gas-equivalent fuel gas).
FUEL_GJ = {"ethane": 17.5, "lpg": 16.5, "naphtha": 15.0, "gas_oil": 17.0, "refinery": 3.0,
           "pdh": 7.0, "mto": 2.0}
ELECTRICITY_GJ = {"ethane": 0.8, "lpg": 0.8, "naphtha": 0.8, "gas_oil": 0.8, "refinery": 0.5,
                  "pdh": 1.5, "mto": 1.0, "ethanol": 1.0}
PDH_PROPANE_GJ = 1.2 * 46.4
MTO_METHANOL_T = 2.9  # t methanol per t light olefins (DMTO ~2.96 t/t ethylene+propylene)
MTO_PROCESS_CO2 = 0.2  # t CO2/t, coke burnt off in catalyst regeneration
ETHANOL_GJ = 1.75 * 26.8  # 1.75 t ethanol per t ethylene (Braskem), ethanol LHV 26.8 GJ/t
ETHANOL_STEAM_BIOMASS_GJ = 4.0
PYROLYSIS_PROCESS_CO2 = 0.4  # t CO2/t HVC: pyrolysis gas and char burnt (1.3 t oil/t HVC)
ELECTRIC_OVER_FUEL = 0.75  # GJ electricity per GJ of furnace fuel replaced
CAPTURE_RATE = 0.9  # of furnace flue-gas CO2
CAPTURE_HEAT_GJ_PER_T = 2.6  # solvent regeneration, GJ per t CO2 captured
CAPTURE_ELECTRICITY_GJ_PER_T = 0.4
NATURAL_GAS_T_PER_GJ = 0.0561

# -- costs, USD per t HVC of yearly capacity --------------------------------------------------
GREENFIELD_CAPEX = {
    ETHANE: 1900.0, LPG: 1700.0, NAPHTHA: 1600.0, GAS_OIL: 1700.0, MTO: 1100.0, PDH: 1300.0,
    REFINERY: 300.0, BIO_ETHANOL: 1200.0,
}
ELECTRIC_CAPEX_FACTOR = 1.2
H2_FURNACE_EXTRA = 150.0
CCS_EXTRA_PER_T_CO2 = 800.0  # USD per t CO2/yr of capture capacity
FIXED_OPEX_SHARE = 0.04

# -- 2020 production: Mt ethylene by region and route (SOURCES.md; assumption on the split) ----
ETHYLENE_2020 = {
    ETHANE: {"North America": 31.0, "Middle East": 22.0, "Rest of Asia": 2.0, "Europe": 3.0,
             "Russia": 1.0, "Latin America": 3.0, "Africa": 1.5, "Oceania": 0.3},
    LPG: {"North America": 4.0, "Middle East": 5.0, "China": 1.0, "Rest of Asia": 5.0,
          "Europe": 3.0, "Russia": 2.5, "Latin America": 0.5},
    NAPHTHA: {"North America": 2.0, "Middle East": 1.0, "China": 22.0, "Rest of Asia": 30.0,
              "Europe": 14.0, "Russia": 1.5, "Latin America": 3.0, "Africa": 0.3},
    GAS_OIL: {"Rest of Asia": 1.0, "Europe": 3.0},
    BIO_ETHANOL: {"Latin America": 0.2},  # Braskem Triunfo, 200 kt/yr
}
#: Mt HVC of the non-cracker routes, 2020.
HVC_2020 = {
    MTO: {"China": 14.0},
    PDH: {"China": 6.0, "North America": 2.0, "Middle East": 2.5, "Rest of Asia": 1.5},
    REFINERY: {"China": 30.0, "North America": 22.0, "Europe": 15.0, "Rest of Asia": 28.0,
               "Middle East": 6.0, "Russia": 4.0, "Latin America": 3.0, "Africa": 1.5,
               "Oceania": 0.5},
    PYROLYSIS: {"Europe": 0.05},
}
UTILISATION_2020 = 0.85  # world cracker operating rate (assumption, SOURCES.md)
PLANT_MT = 1.5  # representative unit, Mt HVC/yr (a world-scale cracker)
NEW_PLANT_MT = 2.0  # new world-scale cracker, ~1.5 Mt ethylene
FIRST_START, LAST_START = 1990, 2019

#: World caps on the output of new routes, Mt HVC/yr (project pipeline, then diffusion).
ROUTE_CAPS = {
    "electric_cracking": {2020: 0.0, 2023: 0.0, 2024: 0.02, 2029: 0.02, 2030: 1.0, 2035: 15.0,
                          2040: 60.0, 2045: 150.0, 2050: 280.0},
    "hydrogen_furnaces": {2020: 0.0, 2026: 0.0, 2027: 0.05, 2029: 0.05, 2030: 0.5,
                          2035: 10.0, 2040: 40.0, 2045: 90.0, 2050: 150.0},
    "furnace_ccs": {2020: 0.0, 2027: 0.0, 2028: 0.1, 2030: 2.0, 2035: 15.0, 2040: 50.0,
                    2045: 90.0, 2050: 130.0},
    "bio_feedstock": {2020: 0.3, 2025: 0.6, 2030: 2.0, 2035: 8.0, 2040: 25.0, 2045: 45.0,
                      2050: 60.0},
    "chemical_recycling": {2020: 0.06, 2025: 0.5, 2030: 3.0, 2035: 10.0, 2040: 25.0,
                           2045: 40.0, 2050: 60.0},
}
ROUTE_OF = {
    ETHANE_ELECTRIC: "electric_cracking", NAPHTHA_ELECTRIC: "electric_cracking",
    ETHANE_H2: "hydrogen_furnaces", NAPHTHA_H2: "hydrogen_furnaces",
    ETHANE_CCS: "furnace_ccs", NAPHTHA_CCS: "furnace_ccs",
    BIO_NAPHTHA: "bio_feedstock", BIO_ETHANOL: "bio_feedstock",
    PYROLYSIS: "chemical_recycling", REFINERY: "refinery_coproducts", MTO: "methanol_to_olefins",
    PDH: "propane_dehydrogenation",
}
#: Refinery co-products relative to 2020: flat (bau) or following refinery runs in the IEA
#: Net Zero Emissions scenario (crude runs roughly halve by 2050).
REFINERY_PATHS = {"bau": {2020: 1.0, 2050: 1.0}, "iea_nze": {2020: 1.0, 2030: 0.9, 2050: 0.5}}
#: Methanol-to-olefins relative to 2020 (China's coal- and methanol-to-olefins pipeline).
MTO_PATH = {2020: 1.0, 2025: 1.3, 2030: 1.5, 2050: 1.8}
#: Propane dehydrogenation relative to 2020 (China's PDH build-out, then slower growth).
PDH_PATH = {2020: 1.0, 2025: 2.0, 2030: 2.5, 2050: 3.0}
UTILISATION_CEILING = 0.95  # the declaration's utilisation_max: caps count use at it

#: Own price series, USD per GJ (per t for methanol), flat 2020-2050 (SOURCES.md).
FEED_PRICES = {
    "naphtha": 10.0, "lpg": 9.0, "gas_oil": 11.0, "bio_naphtha": 40.0, "bioethanol": 25.0,
    "pyrolysis_oil": 14.0, "methanol": 300.0,
}
ETHANE_PRICE = {"North America": 3.0, "Middle East": 1.5, "Russia": 3.0, "Africa": 4.0}
ETHANE_PRICE_ELSEWHERE = 6.0
#: HVC commodity -> steel price commodity it copies (all its cases).
STEEL_COMMODITY = {"natural_gas": "natural_gas", "electricity": "electricity",
                   "hydrogen": "hydrogen", "biomass": "biomass", "captured_co2": "captured_co2"}

#: Demand relative to 2020, World (IEA Future of Petrochemicals, Reference Technology
#: Scenario: HVC demand up ~60% by 2050; SOURCES.md).
DEMAND_PATH = {2020: 1.0, 2030: 1.3, 2050: 1.6}


def hvc_2020() -> dict[str, dict[str, float]]:
    """Mt HVC by technology and region in 2020 (crackers from their ethylene)."""
    out = {tech: {region: round(mt / BASKETS[FEED_OF[tech]][0], 6) for region, mt in by.items()}
           for tech, by in ETHYLENE_2020.items()}
    return {**out, **HVC_2020}


def build_assets() -> pd.DataFrame:
    """Representative plants: each region-route total split into ~1.5 Mt/yr units whose
    commissioning years are spread evenly over 1990-2019 (an assumption: no plant list)."""
    rows = []
    for tech, by_region in hvc_2020().items():
        code = tech.split(",")[-1].split("(")[0].strip().upper().replace(" ", "_")[:12]
        for region, production in by_region.items():
            capacity = production / UTILISATION_2020
            units = max(round(capacity / PLANT_MT), 1)
            for k in range(units):
                start = FIRST_START + (LAST_START - FIRST_START) * (k + 0.5) / units
                rows.append({
                    "asset_id": f"HVC-{region.upper().replace(' ', '_')}-{code}-{k + 1:02d}",
                    "region": region, "technology": tech,
                    "capacity": round(capacity / units, 6), "start_year": round(start),
                    "utilisation": UTILISATION_2020,
                    "production_2020": round(production / units, 6),
                })
    return pd.DataFrame(rows)


def build_technologies() -> pd.DataFrame:
    """Technology list: phase and first year each route may be chosen."""
    return pd.DataFrame([
        {"technology": t, "route": FEED_OF[t], "phase": p, "available_from": a,
         "available_until": 2050, "lifetime_years": 30, "wacc": 0.08}
        for t, p, a in TECHNOLOGIES])


def _cracker(tech: str, feed_commodity: str, fuel: str) -> list[tuple[str, float, str, str]]:
    """(commodity, value, unit, flow) per t HVC of a steam cracker on ``FEED_OF[tech]`` whose
    furnace runs on ``fuel`` (natural_gas, hydrogen, electricity, ccs or biogenic)."""
    feed = FEED_OF[tech]
    heat = FUEL_GJ[feed]
    rows = [(feed_commodity, FEED_GJ[feed], "GJ/t", "input"),
            ("electricity", ELECTRICITY_GJ[feed], "GJ/t", "input")]
    if fuel == "natural_gas":
        rows.append(("natural_gas", heat, "GJ/t", "input"))
    elif fuel == "hydrogen":
        rows.append(("hydrogen", heat, "GJ/t", "input"))
    elif fuel == "electricity":
        rows[1] = ("electricity", ELECTRICITY_GJ[feed] + heat * ELECTRIC_OVER_FUEL, "GJ/t",
                   "input")
    elif fuel == "ccs":
        captured = _ccs_captured(feed)
        rows += [("natural_gas", heat + captured * CAPTURE_HEAT_GJ_PER_T, "GJ/t", "input"),
                 ("captured_co2", captured, "tCO2/t", "input")]
        rows[1] = ("electricity", ELECTRICITY_GJ[feed] + captured * CAPTURE_ELECTRICITY_GJ_PER_T,
                   "GJ/t", "input")
    else:  # biogenic: the furnace burns the off-gas of the bio-feed itself
        rows[0] = (feed_commodity, FEED_GJ[feed] + heat, "GJ/t", "input")
    return rows


def _ccs_captured(feed: str) -> float:
    """t CO2 captured per t HVC: the capture rate of the furnace gas, capture heat included
    (heat h per t captured: captured = r x f x (fuel + h x captured))."""
    rate_f = CAPTURE_RATE * NATURAL_GAS_T_PER_GJ
    return rate_f * FUEL_GJ[feed] / (1 - rate_f * CAPTURE_HEAT_GJ_PER_T)


def _basket_rows(tech: str, fossil: bool) -> list[tuple[str, float, str, str]]:
    """Products made per t HVC (outputs, reported) and the fossil carbon they carry."""
    basket = BASKETS[FEED_OF[tech]]
    rows = [(product, share, "t/t", "output")
            for product, share in zip(PRODUCTS, basket, strict=True) if share > 0]
    if fossil:
        carbon = sum(share * co2 for share, co2 in zip(basket, CO2_PER_T, strict=True))
        rows.append(("fossil_carbon_in_product", carbon, "tCO2/t", "input"))
    return rows


def intensity_rows() -> dict[str, list[tuple[str, float, str, str]]]:
    """Technology -> (commodity, value, unit, flow) per t HVC."""
    rows: dict[str, list[tuple[str, float, str, str]]] = {
        ETHANE: _cracker(ETHANE, "ethane", "natural_gas"),
        LPG: _cracker(LPG, "lpg", "natural_gas"),
        NAPHTHA: _cracker(NAPHTHA, "naphtha", "natural_gas"),
        GAS_OIL: _cracker(GAS_OIL, "gas_oil", "natural_gas"),
        ETHANE_CCS: _cracker(ETHANE_CCS, "ethane", "ccs"),
        NAPHTHA_CCS: _cracker(NAPHTHA_CCS, "naphtha", "ccs"),
        ETHANE_H2: _cracker(ETHANE_H2, "ethane", "hydrogen"),
        NAPHTHA_H2: _cracker(NAPHTHA_H2, "naphtha", "hydrogen"),
        ETHANE_ELECTRIC: _cracker(ETHANE_ELECTRIC, "ethane", "electricity"),
        NAPHTHA_ELECTRIC: _cracker(NAPHTHA_ELECTRIC, "naphtha", "electricity"),
        BIO_NAPHTHA: _cracker(BIO_NAPHTHA, "bio_naphtha", "biogenic"),
        PYROLYSIS: [*_cracker(PYROLYSIS, "pyrolysis_oil", "natural_gas"),
                    ("process_emissions", PYROLYSIS_PROCESS_CO2, "tCO2/t", "input")],
        REFINERY: [("naphtha", FEED_GJ["refinery"], "GJ/t", "input"),
                   ("natural_gas", FUEL_GJ["refinery"], "GJ/t", "input"),
                   ("electricity", ELECTRICITY_GJ["refinery"], "GJ/t", "input")],
        PDH: [("lpg", PDH_PROPANE_GJ, "GJ/t", "input"),
              ("natural_gas", FUEL_GJ["pdh"], "GJ/t", "input"),
              ("electricity", ELECTRICITY_GJ["pdh"], "GJ/t", "input")],
        MTO: [("methanol", MTO_METHANOL_T, "t/t", "input"),
              ("natural_gas", FUEL_GJ["mto"], "GJ/t", "input"),
              ("electricity", ELECTRICITY_GJ["mto"], "GJ/t", "input"),
              ("process_emissions", MTO_PROCESS_CO2, "tCO2/t", "input")],
        BIO_ETHANOL: [("bioethanol", ETHANOL_GJ, "GJ/t", "input"),
                      ("biomass", ETHANOL_STEAM_BIOMASS_GJ, "GJ/t", "input"),
                      ("electricity", ELECTRICITY_GJ["ethanol"], "GJ/t", "input")],
    }
    biogenic_or_counted_upstream = {BIO_NAPHTHA, BIO_ETHANOL, MTO}
    for tech in rows:
        rows[tech] += _basket_rows(tech, fossil=tech not in biogenic_or_counted_upstream)
        if tech in ROUTE_OF:
            rows[tech].append((f"{ROUTE_OF[tech]}_output", 1.0, "t/t", "input"))
    return rows


def build_intensities() -> pd.DataFrame:
    """Inputs and outputs per t HVC (World); ``flow`` output = a product of the basket."""
    return pd.DataFrame([
        {"technology": tech, "region": "World", "commodity": c, "value": round(v, 6), "unit": u,
         "flow": f, "source": "SOURCES.md"}
        for tech, rows in intensity_rows().items() for c, v, u, f in rows])


def capex() -> dict[str, float]:
    """Greenfield capex of every technology, USD per t HVC/yr."""
    out = dict(GREENFIELD_CAPEX)
    for base, ccs, h2, electric in ((ETHANE, ETHANE_CCS, ETHANE_H2, ETHANE_ELECTRIC),
                                    (NAPHTHA, NAPHTHA_CCS, NAPHTHA_H2, NAPHTHA_ELECTRIC)):
        out[ccs] = out[base] + CCS_EXTRA_PER_T_CO2 * _ccs_captured(FEED_OF[base])
        out[h2] = out[base] + H2_FURNACE_EXTRA
        out[electric] = out[base] * ELECTRIC_CAPEX_FACTOR
    out[BIO_NAPHTHA] = out[NAPHTHA]
    out[PYROLYSIS] = out[NAPHTHA]
    return out


def build_costs() -> pd.DataFrame:
    """CAPEX per t/yr and fixed OPEX, USD, held flat 2020-2050."""
    return pd.DataFrame([
        {"technology": tech, "region": "World", "year": year, "greenfield_capex": round(c, 4),
         "renewal_capex": round(c, 4), "fixed_opex": round(c * FIXED_OPEX_SHARE, 4),
         "variable_opex": 0.0}
        for tech, c in capex().items() for year in YEARS])


def build_prices(path: Path = STEEL_PRICES) -> pd.DataFrame:
    """MPP's regional series (steel tables, all cases) and the feedstock prices."""
    steel = pd.read_csv(path, keep_default_na=False)
    regions = pd.DataFrame({"region": list(PRICE_REGION), "source": list(PRICE_REGION.values())})
    frames = [steel[steel["commodity"] == source]
              .merge(regions, left_on="region", right_on="source", suffixes=("_steel", ""))
              .assign(commodity=commodity)[["commodity", "region", "year", "case", "value",
                                            "unit"]]
              for commodity, source in STEEL_COMMODITY.items()]
    own = [(c, "World", v, "USD/t" if c == "methanol" else "USD/GJ")
           for c, v in FEED_PRICES.items()]
    own += [("ethane", r, ETHANE_PRICE.get(r, ETHANE_PRICE_ELSEWHERE), "USD/GJ") for r in REGIONS]
    frames.append(pd.DataFrame([
        {"commodity": c, "region": r, "year": y, "case": "default", "value": v, "unit": u}
        for c, r, v, u in own for y in YEARS]))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["commodity", "case", "region", "year"]).reset_index(drop=True)


def _path(points: dict[int, float]) -> pd.Series:
    return pd.Series(points, dtype=float).reindex(YEARS).interpolate()


def build_demand(assets: pd.DataFrame) -> pd.DataFrame:
    """One demand case (bau), regional split held at 2020 production shares."""
    share = assets.groupby("region")["production_2020"].sum()
    total = _path(DEMAND_PATH) * share.sum()
    return pd.DataFrame([
        {"region": region, "year": year, "scenario": "bau", "product": "hvc",
         "value": round(float(total[year]) * s / share.sum(), 6), "unit": "Mt"}
        for region, s in share.items() for year in YEARS])


def build_limits(assets: pd.DataFrame) -> pd.DataFrame:
    """World caps on the new routes' output (one case) and on refinery co-products."""
    rows = [(resource, "World", year, "pipeline", round(float(v), 6), "Mt/yr")
            for resource, points in ROUTE_CAPS.items()
            for year, v in _path(points).items()]
    ceiling = assets.groupby("technology")["capacity"].sum() * UTILISATION_CEILING
    rows += [("refinery_coproducts", "World", year, case, round(float(v * ceiling[REFINERY]), 6),
              "Mt/yr") for case, points in REFINERY_PATHS.items()
             for year, v in _path(points).items()]
    rows += [(resource, "World", year, "pipeline", round(float(v * ceiling[tech]), 6), "Mt/yr")
             for resource, tech, points in (("methanol_to_olefins", MTO, MTO_PATH),
                                            ("propane_dehydrogenation", PDH, PDH_PATH))
             for year, v in _path(points).items()]
    return pd.DataFrame(rows, columns=["resource", "region", "year", "case", "value", "unit"])


#: Fate of the carbon in the year's products, shares of the carbon (SOURCES.md): OECD Global
#: Plastics Outlook 2022 (2019 waste: 9% recycled, 19% incinerated, 50% landfilled, 22%
#: mismanaged, half of it burnt in the open) and a net-zero case (Planet Positive Chemicals).
END_OF_LIFE = {
    "oecd_2019": {2020: (0.30, 0.61, 0.09), 2050: (0.30, 0.61, 0.09)},
    "circular": {2020: (0.30, 0.61, 0.09), 2030: (0.22, 0.58, 0.20), 2050: (0.06, 0.44, 0.50)},
}


def build_end_of_life(table: dict[str, dict[int, tuple[float, float, float]]] = END_OF_LIFE
                      ) -> pd.DataFrame:
    """Released, stored and recycled shares of the carbon in products, by year and case."""
    rows = []
    for case, points in table.items():
        paths = [_path({y: v[k] for y, v in points.items()}) for k in range(3)]
        rows += [{"year": year, "case": case, "released": round(float(paths[0][year]), 6),
                  "stored": round(float(paths[1][year]), 6),
                  "recycled": round(float(paths[2][year]), 6)} for year in YEARS]
    return pd.DataFrame(rows)


def reference_2020(assets: pd.DataFrame, intensities: pd.DataFrame,
                   factors: pd.DataFrame) -> pd.DataFrame:
    """2020 production by product and scope 1/2 CO2 by technology (intensity x factor)."""
    ef = factors[factors["year"] == 2020]
    scope1 = {"natural_gas": NATURAL_GAS_T_PER_GJ, "process_emissions": 1.0,
              "captured_co2": -1.0}
    rows = []
    for tech, group in assets.groupby("technology"):
        per_t = intensities[intensities["technology"] == tech].set_index("commodity")["value"]
        for region, volume in group.groupby("region")["production_2020"].sum().items():
            grid = ef[(ef["commodity"] == "electricity") & (ef["region"] == region)]["value"]
            row = {"technology": tech, "region": region, "hvc": volume,
                   "scope1": volume * sum(per_t.get(c, 0.0) * f for c, f in scope1.items()),
                   "scope2": volume * per_t.get("electricity", 0.0) * float(grid.iloc[0])}
            row.update({p: volume * per_t.get(p, 0.0) for p in PRODUCTS})
            rows.append(row)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> None:
    """Build every HVC table and print the 2020 reference figures."""
    args = parse_args(argv, __doc__.splitlines()[0], "hvc", reads_source=True)
    src, out = args.published("mpp"), args.out
    assets = build_assets()
    intensities = build_intensities()
    factors = build_emission_factors(src)
    factors = factors[~factors["commodity"].isin(["thermal_coal", "fossil_carbon_in_product"])]
    carbon = pd.DataFrame({"commodity": "fossil_carbon_in_product", "scope": 3, "region": "World",
                           "year": YEARS, "case": "default", "value": 1.0, "unit": "tCO2/t"})
    factors = pd.concat([factors, carbon], ignore_index=True)
    tables = {"assets": assets, "technologies": build_technologies(), "intensities": intensities,
              "costs": build_costs(), "emission_factors": factors, "prices": build_prices(),
              "demand": build_demand(assets), "limits": build_limits(assets),
              "end_of_life": build_end_of_life()}
    for name, table in tables.items():
        write(table, out, f"{name}.csv")
    ref = reference_2020(assets, intensities, factors)
    production = ref.groupby("region")["hvc"].sum().reset_index()
    write(production.rename(columns={"hvc": "value"}).assign(unit="Mt"), out,
          "production_2020.csv")
    by_tech = ref.groupby("technology").sum(numeric_only=True)
    by_tech.loc["Total"] = by_tech.sum()
    print(by_tech.round(2).to_string())


if __name__ == "__main__":
    main()

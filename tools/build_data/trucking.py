"""Build sectorpath's default trucking tables from the public figures written below.

Usage (from the repository root)::

    python -m tools.build_data trucking [--out src/sectorpath/sectors/trucking/data]

Every figure is a constant in this file with its source next to it; figures marked
ESTIMATE are ours (the reasoning is in the comment and in ``SOURCES.md``). All tables are
rebuilt from scratch on each run.

Scope: freight trucks above 3.5 t gross vehicle weight (IEA's "medium trucks" 3.5-15 t and
"heavy trucks" > 15 t), without buses and without light commercial vans (which the IEA tracks
with cars). Inside it, three segments:

- ``light``: light trucks 3.5-7.5 t (EU N2 up to 7.5 t, US Class 3-5, urban delivery);
- ``medium``: medium rigid trucks 7.5-15 t (US Class 6-7, regional delivery);
- ``heavy``: rigid trucks and tractor-trailers above 15 t (US Class 8, long haul).

Activity is in billion tonne-km (tkm), intensity in MJ per tkm (activity x intensity = PJ).
Money in USD_2020.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from tools.build_data.core import FIRST_YEAR, LAST_YEAR, parse_args, write_table

REGIONS = ("China", "Europe", "India", "Rest of World", "United States")
SEGMENTS = ("light", "medium", "heavy")

# --- physical constants -------------------------------------------------------------------
#: Net calorific value of diesel, MJ per litre (JEC Well-to-Wheels v5, 2020, Appendix: diesel
#: 43.1 MJ/kg x 0.832 kg/l = 35.9 MJ/l).
DIESEL_MJ_PER_LITRE = 35.9
#: Hydrogen lower heating value, MJ/kg (120 MJ/kg; JEC WTW v5).
H2_MJ_PER_KG = 120.0
MJ_PER_KWH = 3.6

# --- base-year emissions (the acceptance anchor) -------------------------------------------
#: IEA Tracking Clean Energy Progress, "Trucks & buses", chart "Emissions from heavy-duty
#: vehicles" (Mt CO2, tank-to-wheel), 2019 values: heavy trucks 1206.3, medium trucks 680.5.
#: https://www.iea.org/tcep/transport/trucks/
IEA_CO2_2019 = {"heavy": 1206.3, "medium_and_light": 680.5}
#: IEA, Trucks and Buses tracking report (2021): "The Covid-19 pandemic ... reducing bus and
#: truck CO2 emissions 5% from 2019". https://www.iea.org/reports/trucks-and-buses
IEA_COVID_DROP_2020 = 0.05
#: 2020 truck CO2 by IEA class, Mt CO2 (fossil tank-to-wheel; IEA counts biofuel CO2 as zero).
IEA_CO2_2020 = {k: v * (1 - IEA_COVID_DROP_2020) for k, v in IEA_CO2_2019.items()}

# --- fleet-average energy intensity, MJ/tkm ------------------------------------------------
#: IEA, The Future of Trucks (2017), energy snapshot "Average freight energy intensity and
#: activity": heavy freight trucks 3.8, medium freight trucks 4.3 litres diesel-equivalent
#: per 100 tkm. http://www.iea.org/newsroom/energysnapshots/average-freight-energy-intensity-and-activity.html
HEAVY_INTENSITY = 3.8 * DIESEL_MJ_PER_LITRE / 100
MEDIUM_CLASS_INTENSITY = 4.3 * DIESEL_MJ_PER_LITRE / 100  # IEA's 3.5-15 t class average
#: ESTIMATE: 3.5-7.5 t trucks carry ~1-2 t on average, so they use more energy per tkm than
#: IEA's 3.5-15 t class average (1.54 MJ/tkm) and less than light commercial vans (IEA: 19.5
#: lde/100 tkm = 7.0 MJ/tkm). The 7.5-15 t intensity follows from the IEA class average
#: (~1.43 MJ/tkm with this value).
LIGHT_INTENSITY = 1.8

# --- road freight activity 2020, billion tkm -----------------------------------------------
#: China: National Bureau of Statistics, Statistical Communiqué on the 2020 National Economic
#: and Social Development (28 Feb 2021), freight turnover by highway 60 171.8 (100 million tkm).
#: Europe: Eurostat, "Road freight transport statistics" (road_go_ta_tott; vehicles > 3.5 t):
#: EU road freight ~1 820 billion tkm in 2019, -0.9% in 2020.
#: United States: US DOT BTS/FHWA Freight Analysis Framework 5: trucks ~2.0 trillion
#: ton-miles (ESTIMATE of the 2020 value, rounded; 1 ton-mile = 1.46 tkm).
#: India: ESTIMATE; NITI Aayog & RMI, Fast Tracking Freight in India (2021) put India's road
#: freight at roughly 70% of its ~2.2-2.5 trillion tkm of inland freight around 2020.
ACTIVITY_2020 = {"China": 6017.2, "Europe": 1820 * (1 - 0.009), "United States": 2920.0,
                 "India": 1650.0}
#: ESTIMATE: share of each region's tkm by segment (heavy trucks do most tonne-km: IEA, The
#: Future of Trucks, 2017: "about 65% of freight activity is accomplished by heavy-freight
#: trucks" globally, including vans). Chosen so that the four regions' light+medium share of
#: truck CO2 comes near IEA's (medium trucks 36% of truck CO2 in 2019).
SEGMENT_SHARES = {
    "China": {"light": 0.12, "medium": 0.23, "heavy": 0.65},
    "Europe": {"light": 0.06, "medium": 0.19, "heavy": 0.75},
    "United States": {"light": 0.07, "medium": 0.21, "heavy": 0.72},
    "India": {"light": 0.10, "medium": 0.28, "heavy": 0.62},
}
#: ESTIMATE: the light/medium tkm split of Rest of World (the mean of the four regions).

# --- activity growth, per year (ESTIMATE, in line with ITF Transport Outlook 2023: surface
# freight roughly doubles 2019-2050 under current policies, faster in emerging economies) ---
GROWTH = {"China": 0.020, "Europe": 0.010, "India": 0.045, "Rest of World": 0.028,
          "United States": 0.012}

# --- fuels ---------------------------------------------------------------------------------
#: Tank-to-wheel CO2 of diesel: IPCC 2006 Guidelines, Vol. 2 ch. 3, Table 3.2.1: gas/diesel
#: oil 74 100 kg CO2/TJ. Biogenic CO2 of biodiesel/HVO counts as zero.
DIESEL_TTW = 0.0741
#: Well-to-tank of fossil diesel: JEC Well-to-Wheels v5 (2020), pathway COD1: ~17.6 g CO2e/MJ.
DIESEL_WTT = 0.0176
#: ESTIMATE: biodiesel/HVO well-to-tank 35 g CO2e/MJ, within the RED II (Directive 2018/2001,
#: Annex V) typical values for FAME and HVO from waste oils (~10-20) and crops (~40-50).
BIO_WTT = 0.035
#: Diesel at the pump, USD/GJ, excise duties included and VAT excluded (hauliers recover VAT):
#: United States: EIA Gasoline and Diesel Fuel Update, 2020 average on-highway diesel 2.56
#: USD/gal (taxes included, no VAT) = 0.676 USD/l. Others ESTIMATE from 2020 pump prices:
#: Europe ~1.05 EUR/l excl. VAT (EU Weekly Oil Bulletin 2020 average ~1.25 EUR/l incl. VAT),
#: China ~5.6 CNY/l, India ~75 INR/l, Rest of World ~0.80 USD/l.
DIESEL_USD_PER_LITRE = {"United States": 0.676, "Europe": 1.20, "China": 0.81, "India": 1.01,
                        "Rest of World": 0.80}
#: ESTIMATE: biodiesel/HVO costs 1.6x fossil diesel at the pump (HVO traded at roughly twice
#: the diesel wholesale price in 2020-2023; taxes on top are similar).
BIO_PRICE_FACTOR = 1.6
#: Electricity for charging, USD/kWh (mix of depot and public fast charging). United States:
#: ICCT (2023), TCO of Class 8 long-haul trucks in the US: "charging costs ranging between
#: $0.15/kWh and $0.30/kWh"; we take 0.17. Others ESTIMATE from commercial tariffs plus a
#: share of public charging: Europe 0.22, China 0.13, India 0.14, Rest of World 0.17.
#: Held flat in real terms (IEA WEO 2023 STEPS: roughly flat end-user prices).
CHARGING_USD_PER_KWH = {"United States": 0.17, "Europe": 0.22, "China": 0.13, "India": 0.14,
                        "Rest of World": 0.17}
#: Hydrogen at the pump, USD/kg (ESTIMATE): ~13 in 2020 (California retail ~14-16, China
#: subsidised ~5-10); ICCT (2023) finds fuel-cell trucks need 3-6.5 USD/kg to match battery
#: trucks in the 2030s; we assume 7 in 2030, 5 in 2040 and 4 in 2050 (world).
H2_USD_PER_KG = {2020: 13.0, 2030: 7.0, 2040: 5.0, 2050: 4.0}
#: ESTIMATE: hydrogen well-to-tank (mostly natural-gas reforming in 2020, ~10 kg CO2/kg H2 =
#: 83 g/MJ plus compression; falling with electrolysis and CCS), t CO2e/GJ.
H2_WTT = {2020: 0.10, 2030: 0.07, 2040: 0.035, 2050: 0.01}
#: Grid CO2 intensity, kg CO2/kWh (ESTIMATE: approximate values of the IEA World Energy Outlook
#: 2023 Stated Policies Scenario trajectories; 2020 from IEA electricity statistics).
#: Case ``nze``: each region's 2020 grid intensity scaled on the IEA Net Zero by 2050 (2021)
#: path of the world's CO2 intensity of power, 438 g/kWh (2020) -> 138 g/kWh (2030) -> about
#: zero from 2040; hydrogen well-to-tank falling as electrolysis runs on that grid, t CO2e/GJ
#: (ESTIMATE).
NZE_GRID_FACTOR = {2020: 1.0, 2030: 138 / 438, 2040: 0.0}
NZE_H2_WTT = {2020: 0.10, 2030: 0.05, 2040: 0.0}
GRID_KG_PER_KWH = {
    "China": {2020: 0.60, 2030: 0.45, 2040: 0.28, 2050: 0.15},
    "Europe": {2020: 0.25, 2030: 0.12, 2040: 0.06, 2050: 0.03},
    "India": {2020: 0.71, 2030: 0.55, 2040: 0.38, 2050: 0.22},
    "Rest of World": {2020: 0.50, 2030: 0.40, 2040: 0.30, 2050: 0.20},
    "United States": {2020: 0.38, 2030: 0.22, 2040: 0.11, 2050: 0.05},
}
#: Biodiesel/HVO blended in road diesel in 2020, kept as a minimum share (stated policies):
#: Europe: EN 590 diesel carries up to 7% FAME (B7); we take 6% (ESTIMATE). United States:
#: ESTIMATE 4% (EPA Renewable Fuel Standard biomass-based diesel ~2.4 billion gallons in 2020
#: over ~60 billion gallons of diesel). Others: none in the default data.
BIO_BLEND = {"Europe": 0.06, "United States": 0.04}
#: ESTIMATE: world biodiesel/HVO available to trucks, PJ/yr (IEA Renewables 2021: ~2 EJ of
#: biodiesel and HVO in 2020 for all uses; we give trucks about half, tripling by 2050).
BIO_LIMIT = {2020: 1000.0, 2030: 1800.0, 2050: 3000.0}

# --- EU heavy-duty CO2 standards as battery-truck sales floors ------------------------------
#: Regulation (EU) 2024/1610 amending Regulation (EU) 2019/1242: fleet CO2 of new heavy-duty
#: vehicles -15% in 2025, -45% in 2030, -65% in 2035, -90% in 2040 against 2019. ESTIMATE of
#: the zero-emission sales share each target needs: the reduction less ~10 points met by
#: diesel efficiency (nothing in 2025). The engine takes floors per powertrain, so the floor
#: is put on battery-electric trucks.
EU_ZE_FLOOR = {2025: 0.0, 2030: 0.35, 2035: 0.55, 2040: 0.80, 2050: 0.80}

# --- zero-emission truck sales 2021-2024 (the calibrated start) ----------------------------
#: Share of new truck sales (fraction) that is battery-electric or fuel-cell, by region, model
#: segment and year. The model's light (3.5-7.5 t) and medium (7.5-15 t) segments take the
#: published "medium truck" share, heavy the "heavy truck" share.
#: - 2021 and 2022, China, Europe (EU), India, United States: ICCT research as tabulated by the
#:   ZEV Transition Council, "ZEV sales: Trucks and buses" (verified 13 March 2024): medium /
#:   heavy trucks China 1.87% / 0.76% (2021), 6.36% / 5.10% (2022); EU 1.93% / 0.17%, 2.44% /
#:   0.34%; United States 0.02% / 0.01%, 0.07% / 0.05%; India 0% / 0%.
#:   https://zevtc.org/tracking-progress/zev-sales-trucks-and-buses/
#: - Europe 2023 and 2024: ICCT, Race to Zero: European Heavy-Duty Vehicle Market Development
#:   Quarterly (January-December 2024), Feb 2025: trucks below 12 t 6% (2023) and 10% (2024),
#:   heavy trucks above 12 t 0.9% and 1.2%.
#:   https://theicct.org/publication/r2z-eu-hdv-market-development-quarterly-jan-dec-2024-feb25/
#: - China 2024: ICCT, Zero-emission medium- and heavy-duty vehicle market in China, 2024
#:   (March 2025): battery-electric 13% of medium and 14% of heavy truck sales, fuel-cell
#:   trucks below 1% of heavy trucks (0.8% in December); we take 0.5% (ESTIMATE).
#:   https://theicct.org/publication/ze-mhdv-market-china-2024-mar25
#: - China 2023: ESTIMATE. IEA, Global EV Outlook 2024: China 70% of ~54 000 electric trucks
#:   in 2023, 85% of ~40 000 in 2022, so China's units rose ~10% on a flat market: 2022's
#:   shares a little higher.
#: - United States 2023 and 2024: ESTIMATE from IEA, Global EV Outlook 2024 and 2025: 1 200
#:   electric trucks in 2023 ("less than 0.1% of total truck sales") and 1 400 in 2024.
#: - India 2023 and 2024: ESTIMATE, the first electric trucks on sale (a few hundred a year
#:   against ~0.4 million medium and heavy trucks).
#: - Rest of World: ESTIMATE. IEA, Global EV Outlook 2025: more than 90 000 electric medium and
#:   heavy trucks in 2024, China over 80%, the United States 1 400, Europe ~13 000: a few
#:   thousand elsewhere (Japan, Korea, Latin America), ~0.2-0.3% of their sales.
#: The IEA counts fewer Chinese electric trucks than the ICCT (about 75 000 against 180 000 in
#: 2024); we follow the ICCT, whose segments match the model's.
ZE_SALES = {
    #           (light and medium, heavy) battery-electric share by year
    "China": {2021: (0.0187, 0.0076), 2022: (0.0636, 0.0510), 2023: (0.07, 0.055),
              2024: (0.13, 0.14)},
    "Europe": {2021: (0.0193, 0.0017), 2022: (0.0244, 0.0034), 2023: (0.06, 0.009),
               2024: (0.10, 0.012)},
    "India": {2021: (0.0, 0.0), 2022: (0.0, 0.0), 2023: (0.0005, 0.0), 2024: (0.001, 0.0005)},
    "Rest of World": {2021: (0.001, 0.0), 2022: (0.0015, 0.0005), 2023: (0.002, 0.001),
                      2024: (0.003, 0.002)},
    "United States": {2021: (0.0002, 0.0001), 2022: (0.0007, 0.0005), 2023: (0.001, 0.0005),
                      2024: (0.0012, 0.0006)},
}
#: Fuel-cell trucks: China's heavy trucks in 2024 (ICCT, above; ESTIMATE 0.5%); elsewhere and
#: earlier a few hundred vehicles, taken as 0.
FUEL_CELL_SALES = {("China", "heavy", 2024): 0.005}
#: Source id (SOURCES.md) of each region's years; any other figure is an ESTIMATE.
ZE_SALES_SOURCE = {("China", 2021): "ICCT-ZEVTC", ("China", 2022): "ICCT-ZEVTC",
                   ("China", 2024): "ICCT-CN24", ("Europe", 2021): "ICCT-ZEVTC",
                   ("Europe", 2022): "ICCT-ZEVTC", ("Europe", 2023): "ICCT-R2Z-EU",
                   ("Europe", 2024): "ICCT-R2Z-EU", ("India", 2021): "ICCT-ZEVTC",
                   ("India", 2022): "ICCT-ZEVTC", ("United States", 2021): "ICCT-ZEVTC",
                   ("United States", 2022): "ICCT-ZEVTC"}

# --- vehicles ------------------------------------------------------------------------------
#: Per segment and powertrain. capex and infrastructure in million USD_2020 per vehicle,
#: activity_per_vehicle in million tkm per vehicle-year, other_opex in USD/tkm (maintenance,
#: insurance and tolls that differ by powertrain; driver wages, the same for all, excluded),
#: intensity as a ratio to the diesel fleet average (tank or plug to wheel).
#: ESTIMATE throughout, informed by: ICCT (Basma & Rodriguez, 2023), "A total cost of
#: ownership comparison of truck decarbonization pathways in Europe" (battery trucks cheapest
#: zero-emission option for most classes before 2030, fuel-cell trucks at diesel parity ~2035);
#: ICCT (2023), "Purchase costs of zero-emission trucks in the United States to meet future
#: Phase 3 GHG standards" (battery packs ~120 USD/kWh in 2030, half of 2022); ICCT (2023),
#: "Total cost of ownership of alternative powertrain technologies for Class 8 long-haul
#: trucks in the United States". Capex is one value for 2020-2050 (the engine has no
#: year-dependent capex); we take ICCT's expected ~2030 prices, the middle of the sales-weighted
#: horizon: battery trucks at near price parity for urban and regional trucks (ICCT: "upfront
#: cost parity ... late 2020s or early 2030s for most truck segments", long haul still ~1.5x),
#: fuel-cell trucks dearer. This flatters zero-emission trucks in the 2020s (the adoption
#: ceilings hold them back then) and understates them in the 2040s.
SEGMENT = {
    #          km/yr, mean load t, life yr, diesel capex, diesel other opex USD/km
    "light": (30_000, 1.5, 15.0, 0.045, 0.08),
    "medium": (45_000, 4.0, 16.0, 0.075, 0.11),
    "heavy": (110_000, 11.0, 14.0, 0.125, 0.16),
}
#: powertrain -> carrier, first year on sale, intensity ratio to diesel, capex ratio to diesel
#: by segment, other-opex ratio, infrastructure capex (million USD/vehicle) by segment,
#: adoption midpoint by segment, steepness, zero-emission flag, efficiency gain per year.
POWERTRAINS = {
    "diesel": ("liquid", 1990, 1.0, {"light": 1.0, "medium": 1.0, "heavy": 1.0}, 1.0,
               {"light": 0.0, "medium": 0.0, "heavy": 0.0},
               {"light": 1990, "medium": 1990, "heavy": 1990}, 1.0, False, 0.010),
    # battery-electric: ~40% of diesel energy at the plug (ICCT US TCO 2023: ~1.3-1.5 kWh/km
    # for a tractor against ~33 l/100 km diesel); chargers: depot plus share of public MW
    # chargers (ESTIMATE ~25-50 k USD per heavy truck).
    "battery_electric": ("electricity", 2020, 0.42,
                         {"light": 1.15, "medium": 1.2, "heavy": 1.5}, 0.75,
                         {"light": 0.010, "medium": 0.020, "heavy": 0.050},
                         {"light": 2033, "medium": 2035, "heavy": 2037}, 0.30, True, 0.012),
    # fuel-cell: ~75% of diesel energy (7-8 kg H2/100 km for a tractor); hydrogen stations:
    # ~2-3 million USD each shared by ~60-80 trucks (ESTIMATE).
    "fuel_cell": ("hydrogen", 2022, 0.75,
                  {"light": 1.5, "medium": 1.6, "heavy": 1.8}, 0.85,
                  {"light": 0.010, "medium": 0.020, "heavy": 0.040},
                  {"light": 2042, "medium": 2041, "heavy": 2040}, 0.30, True, 0.015),
    # catenary (overhead-line) battery trucks: heavy segment only; electric on the wire on
    # electrified motorways and on a small battery off the wire (ESTIMATE: overhead line
    # ~2.5 million EUR per km both ways, a 4 000 km network for ~80 000 trucks ~0.12 million
    # USD per truck; German eHighway field trials).
    "catenary": ("electricity", 2030, 0.38, {"heavy": 1.3}, 0.8, {"heavy": 0.12},
                 {"heavy": 2045}, 0.35, True, 0.012),
}


def annual(points: dict[int, float]) -> dict[int, float]:
    """Yearly values 2020-2050, linear between the given years, flat outside them."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    series = pd.Series(points, dtype=float).reindex(years).interpolate(limit_direction="both")
    return dict(zip(years, series.to_numpy(float).tolist(), strict=True))


def base_year_activity() -> pd.DataFrame:
    """(segment, region) -> billion tkm in 2020 with Rest of World from IEA's class totals.

    The four statistical regions are split by segment; Rest of World's heavy and light+medium
    activity is what IEA's 2020 class CO2 leaves after them, at the class intensities.
    """
    fossil = 1 - _bio_share_mean()
    rows = []
    for region, total in ACTIVITY_2020.items():
        for segment in SEGMENTS:
            rows.append((segment, region, total * SEGMENT_SHARES[region][segment]))
    frame = pd.DataFrame(rows, columns=["segment", "region", "activity"])
    intensity = segment_intensities(frame)
    energy = frame.assign(pj=frame["activity"] * frame["segment"].map(intensity))
    fossil_pj = {k: v / DIESEL_TTW for k, v in IEA_CO2_2020.items()}  # PJ of fossil diesel
    known_heavy = energy.loc[energy["segment"] == "heavy", "pj"].sum() * fossil
    known_rest = energy.loc[energy["segment"] != "heavy", "pj"].sum() * fossil
    rest_heavy = (fossil_pj["heavy"] - known_heavy) / fossil / intensity["heavy"]
    rest_pj = (fossil_pj["medium_and_light"] - known_rest) / fossil
    light_pj_share = _light_energy_share(energy)
    extra = pd.DataFrame([
        ("heavy", "Rest of World", rest_heavy),
        ("light", "Rest of World", rest_pj * light_pj_share / intensity["light"]),
        ("medium", "Rest of World", rest_pj * (1 - light_pj_share) / intensity["medium"]),
    ], columns=["segment", "region", "activity"])
    return pd.concat([frame, extra], ignore_index=True)


def _bio_share_mean() -> float:
    """Activity-weighted 2020 biodiesel share of the four statistical regions' diesel."""
    total = sum(ACTIVITY_2020.values())
    return sum(ACTIVITY_2020[r] * BIO_BLEND.get(r, 0.0) for r in ACTIVITY_2020) / total


def _light_energy_share(energy: pd.DataFrame) -> float:
    small = energy[energy["segment"] != "heavy"]
    return float(small.loc[small["segment"] == "light", "pj"].sum() / small["pj"].sum())


def segment_intensities(frame: pd.DataFrame) -> dict[str, float]:
    """MJ/tkm by segment: IEA's heavy value; light and medium average to IEA's 3.5-15 t value."""
    small = frame[frame["segment"] != "heavy"].groupby("segment")["activity"].sum()
    light_share = small["light"] / small.sum()
    medium = (MEDIUM_CLASS_INTENSITY - light_share * LIGHT_INTENSITY) / (1 - light_share)
    return {"light": LIGHT_INTENSITY, "medium": medium, "heavy": HEAVY_INTENSITY}


def powertrains_table(intensity: dict[str, float]) -> pd.DataFrame:
    rows = []
    for name, (carrier, start, ratio, capex, opex, infra, midpoint, steep, zero,
               gain) in POWERTRAINS.items():
        for segment in capex:
            rows.append(_powertrain_row(segment, name, carrier, start, ratio, capex[segment],
                                        opex, infra[segment], midpoint[segment], steep, zero,
                                        gain, intensity))
    return pd.DataFrame(rows)


def _powertrain_row(segment: str, name: str, carrier: str, start: int, ratio: float,
                    capex: float, opex: float, infra: float, midpoint: int, steep: float,
                    zero: bool, gain: float, intensity: dict[str, float]) -> dict[str, object]:
    """One row of powertrains.csv; ratios are to the segment's diesel truck."""
    km, load, life, diesel_capex, diesel_opex = SEGMENT[segment]
    return {
        "segment": segment, "powertrain": name, "carrier": carrier,
        "available_from": start, "lifetime_years": life,
        "capex": round(diesel_capex * capex, 4),
        "activity_per_vehicle": round(km * load / 1e6, 5),  # million tkm per vehicle-year
        "intensity": round(intensity[segment] * ratio, 4),
        "efficiency_gain": gain,
        "other_opex": round(diesel_opex * opex / load, 5),
        "adoption_midpoint": midpoint, "adoption_steepness": steep,
        "zero_emission": zero, "infrastructure_capex": infra,
    }


def activity_table(base: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for segment, region, value in base.itertuples(index=False):
        for year in (2020, 2030, 2040, 2050):
            grown = value * (1 + GROWTH[region]) ** (year - FIRST_YEAR)
            rows.append((segment, region, year, "bau", round(grown, 2), "billion tkm"))
    return pd.DataFrame(rows, columns=["segment", "region", "year", "scenario", "value", "unit"])


def fuels_table() -> pd.DataFrame:
    rows = []
    h2_price = annual({y: p * 1000 / H2_MJ_PER_KG for y, p in H2_USD_PER_KG.items()})
    h2_wtt = annual(H2_WTT)
    for region in REGIONS:
        diesel = DIESEL_USD_PER_LITRE[region] / DIESEL_MJ_PER_LITRE * 1000  # USD/GJ
        charging = CHARGING_USD_PER_KWH[region] / MJ_PER_KWH * 1000
        grid = annual({y: v / MJ_PER_KWH for y, v in GRID_KG_PER_KWH[region].items()})
        for year in range(FIRST_YEAR, LAST_YEAR + 1, 5):
            rows += [
                ("liquid", "fossil_diesel", region, year, diesel, DIESEL_TTW, DIESEL_WTT, False),
                ("liquid", "biodiesel_hvo", region, year, diesel * BIO_PRICE_FACTOR, 0.0,
                 BIO_WTT, True),
                ("electricity", "grid_electricity", region, year, charging, 0.0, grid[year],
                 False),
                ("hydrogen", "hydrogen", region, year, h2_price[year], 0.0, h2_wtt[year], False),
            ]
    frame = pd.DataFrame(rows, columns=["carrier", "fuel", "region", "year", "price", "ttw",
                                        "wtt", "zero_emission"])
    frame.insert(4, "case", "stated")
    stated = frame.round({"price": 3, "wtt": 5})
    return pd.concat([stated, nze_fuels(stated)], ignore_index=True)


def nze_fuels(stated: pd.DataFrame) -> pd.DataFrame:
    """Case ``nze`` (read by trucking's ``net-zero`` scenario): grid electricity and hydrogen
    at the stated prices, their well-to-tank on the IEA Net Zero path (``NZE_GRID_FACTOR`` on
    each region's 2020 grid intensity, ``NZE_H2_WTT``)."""
    factor = annual(NZE_GRID_FACTOR)
    h2_wtt = annual(NZE_H2_WTT)
    rows = []
    for region in REGIONS:
        own = stated[stated["region"] == region].set_index(["fuel", "year"])
        grid_2020 = float(own.loc[("grid_electricity", FIRST_YEAR), "wtt"])
        for year in range(FIRST_YEAR, LAST_YEAR + 1, 5):
            rows += [
                ("electricity", "grid_electricity", region, year, "nze",
                 own.loc[("grid_electricity", year), "price"], 0.0, grid_2020 * factor[year],
                 False),
                ("hydrogen", "hydrogen", region, year, "nze", own.loc[("hydrogen", year), "price"],
                 0.0, h2_wtt[year], False),
            ]
    frame = pd.DataFrame(rows, columns=list(stated.columns))
    return frame.round({"price": 3, "wtt": 5})


def mandates_table() -> pd.DataFrame:
    rows = [("fuel", "biodiesel_hvo", region, FIRST_YEAR, share)
            for region, share in BIO_BLEND.items()]
    rows += [("sales", "battery_electric", "Europe", year, share)
             for year, share in EU_ZE_FLOOR.items()]
    return pd.DataFrame(rows, columns=["kind", "target", "region", "year", "value"])


def fuel_limits_table() -> pd.DataFrame:
    return pd.DataFrame([("biodiesel_hvo", "World", year, value)
                         for year, value in BIO_LIMIT.items()],
                        columns=["fuel", "region", "year", "value"])


def sales_history_table() -> pd.DataFrame:
    """Published zero-emission shares of new sales by segment, region, powertrain and year."""
    rows = []
    for region, years in ZE_SALES.items():
        for year, (smaller, heavy) in years.items():
            source = ZE_SALES_SOURCE.get((region, year), "ESTIMATE")
            for segment in SEGMENTS:
                battery = heavy if segment == "heavy" else smaller
                rows.append((segment, region, "battery_electric", year, battery, source))
                cell = FUEL_CELL_SALES.get((region, segment, year), 0.0)
                rows.append((segment, region, "fuel_cell", year, cell,
                             "ESTIMATE" if cell else source))
    return pd.DataFrame(rows, columns=["segment", "region", "powertrain", "year", "share",
                                       "source"])


def build(out: Path) -> dict[str, pd.DataFrame]:
    """Write every table into ``out``; returns them by name."""
    base = base_year_activity()
    intensity = segment_intensities(base[base["region"] != "Rest of World"])
    fleet_base = base.assign(powertrain="diesel")[["segment", "region", "powertrain",
                                                    "activity"]].round({"activity": 2})
    tables = {
        "powertrains": powertrains_table(intensity),
        "fleet_base": fleet_base,
        "activity": activity_table(base),
        "fuels": fuels_table(),
        "mandates": mandates_table(),
        "fuel_limits": fuel_limits_table(),
        "sales_history": sales_history_table(),
    }
    for name, frame in tables.items():
        write_table(frame, out, name)
    return tables


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv, __doc__.splitlines()[0], "trucking", reads_source=False)
    tables = build(args.out)
    base = tables["fleet_base"]
    print(base.groupby("region")["activity"].sum().round(0).to_string())
    print(f"wrote {len(tables)} tables to {args.out}")


if __name__ == "__main__":
    main()

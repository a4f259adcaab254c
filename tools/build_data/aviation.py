"""Build sectorpath's default aviation tables (commercial passenger and freight) from public
figures.

Usage (from the repository root)::

    python -m tools.build_data aviation [--out src/sectorpath/sectors/aviation/data]

Each figure is written below with its source key; full references are in ``SOURCES.md`` next
to the tables. ``ESTIMATE`` marks this project's own assumption (reasoning in SOURCES.md). The
tables are rebuilt from scratch on each run.

Scope: commercial aviation (scheduled and charter passenger flights, belly and dedicated
freight), world total, base year 2019. Activity is in billion passenger-km; freight is
converted at 10 passenger-km-equivalent per revenue tonne-km (100 kg per passenger with
baggage). One region, ``Global`` (the IAMC table adds its own ``World`` total).

Sources (keys used below):
  [AM]     AeroMAPS 1.2.0 (ISAE-SUPAERO / ONERA, Planès et al.), package resources:
           data/parameters.json, default_markets/markets.yaml,
           default_energy_carriers/{energy_carriers,resources}_data.yaml,
           energy_data/biofuel.xlsx and hydrogen_and_electrofuel.xlsx,
           historical_data/world_air_transport_traffic_1929_2024.csv.
  [ICAO]   ICAO annual reports (world scheduled RPK, ASK, freight RTK), as compiled in [AM].
  [A4A]    Airlines for America, World Airlines Traffic and Capacity (ICAO totals), 2019-2024,
           as compiled in [AM] historical_data.
  [IEA]    IEA energy balances (aviation jet fuel use), as compiled in [AM].
  [ICCT20] Graver, Rutherford, Zheng (2020), CO2 emissions from commercial aviation: 2013,
           2018, and 2019, ICCT.
  [ICCT15] Kharina, Rutherford (2015), Fuel efficiency trends for new commercial jet aircraft:
           1960 to 2014, ICCT.
  [CORSIA] ICAO (2022), CORSIA Default Life Cycle Emissions Values for CORSIA Eligible Fuels;
           ICAO Annex 16 Vol. IV fuel conversion factor.
  [JIANG]  Jiang (2013), Key findings on airplane economic life, Boeing.
  [SEY24]  Seymour et al. (2024), Future costs of power-to-liquid sustainable aviation fuels
           produced from hybrid solar PV-wind plants in Europe, Sustainable Energy & Fuels 8.
  [IEAH2]  IEA (2021), Global Hydrogen Review 2021.
  [IPCC]   IPCC (2014), AR5 WGIII Annex III, life-cycle emissions of electricity supply.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath.sectors.aviation import FEEDSTOCK_PER_FUEL
from tools.build_data.core import WORLD, parse_args, write_table

REGION = "Global"
ALL = WORLD  # fuels.csv / fuel_limits.csv rows that apply to every region
BASE_YEAR = 2019
FUEL_YEARS = (2019, 2020, 2021, 2022, 2023, 2024, 2025, 2030, 2035, 2040, 2045, 2050)
USD_PER_EUR = 1.12  # ECB reference rate, 2019 annual average (1.1195)

# -- 1. Traffic and energy in 2019 ------------------------------------------------------------

#: [ICAO] via [AM] parameters.json (rpk_init, ask_init, rtk_init): 2019, billion.
RPK_2019 = 8_685.67
ASK_2019 = 10_540.9
FREIGHT_RTK_2019 = 225.001
#: [IEA] via [AM] parameters.json (energy_consumption_init): 2019 commercial aviation, PJ.
ENERGY_2019_PJ = 12_711.1
#: [AM] markets.yaml, computed by the AeroMAPS authors from [ICCT20]: 2019 shares (%) of RPK
#: and of energy. Short haul < 1,500 km, medium haul 1,500-4,000 km, long haul > 4,000 km.
RPK_SHARE = {"short_haul": 27.2, "medium_haul": 35.1, "long_haul": 37.7}
ENERGY_SHARE = {"short_haul": 26.01, "medium_haul": 26.18, "long_haul": 32.81, "freight": 15.0}
#: IATA convention: 100 kg per passenger with baggage, so 1 RTK = 10 passenger-km equivalent.
PKM_PER_RTK = 10.0

#: [A4A] world RPK and cargo RTK 2019-2024 (billion); used as ratios to 2019 only (A4A's RTK
#: runs ~3% above [ICAO]'s level, see [AM] historical_data/SOURCES.md).
A4A_RPK = {2019: 8_664.032, 2020: 2_950.654, 2021: 3_621.985, 2022: 5_947.702,
           2023: 8_226.592, 2024: 9_097.611}
A4A_RTK = {2019: 231.070, 2020: 197.631, 2021: 236.884, 2022: 222.034, 2023: 222.982,
           2024: 247.572}
#: After 2024: 3.0%/yr in every segment, the long-run growth of [AM]'s ATAG Waypoint 2050
#: central market file (scenarios/markets/markets_central.yaml) and of its default markets.
GROWTH_AFTER_2024 = 0.03

# -- 2. Aircraft ------------------------------------------------------------------------------

#: ESTIMATE: 2019 fleet in service by segment (passenger aircraft ~23,700, of which regional
#: turboprops and jets mostly in short haul; ~2,000 dedicated freighters, Boeing World Air Cargo
#: Forecast 2020). Freight activity per "vehicle" includes belly cargo, so freight stock is
#: reported in freighter-equivalents.
FLEET_2019 = {"short_haul": 10_000, "medium_haul": 9_500, "long_haul": 4_200, "freight": 2_000}
#: Mean life (years) = average retirement age. [JIANG]: 28 (single-aisle), 25 (twin-aisle),
#: freighters retire older (ESTIMATE 30); short haul mixes regional jets retired ~20 and
#: single-aisles (ESTIMATE 25).
LIFETIME = {"short_haul": 25.0, "medium_haul": 28.0, "long_haul": 25.0, "freight": 30.0}
#: ESTIMATE: market value of a new aircraft, million USD (appraised values of A220/E-jets/ATR,
#: A320neo/737 MAX, 787/A350 and 777F-class aircraft).
CAPEX = {"short_haul": 30.0, "medium_haul": 50.0, "long_haul": 140.0, "freight": 130.0}
#: [AM] markets.yaml: direct operating cost excluding energy, EUR per ASK (2019).
DOC_NON_ENERGY_PER_ASK = {"short_haul": 0.048375, "medium_haul": 0.0301, "long_haul": 0.024725}
#: ESTIMATE: share of aircraft ownership in that cost (ownership is the capex annuity here).
OWNERSHIP_SHARE = 0.3
#: ESTIMATE: freight non-energy operating cost, USD per pkm-equivalent (0.15 USD/RTK).
FREIGHT_OTHER_OPEX = 0.015
#: [ICCT15]: fuel burn of new jet aircraft fell 1.3%/yr on average over 1968-2014.
NEW_AIRCRAFT_GAIN = 0.013

#: Hydrogen aircraft. [AM] ICAO LTAG IS3 market files (scenarios/icao_ltag_ecats/
#: ltag_data_inputs/markets_is3medium.yaml): energy per ASK 1.15 x the kerosene aircraft of the
#: same generation, short and medium range. [AM] markets.yaml: non-energy operating cost 1.1 x.
H2_ENERGY_RATIO = 1.15
H2_OPEX_RATIO = 1.1
#: ESTIMATE: entry into service 2035 short haul (Airbus ZEROe target), 2040 medium haul; sales
#: ceilings reaching 50% in 2045 and 2050; capex +20%; airport liquid-hydrogen storage and
#: dispensing 5 million USD per aircraft.
HYDROGEN = {"short_haul": ("hydrogen_sh", 2035, 2045.0, 0.35),
            "medium_haul": ("hydrogen_mh", 2040, 2050.0, 0.30)}
H2_CAPEX_RATIO = 1.2
H2_INFRASTRUCTURE = 5.0
#: ESTIMATE: battery-electric commuter aircraft (~30 seats, 150-200 km sectors, from 2030):
#: 9.5 million pkm a year (30 seats x 80% x 150 km x 8 flights x 330 days), 15 million USD,
#: 0.5 MJ/pkm (a third of the short-haul kerosene average: electric drivetrain ~90% vs gas
#: turbine ~35% efficient), 1 million USD of chargers per aircraft, sales ceiling 50% in 2060.
BATTERY = {"activity": 9.5, "capex": 15.0, "intensity": 0.5, "infrastructure": 1.0,
           "available_from": 2030, "midpoint": 2060.0, "steepness": 0.2, "gain": 0.01}

# -- 3. Fuels ---------------------------------------------------------------------------------

#: [CORSIA] 3.16 t CO2 per t of jet fuel; lower heating value 43.2 GJ/t; life-cycle baseline of
#: fossil jet fuel 89 g CO2e/MJ, of which the rest after combustion is well-to-tank.
JET_TTW = 3.16 / 43.2  # t CO2/GJ
JET_WTW = 0.089
#: [AM] energy_carriers_data.yaml, fossil kerosene mean fuel selling price (EUR/MJ, historical
#: jet fuel prices 2019-2024; 0.012 in 2050).
KEROSENE_PRICE_EUR_PER_MJ = {2019: 0.012684225, 2020: 0.007299796, 2021: 0.01202598,
                             2022: 0.019909217, 2023: 0.014922935, 2024: 0.012596014,
                             2050: 0.012}
#: SAF pathways: (life-cycle gCO2e/MJ, minimum fuel selling price EUR/MJ), [AM]
#: energy_carriers_data.yaml (literature medians of biofuel.xlsx). HEFA: fats, oils and
#: greases ([CORSIA]: used cooking oil 13.9, tallow 22.5, palm fatty acid distillate 20.7);
#: FT residues ([CORSIA] agricultural residues 7.7); FT municipal solid waste (fossil share of
#: the waste counted; [CORSIA] 5.2 at 0% non-biogenic carbon); alcohol-to-jet (literature
#: median over sugar, starch and residue ethanol; [CORSIA] residues 24.6).
BIO_SAF = {"saf_hefa": (20.7, 0.02317), "saf_ft_residues": (7.7, 0.0392),
           "saf_ft_msw": (27.6, 0.0322), "saf_atj": (52.2, 0.0394)}
#: [AM] resources_data.yaml: world feedstock available (EJ/yr, literature medians for 2050);
#: turned into jet fuel at [AM]'s MJ of feedstock per MJ of fuel (FEEDSTOCK_PER_FUEL in the
#: sector module). The limit is all of it: an upper bound (AeroMAPS' default gives aviation 5%).
FEEDSTOCK_EJ = {"saf_hefa": 1.0, "saf_ft_residues": 113.7, "saf_ft_msw": 11.0, "saf_atj": 17.64}
#: Power-to-liquid: [AM] hydrogen_and_electrofuel.xlsx (sheet PtL, after Ueckerdt et al. 2021):
#: 0.4444 MJ e-kerosene per MJ electricity. Cost: [AM] 0.0996 EUR/MJ today; [SEY24] 1,510
#: EUR/t in 2030 and 880 EUR/t in 2050 (Europe's best hybrid PV-wind sites, DAC CO2).
PTL_MJ_ELECTRICITY = 1 / 0.4444
#: [AM] resources_data.yaml: electricity available in 2050, 250 EJ/yr, of which aviation's
#: default allocation is 5% (its 2019 share of world final energy). E-kerosene supply is capped
#: at what that electricity makes; ESTIMATE: the cap grows linearly from nothing in 2019.
ELECTRICITY_2050_EJ = 250.0
AVIATION_ELECTRICITY_SHARE = 0.05
PTL_PRICE_EUR_PER_GJ = {2019: 99.6, 2030: 1_510 / 43.2, 2050: 880 / 43.2}
#: Liquid hydrogen. [AM] hydrogen_and_electrofuel.xlsx: electrolysis 0.6 MJ H2 per MJ
#: electricity; [AM] processes_data.yaml: liquefaction 0.25 MJ electricity per MJ H2; median
#: emission factors of steam methane reforming without / with CCS 12.0 / 3.7 kg CO2 per kg H2.
H2_MJ_ELECTRICITY = 1 / 0.6 + 0.25
H2_LHV = 120.0  # MJ/kg
SMR_KG_CO2 = {"hydrogen_smr": 12.0, "hydrogen_smr_ccs": 3.7}
#: [IEAH2] production cost, USD/kg H2: unabated gas 0.5-1.7, gas with CCUS 1-2, renewable 3-8
#: (2020); ESTIMATE: midpoints, renewable falling to 2.5 (2030) and 1.5 (2050), plus
#: liquefaction and airport delivery 1.5 USD/kg falling to 1.0 (2050).
H2_COST_USD_PER_KG = {"hydrogen_electrolytic": {2019: 5.5, 2030: 2.5, 2050: 1.5},
                      "hydrogen_smr_ccs": {2019: 1.5, 2050: 1.5},
                      "hydrogen_smr": {2019: 1.1, 2050: 1.1}}
H2_DELIVERY_USD_PER_KG = {2019: 1.5, 2050: 1.0}
#: [AM] resources_data.yaml: CO2 factor of grid electricity, g/MJ (429 g/kWh in 2020 falling
#: to 30 g/kWh in 2050); 2019 taken as 2020.
GRID_G_PER_MJ = {2019: 119.16, 2020: 119.16, 2030: 55.5, 2040: 27.8, 2050: 8.3}
#: [IPCC] medians, g CO2e/kWh: onshore wind 11, hydro 24, utility solar PV 48; ESTIMATE 20 for a
#: dedicated renewable supply.
RENEWABLE_G_PER_MJ = 20 / 3.6
#: ESTIMATE: electricity at airports, 0.10 USD/kWh.
ELECTRICITY_USD_PER_GJ = 100 / 3.6


def path_at(points: dict[int, float], years: tuple[int, ...] = FUEL_YEARS) -> np.ndarray:
    """Values of a {year: value} path at ``years``, linear in between, flat outside."""
    known = sorted(points)
    return np.interp(years, known, [points[y] for y in known])


def segment_activity() -> dict[str, float]:
    """2019 activity, billion pkm (freight in pkm-equivalent)."""
    out = {segment: RPK_2019 * share / 100 for segment, share in RPK_SHARE.items()}
    out["freight"] = FREIGHT_RTK_2019 * PKM_PER_RTK
    return out


def segment_intensity() -> dict[str, float]:
    """2019 fleet-average energy intensity, MJ per pkm."""
    activity = segment_activity()
    return {segment: ENERGY_2019_PJ * ENERGY_SHARE[segment] / 100 / activity[segment]
            for segment in activity}


def other_opex(segment: str) -> float:
    """Non-energy, non-ownership operating cost of a kerosene aircraft, USD per pkm."""
    if segment == "freight":
        return FREIGHT_OTHER_OPEX
    per_rpk = DOC_NON_ENERGY_PER_ASK[segment] * ASK_2019 / RPK_2019
    return per_rpk * USD_PER_EUR * (1 - OWNERSHIP_SHARE)


def powertrains() -> pd.DataFrame:
    """One row per (segment, powertrain)."""
    activity, intensity = segment_activity(), segment_intensity()
    rows = []
    for segment in activity:
        per_aircraft = activity[segment] * 1e3 / FLEET_2019[segment]  # million pkm
        base = {"segment": segment, "lifetime_years": LIFETIME[segment],
                "activity_per_vehicle": round(per_aircraft, 3)}
        rows.append({**base, "powertrain": "kerosene", "carrier": "liquid",
                     "available_from": 1950, "capex": CAPEX[segment],
                     "intensity": round(intensity[segment], 5),
                     "efficiency_gain": NEW_AIRCRAFT_GAIN,
                     "other_opex": round(other_opex(segment), 5), "adoption_midpoint": 1950.0,
                     "adoption_steepness": 1.0, "zero_emission": False,
                     "infrastructure_capex": 0.0})
        if segment in HYDROGEN:
            name, start, midpoint, steepness = HYDROGEN[segment]
            rows.append({**base, "powertrain": name, "carrier": "hydrogen",
                         "available_from": start, "capex": CAPEX[segment] * H2_CAPEX_RATIO,
                         "intensity": round(intensity[segment] * H2_ENERGY_RATIO, 5),
                         "efficiency_gain": NEW_AIRCRAFT_GAIN,
                         "other_opex": round(other_opex(segment) * H2_OPEX_RATIO, 5),
                         "adoption_midpoint": midpoint, "adoption_steepness": steepness,
                         "zero_emission": True, "infrastructure_capex": H2_INFRASTRUCTURE})
        if segment == "short_haul":
            rows.append({**base, "powertrain": "battery_sh", "carrier": "electricity",
                         "available_from": BATTERY["available_from"],
                         "activity_per_vehicle": BATTERY["activity"],
                         "capex": BATTERY["capex"], "intensity": BATTERY["intensity"],
                         "efficiency_gain": BATTERY["gain"],
                         "other_opex": round(other_opex(segment), 5),
                         "adoption_midpoint": BATTERY["midpoint"],
                         "adoption_steepness": BATTERY["steepness"], "zero_emission": True,
                         "infrastructure_capex": BATTERY["infrastructure"]})
    columns = ["segment", "powertrain", "carrier", "available_from", "lifetime_years", "capex",
               "activity_per_vehicle", "intensity", "efficiency_gain", "other_opex",
               "adoption_midpoint", "adoption_steepness", "zero_emission",
               "infrastructure_capex"]
    return pd.DataFrame(rows)[columns]


def fleet_base() -> pd.DataFrame:
    """The 2019 fleet: all kerosene."""
    return pd.DataFrame([{"segment": s, "region": REGION, "powertrain": "kerosene",
                          "activity": round(a, 3)} for s, a in segment_activity().items()])


def activity() -> pd.DataFrame:
    """Activity case ``bau``: [A4A] 2019-2024 as ratios to 2019, then 3%/yr."""
    years = np.arange(BASE_YEAR, 2051)
    rows = []
    for segment, base in segment_activity().items():
        history = A4A_RTK if segment == "freight" else A4A_RPK
        last = max(history)
        for year in years:
            ratio = (history[int(year)] if year <= last
                     else history[last] * (1 + GROWTH_AFTER_2024) ** (year - last))
            rows.append({"segment": segment, "region": REGION, "year": int(year),
                         "scenario": "bau", "value": round(base * ratio / history[BASE_YEAR], 3),
                         "unit": "billion pkm"})
    return pd.DataFrame(rows)


def _fuel_frame(carrier: str, fuel: str, case: str, price: np.ndarray, ttw: float,
                wtt: np.ndarray, zero_emission: bool) -> pd.DataFrame:
    return pd.DataFrame({"carrier": carrier, "fuel": fuel, "region": ALL, "year": FUEL_YEARS,
                         "case": case, "price": np.round(price, 3), "ttw": round(ttw, 6),
                         "wtt": np.round(wtt, 6), "zero_emission": zero_emission})


def fuels() -> pd.DataFrame:
    """Prices (USD/GJ), tank-to-wake and well-to-tank factors (t/GJ) by fuel and case."""
    n = len(FUEL_YEARS)
    grid = path_at(GRID_G_PER_MJ) / 1e3  # t/GJ
    electricity = {"grid": grid, "renewable": np.full(n, RENEWABLE_G_PER_MJ / 1e3)}
    kerosene = path_at(KEROSENE_PRICE_EUR_PER_MJ) * 1e3 * USD_PER_EUR
    frames = [_fuel_frame("liquid", "fossil_kerosene", "default", kerosene, JET_TTW,
                          np.full(n, JET_WTW - JET_TTW), False)]
    for fuel, (lca, price) in BIO_SAF.items():
        frames.append(_fuel_frame("liquid", fuel, "default", np.full(n, price * 1e3 * USD_PER_EUR),
                                  0.0, np.full(n, lca / 1e3), True))
    ptl_price = path_at(PTL_PRICE_EUR_PER_GJ) * USD_PER_EUR
    h2_price = {fuel: (path_at(cost) + path_at(H2_DELIVERY_USD_PER_KG)) / H2_LHV * 1e3
                for fuel, cost in H2_COST_USD_PER_KG.items()}
    for case, factor in electricity.items():
        frames.append(_fuel_frame("liquid", "saf_ptl", case, ptl_price, 0.0,
                                  PTL_MJ_ELECTRICITY * factor, True))
        frames.append(_fuel_frame("hydrogen", "hydrogen_electrolytic", case,
                                  h2_price["hydrogen_electrolytic"], 0.0,
                                  H2_MJ_ELECTRICITY * factor, True))
        frames.append(_fuel_frame("electricity", "electricity", case,
                                  np.full(n, ELECTRICITY_USD_PER_GJ), 0.0, factor, True))
    for fuel, kg_co2 in SMR_KG_CO2.items():
        liquefaction = 0.25 * grid
        frames.append(_fuel_frame("hydrogen", fuel, "default", h2_price[fuel], 0.0,
                                  kg_co2 / H2_LHV + liquefaction, False))
    return pd.concat(frames, ignore_index=True)


def fuel_limits() -> pd.DataFrame:
    """World supply limits, PJ/yr: biogenic SAF at its feedstock (constant), e-kerosene at
    aviation's share of renewable electricity (growing linearly to 2050)."""
    rows = [{"fuel": fuel, "region": ALL, "year": year,
             "value": round(ej * 1e3 / FEEDSTOCK_PER_FUEL[fuel], 1)}
            for fuel, ej in FEEDSTOCK_EJ.items() for year in (BASE_YEAR, 2050)]
    ptl_2050 = ELECTRICITY_2050_EJ * 1e3 * AVIATION_ELECTRICITY_SHARE / PTL_MJ_ELECTRICITY
    rows += [{"fuel": "saf_ptl", "region": ALL, "year": BASE_YEAR, "value": 0.0},
             {"fuel": "saf_ptl", "region": ALL, "year": 2050, "value": round(ptl_2050, 1)}]
    return pd.DataFrame(rows)


def write_tables(out: Path) -> list[Path]:
    """Write every table into ``out``; return the paths."""
    tables = {"powertrains": powertrains(), "fleet_base": fleet_base(), "activity": activity(),
              "fuels": fuels(), "fuel_limits": fuel_limits()}
    return [write_table(frame, out, name) for name, frame in tables.items()]


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv, __doc__.splitlines()[0], "aviation", reads_source=False)
    write_tables(args.out)
    energy = sum(a * i for a, i in zip(segment_activity().values(),
                                        segment_intensity().values(), strict=True))
    print(f"2019: energy {energy:,.0f} PJ, tank-to-wake {energy * JET_TTW:,.1f} Mt CO2, "
          f"well-to-wake {energy * JET_WTW:,.1f} Mt CO2")


if __name__ == "__main__":
    main()

"""Build sectorpath's default shipping (international, voyage-based) tables from public figures.

Usage (from the repository root)::

    python -m tools.build_data shipping [--out src/sectorpath/sectors/shipping/data]

Every figure below is written with its source; a figure marked ``ESTIMATE`` is this project's
own assumption (its reasoning is in ``SOURCES.md``). The tables are rebuilt from scratch on each
run. Scope: international shipping on the Fourth IMO GHG Study's voyage-based allocation, the
basis of the IMO 2023 Strategy's 2008 baseline; one region, ``World``.

Sources (full references in ``src/sectorpath/sectors/shipping/data/SOURCES.md``):
  [IMO4]  IMO (2021), Fourth IMO GHG Study 2020, Full Report (Faber et al.), MEPC 75/7/15.
  [DCS20] IMO (2021), MEPC 77/6/1, Report of fuel oil consumption data submitted to the IMO Ship
          Fuel Oil Consumption Database in GISIS (reporting year 2020).
  [CF]    IMO resolution MEPC.364(79) (2022), Guidelines on the method of calculation of the
          attained EEDI, table of Cf and lower calorific values.
  [FEU]   Regulation (EU) 2023/1805 (FuelEU Maritime), Annex II default well-to-tank factors,
          the same defaults as IMO's LCA Guidelines (MEPC.376(80)) for fossil pathways.
  [UNCTAD] UNCTAD, Review of Maritime Transport 2020 and 2021.
  [IEAEF] IEA (2023), The Role of E-fuels in Decarbonising Transport.
  [IRENA] IRENA & Methanol Institute (2021), Innovation Outlook: Renewable Methanol; IRENA &
          AEA (2022), Innovation Outlook: Renewable Ammonia.
  [IMO3]  IMO (2015), Third IMO GHG Study 2014, Table 9 (IEA international bunker sales).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from tools.build_data.core import WORLD, parse_args, write_table

#: International voyages (the IMO Strategy's scope) and domestic navigation with fishing, as
#: two regions; not "World": the IAMC table adds its own World total.
REGION = "International"
DOMESTIC = "Domestic"
TKM_PER_TNM = 1.852  # one nautical mile is 1.852 km

# -- 1. Transport work and energy by segment -------------------------------------------------

#: [IMO4] Table 69: 2018 cargo transport work by ship type (option 2, billion tonne-nm),
#: and Figure 5: 2018 fuel consumption by ship type (thousand t HFO-equivalent); both as
#: transcribed in MIT's public NavigaTE input repository (validation script). Fleet sizes:
#: [IMO4] Table 7 (number of ships), same transcription.
TRANSPORT_WORK_2018_BTNM = {"bulk": 26_234.0, "container": 13_406.0, "tanker": 20_185.0}
FUEL_2018_KT_HFO_EQ = {"bulk": 54_359.0, "container": 63_906.0, "tanker": 74_674.0}
SHIPS_2018 = {"bulk": 11_672, "container": 5_182, "tanker": 13_003}

#: [IMO4] executive summary / Table 1: international shipping CO2, voyage-based, 2018 (Mt).
INTERNATIONAL_CO2_2018 = 740.0
#: [CF] HFO: 3.114 t CO2/t, 40,200 kJ/kg (the study's HFO-equivalent basis).
HFO_CF, HFO_LCV = 3.114, 40.2

#: [UNCTAD] world seaborne trade volume: +0.5% in 2019 (RMT 2020), -3.8% in 2020 (RMT 2021);
#: containerised trade -1.1% in 2020 (RMT 2021).
TRADE_CHANGE_2018_2020 = {"default": 1.005 * (1 - 0.038), "container": 1.005 * (1 - 0.011)}

#: ESTIMATE: "other" (general cargo, ro-ro and vehicle carriers, ferries and ro-pax, cruise,
#: reefers, offshore and service ships on international voyages) has no tonne-km in [IMO4]'s
#: Table 69. Its energy is the residual of the voyage-based inventory; its activity assumes an
#: energy intensity of 0.25 MJ/tkm (general-cargo-like, about 2.5x the container average)
#: and a fleet of 30,000 ships.
OTHER_INTENSITY_MJ_PER_TKM = 0.25
OTHER_SHIPS = 30_000

#: [IMO4] highlights: total shipping (international, domestic and fishing) 1,056 Mt CO2 in
#: 2018; voyage-based international 740 Mt. Domestic navigation and fishing are the rest.
TOTAL_CO2_2018 = 1_056.0
#: ESTIMATE: domestic and fishing CO2 changes with world trade 2018-2020 (no 2020 inventory
#: published); they burn marine diesel/gas oil (small engines, sulphur limits near coasts);
#: activity in tonne-km equivalent at 0.5 MJ/tkm-eq (ferries, coastal cargo and fishing have
#: no common work unit; the figure only scales stock and cost); 100,000 vessels.
DOMESTIC_INTENSITY_MJ_PER_TKM = 0.5
DOMESTIC_SHIPS = 100_000

#: [DCS20] fuel used in 2020 by the 27,723 ships >= 5,000 GT that reported (Mt): 203 in total,
#: HFO 101.27, LFO 64.17, LNG 11.97 (5.90%); the rest is diesel/gas oil (other fuels < 0.1 Mt).
#: IMO: ships >= 5,000 GT emit about 85% of the CO2 of international shipping (IMO, DCS
#: summary press releases 2023-2024).
DCS_2020_MT = {"hfo": 101.27, "vlsfo": 64.17, "lng": 11.97}
DCS_2020_TOTAL_MT = 203.0
DCS_OTHER_FUELS_MT = 0.09  # ethane 0.062, used cooking oil 0.028, biofuel/LBG < 0.003
DCS_SHARE_OF_INTERNATIONAL = 0.85

# -- 2. Fuels: IMO factors, WtT factors, prices ------------------------------------------------

#: [CF] Cf (t CO2/t fuel) and LCV (GJ/t): DO/GO 3.206/42.7, LFO 3.151/41.2, HFO 3.114/40.2,
#: LNG 2.750/48.0, methanol 1.375/19.9.
CF_LCV = {"hfo": (3.114, 40.2), "vlsfo": (3.151, 41.2), "mgo": (3.206, 42.7),
          "fossil_lng": (2.750, 48.0), "fossil_methanol": (1.375, 19.9)}

#: Fuel -> (carrier, zero_emission, wtt t CO2e/GJ or {year: value}, prices {year: USD/GJ}).
#: zero_emission: well-to-wake intensity at or below 19 gCO2e/MJ, the zero/near-zero threshold
#: of the IMO Net-Zero Framework (MEPC 83, 2025) to 2034, with methane slip counted for LNG.
FUELS: dict[str, tuple[str, bool, float | dict[int, float], dict[int, float]]] = {
    # WtT [FEU]: HFO 13.5, LFO 13.2, MDO/MGO 14.4, LNG 18.5, fossil methanol 31.3 gCO2e/MJ.
    # Prices 2020: Ship & Bunker global 20-port averages of 2020 (~290 USD/t IFO380,
    # ~380 USD/t VLSFO, ~450 USD/t MGO); from 2025 the decade average of about 500 USD/t for
    # VLSFO (Ship & Bunker) scaled by grade - ESTIMATE, held flat in real terms.
    "hfo": ("liquid", False, 0.0135, {2020: 7.3, 2025: 10.5}),
    "vlsfo": ("liquid", False, 0.0132, {2020: 9.3, 2025: 12.5}),
    "mgo": ("liquid", False, 0.0144, {2020: 10.5, 2025: 15.0}),
    # ESTIMATE: waste-oil FAME/HVO bio-oil, WtT 20 g/MJ (RED II waste-oil defaults 10-20 g);
    # above 19 g/MJ so not zero/near-zero; price ~1,000-1,100 USD/t.
    "bio_oil": ("liquid", False, 0.020, {2020: 25.0, 2050: 24.0}),
    # ESTIMATE: e-diesel (Fischer-Tropsch from green H2 + captured CO2): about 1.3-1.5x
    # e-methanol [IEAEF]; WtT 3 g/MJ for renewable power.
    "e_diesel": ("liquid", True, 0.003, {2020: 70.0, 2030: 45.0, 2050: 30.0}),
    # LNG price ESTIMATE: 2020 bunker LNG ~7 USD/GJ (low gas prices), long-run ~12.
    "fossil_lng": ("lng", False, 0.0185, {2020: 7.0, 2025: 12.0}),
    # ESTIMATE: bio-LNG (biomethane) 25 USD/GJ, WtT 15 g/MJ; e-LNG 45 (2030) -> 30 (2050),
    # WtT 5 g/MJ. Neither is zero/near-zero: low-pressure dual-fuel (Otto) engines slip
    # enough methane (IMO LCA default) to exceed 19 g/MJ.
    "bio_lng": ("lng", False, 0.015, {2020: 25.0, 2050: 25.0}),
    "e_lng": ("lng", False, 0.005, {2020: 70.0, 2030: 45.0, 2050: 30.0}),
    # Fossil methanol ~300 USD/t in 2020 (15 USD/GJ), ~360 USD/t long run - ESTIMATE.
    "fossil_methanol": ("methanol", False, 0.0313, {2020: 15.0, 2025: 18.0}),
    # [IRENA] bio-methanol 320-770 USD/t today (16-39 USD/GJ): mid-range 30 falling to 25;
    # WtT 10 g/MJ - ESTIMATE.
    "bio_methanol": ("methanol", True, 0.010, {2020: 30.0, 2030: 28.0, 2050: 25.0}),
    # [IEAEF] e-methanol 47 USD/GJ (2023) -> 35 (2030) at good sites; [IRENA] 2050 250-630
    # USD/t (13-32 USD/GJ): 25 in 2050. WtT 3 g/MJ - ESTIMATE.
    "e_methanol": ("methanol", True, 0.003, {2020: 60.0, 2023: 47.0, 2030: 35.0, 2050: 25.0}),
    # ESTIMATE: blue ammonia (gas + CCS) ~1.35x grey (250 USD/t, 13.4 USD/GJ); WtT 35 g/MJ.
    "blue_ammonia": ("ammonia", False, 0.035, {2020: 18.0, 2050: 18.0}),
    # [IEAEF] e-ammonia 40 USD/GJ (2023) -> 30 (2030); [IRENA] 2050 310-610 USD/t
    # (17-33 USD/GJ): 22 in 2050. WtT 3 g/MJ - ESTIMATE.
    "e_ammonia": ("ammonia", True, 0.003, {2020: 50.0, 2023: 40.0, 2030: 30.0, 2050: 22.0}),
    # ESTIMATE: liquefied green hydrogen delivered to ships: 50 (2025) -> 35 (2030) -> 20.
    "green_h2": ("hydrogen", True, 0.003, {2020: 60.0, 2025: 50.0, 2030: 35.0, 2050: 20.0}),
    # ESTIMATE: shore power ~0.11 USD/kWh; WtT = grid CO2: IEA world average ~460 g/kWh in
    # 2020 (128 g/MJ) falling with the grid. Counted as a zero-emission energy source (zero at
    # the ship; the IMO Strategy names "energy sources"); its grid CO2 is reported in scope 2.
    "grid_electricity": ("electricity", True, {2020: 0.128, 2030: 0.09, 2040: 0.05,
                                               2050: 0.02}, {2020: 30.0, 2050: 30.0}),
}

#: Supply limits, world PJ/yr. hfo: [DCS20] HFO use in 2020 scaled to international shipping
#: (the scrubber-fitted fleet), held flat. The others are ESTIMATES of sustainable biomass and
#: CCS-backed ammonia available to international shipping (see SOURCES.md).
FUEL_LIMITS = {
    "bio_oil": {2020: 2.0, 2030: 300.0, 2040: 600.0, 2050: 800.0},
    "bio_lng": {2020: 0.0, 2030: 100.0, 2050: 500.0},
    "bio_methanol": {2020: 0.0, 2030: 150.0, 2050: 700.0},
    "blue_ammonia": {2020: 0.0, 2030: 200.0, 2050: 1500.0},
}

# -- 3. Vessels -------------------------------------------------------------------------------

#: ESTIMATE: fleet-average newbuild price per segment (million USD, 2020), from Clarksons'
#: end-2020 newbuilding prices reported by UNCTAD RMT 2021 (e.g. Capesize ~46, Panamax ~27,
#: Aframax ~47, MR tanker ~34, 8,000-14,000 TEU container ships ~80-105) weighted to the
#: average ship of each segment.
CAPEX = {"bulk": 30.0, "container": 60.0, "tanker": 40.0, "other": 25.0, "domestic": 5.0}
#: ESTIMATE: mean service life (years): average demolition ages of 25-30 years.
LIFETIME = {"bulk": 25.0, "container": 25.0, "tanker": 25.0, "other": 30.0, "domestic": 30.0}
#: ESTIMATE: non-fuel operating cost (USD per tkm): ~6,000-12,000 USD/day (crew, repairs,
#: insurance) spread over each segment's average transport work.
OTHER_OPEX = {"bulk": 0.0007, "container": 0.0009, "tanker": 0.0013, "other": 0.004,
              "domestic": 0.004}
#: Efficiency of each new vintage, fraction per year: the EEDI phases tighten the reference
#: line by 10% per phase, about every five years (MARPOL Annex VI reg. 24) - 1%/yr.
EFFICIENCY_GAIN = 0.01

#: Powertrain -> (carrier, capex factor, intensity factor, activity-per-vessel factor,
#: other-opex factor, available from, adoption midpoint, steepness, zero_emission, segments).
#: Capex factors: LNG dual-fuel +22%, methanol dual-fuel +10% (IGP Methanol 2022 summary of
#: engine and tank costs); ammonia +25%, hydrogen +60%, battery +50% - ESTIMATES. Intensity:
#: same engine efficiency for dual-fuel two-strokes, +3% for ammonia, fuel cells 0.95, batteries
#: 0.5 (electric drive) - ESTIMATES. Tank volume costs cargo space: ammonia -3%, hydrogen -10%,
#: batteries -10% - ESTIMATES. Availability: methanol dual-fuel in service 2023 (Maersk),
#: ammonia engines 2026 (MAN, WinGD announcements), hydrogen and batteries for short sea only.
ALL_SEGMENTS = ("bulk", "container", "tanker", "other", "domestic")
SHORT_SEA = ("other", "domestic")
#: Region of each segment's market.
REGION_OF = {**{seg: REGION for seg in ALL_SEGMENTS}, "domestic": DOMESTIC}
#: Deep-sea segments get the short-sea powertrains too, available only after the horizon: the
#: fleet engine needs every powertrain in every segment (a missing one divides 0 by 0).
NOT_IN_HORIZON = 2051
POWERTRAINS = {
    "ice": ("liquid", 1.00, 1.00, 1.00, 1.00, 1900, 1900.0, 1.0, False, ALL_SEGMENTS),
    "lng_df": ("lng", 1.22, 1.00, 1.00, 1.03, 2000, 2030.0, 0.3, False, ALL_SEGMENTS),
    "methanol_df": ("methanol", 1.10, 1.00, 1.00, 1.05, 2023, 2035.0, 0.35, False,
                    ALL_SEGMENTS),
    "ammonia_df": ("ammonia", 1.25, 1.03, 0.97, 1.10, 2026, 2037.0, 0.35, False, ALL_SEGMENTS),
    "hydrogen_fc": ("hydrogen", 1.60, 0.95, 0.90, 1.10, 2026, 2040.0, 0.3, True, SHORT_SEA),
    # battery: a short-sea niche of "other"; the far midpoint keeps its ceiling near 12% of
    # the segment's sales by 2050 (the engine has no absolute cap on a powertrain's share).
    "battery": ("electricity", 1.50, 0.50, 0.90, 0.90, 2020, 2070.0, 0.1, True, SHORT_SEA),
}

# -- 4. Activity growth -------------------------------------------------------------------------

#: ESTIMATE: transport work growth per year from 2020, chosen so that the baseline's 2050 CO2
#: lands inside the Fourth IMO GHG Study's business-as-usual range (90-130% of 2008).
GROWTH = {"bulk": 0.013, "container": 0.020, "tanker": 0.008, "other": 0.015,
          "domestic": 0.010}


def energy_2020_pj() -> dict[str, float]:
    """2020 international energy (PJ = Mt x GJ/t) by DCS fuel group, scaled to international
    shipping."""
    diesel = (DCS_2020_TOTAL_MT - sum(DCS_2020_MT.values()) - DCS_OTHER_FUELS_MT)
    lcv = {"hfo": CF_LCV["hfo"][1], "vlsfo": CF_LCV["vlsfo"][1], "lng": CF_LCV["fossil_lng"][1]}
    out = {fuel: mass * lcv[fuel] / DCS_SHARE_OF_INTERNATIONAL
           for fuel, mass in DCS_2020_MT.items()}
    out["mgo"] = diesel * CF_LCV["mgo"][1] / DCS_SHARE_OF_INTERNATIONAL
    return out


def segment_energy_shares() -> dict[str, float]:
    """2018 shares of international energy by segment ([IMO4] Fig. 5; 'other' the residual)."""
    total = INTERNATIONAL_CO2_2018 / HFO_CF  # Mt HFO-equivalent
    main = {seg: kt / 1e3 for seg, kt in FUEL_2018_KT_HFO_EQ.items()}
    shares = {seg: fuel / total for seg, fuel in main.items()}
    shares["other"] = 1.0 - sum(shares.values())
    return shares


def activity_2020() -> dict[str, float]:
    """2020 activity by segment, billion tkm."""
    out = {seg: work * TKM_PER_TNM * TRADE_CHANGE_2018_2020.get(seg,
                                                                TRADE_CHANGE_2018_2020["default"])
           for seg, work in TRANSPORT_WORK_2018_BTNM.items()}
    other_energy = sum(energy_2020_pj().values()) * segment_energy_shares()["other"]
    out["other"] = other_energy / OTHER_INTENSITY_MJ_PER_TKM  # PJ / (MJ/tkm) = billion tkm
    out["domestic"] = domestic_energy_2020_pj() / DOMESTIC_INTENSITY_MJ_PER_TKM
    return out


def domestic_energy_2020_pj() -> float:
    """Domestic navigation and fishing energy in 2020: [IMO4]'s 2018 CO2 (total less
    international), changed with world trade to 2020, on marine gas oil."""
    co2 = (TOTAL_CO2_2018 - INTERNATIONAL_CO2_2018) * TRADE_CHANGE_2018_2020["default"]
    return co2 / _ttw("mgo")


def intensities_2020() -> dict[str, float]:
    """Fleet-average energy intensity by segment, MJ/tkm (2020 energy / 2020 activity)."""
    energy = sum(energy_2020_pj().values())
    shares = segment_energy_shares()
    activity = activity_2020()
    out = {seg: energy * shares[seg] / activity[seg] for seg in ALL_SEGMENTS
           if seg != "domestic"}
    out["domestic"] = DOMESTIC_INTENSITY_MJ_PER_TKM
    return out


def lng_share_of_tankers() -> float:
    """Share of tanker activity on LNG (LNG carriers burning boil-off gas): all 2020 LNG."""
    energy = energy_2020_pj()
    tanker_energy = sum(energy.values()) * segment_energy_shares()["tanker"]
    return energy["lng"] / tanker_energy


def ships(segment: str) -> float:
    return float({"other": OTHER_SHIPS, "domestic": DOMESTIC_SHIPS}.get(segment)
                 or SHIPS_2018[segment])


def powertrain_rows() -> list[dict[str, object]]:
    activity = activity_2020()
    intensity = intensities_2020()
    rows = []
    for segment in ALL_SEGMENTS:
        per_vessel = activity[segment] * 1e3 / ships(segment)  # million tkm per ship-year
        for name, spec in POWERTRAINS.items():
            (carrier, capex_f, int_f, act_f, opex_f, available, midpoint, steepness, ze,
             segments) = spec
            if segment not in segments:
                available = NOT_IN_HORIZON
            rows.append({
                "segment": segment, "powertrain": name, "carrier": carrier,
                "available_from": available, "lifetime_years": LIFETIME[segment],
                "capex": round(CAPEX[segment] * capex_f, 3),
                "activity_per_vehicle": round(per_vessel * act_f, 3),
                "intensity": round(intensity[segment] * int_f, 8),
                "efficiency_gain": EFFICIENCY_GAIN,
                "other_opex": round(OTHER_OPEX[segment] * opex_f, 6),
                "adoption_midpoint": midpoint, "adoption_steepness": steepness,
                "zero_emission": str(ze).lower(), "infrastructure_capex": 0.0,
            })
    return rows


def fleet_base_rows() -> list[dict[str, object]]:
    activity = activity_2020()
    lng = lng_share_of_tankers()
    rows = []
    for segment in ALL_SEGMENTS:
        on_lng = lng * activity[segment] if segment == "tanker" else 0.0
        rows.append({"segment": segment, "region": REGION_OF[segment], "powertrain": "ice",
                     "activity": round(activity[segment] - on_lng, 3)})
        if on_lng:
            rows.append({"segment": segment, "region": REGION, "powertrain": "lng_df",
                         "activity": round(on_lng, 3)})
    return rows


def activity_rows() -> list[dict[str, object]]:
    base = activity_2020()
    return [{"segment": seg, "region": REGION_OF[seg], "year": year, "scenario": "bau",
             "value": round(base[seg] * (1 + GROWTH[seg]) ** (year - 2020), 3),
             "unit": "billion tkm"}
            for seg in ALL_SEGMENTS for year in range(2020, 2051, 5)]


def _ttw(fuel: str) -> float:
    """t CO2/GJ tank-to-wake: Cf / LCV for fossil fuels, 0 for biogenic and e-fuel carbon."""
    if fuel not in CF_LCV:
        return 0.0
    cf, lcv = CF_LCV[fuel]
    return round(cf / lcv, 6)


#: ESTIMATE: domestic ships and fishing vessels burn marine gas oil: small high-speed engines
#: and 0.1% sulphur limits in many coastal waters; residual fuels are priced above MGO there.
DOMESTIC_RESIDUAL_PREMIUM = 0.5  # USD/GJ over MGO


def fuel_rows() -> list[dict[str, object]]:
    rows = []
    for fuel, (carrier, ze, wtt, prices) in FUELS.items():
        wtt_path = wtt if isinstance(wtt, dict) else {2020: wtt}
        years = sorted({*prices, *wtt_path, *FUELS["mgo"][3], 2050})
        for year in years:
            row = {"carrier": carrier, "fuel": fuel, "region": WORLD, "year": year,
                   "case": "default", "price": _at(prices, year), "ttw": _ttw(fuel),
                   "wtt": _at(wtt_path, year), "zero_emission": str(ze).lower()}
            rows.append(row)
            if fuel in ("hfo", "vlsfo"):
                rows.append({**row, "region": DOMESTIC, "price": round(
                    _at(FUELS["mgo"][3], year) + DOMESTIC_RESIDUAL_PREMIUM, 6)})
    return rows


def _at(path: dict[int, float], year: int) -> float:
    """Linear interpolation of a {year: value} path, flat outside it."""
    years = sorted(path)
    if year <= years[0]:
        return path[years[0]]
    if year >= years[-1]:
        return path[years[-1]]
    for lo, hi in itertools.pairwise(years):
        if lo <= year <= hi:
            return round(path[lo] + (path[hi] - path[lo]) * (year - lo) / (hi - lo), 6)
    raise AssertionError("unreachable")


#: Conversions of existing ICE ships to dual fuel (retrofits.csv). ESTIMATES: a conversion
#: costs this fraction of the segment's conventional newbuild (engine parts, fuel tanks, fuel
#: preparation room and supply system; Maersk Halifax, the first large container-ship methanol
#: retrofit, took 88 days at Zhoushan Xinya in 2024, Ship & Bunker 2024-11-18; no cost
#: published); ships convert at a mid-life special survey (ages 5-15); at most 2% of the eligible
#: ships a year (MAN ES expects 50-80 engine retrofits a year worldwide in 2024, PortNews
#: 2024-03-12: today's rate is far lower, this allows for yards scaling up).
RETROFITS = {"methanol_df": (0.25, 2024), "ammonia_df": (0.30, 2028)}
RETROFIT_SHARE, RETROFIT_AGES = 0.02, (5, 15)


def retrofit_rows() -> list[dict[str, object]]:
    return [{"segment": segment, "from_powertrain": "ice", "to_powertrain": target,
             "capex": round(CAPEX[segment] * share, 3), "available_from": year,
             "max_share": RETROFIT_SHARE, "min_age": RETROFIT_AGES[0],
             "max_age": RETROFIT_AGES[1]}
            for segment in ("bulk", "container", "tanker") for target, (share, year)
            in RETROFITS.items()]


def fuel_limit_rows() -> list[dict[str, object]]:
    """The HFO limit (scrubber-fitted ships) is world-wide and the engine shares a world limit
    pro rata to each region's liquid-fuel demand: it is scaled up so that international
    shipping's share is its DCS HFO use (domestic ships burn MGO, see fuel_rows)."""
    energy = energy_2020_pj()
    international_liquid = sum(v for k, v in energy.items() if k != "lng")
    scale = (international_liquid + domestic_energy_2020_pj()) / international_liquid
    hfo = round(energy["hfo"] * scale, 1)
    rows: list[dict[str, object]] = [{"fuel": "hfo", "region": WORLD, "year": year,
                                      "value": hfo} for year in (2020, 2050)]
    for fuel, path in FUEL_LIMITS.items():
        rows += [{"fuel": fuel, "region": WORLD, "year": y, "value": v} for y, v in path.items()]
    return rows


def write(out: Path, name: str, rows: Iterable[dict[str, object]]) -> None:
    """One table from its rows, each value written as given (object columns: ints stay ints)."""
    write_table(pd.DataFrame(list(rows), dtype=object), out, name)


def main(argv: Sequence[str] | None = None) -> None:
    out = parse_args(argv, __doc__.splitlines()[0], "shipping", reads_source=False).out
    write(out, "powertrains", powertrain_rows())
    write(out, "fleet_base", fleet_base_rows())
    write(out, "activity", activity_rows())
    write(out, "fuels", fuel_rows())
    write(out, "fuel_limits", fuel_limit_rows())
    write(out, "retrofits", retrofit_rows())
    energy = energy_2020_pj()
    print(f"2020 energy {sum(energy.values()):,.0f} PJ by fuel {energy}")
    print(f"segment shares {segment_energy_shares()}")
    print(f"activity 2020 {activity_2020()}")
    print(f"intensities {intensities_2020()}")


if __name__ == "__main__":
    main()

"""Aviation: 2019 calibration against public figures, run invariants, the AeroMAPS comparison
of the ``aeromaps-reference`` scenario and refusal of bad data.

2019 references (tolerance 5%):
- tank-to-wake CO2 of commercial aviation: 920 Mt (ICCT 2020, CO2 emissions from commercial
  aviation: 2013, 2018, and 2019) and 915 Mt (ATAG, Facts & Figures, 2019 flights);
- jet fuel: 96 billion US gallons used by the world's airlines (IATA, as reported by Aviation
  Week 2021), i.e. 96e9 x 3.785 l x 0.8 kg/l x 43.2 MJ/kg = 12,558 PJ;
- passenger traffic: 8,686 billion RPK (ICAO annual report 2019, via AeroMAPS' data).
AeroMAPS comparison (tolerance 10% every year 2019-2050): well-to-wake CO2 of AeroMAPS 1.2.0
with the same assumptions, saved in tests/data/aeromaps/ (README there).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import cast

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.engine.fleet import FleetTrajectory
from sectorpath.errors import InputError
from sectorpath.results import Results
from sectorpath.scenarios.model import load_scenario
from sectorpath.sectors import get_sector
from sectorpath.sectors.aviation import NON_CO2_FACTOR
from tests.conftest import DATA, copy_sector_data

SCENARIOS = ("baseline", "least-cost", "net-zero", "aeromaps-reference")
TTW_2019_ICCT, TTW_2019_ATAG = 920.0, 915.0
ENERGY_2019_IATA = 96e9 * 3.785 * 0.8 * 43.2 / 1e9  # PJ
RPK_2019_ICAO = 8_685.67
CALIBRATION = 0.05
AEROMAPS = 0.10
REFERENCE = DATA / "aeromaps" / "aeromaps_reference.csv"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "compare_aeromaps.py"
WTW = "Emissions Well-to-Wake|CO2|Transportation|Aviation"
TTW = "Emissions|CO2|Transportation|Aviation|Scope 1"


@pytest.fixture(scope="module")
def runs() -> dict[str, Results]:
    return {name: sectorpath.run("aviation", name) for name in SCENARIOS}


def _fleet(results: Results) -> FleetTrajectory:
    return cast(FleetTrajectory, results.trajectory)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    return copy_sector_data("aviation", tmp_path)


# -- 2019 calibration --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_2019_co2_within_5pct_of_icct_and_atag(runs: dict[str, Results], name: str) -> None:
    co2 = runs[name].world(TTW)[2019]
    assert co2 == pytest.approx(TTW_2019_ICCT, rel=CALIBRATION)
    assert co2 == pytest.approx(TTW_2019_ATAG, rel=CALIBRATION)


@pytest.mark.parametrize("name", SCENARIOS)
def test_2019_energy_within_5pct_of_iata_fuel(runs: dict[str, Results], name: str) -> None:
    assert runs[name].world("Final Energy|Transportation|Aviation")[2019] == pytest.approx(
        ENERGY_2019_IATA, rel=CALIBRATION)


def test_2019_passenger_traffic_is_icao(runs: dict[str, Results]) -> None:
    world = runs["baseline"].world
    passenger = sum(world(f"Energy Service|Transportation|Aviation|{s}")[2019]
                    for s in ("short_haul", "medium_haul", "long_haul"))
    assert passenger == pytest.approx(RPK_2019_ICAO, rel=CALIBRATION)
    # freight at 10 pkm-equivalent per RTK: 225 billion RTK (ICAO)
    assert world("Energy Service|Transportation|Aviation|freight")[2019] == pytest.approx(2_250.0, rel=1e-3)


def test_non_co2_is_the_lee_forcing_ratio_of_tank_to_wake(runs: dict[str, Results]) -> None:
    world = runs["baseline"].world
    assert pytest.approx(1.94, abs=0.01) == NON_CO2_FACTOR
    assert np.allclose(world("Emissions Non-CO2|CO2e|Transportation|Aviation"), NON_CO2_FACTOR * world(TTW))


# -- invariants --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_activity_served_equals_demand(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    assert np.allclose(t.activity.sum(axis=2), t.inputs.activity, rtol=1e-9)


@pytest.mark.parametrize("name", SCENARIOS)
def test_fuel_energy_is_activity_times_intensity(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    table = pd.read_csv(get_sector("aviation").data_dir / "powertrains.csv")
    intensity = table[table["powertrain"] == "kerosene"].set_index("segment")["intensity"]
    first = t.energy[0].sum(axis=1)  # 2019: every market is kerosene at its fleet average
    expected = np.array([t.inputs.activity[0, m] * intensity[t.inputs.segments[s]]
                         for m, s in enumerate(t.inputs.market_segment)])
    assert np.allclose(first, expected, rtol=1e-9)
    assert np.allclose(t.fuel_energy.sum(axis=(1, 2)), t.energy.sum(axis=(1, 2)), rtol=1e-9)
    served = np.maximum(t.activity, 1e-12)
    assert np.all(t.energy / served * (t.activity > 0) >= 0)


@pytest.mark.parametrize("name", SCENARIOS)
def test_blends_sum_to_one(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    x = t.inputs
    for k, carrier in enumerate(x.carriers):
        used = t.fuel_energy[:, :, x.fuel_carrier == k].sum(axis=2) > 1e-9
        blend = t.blend[:, :, x.fuel_carrier == k].sum(axis=2)
        assert np.allclose(blend[used], 1.0), carrier


@pytest.mark.parametrize("name", SCENARIOS)
def test_emissions_add_up_over_fuels_and_powertrains(runs: dict[str, Results],
                                                     name: str) -> None:
    results = runs[name]
    t = _fleet(results)
    by_fuel_ttw = (t.fuel_energy * t.inputs.ttw).sum(axis=(1, 2))
    by_fuel_wtt = (t.fuel_energy * t.inputs.wtt).sum(axis=(1, 2))
    assert np.allclose(t.ttw.sum(axis=(1, 2)), by_fuel_ttw)
    assert np.allclose(t.wtt.sum(axis=(1, 2)), by_fuel_wtt)
    iamc = results.iamc[results.iamc["region"] == "World"]
    children = iamc[iamc["variable"].str.startswith(f"{TTW}|")]
    total = children.groupby("year")["value"].sum()
    assert np.allclose(total.reindex(t.inputs.years, fill_value=0.0), results.world(TTW))
    assert np.allclose(results.world(WTW), by_fuel_ttw + by_fuel_wtt)


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_negative_stock_or_sales(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    for cube in (t.capacity, t.vehicles, t.sales_vehicles, t.energy, t.fuel_energy):
        assert np.all(cube >= -1e-9) and np.all(np.isfinite(cube))


@pytest.mark.parametrize("name", SCENARIOS)
def test_supply_limits_hold(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    limited = np.isfinite(t.inputs.fuel_limit)
    used = t.fuel_energy.sum(axis=1)
    assert np.all(used[limited] <= t.inputs.fuel_limit[limited] * (1 + 1e-9) + 1e-6)


def test_mandates_are_met_within_supply(runs: dict[str, Results]) -> None:
    t = _fleet(runs["least-cost"])
    x = t.inputs
    ptl = x.fuels.index("saf_ptl")
    years = list(x.years)
    assert t.blend[years.index(2030), 0, ptl] == pytest.approx(0.012, abs=1e-6)
    assert t.blend[years.index(2040), 0, ptl] == pytest.approx(0.10, abs=1e-6)
    hefa, liquid = x.fuels.index("saf_hefa"), x.carriers.index("liquid")
    i = years.index(2040)  # floor 5%; cheaper than fossil + 205 USD/t, so up to the waste oils
    liquid_energy = t.fuel_energy[i, 0, x.fuel_carrier == liquid].sum()
    assert t.fuel_energy[i, 0, hefa] >= 0.05 * liquid_energy
    assert t.fuel_energy[i, 0, hefa] == pytest.approx(x.fuel_limit[i, hefa])


def test_policies_cut_emissions_in_order(runs: dict[str, Results]) -> None:
    cumulative = {name: runs[name].world(WTW).sum() for name in SCENARIOS}
    assert cumulative["net-zero"] < cumulative["least-cost"] < cumulative["baseline"]
    assert runs["net-zero"].world(TTW)[2050] < 0.01 * runs["baseline"].world(TTW)[2019]


def test_covid_years_follow_observed_traffic(runs: dict[str, Results]) -> None:
    world = runs["baseline"].world
    passenger = pd.concat([world(f"Energy Service|Transportation|Aviation|{s}")
                           for s in ("short_haul", "medium_haul", "long_haul")], axis=1).sum(axis=1)
    assert passenger[2020] / passenger[2019] == pytest.approx(2_950.654 / 8_664.032)  # A4A
    assert _fleet(runs["baseline"]).sales_vehicles[1].sum() == 0.0  # idle fleet, no sales


def _user_growth(tmp_path: Path, growth: str) -> Path:
    """A user's file on the baseline, growing from 2025 with the ``growth`` TOML lines."""
    user = tmp_path / "growth.toml"
    user.write_text('extends = "baseline"\nname = "user-growth"\nsector = "aviation"\n'
                    f"[transport]\ngrowth_from = 2025\n{growth}", encoding="utf-8")
    return user


def test_user_growth_from_2025_keeps_the_covid_dip(runs: dict[str, Results],
                                                   tmp_path: Path) -> None:
    """A user's file: 2%/yr from 2025 on top of the published path (2019-2024 observed)."""
    grown = sectorpath.run("aviation", _user_growth(tmp_path, "[transport.activity_growth]\n"
                                                              "all = 0.02\n"))
    published, ours = _fleet(runs["baseline"]).inputs.activity, _fleet(grown).inputs.activity
    years = list(_fleet(grown).inputs.years)
    dip = years.index(2020)
    assert np.allclose(ours[:years.index(2025)], published[:years.index(2025)])  # dip kept
    assert ours[dip].sum() < 0.5 * ours[0].sum()
    assert np.allclose(ours[years.index(2025)], 1.02 * published[years.index(2024)])
    assert np.allclose(ours[-1], 1.02 ** 26 * published[years.index(2024)])


def test_growth_by_decade_as_the_aeromaps_tutorial(runs: dict[str, Results],
                                                   tmp_path: Path) -> None:
    user = _user_growth(tmp_path, "[transport.activity_growth.short_haul]\n2025 = 0.03\n"
                        "2030 = 0.02\n2040 = 0.01\n")
    x = _fleet(sectorpath.run("aviation", user)).inputs
    years, short = list(x.years), x.segments.index("short_haul")
    m = int(np.flatnonzero(x.market_segment == short)[0])
    base = _fleet(runs["baseline"]).inputs.activity
    expected = base[years.index(2024), m] * 1.03 ** 5 * 1.02 ** 10 * 1.01 ** 11
    assert x.activity[-1, m] == pytest.approx(expected)
    others = x.market_segment != short  # untouched segments keep the published path
    assert np.allclose(x.activity[:, others], base[:, others])


# -- AeroMAPS ----------------------------------------------------------------------------------


def _reference() -> pd.DataFrame:
    return pd.read_csv(REFERENCE, index_col="year")


def test_co2_within_10pct_of_saved_aeromaps_reference(runs: dict[str, Results]) -> None:
    reference = _reference()["co2_wtw_mt"]
    ours = runs["aeromaps-reference"].world(WTW).reindex(reference.index)
    assert list(reference.index) == list(range(2019, 2051))
    ratio = ours / reference
    assert np.all(np.abs(ratio - 1) < AEROMAPS), ratio[np.abs(ratio - 1) >= AEROMAPS]


def test_energy_and_hydrogen_share_follow_aeromaps(runs: dict[str, Results]) -> None:
    reference = _reference()
    world = runs["aeromaps-reference"].world
    energy = world("Final Energy|Transportation|Aviation").reindex(reference.index)
    assert np.all(np.abs(energy / reference["energy_pj"] - 1) < AEROMAPS)
    share = 100 * (world("Activity|Transportation|Aviation|hydrogen_sh")
                   / world("Energy Service|Transportation|Aviation|short_haul")).reindex(reference.index)
    assert np.allclose(share, reference["h2_ask_share_short_range_pct"], atol=0.5)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_aeromaps", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_co2_within_10pct_of_live_aeromaps(runs: dict[str, Results]) -> None:
    pytest.importorskip("aeromaps", reason="aeromaps is not installed: pip install aeromaps "
                        "(needs numpy<2)")
    live, _ = _tool().run_aeromaps()
    ours = runs["aeromaps-reference"].world(WTW).reindex(live.index)
    assert np.all(np.abs(ours / live["co2_wtw_mt"] - 1) < AEROMAPS)


def test_saved_hydrogen_sales_shares_are_the_derived_ones() -> None:
    derived = _tool().hydrogen_sales_shares(_reference())
    stated = load_scenario("aviation", "aeromaps-reference").transport.sales_share["hydrogen_sh"]
    for year, share in stated.items():
        assert share == pytest.approx(derived[year], abs=6e-4), year


# -- bad input ---------------------------------------------------------------------------------


def _refused(folder: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        sectorpath.run("aviation", "baseline", data_dir=folder)
    return caught.value


def _edit(folder: Path, table: str, edit: object) -> None:
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path)
    frame = edit(frame)  # type: ignore[operator]
    frame.to_csv(path, index=False)


def test_missing_column_is_named(data_copy: Path) -> None:
    _edit(data_copy, "powertrains", lambda f: f.drop(columns="lifetime_years"))
    error = _refused(data_copy)
    assert "powertrains.csv" in error.source and "lifetime_years" in str(error)


def test_negative_price_is_refused(data_copy: Path) -> None:
    _edit(data_copy, "fuels", lambda f: f.assign(price=f["price"].where(f.index != 3, -1.0)))
    error = _refused(data_copy)
    assert "fuels.csv" in error.source and "price" in str(error)


def test_unknown_powertrain_in_fleet_base(data_copy: Path) -> None:
    _edit(data_copy, "fleet_base",
          lambda f: f.assign(powertrain=f["powertrain"].where(f.index != 0, "zeppelin")))
    error = _refused(data_copy)
    assert "fleet_base.csv" in error.source and error.field == "powertrain"
    assert "zeppelin" in str(error)


def test_year_out_of_range(data_copy: Path) -> None:
    _edit(data_copy, "activity", lambda f: f.assign(year=f["year"].where(f.index != 5, 2061)))
    error = _refused(data_copy)
    assert "activity.csv" in error.source and "year" in str(error)


@pytest.mark.parametrize(("table", "known"), [("fuel_share", "saf_hefa"),
                                              ("sales_share", "hydrogen_sh"),
                                              ("efficiency_gain", "battery_sh")])
def test_unknown_name_in_a_scenario_table(tmp_path: Path, table: str, known: str) -> None:
    value = "0.01" if table == "efficiency_gain" else "{ 2030 = 0.1 }"
    scenario = tmp_path / "bad.toml"
    scenario.write_text(f'extends = "baseline"\nname = "bad"\nsector = "aviation"\n'
                        f"[transport.{table}]\nunobtanium = {value}\n")
    with pytest.raises(InputError) as caught:
        sectorpath.run("aviation", scenario)
    assert caught.value.field == f"transport.{table}.unobtanium"
    assert known in str(caught.value.allowed)

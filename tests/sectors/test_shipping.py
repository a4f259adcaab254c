"""Shipping (international, IMO voyage-based): 2020 against the IMO figures, run invariants,
the IMO 2023 Strategy checkpoints, the three built-in scenarios and refusal of bad data.

2020 references (sources in src/sectorpath/sectors/shipping/data/SOURCES.md), tolerance 5%:
- IMO DCS 2020 (MEPC 77/6/1): ships >= 5,000 GT used 203 Mt of fuel (HFO 101.27, LFO 64.17,
  LNG 11.97, diesel/gas oil the rest but 0.09 Mt of other fuels); IMO: these ships emit about
  85% of international shipping's CO2. Scaled by 1/0.85 with MEPC.364(79) factors:
  9,857 PJ and 744 Mt CO2 (tank-to-wake).
- Fourth IMO GHG Study 2020: international shipping CO2, voyage-based, 740 Mt in 2018 (the
  study's last year; seaborne trade in 2020 was within 4% of 2018, UNCTAD), i.e.
  740 / (3.114 t/t / 40.2 GJ/t) = 9,553 PJ of HFO-equivalent energy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import sectorpath
from sectorpath.cli import app
from sectorpath.engine.fleet import FleetTrajectory
from sectorpath.errors import InputError
from sectorpath.fleet_inputs import load_fleet_data
from sectorpath.results import Results
from sectorpath.sectors.shipping import (
    BASELINE_2008_TTW,
    BASELINE_2008_WTW,
    TANK_TO_WAKE,
    checkpoints,
    international,
)
from tests.conftest import copy_sector_data

SCENARIOS = ("baseline", "imo-2023", "least-cost")
TOLERANCE = 0.05
LABEL = "Shipping"

# (Mt fuel, t CO2 per t, GJ per t): IMO DCS 2020 by fuel group, MEPC.364(79) factors
DCS_2020 = {"hfo": (101.27, 3.114, 40.2), "lfo": (64.17, 3.151, 41.2),
            "lng": (11.97, 2.750, 48.0), "diesel": (203.0 - 101.27 - 64.17 - 11.97 - 0.09,
                                                     3.206, 42.7)}
DCS_SHARE = 0.85
IMO4_CO2_2018 = 740.0
IMO4_TOTAL_CO2_2018 = 1_056.0  # international, domestic and fishing
IMO4_ENERGY_2018 = IMO4_CO2_2018 / 3.114 * 40.2  # PJ, HFO-equivalent


DCS_CO2 = sum(mass * cf for mass, cf, _ in DCS_2020.values()) / DCS_SHARE  # Mt CO2
DCS_ENERGY = sum(mass * lcv for mass, _, lcv in DCS_2020.values()) / DCS_SHARE  # PJ


@pytest.fixture(scope="module")
def runs() -> dict[str, Results]:
    return {name: sectorpath.run("shipping", name) for name in SCENARIOS}


def _fleet(results: Results) -> FleetTrajectory:
    trajectory = results.trajectory
    assert isinstance(trajectory, FleetTrajectory)
    return trajectory


@pytest.fixture()
def shipping_data(tmp_path: Path) -> Path:
    return copy_sector_data("shipping", tmp_path)


# -- 2020 against the IMO figures -------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_2020_energy_and_co2_match_imo_dcs(runs: dict[str, Results], name: str) -> None:
    def world(variable: str) -> pd.Series:
        return international(runs[name], variable)

    assert pytest.approx(743.9, abs=0.5) == DCS_CO2  # the reference itself
    assert world("Final Energy|Transportation|Shipping")[2020] == pytest.approx(DCS_ENERGY, rel=TOLERANCE)
    assert world("Emissions|CO2|Transportation|Shipping|Scope 1")[2020] == pytest.approx(DCS_CO2, rel=TOLERANCE)


def test_2020_within_5_percent_of_the_fourth_imo_ghg_study(runs: dict[str, Results]) -> None:
    def world(variable: str) -> pd.Series:
        return international(runs["baseline"], variable)

    assert world("Emissions|CO2|Transportation|Shipping|Scope 1")[2020] == pytest.approx(IMO4_CO2_2018,
                                                                           rel=TOLERANCE)
    assert world("Final Energy|Transportation|Shipping")[2020] == pytest.approx(IMO4_ENERGY_2018, rel=TOLERANCE)


def test_2020_fuel_mix_follows_the_dcs(runs: dict[str, Results]) -> None:
    def fuel(variable: str) -> pd.Series:
        return international(runs["baseline"], variable)

    for ours, dcs in (("hfo", "hfo"), ("vlsfo", "lfo"), ("mgo", "diesel"), ("fossil_lng", "lng")):
        mass, _, lcv = DCS_2020[dcs]
        assert fuel(f"Fuel Use|Transportation|Shipping|{ours}")[2020] == pytest.approx(
            mass * lcv / DCS_SHARE, rel=0.02), ours


def test_total_shipping_2020_against_the_fourth_imo_study_total(runs: dict[str, Results]) -> None:
    """International, domestic and fishing: 1,056 Mt CO2 in 2018 (Fourth IMO GHG Study). The
    model's first year is 2020: international from the 2020 DCS (744 Mt), domestic and
    fishing the study's 316 Mt changed with world trade 2018-2020 (-3.3%, UNCTAD)."""
    world = runs["baseline"].world("Emissions|CO2|Transportation|Shipping|Scope 1")[2020]
    assert world == pytest.approx(IMO4_TOTAL_CO2_2018, rel=TOLERANCE)
    domestic = runs["baseline"].iamc
    domestic = domestic[(domestic["region"] == "Domestic") & (domestic["year"] == 2020) & (
        domestic["variable"] == "Emissions|CO2|Transportation|Shipping|Scope 1")]["value"]
    assert float(domestic.iloc[0]) == pytest.approx((1056.0 - 740.0) * 1.005 * 0.962,
                                                    rel=0.01)


# -- invariants ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_activity_served_equals_demand(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    assert np.allclose(t.activity.sum(axis=2), t.inputs.activity, rtol=1e-9)
    assert t.activity[-1].sum() > 1.4 * t.activity[0].sum()  # demand grows to 2050


@pytest.mark.parametrize("name", SCENARIOS)
def test_fuel_energy_equals_activity_times_intensity(runs: dict[str, Results],
                                                     name: str) -> None:
    t = _fleet(runs[name])
    assert np.allclose(t.fuel_energy.sum(axis=(1, 2)), t.energy.sum(axis=(1, 2)), rtol=1e-9)
    a = t.inputs.attributes
    published = (t.activity[0] * a["intensity"]).sum()  # billion tkm x MJ/tkm = PJ
    assert t.energy[0].sum() == pytest.approx(published, rel=1e-9)


@pytest.mark.parametrize("name", SCENARIOS)
def test_blends_sum_to_one(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    x = t.inputs
    for k, carrier in enumerate(x.carriers):
        members = x.fuel_carrier == k
        used = t.fuel_energy[:, :, members].sum(axis=2) > 1e-9
        assert np.allclose(t.blend[:, :, members].sum(axis=2)[used], 1.0), carrier


@pytest.mark.parametrize("name", SCENARIOS)
def test_emissions_add_up_over_fuels_and_powertrains(runs: dict[str, Results],
                                                     name: str) -> None:
    results = runs[name]
    t = _fleet(results)
    x = t.inputs
    assert np.allclose(t.ttw.sum(axis=(1, 2)), (t.fuel_energy * x.ttw).sum(axis=(1, 2)))
    assert np.allclose(t.wtt.sum(axis=(1, 2)), (t.fuel_energy * x.wtt).sum(axis=(1, 2)))
    world = results.world
    scopes = (world("Emissions|CO2|Transportation|Shipping")
              + world("Emissions Upstream|CO2|Transportation|Shipping"))
    assert np.allclose(scopes, world("Emissions Well-to-Wake|CO2|Transportation|Shipping"))
    by_powertrain = sum(world(f"Emissions|CO2|Transportation|Shipping|Scope 1|{p}")
                        for p in x.powertrains
                        if f"Emissions|CO2|Transportation|Shipping|Scope 1|{p}" in set(results.iamc["variable"]))
    assert np.allclose(by_powertrain, world("Emissions|CO2|Transportation|Shipping|Scope 1"))


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_negative_or_missing_stock(runs: dict[str, Results], name: str) -> None:
    t = _fleet(runs[name])
    for array in (t.capacity, t.vehicles, t.sales_vehicles, t.fuel_energy, t.investment):
        assert np.all(np.isfinite(array)) and np.all(array >= -1e-9)


def test_supply_limits_hold(runs: dict[str, Results]) -> None:
    t = _fleet(runs["imo-2023"])
    x = t.inputs
    for fuel in ("bio_oil", "bio_lng", "bio_methanol", "blue_ammonia", "hfo"):
        f = x.fuels.index(fuel)
        assert np.all(t.fuel_energy[:, :, f].sum(axis=1) <= x.fuel_limit[:, f] * (1 + 1e-9)), fuel


def test_imo_2023_mandates_are_met(runs: dict[str, Results]) -> None:
    t = _fleet(runs["imo-2023"])
    x = t.inputs
    year = list(x.years).index(2030)
    for fuel, share in (("e_ammonia", 0.5), ("e_methanol", 0.4), ("e_diesel", 0.06)):
        assert t.blend[year, 0, x.fuels.index(fuel)] >= share - 1e-9, fuel


def test_deep_sea_segments_never_sell_batteries_or_hydrogen(runs: dict[str, Results]) -> None:
    t = _fleet(runs["least-cost"])
    x = t.inputs
    deep = [m for m, s in enumerate(x.market_segment)
            if x.segments[s] not in ("other", "domestic")]
    for name in ("battery", "hydrogen_fc"):
        assert np.all(t.sales_share[:, deep, x.powertrains.index(name)] == 0.0)


# -- the IMO 2023 Strategy checkpoints ---------------------------------------------------------


@dataclass
class _Fake:
    """International series of a made-up run: WtW and ZE share chosen by the test."""

    wtw: dict[int, float]
    share: dict[int, float]

    @property
    def iamc(self) -> pd.DataFrame:
        rows = [("International", "Zero-Emission Fuel Share|Transportation|Shipping", y, v)
                for y, v in self.share.items()]
        rows += [("International", "Emissions Well-to-Wake|CO2|Transportation|Shipping", y, v)
                 for y, v in self.wtw.items()]
        return pd.DataFrame(rows, columns=["region", "variable", "year", "value"])


def test_checkpoints_compute_reductions_and_flags() -> None:
    half = BASELINE_2008_WTW / 2
    fake = _Fake({2030: 0.75 * BASELINE_2008_WTW, 2040: half, 2050: 0.0},
                 {2030: 7.0})
    table = checkpoints(fake)
    assert list(table.columns) == ["checkpoint", "year", "target", "modelled", "met",
                                   "shortfall"]
    assert table["shortfall"].round(6).tolist() == [0.0, 5.0, 20.0, 30.0, 0.0, 0.0, 3.0]
    assert table["modelled"].round(6).tolist() == [25.0, 25.0, 50.0, 50.0, 100.0, 7.0, 7.0]
    assert table["met"].tolist() == [True, False, False, False, True, True, False]


def test_2008_baseline_is_the_study_figure_on_a_well_to_wake_basis() -> None:
    assert BASELINE_2008_TTW == 794.0
    # 794 Mt x 93.3 / 77.2 g/MJ: well-to-tank adds about a fifth to tank-to-wake
    assert pytest.approx(959.9, abs=0.5) == BASELINE_2008_WTW


@pytest.mark.parametrize("name", SCENARIOS)
def test_checkpoints_are_reported_per_scenario(runs: dict[str, Results], name: str) -> None:
    results = runs[name]
    table = checkpoints(results)
    wtw = international(results, "Emissions Well-to-Wake|CO2|Transportation|Shipping")
    assert len(table) == 7
    assert table.loc[0, "modelled"] == pytest.approx(100 * (1 - wtw[2030] / BASELINE_2008_WTW))
    share = international(results, "Zero-Emission Fuel Share|Transportation|Shipping")[2030]
    assert table.loc[5, "modelled"] == pytest.approx(share)
    ttw = checkpoints(results, TANK_TO_WAKE)
    scope1 = international(results, "Emissions|CO2|Transportation|Shipping|Scope 1")[2040]
    assert ttw.loc[2, "modelled"] == pytest.approx(100 * (1 - scope1 / BASELINE_2008_TTW))


def test_scenario_headlines(runs: dict[str, Results]) -> None:
    met = {name: checkpoints(runs[name]).set_index(["checkpoint", "year"])["met"]
           for name in SCENARIOS}
    assert not met["baseline"].any()
    minimum = [i for i in met["imo-2023"].index if "striving" not in i[0]]
    assert met["imo-2023"][minimum].all()
    least = runs["least-cost"].world("Emissions Well-to-Wake|CO2|Transportation|Shipping")
    base = runs["baseline"].world("Emissions Well-to-Wake|CO2|Transportation|Shipping")
    assert least[2050] < 0.8 * base[2050]


def test_baseline_2050_is_inside_the_fourth_imo_study_bau_range(runs: dict[str, Results]) -> None:
    """The study projects 2050 emissions at 90-130% of 2008 without new policy."""
    scope1 = international(runs["baseline"],
                           "Emissions|CO2|Transportation|Shipping|Scope 1")[2050]
    assert 0.9 * BASELINE_2008_TTW <= scope1 <= 1.3 * BASELINE_2008_TTW


def test_cli_runs_shipping(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", "shipping", "--scenario", "imo-2023", "--out",
                                      str(tmp_path), "--no-charts"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "shipping_imo-2023.csv")
    world = table[(table["region"] == "World") & (table["year"] == 2030)]
    assert not world.duplicated(["variable"]).any()
    assert "Zero-Emission Fuel Share|Transportation|Shipping" in set(world["variable"])


# -- bad input ---------------------------------------------------------------------------------


def _error(data: Path, scenario: str = "baseline") -> InputError:
    load_fleet_data.cache_clear()
    with pytest.raises(InputError) as caught:
        sectorpath.run("shipping", scenario, data_dir=data)
    return caught.value


def _edit(path: Path, edit: object) -> None:
    frame = pd.read_csv(path)
    frame = edit(frame)  # type: ignore[operator]
    frame.to_csv(path, index=False)


def test_missing_column_is_named(shipping_data: Path) -> None:
    _edit(shipping_data / "fuels.csv", lambda f: f.drop(columns=["ttw"]))
    error = _error(shipping_data)
    assert error.source.endswith("fuels.csv") and error.field == "ttw"
    assert "missing" in error.problem


def test_negative_price_is_refused(shipping_data: Path) -> None:
    def negative(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["fuel"] == "e_ammonia", "price"] = -5.0
        return frame

    _edit(shipping_data / "fuels.csv", negative)
    error = _error(shipping_data)
    assert error.source.endswith("fuels.csv") and error.field == "price"


def test_unknown_powertrain_in_the_base_fleet(shipping_data: Path) -> None:
    def sail(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, "powertrain"] = "sail"
        return frame

    _edit(shipping_data / "fleet_base.csv", sail)
    error = _error(shipping_data)
    assert error.source.endswith("fleet_base.csv") and error.field == "powertrain"
    assert "ammonia_df" in str(error.allowed)


def test_year_out_of_range(shipping_data: Path) -> None:
    def late(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, "year"] = 2061
        return frame

    _edit(shipping_data / "activity.csv", late)
    error = _error(shipping_data)
    assert error.source.endswith("activity.csv") and error.field == "year"


def test_unknown_fuel_in_a_scenario(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('extends = "baseline"\nname = "x"\nsector = "shipping"\n'
                    '[transport.fuel_share.kerosene]\n2030 = 0.1\n')
    with pytest.raises(InputError) as caught:
        sectorpath.run("shipping", path)
    assert caught.value.field == "transport.fuel_share.kerosene"
    assert "e_ammonia" in str(caught.value.allowed)


def test_imo_nzf_2050_reduction_or_its_shortfall_is_reported() -> None:
    """The framework intends well-to-wake at least 70% below 2008 by 2040 and net zero
    around 2050: the checkpoint table reports the 2050 reduction and what it misses."""
    results = sectorpath.run("shipping", "imo-nzf")
    table = checkpoints(results).set_index("year")
    wtw = international(results, "Emissions Well-to-Wake|CO2|Transportation|Shipping")[2050]
    reduction = 100 * (1 - wtw / BASELINE_2008_WTW)
    row = table.loc[2050]
    assert row["modelled"] == pytest.approx(reduction)
    assert reduction >= 70.0 or row["shortfall"] == pytest.approx(95.0 - reduction)
    compliance = results.model.reports["policy_compliance"](results)
    yearly = compliance[compliance["check"] == "yearly target"]
    late = yearly[yearly["year"] >= 2036]
    assert (late["met"] | (late["units_bought"] > 0)).all()
    goal = compliance[compliance["check"] != "yearly target"].iloc[0]
    assert goal["met"] or goal["shortfall"] == pytest.approx(goal["attained"] - goal["target"])

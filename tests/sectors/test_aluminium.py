"""Aluminium: 2020 calibration against MPP's data and IAI, run invariants, rules and bad input.

2020 reference figures (docs/validation/aluminium.md section 1, printed by
``python -m tools.build_data aluminium``): MPP's 181 smelters at their capacity factors make
60.99 Mt with scope 1 = 588.93 and scope 2 = 120.36 Mt CO2 (production x MPP's
``emissions.csv`` t CO2/t of each smelter's technology and region, pathway lc; fa is
identical). The model's 2020 is IAI's 65.3 Mt (the stack's idle capacity takes up the
difference, ``tools/build_data/aluminium.py``), so its scope 1+2 per tonne is compared with
the stack's. Tolerance 3%.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.diffusion import binding_limits
from sectorpath.errors import InputError
from sectorpath.results import Results
from sectorpath.scenarios.model import builtin_dir, load_scenario
from sectorpath.sectors import aluminium
from sectorpath.sectors.aluminium import PHASES, SECTOR, anode, power, switch_capex
from tests.conftest import copy_sector_data
from tests.test_tables import _edit

SCENARIOS = ("bau", "least-cost", "fastest-abatement")
DATA = SECTOR.data_dir
STACK_2020_MT = 60.99
IAI_2020_MT = 65.3  # International Aluminium Institute, primary aluminium production 2020
SCOPE1_2020_MT = 588.93
SCOPE2_2020_MT = 120.36
TOLERANCE = 0.03


@pytest.fixture(scope="module")
def runs() -> dict[str, Results]:
    return {name: sectorpath.run("aluminium", name) for name in SCENARIOS}


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    return copy_sector_data("aluminium", tmp_path)


def _close(ours: float, reference: float) -> bool:
    return abs(ours / reference - 1.0) <= TOLERANCE


# -- 2020 against the source data ---------------------------------------------------------------
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_2020_production_is_iai_primary_production(runs: dict[str, Results],
                                                   scenario: str) -> None:
    produced = float(runs[scenario].world("Production|Non-Ferrous Metals|Aluminum").loc[2020])
    assert produced == pytest.approx(IAI_2020_MT, rel=1e-6)
    assert produced > STACK_2020_MT * (1 + TOLERANCE)  # the stack alone would miss IAI by 6.6%


@pytest.mark.parametrize("scenario", ["least-cost", "fastest-abatement"])
def test_2020_emissions_per_tonne_match_mpp_stack(runs: dict[str, Results], scenario: str) -> None:
    world = runs[scenario].world
    produced = float(world("Production|Non-Ferrous Metals|Aluminum").loc[2020])
    scope12 = float(world("Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum").loc[2020])
    stack = (SCOPE1_2020_MT + SCOPE2_2020_MT) / STACK_2020_MT
    assert _close(scope12 / produced, stack), scope12 / produced


def test_2020_regional_production_is_the_calibration_table(runs: dict[str, Results]) -> None:
    table = pd.read_csv(DATA / "production_2020.csv").set_index("region")["value"]
    iamc = runs["least-cost"].iamc
    rows = iamc[(iamc["variable"] == "Production|Non-Ferrous Metals|Aluminum") & (iamc["year"] == 2020)]
    ours = rows.set_index("region")["value"].drop("World")
    pd.testing.assert_series_equal(ours.sort_index(), table.sort_index(), check_names=False,
                                   rtol=1e-9)


# -- invariants ----------------------------------------------------------------------------------
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_world_production_equals_demand_after_2020(runs: dict[str, Results],
                                                   scenario: str) -> None:
    t = runs[scenario].trajectory
    np.testing.assert_allclose(t.production.sum(axis=(1, 2))[1:], t.demand.sum(axis=1)[1:],
                               atol=1e-6)


def test_world_production_follows_demand_within_one_percent(runs: dict[str, Results]) -> None:
    for result in runs.values():
        t = result.trajectory
        produced, demanded = t.production.sum(axis=(1, 2))[1:], t.demand.sum(axis=1)[1:]
        assert np.all(np.abs(produced / demanded - 1.0) < 0.01)


@pytest.mark.parametrize("scenario", [
    "bau", "least-cost", "fastest-abatement"])
def test_production_within_capacity_ceiling(runs: dict[str, Results], scenario: str) -> None:
    t = runs[scenario].trajectory
    ceiling = t.capacity.sum(axis=2) * SECTOR.utilisation_max
    assert np.all(t.production.sum(axis=2) <= ceiling + 1e-9)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_emissions_equal_asset_by_asset_sum(runs: dict[str, Results], scenario: str) -> None:
    t = runs[scenario].trajectory
    np.testing.assert_allclose(t.emissions[0].sum(axis=(1, 2)), t.asset_scope1, rtol=1e-9)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_negative_capacity_or_production(runs: dict[str, Results], scenario: str) -> None:
    t = runs[scenario].trajectory
    assert t.capacity.min() >= 0.0
    assert t.production.min() >= 0.0


def test_identical_run_to_run(runs: dict[str, Results]) -> None:
    again = sectorpath.run("aluminium", "least-cost")
    pd.testing.assert_frame_equal(again.iamc, runs["least-cost"].iamc)


def test_least_cost_meets_mpp_carbon_budget_or_reports_the_miss(runs: dict[str, Results]) -> None:
    """Diffusion limits may keep a year above the budget; the run reports by how much."""
    t = runs["least-cost"].trajectory
    assert t.carbon_budget is not None
    scope12 = (t.emissions[0] + t.emissions[1]).sum(axis=(1, 2))
    excess = np.maximum(scope12[1:] - t.carbon_budget[1:] - 1e-6, 0.0)
    report = binding_limits(runs["least-cost"]).set_index("limit")
    missed = report["refused_total"].get("carbon budget (missed by)", 0.0)
    assert missed == pytest.approx(excess.sum())
    assert excess.sum() < 0.01 * t.carbon_budget[1:].sum()


def test_budget_in_scenario_is_mpp_carbon_budget_csv(runs: dict[str, Results]) -> None:
    budget = runs["least-cost"].trajectory.carbon_budget
    published = pd.read_csv(DATA / "carbon_budget.csv")["value"].to_numpy()
    assert budget is not None
    np.testing.assert_allclose(budget, published, rtol=1e-9)


def test_fastest_abatement_emits_no_more_than_bau(runs: dict[str, Results]) -> None:
    bau = runs["bau"].world("Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum")
    fastest = runs["fastest-abatement"].world("Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum")
    assert fastest.loc[2030:].sum() < bau.loc[2030:].sum()


# -- what the sector reports ---------------------------------------------------------------------
def test_refinery_is_not_a_smelter_option(runs: dict[str, Results]) -> None:
    assert "Alumina refinery" not in runs["bau"].trajectory.inputs.technologies


def test_alumina_refining_is_reported(runs: dict[str, Results]) -> None:
    world = runs["least-cost"].world
    alumina = world("Resource Use|Industry|Non-Ferrous Metals|Aluminum|Alumina")
    fuel = aluminium.refinery_input("refinery_fuel")
    np.testing.assert_allclose(world("Final Energy|Industry|Non-Ferrous Metals|Aluminum|Alumina Refining"), alumina * fuel)
    scope3 = world("Emissions Upstream|CO2|Industry|Non-Ferrous Metals|Aluminum")
    per_t_alumina = scope3 / alumina
    assert per_t_alumina.between(0.7, 1.3).all()  # MPP refinery factors, t CO2/t alumina


def test_electricity_is_14_mwh_per_tonne(runs: dict[str, Results]) -> None:
    world = runs["bau"].world
    mwh_per_t = world("Final Energy|Industry|Non-Ferrous Metals|Aluminum|Electricity") / 3.6 / world("Production|Non-Ferrous Metals|Aluminum")
    np.testing.assert_allclose(mwh_per_t, 14.2, rtol=1e-9)


# -- rules ---------------------------------------------------------------------------------------
def _moves(check: Callable[[str, str], bool]) -> list[tuple[str, str]]:
    return [(a, b) for a, targets in aluminium.MAIN_SWITCHES.items() for b in targets
            if not check(a, b)]


def test_no_move_to_an_earlier_phase() -> None:
    order = ("initial", "transition", "end-state")
    assert _moves(lambda a, b: order.index(PHASES[b]) >= order.index(PHASES[a])) == []


def test_hydro_smelters_stay_hydro_and_no_other_becomes_hydro() -> None:
    assert _moves(lambda a, b: (power(a) == "Hydro") == (power(b) == "Hydro")) == []
    assert "Inert Anode + Hydro" in aluminium.MAIN_SWITCHES["Carbon Anode + Hydro"]
    assert "Carbon Anode + Grid" in aluminium.MAIN_SWITCHES["Carbon Anode + Coal"]


def test_hydro_rule_holds_in_the_runs(runs: dict[str, Results]) -> None:
    for result in runs.values():
        t = result.trajectory
        hydro = np.array([power(x) == "Hydro" for x in t.inputs.technologies])
        moves = t.switches.sum(axis=0)
        assert moves[np.ix_(~hydro, hydro)].sum() == 0
        assert moves[np.ix_(hydro, ~hydro)].sum() == 0


def test_bau_smelters_keep_their_power_supply(runs: dict[str, Results]) -> None:
    """bau's ``keep-power-supply`` rule: at a cycle only the anode may change; the same bau
    with the sector's standard switches moves smelters (captive coal to contracted power) and
    its 2050 emissions fall below 2020's."""
    def power_moves(result: Results) -> float:
        techs = result.trajectory.inputs.technologies
        other = np.array([[power(a) != power(b) for b in techs] for a in techs])
        return float(result.trajectory.switches.sum(axis=0)[other].sum())
    scenario = load_scenario("aluminium", "bau")
    standard = sectorpath.run("aluminium", scenario.model_copy(update={
        "constraints": scenario.constraints.model_copy(update={"switch_rule": "standard"})}))
    assert power_moves(runs["bau"]) == 0
    assert power_moves(standard) > 0
    emissions = standard.world("Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum")
    assert emissions[2050] < emissions[2020]


def test_bau_emissions_do_not_fall_without_a_reason(runs: dict[str, Results]) -> None:
    """Acceptance (issue 13): bau's 2050 scope 1+2 at or above 2020's (no carbon price, no
    policy: emissions follow demand, as in MPP's business as usual)."""
    emissions = runs["bau"].world("Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum")
    assert emissions[2050] >= emissions[2020]


def test_unknown_switch_rule_is_refused_naming_the_field() -> None:
    scenario = load_scenario("aluminium", "bau")
    wrong = scenario.model_copy(update={"constraints": scenario.constraints.model_copy(
        update={"switch_rule": "keep-anode"})})
    with pytest.raises(InputError, match=r"constraints\.switch_rule\.keep-anode.*keep-power-supply.*standard"):
        sectorpath.run("aluminium", wrong)


def test_sector_without_switch_rules_refuses_one() -> None:
    scenario = load_scenario("steel", "baseline")
    wrong = scenario.model_copy(update={"constraints": scenario.constraints.model_copy(
        update={"switch_rule": "keep-power-supply"})})
    with pytest.raises(InputError, match=r"constraints\.switch_rule"):
        sectorpath.run("steel", wrong)


def test_anode_change_pays_greenfield_power_change_pays_renewal() -> None:
    techs = ["Carbon Anode + Coal", "Carbon Anode + Grid", "Inert Anode + Grid"]
    capex = switch_capex(np.array([10.0, 20.0, 30.0]), np.array([1.0, 2.0, 3.0]), techs)
    assert capex[0, 0] == 1.0 and capex[0, 1] == 2.0  # stay / new power supply: renewal
    assert capex[0, 2] == 30.0 and capex[1, 2] == 30.0  # new anode: greenfield
    assert anode(techs[2]) == "Inert Anode"


# -- data derivations ----------------------------------------------------------------------------
def test_primary_demand_is_net_of_recycled_aluminium() -> None:
    demand = pd.read_csv(DATA / "demand.csv").groupby(["scenario", "year"])["value"].sum()
    recycled = pd.read_csv(DATA / "secondary_share.csv").set_index(["scenario", "year"])
    np.testing.assert_allclose(recycled["primary_aluminium_mt"], demand.loc[recycled.index],
                               rtol=1e-6)
    total = recycled["total_aluminium_mt"]
    np.testing.assert_allclose(total * (1 - recycled["secondary_share"]),
                               recycled["primary_aluminium_mt"], rtol=1e-5)
    assert recycled.loc[("lc", 2050), "secondary_share"] == pytest.approx(0.5)


def test_every_table_uses_the_model_regions() -> None:
    regions = set(pd.read_csv(DATA / "demand.csv")["region"])
    assert regions == set(pd.read_csv(DATA / "assets.csv")["region"])
    for name in ("prices", "costs", "intensities", "emission_factors", "production_2020"):
        assert set(pd.read_csv(DATA / f"{name}.csv")["region"]) <= regions | {"World"}, name


def test_builtin_scenarios_cite_their_sources() -> None:
    for name in SCENARIOS:
        text = (builtin_dir("aluminium") / f"{name}.toml").read_text()
        assert text.lstrip().startswith("#")
        assert tomllib.loads(text)["name"] == name


# -- bad input -----------------------------------------------------------------------------------
def _drop_case(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns="case")


def _negative_alumina(frame: pd.DataFrame) -> None:
    frame.loc[frame["commodity"] == "alumina", "value"] = -5.0


def _unknown_smelter(frame: pd.DataFrame) -> None:
    frame.loc[0, "technology"] = "Carbon Anode + Wind"


def _year_2055(frame: pd.DataFrame) -> None:
    frame.loc[0, "year"] = 2055


def _region_not_modelled(frame: pd.DataFrame) -> None:
    frame.loc[frame["region"] == "US", "region"] = "United States"


@pytest.mark.parametrize(("table", "change", "field", "named", "allowed"), [
    ("prices", _drop_case, "case", "missing", "commodity"),
    ("prices", _negative_alumina, "value", "alumina", ">= 0"),
    ("assets", _unknown_smelter, "technology", "Carbon Anode + Wind", "Inert Anode + Grid"),
    ("demand", _year_2055, "year", "2055", "2050"),
    ("prices", _region_not_modelled, "region", "United States", "US"),
])
def test_bad_table_is_refused_naming_file_and_field(
        data_copy: Path, table: str, change: Callable[[pd.DataFrame], pd.DataFrame | None],
        field: str, named: str, allowed: str) -> None:
    _edit(data_copy / f"{table}.csv", change)
    with pytest.raises(InputError) as caught:
        sectorpath.run("aluminium", "bau", data_dir=data_copy)
    assert caught.value.source.endswith(f"{table}.csv")
    assert caught.value.field == field
    assert named in caught.value.problem
    assert allowed in str(caught.value.allowed)

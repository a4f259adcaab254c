"""Methanol on public figures: 2020 calibration, carbon accounting of the four routes, run
invariants, the three built-in scenarios and refusal of bad data.

2020 references (data/SOURCES.md, docs/validation/chemicals.md section 2.1; printed by
``python -m tools.build_data methanol``): 100.0 Mt methanol (IRENA & Methanol Institute 2021:
~98 Mt, rounded; 65% gas, 35% coal), scope 1 128.14 Mt CO2 (fuel x IPCC factor minus the fossil
carbon bound in methanol, 1.3735 t CO2/t), scope 2 25.13 Mt CO2 (bought grid power x MPP grid
factor; the gas route's power export not credited). Tolerance 3%.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.results import Results
from sectorpath.sectors.methanol import BIO, COAL, E_METHANOL, GAS
from tests.conftest import copy_sector_data
from tests.sectors.test_ammonia import (
    assert_run_invariants,
    drop_column,
    refused,
    set_first,
    use_at_ceiling,
)

SCENARIOS = ("bau", "least-cost", "fastest-abatement")
TOLERANCE = 0.03
WORLD_2020 = {"production": 100.0, "scope1": 128.14, "scope2": 25.13}
ROUTES_2020 = {GAS: 64.9, COAL: 35.0}
#: Scope 1 per tonne (t CO2/t): gas 36.15 GJ x 0.0561 - 1.3735; coal 40.39 GJ x 0.0946 -
#: 1.3735; bio- and e-methanol carry no fossil carbon.
SCOPE1_PER_T = {GAS: 0.654, COAL: 2.448, BIO: 0.0, E_METHANOL: 0.0}


@pytest.fixture(scope="module")
def runs() -> dict[str, Results]:
    """One run per built-in scenario, shared by the module's tests."""
    return {scenario: sectorpath.run("methanol", scenario) for scenario in SCENARIOS}


@pytest.mark.parametrize("name", SCENARIOS)
def test_2020_world_matches_public_figures(runs: dict[str, Results], name: str) -> None:
    world = runs[name].world
    assert world("Production|Chemicals|Methanol")[2020] == pytest.approx(WORLD_2020["production"],
                                                                rel=TOLERANCE)
    assert world("Emissions|CO2|Industry|Chemicals|Methanol|Scope 1")[2020] == pytest.approx(
        WORLD_2020["scope1"], rel=TOLERANCE)
    assert world("Emissions|CO2|Industry|Chemicals|Methanol|Scope 2")[2020] == pytest.approx(
        WORLD_2020["scope2"], rel=TOLERANCE)
    assert world("Emissions|CO2|Industry|Chemicals|Methanol")[2020] == pytest.approx(
        WORLD_2020["scope1"] + WORLD_2020["scope2"], rel=TOLERANCE)


def test_2020_route_split(runs: dict[str, Results]) -> None:
    world = runs["bau"].world
    for route, mt in ROUTES_2020.items():
        assert world(f"Production|Chemicals|Methanol|{route}")[2020] == pytest.approx(mt, rel=TOLERANCE)


def test_scope1_per_tonne_subtracts_fossil_carbon_in_product(runs: dict[str, Results]) -> None:
    t = runs["bau"].trajectory
    scope1 = pd.Series(t.economics.emissions[0, 0, 0], index=t.inputs.technologies)
    for route, expected in SCOPE1_PER_T.items():
        assert scope1[route] == pytest.approx(expected, abs=2e-3), route
    scope3 = pd.Series(t.economics.emissions[2, 0, 0], index=t.inputs.technologies)
    assert scope3[GAS] == pytest.approx(44.0095 / 32.0419, rel=1e-4)  # burnt downstream
    assert scope3[BIO] == 0.0


def test_gas_route_power_export_is_revenue_not_a_credit(runs: dict[str, Results]) -> None:
    t = runs["bau"].trajectory
    gas = t.inputs.technologies.index(GAS)
    assert np.all(t.economics.emissions[1, :, :, gas] == 0)  # no scope-2 credit
    export = t.inputs.commodities.index("electricity_export")
    revenue = t.inputs.intensity[0, :, gas, export] * t.inputs.price[0, :, export]
    no_export = t.economics.energy_material_cost[0, :, gas] + revenue
    assert np.all(revenue > 0)
    assert np.allclose(no_export, t.inputs.intensity[0, :, gas, t.inputs.commodities.index(
        "natural_gas")] * t.inputs.price[0, :, t.inputs.commodities.index("natural_gas")])


@pytest.mark.parametrize("name", SCENARIOS)
def test_run_invariants(runs: dict[str, Results], name: str) -> None:
    assert_run_invariants(runs[name])


def test_runs_are_identical_run_to_run(runs: dict[str, Results]) -> None:
    pd.testing.assert_frame_equal(runs["bau"].iamc, sectorpath.run("methanol", "bau").iamc)


@pytest.mark.parametrize("name", SCENARIOS)
def test_fossil_plants_never_switch_fossil_route(runs: dict[str, Results], name: str) -> None:
    t = runs[name].trajectory
    gas, coal = t.inputs.technologies.index(GAS), t.inputs.technologies.index(COAL)
    assert t.switches[:, gas, coal].sum() == 0 and t.switches[:, coal, gas].sum() == 0


@pytest.mark.parametrize("name", SCENARIOS)
def test_bio_methanol_within_two_percent_until_2040(runs: dict[str, Results],
                                                    name: str) -> None:
    t = runs[name].trajectory
    use = use_at_ceiling(runs[name], "capped_routes").sum(axis=1)
    assert np.all(use <= t.inputs.limits["capped_routes"][:, 0] + 1e-6)
    # the cap is 2% of the demand case; until 2030 demand follows the published statistics
    until_2040 = (t.inputs.years >= 2030) & (t.inputs.years <= 2040)
    assert np.all(t.inputs.limits["capped_routes"][until_2040, 0]
                  <= 0.02 * t.demand[until_2040].sum(axis=1) + 1e-6)


def test_scenarios_order_2050_emission_intensity(runs: dict[str, Results]) -> None:
    """t CO2 (scope 1+2) per t methanol in 2050: fastest abatement < least cost < BAU."""
    intensity = {name: r.world("Emissions|CO2|Industry|Chemicals|Methanol")[2050]
                 / r.world("Production|Chemicals|Methanol")[2050] for name, r in runs.items()}
    assert intensity["fastest-abatement"] < intensity["least-cost"] < intensity["bau"]
    assert runs["least-cost"].world(f"Production|Chemicals|Methanol|{E_METHANOL}")[2050] > 10


#: case -> (table, edit, field named in the error, text in the problem)
BAD_INPUTS = {
    "no-column": ("intensities", drop_column("unit"), "unit", "missing"),
    "negative-price": ("prices", set_first("value", -3.0, where=("commodity", "hydrogen")),
                       "value", "hydrogen"),
    "unknown-technology": ("costs", set_first("technology", "Cold fusion"), "technology",
                           "Cold fusion"),
    "year-out-of-range": ("emission_factors", set_first("year", 2019), "year", "2019"),
}


@pytest.mark.parametrize(("table", "edit", "field", "text"), list(BAD_INPUTS.values()),
                         ids=list(BAD_INPUTS))
def test_bad_input_is_refused(tmp_path: Path, table: str, edit: Callable[[pd.DataFrame], None],
                              field: str, text: str) -> None:
    error = refused("methanol", copy_sector_data("methanol", tmp_path), table, edit)
    assert error.field == field
    assert text in error.problem

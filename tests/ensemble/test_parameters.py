"""Uncertain parameters: validated in the scenario file, applied to the dense inputs exactly as
the same change made in a scenario would be."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sectorpath.ensemble.perturb import Parameter, perturb, resolve
from sectorpath.ensemble.worker import base_inputs, key_variables, simulate_any, world_series
from sectorpath.errors import InputError
from sectorpath.fleet_inputs import FleetInputs
from sectorpath.inputs import ModelInputs
from sectorpath.models import get_model
from sectorpath.results import Results
from sectorpath.scenarios.model import PlantScenario as Scenario
from sectorpath.scenarios.model import Uncertain, load_scenario
from tests.ensemble.conftest import write_scenario


def _load_error(tmp_path: Path, table: str) -> InputError:
    path = write_scenario(tmp_path, 'extends = "baseline"\nname = "x"\n' + table)
    with pytest.raises(InputError) as caught:
        load_scenario("steel", path)
    assert caught.value.source == str(path)
    return caught.value


@pytest.mark.parametrize(("table", "field", "words"), [
    ('[uncertainty.a]\ntarget = "demand"\ndistribution = "triangular"\nlow = 1\nhigh = 2\n',
     "uncertainty.a", "needs ['high', 'low', 'mode']"),
    ('[uncertainty.a]\ntarget = "demand"\ndistribution = "uniform"\nlow = 1\nhigh = 2\n'
     'sd = 1\n', "uncertainty.a", "['sd'] not used by distribution 'uniform'"),
    ('[uncertainty.a]\ntarget = "demand"\ndistribution = "uniform"\nlow = 2\nhigh = 1\n',
     "uncertainty.a", "low (2.0) must be below high (1.0)"),
    ('[uncertainty.a]\ntarget = "capex"\ndistribution = "uniform"\nlow = 1\nhigh = 2\n',
     "uncertainty.a.target", "targets are carbon_price, demand"),
    ('[uncertainty.a]\ntarget = "demand"\ndistribution = "paths"\npaths = [{2020 = 1}]\n',
     "uncertainty.a", "for carbon_price and price.* targets"),
    ('[uncertainty.a]\ntarget = "demand"\ndistribution = "lognormal"\n',
     "uncertainty.a.distribution", "'lognormal' is not allowed"),
    ('[uncertainty.a]\ntarget = "demand"\ndistribution = "uniform"\nlow = 1\nhigh = 2\n'
     'spread = 3\n', "uncertainty.a.spread", "unknown field"),
])
def test_bad_uncertainty_tables_name_file_and_field(tmp_path: Path, table: str, field: str,
                                                     words: str) -> None:
    error = _load_error(tmp_path, table)
    assert error.field == field
    assert words in str(error)


def test_unknown_distribution_lists_the_allowed_ones(tmp_path: Path) -> None:
    error = _load_error(tmp_path, '[uncertainty.a]\ntarget = "demand"\n'
                        'distribution = "beta"\n')
    assert all(name in str(error.allowed) for name in ("uniform", "normal", "triangular",
                                                        "paths"))

STEEL = get_model("steel")


@pytest.fixture(scope="module")
def steel(uncertain_file: Path) -> tuple[Scenario, ModelInputs, list[Parameter]]:
    scenario = load_scenario("steel", uncertain_file)
    base = base_inputs("steel", scenario)
    assert isinstance(base, ModelInputs)
    return scenario, base, resolve(STEEL, scenario.uncertainty, base, str(uncertain_file))


def _param(name: str, target: str, **fields: object) -> Parameter:
    spec = Uncertain.model_validate({"target": target, "distribution": "uniform", "low": 0,
                                     "high": 2, **fields})
    kind, _, item = target.partition(".")
    return Parameter(name, spec, kind, item)


def test_unknown_items_name_the_field_and_the_allowed_names(
        steel: tuple[Scenario, ModelInputs, list[Parameter]]) -> None:
    _, base, _ = steel
    spec = Uncertain(target="price.unobtainium", distribution="uniform", low=0.5, high=1.5)
    with pytest.raises(InputError) as caught:
        resolve(STEEL, {"p": spec}, base, "my.toml")
    assert caught.value.source == "my.toml" and caught.value.field == "uncertainty.p.target"
    assert "hydrogen" in str(caught.value.allowed)
    with pytest.raises(InputError) as caught:
        resolve(STEEL, {}, base, "my.toml")
    assert caught.value.field == "uncertainty"


def test_scales_touch_only_their_slice_and_never_the_base(
        steel: tuple[Scenario, ModelInputs, list[Parameter]]) -> None:
    _, base, _ = steel
    before = {name: getattr(base, name).copy() for name in
              ("price", "greenfield_capex", "renewal_capex", "demand", "emission_factor")}
    h2 = base.commodities.index("hydrogen")
    tech = base.technologies.index("EAF")
    power = base.commodities.index("electricity")
    params = [_param("h", "price.hydrogen"), _param("c", "capex.EAF"), _param("d", "demand"),
              _param("e", "emission_factor.electricity")]
    changed = perturb(STEEL, base, params, np.array([0.5, 1.3, 1.1, 0.0]), "x")
    assert isinstance(changed, ModelInputs)
    assert np.allclose(changed.price[:, :, h2], 0.5 * base.price[:, :, h2])
    assert np.array_equal(np.delete(changed.price, h2, axis=2), np.delete(base.price, h2, 2))
    for name in ("greenfield_capex", "renewal_capex"):
        assert np.allclose(getattr(changed, name)[:, :, tech], 1.3 * getattr(base, name)[
            :, :, tech])
        assert np.array_equal(np.delete(getattr(changed, name), tech, 2),
                              np.delete(getattr(base, name), tech, 2))
    assert np.allclose(changed.demand, 1.1 * base.demand)
    assert not changed.emission_factor[:, :, :, power].any()
    assert changed.intensity is base.intensity  # untouched arrays are shared, not copied
    for name, array in before.items():
        assert np.array_equal(getattr(base, name), array), name


def _same_run(scenario: Scenario, changed: ModelInputs, variables: tuple[str, ...]) -> None:
    expected = world_series(simulate_any("steel", base_inputs("steel", scenario)), variables)
    assert np.allclose(world_series(simulate_any("steel", changed), variables), expected,
                       rtol=1e-12, atol=1e-9)


def test_a_drawn_sample_runs_like_the_same_scenario_written_out(
        steel: tuple[Scenario, ModelInputs, list[Parameter]]) -> None:
    """carbon policy path 1, hydrogen x1, demand x1.05, discount rate 6%: the sweep's run
    equals a run of a scenario file stating those values."""
    scenario, base, params = steel
    variables = tuple(key_variables(simulate_any("steel", base)))
    changed = perturb(STEEL, base, params, np.array([1.0, 1.0, 1.05, 0.06]), "x")
    assert isinstance(changed, ModelInputs)
    written = scenario.model_copy(update={
        "carbon_price": {2020: 0.0, 2030: 100.0, 2050: 250.0},
        "demand": scenario.demand.model_copy(update={"scale": 1.05}),
        "economics": scenario.economics.model_copy(update={"discount_rate": 0.06})})
    _same_run(written, changed, variables)


def test_values_the_engine_cannot_take_are_input_errors(
        steel: tuple[Scenario, ModelInputs, list[Parameter]]) -> None:
    _, base, params = steel
    with pytest.raises(InputError) as caught:
        perturb(STEEL, base, params, np.array([0.0, -0.1, 1.0, 0.06]), "my.toml")
    assert caught.value.field == "uncertainty.hydrogen" and caught.value.allowed == ">= 0"
    with pytest.raises(InputError) as caught:
        perturb(STEEL, base, params, np.array([0.0, 1.0, 1.0, 0.7]), "my.toml")
    assert caught.value.field == "uncertainty.rate" and "0.7" in caught.value.problem


def test_transport_targets_reach_the_fleet_arrays() -> None:
    scenario = load_scenario("trucking", "baseline")
    base = base_inputs("trucking", scenario)
    assert isinstance(base, FleetInputs)
    fuel = base.fuels[0]
    params = [_param("a", "demand"), _param("p", f"price.{fuel}"),
              _param("r", "discount_rate", low=0.01, high=0.2),
              _param("c", "carbon_price", distribution="paths", paths=[{2020: 10, 2050: 70}],
                     low=None, high=None)]
    changed = perturb(get_model("trucking"), base, params, np.array([1.2, 2.0, 0.1, 0.0]), "x")
    assert isinstance(changed, FleetInputs)
    k = base.fuels.index(fuel)
    assert np.allclose(changed.activity, 1.2 * base.activity)
    assert np.allclose(changed.fuel_price[:, :, k], 2.0 * base.fuel_price[:, :, k])
    assert changed.discount_rate == 0.1
    assert changed.carbon_price[base.years == 2035] == pytest.approx(40.0)
    results = simulate_any("trucking", changed)
    assert np.isfinite(world_series(results, tuple(key_variables(results)))).all()


def test_key_series_equal_the_iamc_world_rows(steel_baseline: Results) -> None:
    variables = key_variables(steel_baseline)
    assert set(variables) == {"Production|Iron and Steel|Steel", "Emissions|CO2|Industry|Iron and Steel|Scope 1",
                              "Emissions|CO2|Industry|Iron and Steel", "Investment|Industry|Iron and Steel",
                              "Final Energy|Industry|Iron and Steel|Electricity", "Final Energy|Industry|Iron and Steel|Hydrogen"}
    series = world_series(steel_baseline, tuple(variables))
    for row, name in zip(series, variables, strict=True):
        assert np.allclose(row, steel_baseline.world(name).to_numpy(), rtol=1e-12), name


def test_a_drawn_price_path_equals_the_scenario_override(
        steel: tuple[Scenario, ModelInputs, list[Parameter]]) -> None:
    scenario, base, _ = steel
    path = {2020: 25.0, 2035: 12.0, 2050: 8.0}
    spec = Uncertain(target="price.hydrogen", distribution="paths", paths=[{2020: 1}, path])
    changed = perturb(STEEL, base, [Parameter("h", spec, "price", "hydrogen")], np.array([1.0]), "x")
    written = base_inputs("steel", scenario.model_copy(update={"prices": {"hydrogen": path}}))
    assert np.array_equal(changed.price, written.price)
    variables = tuple(key_variables(simulate_any("steel", base)))
    assert isinstance(changed, ModelInputs)
    _same_run(scenario.model_copy(update={"prices": {"hydrogen": path}}), changed, variables)

"""Scenario files: validated on load, extendable, with errors naming file and field."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sectorpath
from sectorpath.errors import InputError
from sectorpath.scenarios.model import builtin_names, load_scenario


def _write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_scenario("steel", path)
    return caught.value


def test_builtin_scenarios_load() -> None:
    assert {"baseline", "carbon-cost", "fastest-abatement"} <= set(builtin_names("steel"))
    for name in builtin_names("steel"):
        assert load_scenario("steel", name).name == name


def test_unknown_field_lists_allowed_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "x"\n[choice]\nrul = "lowest-cost"\n')
    error = _error(path)
    assert error.source == str(path)
    assert error.field == "choice.rul"
    assert "unknown field" in error.problem
    assert "rule" in str(error.allowed)


def test_negative_price_path(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "x"\n[prices.hydrogen]\n2030 = -1\n')
    error = _error(path)
    assert error.field == "prices.hydrogen"
    assert "negative" in error.problem


def test_year_outside_horizon(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "x"\n[carbon_price]\n2070 = 100\n')
    error = _error(path)
    assert error.field == "carbon_price"
    assert "2070" in error.problem and "2019-2050" in error.problem


def test_malformed_toml(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name = "x\n[choice\n')
    error = _error(path)
    assert "malformed TOML" in error.problem
    assert error.source == str(path)


def test_unknown_rule_lists_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "x"\n[choice]\nrule = "cheapest"\n')
    error = _error(path)
    assert error.field == "choice.rule"
    assert "fastest-abatement" in str(error.allowed)


def test_unknown_parent(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "nonsense"\nname = "x"\n')
    error = _error(path)
    assert error.field == "extends"
    assert "baseline" in str(error.allowed)


def test_unknown_price_case_is_named_at_run(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "x"\n'
                  '[cases.prices]\nelectricity = "cheap"\n')
    with pytest.raises(InputError) as caught:
        sectorpath.run("steel", path)
    assert caught.value.field == "cases.prices.electricity"
    assert "decarbonized_min" in str(caught.value.allowed)


def test_user_file_extends_and_overrides_one_path(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "cheap-h2"\n'
                  '[prices.hydrogen]\n2020 = 30\n2050 = 5\n')
    scenario = load_scenario("steel", path)
    assert scenario.choice.cost_bands == [1.1, 1.3]  # inherited
    assert scenario.cases.prices["electricity"] == "decarbonized_min"  # inherited
    results = sectorpath.run("steel", path)
    inputs = results.trajectory.inputs
    hydrogen = inputs.price[:, :, inputs.commodities.index("hydrogen")]
    assert np.allclose(hydrogen[0], 30.0) and np.allclose(hydrogen[-1], 5.0)
    assert np.isclose(hydrogen[15, 0], 30 + (5 - 30) * 15 / 30)


def test_demand_world_path_override(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "baseline"\nname = "low-demand"\n'
                  '[demand.world_path]\n2020 = 1900\n2050 = 1500\n')
    results = sectorpath.run("steel", path)
    production = results.world("Production|Iron and Steel|Steel")
    assert production[2050] == pytest.approx(1500.0, rel=1e-6)
    assert production[2035] == pytest.approx(1700.0, rel=1e-6)

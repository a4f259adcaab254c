"""A limit the engine cannot meet is reported with the amount (issue 12, defect 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import sectorpath
from sectorpath.cli import app
from sectorpath.errors import InputError


def _scenario(tmp_path: Path, constraints: str) -> Path:
    path = tmp_path / "budget.toml"
    path.write_text(f'extends = "baseline"\nname = "budget"\n[constraints]\n{constraints}\n')
    return path


def test_an_impossible_budget_is_reported_each_year_with_the_excess(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "carbon_budget = {2020 = 3000, 2025 = 100, 2050 = 0}")
    results = sectorpath.run("steel", path)
    missed = results.missed_limits()
    assert set(missed["limit"]) == {results.names.emissions_limit}
    emitted = results.world(results.names.emissions)
    row = missed.set_index("year").loc[2030]
    assert row["excess"] == pytest.approx(emitted[2030] - row["limit_value"])
    output = CliRunner().invoke(app, ["run", "steel", "--scenario", str(path), "--out",
                                      str(tmp_path / "out"), "--no-charts"]).output
    assert "limit not met in" in output and "Emissions Limit|CO2|Industry|Iron and Steel" in output


def test_a_total_budget_below_the_first_year_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        sectorpath.run("steel", _scenario(tmp_path, "carbon_budget_total = 1"))
    assert caught.value.field == "constraints.carbon_budget_total"
    assert "Gt" in str(caught.value.allowed)


def test_a_met_budget_reports_nothing(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "carbon_budget_total = 80")
    assert sectorpath.run("steel", path).missed_limits().empty

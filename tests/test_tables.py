"""Bad data tables are refused with one clear error naming file, field and allowed values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import sectorpath
from sectorpath.errors import InputError
from tests.conftest import copy_sector_data


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    frame = pd.read_csv(path, keep_default_na=False)
    changed = change(frame)
    frame = frame if changed is None else changed
    frame.to_csv(path, index=False)


def _run_error(data_dir: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        sectorpath.run("steel", "baseline", data_dir=data_dir)
    return caught.value


def test_missing_column_names_file_and_column(steel_data_copy: Path) -> None:
    _edit(steel_data_copy / "costs.csv", lambda f: f.drop(columns="fixed_opex"))
    error = _run_error(steel_data_copy)
    assert error.source.endswith("costs.csv")
    assert error.field == "fixed_opex"
    assert "missing" in error.problem
    assert "greenfield_capex" in str(error.allowed)


def test_negative_price_is_refused(steel_data_copy: Path) -> None:
    def negative(frame: pd.DataFrame) -> None:
        frame.loc[frame["commodity"] == "iron_ore", "value"] = -5.0

    _edit(steel_data_copy / "prices.csv", negative)
    error = _run_error(steel_data_copy)
    assert error.source.endswith("prices.csv")
    assert error.field == "value"
    assert "iron_ore" in error.problem and "-5" in error.problem


def test_unknown_technology_lists_the_known_ones(steel_data_copy: Path) -> None:
    def rename(frame: pd.DataFrame) -> None:
        frame.loc[0, "technology"] = "Magic furnace"

    _edit(steel_data_copy / "assets.csv", rename)
    error = _run_error(steel_data_copy)
    assert error.source.endswith("assets.csv")
    assert error.field == "technology"
    assert "Magic furnace" in error.problem
    assert "EAF" in str(error.allowed)


def test_year_outside_horizon_in_a_table(steel_data_copy: Path) -> None:
    def shift(frame: pd.DataFrame) -> None:
        frame.loc[0, "year"] = 2061

    _edit(steel_data_copy / "demand.csv", shift)
    error = _run_error(steel_data_copy)
    assert error.source.endswith("demand.csv")
    assert error.field == "year"
    assert "2061" in error.problem
    assert "2020" in str(error.allowed) and "2050" in str(error.allowed)


def test_wrong_unit_is_refused(steel_data_copy: Path) -> None:
    def unit(frame: pd.DataFrame) -> None:
        frame.loc[frame["commodity"] == "natural_gas", "unit"] = "MWh/t"

    _edit(steel_data_copy / "intensities.csv", unit)
    error = _run_error(steel_data_copy)
    assert error.field == "unit"
    assert "MWh/t" in error.problem
    assert "GJ/t" in str(error.allowed)


def test_missing_table_file(steel_data_copy: Path) -> None:
    (steel_data_copy / "limits.csv").unlink()
    error = _run_error(steel_data_copy)
    assert error.source.endswith("limits.csv")
    assert "not found" in error.problem


def test_an_infinite_value_in_a_table_is_refused_with_its_row(tmp_path: Path) -> None:
    # issue 12: inf passes a range check (inf >= 0) and ran to wrong numbers
    folder = copy_sector_data("steel", tmp_path)
    prices = (folder / "prices.csv").read_text().splitlines()
    header, first = prices[0], prices[1].split(",")
    first[header.split(",").index("value")] = "inf"
    (folder / "prices.csv").write_text("\n".join([header, ",".join(first), *prices[2:]]) + "\n")
    with pytest.raises(InputError) as caught:
        sectorpath.run("steel", "baseline", data_dir=folder)
    assert caught.value.field == "value" and "data row 2" in caught.value.problem

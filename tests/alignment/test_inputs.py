"""Bad alignment inputs are refused with one InputError naming file, field and allowed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sectorpath.alignment import align
from sectorpath.alignment.inputs import read_input
from sectorpath.errors import InputError
from tests.alignment.conftest import company, inputs, toy_pathways

PORTFOLIO = pd.DataFrame({"loan_id": ["L1", "L2"], "counterparty": ["A", "B"],
                          "sector": ["steel", "cement"], "exposure": [10.0, 20.0]})
TARGETS = pd.DataFrame({"company_id": ["X", "X"], "sector": ["steel", "steel"],
                        "scope": ["1+2", "1+2"], "base_year": [2020, 2025],
                        "target_year": [2030, 2035], "reduction": [30.0, 50.0]})


def _error(tmp_path: Path, name: str, frame: pd.DataFrame, suffix: str = ".csv") -> InputError:
    path = tmp_path / f"{name}{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_csv(path, index=False)
    with pytest.raises(InputError) as caught:
        read_input(path, name)
    assert caught.value.source == str(path)
    return caught.value


def test_unknown_sector_lists_the_known_ones(tmp_path: Path) -> None:
    error = _error(tmp_path, "portfolio", PORTFOLIO.assign(sector=["steel", "glass"]))
    assert error.field == "sector" and "'glass'" in error.problem
    assert {"steel", "cement", "shipping", "power"} <= set(str(error.allowed).split(", "))


def test_negative_exposure(tmp_path: Path) -> None:
    error = _error(tmp_path, "portfolio", PORTFOLIO.assign(exposure=[10.0, -5.0]),
                   ".parquet")
    assert error.field == "exposure"
    assert "-5" in error.problem and "data row 3" in error.problem
    assert "greater_than_or_equal_to(0)" in str(error.allowed)


def test_overlapping_targets_name_the_company_and_row(tmp_path: Path) -> None:
    error = _error(tmp_path, "targets", TARGETS)
    assert error.field == "base_year"
    assert "2025-2035" in error.problem and "'X'" in error.problem
    assert "data row 3" in error.problem and "overlaps" in error.problem
    # a long target around a short one overlaps too
    long_first = TARGETS.assign(base_year=[2020, 2025], target_year=[2050, 2030])
    assert _error(tmp_path, "targets", long_first).field == "base_year"


def test_consecutive_or_other_scope_targets_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    TARGETS.assign(base_year=[2020, 2030], target_year=[2030, 2050]).to_csv(path, index=False)
    assert len(read_input(path, "targets")) == 2
    TARGETS.assign(scope=["1", "1+2"]).to_csv(path, index=False)
    targets = read_input(path, "targets")
    assert list(targets["type"]) == ["absolute", "absolute"]  # default


def test_target_year_must_follow_the_base_year(tmp_path: Path) -> None:
    error = _error(tmp_path, "targets", TARGETS.iloc[:1].assign(target_year=2020))
    assert error.field == "target_year" and "2020" in error.problem


def test_missing_column(tmp_path: Path) -> None:
    companies = pd.DataFrame(company("A", [2020], BF_BOF=(1.0, 2.0)))
    error = _error(tmp_path, "companies", companies.drop(columns="emission_intensity"))
    assert error.field == "emission_intensity" and "missing" in error.problem
    assert "production" in str(error.allowed)


def test_production_without_intensity(tmp_path: Path) -> None:
    companies = pd.DataFrame(company("A", [2020, 2021], BF_BOF=(1.0, 2.0)))
    companies.loc[1, "emission_intensity"] = None
    error = _error(tmp_path, "companies", companies)
    assert error.field == "emission_intensity" and "data row 3" in error.problem


def test_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    path.write_text("x")
    with pytest.raises(InputError) as caught:
        read_input(path, "portfolio")
    assert caught.value.allowed == ".csv, .parquet"


def test_parquet_and_csv_read_the_same(tmp_path: Path) -> None:
    PORTFOLIO.to_csv(tmp_path / "a.csv", index=False)
    PORTFOLIO.to_parquet(tmp_path / "a.parquet")
    pd.testing.assert_frame_equal(read_input(tmp_path / "a.csv", "portfolio"),
                                  read_input(tmp_path / "a.parquet", "portfolio"))


@pytest.mark.parametrize(("column", "value", "allowed"), [
    ("technology", "Magic furnace", "EAF"), ("region", "Mars", "North"),
    ("intensity_unit", "kg CO2/t", "t CO2/t")])
def test_companies_must_use_the_pathways_names_and_units(column: str, value: str,
                                                         allowed: str) -> None:
    rows = [dict(r, intensity_unit="t CO2/t") for r in company("A", [2020], BF_BOF=(1, 2.0))]
    rows[0][column] = value
    with pytest.raises(InputError) as caught:
        align(inputs(rows, [("A", "steel", 1.0)]), pathways=toy_pathways("steel"))
    assert caught.value.field == column and caught.value.source == "companies.csv"
    assert repr(value) in caught.value.problem and "sector steel" in caught.value.problem
    assert allowed in str(caught.value.allowed)

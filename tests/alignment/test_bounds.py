"""Issue 12, item 9: alignment inputs are finite and bounded, a repeated company row is an
error naming the rows (it used to double the volumes), and a zero total exposure is a clear
error (it used to give NaN weights)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sectorpath.alignment import align
from sectorpath.alignment.inputs import validate
from sectorpath.errors import InputError
from tests.alignment.conftest import company, inputs, one, toy_pathways

ROWS = company("A", [2020, 2021], BF_BOF=(10.0, 2.0), EAF=(5.0, 0.4))
LOANS = pd.DataFrame({"counterparty": ["A", "A"], "sector": "steel", "exposure": [5.0, 7.0]})
TARGETS = pd.DataFrame({"company_id": ["A"], "sector": "steel", "scope": "1+2",
                        "base_year": 2020, "target_year": 2030, "reduction": 40.0,
                        "base_value": 24.0})


def _refused(frame: pd.DataFrame, name: str) -> InputError:
    with pytest.raises(InputError) as error:
        validate(frame, name, f"{name}.csv")
    return error.value


@pytest.mark.parametrize("value", [np.inf, -np.inf, np.nan, 1e30])
@pytest.mark.parametrize(("name", "column"), [
    ("portfolio", "exposure"), ("companies", "production"),
    ("companies", "emission_intensity"), ("targets", "base_value")])
def test_non_finite_or_absurd_values_are_refused(name: str, column: str, value: float) -> None:
    frame = {"portfolio": LOANS, "companies": pd.DataFrame(ROWS), "targets": TARGETS}[name]
    frame = frame.copy()
    frame.loc[0, column] = value
    if column in ("emission_intensity", "base_value") and np.isnan(value):
        pytest.skip("empty is allowed here (no production / base value from the data)")
    error = _refused(frame, name)
    assert error.field == column and f"{name}.csv" in str(error)


def test_a_repeated_company_row_is_an_error_naming_the_rows() -> None:
    frame = pd.DataFrame([*ROWS, ROWS[1]])
    error = _refused(frame, "companies")
    assert "data rows 3, 6" in error.problem and "'A'" in error.problem
    assert "asset_id" in str(error.allowed)


def test_rows_of_several_assets_are_summed_once() -> None:
    plants = [dict(row, asset_id=f"plant-{k}") for k in (1, 2) for row in ROWS]
    data = inputs(plants, [("A", "steel", 1.0)])
    result = align(data, pathways=toy_pathways("steel"), method="sbti")
    volume = one(result.companies, entity="A", method="technology_volume",
                 technology="BF-BOF", year=2021)
    assert volume == pytest.approx(20.0)  # two plants of 10 Mt, not four
    twice = pd.DataFrame([*plants, plants[0]])
    assert _refused(twice, "companies").field == "company_id"


@pytest.mark.parametrize("exposures", [[0.0, 0.0], []])
def test_a_zero_total_exposure_is_a_clear_error(exposures: list[float]) -> None:
    loans = pd.DataFrame({"counterparty": ["A"] * len(exposures), "sector": "steel",
                          "exposure": exposures})
    error = _refused(loans, "portfolio")
    assert error.field == "exposure" and ("0/0" in error.problem or "no loans" in error.problem)


def test_a_sector_without_exposure_in_one_portfolio_is_refused_by_name() -> None:
    loans = pd.DataFrame({"counterparty": ["A", "B"], "sector": ["steel", "cement"],
                          "exposure": [3.0, 0.0], "portfolio": ["book", "book"]})
    error = _refused(loans, "portfolio")
    assert "'book'" in error.problem and "cement" in error.problem

"""Exposure weighting, coverage and sectors without a pathway."""

from __future__ import annotations

import pytest

from sectorpath.alignment import align
from sectorpath.alignment.inputs import validate
from tests.alignment.conftest import company, inputs, one, pick, toy_pathways
from tests.alignment.test_intensity import A, B

POWER = [{"company_id": "P", "sector": "power", "region": "World", "technology": "coal",
          "year": 2030, "production": 1.0, "emission_intensity": 0.9}]
LOANS = [("A", "steel", 200.0), ("A", "steel", 100.0), ("B", "steel", 100.0),
         ("Z", "steel", 400.0), ("P", "power", 50.0)]


def test_sda_portfolio_is_the_exposure_weighted_mean() -> None:
    result = align(inputs([*A, *B, *POWER], LOANS),
                   pathways=toy_pathways("steel", missing={"power": "no model"}), method="sbti")
    # weights among companies with data: A 300, B 100 (Z has no company data)
    # targets 2030: A 1.032099 (see test_intensity); B (2.0 - 0.6222) x 0.625 x 16/15 + 0.6222
    target_b = (2.0 - 112 / 180) * 0.625 * (5 / 150) / (5 / 160) + 112 / 180
    row = pick(result.portfolios, method="sda", year=2030)
    assert one(row, "target") == pytest.approx(0.75 * 1.032099 + 0.25 * target_b, abs=1e-6)
    assert one(row, "value") == pytest.approx(0.75 * 1.1 + 0.25 * 2.0)
    assert one(row, "deviation") == pytest.approx(
        (0.75 * 1.1 + 0.25 * 2.0) / (0.75 * 1.032099 + 0.25 * target_b) - 1, abs=1e-6)
    assert one(row, "exposure") == 400.0
    assert one(row, "coverage") == pytest.approx(50.0)  # 400 of the 800 lent to steel


def test_coverage_reports_unmatched_loans_and_sectors_without_pathway() -> None:
    result = align(inputs([*A, *B, *POWER], LOANS),
                   pathways=toy_pathways("steel", missing={"power": "no model"}), method="sbti")
    coverage = result.coverage.set_index(["sector", "status"])
    assert coverage.loc[("steel", "matched"), "exposure"] == 400.0
    assert coverage.loc[("steel", "no company data"), "loans"] == 1
    assert coverage.loc[("steel", "no company data"), "share"] == pytest.approx(50.0)
    assert coverage.loc[("power", "no pathway"), "detail"] == "no model"
    assert "power" not in set(result.portfolios["sector"])
    assert pick(result.status, company_id="P")["status"].item() == "no pathway"


def test_inputs_with_no_pathway_at_all_still_report() -> None:
    result = align(inputs(POWER, [("P", "power", 50.0)]),
                   pathways=toy_pathways(missing={"power": "no model"}), method="sbti")
    assert result.portfolios.empty and result.companies.empty
    assert list(result.coverage["status"]) == ["no pathway"]


def test_portfolios_are_kept_apart() -> None:
    data = inputs([*A, *B], [("A", "steel", 1.0), ("B", "steel", 1.0)])
    data.portfolio = validate(data.portfolio.assign(portfolio=["one", "two"]), "portfolio",
                              "portfolio.csv")
    result = align(data, pathways=toy_pathways("steel"), method="sbti")
    sda = pick(result.portfolios, method="sda", year=2030).set_index("entity")
    assert sda.loc["one", "value"] == pytest.approx(1.1)  # A alone
    assert sda.loc["two", "value"] == pytest.approx(2.0)  # B alone
    single = align(inputs(company("A", [2030], BF_BOF=(1, 2.0)), [("A", "steel", 1.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    assert set(single.portfolios["entity"]) == {"portfolio"}  # the default name

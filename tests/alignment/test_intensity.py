"""SDA targets and alignment deltas against hand computations on the toy pathway."""

from __future__ import annotations

import math

import pytest

from sectorpath.alignment import align
from tests.alignment.conftest import company, inputs, one, pick, toy_pathways

# Toy pathway, World: intensity (220 - 3.6t) / (150 + t), production 150 + t.
I_2020, I_2025, I_2030, I_2050 = 220 / 150, 202 / 155, 184 / 160, 112 / 180

# Company A: BF-BOF 6 Mt at 2.0 and EAF 4 Mt at 0.4 from 2020 (intensity 1.36, 10 Mt);
# in 2030 BF-BOF 6 Mt at 1.8 and EAF 6 Mt at 0.4 (intensity 13.2 / 12 = 1.1, 12 Mt).
A = [*company("A", range(2020, 2030), BF_BOF=(6, 2.0), EAF=(4, 0.4)),
     *company("A", [2030], BF_BOF=(6, 1.8), EAF=(6, 0.4))]
# Company B: BF-BOF only, 5 Mt at 2.0.
B = company("B", range(2020, 2031), BF_BOF=(5, 2.0))


def sda_target(base: float, year_intensity: float, m: float) -> float:
    """SBTi 2015: d p(t) m(t) + I(2050)."""
    p = (year_intensity - I_2050) / (I_2020 - I_2050)
    return (base - I_2050) * p * m + I_2050


def test_sda_target_matches_the_sbti_formula_with_market_share() -> None:
    result = align(inputs(A, [("A", "steel", 100.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    rows = pick(result.companies, entity="A", method="sda")
    # 2025: same 10 Mt while the sector grows to 155: m = (10/150) / (10/155) = 1.0333
    assert one(rows, "target", year=2025) == pytest.approx(
        sda_target(1.36, I_2025, (10 / 150) / (10 / 155)), rel=1e-9)
    assert one(rows, "target", year=2025) == pytest.approx(1.237037, abs=1e-6)
    # 2030: 12 Mt of 160: m = (10/150) / (12/160) = 0.8889 -> 0.7378 x 0.625 x 0.8889 + 0.6222
    assert one(rows, "target", year=2030) == pytest.approx(1.032099, abs=1e-6)
    assert one(rows, "value", year=2030) == pytest.approx(1.1)
    assert one(rows, "deviation", year=2030) == pytest.approx(1.1 / 1.032099 - 1, abs=1e-6)
    assert not one(rows, "aligned", year=2030)
    assert one(rows, "target", year=2020) == pytest.approx(1.36)  # p = m = 1 in the base year


def test_sda_without_market_share_is_pactas_m_equal_one() -> None:
    result = align(inputs(A, [("A", "steel", 100.0)]),
                   pathways=toy_pathways("steel"), method="sbti",
                   market_share=False)
    rows = pick(result.companies, entity="A", method="sda")
    # (1.36 - 0.6222) x 0.625 + 0.6222 = 1.083333
    assert one(rows, "target", year=2030) == pytest.approx(1.083333, abs=1e-6)


def test_company_already_below_the_2050_intensity_keeps_its_own() -> None:
    clean = company("C", range(2020, 2031), EAF=(3, 0.4))  # 0.4 < 0.6222 in 2050
    result = align(inputs(clean, [("C", "steel", 1.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    targets = pick(result.companies, entity="C", method="sda")["target"]
    assert targets.to_numpy() == pytest.approx([0.4] * 11)
    assert pick(result.companies, entity="C", method="sda")["aligned"].all()


def test_a_year_without_production_has_no_result_and_no_weight() -> None:
    gap = [*company("N", [2020, 2022], BF_BOF=(5, 2.0)),
           {"company_id": "N", "sector": "steel", "region": "North", "technology": "BF-BOF",
            "year": 2021, "production": 0.0, "emission_intensity": None}]
    result = align(inputs([*gap, *company("B", range(2020, 2023), BF_BOF=(5, 2.0))],
                          [("N", "steel", 300.0), ("B", "steel", 100.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    for method in ("sda", "delta"):
        row = pick(result.companies, entity="N", method=method, year=2021)
        assert row["status"].item() == "no production"
        assert math.isnan(row["value"].item()) and math.isnan(row["target"].item())
        portfolio = pick(result.portfolios, method=method, year=2021)
        assert one(portfolio, "coverage") == pytest.approx(25.0)  # only B's 100 of 400
        assert one(pick(result.portfolios, method=method, year=2022), "coverage") == 100.0
    # The base year stays 2020: production resumes in 2022 with m = (5/150) / (5/152)
    assert one(result.companies, "target", entity="N", method="sda", year=2022) == (
        pytest.approx(sda_target(2.0, (220 - 7.2) / 152, (5 / 150) / (5 / 152)), rel=1e-9))


def test_delta_against_the_sector_intensity() -> None:
    as_cement = [dict(row, sector="cement") for row in A]
    result = align(inputs(as_cement, [("A", "cement", 1.0)]),
                   pathways=toy_pathways("cement"), method="sbti")
    assert one(result.companies, "target", entity="A", method="delta", year=2030) == (
        pytest.approx(I_2030))
    assert one(result.companies, "deviation", entity="A", method="delta", year=2030) == (
        pytest.approx(1.1 / 1.15 - 1))


def test_steel_delta_uses_the_scrap_adjusted_trajectory() -> None:
    # 2030: primary routes BF-BOF 80 Mt x 2.0 + H2-DRI 20 Mt x 0 -> 1.6; EAF 0.4.
    # A has half its steel from EAF: 0.5 x 1.6 + 0.5 x 0.4 = 1.0; delta (1.1 - 1) / 1 = 0.1.
    # B is all BF-BOF: trajectory 1.6, delta (2.0 - 1.6) / 1.6 = 0.25.
    loans = [("A", "steel", 200.0), ("A", "steel", 100.0), ("B", "steel", 100.0)]
    result = align(inputs([*A, *B], loans), pathways=toy_pathways("steel"), method="sbti")
    rows = pick(result.companies, method="delta", year=2030)
    assert one(rows, "target", entity="A") == pytest.approx(1.0)
    assert one(rows, "deviation", entity="A") == pytest.approx(0.1)
    assert one(rows, "deviation", entity="B") == pytest.approx(0.25)
    # 2020: A (40% EAF) sits exactly on 0.6 x 2.0 + 0.4 x 0.4 = 1.36
    assert one(result.companies, "deviation", entity="A", method="delta", year=2020) == (
        pytest.approx(0.0, abs=1e-12))
    # Poseidon portfolio score: exposure-weighted mean of deltas, 0.75 x 0.1 + 0.25 x 0.25
    portfolio = pick(result.portfolios, method="delta", year=2030)
    assert one(portfolio, "deviation") == pytest.approx(0.1375)
    assert not one(portfolio, "aligned")


def test_a_reported_scrap_charge_sets_the_steel_trajectory() -> None:
    """Sustainable STEEL Principles: T = (1 - s) I_primary + s I_secondary with s the scrap
    charge; a BF-BOF plant charging 20 % scrap gets a fifth of the secondary intensity."""
    rows = [dict(row, scrap_share=0.2) for row in company("S", [2030], BF_BOF=(10, 2.0))]
    result = align(inputs(rows, [("S", "steel", 1.0)]), pathways=toy_pathways("steel"),
                   method="sbti")
    t = 10  # toy pathway in 2030: BF-BOF 80 Mt at 2.0, EAF 60 Mt at 0.4, H2-DRI 20 Mt at 0
    primary, secondary = 80 * 2.0 / (80 + 2 * t), 0.4
    assert one(result.companies, "target", entity="S", method="delta", year=2030) == (
        pytest.approx(0.8 * primary + 0.2 * secondary))

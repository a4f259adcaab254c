"""PACTA market-share targets (technology volumes and mix) against hand computations.

Toy pathway, region North (60% of the World): BF-BOF 0.6 (100 - 2t) decreasing, EAF
0.6 (50 + t) and H2-DRI 0.6 x 2t increasing; North's total in 2020 is S(t0) = 90 Mt.
"""

from __future__ import annotations

import pytest

from sectorpath.alignment import align
from sectorpath.alignment.technology import directions
from tests.alignment.conftest import company, inputs, one, pick, toy_pathway, toy_pathways

# Company D in North: 8 Mt BF-BOF and 2 Mt EAF in 2020 (P(t0) = 10); in 2030 it plans
# 7 Mt BF-BOF and 3 Mt EAF, no H2-DRI.
D = [*company("D", range(2020, 2030), BF_BOF=(8, 2.0), EAF=(2, 0.4)),
     *company("D", [2030], BF_BOF=(7, 2.0), EAF=(3, 0.4))]
# 2030 targets: BF-BOF (TMSR) 8 x 48/60 = 6.4; EAF (SMSP) 2 + 10 x (36 - 30)/90 = 2.6667;
# H2-DRI (SMSP, none at t0) 0 + 10 x 12/90 = 1.3333; together 10.4 Mt.
TARGETS_2030 = {"BF-BOF": 6.4, "EAF": 2 + 10 * 6 / 90, "H2-DRI": 10 * 12 / 90}


def test_directions_come_from_the_world_pathway() -> None:
    assert directions(toy_pathway()).to_dict() == {
        "BF-BOF": "decreasing", "EAF": "increasing", "H2-DRI": "increasing"}


def test_volume_targets_tmsr_for_decreasing_smsp_for_increasing() -> None:
    result = align(inputs(D, [("D", "steel", 1.0)]), pathways=toy_pathways("steel"), method="sbti")
    rows = pick(result.companies, entity="D", method="technology_volume", year=2030)
    for technology, target in TARGETS_2030.items():
        assert one(rows, "target", technology=technology) == pytest.approx(target, rel=1e-9)
    assert one(rows, "value", technology="H2-DRI") == 0.0  # added although D has none
    aligned = {t: bool(one(rows, "aligned", technology=t)) for t in TARGETS_2030}
    # BF-BOF 7 > 6.4 (should fall), EAF 3 >= 2.67 (should grow), H2-DRI 0 < 1.33
    assert aligned == {"BF-BOF": False, "EAF": True, "H2-DRI": False}
    assert one(rows, "deviation", technology="BF-BOF") == pytest.approx(7 / 6.4 - 1)


def test_technology_shares_are_shares_of_the_target_mix() -> None:
    result = align(inputs(D, [("D", "steel", 1.0)]), pathways=toy_pathways("steel"), method="sbti")
    rows = pick(result.companies, entity="D", method="technology_share", year=2030)
    total = sum(TARGETS_2030.values())  # 10.4
    assert one(rows, "target", technology="EAF") == pytest.approx(
        100 * TARGETS_2030["EAF"] / total)
    assert one(rows, "value", technology="EAF") == pytest.approx(30.0)
    assert rows["value"].sum() == pytest.approx(100.0)
    assert rows["target"].sum() == pytest.approx(100.0)


def test_regional_targets_add_up_and_world_region_uses_world_pathway() -> None:
    # E runs the same plant in North and in World terms: the World pathway's S(t0) is 150,
    # so its H2-DRI target is 10 x 20 / 150 = 1.3333 as well (same shares everywhere).
    both = [*D, *[dict(r, company_id="D", region="South") for r in D]]
    result = align(inputs(both, [("D", "steel", 1.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    assert one(result.companies, "target", entity="D", method="technology_volume",
               technology="BF-BOF", year=2030) == pytest.approx(2 * 6.4)
    world = [dict(r, company_id="E", region="World") for r in D]
    result = align(inputs(world, [("E", "steel", 1.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    assert one(result.companies, "target", entity="E", method="technology_volume",
               technology="H2-DRI", year=2030) == pytest.approx(10 * 20 / 150)


def test_portfolio_volumes_are_loan_weighted_and_shares_follow() -> None:
    # F: 10 Mt of EAF only. Weights 3/4 (D) and 1/4 (F).
    f = company("F", range(2020, 2031), EAF=(10, 0.4))
    result = align(inputs([*D, *f], [("D", "steel", 300.0), ("F", "steel", 100.0)]),
                   pathways=toy_pathways("steel"), method="sbti")
    volume = pick(result.portfolios, method="technology_volume", year=2030)
    # F's EAF target: 10 + 10 x 6/90 = 10.6667 (SMSP); D's 2.6667
    assert one(volume, "target", technology="EAF") == pytest.approx(
        0.75 * (2 + 10 * 6 / 90) + 0.25 * (10 + 10 * 6 / 90))
    assert one(volume, "value", technology="EAF") == pytest.approx(0.75 * 3 + 0.25 * 10)
    share = pick(result.portfolios, method="technology_share", year=2030)
    assert share["value"].sum() == pytest.approx(100.0)
    assert one(share, "value", technology="BF-BOF") == pytest.approx(
        100 * 0.75 * 7 / (0.75 * 10 + 0.25 * 10))

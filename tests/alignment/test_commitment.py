"""The commitment gap and target statuses against hand computations on the toy pathway
(World scope 1+2: 220 - 3.6t Mt CO2, scope 1: 80% of it; intensity (220 - 3.6t)/(150 + t))."""

from __future__ import annotations

import pytest

from sectorpath.alignment import align
from sectorpath.errors import InputError
from tests.alignment.conftest import company, inputs, one, pick, toy_pathways

S = {year: 220 - 3.6 * (year - 2020) for year in range(2020, 2051)}
I_2020, I_2030 = 220 / 150, 184 / 160


def target(name: str, base: int, end: int, reduction: float, *, scope: str = "1+2",
           kind: str = "absolute", base_value: float | None = None) -> dict[str, object]:
    return {"company_id": name, "sector": "steel", "scope": scope, "base_year": base,
            "target_year": end, "reduction": reduction, "type": kind, "base_value": base_value}


COMPANIES = [*company("G", range(2020, 2026), BF_BOF=(4, 2.0)),
             *company("H", range(2020, 2026), BF_BOF=(10, 2.0)),
             *company("K", range(2020, 2026), BF_BOF=(5, 2.0))]
LOANS = [("G", "steel", 1.0), ("H", "steel", 1.0), ("K", "steel", 1.0)]


def run(*targets: dict[str, object]):  # type: ignore[no-untyped-def]
    return align(inputs(COMPANIES, LOANS, list(targets)), pathways=toy_pathways("steel"))


def test_absolute_target_path_and_pathway_consistent_emissions() -> None:
    result = run(target("G", 2020, 2030, 40, base_value=10.0))
    rows = pick(result.companies, entity="G", method="commitment")
    committed = dict(zip(rows["year"], rows["value"], strict=True))
    assert committed[2020] == pytest.approx(10.0)
    assert committed[2025] == pytest.approx(8.0)  # half-way: 10 x (1 - 0.4 x 0.5)
    assert committed[2030] == pytest.approx(6.0)
    assert committed[2050] == pytest.approx(6.0)  # held after the target year
    consistent = dict(zip(rows["year"], rows["target"], strict=True))
    assert consistent[2030] == pytest.approx(10 * S[2030] / S[2020])  # 8.3636
    assert consistent[2050] == pytest.approx(10 * 112 / 220)
    gap = pick(result.commitment_gap, scope="1+2", year=2050)
    assert one(gap, "gap") == pytest.approx(6.0 - 10 * 112 / 220)  # +0.909: short of it


def test_chained_target_continues_from_the_previous_end_value() -> None:
    result = run(target("G", 2020, 2030, 40, base_value=10.0), target("G", 2030, 2050, 90))
    rows = pick(result.companies, entity="G", method="commitment")
    assert one(rows, year=2030) == pytest.approx(6.0)
    assert one(rows, year=2040) == pytest.approx(6.0 * (1 - 0.9 * 0.5))
    assert one(rows, year=2050) == pytest.approx(0.6)
    statuses = pick(result.targets, company_id="G")
    assert list(statuses["base_value"]) == pytest.approx([10.0, 6.0])


def test_intensity_target_uses_company_data_and_holds_production() -> None:
    # H: 10 Mt at 2.0 t/t in 2020-2025; -50% intensity by 2030, base from its own data.
    result = run(target("H", 2020, 2030, 50, kind="intensity"))
    rows = pick(result.companies, entity="H", method="commitment")
    assert one(rows, year=2025) == pytest.approx(1.5 * 10)  # production held at 10 Mt
    assert one(rows, year=2030) == pytest.approx(1.0 * 10)
    assert one(rows, "target", year=2030) == pytest.approx(2.0 * I_2030 / I_2020 * 10)
    status = pick(result.targets, company_id="H")
    assert status["base_value"].item() == pytest.approx(2.0)
    # still 2.0 in its last plan year 2025, where the path asks for 1.5
    assert status["status"].item() == "off track"


def test_target_already_met_counts_at_its_own_level() -> None:
    # K emits 5 x 2.0 = 10 Mt in 2020; its target: 15 Mt in 2018 -> 12 Mt in 2030.
    result = run(target("K", 2018, 2030, 20, base_value=15.0),
                 target("G", 2020, 2030, 40, base_value=10.0))
    status = pick(result.targets, company_id="K")
    assert status["status"].item() == "met"
    assert status["current_value"].item() == pytest.approx(10.0)
    assert status["target_value"].item() == pytest.approx(12.0)
    assert one(result.companies, entity="K", method="commitment", year=2030) == (
        pytest.approx(12.0))
    # the base year precedes the pathway: its contraction starts from 2020
    consistent_k = 15.0 * S[2030] / S[2020]
    gap = pick(result.commitment_gap, scope="1+2", year=2030)
    assert one(gap, "committed") == pytest.approx(12.0 + 6.0)
    assert one(gap, "consistent") == pytest.approx(consistent_k + 10 * S[2030] / S[2020])
    assert one(gap, "companies") == 2


def test_on_track_when_the_plan_is_below_the_path() -> None:
    falling = [*company("J", range(2020, 2025), BF_BOF=(10, 2.0)),
               *company("J", [2025], BF_BOF=(10, 1.4))]
    result = align(inputs(falling, [("J", "steel", 1.0)],
                          [target("J", 2020, 2030, 50, kind="intensity")]),
                   pathways=toy_pathways("steel"))
    assert pick(result.targets, company_id="J")["status"].item() == "on track"


def test_scope_one_target_needs_a_base_value() -> None:
    with pytest.raises(InputError) as caught:
        run(target("G", 2020, 2030, 40, scope="1"))
    assert caught.value.field == "base_value" and caught.value.source == "targets.csv"
    assert "'G'" in caught.value.problem and "scope 1" in caught.value.problem
    result = run(target("G", 2020, 2030, 40, scope="1", base_value=8.0))
    rows = pick(result.companies, entity="G", method="commitment", scope="1")
    # scope 1 is 80% of scope 1+2 in every year, so it contracts at the same rate
    assert one(rows, "target", year=2030) == pytest.approx(8.0 * S[2030] / S[2020])
    assert pick(result.targets, company_id="G")["status"].item() == "no data"


def test_targets_of_a_sector_without_pathway_are_listed_as_such() -> None:
    power = [{"company_id": "P", "sector": "power", "region": "World", "technology": "coal",
              "year": 2020, "production": 1.0, "emission_intensity": 0.9}]
    result = align(inputs([*COMPANIES, *power], [*LOANS, ("P", "power", 1.0)],
                          [dict(target("P", 2020, 2030, 50, base_value=1.0), sector="power")]),
                   pathways=toy_pathways("steel", missing={"power": "no model"}))
    assert pick(result.targets, company_id="P")["status"].item() == "no pathway"
    assert result.commitment_gap.empty or "power" not in set(result.commitment_gap["sector"])

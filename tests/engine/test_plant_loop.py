"""Each step of the plant loop (engine/simulate.py) on the made-up toy industry, by hand.

The toy (tests/data/toy_industry, README there): one region, North; two 10 Mt/yr coal plants,
A1 (started 2001) and A2 (started 2011); demand 16 Mt/yr, so both run at 16 / 20 = 80%.
Coal: 20 GJ x 5 USD/GJ = 100 USD/t opex, 20 x 0.095 + 0.1 = 2.0 t CO2/t. Hydrogen: 10 GJ x
20 USD/GJ = 200 USD/t, no CO2. Greenfield capex 100 USD/t for both, renewal 20 USD/t.
Under a carbon price P coal's opex is 100 + 2P.

With the default 20-year investment cycle, A1 (age 19 in 2020) decides in 2021 and A2 (age 9)
in 2031; their last investments were 2001 and 2011. Sector defaults: utilisation 0.6-0.95.
Year index 1 is 2021 throughout; money is billion USD (USD/t x Mt x 1e-3).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sectorpath.engine.simulate import MAIN, NEW, TRANSITIONAL, Trajectory, budget_path, simulate
from sectorpath.inputs import build_inputs, load_sector_data
from sectorpath.scenarios.model import PlantScenario
from sectorpath.sectors.base import ResourceLimit, Sector
from tests.conftest import DATA

COAL, HYDROGEN = 0, 1  # technology order of technologies.csv
Y2021, Y2022, Y2031 = 1, 2, 11
#: Sum of the 20 discount factors of the TCO at 7%: sum(1.07 ** -k for k in 0..19).
WEIGHT = (1 - 1.07**-20) / (1 - 1 / 1.07)
DEMAND_HEADER = "region,year,scenario,product,value,unit\n"


def run(tmp_path: Path, tables: dict[str, str] | None = None,
        sector: dict[str, Any] | None = None, **scenario: Any) -> Trajectory:
    """Simulate a copy of the toy industry with ``tables`` (name -> CSV text) replaced."""
    folder = Path(shutil.copytree(DATA / "toy_industry", tmp_path / "toy"))
    for name, text in (tables or {}).items():
        (folder / f"{name}.csv").write_text(text)
    toy = Sector(name="toy", label="Toy", product="widget", data_dir=folder, **(sector or {}))
    chosen = PlantScenario.model_validate({"name": "toy", "sector": "toy", **scenario})
    return simulate(build_inputs(load_sector_data(toy), chosen))


def demand_from_2021(value: float) -> str:
    return DEMAND_HEADER + f"North,2020,bau,widget,16,Mt\nNorth,2021,bau,widget,{value},Mt\n"


def test_the_toy_runs_unchanged_without_a_reason_to_move(tmp_path: Path) -> None:
    # P = 0: coal's TCO (20 + 100 W) / W is below hydrogen's (100 + 200 W) / W, demand is flat
    # at 80% utilisation: nothing opens, closes or switches; A1 renews in 2021 (20 USD/t x
    # 10 Mt = 0.2 billion USD) and A2 in 2031.
    run_ = run(tmp_path)
    assert run_.capacity[:, 0].tolist() == [[20.0, 0.0]] * 31
    assert run_.production[:, 0, COAL] == pytest.approx(16.0)
    assert run_.investment[MAIN, Y2021, 0].tolist() == pytest.approx([0.2, 0.0])
    assert run_.investment[MAIN, Y2031, 0].tolist() == pytest.approx([0.2, 0.0])
    assert run_.investment[[TRANSITIONAL, NEW]].sum() == 0.0


# -- closing and opening -------------------------------------------------------------------------

def test_falling_demand_closes_the_plant_longest_without_investment(tmp_path: Path) -> None:
    # 2021 demand 4 Mt: above the floor 0.6 the region keeps at most 4 / 0.6 = 6.7 Mt, so
    # 20 - 6.7 = 13.3 Mt is to close. Plants close by last investment, never past the target:
    # A1 (2001, 10 Mt, cumulative 10 <= 13.3) closes; A2 (cumulative 20 > 13.3) stays and
    # makes the 4 Mt alone (utilisation 0.4).
    run_ = run(tmp_path, {"demand": demand_from_2021(4)})
    assert run_.stock.active.tolist() == [False, True]
    assert run_.capacity[Y2021, 0, COAL] == pytest.approx(10.0)
    assert run_.production[Y2021, 0, COAL] == pytest.approx(4.0)
    assert run_.investment[MAIN, Y2021].sum() == 0.0  # A1 closed before its 2021 cycle


@pytest.mark.parametrize(("carbon_price", "technology"), [(0, COAL), (100, HYDROGEN)])
def test_rising_demand_opens_one_plant_of_the_mean_size(tmp_path: Path, carbon_price: float,
                                                        technology: int) -> None:
    # 2021 demand 24 Mt: at the ceiling 0.95 it needs 24 / 0.95 = 25.3 Mt, 5.3 more than the
    # 20 there: ceil(5.3 / 10) = 1 new plant of the mean initial size, 10 Mt. It takes the
    # lowest LCOX; the capex annuity is the same for both, so opex decides: coal 100 + 2P
    # against hydrogen 200 (P = 0: coal, P = 100: hydrogen). Investment: 100 USD/t x 10 Mt.
    run_ = run(tmp_path, {"demand": demand_from_2021(24)}, carbon_price={2020: carbon_price})
    assert run_.stock.asset_id[2] == "toy-2021-00002"
    assert run_.stock.capacity[2] == 10.0 and run_.stock.technology[2] == technology
    assert run_.capacity[Y2021, 0].sum() == pytest.approx(30.0)
    assert run_.production[Y2021, 0].sum() == pytest.approx(24.0)
    assert run_.investment[NEW, Y2021, 0, technology] == pytest.approx(1.0)


# -- main investment cycle -----------------------------------------------------------------------

@pytest.mark.parametrize(("carbon_price", "moves"), [(53.0, False), (54.0, True)])
def test_main_cycle_switches_above_the_hand_computed_parity(tmp_path: Path, carbon_price: float,
                                                            moves: bool) -> None:
    # A1 at its 2021 cycle: staying costs the renewal, moving the greenfield capex:
    # (20 + (100 + 2P) W) / W against (100 + 200 W) / W, equal at P = 50 + 40 / W = 53.53
    # (W = 11.336). At 53 A1 renews coal (0.2 billion USD), at 54 it builds hydrogen (1.0).
    run_ = run(tmp_path, carbon_price={2020: carbon_price})
    assert run_.economics.discount_weight == pytest.approx(WEIGHT)
    assert pytest.approx(53.529, abs=1e-3) == 50 + 40 / WEIGHT
    target = HYDROGEN if moves else COAL
    assert run_.stock.technology[0] == target
    assert run_.switches[Y2021, COAL, target] == 1.0
    assert run_.investment[MAIN, Y2021, 0, target] == pytest.approx(1.0 if moves else 0.2)
    # nobody decides again before A2's own cycle in 2031 (A1's next one is 20 years on, 2041)
    assert run_.switches[Y2021 + 1:Y2031].sum() == 0.0
    assert run_.switches[Y2031].sum() == 1.0


def test_fastest_abatement_switches_without_a_carbon_price(tmp_path: Path) -> None:
    # Rule weights (cost 0.02, emissions 1.0), each criterion scaled 0..1 over the options:
    # coal scores 0.02 x 0 + 1 x 1 = 1, hydrogen 0.02 x 1 + 1 x 0 = 0.02: A1 moves in 2021.
    run_ = run(tmp_path, choice={"rule": "fastest-abatement"})
    assert run_.stock.technology[0] == HYDROGEN
    assert run_.investment[MAIN, Y2021, 0, HYDROGEN] == pytest.approx(1.0)
    assert run_.emissions[0, Y2021].sum() == pytest.approx(8.0 * 2.0)  # A2's 8 Mt of coal


# -- transitional switches -----------------------------------------------------------------------

HYDROGEN_CAPEX_150 = ("technology,region,year,greenfield_capex,renewal_capex,fixed_opex\n"
                      "coal,World,2020,100,20,0\nhydrogen,World,2020,150,20,0\n")


@pytest.mark.parametrize("allowed", [True, False])
def test_transitional_switch_between_cycles_pays_the_capex_difference(tmp_path: Path,
                                                                      allowed: bool) -> None:
    # Hydrogen's greenfield capex raised to 150; coal may be retrofitted to hydrogen. P = 100.
    # A2 is inside its retrofit window in 2021: 2011 + 3 <= 2021 < 2031 - 8. Retrofit capex
    # 150 - 100 = 50 USD/t; TCO (50 + 200 W) / W against coal's (0 + 300 W) / W: it moves,
    # paying 50 x 10 Mt = 0.5 billion USD. A1 is on its main cycle in 2021 instead and moves
    # too ((150 + 200 W) / W < (20 + 300 W) / W), paying greenfield 150 x 10 = 1.5.
    run_ = run(tmp_path, {"costs": HYDROGEN_CAPEX_150},
               sector={"transitional_switches": {"coal": ("hydrogen",)}},
               carbon_price={2020: 100}, choice={"transitional_switches": allowed})
    assert run_.investment[MAIN, Y2021, 0, HYDROGEN] == pytest.approx(1.5)
    if allowed:
        assert run_.investment[TRANSITIONAL, Y2021, 0, HYDROGEN] == pytest.approx(0.5)
        assert run_.capacity[Y2021, 0].tolist() == pytest.approx([0.0, 20.0])
        assert run_.switches[Y2021, COAL, HYDROGEN] == 2.0
    else:  # the scenario switch turns the step off: A2 waits for its 2031 cycle
        assert run_.investment[TRANSITIONAL].sum() == 0.0
        assert run_.capacity[Y2021, 0].tolist() == pytest.approx([10.0, 10.0])
        assert run_.capacity[Y2031, 0].tolist() == pytest.approx([0.0, 20.0])


# -- resource limits -----------------------------------------------------------------------------

def _limits(resource: str, *rows: tuple[int, float]) -> str:
    return "resource,region,year,case,value,unit\n" + "".join(
        f"{resource},North,{year},default,{value},PJ/yr\n" for year, value in rows)


@pytest.mark.parametrize(("cap_pj", "moves"), [(94.0, False), (96.0, True)])
def test_a_resource_cap_stops_a_switch_that_would_exceed_it(tmp_path: Path, cap_pj: float,
                                                            moves: bool) -> None:
    # P = 100 makes hydrogen cheaper. A hydrogen plant is counted at the utilisation ceiling:
    # 10 Mt x 0.95 x 10 GJ/t = 95 PJ/yr. Cap 94: A1 cannot move in 2021 and renews coal;
    # cap 96: it moves, and in 2031 A2 cannot follow (96 - 95 = 1 PJ left).
    run_ = run(tmp_path, {"limits": _limits("hydrogen", (2020, cap_pj))},
               sector={"limits": (ResourceLimit("hydrogen", ("hydrogen",)),)},
               carbon_price={2020: 100})
    assert run_.stock.technology[0] == (HYDROGEN if moves else COAL)
    assert run_.investment[MAIN, Y2021, 0].tolist() == pytest.approx(
        [0.0, 1.0] if moves else [0.2, 0.0])
    assert run_.capacity[Y2031, 0].tolist() == pytest.approx([10.0, 10.0] if moves
                                                             else [20.0, 0.0])


def test_a_shrinking_cap_moves_the_biggest_user_off_the_resource(tmp_path: Path) -> None:
    # Coal capped at 1000 PJ/yr until 2021 and 200 from 2022; P = 0 (coal is cheaper). A coal
    # plant is counted at 10 Mt x 0.95 x 20 GJ/t = 190 PJ: both use 380, 180 over the cap.
    # The biggest users move first (equal here: asset order), until the excess is covered:
    # A1 alone (190 >= 180), to hydrogen, the one technology without coal, paying greenfield
    # capex 100 x 10 Mt = 1.0 billion USD, a main investment that restarts its cycle (2042).
    run_ = run(tmp_path, {"limits": _limits("coal", (2021, 1000), (2022, 200))},
               sector={"limits": (ResourceLimit("coal", ("thermal_coal",)),)})
    assert run_.capacity[Y2021, 0].tolist() == pytest.approx([20.0, 0.0])
    assert run_.capacity[Y2022, 0].tolist() == pytest.approx([10.0, 10.0])
    assert run_.stock.technology.tolist() == [HYDROGEN, COAL]
    assert run_.investment[MAIN, Y2022, 0, HYDROGEN] == pytest.approx(1.0)
    # A1's cycle restarts: no decision in 2041 (where it was due), A1 stays hydrogen in 2042
    assert run_.switches[Y2022 + 19].sum() == 0.0
    assert run_.switches[Y2022 + 20, HYDROGEN, HYDROGEN] == 1.0


def test_a_cap_that_is_not_enforced_on_the_stock_moves_nobody(tmp_path: Path) -> None:
    # Same shrinking coal cap, declared enforce_on_stock=False: it only stops decisions from
    # adding coal use (renewing coal adds none), so both plants stay on coal.
    run_ = run(tmp_path, {"limits": _limits("coal", (2021, 1000), (2022, 200))},
               sector={"limits": (ResourceLimit("coal", ("thermal_coal",),
                                                enforce_on_stock=False),)})
    assert run_.capacity[:, 0, HYDROGEN].sum() == 0.0


# -- carbon budget -------------------------------------------------------------------------------

def test_a_carbon_budget_pulls_the_cheapest_abatement_forward(tmp_path: Path) -> None:
    # Budget 20 Mt CO2 from 2021, P = 0. In 2021 A1 renews coal at its cycle (so it may not
    # move again that year); emissions 16 Mt x 2.0 = 32 Mt, 12 over. A2 (8 Mt, cuts 2.0 t/t:
    # 16 Mt >= 12) moves to hydrogen ahead of its 2031 cycle, paying 100 x 10 = 1.0 billion;
    # what is left is A1's 8 Mt x 2.0 = 16 Mt, inside the budget.
    run_ = run(tmp_path, constraints={"carbon_budget": {2020: 100, 2021: 20}})
    assert run_.carbon_budget is not None and run_.carbon_budget[Y2021] == 20.0
    assert run_.stock.technology.tolist() == [COAL, HYDROGEN]
    assert run_.investment[MAIN, Y2021, 0].tolist() == pytest.approx([0.2, 1.0])
    assert run_.emissions[0, Y2021].sum() == pytest.approx(16.0)
    # A2's cycle restarts from the pulled-forward move (2041): nobody decides in 2031
    assert run_.switches[Y2031].sum() == 0.0


def test_a_cumulative_budget_becomes_a_straight_line_from_the_first_year(tmp_path: Path) -> None:
    # 2020 emissions 32 Mt; 0.496 Gt over 31 years is 31 x 32 / 2: the line from 32 reaches
    # exactly 0 in 2050 (32 - 32 x k / 30).
    run_ = run(tmp_path, constraints={"carbon_budget_total": 0.496})
    assert run_.carbon_budget is not None
    assert run_.carbon_budget[[0, 15, 30]].tolist() == pytest.approx([32.0, 16.0, 0.0])
    assert run_.carbon_budget.sum() == pytest.approx(496.0)


def test_budget_path_by_hand() -> None:
    # a line that stays above zero: first 10, 155 over 31 years ends at 2 x 155 / 31 - 10 = 0
    assert budget_path(10.0, 155.0, 31) == pytest.approx(np.linspace(10.0, 0.0, 31))
    # too small for a line to 2050: 10 falls to 0 in 2 x 50 / 10 = 10 years (10, 9 ... 1, 0,
    # 0 ...), and the years after the first (9 + 8 + ... + 1 = 45) are scaled to 50 - 10 = 40
    path = budget_path(10.0, 50.0, 31)
    assert path[0] == 10.0 and path[1] == pytest.approx(9 * 40 / 45)
    assert path[10:].tolist() == [0.0] * 21
    assert path.sum() == pytest.approx(50.0)


# -- switching cap -------------------------------------------------------------------------------

def test_the_switching_cap_defers_a_move_to_the_next_year(tmp_path: Path) -> None:
    # P = 100: A1 wants hydrogen in 2021, but only 5 Mt/yr may change technology then and A1
    # is 10 Mt: it waits a year (no renewal paid) and moves in 2022, when the cap has ended
    # (unlimited after the last year given).
    run_ = run(tmp_path, carbon_price={2020: 100},
               constraints={"max_switching_capacity": {2020: 5, 2021: 5}})
    assert run_.capacity[Y2021, 0].tolist() == pytest.approx([20.0, 0.0])
    assert run_.investment[MAIN, Y2021].sum() == 0.0
    assert run_.capacity[Y2022, 0].tolist() == pytest.approx([10.0, 10.0])
    assert run_.investment[MAIN, Y2022, 0, HYDROGEN] == pytest.approx(1.0)


def test_new_capacity_counts_against_the_switching_cap(tmp_path: Path) -> None:
    # Demand 24 in 2021 opens a 10 Mt hydrogen plant (P = 100), using 10 of the 15 Mt/yr
    # that may change; the 5 left are less than A1's 10 Mt: A1 waits until 2022.
    run_ = run(tmp_path, {"demand": demand_from_2021(24)}, carbon_price={2020: 100},
               constraints={"max_switching_capacity": {2020: 15, 2021: 15}})
    assert run_.investment[NEW, Y2021, 0, HYDROGEN] == pytest.approx(1.0)
    assert run_.investment[MAIN, Y2021].sum() == 0.0
    assert run_.investment[MAIN, Y2022, 0, HYDROGEN] == pytest.approx(1.0)

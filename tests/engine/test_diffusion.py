"""Ramp-up limits and the project pipeline on a hand-computable toy industry.

Toy (tests/data/toy_industry): under a carbon price of 200 USD/t the hydrogen route (200 USD/t)
beats coal (100 + 2 x 200 = 500 USD/t), so every deciding plant wants hydrogen. Here 20 coal
plants of 1 Mt/yr started 2001-2005, four a year, so four reach their 20-year cycle in each of
2021-2025; a plant turned down by a limit renews coal (its next-best option) for 20 years.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sectorpath.diffusion import binding_limits, ramp_path
from sectorpath.engine.choice import Limit, choose
from sectorpath.engine.simulate import simulate
from sectorpath.errors import InputError
from sectorpath.inputs import build_inputs, load_sector_data
from sectorpath.results import Results
from sectorpath.scenarios.model import PlantScenario
from sectorpath.sectors.base import Sector
from tests.conftest import DATA

_HEADER = "case,group,technology,start_year,end_year,initial,growth_rate,unit,source\n"


def _toy(tmp_path: Path, diffusion: str, pipeline: str | None = None) -> Sector:
    folder = tmp_path / "toy"
    shutil.copytree(DATA / "toy_industry", folder)
    pd.DataFrame({"asset_id": [f"P{k:02d}" for k in range(20)], "region": "North",
                  "technology": "coal", "capacity": 1.0,
                  "start_year": np.repeat(np.arange(2001, 2006), 4)}).to_csv(
        folder / "assets.csv", index=False)
    (folder / "diffusion.csv").write_text(_HEADER + diffusion)
    if pipeline is not None:
        (folder / "pipeline.csv").write_text(
            "project,group,region,start_year,capacity,status,source\n" + pipeline)
    return Sector(name="toy", label="Toy", product="widget", data_dir=folder)


def _run(sector: Sector, **constraints: object) -> Results:
    scenario = PlantScenario.model_validate({
        "name": "toy", "sector": "toy", "carbon_price": {2020: 200},
        "choice": {"transitional_switches": False}, "constraints": constraints})
    return Results(simulate(build_inputs(load_sector_data(sector), scenario)))


def _hydrogen(results: Results) -> np.ndarray:
    """Hydrogen capacity 2021-2025, Mt/yr."""
    inputs = results.trajectory.inputs
    return results.trajectory.capacity[1:6, 0, inputs.technologies.index("hydrogen")]


def test_ramp_path_doubles_from_its_start_and_is_unlimited_after_its_end() -> None:
    years = np.arange(2020, 2027)
    assert ramp_path(years, 2021, 2024, 1.0, 1.0, whole=True).tolist() == [
        0, 1, 2, 4, 8, np.inf, np.inf]
    # MPP's lc cement rule: 10 kilns, +5%/yr, rounded to whole kilns
    assert ramp_path(years, 2020, 2050, 10, 0.05, whole=True)[:4].tolist() == [10, 10, 11, 12]


def test_assets_a_year_double_and_turned_down_plants_renew_coal(tmp_path: Path) -> None:
    sector = _toy(tmp_path, "standard,h2,hydrogen,2021,2050,1,1.0,assets,test\n")
    results = _run(sector)
    # allowed 1, 2, 4, 8, 16 new plants a year; four decide each year
    assert _hydrogen(results).tolist() == [1, 3, 7, 11, 15]
    bound = results.trajectory.bound
    assert bound is not None
    assert bound.ramp_refused[1:6, 0].tolist() == [3, 2, 0, 0, 0]
    assert bound.ramp_adopted[1:6, 0].tolist() == [1, 2, 4, 4, 4]
    table = binding_limits(results)
    assert table.to_dict("records") == [{"limit": "ramp-up: h2", "unit": "assets",
                                         "first_year": 2021, "last_year": 2022,
                                         "years_bound": 2, "refused_total": 5.0}]


def test_capacity_limit_counts_mt_and_an_empty_case_list_lifts_it(tmp_path: Path) -> None:
    sector = _toy(tmp_path, "standard,h2,hydrogen,2021,2050,2.5,0.0,Mt/yr,test\n")
    assert _hydrogen(_run(sector)).tolist() == [2, 4, 6, 8, 10]
    assert _hydrogen(_run(sector, diffusion=[])).tolist() == [4, 8, 12, 16, 20]


def test_pipeline_is_always_reachable_and_the_ramp_comes_on_top(tmp_path: Path) -> None:
    sector = _toy(tmp_path, "standard,h2,hydrogen,2023,2050,1,0.0,assets,test\n",
                  "First,h2,North,2021,3,construction,test\nSecond,h2,North,2024,2,fid,test\n")
    # 2021: pipeline 3, 2022: 3 already held and no ramp yet, 2023: the ramp's 1,
    # 2024: pipeline 5 - 4 held + 1 = 2, 2025: 1
    assert _hydrogen(_run(sector)).tolist() == [3, 3, 4, 6, 7]


def test_limits_bind_every_decision_path_including_the_carbon_budget(tmp_path: Path) -> None:
    sector = _toy(tmp_path, "standard,h2,hydrogen,2021,2050,1,0.0,assets,test\n")
    results = _run(sector, carbon_budget={2020: 40, 2021: 0})
    assert (np.diff(results.trajectory.capacity[:, 0, 1]) <= 1 + 1e-9).all()


def test_an_unknown_case_or_inconsistent_group_is_refused(tmp_path: Path) -> None:
    sector = _toy(tmp_path, "standard,h2,hydrogen,2021,2050,1,1.0,assets,test\n")
    with pytest.raises(InputError, match="unknown diffusion case 'fast'"):
        _run(sector, diffusion=["fast"])
    broken = _toy(tmp_path / "b", "standard,h2,hydrogen,2021,2050,1,1.0,assets,test\n"
                  "standard,h2,coal,2022,2050,1,1.0,assets,test\n")
    with pytest.raises(InputError, match="different numbers"):
        load_sector_data(broken)


def test_an_asset_with_every_option_barred_does_not_undo_the_others() -> None:
    """Asset 0 (new) has no allowed option and would add use to a full group; asset 1 moves
    from technology 1 to 2, outside any group: that move stands."""
    scores = np.array([[np.inf, np.inf, np.inf], [np.inf, 1.0, 0.0]])
    use = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    limit = Limit("ramp:x", use=use, group=np.zeros(2, dtype=int), headroom=np.array([0.0]),
                  tech_group=np.array([0, -1, -1]))
    assert choose(scores, np.array([-1, 1]), [limit])[1] == 2


def test_layers_put_no_technology_twice_in_one_limit(tmp_path: Path) -> None:
    sector = _toy(tmp_path, "standard,both,hydrogen,2021,2050,1,0,assets,test\n"
                  "standard,both,coal,2021,2050,1,0,assets,test\n"
                  "standard,h2,hydrogen,2021,2050,1,0,assets,test\n")
    diffusion = build_inputs(load_sector_data(sector), PlantScenario.model_validate(
        {"name": "toy", "sector": "toy"})).diffusion
    assert diffusion is not None
    layers = [(list(groups), list(tech_group)) for groups, tech_group in diffusion.layers]
    assert layers == [([0], [0, 0]), ([1], [-1, 0])]

"""Every built-in scenario of every plant sector against real-world deployment limits.

- cement captures no more than 30 Mt CO2/yr before 2030 (Brevik, the first full-scale plant,
  0.4 Mt/yr, started in 2025; 10-20 Mt/yr in 2030 is a generous reading of the pipeline);
- no sector runs more near-zero capacity before 2030 than its committed project pipeline;
- no technology goes from under 5% to over 60% of its sector's output within ten years.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath import plausibility
from sectorpath.inputs import YEARS, anchor_to_statistics, load_sector_data
from sectorpath.results import Results
from sectorpath.scenarios.model import builtin_names, load_scenario

PLANT_SECTORS = ("cement", "aluminium", "steel", "ammonia", "methanol")
CASES = [(sector, name) for sector in PLANT_SECTORS for name in builtin_names(sector)]
CEMENT_CAPTURE_BEFORE_2030 = 30.0  # Mt CO2/yr


@pytest.fixture(scope="module", params=CASES, ids=[f"{s}-{n}" for s, n in CASES])
def run(request: pytest.FixtureRequest) -> Results:
    sector, name = request.param
    return sectorpath.run(sector, name)


@pytest.mark.parametrize("name", builtin_names("cement"))
def test_cement_captures_at_most_30_mt_before_2030(name: str) -> None:
    results = sectorpath.run("cement", name)
    captured = results.world("Carbon Capture|Industry|Non-Metallic Minerals|Cement")
    assert captured[captured.index < 2030].max() <= CEMENT_CAPTURE_BEFORE_2030


def test_near_zero_capacity_within_pipeline_before_2030(run: Results) -> None:
    assert plausibility.near_zero_capacity_over_pipeline(run) == pytest.approx(0.0, abs=1e-6)


def test_no_technology_takes_over_within_ten_years(run: Results) -> None:
    assert plausibility.takeovers(run) == []


def test_lifting_the_ramp_up_limits_is_what_allows_a_takeover() -> None:
    """The check can fail: cement fastest-abatement without diffusion limits moves every kiln
    at its cycle, so one technology takes over within ten years."""
    scenario = load_scenario("cement", "fastest-abatement")
    lifted = scenario.model_copy(update={"constraints": scenario.constraints.model_copy(
        update={"diffusion": []})})
    results = sectorpath.run("cement", lifted)
    assert plausibility.takeovers(results) or plausibility.near_zero_capacity_over_pipeline(
        results) > 0


def test_2020_2024_world_production_follows_the_published_statistics(run: Results) -> None:
    """Within 3% of ``statistics.csv`` in every year it covers; every plant sector ships one
    that starts in 2020."""
    statistics = load_sector_data(plausibility.plant(run).inputs.sector).statistics
    assert statistics is not None, f"{run.sector} ships no statistics.csv"
    assert statistics.index.min() == 2020
    produced = run.world(run.names.production).reindex(statistics.index)
    np.testing.assert_allclose(produced.to_numpy(), statistics.to_numpy(), rtol=0.03)


def test_anchoring_scales_world_demand_and_fades_out() -> None:
    """Hand-computed: World 10 in the statistics years becomes 12; 2025 is 5/6 of the way."""
    demand = np.full((YEARS.size, 2), 5.0)
    statistics = pd.Series({2020: 12.0, 2024: 12.0})
    anchored = anchor_to_statistics(demand, statistics)
    at = {int(y): anchored[k].sum() for k, y in enumerate(YEARS)}
    assert at[2020] == pytest.approx(12.0) and at[2024] == pytest.approx(12.0)
    assert at[2022] == pytest.approx(10.0)  # a year the statistics do not cover, before the last
    assert at[2025] == pytest.approx(10.0 * (1 + 0.2 * 5 / 6))
    assert at[2030] == pytest.approx(10.0)

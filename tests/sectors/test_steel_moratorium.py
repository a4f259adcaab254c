"""Steel ``tech-moratorium`` against MPP's own run of its Tech Moratorium (same data), and the
rule's invariants.

Tolerances (issue 14): production within 5% in 2020 and every year from 2030 (2021-2029
follow the published statistics here, MPP's demand model there); cumulative 2020-2050 scope 1+2
within 10%; scope 1+2 within 10% in 2030, 20% in 2040, 30% in 2050. MPP's model is unseeded
(two reruns of its baseline differ by about 2% cumulatively), so these are the tolerances held
to; docs/validation.md shows the measured deviations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.engine.simulate import NEW
from sectorpath.errors import InputError
from sectorpath.results import Results
from sectorpath.scenarios.model import load_scenario
from tests.conftest import DATA

REFERENCE = pd.read_csv(DATA / "mpp_steel_tech_moratorium" / "global_production_emissions.csv",
                        index_col="year")
MORATORIUM_YEAR = 2030
EMISSIONS_TOLERANCE = {2030: 0.10, 2040: 0.20, 2050: 0.30}


@pytest.fixture(scope="module")
def moratorium() -> Results:
    return sectorpath.run("steel", "tech-moratorium")


def _banned(results: Results) -> np.ndarray:
    """(T,) technologies the scenario phases out."""
    barred = results.trajectory.inputs.barred
    assert barred is not None
    return barred[results.years.tolist().index(MORATORIUM_YEAR)].any(axis=0)


def test_bans_avg_bf_bof_and_every_transitional_technology(moratorium: Results) -> None:
    """MPP's list: the initial technology and the eight transitional ones, nothing else."""
    inputs = moratorium.trajectory.inputs
    banned = set(np.asarray(inputs.technologies)[_banned(moratorium)])
    phases = dict(zip(inputs.technologies, inputs.phase, strict=True))
    end_state = max(phases.values())
    assert len(banned) == 9 and "Avg BF-BOF" in banned
    assert banned == {t for t, phase in phases.items() if phase < end_state} - {"Close plant"}


def test_production_matches_mpp(moratorium: Results) -> None:
    ours = moratorium.world(moratorium.names.production)
    years = [2020, *range(MORATORIUM_YEAR, 2051)]
    np.testing.assert_allclose(ours.reindex(years), REFERENCE.loc[years, "production"],
                               rtol=0.05)


def test_cumulative_scope_1_and_2_matches_mpp(moratorium: Results) -> None:
    ours = moratorium.world(moratorium.names.emissions).loc[2020:2050]
    assert ours.sum() == pytest.approx(REFERENCE["s1+s2_mt"].sum(), rel=0.10)


@pytest.mark.parametrize("year", sorted(EMISSIONS_TOLERANCE))
def test_scope_1_and_2_matches_mpp(moratorium: Results, year: int) -> None:
    ours = moratorium.world(moratorium.names.emissions)[year]
    assert ours == pytest.approx(REFERENCE.loc[year, "s1+s2_mt"], rel=EMISSIONS_TOLERANCE[year])


def test_no_decision_picks_a_banned_technology_from_2030(moratorium: Results) -> None:
    """Main cycles, retrofits (renewals included) and new plants: none ends on a banned
    technology from the moratorium year; before it, some do."""
    t = moratorium.trajectory
    banned = _banned(moratorium)
    after = moratorium.years >= MORATORIUM_YEAR
    assert t.switches[after][:, :, banned].sum() == 0
    assert t.investment[NEW][after][..., banned].sum() == 0
    assert t.switches[~after][:, :, banned].sum() > 0


def test_banned_capacity_only_shrinks_and_is_gone_by_2050(moratorium: Results) -> None:
    """Every plant reaches a decision within one 20-year cycle, so none runs a banned
    technology in 2050 (MPP's 2050 mix has none either)."""
    t = moratorium.trajectory
    banned = t.capacity[..., _banned(moratorium)].sum(axis=(1, 2))
    after = banned[moratorium.years >= MORATORIUM_YEAR]
    assert np.all(np.diff(after) <= 1e-9)
    assert after[-1] == pytest.approx(0.0, abs=1e-9)


def test_moratorium_cuts_emissions_below_baseline(moratorium: Results,
                                                  steel_baseline: Results) -> None:
    ours = moratorium.world(moratorium.names.emissions)
    base = steel_baseline.world(steel_baseline.names.emissions)
    assert ours[2020] == pytest.approx(base[2020])
    assert ours[2050] < 0.25 * base[2050]


def test_standard_ramp_up_limits_bind_and_leave_banned_plants_running() -> None:
    """With the ramp-up limits MPP's run does not have, the limit binds and is reported with
    what it turned down, and plants kept off near-zero routes still run banned technologies in
    2050."""
    scenario = load_scenario("steel", "tech-moratorium")
    limited = scenario.model_copy(update={"constraints": scenario.constraints.model_copy(
        update={"diffusion": None})})
    results = sectorpath.run("steel", limited)
    bound = results.trajectory.bound
    assert bound is not None
    near_zero = bound.diffusion.groups.index("near-zero steel")
    assert bound.ramp_refused[:, near_zero].sum() > 0
    assert results.trajectory.capacity[-1][:, _banned(results)].sum() > 0


def test_unknown_technology_in_a_moratorium_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "typo.toml"
    path.write_text('extends = "tech-moratorium"\nname = "typo"\n[phase_out]\n'
                    '"Avg BF-BF" = { World = 2030 }\n')
    with pytest.raises(InputError) as error:
        sectorpath.run("steel", path)
    message = str(error.value)
    assert "phase_out.Avg BF-BF" in message and "BAT BF-BOF+CCUS" in message


# -- near-zero plants, as MPP counts its milestones --------------------------------------------
STANDARD_PLANT_MT = 2.5  # MPP's steel model, AVERAGE_CAPACITY_MT
NEAR_ZERO = ["BAT BF-BOF+BECCUS", "BAT BF-BOF+CCUS", "DRI-EAF+CCUS", "DRI-EAF_100% green H2",
             "DRI-Melt-BOF+CCUS", "DRI-Melt-BOF_100% zero-C H2", "Electrolyzer-EAF",
             "Electrowinning-EAF", "Smelting Reduction+CCUS"]
""" The near-zero primary routes of MPP's data, by hand: not scrap EAF, not BAT BF-BOF+CCU (its
CO2 goes to use, not storage)."""


def _capacity_by_technology(results: Results) -> pd.DataFrame:
    iamc = results.iamc
    prefix = results.names.capacity + "|"
    rows = iamc[(iamc["region"] == "World") & iamc["variable"].str.startswith(prefix)]
    table = rows.pivot_table(index="year", columns="variable", values="value")
    table.columns = [c.removeprefix(prefix) for c in table.columns]
    return table.fillna(0.0)


def test_near_zero_plants_are_primary_near_zero_capacity_in_standard_plants(
        moratorium: Results) -> None:
    capacity = _capacity_by_technology(moratorium)
    expected = capacity.reindex(columns=NEAR_ZERO, fill_value=0.0).sum(axis=1) / STANDARD_PLANT_MT
    plants = moratorium.world(moratorium.names.near_zero_plants)
    np.testing.assert_allclose(plants.reindex(expected.index), expected, rtol=1e-9)
    assert capacity.loc[2050, "EAF"] > 500  # large, and not counted
    # World is the sum of the regions
    iamc = moratorium.iamc
    rows = iamc[iamc["variable"] == moratorium.names.near_zero_plants]
    regions = rows[rows["region"] != "World"].groupby("year")["value"].sum()
    np.testing.assert_allclose(regions.reindex(plants.index), plants, rtol=1e-9)


def test_no_near_zero_plants_without_a_reason_before_2030(steel_baseline: Results) -> None:
    """The baseline (no carbon price, no moratorium) builds none by 2030, though it runs
    hundreds of Mt of scrap EAF."""
    plants = steel_baseline.world(steel_baseline.names.near_zero_plants)
    assert plants[2030] == pytest.approx(0.0, abs=1e-9)
    assert _capacity_by_technology(steel_baseline).loc[2030, "EAF"] > 500


@pytest.mark.parametrize("year", [2040, 2050])
def test_near_zero_plants_match_mpp_run(moratorium: Results, year: int) -> None:
    """MPP's Tech Moratorium counted the same way (its near-zero output at its World
    utilisation, in 2.5 Mt plants) within 10% of ours once the moratorium has worked for a
    decade (2030 counts tens of plants, where one plant is several per cent)."""
    mix = pd.read_csv(DATA / "mpp_steel_tech_moratorium" / "production_by_technology.csv",
                      index_col="year").loc[year]
    utilisation = REFERENCE.loc[year, "production"] / REFERENCE.loc[year, "capacity"]
    mpp_plants = mix.reindex(NEAR_ZERO, fill_value=0.0).sum() / utilisation / STANDARD_PLANT_MT
    ours = moratorium.world(moratorium.names.near_zero_plants)[year]
    assert ours == pytest.approx(mpp_plants, rel=0.10)

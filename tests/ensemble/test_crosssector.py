"""Cross-sector sweeps (``sectorpath sweep all``): a draw of ones is ``run_all``, shared and
per-sector targets reach the right sectors, caps swap in without recompiling, correlated
draws keep their marginals, and the same seed gives the same numbers on every backend and
after a SIGKILL and resume."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.cli import app
from sectorpath.crosssector import run_all
from sectorpath.crosssector.scenario import load_all_scenario
from sectorpath.ensemble import ExecutorBackend, LocalBackend, Sweep
from sectorpath.ensemble.crosssector import (
    ALL_DRAWS,
    discovery_table,
    group_members,
    load_cross_uncertain,
    prepare,
    robustness,
    run_cross,
)
from sectorpath.ensemble.sampling import correlate
from sectorpath.ensemble.sweep import sweep_across
from sectorpath.errors import InputError
from sectorpath.models import get_model
from sectorpath.results import Results
from sectorpath.scenarios.model import load_scenario
from sectorpath.tables import YEARS
from tests.ensemble.conftest import InlineExecutor, kill_after_batches, write_scenario

PLAIN = """
name = "small-uncertain"
[sectors]
methanol = "least-cost"
aluminium = "least-cost"
trucking = "least-cost"
[shared]
rule = "priority"
priority = ["methanol", "trucking"]
[shared.limits.hydrogen]
path = { 2020 = 0, 2030 = 100, 2050 = 1500 }
"""
UNCERTAIN = PLAIN + """
[uncertainty.hydrogen_price]
target = "price.hydrogen"
distribution = "uniform"
low = 0.7
high = 1.5
[uncertainty.hydrogen_cap]
target = "shared.hydrogen"
distribution = "uniform"
low = 0.5
high = 1.5
[uncertainty.trucking_demand]
target = "trucking.demand"
distribution = "uniform"
low = 0.9
high = 1.1
[correlation]
pairs = [["hydrogen_price", "hydrogen_cap", -0.6]]
[groups."hydrogen expensive and scarce"]
hydrogen_price = [1.1, 1.5]
hydrogen_cap = [0.5, 1.0]
"""
SAMPLES, SEED = 6, 3


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cross")
    return write_scenario(folder, PLAIN, "plain.toml"), write_scenario(folder, UNCERTAIN,
                                                                       "uncertain.toml")


@pytest.fixture(scope="module")
def inline(files: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    sweep = Sweep.create_all(files[1], SAMPLES, tmp_path_factory.mktemp("inline"), seed=SEED,
                             batch_size=2)
    sweep.run(ExecutorBackend(InlineExecutor()))
    return sweep


def test_the_scenario_as_written_is_run_all(files: tuple[Path, Path]) -> None:
    """No draw applied: every sector, the allocation and its binding caps equal ``run_all``."""
    combined = run_cross(prepare(load_cross_uncertain(files[1])), None)
    reference = run_all(files[0])
    assert reference.allocation["constrained"].any(), "the test needs a binding cap"
    pd.testing.assert_frame_equal(combined.allocation, reference.allocation, check_exact=True)
    pd.testing.assert_frame_equal(combined.summary(), reference.summary(), check_exact=True)


def test_shared_targets_reach_every_sector_and_sector_targets_one(
        files: tuple[Path, Path]) -> None:
    prepared = prepare(load_cross_uncertain(files[1]))
    reached = {s: [p.name for p in d.parameters] for s, d in prepared.sectors.items()}
    assert reached == {"methanol": ["hydrogen_price"], "aluminium": [],
                       "trucking": ["hydrogen_price", "trucking_demand"]}
    assert prepared.caps["hydrogen"][1] == 1  # the cap is scaled by column 1


def test_a_scaled_cap_changes_the_allocation_by_that_factor(files: tuple[Path, Path]) -> None:
    prepared = prepare(load_cross_uncertain(files[1]))
    half = run_cross(prepared, np.array([1.0, 0.5, 1.0])).allocation
    base = run_cross(prepared, None).allocation
    np.testing.assert_allclose(half["cap"], 0.5 * base["cap"])
    assert half.groupby("year")["used"].sum().max() < base.groupby("year")["used"].sum().max()


def test_swapped_caps_equal_inputs_compiled_with_them() -> None:
    """``SectorModel.with_caps`` on inputs compiled with one cap equals compiling with the
    other."""
    years = np.arange(2020, 2051)
    for sector in ("methanol", "trucking"):
        model = get_model(sector)
        data, scenario = model.load(), load_scenario(sector, "least-cost")
        first = model.compile(data, scenario, {"hydrogen": np.full(years.size, 500.0)})
        sector_years = first.years
        other = {"hydrogen": np.interp(sector_years, years, np.linspace(0, 300, years.size))}
        direct = Results(model.simulate(model.compile(data, scenario, other)), model)
        swapped = Results(model.simulate(model.with_caps(first, other)), model)
        pd.testing.assert_frame_equal(direct.iamc, swapped.iamc, check_exact=True)


@pytest.mark.parametrize(("target", "field"), [("shared.biomass", "uncertainty.x.target"),
                                               ("steel.demand", "uncertainty.x.target")])
def test_targets_that_reach_nothing_are_errors(tmp_path: Path, target: str, field: str) -> None:
    text = PLAIN + f'[uncertainty.x]\ntarget = "{target}"\ndistribution = "uniform"\n' \
                   'low = 0.5\nhigh = 1.5\n'
    with pytest.raises(InputError) as caught:
        prepare(load_cross_uncertain(write_scenario(tmp_path, text)))
    assert caught.value.field == field


def test_correlated_draws_keep_uniform_marginals_and_the_rank_correlation() -> None:
    unit = np.random.default_rng(1).random((20000, 3))
    target = np.array([[1.0, 0.7, 0.0], [0.7, 1.0, -0.3], [0.0, -0.3, 1.0]])
    drawn = correlate(unit, target)
    ranks = pd.DataFrame(drawn).corr(method="spearman").to_numpy()
    np.testing.assert_allclose(ranks, target, atol=0.02)
    np.testing.assert_allclose(np.quantile(drawn, [0.1, 0.5, 0.9], axis=0),
                               np.array([[0.1] * 3, [0.5] * 3, [0.9] * 3]), atol=0.015)
    with pytest.raises(InputError):
        correlate(unit, np.array([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]))


def test_same_seed_same_numbers_on_processes(inline: Sweep, files: tuple[Path, Path],
                                             tmp_path: Path) -> None:
    samples = inline.samples()
    assert samples["hydrogen_price"].corr(samples["hydrogen_cap"], method="spearman") < 0
    sweep = Sweep.create_all(files[1], SAMPLES, tmp_path, seed=SEED, batch_size=2)
    with LocalBackend(2) as backend:
        report = sweep.run(backend)
    assert report.runs == SAMPLES and not report.failed
    pd.testing.assert_frame_equal(inline.runs(), sweep.runs(), check_exact=True)


def test_same_seed_same_numbers_on_dask(inline: Sweep, files: tuple[Path, Path],
                                        tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from sectorpath.ensemble import DaskBackend

    sweep = Sweep.create_all(files[1], SAMPLES, tmp_path, seed=SEED, batch_size=2)
    with DaskBackend(workers=2) as backend:
        sweep.run(backend)
    pd.testing.assert_frame_equal(inline.runs(), sweep.runs(), check_exact=True)


def test_a_draw_is_its_own_cross_sector_run(inline: Sweep, files: tuple[Path, Path]) -> None:
    """A stored run equals ``run_cross`` of its drawn values (total emissions)."""
    prepared = prepare(load_cross_uncertain(files[1]))
    row = inline.samples().iloc[4]
    combined = run_cross(prepared, row[inline.parameters].to_numpy(float))
    runs = inline.runs()
    total = runs[(runs["sample"] == 4) & runs["variable"].str.endswith(
        "Hard-to-Abate Sectors")].set_index("year")["value"]
    np.testing.assert_allclose(total.loc[[2030, 2050]].to_numpy(),
                               combined.summary().loc["Total", [2030, 2050]].to_numpy())


def test_a_killed_cross_sector_sweep_resumes_to_the_same_result(
        inline: Sweep, files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sectorpath", "sweep", "all", "--out", str(out),
               "--no-charts"]
    run_dir, before = kill_after_batches(
        [*command, "--scenario", str(files[1]), "--samples", str(SAMPLES), "--seed", str(SEED),
         "--batch-size", "2", "--workers", "1"], out, batches=1, timeout=300)
    assert 1 <= len(before) < 3, "the sweep was not stopped midway"
    resumed = subprocess.run([*command, "--resume", run_dir.name, "--workers", "2"],
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    after = {p.name: p.read_bytes() for p in (run_dir / "runs").glob("*.parquet")}
    assert len(after) == 3 and all(after[n] == data for n, data in before.items())
    pd.testing.assert_frame_equal(Sweep.open(run_dir).runs(), inline.runs(), check_exact=True)


def test_robustness_counts_the_draws_that_reach_net_zero_and_meet_breakthroughs() -> None:
    years = [2020, 2035, 2050]
    rows = [(sample, "Emissions|CO2|Total", year, value)
            for sample, end in enumerate([5.0, 20.0, 10.0, 50.0])
            for year, value in zip(years, [100.0, 60.0, end], strict=True)]
    rows += [(sample, "Breakthrough|steel|x", year, float(sample < 1))
             for sample in range(4) for year in years]
    runs = pd.DataFrame(rows, columns=["sample", "variable", "year", "value"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sectorpath.ensemble.crosssector.YEARS", np.array(years))
        table = robustness(runs).set_index("outcome")
    assert table.loc["Net zero 2050|Emissions|CO2|Total", "share"] == 0.5  # 5 and 10 of 100
    assert table.loc["Breakthrough|steel|x", "share"] == 0.25
    assert (table["runs"] == 4).all()


def test_the_report_writes_robustness_by_named_group(inline: Sweep) -> None:
    written = inline.write_report(charts=True)
    assert {inline.root / name for name in ("robustness.csv", "robustness.html",
                                            "discovery.csv")} <= set(written)
    table = pd.read_csv(inline.root / "robustness.csv")
    samples = inline.samples()
    members = samples[samples["hydrogen_price"].between(1.1, 1.5)
                      & samples["hydrogen_cap"].between(0.5, 1.0)]["sample"]
    assert set(table["group"]) == {ALL_DRAWS, "hydrogen expensive and scarce"}
    by_group = table.groupby("group")["runs"].first()
    assert by_group[ALL_DRAWS] == SAMPLES
    assert by_group["hydrogen expensive and scarce"] == len(members)
    assert table["share"].dropna().between(0, 1).all()
    assert any(table["outcome"].str.startswith("Net zero 2050|"))
    assert pd.read_csv(inline.root / "discovery.csv").empty  # fewer runs than PRIM needs


def test_named_groups_select_draws_by_their_ranges() -> None:
    samples = pd.DataFrame({"sample": [0, 1, 2, 3], "a": [0.1, 0.5, 0.9, 0.5],
                            "b": [1.0, 2.0, 3.0, 4.0]})
    members = group_members(samples, {"middle a, low b": {"a": (0.4, 0.6), "b": (0.0, 2.0)},
                                      "high a": {"a": (0.9, 1.0)}})
    assert members["middle a, low b"].tolist() == [1]
    assert members["high a"].tolist() == [2]  # bounds are inclusive


@pytest.mark.parametrize(("group", "field"), [
    ('[groups.g]\nnot_a_parameter = [0, 1]\n', "groups.g.not_a_parameter"),
    ('[groups.g]\nhydrogen_price = [1.5, 1.0]\n', "groups.g.hydrogen_price"),
    ('[groups.g]\nhydrogen_price = [1.0, nan]\n', "groups.g.hydrogen_price"),
    ('[groups.g]\nhydrogen_price = 1.2\n', "groups.g.hydrogen_price")])
def test_bad_groups_are_input_errors(tmp_path: Path, group: str, field: str) -> None:
    text = UNCERTAIN[:UNCERTAIN.index("[groups.")] + group
    with pytest.raises(InputError) as caught:
        load_cross_uncertain(write_scenario(tmp_path, text))
    assert caught.value.field == field


def test_discovery_finds_the_two_inputs_a_missed_outcome_depends_on() -> None:
    """A made-up Breakthrough missed exactly when ``a`` is high and ``b`` low: the table's
    box restricts those two and no other."""
    pytest.importorskip("ema_workbench")
    rng = np.random.default_rng(5)
    samples = pd.DataFrame({"sample": np.arange(600), "a": rng.uniform(0, 1, 600),
                            "b": rng.uniform(0, 1, 600), "c": rng.uniform(0, 1, 600)})
    met = ~((samples["a"] > 0.6) & (samples["b"] < 0.4)).to_numpy()
    runs = pd.DataFrame({"sample": np.repeat(samples["sample"], YEARS.size),
                         "variable": "Breakthrough|steel|x",
                         "year": np.tile(YEARS, 600), "value": np.repeat(met * 1.0, YEARS.size)})
    table = discovery_table(runs, samples, ["a", "b", "c"]).set_index("parameter")
    assert sorted(table.index) == ["a", "b"]
    assert table.loc["a", "min"] == pytest.approx(0.6, abs=0.03)
    assert table.loc["b", "max"] == pytest.approx(0.4, abs=0.03)
    assert (table["outcome"] == "missed: Breakthrough|steel|x").all()


def test_no_sector_runs_again_with_the_caps_it_already_ran_with(
        files: tuple[Path, Path]) -> None:
    """``share_resources`` reruns a sector only when its caps changed since its last run."""
    ran: list[tuple[str, bytes]] = []

    def simulate(sector: str, inputs: object) -> Results:
        model = get_model(sector)
        caps = getattr(inputs, "limits", {}).get("shared:hydrogen", getattr(
            inputs, "resource_cap", np.zeros(0)))
        ran.append((sector, np.asarray(caps).tobytes()))
        return Results(model.simulate(inputs), model)

    run_cross(prepare(load_cross_uncertain(files[1])), None, simulate)
    again = [(s, caps) for k, (s, caps) in enumerate(ran)
             if [c for t, c in ran[:k] if t == s][-1:] == [caps]]
    assert not again, f"ran again with the same caps: {[s for s, _ in again]}"


LINEAR = """
name = "linear"
[sectors]
aluminium = "bau"
methanol = "bau"
[uncertainty.grid]
target = "aluminium.emission_factor.electricity"
distribution = "uniform"
low = 0.5
high = 1.5
[uncertainty.idle]
target = "methanol.capex.Electrolytic H2 + CO2 hydrogenation (e-methanol)"
distribution = "uniform"
low = 0.5
high = 1.5
"""


def test_sobol_indices_of_the_whole_system_match_a_hand_checked_case(tmp_path: Path) -> None:
    """Total emissions are linear in aluminium's grid emission factor (checked below on three
    points) and do not depend on the capex of e-methanol (never built under bau): by hand,
    S1 = ST = 1 for the first and 0 for the second."""
    pytest.importorskip("SALib")
    scenario = write_scenario(tmp_path, LINEAR)
    prepared = prepare(load_cross_uncertain(scenario))
    totals = [run_cross(prepared, np.array([x, y])).summary().loc["Total", 2050]
              for x, y in ((0.5, 0.5), (1.0, 1.5), (1.5, 1.0))]
    assert totals[1] - totals[0] == pytest.approx(totals[2] - totals[1], rel=1e-9)
    assert totals[2] != totals[0]
    sweep = Sweep.create_all(scenario, 64, tmp_path / "out", seed=2, design="sobol")
    sweep.run(ExecutorBackend(InlineExecutor()))
    indices = sweep.sobol().set_index(["output", "parameter"])
    for output in sweep.outputs().columns:  # 16 base samples: estimates within 0.05 of 1
        assert indices.loc[(output, "grid"), "S1"] == pytest.approx(1.0, abs=0.05)
        assert indices.loc[(output, "grid"), "ST"] == pytest.approx(1.0, abs=0.05)
        assert indices.loc[(output, "idle"), ["S1", "ST"]].abs().max() < 1e-9


ACROSS = """
[uncertainty.hydrogen_price]
target = "price.hydrogen"
distribution = "uniform"
low = 0.7
high = 1.5
[groups.expensive]
hydrogen_price = [1.2, 1.5]
"""


def test_a_base_names_a_built_in_scenario_and_nothing_else(tmp_path: Path) -> None:
    spec = load_cross_uncertain(write_scenario(tmp_path, 'base = "least-cost"\n' + ACROSS))
    assert spec.scenario == load_all_scenario("least-cost")
    assert list(spec.uncertainty) == ["hydrogen_price"] and list(spec.groups) == ["expensive"]
    for bad in ('base = "least-cost"\nname = "x"\n', 'base = "nowhere"\n'):
        with pytest.raises(InputError) as caught:
            load_cross_uncertain(write_scenario(tmp_path, bad + ACROSS))
        assert caught.value.field in ("base", "scenario")


def test_robustness_across_built_in_scenarios(tmp_path: Path) -> None:
    """One draw on each of two built-in scenarios: a sweep each, and their robustness in one
    table whose rows are each sweep's own table."""
    done = sweep_across(write_scenario(tmp_path, ACROSS), ["baseline", "least-cost"], 1,
                        tmp_path / "out", ExecutorBackend(InlineExecutor()), seed=1,
                        charts=True)
    assert [p.name for p in done.written] == ["robustness_across.csv", "robustness_across.html"]
    assert set(done.table["scenario"]) == {"baseline", "least-cost"}
    for name, sweep in done.sweeps.items():
        assert sweep.job.scenario.name == name and sweep.missing_runs() == 0
        own = pd.read_csv(sweep.root / "robustness.csv")
        mine = done.table[done.table["scenario"] == name].drop(columns="scenario")
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), own, check_dtype=False)


@pytest.mark.parametrize(("args", "field"), [
    (["sweep", "steel", "--across", "baseline"], "--across"),
    (["sweep", "all", "--samples", "2", "--across", "baseline,nowhere"], "--across"),
    (["sweep", "all", "--samples", "2", "--across", ""], "--across")])
def test_across_needs_sweep_all_and_built_in_scenarios(tmp_path: Path, args: list[str],
                                                       field: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [*args, "--scenario",
                                      str(write_scenario(tmp_path, ACROSS)), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"field '{field}'" in " ".join(result.output.split())
    assert not out.exists()

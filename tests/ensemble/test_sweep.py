"""Sweeps end to end: same numbers on every backend, failures recorded, crashes retried, a
killed sweep resumed without loss or repeat, percentiles and Sobol indices."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.cli import app
from sectorpath.ensemble import ExecutorBackend, LocalBackend, Sweep
from sectorpath.ensemble.execute import execute
from sectorpath.ensemble.perturb import perturb, resolve
from sectorpath.ensemble.worker import (
    Batch,
    BatchResult,
    Job,
    base_inputs,
    simulate_any,
    world_series,
)
from sectorpath.errors import InputError
from sectorpath.models import get_model
from tests.ensemble.conftest import InlineExecutor, kill_after_batches, write_scenario
from tests.ensemble.faults import crash_always, crash_once

SAMPLES = 12
SEED = 5


def _sweep(scenario: Path, out: Path, samples: int = SAMPLES) -> Sweep:
    return Sweep.create("steel", scenario, samples, out, seed=SEED, batch_size=3)


@pytest.fixture(scope="module")
def inline(uncertain_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    """The reference: every batch run in this process."""
    sweep = _sweep(uncertain_file, tmp_path_factory.mktemp("inline"))
    sweep.run(ExecutorBackend(InlineExecutor()))
    return sweep


@pytest.fixture(scope="module")
def local(uncertain_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    sweep = _sweep(uncertain_file, tmp_path_factory.mktemp("local"))
    with LocalBackend(2) as backend:
        sweep.run(backend)
    return sweep


def test_every_sample_runs_exactly_once(local: Sweep) -> None:
    runs = local.runs()
    per_sample = runs.groupby("sample").size()
    assert per_sample.index.tolist() == list(range(SAMPLES))
    assert (per_sample == len(local.variables) * local.years.size).all()
    assert local.failures().empty and local.complete


def test_same_seed_same_numbers_in_process_and_on_processes(inline: Sweep, local: Sweep) -> None:
    pd.testing.assert_frame_equal(inline.samples(), local.samples(), check_exact=True)
    pd.testing.assert_frame_equal(inline.runs(), local.runs(), check_exact=True)


def test_same_seed_same_numbers_on_dask(inline: Sweep, uncertain_file: Path,
                                        tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed",
                        reason='the Dask backend is an optional extra: pip install '
                        '"dask[distributed]"')
    from sectorpath.ensemble import DaskBackend

    sweep = _sweep(uncertain_file, tmp_path)
    with DaskBackend(workers=2) as backend:
        report = sweep.run(backend)
    assert report.runs == SAMPLES and not report.retries
    pd.testing.assert_frame_equal(inline.runs(), sweep.runs(), check_exact=True)


def test_runs_equal_a_direct_simulation_of_the_drawn_values(inline: Sweep) -> None:
    """The worker's shortcuts (shared base inputs, remembered switch capex) change nothing."""
    base = base_inputs("steel", inline.job.scenario)
    parameters = resolve(get_model("steel"), inline.job.scenario.uncertainty, base, "x")
    samples = inline.samples()
    runs = inline.runs()
    for sample in (0, 7):
        values = samples.loc[sample, inline.parameters].to_numpy(float)
        direct = world_series(simulate_any("steel", perturb(get_model("steel"), base, parameters, values, "x")),
                              inline.job.variables)
        stored = runs[runs["sample"] == sample].pivot(index="variable", columns="year",
                                                     values="value")
        assert np.array_equal(stored.loc[list(inline.job.variables)].to_numpy(), direct)


def test_samples_follow_the_declared_distributions(local: Sweep) -> None:
    samples = local.samples()
    assert set(samples["carbon_policy"]) <= {0.0, 1.0}
    assert samples["hydrogen"].between(0.6, 1.5).all()
    assert samples["demand"].between(0.9, 1.1).all()
    assert samples["rate"].between(0.05, 0.1).all()


def test_percentiles_are_those_of_the_runs(local: Sweep) -> None:
    summary = local.summary().set_index(["variable", "year"])
    runs = local.runs()
    values = runs[(runs["variable"] == "Emissions|CO2|Industry|Iron and Steel") & (runs["year"] == 2040)]
    row = summary.loc[("Emissions|CO2|Industry|Iron and Steel", 2040)]
    assert row["n"] == SAMPLES and row["unit"] == "Mt CO2/yr"
    expected = np.quantile(values["value"], [0.05, 0.5, 0.95])
    assert row[["p5", "p50", "p95"]].to_numpy(float) == pytest.approx(expected, rel=1e-12)
    assert (summary["p5"] <= summary["p50"]).all() and (summary["p50"] <= summary["p95"]).all()


def test_report_writes_tables_and_fan_charts(local: Sweep) -> None:
    written = local.write_report()
    names = {path.name for path in written}
    assert names == {"summary.parquet", "summary.csv", "fan_charts.html"}
    html = (local.root / "fan_charts.html").read_text()
    assert "p5-p95" in html and "Emissions|CO2|Industry|Iron and Steel" in html


def test_runs_that_fail_validation_are_recorded_with_their_error(tmp_path: Path) -> None:
    """A demand scale drawn from N(1, 0.6) is negative in about 5% of draws: those runs are
    failures of stage 'inputs' with the field and allowed values; the others ran."""
    text = ('extends = "baseline"\nname = "wide"\nsector = "steel"\n[uncertainty.demand]\n'
            'target = "demand"\ndistribution = "normal"\nmean = 1.0\nsd = 0.6\n')
    sweep = _sweep(write_scenario(tmp_path, text), tmp_path / "out", samples=40)
    negative = set(sweep.samples().query("demand < 0")["sample"])
    assert negative  # seed 5 draws some
    sweep.run(ExecutorBackend(InlineExecutor()))
    failures = sweep.failures()
    assert set(failures["sample"]) == negative
    assert (failures["stage"] == "inputs").all()
    assert failures["error"].str.contains("uncertainty.demand").all()
    assert failures["error"].str.contains("allowed: >= 0").all()
    assert set(sweep.runs()["sample"]) == set(range(40)) - negative


def test_a_crashed_worker_is_retried_and_reported(inline: Sweep, uncertain_file: Path,
                                                  tmp_path: Path) -> None:
    sweep = _sweep(uncertain_file, tmp_path / "out")
    with LocalBackend(2) as backend:
        report = sweep.run(backend, work=partial(crash_once, tmp_path, 1))
    assert any(line.startswith("batch 1 crashed its worker") for line in report.retries)
    assert not report.gave_up
    assert any(e["event"] == "retried" and e["batch"] == 1 for e in sweep.store.events())
    pd.testing.assert_frame_equal(inline.runs(), sweep.runs(), check_exact=True)


def test_a_batch_that_always_crashes_is_recorded_and_spares_the_others(
        inline: Sweep, uncertain_file: Path, tmp_path: Path) -> None:
    sweep = _sweep(uncertain_file, tmp_path / "out")
    with LocalBackend(2) as backend:
        report = sweep.run(backend, work=partial(crash_always, 2), max_retries=1)
    assert report.gave_up == [2]
    failures = sweep.failures()
    assert failures["sample"].tolist() == [6, 7, 8]  # batch 2 of size 3
    assert (failures["stage"] == "worker").all()
    reference = inline.runs()
    pd.testing.assert_frame_equal(sweep.runs(), reference[~reference["sample"].isin(
        [6, 7, 8])].reset_index(drop=True), check_exact=True)


def _sweep_command(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sectorpath", "sweep", "steel", "--out", str(out),
            "--no-charts", *extra]


def test_a_killed_sweep_resumes_without_losing_or_repeating_a_run(
        uncertain_file: Path, tmp_path: Path) -> None:
    """Kill the whole process group of a running sweep (SIGKILL), resume it from the command
    line, and compare with an uninterrupted sweep of the same seed."""
    samples, batches = 24, 12
    out = tmp_path / "out"
    run_dir, before = kill_after_batches(
        _sweep_command(out, "--scenario", str(uncertain_file), "--samples", str(samples),
                       "--seed", str(SEED), "--batch-size", "2", "--workers", "1"),
        out, batches=3, timeout=120)
    assert 3 <= len(before) < batches, "the sweep was not stopped midway"

    resumed = subprocess.run(_sweep_command(out, "--resume", run_dir.name, "--workers", "2"),
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert f"{batches - len(before)} of {batches} batches to run" in " ".join(
        resumed.stdout.split())
    after = {path.name: path.read_bytes() for path in (run_dir / "runs").glob("*.parquet")}
    assert len(after) == batches
    assert all(after[name] == data for name, data in before.items())  # finished work kept

    sweep = Sweep.open(run_dir)
    reference = Sweep.create("steel", uncertain_file, samples, tmp_path / "reference",
                             seed=SEED, batch_size=2)
    reference.run(ExecutorBackend(InlineExecutor()))
    runs = sweep.runs()
    assert sorted(runs.groupby("sample").size().index) == list(range(samples))
    assert runs.groupby("sample").size().nunique() == 1
    pd.testing.assert_frame_equal(runs, reference.runs(), check_exact=True)


def test_resume_refuses_other_settings_and_unknown_ids(local: Sweep) -> None:
    out = local.root.parent
    result = CliRunner().invoke(app, ["sweep", "steel", "--resume", local.run_id, "--out",
                                      str(out), "--seed", str(SEED + 1)])
    assert result.exit_code == 2
    assert "seed" in result.output and "differs" in result.output
    result = CliRunner().invoke(app, ["sweep", "steel", "--resume", "nope", "--out", str(out)])
    assert result.exit_code == 2 and local.run_id in result.output


def test_bad_input_stops_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sweep", "steel", "--scenario", "baseline", "--samples",
                                      "10", "--out", str(out)])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "field 'uncertainty': the scenario declares no uncertain parameters" in output
    assert "[uncertainty.<name>] tables" in output
    assert not out.exists()
    with pytest.raises(InputError) as caught:
        Sweep.create("steel", write_scenario(tmp_path, 'extends = "baseline"\nname = "x"\n'
                                             '[uncertainty.h]\ntarget = "capex.Magic"\n'
                                             'distribution = "uniform"\nlow = 1\nhigh = 2\n'),
                     5, out)
    assert caught.value.field == "uncertainty.h.target" and "EAF" in str(caught.value.allowed)
    assert not out.exists()


def test_sobol_indices_see_a_parameter_without_effect(tmp_path: Path) -> None:
    """In the baseline the carbon price is zero, so scaling it changes nothing: its indices
    are exactly zero, and demand, the only input left, has the largest (its true total index
    is 1; a design of 8 x 4 runs estimates it roughly, 0.63 with seed 0)."""
    pytest.importorskip("SALib", reason="Sobol designs need the optional SALib")
    text = ('extends = "baseline"\nname = "sobol"\nsector = "steel"\n'
            '[uncertainty.carbon]\ntarget = "carbon_price"\ndistribution = "uniform"\n'
            'low = 0.5\nhigh = 1.5\n[uncertainty.demand]\ntarget = "demand"\n'
            'distribution = "uniform"\nlow = 0.9\nhigh = 1.1\n')
    result = CliRunner().invoke(app, ["sweep", "steel", "--scenario",
                                      str(write_scenario(tmp_path, text)), "--samples", "32",
                                      "--design", "sobol", "--out", str(tmp_path / "out"),
                                      "--workers", "2"])
    assert result.exit_code == 0, result.output
    (run_dir,) = (tmp_path / "out").iterdir()
    assert (run_dir / "sobol.html").exists()
    indices = pd.read_csv(run_dir / "sobol.csv").set_index(["output", "parameter"])
    assert len(Sweep.open(run_dir).runs()["sample"].unique()) == 32  # 8 x (2 + 2)
    assert indices.xs("carbon", level="parameter")[["S1", "ST"]].abs().max().max() < 1e-12
    total = indices["ST"].loc[("Cumulative scope 1+2 emissions 2020-2050 (Gt CO2)", "demand")]
    assert total > 0.5


class _Recording(ThreadPoolExecutor):
    """Two threads; notes how many tasks were still running when each batch was submitted."""

    def __init__(self) -> None:
        super().__init__(2)
        self.submitted: list[tuple[int, int]] = []  # batch index, tasks running
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        running = sum(not future.done() for future in self.futures)
        self.submitted.append((args[1].index, running))
        self.futures.append(super().submit(fn, *args, **kwargs))
        return self.futures[-1]


class _Collect:
    def __init__(self) -> None:
        self.finished: list[int] = []
        self.retried: list[int] = []

    def done(self, result: BatchResult) -> None:
        self.finished.append(result.index)

    def retry(self, batch: Batch, attempt: int, error: str) -> None:
        self.retried.append(batch.index)

    def gave_up(self, batch: Batch, error: str) -> None:
        raise AssertionError(f"gave up on batch {batch.index}: {error}")


def test_a_crashed_batch_is_retried_alone(inline: Sweep) -> None:
    """Batch 1 fails once; its retry is submitted with nothing running, and nothing else is
    submitted until it is back."""
    failed: set[int] = set()

    def work(job: Job, batch: Batch) -> BatchResult:
        time.sleep(0.02)
        if batch.index == 1 and not failed:
            failed.add(1)
            raise RuntimeError("worker lost")
        return BatchResult(batch.index, batch.samples, np.zeros((batch.samples.size, 1, 1)))

    executor = _Recording()
    batches = inline.batches()
    sink = _Collect()
    with executor:
        execute(inline.job, batches, ExecutorBackend(executor, workers=2), sink, work)
    assert sorted(sink.finished) == [b.index for b in batches] and sink.retried == [1]
    retry = [k for k, (index, _) in enumerate(executor.submitted) if index == 1][1]
    assert executor.submitted[retry][1] == 0
    assert all(running == 0 for _, running in executor.submitted[retry + 1:retry + 2])
    assert max(running for _, running in executor.submitted) <= 1  # at most 2 in flight


def test_missing_optional_extras_are_named(monkeypatch: pytest.MonkeyPatch,
                                           uncertain_file: Path, tmp_path: Path) -> None:
    from sectorpath.ensemble import make_backend

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if absent
    with pytest.raises(InputError) as caught:
        make_backend("dask", 2)
    assert caught.value.field == "--backend" and "dask[distributed]" in str(caught.value.allowed)
    monkeypatch.setitem(sys.modules, "SALib", None)
    result = CliRunner().invoke(app, ["sweep", "steel", "--scenario", str(uncertain_file),
                                      "--samples", "12", "--design", "sobol", "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 2 and "SALib is not installed" in result.output
    assert not (tmp_path / "out").exists()

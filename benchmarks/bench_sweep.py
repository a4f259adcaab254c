"""Speed of sweeps: 1,000 steel runs on local processes, 1 vs 2 workers, and Dask's overhead.

Usage: ``python benchmarks/bench_sweep.py [--runs 1000] [--scenario PATH] [--no-dask]
[--json out.json]``; ``--all`` measures cross-sector sweeps instead (``sweep all``, see
``all_figures``).

Each sweep draws ``--runs`` samples (seed 0) of the example scenario's six uncertain inputs
(src/sectorpath/ensemble/examples/steel-uncertain.toml: carbon price, hydrogen and power
prices, demand, discount rate, H2-DRI capex) and stores every run's key series as the CLI does.
Reported, as wall seconds:
- ``local_2_workers_seconds``: the sweep on 2 worker processes, worker start-up included
  (acceptance: under 60 s for 1,000 runs on the 2-core machine); ``..._total_seconds`` adds
  building the sweep (scenario, base run, draws) and writing the summary and fan charts;
- ``local_1_worker_seconds`` and ``speedup_2_vs_1_workers``;
- ``dask_2_workers_seconds`` on a ``LocalCluster`` of 2 single-threaded worker processes,
  ``dask_cluster_start_seconds`` apart, and ``dask_overhead_ms_per_run`` = (Dask - local) / runs;
- ``in_process_ms_per_run``: one run (perturb, simulate, keep the series) in this process;
- ``..._cpu_ms_per_run``: CPU time the workers spent per run, and ``local_2_workers_busy``: that
  CPU time over 2 x wall time (near 1 when the two cores were ours; other load on the machine
  lowers it and inflates every wall time - the load average is printed before and after);
- ``..._outside_batches_ms_per_run``: worker time not spent inside a batch (process start-up,
  scheduling, moving tasks and results, waiting), per run: the backend's own overhead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter, process_time

from sectorpath.ensemble import LocalBackend, Sweep
from sectorpath.ensemble.execute import Backend, DaskBackend
from sectorpath.ensemble.perturb import Inputs
from sectorpath.ensemble.worker import Batch, run_batch
from sectorpath.results import Results

EXAMPLES = Path(__file__).parents[1] / "src" / "sectorpath" / "ensemble" / "examples"
EXAMPLE = EXAMPLES / "steel-uncertain.toml"
ALL_EXAMPLE = EXAMPLES / "all-uncertain.toml"


@dataclass
class Timing:
    """Seconds of one sweep: ``Sweep.run`` and create + run + report (wall), and what the
    workers spent inside batches (wall and CPU, summed over workers)."""

    run: float
    total: float
    in_batches: float
    cpu: float

    def outside_ms_per_run(self, workers: int, runs: int) -> float:
        """Worker time not spent in batches (start-up, scheduling, transfer, idle), per run."""
        return (workers * self.run - self.in_batches) / runs * 1e3


def timed_sweep(scenario: Path, runs: int, out: Path, backend: Backend) -> Timing:
    """Time one fresh sweep of ``runs`` runs on ``backend``."""
    start = perf_counter()
    sweep = Sweep.create("steel", scenario, runs, out, seed=0)
    ran = perf_counter()
    report = sweep.run(backend)
    done = perf_counter()
    sweep.write_report()
    assert report.runs == runs and report.failed == 0, report
    return Timing(done - ran, perf_counter() - start, report.worker_seconds,
                  report.worker_cpu_seconds)


def in_process_ms(scenario: Path, out: Path, runs: int = 20) -> float:
    """Milliseconds per run of one batch in this process, after a warm-up batch."""
    sweep = Sweep.create("steel", scenario, runs + 2, out, seed=1, batch_size=runs + 2)
    (batch,) = sweep.batches()
    run_batch(sweep.job, Batch(0, batch.samples[:2], batch.values[:2]))  # warm-up
    start = perf_counter()
    run_batch(sweep.job, Batch(1, batch.samples[2:], batch.values[2:]))
    return (perf_counter() - start) / runs * 1e3


def dask_timing(scenario: Path, runs: int, out: Path) -> tuple[float, Timing]:
    """(cluster start seconds, sweep timing) on a 2-worker Dask LocalCluster."""
    from sectorpath.ensemble import DaskBackend

    start = perf_counter()
    with DaskBackend(workers=2) as backend:
        started = perf_counter() - start
        return started, timed_sweep(scenario, runs, out, backend)


def all_figures(scenario: Path, runs: int, out: Path, dask: bool) -> dict[str, object]:
    """Cross-sector sweeps of ``scenario`` (ten uncertain inputs in the example, two shared):

    - ``run_all_seconds`` / ``..._cpu_seconds``: one ``run_all`` of the scenario as written
      (every sector loaded and compiled from the tables, IAMC tables built): the per-run cost
      before this sweep existed;
    - ``in_process_seconds_per_run`` / ``..._cpu_...``: one draw on inputs compiled once
      (``run_cross``, key series kept), after a warm-up draw: the per-run cost now (CPU time
      is less sensitive than wall time to other load on the machine);
    - ``in_process_simulations_per_run``: sector simulations per draw (first runs and the
      capped reruns of the resource sharing), and ``in_process_simulate_share``: the share of
      a draw's CPU time spent in the engines;
    - ``local_2_workers_seconds`` / ``dask_2_workers_seconds``: ``runs`` runs on 2 workers,
      start-up and compiling in each worker included, and ``..._projected_1000_runs_seconds``.
    """
    from sectorpath.crosssector import run_all
    from sectorpath.ensemble.crosssector import key_series, load_cross_uncertain, prepare, run_cross
    from sectorpath.ensemble.sampling import draw
    from sectorpath.ensemble.worker import simulate_any

    text = scenario.read_text()
    plain = out / "plain.toml"
    plain.write_text(text[:text.index("[uncertainty.")])
    start, cpu = perf_counter(), process_time()
    run_all(plain)
    figures: dict[str, object] = {"run_all_seconds": round(perf_counter() - start, 2),
                                  "run_all_cpu_seconds": round(process_time() - cpu, 2)}
    spec = load_cross_uncertain(scenario)
    ready = prepare(spec)
    draws = 4
    values = draw(list(spec.uncertainty.values()), "mc", draws + 1, 0, spec.correlation)
    key_series(run_cross(ready, values[0]))
    engine = [0, 0.0]

    def simulate(sector: str, inputs: Inputs) -> Results:
        began = process_time()
        results = simulate_any(sector, inputs)
        engine[0] += 1
        engine[1] += process_time() - began
        return results

    start, cpu = perf_counter(), process_time()
    for row in values[1:]:
        key_series(run_cross(ready, row, simulate))
    spent = process_time() - cpu
    figures["in_process_seconds_per_run"] = round((perf_counter() - start) / draws, 2)
    figures["in_process_cpu_seconds_per_run"] = round(spent / draws, 2)
    figures["in_process_simulations_per_run"] = round(engine[0] / draws, 1)
    figures["in_process_simulate_share"] = round(engine[1] / spent, 2)
    backends: list[tuple[str, Callable[[], LocalBackend | DaskBackend]]] = [
        ("local", lambda: LocalBackend(2))]
    if dask:
        backends.append(("dask", lambda: DaskBackend(workers=2)))
    seconds: dict[str, float] = {}
    for name, make in backends:
        sweep = Sweep.create_all(scenario, runs, out / name, seed=0)
        with make() as backend:
            report = sweep.run(backend)
        assert report.runs == runs, report
        figures[f"{name}_2_workers_seconds"] = round(report.seconds, 1)
        figures[f"{name}_2_workers_cpu_seconds_per_run"] = round(
            report.worker_cpu_seconds / runs, 2)
        figures[f"{name}_2_workers_failed_runs"] = report.failed
        figures[f"{name}_projected_1000_runs_seconds"] = round(report.seconds / runs * 1000)
        seconds[name] = report.seconds
    if dask:
        figures["dask_over_local"] = round(seconds["dask"] / seconds["local"], 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--scenario", type=Path, default=EXAMPLE)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask measurement")
    parser.add_argument("--all", action="store_true", help="cross-sector sweeps (sweep all); "
                        "--scenario defaults to examples/all-uncertain.toml")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures: dict[str, object] = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
                   f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start",
        "runs": args.runs,
    }
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        if args.all:
            scenario = ALL_EXAMPLE if args.scenario == EXAMPLE else args.scenario
            figures.update(all_figures(scenario, args.runs, out, not args.no_dask))
        else:
            figures.update(steel_figures(args, out))
    figures["load_average_at_end"] = round(os.getloadavg()[0], 2)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text)


def steel_figures(args: argparse.Namespace, out: Path) -> dict[str, object]:
    """The single-sector figures listed in this module's docstring."""
    figures: dict[str, object] = {}
    figures["in_process_ms_per_run"] = round(in_process_ms(args.scenario, out / "inline"), 1)
    with LocalBackend(2) as backend:
        two = timed_sweep(args.scenario, args.runs, out / "two", backend)
    figures["local_2_workers_seconds"] = round(two.run, 2)
    figures["local_2_workers_total_seconds"] = round(two.total, 2)
    figures["local_2_workers_cpu_ms_per_run"] = round(two.cpu / args.runs * 1e3, 1)
    figures["local_2_workers_busy"] = round(two.cpu / (2 * two.run), 2)
    figures["local_2_workers_outside_batches_ms_per_run"] = round(
        two.outside_ms_per_run(2, args.runs), 2)
    with LocalBackend(1) as backend:
        one = timed_sweep(args.scenario, args.runs, out / "one", backend)
    figures["local_1_worker_seconds"] = round(one.run, 2)
    figures["local_1_worker_cpu_ms_per_run"] = round(one.cpu / args.runs * 1e3, 1)
    figures["speedup_2_vs_1_workers"] = round(one.run / two.run, 2)
    if not args.no_dask:
        started, dask = dask_timing(args.scenario, args.runs, out / "dask")
        figures["dask_cluster_start_seconds"] = round(started, 2)
        figures["dask_2_workers_seconds"] = round(dask.run, 2)
        figures["dask_2_workers_cpu_ms_per_run"] = round(dask.cpu / args.runs * 1e3, 1)
        figures["dask_2_workers_outside_batches_ms_per_run"] = round(
            dask.outside_ms_per_run(2, args.runs), 2)
        figures["dask_overhead_ms_per_run"] = round((dask.run - two.run) / args.runs * 1e3,
                                                    2)
    return figures


if __name__ == "__main__":
    main()

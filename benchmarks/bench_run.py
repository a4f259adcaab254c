"""Speed of a whole sector run and of the simulation step, against MPP's own model.

Usage: ``python benchmarks/bench_run.py [--sector steel] [--scenario baseline] [--repeat 5]``
(``--sector all`` times the cross-sector run: every sector, shared resources, indicators).

Reports medians over repeats: the cold command line (a new Python process: import, load the
packaged tables, simulate 2020-2050, write Parquet, CSV and charts) and the simulation step
alone (``simulate`` on already loaded inputs), each as a ratio to the baseline: MPP's steel
model run of the same scenario, 281 s wall on a 2-core machine (shared/reference/README.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

from sectorpath.api import prepare
from sectorpath.models import get_model
from sectorpath.scenarios.model import load_scenario

MPP_STEEL_SECONDS = 281.0


def time_cli(sector: str, scenario: str, repeat: int) -> list[float]:
    """Wall seconds of ``python -m sectorpath run`` in a fresh process, per repeat."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            start = perf_counter()
            subprocess.run([sys.executable, "-m", "sectorpath", "run", sector, "--scenario",
                            scenario, "--out", out], check=True, capture_output=True)
            times.append(perf_counter() - start)
    return times


def time_simulation(sector: str, scenario: str, repeat: int) -> list[float]:
    """Seconds of the simulation alone, on inputs loaded once (plants or fleets)."""
    simulate = prepare(get_model(sector), load_scenario(sector, scenario), None, None)
    simulate(None)  # warm-up
    times = []
    for _ in range(repeat):
        start = perf_counter()
        simulate(None)
        times.append(perf_counter() - start)
    return times


def time_all(scenario: str) -> float:
    """Seconds of ``run_all`` in this process (sectors, allocation rounds; data loaded)."""
    from sectorpath.crosssector import run_all

    run_all(scenario)  # warm-up: tables loaded and cached
    start = perf_counter()
    run_all(scenario)
    return perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sector", default="steel")
    parser.add_argument("--scenario", default="baseline")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    cli = statistics.median(time_cli(args.sector, args.scenario, args.repeat))
    sim = (time_all(args.scenario) if args.sector == "all"
           else statistics.median(time_simulation(args.sector, args.scenario, args.repeat * 4)))
    figures = {
        "sector": args.sector,
        "scenario": args.scenario,
        "machine": f"{platform.machine()}, {platform.python_version()}, "
                   f"{__import__('os').cpu_count()} cores",
        "cli_seconds_median": round(cli, 3),
        "simulate_seconds_median": round(sim, 4),
        "baseline_mpp_seconds": MPP_STEEL_SECONDS,
        "cli_speedup_vs_mpp": round(MPP_STEEL_SECONDS / cli, 1),
        "simulate_speedup_vs_mpp": round(MPP_STEEL_SECONDS / sim, 1),
    }
    for key, value in figures.items():
        print(f"{key:>26}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

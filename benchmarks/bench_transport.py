"""Simulation time of the transport sectors against their budget of 0.5 s per run.

Usage: ``python benchmarks/bench_transport.py [--repeat 7] [--json FILE]``

For every built-in scenario of aviation, shipping and trucking (policy scenarios included:
``refueleu``, ``imo-nzf``, ``hdv-standards``), the simulation alone (``simulate`` on inputs
loaded once, 2019/2020-2050) is timed ``--repeat`` times after a warm-up. Reported per run:
the median wall seconds and the median CPU seconds of this process (which a busy shared
machine inflates less), each as a ratio to the 0.5 s budget (below 1: within it).
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from time import perf_counter, process_time

from sectorpath.api import prepare
from sectorpath.models import get_model
from sectorpath.scenarios.model import builtin_names, load_scenario

SECTORS = ("aviation", "shipping", "trucking")
#: Seconds one transport simulation may take (issue 15's acceptance).
BUDGET_SECONDS = 0.5


def time_run(sector: str, scenario: str, repeat: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of one simulation on loaded inputs."""
    simulate = prepare(get_model(sector), load_scenario(sector, scenario), None, None)
    simulate(None)  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        started, used = perf_counter(), process_time()
        simulate(None)
        wall.append(perf_counter() - started)
        cpu.append(process_time() - used)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    rows = []
    for sector in SECTORS:
        for scenario in builtin_names(sector):
            wall, cpu = time_run(sector, scenario, args.repeat)
            rows.append({"sector": sector, "scenario": scenario, "wall_s": round(wall, 4),
                         "cpu_s": round(cpu, 4),
                         "wall_vs_budget": round(wall / BUDGET_SECONDS, 2),
                         "cpu_vs_budget": round(cpu / BUDGET_SECONDS, 2)})
            print(f"{sector:>9} {scenario:>20}: wall {wall:.3f} s ({wall / BUDGET_SECONDS:.2f}"
                  f" of budget), CPU {cpu:.3f} s ({cpu / BUDGET_SECONDS:.2f})")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

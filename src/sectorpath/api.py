"""The Python entry point: ``run(sector, scenario)`` returns one ``Results`` object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import perf_counter

from sectorpath.engine.simulate import simulate
from sectorpath.inputs import build_inputs, load_sector_data
from sectorpath.results import Results
from sectorpath.scenarios.model import load_scenario
from sectorpath.sectors import get_sector


def run(sector: str, scenario: str | Path = "baseline", data_dir: Path | None = None,
        progress: Callable[[int], None] | None = None) -> Results:
    """Load a sector's data and a scenario, simulate 2020-2050 and return the results.

    ``scenario`` is a built-in name (see ``sectorpath scenarios``) or a path to a TOML file;
    ``data_dir`` replaces the packaged data tables with a folder of the same tables.
    """
    start = perf_counter()
    spec = get_sector(sector)
    chosen = load_scenario(sector, scenario)
    data = load_sector_data(spec, data_dir)
    inputs = build_inputs(data, chosen)
    loaded = perf_counter()
    trajectory = simulate(inputs, progress)
    done = perf_counter()
    return Results(trajectory, timings={"load": loaded - start, "simulate": done - loaded})

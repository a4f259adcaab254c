"""The Python entry point: ``run(sector, scenario)`` returns one ``Results`` object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import perf_counter

import numpy as np

from sectorpath.engine.fleet import FleetTrajectory, simulate_fleet
from sectorpath.engine.simulate import Trajectory, simulate
from sectorpath.errors import InputError
from sectorpath.fleet_inputs import build_fleet_inputs, load_fleet_data
from sectorpath.inputs import build_inputs, load_sector_data
from sectorpath.results import Results
from sectorpath.scenarios.model import Scenario, load_scenario
from sectorpath.sectors import get_sector
from sectorpath.sectors.base import Fleet, Sector


def run(sector: str, scenario: str | Path | Scenario = "baseline", data_dir: Path | None = None,
        progress: Callable[[int], None] | None = None,
        caps: dict[str, np.ndarray] | None = None) -> Results:
    """Load a sector's data and a scenario, simulate to 2050 and return the results.

    ``scenario`` is a built-in name (see ``sectorpath scenarios SECTOR``), a path to a TOML
    file or a ``Scenario`` built in memory (e.g. by the dashboard); ``data_dir`` replaces the
    packaged data tables with a folder of the same tables;
    ``caps`` limits resources shared with other sectors (resource -> world cap per year).
    """
    start = perf_counter()
    spec = get_sector(sector)
    chosen = scenario if isinstance(scenario, Scenario) else load_scenario(sector, scenario)
    if chosen.sector != sector:
        raise InputError(f"scenario {chosen.name!r}", "sector",
                         f"scenario is for {chosen.sector!r}, not {sector!r}", allowed=[sector])
    simulate_run = prepare(spec, chosen, data_dir, caps)
    loaded = perf_counter()
    trajectory = simulate_run(progress)
    done = perf_counter()
    return Results(trajectory, timings={"load": loaded - start, "simulate": done - loaded})


def prepare(spec: Sector | Fleet, scenario: Scenario, data_dir: Path | None,
             caps: dict[str, np.ndarray] | None
             ) -> Callable[[Callable[[int], None] | None], Trajectory | FleetTrajectory]:
    """Load and build the inputs now; return the simulation to run on them."""
    if isinstance(spec, Fleet):
        fleet_inputs = build_fleet_inputs(load_fleet_data(spec, data_dir), scenario, caps)
        return lambda progress: simulate_fleet(fleet_inputs, progress)
    inputs = build_inputs(load_sector_data(spec, data_dir), scenario, caps)
    return lambda progress: simulate(inputs, progress)

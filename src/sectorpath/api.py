"""The Python entry point: ``run(sector, scenario)`` returns one ``Results`` object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

import numpy as np

from sectorpath.errors import InputError
from sectorpath.models import Progress, SectorModel, get_model
from sectorpath.reporting.blocks import ResultError
from sectorpath.results import Results
from sectorpath.scenarios.model import ScenarioBase, load_scenario


def run(sector: str, scenario: str | Path | ScenarioBase = "baseline",
        data_dir: Path | None = None, progress: Progress | None = None,
        caps: dict[str, np.ndarray] | None = None) -> Results:
    """Load a sector's data and a scenario, simulate to 2050 and return the results.

    ``scenario`` is a built-in name (see ``sectorpath scenarios SECTOR``), a path to a TOML
    file or a scenario built in memory (e.g. by the dashboard); ``data_dir`` replaces the
    packaged data tables with a folder of the same tables;
    ``caps`` limits resources shared with other sectors (resource -> world cap per year).
    """
    start = perf_counter()
    model = get_model(sector)
    chosen = (scenario if isinstance(scenario, ScenarioBase)
              else load_scenario(sector, scenario))
    if chosen.sector != sector or not isinstance(chosen, model.scenario_type):
        raise InputError(f"scenario {chosen.name!r}", "sector",
                         f"scenario is for {chosen.sector!r}, not {sector!r}", allowed=[sector])
    simulate_run = prepare(model, chosen, data_dir, caps)
    loaded = perf_counter()
    trajectory = simulate_run(progress)
    broken = model.check(trajectory)
    if broken:
        raise ResultError(f"{sector} / {chosen.name}: " + "; ".join(broken))
    done = perf_counter()
    return Results(trajectory, model, {"load": loaded - start, "simulate": done - loaded})


def prepare(model: SectorModel, scenario: ScenarioBase, data_dir: Path | None,
            caps: dict[str, np.ndarray] | None) -> Callable[[Progress | None], Any]:
    """Load and compile the inputs now; return the simulation to run on them."""
    inputs = model.compile(model.load(data_dir), scenario, caps)
    return lambda progress: model.simulate(inputs, progress)

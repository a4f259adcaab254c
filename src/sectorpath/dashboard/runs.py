"""Runs behind the dashboard, cached per (sector, built-in scenario, changes).

The cache holds only finished, read-only results keyed by everything that defines them, so
two users share a result only when they asked for exactly the same run; nobody's edits are
stored anywhere else. A failed run is not cached: its error goes back to the page.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from sectorpath.api import run as api_run
from sectorpath.dashboard.form import SideInputs, build_scenario
from sectorpath.dashboard.views import Panel, panels
from sectorpath.results import Results
from sectorpath.scenarios.model import ScenarioBase

Runner = Callable[[str, ScenarioBase], Results]
"""(sector, scenario) -> Results; ``sectorpath.api.run`` unless a test swaps it."""

Key = tuple[str, SideInputs]


def default_runner(sector: str, scenario: ScenarioBase) -> Results:
    """``sectorpath.api.run`` on a scenario built in memory."""
    return api_run(sector, scenario)


@dataclass(frozen=True)
class RunOutput:
    """A finished run and its panels, as the page shows them."""

    sector: str
    inputs: SideInputs
    scenario: ScenarioBase
    results: Results
    panels: dict[str, Panel]
    seconds: float
    """Wall time of the run and its panels, s."""


class RunCache:
    """Least-recently-used cache of runs; safe to share between request threads.

    Runs are made one at a time (``_run_lock``): the engine is not documented as thread-safe,
    and a run of one sector takes a fraction of a second.
    """

    def __init__(self, runner: Runner = default_runner, size: int = 32) -> None:
        self.runner = runner
        self.size = size
        self.runs = 0
        self._items: OrderedDict[Key, RunOutput] = OrderedDict()
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()

    def get(self, sector: str, inputs: SideInputs) -> tuple[RunOutput, bool]:
        """The run of ``inputs`` and whether it came from the cache; raises what the run
        raises (InputError for bad input, anything else for a failure)."""
        key = (sector, inputs)
        cached = self._lookup(key)
        if cached is not None:
            return cached, True
        with self._run_lock:
            cached = self._lookup(key)
            if cached is not None:
                return cached, True
            output = self._run(sector, inputs)
        with self._lock:
            self._items[key] = output
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return output, False

    def _lookup(self, key: Key) -> RunOutput | None:
        with self._lock:
            output = self._items.get(key)
            if output is not None:
                self._items.move_to_end(key)
            return output

    def _run(self, sector: str, inputs: SideInputs) -> RunOutput:
        start = perf_counter()
        scenario = build_scenario(sector, inputs)
        self.runs += 1
        results = self.runner(sector, scenario)
        made = panels(results)
        return RunOutput(sector, inputs, scenario, results, made, perf_counter() - start)

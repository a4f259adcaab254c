"""Runs behind the dashboard, cached per (sector, built-in scenario, changes).

The cache holds only finished, read-only results keyed by everything that defines them, so
two users share a result only when they asked for exactly the same run; nobody's edits are
stored anywhere else. A failed run is not cached: its error goes back to the page.

It keeps what the pages need, not whole runs: the IAMC table (text columns as categories)
and the panels (chart JSON and tables), never the engine's arrays; and it is bounded by
their size in bytes as well as by the number of runs, so that the server's memory stays
bounded however many different runs are asked for (see benchmarks/bench_dashboard.py).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from time import perf_counter

import pandas as pd

from sectorpath.api import run as api_run
from sectorpath.dashboard.catalog import Applied, applied, catalog
from sectorpath.dashboard.form import SideInputs, build_scenario
from sectorpath.dashboard.headline import Card, cards
from sectorpath.dashboard.views import Panel, inputs_panel, panels
from sectorpath.results import Results
from sectorpath.scenarios.model import ScenarioBase
from sectorpath.tables import WORLD

Runner = Callable[[str, ScenarioBase], Results]
"""(sector, scenario) -> Results; ``sectorpath.api.run`` unless a test swaps it."""

Key = tuple[str, SideInputs]


def default_runner(sector: str, scenario: ScenarioBase) -> Results:
    """``sectorpath.api.run`` on a scenario built in memory."""
    return api_run(sector, scenario)


MEGABYTE = 1 << 20
PYTHON_JSON_FACTOR = 8
"""Bytes a chart held as Python dicts and lists takes per byte of its JSON text (measured
about 5-7 on the steel panels; rounded up)."""


@dataclass(frozen=True)
class RunOutput:
    """A finished run as the page shows it: its IAMC table and its panels."""

    sector: str
    inputs: SideInputs
    scenario: ScenarioBase
    iamc: pd.DataFrame
    """The run's IAMC table (``Results.iamc``), text columns as categories."""
    panels: dict[str, Panel]
    seconds: float
    """Wall time of the run and its panels, s."""
    cards: tuple[Card, ...] = ()
    """The headline figures shown above the charts."""
    applied: Applied | None = None
    """The input paths the run applied (placeholders of the inputs, "Inputs applied")."""

    def world(self, variable: str) -> pd.Series:
        """One variable's World values indexed by year (as ``Results.world``)."""
        rows = self.iamc[(self.iamc["region"] == WORLD) & (self.iamc["variable"] == variable)]
        return rows.set_index("year")["value"]

    @cached_property
    def nbytes(self) -> int:
        """Estimated memory held by this output, bytes."""
        frames = [self.iamc, *(p.table.frame for p in self.panels.values()),
                  *(p.table.iamc for p in self.panels.values() if p.table.iamc is not None)]
        charts = sum(len(json.dumps(p.figure)) for p in self.panels.values() if p.figure)
        return int(sum(f.memory_usage(deep=True).sum() for f in frames)
                   + PYTHON_JSON_FACTOR * charts)


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """An own copy of ``frame`` (no view into a run's arrays) with text columns as
    categories, which holds an IAMC table in a fraction of the memory."""
    copy = frame.copy(deep=True)
    for column in copy.columns:
        if pd.api.types.is_object_dtype(copy[column]) or pd.api.types.is_string_dtype(
                copy[column]):
            copy[column] = copy[column].astype("category")
    return copy


def _compact_panel(panel: Panel) -> Panel:
    table = panel.table
    iamc = None if table.iamc is None else compact(table.iamc)
    return replace(panel, table=replace(table, frame=table.frame.copy(deep=True), iamc=iamc))


class RunCache:
    """Least-recently-used cache of runs, at most ``size`` runs and ``max_bytes`` of them
    (estimated, see ``RunOutput.nbytes``); safe to share between request threads.

    Runs are made one at a time (``_run_lock``): the engine is not documented as thread-safe,
    and a run of one sector takes a fraction of a second.
    """

    def __init__(self, runner: Runner = default_runner, size: int = 32,
                 max_bytes: int = 192 * MEGABYTE) -> None:
        self.runner = runner
        self.size = size
        self.max_bytes = max_bytes
        self.runs = 0
        self.held_bytes = 0
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
            self.held_bytes += output.nbytes
            while len(self._items) > 1 and (len(self._items) > self.size
                                            or self.held_bytes > self.max_bytes):
                self.held_bytes -= self._items.popitem(last=False)[1].nbytes
        return output, False

    def __len__(self) -> int:
        return len(self._items)

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
        values = applied(sector, results.trajectory.inputs, scenario)
        shown = [*catalog(sector).price_defaults, *(name for name, _ in inputs.overrides.prices)]
        drawn = {**panels(results),
                 "inputs": inputs_panel(values, results, list(dict.fromkeys(shown)))}
        made = {name: _compact_panel(panel) for name, panel in drawn.items()}
        return RunOutput(sector, inputs, scenario, compact(results.iamc), made,
                         perf_counter() - start, cards(results), values)

"""What a worker process does: build a sector's base inputs once, then run batches of samples.

A batch returns only the key World series of each run (a few variables x years), never the
full IAMC table; a sample whose inputs or results fail validation comes back as a failure row
with its error instead of stopping the batch.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from time import perf_counter, process_time

import numpy as np

from sectorpath.engine.fleet import FleetTrajectory, simulate_fleet
from sectorpath.engine.simulate import Trajectory, simulate
from sectorpath.ensemble.perturb import Inputs, Parameter, perturb, resolve
from sectorpath.errors import InputError
from sectorpath.fleet_inputs import FleetInputs, build_fleet_inputs, load_fleet_data
from sectorpath.inputs import ModelInputs, build_inputs, load_sector_data
from sectorpath.results import Block, Results
from sectorpath.scenarios.model import Scenario
from sectorpath.sectors import get_sector
from sectorpath.sectors.base import Fleet
from sectorpath.tables import WORLD


@dataclass(frozen=True)
class Job:
    """What every batch of a sweep shares: sector, scenario and the series to keep."""

    sector: str
    scenario: Scenario
    source: str  # the scenario's file or name, for error messages
    variables: tuple[str, ...]  # World series kept per run
    data_dir: Path | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.sector, self.scenario.model_dump_json(), str(self.data_dir)


@dataclass(frozen=True)
class Batch:
    """Consecutive samples run by one task."""

    index: int
    samples: np.ndarray  # (B,) sample ids
    values: np.ndarray  # (B, D) parameter values, columns in the scenario's order


@dataclass
class BatchResult:
    """Key series of a batch's successful runs and one row per failed run."""

    index: int
    samples: np.ndarray  # (n,) sample ids that ran
    series: np.ndarray  # (n, V, Y) World values of ``Job.variables``
    failures: list[tuple[int, str, str]] = field(default_factory=list)  # sample, stage, error
    seconds: float = 0.0  # wall time in the worker
    cpu_seconds: float = 0.0  # CPU time of the worker process on this batch
    worker: str = ""


def base_inputs(sector: str, scenario: Scenario, data_dir: Path | None = None) -> Inputs:
    """Dense inputs of one sector under one scenario (plants or fleets)."""
    spec = get_sector(sector)
    if isinstance(spec, Fleet):
        return build_fleet_inputs(load_fleet_data(spec, data_dir), scenario)
    return build_inputs(load_sector_data(spec, data_dir), scenario)


def simulate_any(inputs: Inputs) -> Trajectory | FleetTrajectory:
    """Run the engine that fits the inputs."""
    if isinstance(inputs, FleetInputs):
        return simulate_fleet(inputs)
    return simulate(inputs)


def key_variables(results: Results) -> dict[str, str]:
    """Key World variables of a run and their units: scope 1 and 1+2 emissions, production or
    activity, investment, final energy and its hydrogen and electricity parts."""
    label = results.label
    wanted = {f"Emissions|CO2|{label}|Scope 1+2", f"Emissions|CO2|{label}|Scope 1",
              f"Production|{label}", f"Energy Service|{label}", f"Investment|{label}",
              f"Final Energy|{label}"}
    energy = f"Final Energy|{label}|"
    return {name: unit for name, unit, _, _ in results.view.blocks()
            if name in wanted or (name.startswith(energy)
                                  and name[len(energy):].lower() in ("hydrogen", "electricity"))}


def world_series(trajectory: Trajectory | FleetTrajectory,
                 variables: tuple[str, ...]) -> np.ndarray:
    """(V, Y) World values of ``variables``, as the IAMC table reports them."""
    results = Results(trajectory)
    regions = list(trajectory.inputs.regions)
    blocks = {block[0]: block for block in results.view.blocks()}
    return np.stack([_world(blocks[name], regions) for name in variables])


def _world(block: Block, regions: list[str]) -> np.ndarray:
    _, _, values, world = block
    if WORLD in regions:
        column = values[:, regions.index(WORLD)]
        return column if world is None else np.where(np.isnan(column), world, column)
    return values.sum(axis=1) if world is None else world


class _Remembered:
    """A sector's switch-capex rule (a pure function of one year's greenfield and renewal capex
    rows) remembered across the runs of a worker: samples that leave capex alone reuse it."""

    def __init__(self, rule: Callable[[np.ndarray, np.ndarray, list[str]], np.ndarray],
                 size: int = 4096) -> None:
        self.rule = rule
        self.size = size
        self.known: dict[bytes, np.ndarray] = {}

    def __call__(self, green: np.ndarray, renewal: np.ndarray, techs: list[str]) -> np.ndarray:
        key = green.tobytes() + renewal.tobytes()
        if key not in self.known:
            if len(self.known) >= self.size:
                self.known.clear()
            self.known[key] = self.rule(green, renewal, techs)
        return self.known[key]


_PREPARED: dict[tuple[str, str, str], tuple[Inputs, list[Parameter]]] = {}


def prepared(job: Job) -> tuple[Inputs, list[Parameter]]:
    """Base inputs and resolved parameters of ``job``, built once per process."""
    if job.key not in _PREPARED:
        base = base_inputs(job.sector, job.scenario, job.data_dir)
        if isinstance(base, ModelInputs) and base.sector.switch_capex is not None:
            sector = replace(base.sector, switch_capex=_Remembered(base.sector.switch_capex))
            base = replace(base, sector=sector)
        _PREPARED[job.key] = base, resolve(job.scenario.uncertainty, base, job.source)
    return _PREPARED[job.key]


def run_batch(job: Job, batch: Batch) -> BatchResult:
    """Run every sample of ``batch``; failures are recorded, not raised."""
    start, cpu = perf_counter(), process_time()
    base, parameters = prepared(job)
    ran, series, failures = [], [], []
    for sample, values in zip(batch.samples, batch.values, strict=True):
        outcome = run_sample(job, base, parameters, values)
        if isinstance(outcome, tuple):
            failures.append((int(sample), *outcome))
        else:
            ran.append(int(sample))
            series.append(outcome)
    shape = (0, len(job.variables), base.years.size)
    return BatchResult(batch.index, np.array(ran, dtype=np.int64),
                       np.stack(series) if series else np.zeros(shape), failures,
                       perf_counter() - start, process_time() - cpu,
                       f"{socket.gethostname()}:{os.getpid()}")


def run_sample(job: Job, base: Inputs, parameters: list[Parameter],
               values: np.ndarray) -> np.ndarray | tuple[str, str]:
    """(V, Y) key series of one run, or (stage, error) if it failed validation or the engine."""
    try:
        inputs = perturb(base, parameters, values, job.source)
    except InputError as error:
        return "inputs", str(error)
    try:
        series = world_series(simulate_any(inputs), job.variables)
    except Exception as error:  # the engine's own checks and bugs alike are recorded
        return "simulate", f"{type(error).__name__}: {error}"
    bad = [name for name, row in zip(job.variables, series, strict=True)
           if not np.isfinite(row).all()]
    if bad:
        return "results", f"non-finite values in {', '.join(bad)}"
    return series

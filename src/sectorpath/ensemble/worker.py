"""What a worker process does: build a sector's base inputs once, then run batches of samples.

A batch returns only the key World series of each run (a few variables x years), never the
full IAMC table; a sample whose inputs or results fail validation comes back as a failure row
with its error instead of stopping the batch.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter, process_time
from typing import Any

import numpy as np

from sectorpath.ensemble.perturb import Inputs, Parameter, perturb, resolve
from sectorpath.errors import InputError
from sectorpath.models import get_model
from sectorpath.results import Results
from sectorpath.scenarios.model import ScenarioBase, validate_scenario
from sectorpath.sectors import EXTRA_SECTORS_VARIABLE


@dataclass(frozen=True)
class Job:
    """What every batch of a sweep shares: sector, scenario and the series to keep."""

    sector: str
    scenario: ScenarioBase
    source: str  # the scenario's file or name, for error messages
    variables: tuple[str, ...]  # World series kept per run
    data_dir: Path | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.sector, self.scenario.model_dump_json(), str(self.data_dir)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Sent to workers as plain data: the scenario is validated again there by its
        sector's scenario type, which a worker finds through the sector registry (a sector
        from outside the package has no importable module path of its own)."""
        return _job, (self.sector, self.scenario.model_dump(mode="json"), self.source,
                      self.variables, self.data_dir, os.environ.get(EXTRA_SECTORS_VARIABLE))


def _job(sector: str, scenario: dict[str, Any], source: str, variables: tuple[str, ...],
         data_dir: Path | None, extra_sectors: str | None) -> Job:
    """A job rebuilt in a worker, which sees the coordinator's extra sector folders (a pool
    may have started before they were set)."""
    if extra_sectors is not None:
        os.environ[EXTRA_SECTORS_VARIABLE] = extra_sectors
    return Job(sector, validate_scenario(sector, scenario, source), source, variables, data_dir)


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


def base_inputs(sector: str, scenario: ScenarioBase, data_dir: Path | None = None) -> Inputs:
    """Compiled inputs of one sector under one scenario."""
    model = get_model(sector)
    return model.compile(model.load(data_dir), scenario)


def simulate_any(sector: str, inputs: Inputs) -> Results:
    """Run a sector's engine on ``inputs``."""
    model = get_model(sector)
    return Results(model.simulate(inputs), model)


def key_variables(results: Results) -> dict[str, str]:
    """Key World variables of a run and their units: scope 1 and 1+2 emissions, production or
    activity, investment, final energy and its hydrogen and electricity parts."""
    names = results.names
    wanted = {names.emissions, names.scope(1), names.production, names.energy_service,
              names.investment, names.final_energy}
    energy = f"{names.final_energy}|"
    return {block.variable: block.unit for block in results.report.blocks
            if block.variable in wanted or (
                block.variable.startswith(energy)
                and block.variable[len(energy):].lower() in ("hydrogen", "electricity"))}


def world_series(results: Results, variables: tuple[str, ...]) -> np.ndarray:
    """(V, Y) World values of ``variables``, as the IAMC table reports them."""
    return np.stack([results.report.block(name).world_values() for name in variables])


_PREPARED: dict[tuple[str, str, str], tuple[Inputs, list[Parameter]]] = {}


def prepared(job: Job) -> tuple[Inputs, list[Parameter]]:
    """Base inputs and resolved parameters of ``job``, built once per process."""
    if job.key not in _PREPARED:
        model = get_model(job.sector)
        base = model.for_sweep(base_inputs(job.sector, job.scenario, job.data_dir))
        _PREPARED[job.key] = base, resolve(model, job.scenario.uncertainty, base, job.source)
    return _PREPARED[job.key]


def run_batch(job: Job, batch: Batch) -> BatchResult:
    """Run every sample of ``batch``; failures are recorded, not raised."""
    base, parameters = prepared(job)
    return run_samples(batch, lambda values: run_sample(job, base, parameters, values),
                       (0, len(job.variables), base.years.size))


def run_samples(batch: Batch, run_one: Callable[[np.ndarray], np.ndarray | tuple[str, str]],
                shape: tuple[int, int, int]) -> BatchResult:
    """``run_one`` on each sample's values: its (V, Y) series or (stage, error)."""
    start, cpu = perf_counter(), process_time()
    ran, series, failures = [], [], []
    for sample, values in zip(batch.samples, batch.values, strict=True):
        outcome = run_one(values)
        if isinstance(outcome, tuple):
            failures.append((int(sample), *outcome))
        else:
            ran.append(int(sample))
            series.append(outcome)
    return BatchResult(batch.index, np.array(ran, dtype=np.int64),
                       np.stack(series) if series else np.zeros(shape), failures,
                       perf_counter() - start, process_time() - cpu,
                       f"{socket.gethostname()}:{os.getpid()}")


def run_sample(job: Job, base: Inputs, parameters: list[Parameter],
               values: np.ndarray) -> np.ndarray | tuple[str, str]:
    """(V, Y) key series of one run, or (stage, error) if it failed validation or the engine."""
    try:
        inputs = perturb(get_model(job.sector), base, parameters, values, job.source)
    except InputError as error:
        return "inputs", str(error)
    try:
        results = simulate_any(job.sector, inputs)
        broken = results.model.check(results.trajectory)
        if broken:
            return "results", "; ".join(broken)
        series = world_series(results, job.variables)
    except Exception as error:  # the engine's own checks and bugs alike are recorded
        return "simulate", f"{type(error).__name__}: {error}"
    bad = [name for name, row in zip(job.variables, series, strict=True)
           if not np.isfinite(row).all()]
    if bad:
        return "results", f"non-finite values in {', '.join(bad)}"
    return series

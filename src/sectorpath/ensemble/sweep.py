"""A sweep: many runs of one sector and scenario with its uncertain parameters drawn from a
seed, stored batch by batch under a run id, resumable, summarised and analysed."""

from __future__ import annotations

import hashlib
import math
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd

from sectorpath import __version__
from sectorpath.crosssector import YEARS
from sectorpath.crosssector.reference import DATA as CROSS_DATA
from sectorpath.ensemble.crosssector import (
    SECTOR as ALL,
)
from sectorpath.ensemble.crosssector import (
    TOTAL,
    CrossJob,
    discovery_chart,
    discovery_table,
    group_members,
    key_series,
    prepared,
    robustness,
    robustness_across,
    robustness_across_chart,
    robustness_chart,
    run_cross,
    run_cross_batch,
)
from sectorpath.ensemble.crosssector import (
    scalar_outputs as cross_outputs,
)
from sectorpath.ensemble.discovery import Box, prim_box
from sectorpath.ensemble.execute import Backend, Work, execute
from sectorpath.ensemble.perturb import Parameter, resolve
from sectorpath.ensemble.sampling import Design, draw
from sectorpath.ensemble.sensitivity import sobol_chart, sobol_indices
from sectorpath.ensemble.store import RunStore
from sectorpath.ensemble.summary import base_frame, fan_chart, percentiles, scalar_outputs
from sectorpath.ensemble.worker import (
    Batch,
    BatchResult,
    Job,
    base_inputs,
    key_variables,
    run_batch,
    simulate_any,
    world_series,
)
from sectorpath.errors import InputError
from sectorpath.models import get_model
from sectorpath.outputs import write_figure, write_frame
from sectorpath.scenarios.model import ScenarioBase, load_scenario, validate_scenario


@dataclass
class RunReport:
    """What one call of ``Sweep.run`` did."""

    batches: int = 0  # batches finished now
    runs: int = 0  # runs finished now
    failed: int = 0  # of which failed (see ``Sweep.failures``)
    retries: list[str] = field(default_factory=list)  # one line per retried batch
    gave_up: list[int] = field(default_factory=list)  # batches whose worker always crashed
    seconds: float = 0.0  # wall time
    worker_seconds: float = 0.0  # wall time the workers spent on the batches, summed
    worker_cpu_seconds: float = 0.0  # CPU time the workers spent on the batches, summed


@dataclass
class _StoreSink:
    """Writes each finished batch at once and keeps the log."""

    store: RunStore
    variables: list[str]
    years: np.ndarray
    report: RunReport
    progress: Callable[[int], None] | None
    notify: Callable[[str], None] | None

    def done(self, result: BatchResult) -> None:
        self.store.write_batch(result, self.variables, self.years)
        self.report.worker_seconds += result.seconds
        self.report.worker_cpu_seconds += result.cpu_seconds
        self._count(result.samples.size + len(result.failures), len(result.failures))

    def retry(self, batch: Batch, attempt: int, error: str) -> None:
        line = f"batch {batch.index} crashed its worker ({error}); retry {attempt}, alone"
        self.store.log("retried", batch=batch.index, attempt=attempt, error=error)
        self.report.retries.append(line)
        if self.notify:
            self.notify(line)

    def gave_up(self, batch: Batch, error: str) -> None:
        failures = [(int(s), "worker", f"worker crashed on every try: {error}")
                    for s in batch.samples]
        self.store.log("gave up", batch=batch.index, error=error)
        self.done(BatchResult(batch.index, np.zeros(0, dtype=np.int64),
                              np.zeros((0, len(self.variables), self.years.size)), failures))
        self.report.gave_up.append(batch.index)
        if self.notify:
            self.notify(f"batch {batch.index}: gave up, its {batch.samples.size} runs are "
                        "recorded as failed")

    def _count(self, runs: int, failed: int) -> None:
        self.report.batches += 1
        self.report.runs += runs
        self.report.failed += failed
        if self.progress:
            self.progress(runs)


def default_batch_size(runs: int, workers: int | None = None) -> int:
    """Runs per task: at most 20, and at least 8 tasks per worker (default: per core)."""
    return max(1, min(20, math.ceil(runs / (8 * (workers or os.cpu_count() or 1)))))


def data_fingerprint(sector: str, data_dir: Path | None) -> str:
    """SHA-256 over the names and bytes of the CSV tables a run of ``sector`` reads (from
    ``data_dir``, or the packaged ones)."""
    return _fingerprint([data_dir or get_model(sector).folder / "data"])


def cross_fingerprint(sectors: Iterable[str]) -> str:
    """SHA-256 over the packaged tables of ``sectors`` and the cross-sector tables."""
    return _fingerprint([*(get_model(s).folder / "data" for s in sorted(sectors)), CROSS_DATA])


def _fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.glob("*.csv")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _describe(parameter: Parameter) -> dict[str, object]:
    spec = parameter.spec.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return {"name": parameter.name, **spec}


class Sweep:
    """One sweep's folder and what can be done with it (see ``store.py`` for the layout)."""

    def __init__(self, store: RunStore) -> None:
        self.store = store
        manifest = store.manifest
        self.manifest = manifest
        self.parameters: list[str] = [p["name"] for p in manifest["parameters"]]
        self.variables: dict[str, str] = manifest["variables"]
        self.years = np.array(manifest["years"], dtype=np.int64)
        data_dir = manifest["data_dir"]
        self.job: Job | CrossJob
        if manifest["sector"] == ALL:
            self.job = CrossJob(manifest["source"], manifest["scenario_text"],
                                tuple(self.variables))
            return
        scenario = validate_scenario(manifest["sector"], manifest["scenario"],
                                     manifest["source"])
        self.job = Job(manifest["sector"], scenario,
                       manifest["source"], tuple(self.variables),
                       Path(data_dir) if data_dir else None)

    @property
    def run_id(self) -> str:
        return self.store.run_id

    @property
    def root(self) -> Path:
        return self.store.root

    @classmethod
    def create(cls, sector: str, scenario: str | Path | ScenarioBase, samples: int, out: Path, *,
               seed: int = 0, design: Design = "mc", batch_size: int | None = None,
               workers: int | None = None, data_dir: Path | None = None,
               run_id: str | None = None) -> Sweep:
        """Check everything, draw the samples and write a new sweep folder under ``out``.

        ``batch_size`` (runs per task) defaults to at most 20 and at least 8 tasks per worker
        (``workers``, default: this machine's cores). Bad input (no or unknown uncertain
        parameters, too few runs for a Sobol design) raises InputError before anything is
        written.
        """
        if samples < 1:
            raise InputError("command line", "--samples", f"{samples} runs", allowed=">= 1")
        in_memory = isinstance(scenario, ScenarioBase)
        chosen = scenario if isinstance(scenario, ScenarioBase) else load_scenario(sector,
                                                                                 scenario)
        source = f"scenario {chosen.name!r}" if in_memory else str(scenario)
        base = base_inputs(sector, chosen, data_dir)
        parameters = resolve(get_model(sector), chosen.uncertainty, base, source)
        results = simulate_any(sector, base)
        variables = key_variables(results)
        values = draw([p.spec for p in parameters], design, samples, seed)
        runs = values.shape[0]
        size = batch_size or default_batch_size(runs, workers)
        manifest = {
            "run_id": run_id or f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}",
            "created": datetime.now().isoformat(timespec="seconds"),
            "sectorpath": __version__, "sector": sector, "label": results.label,
            "source": source, "scenario": chosen.model_dump(mode="json"),
            "data_dir": str(data_dir.absolute()) if data_dir else None,
            "data_fingerprint": data_fingerprint(sector, data_dir),
            "design": design, "seed": seed,
            "samples_requested": samples, "runs": runs, "batch_size": size,
            "parameters": [_describe(p) for p in parameters],
            "variables": variables, "years": [int(y) for y in base.years],
        }
        table = pd.DataFrame(values, columns=[p.name for p in parameters])
        table.insert(0, "sample", np.arange(runs, dtype=np.int64))
        reference = base_frame(world_series(results, tuple(variables)),
                               list(variables), base.years)
        store = RunStore.create(out / str(manifest["run_id"]), manifest, table, reference)
        store.log("created", runs=runs, batches=math.ceil(runs / size), design=design, seed=seed)
        return cls(store)

    @classmethod
    def create_all(cls, scenario: Path, samples: int, out: Path, *, seed: int = 0,
                   design: Design = "mc", batch_size: int | None = None,
                   workers: int | None = None, run_id: str | None = None) -> Sweep:
        """A new sweep of the cross-sector run of ``scenario`` (a .toml file with an
        ``[uncertainty]`` table, see ``ensemble.crosssector``), drawn and checked as
        ``create`` does."""
        if samples < 1:
            raise InputError("command line", "--samples", f"{samples} runs", allowed=">= 1")
        try:
            text = Path(scenario).read_text()
        except OSError as error:
            raise InputError(scenario, "scenario", f"cannot read: {error}") from None
        job = CrossJob(str(scenario), text, ())
        spec = job.spec()
        ready = prepared(job)
        series = key_series(run_cross(ready, None))  # the scenario as written
        specs = list(spec.uncertainty.values())
        values = draw(specs, design, samples, seed, spec.correlation)
        runs = values.shape[0]
        size = batch_size or default_batch_size(runs, workers)
        variables = {name: "1 = met" if name.startswith("Breakthrough|") else "Mt CO2/yr"
                     for name in series}
        manifest = {
            "run_id": run_id or f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}",
            "created": datetime.now().isoformat(timespec="seconds"),
            "sectorpath": __version__, "sector": ALL, "label": TOTAL,
            "source": str(scenario), "scenario": spec.scenario.model_dump(mode="json"),
            "scenario_text": text, "data_dir": None,
            "data_fingerprint": cross_fingerprint(spec.scenario.sectors),
            "design": design, "seed": seed,
            "samples_requested": samples, "runs": runs, "batch_size": size,
            "parameters": [{"name": name, "scope": spec.scope[name],
                            **uncertain.model_dump(mode="json", exclude_none=True,
                                                   exclude_defaults=True)}
                           for name, uncertain in spec.uncertainty.items()],
            "variables": variables, "years": [int(y) for y in YEARS],
        }
        table = pd.DataFrame(values, columns=list(spec.uncertainty))
        table.insert(0, "sample", np.arange(runs, dtype=np.int64))
        reference = base_frame(np.stack(list(series.values())), list(series), YEARS)
        store = RunStore.create(out / str(manifest["run_id"]), manifest, table, reference)
        store.log("created", runs=runs, batches=math.ceil(runs / size), design=design, seed=seed)
        return cls(store)

    @classmethod
    def open(cls, root: Path) -> Sweep:
        """An existing sweep (e.g. to resume it or read its results)."""
        return cls(RunStore.open(root))

    def refuse_changes(self, scenario: str | Path | None, design: str | None,
                       data_dir: Path | None) -> None:
        """InputError if a resume names another scenario (or the same file, edited), another
        design or another data folder, or if the data tables changed since the sweep was
        created (their fingerprint is stored in the manifest)."""
        manifest_path = self.root / "manifest.json"
        stored = self.manifest
        if scenario is not None and (
                Path(scenario).read_text() != stored["scenario_text"] if stored["sector"] == ALL
                else load_scenario(stored["sector"], scenario).model_dump(mode="json")
                != stored["scenario"]):
            raise InputError(manifest_path, "--scenario", f"{scenario} differs from the "
                             "scenario the sweep was created with", allowed=[stored["source"]])
        if design is not None and design != stored["design"]:
            raise InputError(manifest_path, "--design", f"{design!r} differs from the stored "
                             "sweep's design", allowed=[stored["design"]])
        stored_dir = stored["data_dir"]
        if data_dir is not None and str(data_dir.absolute()) != stored_dir:
            raise InputError(manifest_path, "--data", f"{data_dir} differs from the data "
                             "folder the sweep was created with",
                             allowed=[stored_dir or "the packaged tables (no --data)"])
        expected = stored.get("data_fingerprint")
        actual = (cross_fingerprint(stored["scenario"]["sectors"]) if stored["sector"] == ALL
                  else data_fingerprint(stored["sector"], Path(stored_dir) if stored_dir
                                        else None))
        if expected is not None and actual != expected:
            raise InputError(manifest_path, "data_fingerprint", "the data tables changed "
                             f"since the sweep was created ({stored_dir or 'packaged tables'})",
                             allowed="the tables as they were, or a new sweep")

    def batches(self) -> list[Batch]:
        """All batches of the sweep, in order (fixed when it was created)."""
        table = self.store.samples()
        ids = table["sample"].to_numpy(np.int64)
        values = table[self.parameters].to_numpy(float)
        size = int(self.manifest["batch_size"])
        return [Batch(k, ids[start:start + size], values[start:start + size])
                for k, start in enumerate(range(0, ids.size, size))]

    def pending(self) -> list[Batch]:
        """Batches with no results on disk yet."""
        done = self.store.done_batches()
        return [batch for batch in self.batches() if batch.index not in done]

    def run(self, backend: Backend, progress: Callable[[int], None] | None = None,
            notify: Callable[[str], None] | None = None, work: Work | None = None,
            max_retries: int = 2) -> RunReport:
        """Run the pending batches on ``backend``; ``progress(n)`` after every n runs finished.

        Safe to call again after a crash or a kill: finished batches are kept and skipped.
        """
        start = perf_counter()
        with self.store.locked() as former:
            if former is not None:
                self.store.log("took over lock", dead_pid=former)
            self.store.clean()
            pending = self.pending()
            self.store.log("started", pending=len(pending), workers=backend.workers,
                           backend=type(backend).__name__, pid=os.getpid())
            report = RunReport()
            sink = _StoreSink(self.store, list(self.variables), self.years, report, progress,
                              notify)
            execute(self.job, pending, backend, sink,
                    work or (run_cross_batch if isinstance(self.job, CrossJob) else run_batch),
                    max_retries)
        report.seconds = perf_counter() - start
        self.store.log("finished", batches=report.batches, runs=report.runs,
                       failed=report.failed, seconds=round(report.seconds, 3))
        return report

    @property
    def complete(self) -> bool:
        return not self.pending()

    def samples(self) -> pd.DataFrame:
        """sample and the drawn value of each parameter (a path's index for ``paths``)."""
        return self.store.samples()

    def runs(self) -> pd.DataFrame:
        """sample, variable, year, value of every finished run."""
        return self.store.runs()

    def failures(self) -> pd.DataFrame:
        """sample, stage, error of every failed run."""
        return self.store.failures()

    def summary(self) -> pd.DataFrame:
        """p5, p50, p95 (and mean, n) of each key variable and year over the finished runs."""
        return percentiles(self.runs(), self.variables)

    def outputs(self) -> pd.DataFrame:
        """Scalar outputs of each run (index: sample), see ``summary.scalar_outputs``."""
        if isinstance(self.job, CrossJob):
            return cross_outputs(self.runs())
        return scalar_outputs(self.runs(), self.manifest["label"])

    def sobol(self) -> pd.DataFrame:
        """Sobol indices of the scalar outputs to the parameters (a ``sobol`` design only)."""
        if self.manifest["design"] != "sobol":
            raise InputError(self.root / "manifest.json", "design",
                             "Sobol indices need a Sobol design", allowed="sobol")
        if self.missing_runs():
            raise ValueError(f"Sobol indices need every run of the design; "
                             f"{self.missing_runs()} failed or are not done (see "
                             f"{self.root / 'failures'})")
        return sobol_indices(self.outputs().sort_index(), self.parameters,
                             self.manifest["seed"])

    def discover(self, variable: str, year: int, above: float) -> Box:
        """The PRIM box of the drawn inputs where ``variable`` in ``year`` exceeds ``above``
        (``discovery.prim_box``; a Breakthrough's 0/1 series below 0.5: missed)."""
        runs = self.runs()
        rows = runs[(runs["variable"] == variable) & (runs["year"] == year)]
        if rows.empty:
            raise InputError(self.root / "manifest.json", "variable", f"no runs of "
                             f"{variable!r} in {year}", allowed=list(self.variables))
        values = rows.set_index("sample")["value"]
        inputs = self.samples().set_index("sample").loc[values.index, self.parameters]
        return prim_box(inputs, (values > above).to_numpy())

    def missing_runs(self) -> int:
        """Runs of the design without results (failed or not run yet)."""
        return int(self.manifest["runs"]) - int(self.runs()["sample"].nunique())

    def groups(self) -> dict[str, np.ndarray]:
        """Sample ids of each named scenario group of a cross-sector sweep's file (empty for
        a one-sector sweep)."""
        if not isinstance(self.job, CrossJob):
            return {}
        return group_members(self.samples(), self.job.spec().groups)

    def _write_cross(self, title: str, charts: bool) -> list[Path]:
        """robustness.csv/.html (all draws and each named group) and discovery.csv/.html."""
        runs = self.runs()
        table = robustness(runs, self.groups())
        written = [write_frame(table, self.root / "robustness.csv")]
        if charts:
            written.append(write_figure(robustness_chart(table, f"Robustness - {title}"),
                                        self.root / "robustness.html"))
        boxes = discovery_table(runs, self.samples(), self.parameters)
        written.append(write_frame(boxes, self.root / "discovery.csv"))
        if charts and not boxes.empty:
            written.append(write_figure(
                discovery_chart(boxes, self.samples(), f"Scenario discovery (PRIM) - {title}"),
                self.root / "discovery.html"))
        return written

    def write_report(self, charts: bool = True) -> list[Path]:
        """summary.csv/.parquet, fan_charts.html, for a Sobol design sobol.csv/.html, and for
        a cross-sector sweep robustness.csv/.html and discovery.csv/.html."""
        title = f"{self.manifest['label']}: {self.job.scenario.name}, {self.manifest['runs']} runs"
        summary = self.summary()
        written = [write_frame(summary, self.root / "summary.parquet"),
                   write_frame(summary, self.root / "summary.csv")]
        if charts:
            written.append(write_figure(fan_chart(summary, self.store.base(), title),
                                        self.root / "fan_charts.html"))
        if isinstance(self.job, CrossJob) and not self.runs().empty:
            written += self._write_cross(title, charts)
        if self.manifest["design"] == "sobol" and not self.missing_runs():
            indices = self.sobol()
            written.append(write_frame(indices, self.root / "sobol.csv"))
            if charts:
                written.append(write_figure(sobol_chart(indices, f"Sobol indices - {title}"),
                                            self.root / "sobol.html"))
        return written



@dataclass
class Across:
    """Sweeps of one uncertainty file over several built-in cross-sector scenarios."""

    sweeps: dict[str, Sweep]  # scenario -> its sweep
    table: pd.DataFrame  # crosssector.robustness_across
    written: list[Path]  # robustness_across.csv/.html


def sweep_across(uncertainty: Path, scenarios: list[str], samples: int, out: Path,
                 backend: Backend, *, seed: int = 0, batch_size: int | None = None,
                 charts: bool = True, progress: Callable[[int], None] | None = None) -> Across:
    """The robustness view per built-in cross-sector scenario: a sweep of each of
    ``scenarios`` with the ``[uncertainty]``, ``[correlation]`` and ``[groups]`` tables of the
    file ``uncertainty`` (which names no scenario itself), same seed, then every sweep's
    robustness in one table and heat map under ``out/across-<time>/``, beside the scenario
    files made for each sweep (``base = "<scenario>"`` and the file's tables)."""
    try:
        text = Path(uncertainty).read_text()
    except OSError as error:
        raise InputError(uncertainty, "scenario", f"cannot read: {error}") from None
    folder = out / f"across-{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    folder.mkdir(parents=True)
    sweeps, tables = {}, {}
    for name in scenarios:
        scenario = folder / f"{name}.toml"
        scenario.write_text(f"base = {name!r}\n" + text)
        sweep = Sweep.create_all(scenario, samples, out, seed=seed, batch_size=batch_size,
                                 workers=backend.workers)
        sweep.run(backend, progress)
        sweep.write_report(charts)
        sweeps[name], tables[name] = sweep, robustness(sweep.runs(), sweep.groups())
    table = robustness_across(tables)
    written = [write_frame(table, folder / "robustness_across.csv")]
    if charts:
        written.append(write_figure(robustness_across_chart(
            table, f"Robustness per cross-sector scenario, {samples} draws each"),
            folder / "robustness_across.html"))
    return Across(sweeps, table, written)

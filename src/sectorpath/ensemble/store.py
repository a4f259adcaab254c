"""A sweep's folder: its manifest, the samples, and one Parquet file per finished batch.

Layout of ``OUT/RUN_ID/``::

    manifest.json          what was run (sector, scenario, parameters, seed, design, batches)
    samples.parquet        sample, one column per parameter (drawn values)
    base.parquet           the unperturbed scenario's key series (variable, year, value)
    runs/batch-NNNNN.parquet      sample, variable, year, value of each finished run
    failures/batch-NNNNN.parquet  sample, stage, error of each run that failed
    log.jsonl              events: started, resumed, retried, gave up, finished
    run.lock               the process id of the coordinator running the sweep

Every file is written under a temporary name unique to its writer (``sectorpath.outputs``)
and renamed, so a killed sweep leaves only whole files; a batch counts as done when its
``runs`` file exists (possibly with no rows). One coordinator at a time runs a sweep: it holds
an advisory lock on ``run.lock`` (released by the kernel when it dies, so a stale lock of a
dead process is taken over); a second one is refused with the owner's process id. Readers
need no lock: the files can be read (pandas, pyarrow, DuckDB) while a sweep runs.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sectorpath.ensemble.worker import BatchResult
from sectorpath.errors import InputError
from sectorpath.outputs import TEMPORARY_SUFFIX, write_frame, write_text, writer_pid

MANIFEST = "manifest.json"
LOCK = "run.lock"
FAILURE_COLUMNS = ["sample", "stage", "error"]


@dataclass(frozen=True)
class RunStore:
    """Reads and writes one sweep's folder."""

    root: Path

    @property
    def run_id(self) -> str:
        return self.root.name

    @classmethod
    def create(cls, root: Path, manifest: dict[str, Any], samples: pd.DataFrame,
               base: pd.DataFrame) -> RunStore:
        """A new folder; refuses to touch an existing one."""
        root.mkdir(parents=True, exist_ok=False)
        for sub in ("runs", "failures"):
            (root / sub).mkdir()
        store = cls(root)
        write_frame(samples, root / "samples.parquet")
        write_frame(base, root / "base.parquet")
        write_text(root / MANIFEST, json.dumps(manifest, indent=2))
        return store

    @classmethod
    def open(cls, root: Path) -> RunStore:
        """An existing sweep's folder; InputError if there is none."""
        if not (root / MANIFEST).exists():
            parent = root.parent
            known = sorted(p.parent.name for p in parent.glob(f"*/{MANIFEST}"))
            raise InputError(root, "--resume", "no sweep with this run id here",
                             allowed=known or "none found")
        return cls(root)

    @property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / MANIFEST).read_text())
        return data

    def samples(self) -> pd.DataFrame:
        return pd.read_parquet(self.root / "samples.parquet")

    def base(self) -> pd.DataFrame:
        return pd.read_parquet(self.root / "base.parquet")

    def _batch_path(self, kind: str, index: int) -> Path:
        return self.root / kind / f"batch-{index:05d}.parquet"

    def done_batches(self) -> set[int]:
        """Indices of the batches whose results are on disk."""
        return {int(p.stem.split("-")[1]) for p in (self.root / "runs").glob("batch-*.parquet")}

    def write_batch(self, result: BatchResult, variables: list[str], years: np.ndarray) -> None:
        """Failures first, then the results file that marks the batch done."""
        if result.failures:
            write_frame(failure_frame(result.failures), self._batch_path("failures", result.index))
        write_frame(series_frame(result.samples, result.series, variables, years),
                    self._batch_path("runs", result.index))

    def log(self, event: str, **details: Any) -> None:
        """Append one event to ``log.jsonl`` (only the coordinating process writes it)."""
        line = {"time": datetime.now(UTC).isoformat(timespec="seconds"), "event": event,
                **details}
        with (self.root / "log.jsonl").open("a") as handle:
            handle.write(json.dumps(line) + "\n")

    def events(self) -> list[dict[str, Any]]:
        path = self.root / "log.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() \
            else []

    def runs(self) -> pd.DataFrame:
        """Every finished run's key series: sample, variable, year, value (long)."""
        return _read_folder(self.root / "runs", ["sample", "variable", "year", "value"])

    def failures(self) -> pd.DataFrame:
        """Every failed run: sample, stage (inputs, simulate, results, worker), error."""
        return _read_folder(self.root / "failures", FAILURE_COLUMNS)

    def clean(self) -> None:
        """Remove the temporary files of writers that are no longer alive (a killed sweep's);
        a live process's file being written is left alone."""
        for path in [*self.root.glob(f".*{TEMPORARY_SUFFIX}"),
                     *self.root.glob(f"*/.*{TEMPORARY_SUFFIX}")]:
            pid = writer_pid(path)
            if pid is None or not process_alive(pid):
                path.unlink(missing_ok=True)

    @contextmanager
    def locked(self) -> Iterator[int | None]:
        """Hold the sweep's run lock for the block; yields the process id of a dead former
        owner whose stale lock was taken over (None if there was none). InputError naming
        the owner's process id if a live process holds it."""
        path = self.root / LOCK
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = _read_pid(handle)
                raise InputError(path, "--resume", f"sweep {self.run_id} is being run by "
                                 f"process {owner}", allowed=f"wait until process {owner} "
                                 "finishes, or stop it first") from None
            former = _read_pid(handle)
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
            try:
                yield former if former not in (None, os.getpid()) else None
            finally:
                os.ftruncate(handle, 0)
        finally:
            os.close(handle)  # releases the lock


def series_frame(samples: np.ndarray, series: np.ndarray, variables: list[str],
                 years: np.ndarray) -> pd.DataFrame:
    """(n, V, Y) series as a long table sample, variable, year, value."""
    n, n_vars, n_years = series.shape
    return pd.DataFrame({
        "sample": np.repeat(samples, n_vars * n_years).astype(np.int64),
        "variable": pd.Categorical(np.tile(np.repeat(variables, n_years), n),
                                   categories=variables),
        "year": np.tile(years, n * n_vars).astype(np.int64),
        "value": series.reshape(-1).astype(float),
    })


def failure_frame(failures: list[tuple[int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(failures, columns=FAILURE_COLUMNS).astype({"sample": np.int64})


def _read_folder(folder: Path, columns: list[str]) -> pd.DataFrame:
    if not any(folder.glob("batch-*.parquet")):
        return pd.DataFrame({column: [] for column in columns})
    frame = pd.read_parquet(folder)
    if "variable" in frame:
        frame["variable"] = frame["variable"].astype(str)
    return frame.sort_values(columns[:3 if "year" in columns else 1], kind="stable",
                             ignore_index=True)


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _read_pid(handle: int) -> int | None:
    text = os.pread(handle, 32, 0).decode(errors="replace").strip()
    return int(text) if text.isdigit() else None

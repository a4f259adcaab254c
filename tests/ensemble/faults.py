"""Worker functions that crash their process, for the fault tests (importable by workers)."""

from __future__ import annotations

import os
from pathlib import Path

from sectorpath.ensemble.worker import Batch, BatchResult, Job, run_batch


def crash_once(marker: Path, batch_index: int, job: Job, batch: Batch) -> BatchResult:
    """Kill the worker process the first time ``batch_index`` runs, then behave."""
    flag = marker / f"crashed-{batch.index}"
    if batch.index == batch_index and not flag.exists():
        flag.touch()
        os._exit(1)
    return run_batch(job, batch)


def crash_always(batch_index: int, job: Job, batch: Batch) -> BatchResult:
    """Kill the worker process whenever ``batch_index`` runs."""
    if batch.index == batch_index:
        os._exit(1)
    return run_batch(job, batch)


def record_pid_and_sleep(marker: Path, seconds: float) -> None:
    """Write this worker's process id to ``marker``, then sleep (a batch that runs long)."""
    import time

    marker.write_text(str(os.getpid()))
    time.sleep(seconds)

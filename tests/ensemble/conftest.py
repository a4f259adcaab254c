"""Shared pieces of the ensemble tests: a small uncertain steel scenario, an in-process
executor, and sweeps run once per module."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

UNCERTAIN = """
extends = "baseline"
name = "uncertain-test"
sector = "steel"

[uncertainty.carbon_policy]
target = "carbon_price"
distribution = "paths"
paths = [{2020 = 0, 2050 = 100}, {2020 = 0, 2030 = 100, 2050 = 250}]
weights = [1, 3]

[uncertainty.hydrogen]
target = "price.hydrogen"
distribution = "triangular"
low = 0.6
mode = 1.0
high = 1.5

[uncertainty.demand]
target = "demand"
distribution = "normal"
mean = 1.0
sd = 0.05
low = 0.9
high = 1.1

[uncertainty.rate]
target = "discount_rate"
distribution = "uniform"
low = 0.05
high = 0.1
"""


def write_scenario(folder: Path, text: str = UNCERTAIN, name: str = "uncertain.toml") -> Path:
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture(scope="session")
def uncertain_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A steel scenario (baseline) with four uncertain parameters of different kinds."""
    return write_scenario(tmp_path_factory.mktemp("scenario"))


class InlineExecutor(Executor):
    """Runs each task at once in this process (the reference for the process backends)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future


def kill_after_batches(command: list[str], out: Path, batches: int,
                       timeout: float) -> tuple[Path, dict[str, bytes]]:
    """Start a sweep ``command`` writing to ``out``, SIGKILL its whole process group once
    ``batches`` batch files are written (or ``timeout`` s passed), and return its run folder
    and the batch files it left, name -> bytes."""
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while (len(list(out.glob("*/runs/batch-*.parquet"))) < batches
           and time.monotonic() < deadline):
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    (run_dir,) = out.iterdir()
    return run_dir, {path.name: path.read_bytes() for path in (run_dir / "runs").glob("*.parquet")}

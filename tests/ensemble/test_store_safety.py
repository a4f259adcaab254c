"""Issue 12, defect 8: a sweep's folder under concurrent and killed coordinators.

Unique temporary names (``clean`` never deletes a live writer's file), one coordinator at a
time (a second resume is refused with the owner's pid; a dead owner's lock is taken over),
workers that exit with their coordinator, and a resume that refuses a changed scenario,
design or data.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sectorpath.cli import app
from sectorpath.ensemble import ExecutorBackend, Sweep
from sectorpath.ensemble.store import LOCK, RunStore, process_alive
from sectorpath.errors import InputError
from sectorpath.outputs import temporary_path
from sectorpath.sectors import get_sector
from tests.ensemble.conftest import InlineExecutor

ROOT = Path(__file__).parents[2]


def _dead_pid() -> int:
    """The id of a process that has just ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["sweep", "steel", *args, "--no-charts"])
    return result.exit_code, " ".join(result.output.split())


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "steel"
    shutil.copytree(get_sector("steel").data_dir, folder)
    return folder


@pytest.fixture
def sweep(uncertain_file: Path, data_copy: Path, tmp_path: Path) -> Sweep:
    """A created, not yet run sweep of 4 steel runs (2 batches), on a copy of the data."""
    return Sweep.create("steel", uncertain_file, 4, tmp_path / "out", seed=1, batch_size=2,
                        data_dir=data_copy)


def test_temporary_names_are_unique_and_clean_spares_live_writers(tmp_path: Path) -> None:
    target = tmp_path / "runs" / "batch-00001.parquet"
    target.parent.mkdir()
    assert temporary_path(target) != temporary_path(target)
    live = temporary_path(target)  # this process: alive, writing
    live.write_text("half")
    dead = live.with_name(live.name.replace(f".{os.getpid()}.", f".{_dead_pid()}."))
    dead.write_text("left by a killed sweep")
    RunStore(tmp_path).clean()
    assert live.exists() and not dead.exists()


def test_a_second_coordinator_is_refused_with_the_owners_pid(sweep: Sweep) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from sectorpath.ensemble.store import RunStore
            with RunStore(Path({str(sweep.root)!r})).locked():
                print("locked", flush=True)
                time.sleep(60)
            """)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match=f"being run by process {holder.pid}"):
            sweep.run(ExecutorBackend(InlineExecutor()))
        code, output = _cli("--resume", sweep.run_id, "--out", str(sweep.root.parent))
        assert code == 2 and f"process {holder.pid}" in output
        assert sweep.store.done_batches() == set()  # the refused coordinator ran nothing
    finally:
        holder.kill()
        holder.wait()


def test_a_dead_owners_lock_is_taken_over(sweep: Sweep) -> None:
    dead = _dead_pid()
    (sweep.root / LOCK).write_text(f"{dead}\n")
    report = sweep.run(ExecutorBackend(InlineExecutor()))
    assert report.runs == 4 and sweep.complete
    assert {"event": "took over lock", "dead_pid": dead}.items() <= next(
        e for e in sweep.store.events() if e["event"] == "took over lock").items()


def test_workers_exit_when_their_coordinator_is_killed(tmp_path: Path) -> None:
    """Defect 8: workers ran on for minutes after the coordinator was killed."""
    marker = tmp_path / "worker.pid"
    coordinator = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from pathlib import Path
            from sectorpath.ensemble.execute import LocalBackend
            from tests.ensemble.faults import record_pid_and_sleep
            backend = LocalBackend(1)
            backend.executor().submit(record_pid_and_sleep, Path({str(marker)!r}), 120)
            time.sleep(120)
            """)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
            assert coordinator.poll() is None
            time.sleep(0.05)
        worker = int(marker.read_text())
        assert process_alive(worker)
    finally:
        coordinator.send_signal(signal.SIGKILL)
        coordinator.wait()
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(worker), "the worker outlived its coordinator by 10 s"


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for its (new) parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_resume_refuses_a_changed_scenario_design_or_data(sweep: Sweep, tmp_path: Path,
                                                         uncertain_file: Path,
                                                         data_copy: Path) -> None:
    """Defect 8: --resume ignored a changed --scenario, --design or --data."""
    out = str(sweep.root.parent)
    resume = ("--resume", sweep.run_id, "--out", out)
    edited = tmp_path / "edited.toml"
    edited.write_text(uncertain_file.read_text().replace("high = 1.5", "high = 1.9"))
    code, output = _cli(*resume, "--scenario", str(edited))
    assert code == 2 and "--scenario" in output and "differs" in output
    code, output = _cli(*resume, "--design", "sobol")
    assert code == 2 and "--design" in output and "allowed: mc" in output
    code, output = _cli(*resume, "--data", str(tmp_path))
    assert code == 2 and "--data" in output and str(data_copy) in output
    prices = data_copy / "prices.csv"
    original = prices.read_bytes()
    try:
        lines = prices.read_text().splitlines(keepends=True)
        prices.write_text("".join([*lines[:-1], lines[-1].rstrip("\n") + "\n", lines[-1]]))
        code, output = _cli(*resume)
        assert code == 2 and "data tables changed" in output
    finally:
        prices.write_bytes(original)
    assert sweep.store.done_batches() == set()  # every refusal ran nothing

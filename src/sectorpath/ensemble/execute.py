"""Where batches run: local processes (default) or Dask, with crash retries.

Any ``concurrent.futures.Executor`` will do; a backend hands one out and a new one when the
last broke (a worker process that dies takes a ``ProcessPoolExecutor`` down with it).

The scheduler keeps at most one batch per worker in flight, so a crash can only be blamed on
the batches that were running. Each of them is retried alone (nothing else in flight), so a
batch that crashes its worker every time is found out without failing innocent batches; after
``max_retries`` solo retries its runs are recorded as failed (stage ``worker``).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from types import TracebackType
from typing import Any, Protocol, Self

from sectorpath.ensemble.worker import Batch, BatchResult
from sectorpath.errors import InputError

Work = Callable[[Any, Batch], BatchResult]
"""Runs one batch of a job (a ``worker.Job`` or a ``crosssector.CrossJob``)."""


class Backend(Protocol):
    """Hands out executors with ``workers`` parallel slots."""

    workers: int

    def executor(self) -> Executor:
        """An executor to submit to (a fresh one if the previous one broke)."""
        ...

    def close(self) -> None:
        ...


class _Closing:
    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        ...


def _context() -> BaseContext:
    """Fork server where there is one: workers start from a clean, already-imported process
    (no fork of a parent holding threads), without paying the imports once per worker."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sectorpath.ensemble.worker"])
        return context
    return multiprocessing.get_context("spawn")


def exit_with_coordinator(lifeline: Connection) -> None:
    """Worker initializer: end this process as soon as the coordinator is gone.

    ``lifeline`` is the reading end of a pipe whose only writing end the coordinator holds;
    the kernel closes it when the coordinator dies (even by SIGKILL), the read sees end of
    file and the worker exits at once, mid-batch if need be, instead of running on unseen.
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv_bytes()
        os._exit(1)

    threading.Thread(target=watch, name="coordinator-watch", daemon=True).start()


class LocalBackend(_Closing):
    """Worker processes on this machine (all cores by default), which exit when this
    process dies (see ``exit_with_coordinator``)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        self._lifeline: tuple[Connection, Connection] | None = None

    def executor(self) -> Executor:
        self._shutdown(wait=False)
        context = _context()
        reader, writer = context.Pipe(duplex=False)
        self._lifeline = reader, writer
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                         initializer=exit_with_coordinator, initargs=(reader,))
        return self._pool

    def close(self) -> None:
        self._shutdown(wait=True)

    def _shutdown(self, wait: bool) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None
        if self._lifeline is not None and wait:
            for end in self._lifeline:
                end.close()
            self._lifeline = None


class DaskBackend(_Closing):
    """A Dask cluster: a new ``LocalCluster`` of ``workers`` single-threaded processes, or the
    scheduler at ``address``. Needs the optional extra: ``pip install "dask[distributed]"``."""

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError("command line", "--backend", "dask is not installed",
                             allowed='local, or dask after pip install "dask[distributed]"'
                             ) from None
        self.cluster = None
        if address:
            self.client = Client(address)
        else:
            import dask

            # the workers' sampling profiler (a thread walking the stack every 10 ms) costs
            # CPU time on every run and serves only Dask's dashboard, which is off
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                            threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.workers = max(sum(self.client.nthreads().values()), 1)

    def executor(self) -> Executor:
        executor: Executor = self.client.get_executor(pure=False)
        return executor

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class ExecutorBackend(_Closing):
    """Any executor the caller made (it is not replaced if it breaks)."""

    def __init__(self, executor: Executor, workers: int = 1) -> None:
        self._executor = executor
        self.workers = workers

    def executor(self) -> Executor:
        return self._executor


def make_backend(name: str, workers: int | None = None,
                 address: str | None = None) -> LocalBackend | DaskBackend:
    """``local`` or ``dask`` (InputError names the option otherwise)."""
    if name == "local":
        return LocalBackend(workers)
    if name == "dask":
        return DaskBackend(workers, address)
    raise InputError("command line", "--backend", f"unknown backend {name!r}",
                     allowed=["local", "dask"])


class Sink(Protocol):
    """Receives what happens to batches."""

    def done(self, result: BatchResult) -> None: ...

    def retry(self, batch: Batch, attempt: int, error: str) -> None: ...

    def gave_up(self, batch: Batch, error: str) -> None: ...


@dataclass
class _Scheduler:
    job: Any
    backend: Backend
    work: Work
    sink: Sink
    max_retries: int
    queue: deque[Batch] = field(default_factory=deque)
    suspects: deque[Batch] = field(default_factory=deque)
    attempts: Counter[int] = field(default_factory=Counter)

    def run(self) -> None:
        while self.queue or self.suspects:
            self._drive(self.backend.executor())

    def _drive(self, executor: Executor) -> None:
        """Submit and collect until done, or until the executor breaks."""
        running: dict[Future[BatchResult], Batch] = {}
        while self.queue or self.suspects or running:
            broken = self._fill(executor, running)
            if running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    broken |= self._collect(future, running.pop(future))
            if broken:
                for future in wait(running).done:
                    self._collect(future, running.pop(future))
                return

    def _fill(self, executor: Executor, running: dict[Future[BatchResult], Batch]) -> bool:
        """Top up to one batch per worker; a suspect runs alone. True if the executor broke."""
        while True:
            if any(self.attempts[batch.index] for batch in running.values()):
                return False  # a retried batch is running: alone
            if self.suspects:
                if running:
                    return False
                source = self.suspects
            elif self.queue and len(running) < self.backend.workers:
                source = self.queue
            else:
                return False
            batch = source.popleft()
            try:
                running[executor.submit(self.work, self.job, batch)] = batch
            except BrokenExecutor as error:
                self._crashed(batch, error)
                return True

    def _collect(self, future: Future[BatchResult], batch: Batch) -> bool:
        """Hand a result on, or count a crash; True if the executor broke."""
        try:
            result = future.result()
        except Exception as error:  # a dead worker, a lost connection, a bug in the worker
            self._crashed(batch, error)
            return isinstance(error, BrokenExecutor)
        self.sink.done(result)
        return False

    def _crashed(self, batch: Batch, error: BaseException) -> None:
        """Retry the batch alone, or give up on it after ``max_retries`` retries."""
        self.attempts[batch.index] += 1
        message = f"{type(error).__name__}: {error}"
        if self.attempts[batch.index] > self.max_retries:
            self.sink.gave_up(batch, message)
        else:
            self.sink.retry(batch, self.attempts[batch.index], message)
            self.suspects.append(batch)


def execute(job: Any, batches: list[Batch], backend: Backend, sink: Sink, work: Work,
            max_retries: int = 2) -> None:
    """Run ``batches`` of ``job`` on ``backend``; every batch ends in ``sink.done`` or, after
    ``max_retries`` retries of a crashed task, in ``sink.gave_up``."""
    _Scheduler(job, backend, work, sink, max_retries, deque(batches)).run()

"""Issue 12, defect 11: the dashboard's memory stays bounded, /healthz answers under a full
run pool, and ``::1`` is a loopback host like 127.0.0.1."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.datastructures import QueryParams

from sectorpath.dashboard.app import create_app
from sectorpath.dashboard.cli import url
from sectorpath.dashboard.form import parse
from sectorpath.dashboard.runs import RunCache, default_runner
from sectorpath.results import Results
from sectorpath.scenarios.model import ScenarioBase
from tests.dashboard.conftest import free_port

PARALLEL = 60


def _inputs(sector: str, price: float) -> Any:
    return parse(QueryParams({"sector": sector, "a.cp.2030": str(price)})).sides["a"]


def test_the_cache_keeps_no_whole_run() -> None:
    """Defect 11: the cache kept 32 whole runs (engine arrays and all, 1.4-2.1 GB)."""
    made: list[weakref.ref[Results]] = []

    def remembered(sector: str, scenario: ScenarioBase) -> Results:
        results = default_runner(sector, scenario)
        made.append(weakref.ref(results))
        return results

    cache = RunCache(remembered)
    output, cached = cache.get("trucking", _inputs("trucking", 101))
    gc.collect()
    assert not cached and made and made[0]() is None  # the Results object is gone
    assert output.iamc["variable"].dtype == "category"
    results = default_runner("trucking", output.scenario)
    variable = str(output.iamc["variable"].iloc[0])
    assert len(output.world(variable)) == len(results.years)
    assert output.world(variable).equals(results.world(variable))


def test_the_cache_is_bounded_by_bytes() -> None:
    probe = RunCache()
    first, _ = probe.get("trucking", _inputs("trucking", 101))
    cache = RunCache(max_bytes=int(first.nbytes * 2.5))
    for price in (102, 103, 104, 105):
        cache.get("trucking", _inputs("trucking", price))
        assert cache.held_bytes <= cache.max_bytes
    assert len(cache) == 2 and cache.runs == 4
    _, cached = cache.get("trucking", _inputs("trucking", 105))
    assert cached  # the most recent run is kept


def test_loopback_ipv6_host_is_served() -> None:
    """Defect 11: ``::1`` was refused (its Host header is ``[::1]:PORT``)."""
    from fastapi.testclient import TestClient

    client = TestClient(create_app())
    assert client.get("/healthz", headers={"Host": "[::1]:8050"}).text == "ok"
    assert client.get("/healthz", headers={"Host": "localhost:8050"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "[::2]:8050"}).status_code == 400
    assert url("::1", 8050) == "http://[::1]:8050/"
    assert url("127.0.0.1", 8050) == "http://127.0.0.1:8050/"


@pytest.fixture
def blocked_server() -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """A live dashboard whose runs block until ``release`` is set (``started`` is set when
    the first run begins)."""
    uvicorn = pytest.importorskip("uvicorn", reason="serving needs uvicorn")
    started, release = threading.Event(), threading.Event()

    def blocking(sector: str, scenario: ScenarioBase) -> Results:
        started.set()
        release.wait(60)
        raise RuntimeError("released")

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(runner=blocking), host="127.0.0.1",
                                           port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", started, release
    release.set()
    server.should_exit = True
    thread.join(timeout=10)


def test_healthz_answers_at_once_under_a_full_run_pool(
        blocked_server: tuple[str, threading.Event, threading.Event]) -> None:
    """Defect 11: /healthz waited 14 s behind 60 parallel runs."""
    base, started, release = blocked_server
    shared = httpx.Client(timeout=120, limits=httpx.Limits(max_connections=PARALLEL + 5))
    probe = httpx.Client(timeout=5)

    def page(price: int) -> None:
        shared.get(f"{base}/", params={"sector": "trucking", "a.cp.2030": str(price)})

    pages = [threading.Thread(target=page, args=(1000 + i,)) for i in range(PARALLEL)]
    for thread in pages:
        thread.start()
    assert started.wait(30)
    time.sleep(2)  # every request in: one run blocked, the others queued for the pool
    begin = time.perf_counter()
    answer = probe.get(f"{base}/healthz")
    seconds = time.perf_counter() - begin
    release.set()
    for thread in pages:
        thread.join(timeout=120)
    shared.close()
    probe.close()
    assert answer.text == "ok" and seconds < 1.0

"""Fixtures of the dashboard tests: the app (in-process client) and a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the dashboard needs FastAPI (pip install fastapi)")
pytest.importorskip("jinja2", reason="the dashboard needs Jinja2 (pip install jinja2)")

from sectorpath.dashboard.app import create_app
from sectorpath.dashboard.runs import default_runner
from sectorpath.results import Results
from sectorpath.scenarios.model import ScenarioBase

CRASH_PRICE = 4321.0
"""A 2025 carbon price at which the test runner fails like a crashing engine would."""
ARTIFACTS = Path(__file__).parent / "artifacts"


def crashing_runner(sector: str, scenario: ScenarioBase) -> Results:
    """The real runner, except that it raises for a 2025 carbon price of CRASH_PRICE."""
    if scenario.carbon_price.get(2025) == CRASH_PRICE:
        raise RuntimeError("simulated engine crash")
    return default_runner(sector, scenario)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served by uvicorn on a free port of 127.0.0.1 (in a thread)."""
    uvicorn = pytest.importorskip("uvicorn", reason="serving needs uvicorn")
    port = free_port()
    app = create_app(runner=crashing_runner, sweeps_dir=tmp_path_factory.mktemp("no-sweeps"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)

"""How fast the dashboard answers a re-run of one sector, in the page and on the server.

Usage: ``python benchmarks/bench_dashboard.py [--sectors steel,cement] [--repeat 5]
[--no-browser]``

Starts the app (uvicorn, 127.0.0.1, a free port) and, for each sector, after one warm-up
page load:

- page: in headless Chromium (Debian's /usr/bin/chromium driven by Playwright), type a new
  carbon price, leave the box (Tab: the page re-runs on change, after a 100 ms pause) and
  wait until every chart of the answer is drawn: the wall time a user waits (target: under
  0.5 s); "A+B": the same with both scenarios of a comparison
  changed (two runs per answer);
- server: the same request (``GET /run`` as htmx sends it) with a new carbon price each time,
  so no answer comes from the cache; and once more with a price already run (cached).

Each carbon price is new, so every timed re-run simulates 2020-2050 again. Then, in Chromium:
the first load of the page (address to every chart drawn) and the all-sectors page (``/all``):
its first view (every sector run, cold), and a change of its scenario select to every chart
drawn, between two scenarios already run (kept). Prints medians and maxima in seconds and a
JSON line.

``--memory RUNS``: instead, serve the dashboard from its own process (``sectorpath serve``)
and ask for RUNS different runs, mixed over every sector (each run a new carbon price; every
fourth page compares A and B, two runs), printing the server's resident memory (VmRSS, MB)
as it goes and at the end (target: under 1 GB after 200 runs).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from sectorpath.dashboard.app import create_app
from sectorpath.sectors import sector_names

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
_prices = itertools.count(1001)  # carbon prices never asked before: no cache hits


def start_server() -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def time_server(base: str, sector: str, repeat: int) -> tuple[list[float], float]:
    """Seconds of fresh re-runs over HTTP, and of one cached answer."""
    times = []
    with httpx.Client(timeout=60) as client:
        for _ in range(repeat):
            params = {"sector": sector, "a.cp.2030": str(next(_prices))}
            start = time.perf_counter()
            client.get(f"{base}/run", params=params, headers={"HX-Request": "true"}
                       ).raise_for_status()
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        client.get(f"{base}/run", params=params, headers={"HX-Request": "true"})
        cached = time.perf_counter() - start
    return times, cached


def time_page(browser: Any, base: str, sector: str, repeat: int,
              compare: bool = False) -> list[float]:
    """Seconds from leaving a changed box to every chart of the answer drawn, in Chromium; with
    ``compare``, scenarios A and B both changed (two runs per answer)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{base}/?sector={sector}" + ("&compare=on" if compare else ""))
    _wait(page, 1)
    times = []
    for _ in range(repeat):
        for side in ("a", "b") if compare else ("a",):
            page.fill(f"#{side}-cp-2030", str(next(_prices)))
        count = int(page.evaluate("Number(document.body.dataset.renders)"))
        start = time.perf_counter()
        page.keyboard.press("Tab")
        _wait(page, count + 1)
        times.append(time.perf_counter() - start)
    page.close()
    return times


def time_first_load(browser: Any, base: str, sector: str, repeat: int) -> list[float]:
    """Seconds from opening the page (runs cached) to every chart drawn."""
    times = []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(f"{base}/?sector={sector}")
        _wait(page, 1)
        times.append(time.perf_counter() - start)
        page.close()
    return times


ALL_SCENARIOS = ("net-zero", "baseline")
"""The two cross-sector scenarios the all-sectors page switches between."""


def time_all_sectors(browser: Any, base: str, repeat: int) -> dict[str, Any]:
    """The all-sectors page: seconds of the first view of each scenario (cold: every sector
    run) and of a scenario change to every chart drawn once both were run (kept)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    cold = []
    for scenario in ALL_SCENARIOS:
        start = time.perf_counter()
        page.goto(f"{base}/all?scenario={scenario}", timeout=600_000)
        _wait(page, 1, 600)
        cold.append(time.perf_counter() - start)
    kept = []
    for k in range(repeat):
        start = time.perf_counter()
        with page.expect_navigation():
            page.select_option("#all-scenario", ALL_SCENARIOS[k % 2])
        _wait(page, 1)
        kept.append(time.perf_counter() - start)
    page.close()
    return {"cold": cold, "kept": kept}


def _wait(page: Any, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not page.evaluate(f"Number(document.body.dataset.renders || 0) >= {count}"):
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not draw its charts")
        time.sleep(0.005)


def resident_mb(pid: int) -> float:
    """Resident memory of process ``pid`` (Linux VmRSS), MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure_memory(runs: int, sectors: list[str]) -> dict[str, Any]:
    """The serving process's resident memory while it makes ``runs`` different runs."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sectorpath", "serve", "--port",
                               str(port)], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(timeout=300) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get(f"{base}/healthz").raise_for_status()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            start_mb = resident_mb(server.pid)
            made, pages, trace = 0, 0, []
            start = time.perf_counter()
            while made < runs:
                sector = sectors[pages % len(sectors)]
                params = {"sector": sector, "a.cp.2030": str(next(_prices))}
                if pages % 4 == 3 and made + 2 <= runs:
                    params |= {"compare": "on", "b.cp.2030": str(next(_prices))}
                client.get(f"{base}/", params=params).raise_for_status()
                made += 2 if "compare" in params else 1
                pages += 1
                if pages % 10 == 0 or made >= runs:
                    trace.append((made, round(resident_mb(server.pid), 1)))
                    print(f"{made:4d} runs: {trace[-1][1]:8.1f} MB resident", flush=True)
            seconds = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"runs": made, "pages": pages, "seconds": round(seconds, 1),
            "start_mb": round(start_mb, 1), "peak_mb": max(mb for _, mb in trace),
            "final_mb": trace[-1][1], "trace": trace}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sectors", default=",".join(sector_names()))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--memory", type=int, metavar="RUNS",
                        help="measure the server's resident memory over RUNS mixed runs")
    args = parser.parse_args()
    if args.memory:
        memory = measure_memory(args.memory, args.sectors.split(","))
        print(f"{memory['runs']} runs ({memory['pages']} pages) in {memory['seconds']} s: "
              f"resident {memory['start_mb']} MB at start, peak {memory['peak_mb']} MB, "
              f"final {memory['final_mb']} MB")
        print(json.dumps(memory))
        return
    server, base = start_server()
    report: dict[str, Any] = {"machine": platform.platform(), "python": sys.version.split()[0],
                              "cores": os.cpu_count(), "load_before": os.getloadavg()[0],
                              "repeat": args.repeat, "sectors": {}}
    browser, playwright = None, None
    if not args.no_browser and Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    print(f"{'sector':<10} {'page median':>12} {'page max':>9} {'A+B median':>11} "
          f"{'server median':>14} {'server max':>11} {'cached':>7}")
    for sector in args.sectors.split(","):
        httpx.get(f"{base}/", params={"sector": sector}, timeout=60)  # warm-up: tables loaded
        served, cached = time_server(base, sector, args.repeat)
        paged = time_page(browser, base, sector, args.repeat) if browser else []
        both = time_page(browser, base, sector, args.repeat, compare=True) if browser else []
        row = {"server": served, "cached": cached, "page": paged, "page_compare": both}
        report["sectors"][sector] = row
        page_text = (f"{statistics.median(paged):12.2f} {max(paged):9.2f} "
                     f"{statistics.median(both):11.2f}" if paged
                     else f"{'-':>12} {'-':>9} {'-':>11}")
        print(f"{sector:<10} {page_text} {statistics.median(served):14.2f} "
              f"{max(served):11.2f} {cached:7.3f}")
    if browser is not None:
        first = args.sectors.split(",")[0]
        report["first_load"] = time_first_load(browser, base, first, args.repeat)
        report["all_sectors"] = time_all_sectors(browser, base, args.repeat)
        cold = ", ".join(f"{t:.1f}" for t in report["all_sectors"]["cold"])
        print(f"first page load ({first}): median {statistics.median(report['first_load']):.2f}"
              f" s; all sectors: first view {cold} s (cold), scenario change median "
              f"{statistics.median(report['all_sectors']['kept']):.2f} s (kept)")
    if browser is not None and playwright is not None:
        browser.close()
        playwright.stop()
    server.should_exit = True
    report["load_after"] = os.getloadavg()[0]
    print(f"load average (1 min) before {report['load_before']:.1f}, after "
          f"{report['load_after']:.1f} on {report['cores']} cores")
    print(json.dumps(report))


if __name__ == "__main__":
    main()

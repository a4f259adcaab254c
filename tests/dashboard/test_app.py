"""The app over HTTP: runs against the engine's own numbers, downloads, errors, isolation."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.dashboard.app import create_app
from sectorpath.dashboard.form import Overrides, SideInputs, build_scenario
from sectorpath.dashboard.runs import default_runner
from sectorpath.reporting.labels import labels
from sectorpath.results import IAMC_COLUMNS, Results
from sectorpath.scenarios.model import ScenarioBase
from sectorpath.sectors import sector_names
from tests.dashboard.conftest import CRASH_PRICE, crashing_runner, free_port

testclient = pytest.importorskip("fastapi.testclient", reason="needs httpx for FastAPI's client")
LOCAL = "http://127.0.0.1"  # the app answers only requests addressed to this machine
HTMX = {"HX-Request": "true"}
STEEL = "Steel"


class Counting:
    """A runner that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, sector: str, scenario: ScenarioBase) -> Results:
        self.calls += 1
        return crashing_runner(sector, scenario)


@pytest.fixture()
def runner() -> Counting:
    return Counting()


@pytest.fixture()
def client(runner: Counting) -> Any:
    return testclient.TestClient(create_app(runner=runner), base_url=LOCAL)


def charts(html: str) -> dict[str, dict[str, Any]]:
    """The figures embedded in a page or fragment, by chart id."""
    found = re.findall(r'class="chart-data" data-target="([^"]+)">(.*?)</script>', html,
                       flags=re.S)
    return {target: json.loads(text) for target, text in found}


def traces(figure: dict[str, Any]) -> dict[str, np.ndarray]:
    return {t["name"]: np.array(t["y"], dtype=float) for t in figure["data"]}


def technology_id(shown: str) -> str:
    """The id behind a trace name (charts name technologies in words: labels.csv)."""
    return {text: name for name, text in labels().items()}.get(shown, shown)


def direct(sector: str, scenario: str, **changes: Any) -> Results:
    """The same run straight through ``sectorpath.run``."""
    return sectorpath.run(sector, build_scenario(sector, SideInputs(scenario,
                                                                   Overrides(**changes))))


def test_page_offers_every_sector_and_draws_the_default_run(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for name in sector_names():
        assert f'<option value="{name}"' in page.text
    figures = charts(page.text)
    assert {"chart-a-emissions_by_technology", "chart-a-technology_mix", "chart-a-investment",
            "chart-a-resource_demand", "chart-a-cost_curves", "chart-a-parity",
            "chart-a-breakthroughs"} <= set(figures)
    assert 'id="fan-help"' in page.text  # no sweep folder: the panel says how to make one


def test_emissions_chart_is_the_engine_result_by_technology(client: Any) -> None:
    params = {"sector": "steel", "a.scenario": "carbon-cost", "a.cp.2035": "300"}
    fragment = client.get("/run", params=params, headers=HTMX).text
    plotted = traces(charts(fragment)["chart-a-emissions_by_technology"])
    results = direct("steel", "carbon-cost", carbon_price=((2035, 300.0),))
    assert float(results.trajectory.inputs.carbon_price[13]) == pytest.approx(236.0)  # 2033
    for shown, values in plotted.items():
        if shown.startswith("carbon budget"):
            continue
        tech = technology_id(shown)
        expected = sum(results.world(f"Emissions|CO2|Industry|Iron and Steel|Scope {s}|{tech}")
                       .reindex(range(2020, 2051), fill_value=0.0) for s in (1, 2))
        assert values == pytest.approx(expected.to_numpy(), rel=1e-9, abs=1e-9)


def test_carbon_price_lowers_emissions_and_downloads_match_the_chart(client: Any) -> None:
    base = client.get("/run", params={"sector": "steel"}, headers=HTMX).text
    params = {"sector": "steel", "a.cp.2030": "400", "a.cp.2050": "400"}
    edited = client.get("/run", params=params, headers=HTMX).text
    before = traces(charts(base)["chart-a-emissions_by_technology"])
    after = traces(charts(edited)["chart-a-emissions_by_technology"])
    assert sum(after.values())[-1] < 0.9 * sum(before.values())[-1]

    csv = client.get("/download/a/emissions_by_technology.csv", params=params)
    assert csv.status_code == 200 and "baseline-edit-" in csv.headers["content-disposition"]
    table = pd.read_csv(io.StringIO(csv.text)).set_index("year")
    for tech, values in after.items():
        assert table[tech].to_numpy() == pytest.approx(values, rel=1e-12)

    excel = client.get("/download/a/emissions_by_technology.xlsx", params=params)
    sheet = pd.read_excel(io.BytesIO(excel.content), engine="openpyxl").set_index("year")
    pd.testing.assert_frame_equal(sheet, table, check_dtype=False)

    iamc = pd.read_csv(io.StringIO(client.get("/download/a/emissions_by_technology.iamc",
                                              params=params).text))
    assert list(iamc.columns) == IAMC_COLUMNS
    world = iamc[iamc["region"] == "World"]
    scopes = world[world["variable"].isin(["Emissions|CO2|Industry|Iron and Steel|Scope 1",
                                           "Emissions|CO2|Industry|Iron and Steel|Scope 2"])]
    totals = scopes.groupby("year")["value"].sum()
    assert totals.to_numpy() == pytest.approx(table.sum(axis=1).to_numpy(), rel=1e-9)


def test_whole_run_downloads(client: Any) -> None:
    params = {"sector": "trucking", "a.scenario": "least-cost"}
    iamc = pd.read_csv(io.StringIO(client.get("/download/a/run.iamc", params=params).text))
    results = sectorpath.run("trucking", "least-cost")
    assert len(iamc) == len(results.iamc) and list(iamc.columns) == IAMC_COLUMNS
    book = pd.read_excel(io.BytesIO(client.get("/download/a/run.xlsx", params=params).content),
                         sheet_name=None, engine="openpyxl")
    assert {"summary", "emissions_by_technology", "cost_curves", "parity", "breakthroughs",
            "report_parity_years", "iamc"} <= set(book)
    assert len(book["iamc"]) == len(results.iamc)


def test_scenario_file_download_reruns_to_the_same_numbers(client: Any, tmp_path: Path) -> None:
    params = {"sector": "steel", "a.cp.2040": "150", "a.tech": "DRI-EAF_100% green H2",
              "a.tech_year": "2045"}
    text = client.get("/scenario/a.toml", params=params).text
    path = tmp_path / "mine.toml"
    path.write_text(text)
    shown = traces(charts(client.get("/run", params=params, headers=HTMX).text)
                   ["chart-a-technology_mix"])
    again = sectorpath.run("steel", path)
    for tech, values in shown.items():
        variable = f"Production|Iron and Steel|Steel|{technology_id(tech)}"
        assert again.world(variable).to_numpy() == pytest.approx(values)


def test_technology_availability_delays_it(client: Any) -> None:
    tech = "DRI-EAF_100% green H2"
    params = {"sector": "steel", "a.scenario": "carbon-cost", "a.tech": tech,
              "a.tech_year": "2045"}
    mix = pd.read_csv(io.StringIO(client.get("/download/a/technology_mix.csv",
                                             params=params).text)).set_index("year")
    assert (mix.loc[:2044, tech] == 0).all() and mix.loc[2050, tech] > 0
    published = direct("steel", "carbon-cost").world(f"Production|Iron and Steel|Steel|{tech}")
    assert published[2040] > 0  # without the change it is built before 2045


def test_demand_scale_and_hydrogen_price(client: Any) -> None:
    half = {"sector": "steel", "a.demand": "0.5"}
    summary = pd.read_csv(io.StringIO(client.get("/download/a/summary.csv", params=half).text))
    base = sectorpath.run("steel", "baseline").summary(tuple(range(2020, 2051, 5)))
    ratio = summary.set_index("year")["Production (Mt)"] / base["Production (Mt)"]
    assert ratio[2020] == pytest.approx(1.0)  # the first year is the calibrated stock
    assert ratio[2030] == pytest.approx(0.5) and ratio[2050] == pytest.approx(0.5)
    published = {"sector": "steel", "a.scenario": "carbon-cost"}
    cheap = {**published, "a.p1.name": "hydrogen", "a.p1.2030": "1", "a.p1.2050": "1"}
    costs = {name: pd.read_csv(io.StringIO(client.get("/download/a/cost_curves.csv",
                                                      params=p).text)).set_index("year")
             for name, p in (("base", published), ("cheap", cheap))}
    tech = "DRI-EAF_100% green H2"
    assert (costs["cheap"].loc[2030:, tech] < costs["base"].loc[2030:, tech]).all()


def test_bad_input_is_explained_and_nothing_runs(client: Any, runner: Counting) -> None:
    fragment = client.get("/run", params={"sector": "steel", "a.cp.2030": "-1",
                                          "a.scenario": "../secret.toml"}, headers=HTMX).text
    assert "a number from 0 to 5000" in fragment and "unknown name &#39;../secret.toml&#39;" \
        in fragment
    assert 'hx-swap-oob="true"' in fragment  # the form comes back with the fields marked
    assert runner.calls == 0
    answer = client.get("/download/a/summary.csv", params={"a.cp.2030": "x"})
    assert answer.status_code == 400 and "a.cp.2030" in answer.text
    answer = client.get("/download/a/nothing.csv", params={})
    assert answer.status_code == 400 and "allowed: run, summary" in answer.text
    answer = client.get("/download/a/summary.pdf", params={})
    assert answer.status_code == 400 and "allowed: csv, xlsx, iamc" in answer.text


def test_failing_run_shows_its_error_and_the_next_run_works(client: Any) -> None:
    crash = client.get("/run", params={"a.cp.2025": f"{CRASH_PRICE:g}"}, headers=HTMX)
    assert crash.status_code == 200
    assert "The run failed: RuntimeError: simulated engine crash" in crash.text
    fine = client.get("/run", params={"a.cp.2025": "10"}, headers=HTMX)
    assert "chart-a-emissions_by_technology" in fine.text and "run-error" not in fine.text


def test_runs_are_cached_by_sector_scenario_and_changes(client: Any, runner: Counting) -> None:
    params = {"sector": "steel", "a.cp.2040": "80"}
    first = client.get("/run", params=params, headers=HTMX).text
    second = client.get("/run", params=params, headers=HTMX).text
    client.get("/download/a/summary.csv", params=params)
    # the edited run and its built-in reference line, once each
    assert runner.calls == 2 and "(from the cache)" in second
    assert charts(first) == charts(second)
    client.get("/run", params={**params, "a.cp.2040": "81"}, headers=HTMX)
    assert runner.calls == 3  # the built-in comes from the cache


def test_full_page_at_the_run_address(client: Any) -> None:
    page = client.get("/run", params={"sector": "cement", "a.cp.2030": "50"})
    assert page.text.startswith("<!doctype html>") and 'value="50"' in page.text


def test_foreign_host_is_refused_and_headers_are_strict(client: Any) -> None:
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    answer = client.get("/healthz")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"


def _emissions_csv(base: str, price: int) -> pd.DataFrame:
    import httpx

    answer = httpx.get(f"{base}/download/a/emissions_by_technology.csv",
                       params={"sector": "steel", "a.cp.2030": str(price)}, timeout=60)
    answer.raise_for_status()
    return pd.read_csv(io.StringIO(answer.text)).set_index("year")


def test_concurrent_users_get_their_own_runs(live_server: str) -> None:
    prices = [0, 100, 200, 300, 0, 100, 200, 300]
    with ThreadPoolExecutor(max_workers=len(prices)) as pool:
        tables = list(pool.map(lambda p: _emissions_csv(live_server, p), prices))
    for price, table in zip(prices, tables, strict=True):
        results = default_runner("steel", build_scenario(
            "steel", SideInputs("baseline", Overrides(carbon_price=((2030, float(price)),)))))
        expected = sum(results.world(f"Emissions|CO2|Industry|Iron and Steel|Scope {s}") for s in (1, 2))
        assert table.sum(axis=1).to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-9)
    assert tables[1].sum(axis=1)[2050] != pytest.approx(tables[3].sum(axis=1)[2050])


def test_serve_command_binds_loopback_and_answers() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sectorpath", "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    import httpx

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).text == "ok":
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
            time.sleep(0.2)
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=60)
        assert page.status_code == 200 and "chart-a-emissions_by_technology" in page.text
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in output


def test_page_loads_plotly_as_the_partial_bundle_it_ships(client: Any) -> None:
    """The cartesian bundle (scatter, bar, heatmap), with its licence, not the 4.8 MB one."""
    page = client.get("/").text
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/plotly-cartesian.min.js" in scripts
    bundle = client.get("/static/plotly-cartesian.min.js")
    assert bundle.status_code == 200 and len(bundle.content) < 2_000_000
    assert "plotly.js (cartesian - minified) v" in bundle.text[:200]
    assert "MIT License" in client.get("/static/plotly.LICENSE.txt").text
    used = {trace.get("type", "scatter") for figure in charts(page).values()
            for trace in figure["data"]}
    assert used <= {"scatter", "bar", "heatmap"}, used


@pytest.mark.parametrize("sector", ["steel", "trucking"])
def test_every_chart_has_axis_titles_and_a_summary_that_matches_it(client: Any,
                                                                    sector: str) -> None:
    page = client.get("/", params={"sector": sector}).text
    figures = charts(page)
    assert len(figures) >= 7
    for target, figure in figures.items():
        layout = figure["layout"]
        axes = [key for key in layout if re.fullmatch(r"[xy]axis\d*", key)]
        assert {"xaxis", "yaxis"} <= set(axes), target
        for key in axes:
            assert layout[key]["title"]["text"].strip(), (target, key)
        summary = re.search(rf'<p class="chart-summary" id="summary-{target[6:]}">(.*?)</p>',
                            page, flags=re.S)
        assert summary and len(summary.group(1).strip()) > 20, target
    emissions = figures["chart-a-emissions_by_technology"]
    stacked = [t for t in emissions["data"] if t.get("stackgroup")]
    first, last = (sum(t["y"][k] for t in stacked) for k in (0, -1))
    unit = emissions["layout"]["yaxis"]["title"]["text"]
    sentence = re.search(r'id="summary-a-emissions_by_technology">(.*?)</p>', page).group(1)
    assert sentence.startswith(f"Emissions fall from {first:,.0f} {unit} in 2020 to "
                               f"{last:,.0f} {unit} in 2050"), sentence


@pytest.mark.parametrize(("sector", "edits"), [
    ("steel", {}),
    ("trucking", {"a.cp.2030": "400"}),
    ("steel", {"a.cp.2030": "400", "a.p1.2040": "3"}),
])
def test_grey_values_typed_back_change_nothing(client: Any, sector: str,
                                               edits: dict[str, str]) -> None:
    """The placeholders are the values the run applied (after the edits, between the years
    edited): typed into every empty box, the run stays the same."""
    params = {"sector": sector, **edits}
    page = client.get("/run", params=params, headers=HTMX).text
    boxes = re.findall(r'name="(a\.[\w.]+)"[^>]*?value="([^"]*)" placeholder="([^"]*)"', page)
    typed = {name: grey for name, value, grey in boxes
             if not value and re.fullmatch(r"[\d.]+", grey)}
    assert {f"a.cp.{year}" for year in (2025, 2040, 2050)} | {"a.demand"} <= set(typed)
    ranged = [grey for name, value, grey in boxes if "\u2013" in grey]
    assert sector != "steel" or ranged  # steel's regions pay different hydrogen prices
    again = client.get("/run", params={**params, **typed}, headers=HTMX).text
    assert "edit-" in again and 'id="form-errors"' not in again
    for chart in ("chart-a-emissions_by_technology", "chart-a-technology_mix"):
        before, after = traces(charts(page)[chart]), traces(charts(again)[chart])
        assert before.keys() == after.keys()
        for name in before:
            np.testing.assert_allclose(after[name], before[name], rtol=1e-5, atol=1e-6)


def test_inputs_applied_chart_draws_the_edited_carbon_price(client: Any) -> None:
    page = client.get("/run", params={"sector": "steel", "a.cp.2030": "400",
                                      "a.cp.2050": "100"}, headers=HTMX).text
    drawn = traces(charts(page)["chart-a-inputs"])
    carbon = drawn["carbon price"]
    assert carbon[10] == pytest.approx(400) and carbon[-1] == pytest.approx(100)
    assert carbon[20] == pytest.approx(250)  # 2040: linear between 2030 and 2050
    assert {"Hydrogen: mean of regions", "Electricity: mean of regions"} <= set(drawn)
    low, high = drawn["Hydrogen: lowest region"], drawn["Hydrogen: lowest to highest region"]
    assert (low <= high).all() and (high > low).any()

"""The all-sectors page over HTTP: the cross-sector run's charts, tables and drill-down."""

from __future__ import annotations

import re

import numpy as np
import pytest

from sectorpath.crosssector import TOTAL, run_all
from sectorpath.dashboard.app import create_app
from sectorpath.reporting.names import Names
from tests.dashboard.test_app import LOCAL, charts

testclient = pytest.importorskip("fastapi.testclient", reason="needs httpx for FastAPI's client")
SCENARIO = "net-zero"


@pytest.fixture(scope="module")
def page() -> str:
    client = testclient.TestClient(create_app(), base_url=LOCAL)
    answer = client.get("/all", params={"scenario": SCENARIO})
    assert answer.status_code == 200
    again = client.get("/all", params={"scenario": SCENARIO}).text
    assert "(kept from before)" in again  # run once per scenario
    return answer.text


def test_all_sectors_page_draws_the_cross_sector_run(page: str) -> None:
    figures = charts(page)
    assert {f"chart-all-{name}" for name in ("emissions_by_sector", "shared_resources",
                                             "investment_split", "what_it_takes", "macc",
                                             "parity")} == set(figures)
    for target, figure in figures.items():
        assert figure["layout"]["xaxis"]["title"]["text"], target
        assert figure["layout"]["yaxis"]["title"]["text"], target
        assert re.search(rf'id="summary-{target[6:]}">[^<]{{20,}}</p>', page), target
    stacked = figures["chart-all-emissions_by_sector"]["data"]
    total_2050 = sum(trace["y"][-1] for trace in stacked)
    combined = run_all(SCENARIO)
    names = Names(TOTAL, TOTAL, TOTAL)
    rows = combined.iamc[(combined.iamc["variable"] == names.emissions)
                         & (combined.iamc["year"] == 2050)]
    assert total_2050 == pytest.approx(float(rows["value"].iloc[0]), rel=1e-9)
    assert f"{total_2050:,.0f} Mt CO2" in page  # the 2050 card
    assert len(stacked) == len(combined.runs)
    assert all(np.isfinite(trace["y"]).all() for trace in stacked)


def test_all_sectors_page_lists_tables_and_opens_each_sector(page: str) -> None:
    for table in ("breakthroughs", "what_it_takes", "green_premiums", "shared_resources"):
        assert f'id="panel-table-{table}"' in page
    links = dict(re.findall(r'id="open-(\w+)" href="([^"]+)"', page))
    assert set(links) == set(run_all(SCENARIO).runs)
    assert links["steel"].startswith("/?sector=steel&amp;a.scenario=")


def test_unknown_cross_sector_scenario_is_named_with_the_allowed_ones() -> None:
    client = testclient.TestClient(create_app(), base_url=LOCAL)
    text = client.get("/all", params={"scenario": "warp"}).text
    assert 'id="error-all"' in text and "unknown scenario &#39;warp&#39;" in text
    assert "net-zero" in text and 'id="chart-all-' not in text
    assert client.get("/").text.count('href="/all"') == 1  # reached from the sector page

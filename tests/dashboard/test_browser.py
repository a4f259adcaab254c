"""End to end in headless Chromium: the real page, driven by Playwright with the system browser.

Needs Debian's ``chromium`` (/usr/bin/chromium, or SECTORPATH_CHROMIUM) and the Python
``playwright`` package; Playwright's own browser download is not used. Screenshots are saved
in tests/dashboard/artifacts/.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from sectorpath.crosssector.scenario import load_all_scenario
from tests.dashboard.conftest import ARTIFACTS, CRASH_PRICE

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="end-to-end tests need the playwright package "
    "(pip install playwright; the browser is Debian's chromium)")
CHROMIUM = Path(os.environ.get("SECTORPATH_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAIT_S = 30.0
EMISSIONS = "#chart-a-emissions_by_technology"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400,
                                                                   "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    wait_renders(page, 1)


def renders(page: Any) -> int:
    return int(page.evaluate("Number(document.body.dataset.renders || 0)"))


def wait_until(page: Any, expression: str) -> None:
    """Poll a JavaScript expression until it is true (Playwright's wait_for_function evaluates
    strings with eval, which the page's Content-Security-Policy rightly forbids)."""
    deadline = time.monotonic() + WAIT_S
    while not _evaluate(page, expression):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {expression}")
        page.wait_for_timeout(25)


def _evaluate(page: Any, expression: str) -> Any:
    """The expression's value; False while the page is being replaced by a navigation."""
    try:
        return page.evaluate(expression)
    except sync_api.Error as error:
        if "context was destroyed" in str(error) or "navigat" in str(error):
            return False
        raise


def wait_renders(page: Any, count: int) -> None:
    """Wait until the page has drawn its charts ``count`` times (first load counts once)."""
    wait_until(page, f"Number(document.body.dataset.renders || 0) >= {count}")


def answers(page: Any) -> int:
    return int(page.evaluate("Number(document.body.dataset.answers || 0)"))


def commit(page: Any) -> None:
    """Leave the field being edited (Tab), as a person would, and wait for the answer: the
    page re-runs on every change without a Run click."""
    before = answers(page)
    page.keyboard.press("Tab")
    wait_until(page, f"Number(document.body.dataset.answers || 0) > {before}")


def run(page: Any) -> None:
    """Leave the edited field and wait for the charts of the answer."""
    before = renders(page)
    commit(page)
    wait_renders(page, before + 1)


def choose(page: Any, selector: str, value: str) -> None:
    """Pick an option of a select and wait for the run it starts."""
    before = answers(page)
    page.select_option(selector, value)
    wait_until(page, f"Number(document.body.dataset.answers || 0) > {before}")


def click_link(page: Any, selector: str) -> None:
    """Click a link below a chart as a person would: the pointer comes from outside the
    chart (a pointer left over the chart shows plotly's hover label, which may cover it)."""
    link = page.locator(selector)
    link.scroll_into_view_if_needed()
    page.mouse.move(1, 1)
    link.click()


def plotted(page: Any, selector: str) -> dict[str, list[float]]:
    """The data plotly drew in a chart: trace name -> y values."""
    traces = page.eval_on_selector(
        selector, "el => el.data.map(t => [t.name, Array.from(t.y)])")
    return {name: [float("nan") if v is None else float(v) for v in y] for name, y in traces}


def assert_chart_layers_stacked(page: Any, selector: str) -> None:
    """plotly draws a chart in stacked SVG layers (plot, then titles and legend above it);
    they share one top edge only when plotly's own styles apply (a chart whose classes are
    lost draws its title and legend below the plot, over the links under it)."""
    tops = page.eval_on_selector_all(f"{selector} .main-svg",
                                     "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(tops) >= 2 and max(tops) - min(tops) < 1, tops


def total(traces: dict[str, list[float]], index: int) -> float:
    """The stacked total (the budget and the built-in reference lines left out)."""
    return sum(y[index] for name, y in traces.items()
               if "budget" not in name and not name.startswith("built-in"))


def test_carbon_price_rerun_changes_emissions_chart_and_csv(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel&a.scenario=baseline")
    before = plotted(page, EMISSIONS)
    assert total(before, -1) > 1000  # steel baseline scope 1+2 in 2050, Mt CO2

    for year in (2030, 2050):
        page.fill(f"#a-cp-{year}", "400")
    page.evaluate("""() => { window.drawnCharts = 0; const draw = Plotly.newPlot;
        Plotly.newPlot = (...args) => { window.drawnCharts += 1; return draw(...args); }; }""")
    run(page)
    # each chart of the answer drawn once (htmx reports the swap twice: results and form)
    assert page.evaluate("window.drawnCharts") == page.locator("#results .chart").count() > 6
    after = plotted(page, EMISSIONS)
    assert total(after, 0) == pytest.approx(total(before, 0), rel=1e-9)  # 2020: the stock
    assert total(after, -1) < 0.9 * total(before, -1)  # 400 USD/t cuts 2050 emissions
    title = page.eval_on_selector(EMISSIONS, "el => el.layout.title.text")
    assert "baseline-edit-" in title
    assert_chart_layers_stacked(page, EMISSIONS)

    with page.expect_download() as download:
        click_link(page, "#dl-a-emissions_by_technology-csv")
    path = download.value.path()
    table = pd.read_csv(io.BytesIO(Path(path).read_bytes()))
    assert table["year"].tolist() == list(range(2020, 2051))
    after.pop("built-in baseline (total)")  # the reference line, not a column of the table
    assert set(table.columns) - {"year"} == set(after)
    for name, values in after.items():
        assert table[name].tolist() == pytest.approx(values, rel=1e-9, nan_ok=True)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard_steel_carbon_price.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")


def test_bad_number_is_marked_and_the_last_good_results_stay(page: Any,
                                                             live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel")
    page.fill("#a-cp-2030", "400")
    run(page)
    good = plotted(page, EMISSIONS)
    page.fill("#a-cp-2030", "-5")
    page.fill("#a-demand", "lots")
    commit(page)
    assert "allowed: a number from 0 to 5000" in page.inner_text("#err-a-cp-2030")
    assert "'lots' is not a number" in page.inner_text("#err-a-demand")
    assert page.get_attribute("#a-cp-2030", "aria-invalid") == "true"
    summary = page.inner_text("#form-errors")
    assert "Scenario A, carbon price 2030" in summary and "Scenario A, demand scale" in summary
    assert "a.cp.2030" not in summary and "field '" not in summary  # plain words, no ids
    assert plotted(page, EMISSIONS) == good  # the last valid run is still drawn
    assert page.locator("#error-a").count() == 0
    page.fill("#a-cp-2030", "50")
    page.fill("#a-demand", "")
    run(page)
    assert page.locator("#form-errors").count() == 0
    assert total(plotted(page, EMISSIONS), -1) > total(good, -1)  # 50 < 400 USD/t


def test_failing_run_shows_its_error_and_the_app_keeps_working(page: Any,
                                                               live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel")
    page.fill("#a-cp-2025", f"{CRASH_PRICE:g}")
    run(page)
    assert "simulated engine crash" in page.inner_text("#error-a")
    page.fill("#a-cp-2025", "10")
    run(page)
    assert page.locator("#error-a").count() == 0
    assert len(plotted(page, EMISSIONS)) > 3


def test_two_users_do_not_see_each_others_edits(browser: Any, live_server: str) -> None:
    first, second = (browser.new_context().new_page() for _ in range(2))
    for user in (first, second):
        open_page(user, f"{live_server}/?sector=steel")
    original = plotted(second, EMISSIONS)
    first.fill("#a-cp-2030", "500")
    second.fill("#a-demand", "1")
    run(first)
    run(second)
    mine = plotted(second, EMISSIONS)
    # demand x1 is the published demand: the same run, with the built-in drawn over it
    assert mine.pop("built-in baseline (total)")[-1] == pytest.approx(total(original, -1))
    assert mine == original
    assert total(plotted(first, EMISSIONS), -1) < total(original, -1)
    assert second.input_value("#a-cp-2030") == ""
    first.reload()  # the edits live in the page's address, not on the server
    wait_renders(first, 1)
    assert first.input_value("#a-cp-2030") == "500"
    for user in (first, second):
        user.context.close()


def test_back_button_shows_the_previous_run(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel")
    shown = {}
    for price in ("100", "600"):
        page.fill("#a-cp-2030", price)
        run(page)
        shown[price] = plotted(page, EMISSIONS)
    assert shown["100"] != shown["600"]
    page.go_back()  # to the address of the first run: the page is fetched again, whole
    wait_until(page, "document.querySelector('#a-cp-2030').value === '100'")
    wait_renders(page, 1)
    assert plotted(page, EMISSIONS) == shown["100"]
    assert_chart_layers_stacked(page, EMISSIONS)


def test_compare_two_scenarios_side_by_side(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel")
    before = renders(page)
    page.check("#compare")
    wait_renders(page, before + 1)
    choose(page, "#b-scenario", "carbon-cost")
    wait_until(page, "document.querySelector('#chart-b-emissions_by_technology .main-svg')"
               " !== null")
    a, b = plotted(page, EMISSIONS), plotted(page, "#chart-b-emissions_by_technology")
    assert total(b, -1) < total(a, -1)  # a carbon price to 250 USD/t lowers 2050 emissions
    for side in "ab":
        assert_chart_layers_stacked(page, f"#chart-{side}-emissions_by_technology")
    ranges = [page.eval_on_selector(f"#chart-{side}-emissions_by_technology",
                                    "el => el._fullLayout.yaxis.range") for side in "ab"]
    assert ranges[0] == pytest.approx(ranges[1])  # one scale for both
    page.screenshot(path=str(ARTIFACTS / "dashboard_steel_compare.png"), full_page=False)


def test_changing_sector_offers_its_scenarios(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel")
    choose(page, "#sector", "shipping")
    choose(page, "#a-scenario", "imo-2023")
    wait_until(page, f"document.querySelector('{EMISSIONS} .main-svg') !== null")
    assert "Shipping" in page.eval_on_selector(EMISSIONS, "el => el.layout.title.text")
    assert page.locator("#panel-report_imo_checkpoints table").count() == 1


def test_results_never_show_another_sector_or_scenario_than_the_controls(
        page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel&a.scenario=baseline")
    page.evaluate("""selector => { window.seen = [];
        new MutationObserver(() => { const chart = document.querySelector(selector);
          if (chart && chart.layout) { window.seen.push(chart.layout.title.text); }
        }).observe(document.getElementById('results'), {subtree: true, childList: true}); }""",
                  EMISSIONS)
    page.select_option("#sector", "cement")
    # at once, before the server answers: no steel chart left beside the cement controls
    assert page.locator("#results .js-plotly-plot").count() == 0
    assert "Running cement" in page.inner_text("#results-pending")
    wait_until(page, f"document.querySelector('{EMISSIONS} .main-svg') !== null")
    assert "Cement" in page.eval_on_selector(EMISSIONS, "el => el.layout.title.text")
    assert not any("Steel" in title for title in page.evaluate("window.seen"))
    scenario = page.eval_on_selector("#a-scenario", "el => el.options[1].value")
    choose(page, "#a-scenario", scenario)
    wait_until(page, f"document.querySelector('{EMISSIONS} .main-svg') !== null")
    assert scenario in page.eval_on_selector(EMISSIONS, "el => el.layout.title.text")
    assert f"a.scenario={scenario}" in page.url and "sector=cement" in page.url


def test_a_changed_number_reruns_without_a_click_and_keeps_the_focus(
        page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel&a.scenario=baseline")
    before = plotted(page, EMISSIONS)
    page.fill("#a-cp-2040", "300")
    run(page)  # Tab out of the field: no Run click
    assert total(plotted(page, EMISSIONS), -1) < total(before, -1)
    # the form came back with the run; the keyboard focus stays where Tab put it
    assert page.evaluate("document.activeElement.id") == "a-cp-2050"
    page.keyboard.type("500")
    run(page)
    assert page.input_value("#a-cp-2050") == "500"
    assert "a.cp.2050=500" in page.url


def test_every_number_box_has_a_name_of_its_own(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel")
    names = page.eval_on_selector_all(
        "#controls input[type=text]",
        "els => els.map(e => e.getAttribute('aria-label') || e.labels[0].textContent.trim())")
    assert len(names) == len(set(names)) > 10, names


def test_headline_cards_above_the_charts_follow_the_run(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel&a.scenario=baseline")
    cards = page.locator("#cards-a li.card")
    titles = cards.locator(".card-title").all_inner_texts()
    assert titles[:4] == ["Emissions 2030", "Emissions 2050", "Emissions 2020-2050",
                          "Investment 2020-2050"]
    assert any(title.startswith("Hydrogen use") for title in titles)
    emissions = plotted(page, EMISSIONS)
    shown = float(cards.nth(1).locator(".card-value").inner_text().split()[0].replace(",", ""))
    assert shown == pytest.approx(total(emissions, -1), abs=0.5)  # the chart's 2050 total
    change = cards.nth(1).locator(".card-detail").inner_text()
    assert change == f"{100 * (total(emissions, -1) / total(emissions, 0) - 1):+.0f}% vs 2020"
    card_top = page.eval_on_selector("#cards-a", "el => el.getBoundingClientRect().top")
    chart_top = page.eval_on_selector(EMISSIONS, "el => el.getBoundingClientRect().top")
    assert card_top < chart_top
    page.fill("#a-cp-2050", "800")
    run(page)
    lower = float(cards.nth(1).locator(".card-value").inner_text().split()[0].replace(",", ""))
    assert lower < shown


def test_phone_width_shows_one_column_without_sideways_scrolling(browser: Any,
                                                                 live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page, f"{live_server}/?sector=steel&compare=on")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    lefts = [page.eval_on_selector(f"#side-{side}", "el => el.getBoundingClientRect().left")
             for side in "ab"]
    assert lefts[0] == pytest.approx(lefts[1])  # B below A, not beside it
    page.screenshot(path=str(ARTIFACTS / "dashboard_390px.png"), full_page=False)
    context.close()


def test_edited_run_draws_the_built_in_as_reference_and_compare_overlays_a_and_b(
        page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel&a.scenario=baseline")
    built_in = total(plotted(page, EMISSIONS), -1)
    assert "built-in baseline (total)" not in plotted(page, EMISSIONS)  # nothing edited yet
    page.fill("#a-cp-2050", "600")
    run(page)
    edited = plotted(page, EMISSIONS)
    reference = edited.pop("built-in baseline (total)")
    assert reference[-1] == pytest.approx(built_in, rel=1e-9)
    assert total(edited, -1) < built_in
    before = renders(page)
    page.check("#compare")
    wait_renders(page, before + 1)
    wait_until(page, "document.querySelector('#chart-compare .main-svg') !== null")
    lines = plotted(page, "#chart-compare")
    assert lines["A"][-1] == pytest.approx(total(edited, -1), rel=1e-9)
    assert lines["B"][-1] == pytest.approx(built_in, rel=1e-9)  # B starts as the built-in
    assert lines["A - B"][-1] == pytest.approx(lines["A"][-1] - lines["B"][-1], abs=1e-6)
    first = page.locator("#cards-difference .card-value").nth(1).inner_text()
    assert first == f"{lines['A'][-1] - lines['B'][-1]:+,.0f} Mt CO2"
    assert page.locator("a[href^='http']").count() == 0  # no link out of the page
    page.screenshot(path=str(ARTIFACTS / "dashboard_steel_compare_overlay.png"), full_page=True)


def test_charts_name_technologies_in_words(page: Any, live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=cement")
    names = list(plotted(page, EMISSIONS))
    assert names and not any(name.startswith("kiln_") for name in names), names
    assert any(name.startswith("Kiln, ") for name in names)
    options = page.eval_on_selector("#a-tech", "el => Array.from(el.options, o => o.text)")
    assert not any(text.startswith("kiln_") for text in options)



def test_a_run_is_announced_in_one_sentence_not_the_whole_results(page: Any,
                                                                   live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=steel&a.scenario=baseline")
    assert page.get_attribute("#results", "aria-live") is None
    page.fill("#a-cp-2030", "120")
    run(page)
    status = page.inner_text("#run-status")
    assert status.startswith("Results updated: A: steel / baseline-edit-"), status


SERIOUS = ("serious", "critical")
COLD_RUN_MS = 300_000


@pytest.mark.parametrize(("query", "width"), [
    ("sector=steel&a.scenario=baseline", 1400),
    ("sector=trucking&compare=on&a.cp.2030=200", 1400),
    ("sector=steel&a.cp.2030=abc", 1400),
    ("sector=cement", 390),
])
def test_axe_finds_no_serious_or_critical_violation(browser: Any, live_server: str, query: str,
                                                    width: int) -> None:
    """axe-core (shipped in the axe-playwright-python package) over the whole page: results,
    a comparison, a form with a bad field, the phone layout."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                              reason="the accessibility check needs axe-playwright-python")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    open_page(page, f"{live_server}/?{query}")
    found = axe.Axe().run(page).response["violations"]
    context.close()
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
           if v["impact"] in SERIOUS]
    assert not bad, bad


def test_all_sectors_page_draws_every_chart_and_opens_a_sector(page: Any,
                                                                live_server: str) -> None:
    # the first view runs every sector (tens of seconds on a busy machine), later ones are kept
    page.goto(f"{live_server}/all?scenario=net-zero", timeout=COLD_RUN_MS)
    wait_renders(page, 1)
    charts = page.locator("#results .chart")
    assert charts.count() == 6
    assert page.locator("#results .chart .main-svg").count() >= 6  # every chart drawn
    axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                              reason="the accessibility check needs axe-playwright-python")
    found = axe.Axe().run(page).response["violations"]
    assert not [v["id"] for v in found if v["impact"] in SERIOUS]
    page.screenshot(path=str(ARTIFACTS / "dashboard_all_sectors.png"), full_page=True)
    click_link(page, "#open-steel")
    wait_renders(page, 1)
    assert page.eval_on_selector("#sector", "el => el.value") == "steel"
    steel_in_net_zero = load_all_scenario("net-zero").sectors["steel"]
    assert page.eval_on_selector("#a-scenario", "el => el.value") == steel_in_net_zero


def test_grey_values_follow_the_run_and_inputs_applied_are_drawn(page: Any,
                                                                  live_server: str) -> None:
    open_page(page, f"{live_server}/?sector=trucking&a.scenario=least-cost")
    before = page.get_attribute("#a-cp-2025", "placeholder")
    page.fill("#a-cp-2030", "400")
    run(page)
    # the grey 2025 value is the one the edited run applies (between 2020 and the new 2030)
    drawn = plotted(page, "#chart-a-inputs")
    applied_2025 = drawn["carbon price"][5]
    assert page.get_attribute("#a-cp-2025", "placeholder") == f"{applied_2025:.6g}" != before
    assert drawn["carbon price"][10] == pytest.approx(400.0)
    summary = page.inner_text("#summary-a-inputs")
    assert summary.startswith("The carbon price rises from")
    emissions = page.inner_text("#summary-a-emissions_by_technology")
    assert emissions.startswith("Emissions ") and " in 2050" in emissions
    assert page.get_attribute(EMISSIONS, "aria-describedby") == \
        "summary-a-emissions_by_technology"
    page.locator("#panel-inputs").screenshot(path=str(ARTIFACTS / "dashboard_inputs.png"))

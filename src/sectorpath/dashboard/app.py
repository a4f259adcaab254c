"""The web app: one page with the form, the charts of scenario A (and B), and downloads.

All state is in the request (the form's query parameters, also pushed to the address bar so
a view can be reloaded or shared); the server keeps only the cache of finished runs.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sectorpath.dashboard import export
from sectorpath.dashboard.catalog import (
    CARBON_YEARS,
    PRICE_ROWS,
    PRICE_YEARS,
    BaseValues,
    base_values,
    catalog,
    placeholders,
    sectors,
    shown,
)
from sectorpath.dashboard.form import (
    SIDES,
    FormState,
    SideInputs,
    field_label,
    parse,
    scenario_toml,
    sector_changed,
)
from sectorpath.dashboard.headline import compare_figure, difference_cards, reference_trace
from sectorpath.dashboard.overview import OverviewCache
from sectorpath.dashboard.overview import scenarios as overview_scenarios
from sectorpath.dashboard.runs import RunCache, Runner, RunOutput, default_runner
from sectorpath.dashboard.sweeps import Fan, fan_figure, find_fan
from sectorpath.dashboard.views import figure_json, template_json
from sectorpath.errors import InputError
from sectorpath.models import get_model
from sectorpath.outputs import safe_name
from sectorpath.reporting.labels import label

HERE = Path(__file__).parent
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
"""Host headers of this machine (an IPv6 address comes in brackets: ``[::1]:8050``)."""
SHOWN_YEAR_STEP = 5
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
log = logging.getLogger(__name__)


@dataclass
class SideView:
    """What the page shows for one side: a run or the reason there is none."""

    side: str
    output: RunOutput | None = None
    error: str = ""
    cached: bool = False


def create_app(runner: Runner = default_runner, sweeps_dir: Path | None = None,
               allowed_hosts: list[str] | None = None, warm_all: bool = False) -> FastAPI:
    """The dashboard app. ``runner`` makes a run (``sectorpath.api.run`` by default);
    ``sweeps_dir`` is where ensemble sweeps are looked for (fan charts); ``allowed_hosts``
    are the Host headers served (default: this machine only); ``warm_all`` runs the default
    cross-sector scenario in the background at once, so the all-sectors page is ready."""
    app = FastAPI(title="sectorpath dashboard", docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["table"] = html_table
    templates.env.globals["chart_template"] = template_json()
    templates.env.globals["field_label"] = field_label
    templates.env.globals["label"] = label
    templates.env.globals["shown"] = shown
    cache = RunCache(runner)
    app.state.cache = cache
    overviews = OverviewCache()
    app.state.overviews = overviews
    if warm_all:
        threading.Thread(target=overviews.get, args=(overview_scenarios()[0],),
                         daemon=True).start()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    def render(request: Request, name: str, state: FormState,
               views: list[SideView] | None = None) -> HTMLResponse:
        context = _context(state, views or [], sweeps_dir, cache)
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse)
    def page(request: Request) -> HTMLResponse:
        state = parse(request.query_params)
        return render(request, "index.html", state, _run_sides(cache, state))

    @app.get("/run", response_class=HTMLResponse)
    def rerun(request: Request) -> HTMLResponse:
        """Run the form's scenarios. From the page (htmx), a form with a bad field comes back
        alone, its fields marked, and the page keeps the last valid results."""
        state = parse(request.query_params, reset_sides=sector_changed(request.query_params))
        from_page = bool(request.headers.get("HX-Request"))
        if from_page and state.errors:
            response = render(request, "_form_oob.html", state)
            response.headers["HX-Reswap"] = "none"
            return response
        views = _run_sides(cache, state)
        return render(request, "_results_oob.html" if from_page else "index.html", state, views)

    @app.get("/all", response_class=HTMLResponse)
    def all_sectors(request: Request) -> HTMLResponse:
        """The cross-sector run of a built-in cross-sector scenario, with links to each
        sector's own page."""
        chosen = request.query_params.get("scenario", "") or overview_scenarios()[0]
        context: dict[str, Any] = {"scenarios": overview_scenarios(), "chosen": chosen,
                                   "overview": None, "error": "", "cached": False}
        try:
            context["overview"], context["cached"] = overviews.get(chosen)
        except InputError as error:
            context["error"] = f"Input error: {error}"
        except Exception as error:  # a failed run is reported; the page keeps working
            log.exception("cross-sector run failed: %s", chosen)
            context["error"] = f"The run failed: {type(error).__name__}: {error}"
        return templates.TemplateResponse(request, "all.html", context)

    @app.get("/download/{side}/{name}.{fmt}")
    def download(request: Request, side: str, name: str, fmt: str) -> Response:
        state = parse(request.query_params)
        try:
            output = _output(cache, state, side)
            stem = safe_name(f"{output.sector}_{output.scenario.name}")
            if name == "run":
                tables = [panel.table for panel in output.panels.values()]
                file = export.run_download(output.iamc, tables, fmt, stem)
            elif name in output.panels:
                file = export.table_download(output.panels[name].table, fmt, stem)
            else:
                raise InputError("download", "table", f"unknown table {name!r}",
                                 allowed=["run", *output.panels])
        except InputError as error:
            return PlainTextResponse(str(error), status_code=400)
        return Response(file.content, media_type=file.media_type, headers={
            "Content-Disposition": f'attachment; filename="{file.filename}"'})

    @app.get("/scenario/{side}.toml")
    def scenario_file(request: Request, side: str) -> Response:
        state = parse(request.query_params)
        inputs = state.sides.get(side)
        if inputs is None:
            return PlainTextResponse(_side_problem(state, side), status_code=400)
        try:
            text = scenario_toml(state.sector, inputs)
        except InputError as error:
            return PlainTextResponse(str(error), status_code=400)
        filename = safe_name(f"{state.sector}_{inputs.scenario}_dashboard.toml")
        return Response(text, media_type=export.MEDIA["toml"], headers={
            "Content-Disposition": f'attachment; filename="{filename}"'})

    @app.get("/healthz", response_class=PlainTextResponse)
    async def healthz() -> str:
        """Answered on the event loop, never queued behind runs in the thread pool."""
        return "ok"

    return app


def _output(cache: RunCache, state: FormState, side: str) -> RunOutput:
    """The run of one side for a download (InputError if the inputs are not valid)."""
    inputs = state.sides.get(side)
    if side not in SIDES or inputs is None:
        raise InputError("download", "side", _side_problem(state, side), allowed=state.shown)
    output, _ = cache.get(state.sector, inputs)
    return output


def _side_problem(state: FormState, side: str) -> str:
    problems = [str(e) for name, e in state.errors.items() if name.startswith(f"{side}.")]
    return "; ".join(problems) or f"no scenario {side.upper()} on the page"


def _run_sides(cache: RunCache, state: FormState) -> list[SideView]:
    """Run (or take from the cache) each side shown; a failure is kept as its message."""
    views = []
    for side in state.shown:
        view = SideView(side)
        inputs = state.sides.get(side)
        if inputs is None:
            view.error = "Not run: fix the inputs marked in the form."
        else:
            try:
                view.output, view.cached = cache.get(state.sector, inputs)
            except InputError as error:
                view.error = f"Input error: {error}"
            except Exception as error:  # any failure of a run must leave the app working
                log.exception("run failed: %s %s", state.sector, inputs)
                view.error = f"The run failed: {type(error).__name__}: {error}"
        views.append(view)
    return views


def _references(cache: RunCache, views: list[SideView], emissions: str
                ) -> dict[str, dict[str, Any]]:
    """The built-in scenario's total emissions for each side that edits it (side -> trace)."""
    out = {}
    for view in views:
        output = view.output
        if output is None or not output.inputs.overrides:
            continue
        try:
            built_in, _ = cache.get(output.sector, SideInputs(output.inputs.scenario))
        except Exception:  # the edited run is shown even if its reference cannot be made
            log.exception("reference run failed: %s %s", output.sector, output.inputs.scenario)
            continue
        out[view.side] = reference_trace(built_in.world(emissions), output.inputs.scenario)
    return out


def _comparison(done: list[RunOutput], emissions: str) -> dict[str, Any] | None:
    """A and B overlaid with A - B, and the difference cards (None unless both ran)."""
    if len(done) < 2:
        return None
    a, b = (output.world(emissions) for output in done)
    rows = done[0].iamc[done[0].iamc["variable"] == emissions]
    unit = str(rows["unit"].iloc[0]) if len(rows) else "Mt CO2/yr"
    return {"figure": compare_figure(a, b, unit), "cards": difference_cards(a, b)}


def _context(state: FormState, views: list[SideView], sweeps_dir: Path | None,
             cache: RunCache) -> dict[str, Any]:
    options = catalog(state.sector)
    done = [view.output for view in views if view.output is not None]
    emissions = get_model(options.sector).names.emissions
    fan = find_fan(sweeps_dir, emissions) if done else None
    return {
        "state": state, "options": options, "sectors": sectors(), "views": views,
        "base": {side: _placeholders(state, views, side) for side in SIDES},
        "panel_names": list(done[0].panels) if done else [],
        "titles": {name: panel.title for o in done for name, panel in o.panels.items()},
        "fan": fan, "fan_figures": _fan_figures(fan, views),
        "references": _references(cache, views, emissions),
        "comparison": _comparison(done, emissions),
        "sweeps_dir": sweeps_dir, "query": urlencode(state.query()),
        "carbon_years": CARBON_YEARS, "price_rows": PRICE_ROWS, "price_years": PRICE_YEARS,
    }


def _placeholders(state: FormState, views: list[SideView], side: str) -> BaseValues | None:
    """What the inputs of one side show in grey: the values its run applied, or (no run)
    those of its built-in scenario."""
    run = next((view.output for view in views if view.side == side and view.output), None)
    if run is not None and run.applied is not None:
        return placeholders(run.applied)
    scenario = state.raw[f"{side}.scenario"]
    return (base_values(state.sector, scenario)
            if scenario in catalog(state.sector).scenarios else None)


def _fan_figures(fan: Fan | None, views: list[SideView]) -> dict[str, dict[str, Any]]:
    """A fan chart per side with the side's own run drawn over the sweep's band."""
    if fan is None:
        return {}
    out = {}
    for view in views:
        if view.output is not None:
            world = view.output.world(fan.variable)
            run = world if len(world) else None
            runs = f", {fan.runs} runs" if fan.runs else ""
            title = (f"{fan.variable.split('|', 2)[-1].replace('|', ' ')}"
                     f"<br><sup>sweep {fan.source}{runs}</sup>")
            out[view.side] = figure_json(fan_figure(fan, title, run))
    return out


def html_table(frame: pd.DataFrame) -> Markup:
    """A table for the page (year tables every 5 years); pandas escapes the cells."""
    shown = frame
    if frame.index.name == "year" and len(frame) > 10:
        years = frame.index.to_numpy()
        shown = frame[(years - years[0]) % SHOWN_YEAR_STEP == 0]
    if frame.index.name is not None:
        shown = shown.reset_index()
    shown = shown.map(_cell) if len(shown.columns) else shown
    html = shown.to_html(classes="data", border=0, index=False, na_rep="–")
    return Markup(html)  # pandas has escaped the cell text


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "met" if value else "not met"
    if isinstance(value, float):
        return f"{value:,.1f}" if pd.notna(value) else "–"
    return value

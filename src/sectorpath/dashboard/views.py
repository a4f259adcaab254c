"""The panels of the dashboard for one run: a plotly figure and the table behind it.

Each table is what its chart plots (World values by year), so a download holds the numbers
the user sees; ``iamc`` holds the IAMC rows behind a table (all regions) where it has them.
"""

from __future__ import annotations

import base64
import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from sectorpath.charts import budget_line, panel_lines, stacked_frame, world_table
from sectorpath.crosssector.indicators import breakthroughs, parity_years
from sectorpath.crosssector.reference import table as reference_table
from sectorpath.dashboard.catalog import Applied, catalog
from sectorpath.reporting.labels import label
from sectorpath.results import IAMC_COLUMNS, MODEL_NAME, ChartSpec, Results
from sectorpath.tables import WORLD

HEIGHT = 380  # px, of a single-panel chart


@dataclass(frozen=True)
class Table:
    """A table shown in a panel: ``frame`` is downloaded as CSV/Excel, ``iamc`` as IAMC."""

    name: str
    title: str
    frame: pd.DataFrame
    iamc: pd.DataFrame | None = None


@dataclass(frozen=True)
class Panel:
    """One chart and its table (a table-only panel has ``figure`` None)."""

    name: str
    title: str
    table: Table
    figure: dict[str, Any] | None
    summary: str = ""
    """The chart in one or two sentences of plain words (read out instead of the chart)."""


def panels(results: Results) -> dict[str, Panel]:
    """Every panel of one run, by name, in page order."""
    made = [_summary(results)]
    world = world_table(results)
    made += [_spec_panel(results, world, name, title) for name, title in SPEC_PANELS.items()
             if name in results.report.charts]
    if results.report.cost_curve is not None:
        made.append(_cost_curves(results))
    made += [_parity(results), _breakthroughs(results)]
    made += _reports(results)
    return {panel.name: panel for panel in made}


SPEC_PANELS = {
    "emissions_by_technology": "Emissions by technology",
    "technology_mix": "Technology mix",
    "investment": "Investment",
    "resource_demand": "Energy and resource demand",
}
"""Panels drawn by ``sectorpath.charts.chart`` from the run's own chart specs."""


TEMPLATE = "plotly_white"
"""The template the page applies to every chart (sent once, not with each figure)."""


def figure_json(figure: go.Figure) -> dict[str, Any]:
    """A figure as plain JSON types (lists, not typed arrays; NaN as null), without its
    template."""
    result: dict[str, Any] = _plain(figure.to_dict())
    result.get("layout", {}).pop("template", None)
    return result


def template_json() -> dict[str, Any]:
    """The shared chart template as plain JSON."""
    result: dict[str, Any] = _plain(pio.templates[TEMPLATE].to_plotly_json())
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        return _plain(_decode(value))
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | np.ndarray | pd.Index | pd.Series):
        return [_plain(item) for item in list(value)]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _decode(typed: dict[str, Any]) -> np.ndarray:
    """plotly's base64 typed array ({dtype, bdata, shape}) back to a NumPy array."""
    array = np.frombuffer(base64.b64decode(typed["bdata"]), dtype=np.dtype(typed["dtype"]))
    shape = typed.get("shape")
    if shape:
        array = array.reshape([int(n) for n in str(shape).split(",")])
    return array


LEGEND_FONT_PX = 12
MARGIN = {"l": 70, "r": 20, "t": 60, "b": 50}


def layout(title: str, x_title: str, y_title: str, height: int = HEIGHT,
           **extra: Any) -> dict[str, Any]:
    """A chart's layout as plain JSON: title, axis titles (with units), margins, legend and
    height (the page applies the shared ``plotly_white`` template, see ``figure_json``)."""
    return {"title": {"text": title}, "height": height, "margin": MARGIN,
            "legend": {"font": {"size": LEGEND_FONT_PX}},
            "xaxis": {"title": {"text": x_title}}, "yaxis": {"title": {"text": y_title}},
            **extra}


def numbers(values: Any) -> list[float | None]:
    """Values as JSON numbers (NaN and inf as null: a gap in the line)."""
    array = np.asarray(values, dtype=float)
    return [float(v) if math.isfinite(v) else None for v in array.tolist()]


def line(x: Any, y: Any, name: str, color: str, **extra: Any) -> dict[str, Any]:
    """A line trace as plain JSON."""
    return {"type": "scatter", "mode": "lines", "name": name, "x": [int(v) for v in x],
            "y": numbers(y), "line": {"color": color, "width": 2}, **extra}


PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#332288", "#117733", "#999933",
           "#CC6677", "#882255", "#AA4499", "#B8860B", "#6F6F6F")
"""Okabe-Ito and Paul Tol colours told apart with common colour-vision deficiencies, each
at least 3:1 against the white chart background (WCAG 2.1 non-text contrast); a series keeps
its colour in every chart and scenario."""


def series_names(results: Results) -> list[str]:
    """The run's technologies (or powertrains and fuels), in the sector's order."""
    return list(results.report.series)


def color_of(name: str, names: list[str]) -> str:
    """The colour of a series: by its place in ``names``, else by a hash of its name."""
    index = names.index(name) if name in names else len(names) + zlib.crc32(name.encode())
    return PALETTE[index % len(PALETTE)]


def stacked_traces(frame: pd.DataFrame, kind: str, names: list[str]) -> list[dict[str, Any]]:
    """One stacked trace per column of a year x series table, named in plain words
    (``reporting/labels.csv``) and coloured by series id."""
    traces = []
    for column in frame.columns:
        color = color_of(str(column), names)
        if kind == "bar":
            traces.append({"type": "bar", "name": label(str(column)),
                           "x": [int(v) for v in frame.index], "y": numbers(frame[column]),
                           "marker": {"color": color}})
        else:
            traces.append(line(frame.index, frame[column], label(str(column)), color,
                               stackgroup="one", fillcolor=color))
    return traces


def amount(value: float) -> str:
    """A number for a sentence: thousands separated, three significant digits below 100."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def trend(what: str, series: pd.Series, unit: str) -> str:
    """'<what> rises from A <unit> in Y0 to B <unit> in Y1' (or falls, or stays; 'rise' for
    a plural subject)."""
    first, last = float(series.iloc[0]), float(series.iloc[-1])
    y0, y1 = int(series.index[0]), int(series.index[-1])
    tolerance = 0.005 * max(abs(first), abs(last))
    plural = what.split()[0] in PLURAL_SUBJECTS
    if abs(last - first) <= tolerance:
        verb = "stay" if plural else "stays"
        return f"{what} {verb} at about {amount(last)} {unit} from {y0} to {y1}"
    verb = ("rise" if last > first else "fall") + ("" if plural else "s")
    return f"{what} {verb} from {amount(first)} {unit} in {y0} to {amount(last)} {unit} in {y1}"


PLURAL_SUBJECTS = frozenset({"Emissions"})


def new_figure(data: list[Any] | None = None) -> go.Figure:
    """An empty plotly figure without plotly's default template (the page applies one)."""
    return go.Figure(data, layout={"template": {}})


def iamc_rows(results: Results, prefixes: tuple[str, ...]) -> pd.DataFrame:
    """IAMC rows (all regions) of the variables ``prefixes`` and everything below them."""
    variables = results.iamc["variable"]
    wanted = [str(v) for v in variables.unique()
              if any(v == p or str(v).startswith(p + "|") for p in prefixes)]
    return results.iamc[variables.isin(wanted)].reset_index(drop=True)


def wide_to_iamc(frame: pd.DataFrame, results: Results, prefix: str,
                 unit: str) -> pd.DataFrame:
    """A World year x series table as IAMC rows ``prefix|<series>``."""
    long = frame.reset_index().melt(id_vars="year", var_name="series", value_name="value")
    long = long[np.isfinite(long["value"].to_numpy(float))]
    return pd.DataFrame({"model": MODEL_NAME, "scenario": results.scenario, "region": WORLD,
                         "variable": prefix + "|" + long["series"].astype(str), "unit": unit,
                         "year": long["year"].astype(int), "value": long["value"]}
                        )[IAMC_COLUMNS].reset_index(drop=True)


def _summary(results: Results) -> Panel:
    frame = results.summary(tuple(int(y) for y in results.years[::5]))
    variables = tuple(results.report.summary.values())
    rows = results.iamc[(results.iamc["region"] == WORLD)
                        & results.iamc["variable"].isin(variables)]
    return Panel("summary", "Headline figures (World)",
                 Table("summary", "Headline figures (World)", frame, rows), None)


def _spec_panel(results: Results, world: pd.DataFrame, name: str, title: str) -> Panel:
    spec = results.report.charts[name]
    prefixes = spec.prefixes
    if name in results.report.extra:
        prefixes = (*prefixes, results.report.extra[name])
    iamc = iamc_rows(results, prefixes)
    if spec.kind == "panels":
        figure, frame, summary = _unit_panels(results, spec)
    else:
        frame = stacked_frame(results, spec, world)
        traces = stacked_traces(frame, spec.kind, series_names(results))
        summary = _stacked_summary(frame, SUBJECTS.get(name, title), spec.unit)
        budget = budget_line(results, spec)
        if budget is not None:
            traces.append(line(budget.index, budget, BUDGET_NAME, "#000000",
                               line={"dash": "dash", "color": "#000000", "width": 2}))
            frame = frame.assign(**{BUDGET_NAME: budget})
        figure = {"data": traces, "layout": layout(
            spec.title, "year", spec.unit, barmode="stack", hovermode="x unified")}
        frame = frame.rename(columns=label)
    frame.index.name = "year"
    return Panel(name, title, Table(name, title, frame, iamc), figure, summary)


BUDGET_NAME = "carbon budget (annual limit)"
SUBJECTS = {"emissions_by_technology": "Emissions", "technology_mix": "Output",
            "investment": "Investment", "resource_demand": "Energy and resource use"}
"""The subject of a stacked chart's summary sentence."""


def _stacked_summary(frame: pd.DataFrame, title: str, unit: str) -> str:
    """The total's trend and the largest series in the last year."""
    if frame.empty:
        return f"{title}: nothing to show for this run."
    total = frame.sum(axis=1)
    text = trend(title, total, unit)
    last = frame.iloc[-1]
    if total.iloc[-1] > 0:
        top = str(last.idxmax())
        share = 100 * last.max() / total.iloc[-1]
        text += f"; largest in {int(frame.index[-1])}: {label(top)} ({share:.0f}%)"
    return text + "."


PANEL_PX = 320
"""Height of one of the vertically stacked panels of a chart, px."""


def axis_id(row: int) -> str:
    """The y axis of panel ``row`` (0: top) of a ``stacked_axes`` chart."""
    return "y" if row == 0 else f"y{row + 1}"


def stacked_axes(title: str, units: list[str], gap: float = 0.06) -> dict[str, Any]:
    """A layout with one y axis per unit, stacked from the top, over one year axis."""
    height = (1 - gap * (len(units) - 1)) / len(units)
    axes: dict[str, Any] = {}
    for row, unit in enumerate(units):
        top = 1 - row * (height + gap)
        axes["yaxis" + axis_id(row)[1:]] = {
            "title": {"text": unit}, "domain": [max(top - height, 0.0), top], "anchor": "x"}
    return {**layout(title, "year", units[0], height=PANEL_PX * len(units),
                     hovermode="x unified"), **axes,
            "xaxis": {"title": {"text": "year"}, "anchor": axis_id(len(units) - 1)}}


def _unit_panels(results: Results, spec: ChartSpec
                 ) -> tuple[dict[str, Any], pd.DataFrame, str]:
    """One line per variable, one y axis per unit stacked vertically over one year axis."""
    lines = panel_lines(results, spec)
    units = list(dict.fromkeys(unit for _, unit, _ in lines)) or [spec.unit]
    names = [variable.split("|")[-1] for variable, _, _ in lines]
    traces = [line(series.index, series, f"{short} ({unit})", color_of(short, names),
                   yaxis=axis_id(units.index(unit)))
              for short, (_, unit, series) in zip(names, lines, strict=True)]
    figure = {"data": traces, "layout": stacked_axes(spec.title, units)}
    frame = pd.DataFrame({f"{short} ({unit})": series
                          for short, (_, unit, series) in zip(names, lines, strict=True)})
    sentences = []
    for unit in units:
        mine = [(short, series) for short, (_, u, series) in zip(names, lines, strict=True)
                if u == unit]
        short, series = max(mine, key=lambda item: abs(float(item[1].iloc[-1])))
        sentences.append(trend(label(short), series, unit))
    summary = "; ".join(sentences) + "." if sentences else f"{spec.title}: nothing to show."
    return figure, frame, summary


def _cost_curves(results: Results) -> Panel:
    """The sector's cost curve (industry: World LCOX of the technologies used; transport:
    World mean cost of each fuel with the carbon price on its tank-to-wake CO2)."""
    curve = results.report.cost_curve
    assert curve is not None  # panels() draws this panel only for a sector with a cost curve
    frame, unit, what = curve.frame, curve.unit, curve.title
    iamc = wide_to_iamc(frame, results, curve.variable_prefix, unit)
    names = series_names(results)
    traces = [line(frame.index, frame[column], label(str(column)), color_of(str(column), names))
              for column in frame.columns]
    title = f"{results.label}: {what} ({results.scenario})"
    figure = {"data": traces, "layout": layout(title, "year", unit, hovermode="x unified")}
    return Panel("cost_curves", "Cost curves",
                 Table("cost_curves", f"Cost curves, {unit}", frame.rename(columns=label), iamc),
                 figure, _cost_summary(frame, unit))


def _cost_summary(frame: pd.DataFrame, unit: str) -> str:
    """The cheapest option in the first and the last year."""
    known = frame.dropna(how="all")
    if known.empty or known.columns.empty:
        return "No option has a cost in this run."
    parts = []
    for year in (known.index[0], known.index[-1]):
        row = known.loc[year].dropna()
        parts.append(f"in {int(year)} {label(str(row.idxmin()))} at {amount(row.min())} {unit}")
    return "Cheapest option " + ", ".join(parts) + "."


def _parity(results: Results) -> Panel:
    """Cost-parity year of each low-emission option by region (blank: not by 2050)."""
    long = parity_years(results)
    grid = long.pivot_table(index="option", columns="region", values="parity_year",
                            aggfunc="min", dropna=False)
    text = grid.map(lambda v: "never" if pd.isna(v) else f"{v:.0f}")
    options = [label(str(option)) for option in grid.index]
    heatmap = {"type": "heatmap", "z": [numbers(row) for row in grid.to_numpy(float)],
               "x": [str(region) for region in grid.columns], "y": options,
               "text": text.to_numpy().tolist(), "texttemplate": "%{text}",
               "colorscale": "Viridis", "zmin": float(results.years[0]),
               "zmax": float(results.years[-1]), "colorbar": {"title": {"text": "year"}},
               "hoverongaps": False}
    title = f"{results.label}: cost-parity year against the incumbent ({results.scenario})"
    figure = {"data": [heatmap], "layout": {
        **layout(title, "region", "option", height=max(HEIGHT, 120 + 28 * len(options))),
        "xaxis": {"title": {"text": "region"}, "tickangle": -30}}}
    reached = grid.notna().any(axis=1)
    summary = (f"{int(reached.sum())} of {len(grid)} low-emission options reach cost parity "
               f"with the incumbent in at least one region by {int(results.years[-1])}")
    if reached.any():
        earliest = grid.min(axis=1)
        first = str(earliest.idxmin())
        summary += f"; earliest: {label(first)} in {earliest.min():.0f}"
    return Panel("parity", "Parity years",
                 Table("parity", "Cost-parity years by region", long), figure, summary + ".")


def _breakthroughs(results: Results) -> Panel:
    """The sector's 2030 Breakthrough targets: modelled value against target, met or not."""
    targets = reference_table("breakthroughs")
    targets = targets[targets["sector"] == results.sector]
    frame = breakthroughs({results.sector: results}, targets)
    traces = []
    shapes = []
    if not frame.empty:
        progress = (100 * frame["modelled"] / frame["target"]).to_numpy(float)
        labels = [f"{m.replace('_', ' ')} {y} (target {c} {t:g})" for m, y, c, t in
                  zip(frame["metric"], frame["year"], frame["comparison"], frame["target"],
                      strict=True)]
        colors = [MET_COLOURS[met] for met in frame["met"].map(
            lambda met: None if pd.isna(met) else bool(met))]
        traces.append({
            "type": "bar", "orientation": "h", "name": "modelled / target",
            "x": numbers(progress), "y": [f"{i + 1}. {text}" for i, text in enumerate(labels)],
            "marker": {"color": colors}, "textposition": "outside", "cliponaxis": False,
            "text": [f"{p:.0f}%" if np.isfinite(p) else "not modelled" for p in progress],
            "customdata": [[_plain(m), str(src)] for m, src in
                           zip(frame["modelled"], frame["source"], strict=True)],
            "hovertemplate": "%{x:.0f}% of target<br>modelled %{customdata[0]:.1f}"
                             "<br>%{customdata[1]}<extra></extra>"})
        shapes.append({"type": "line", "x0": 100, "x1": 100, "xref": "x", "y0": 0, "y1": 1,
                       "yref": "paper", "line": {"dash": "dash", "color": "#000000"}})
    title = f"{results.label}: Breakthrough status ({results.scenario})"
    figure = {"data": traces, "layout": {
        **layout(title, "modelled as % of target (green: met)", "target",
                 height=max(HEIGHT, 140 + 34 * len(frame))),
        "yaxis": {"title": {"text": "target"}, "autorange": "reversed"},
        "showlegend": False, "shapes": shapes}}
    return Panel("breakthroughs", "Breakthrough status",
                 Table("breakthroughs", "Breakthrough targets", frame), figure,
                 _breakthrough_summary(frame))


MET_COLOURS = {True: "#117733", False: "#CC3311", None: "#6F6F6F"}
"""Paul Tol green (met), red (not met) and grey (not modelled), each 3:1 on white."""


def _breakthrough_summary(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "The sector has no Breakthrough target."
    met = frame["met"].map(lambda v: None if pd.isna(v) else bool(v))
    known = met.notna().sum()
    text = f"{int((met == True).sum())} of {len(frame)} Breakthrough targets met"  # noqa: E712
    if known < len(frame):
        text += f" ({len(frame) - known} not modelled)"
    return text + "."


BAND = "rgba(0,114,178,0.2)"
"""The lowest-to-highest band over regions (Okabe-Ito blue, translucent)."""


def inputs_panel(values: Applied, results: Results, commodities: list[str]) -> Panel:
    """The input paths the run applied: the carbon price and, for each of ``commodities``,
    the price by region as a band from the lowest to the highest and their mean."""
    unit_of = catalog(results.sector).unit
    years = values.years
    units = ["USD_2020/t CO2", *(f"{label(name)}, {unit_of(name)}" for name in commodities)]
    traces = [line(years, values.carbon_price, "carbon price", PALETTE[0])]
    columns = {"carbon price (USD_2020/t CO2)": values.carbon_price}
    sentences = [trend("The carbon price", pd.Series(values.carbon_price, years), units[0])]
    for row, name in enumerate(commodities, start=1):
        cube = values.prices[name]
        low, high, mean = cube.min(axis=1), cube.max(axis=1), cube.mean(axis=1)
        words, axis = label(name), axis_id(row)
        traces += [line(years, low, f"{words}: lowest region", BAND, yaxis=axis,
                        showlegend=False, line={"width": 0}),
                   line(years, high, f"{words}: lowest to highest region", BAND, yaxis=axis,
                        fill="tonexty", fillcolor=BAND, line={"width": 0}),
                   line(years, mean, f"{words}: mean of regions", PALETTE[row % len(PALETTE)],
                        yaxis=axis)]
        columns |= {f"{words} lowest ({unit_of(name)})": low,
                    f"{words} mean ({unit_of(name)})": mean,
                    f"{words} highest ({unit_of(name)})": high}
        sentences.append(trend(f"the mean price of {words.lower()}", pd.Series(mean, years),
                               unit_of(name)))
    frame = pd.DataFrame(columns, index=pd.Index(years, name="year"))
    title = f"{results.label}: input paths applied ({results.scenario})"
    return Panel("inputs", "Inputs applied", Table("inputs", "Input paths applied", frame),
                 {"data": traces, "layout": stacked_axes(title, units)},
                 "; ".join(sentences) + ".")


def _reports(results: Results) -> list[Panel]:
    """The sector's own report tables (e.g. shipping's IMO checkpoints), table only."""
    reports: dict[str, Callable[[Results], pd.DataFrame]] = results.model.reports
    out = []
    for name, make in reports.items():
        title = name.replace("_", " ").capitalize()
        out.append(Panel(f"report_{name}", title, Table(f"report_{name}", title, make(results)),
                         None))
    return out

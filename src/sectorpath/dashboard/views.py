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

from sectorpath.charts import chart
from sectorpath.crosssector.indicators import breakthroughs, parity_years
from sectorpath.crosssector.reference import table as reference_table
from sectorpath.reporting.labels import label
from sectorpath.results import IAMC_COLUMNS, MODEL_NAME, Results
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


def panels(results: Results) -> dict[str, Panel]:
    """Every panel of one run, by name, in page order."""
    made = [_summary(results)]
    made += [_spec_panel(results, name, title) for name, title in SPEC_PANELS.items()
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


def _style(figure: go.Figure, title: str | None = None) -> go.Figure:
    """Margins, legend, height and title in one layout update (the page applies the shared
    ``plotly_white`` template, see ``figure_json``)."""
    layout: dict[str, Any] = {"margin": {"l": 60, "r": 20, "t": 60, "b": 40},
                              "legend": {"font": {"size": 10}}}
    if title is not None:
        layout["title"] = title
    if figure.layout.height is None:
        layout["height"] = HEIGHT
    return figure.update_layout(layout)


PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#332288", "#117733", "#999933",
           "#CC6677", "#882255", "#AA4499", "#B8860B", "#6F6F6F")
"""Okabe-Ito and Paul Tol colours told apart with common colour-vision deficiencies, each
at least 3:1 against the white chart background (WCAG 2.1 non-text contrast)."""
"""26 distinguishable colours; a technology keeps its colour in every chart and scenario."""


def series_names(results: Results) -> list[str]:
    """The run's technologies (or powertrains and fuels), in the sector's order."""
    return list(results.report.series)


def color_of(name: str, names: list[str]) -> str:
    """The colour of a series: by its place in ``names``, else by a hash of its name."""
    index = names.index(name) if name in names else len(names) + zlib.crc32(name.encode())
    return PALETTE[index % len(PALETTE)]


def _labelled(figure: go.Figure) -> go.Figure:
    """Traces named in plain words (``reporting/labels.csv``); colours were given by id."""
    for trace in figure.data:
        trace.name = label(str(trace.name))
    return figure


def _color_traces(figure: go.Figure, names: list[str]) -> go.Figure:
    """One colour per series name (traces that already have a colour keep it)."""
    for trace in figure.data:
        color = color_of(str(trace.name), names)
        if isinstance(trace, go.Bar):
            trace.marker.color = trace.marker.color or color
        elif isinstance(trace, go.Scatter) and not trace.line.color:
            trace.line.color = color
            if trace.stackgroup:
                trace.fillcolor = color
    return figure


def new_figure(data: list[Any] | None = None) -> go.Figure:
    """An empty figure without plotly's default template (the page applies one to all)."""
    return go.Figure(data, layout={"template": {}})


def traces_table(figure: go.Figure) -> pd.DataFrame:
    """The plotted data of a figure: one column per trace, indexed by year."""
    columns = {str(trace.name): pd.Series(np.asarray(trace.y, float), index=np.asarray(trace.x))
               for trace in figure.data}
    frame = pd.DataFrame(columns)
    frame.index.name = "year"
    return frame


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


def _spec_panel(results: Results, name: str, title: str) -> Panel:
    spec = results.report.charts[name]
    figure = _style(_labelled(_color_traces(chart(results, spec), series_names(results))))
    prefixes = spec.prefixes
    if name in results.report.extra:
        prefixes = (*prefixes, results.report.extra[name])
    table = Table(name, title, traces_table(figure), iamc_rows(results, prefixes))
    return Panel(name, title, table, figure_json(figure))


def _cost_curves(results: Results) -> Panel:
    """The sector's cost curve (industry: World LCOX of the technologies used; transport:
    World mean cost of each fuel with the carbon price on its tank-to-wake CO2)."""
    curve = results.report.cost_curve
    assert curve is not None  # panels() draws this panel only for a sector with a cost curve
    frame, unit, what = curve.frame, curve.unit, curve.title
    iamc = wide_to_iamc(frame, results, curve.variable_prefix, unit)
    figure = new_figure([go.Scatter(x=frame.index, y=frame[column], name=str(column),
                                   mode="lines") for column in frame.columns])
    figure.update_layout(yaxis_title=unit, xaxis_title="year", hovermode="x unified")
    title = f"{results.label}: {what} ({results.scenario})"
    return Panel("cost_curves", "Cost curves",
                 Table("cost_curves", f"Cost curves, {unit}", frame.rename(columns=label), iamc),
                 figure_json(_style(_labelled(_color_traces(figure, series_names(results))),
                                    title)))


def _parity(results: Results) -> Panel:
    """Cost-parity year of each low-emission option by region (blank: not by 2050)."""
    long = parity_years(results)
    grid = long.pivot_table(index="option", columns="region", values="parity_year",
                            aggfunc="min", dropna=False)
    text = grid.map(lambda v: "never" if pd.isna(v) else f"{v:.0f}")
    figure = new_figure([go.Heatmap(
        z=grid.to_numpy(float), x=list(grid.columns), y=list(grid.index),
        text=text.to_numpy(), texttemplate="%{text}", colorscale="Viridis",
        zmin=float(results.years[0]), zmax=float(results.years[-1]),
        colorbar={"title": {"text": "year"}}, hoverongaps=False)])
    figure.update_layout(height=max(HEIGHT, 120 + 28 * len(grid.index)),
                         xaxis={"tickangle": -30})
    title = f"{results.label}: cost-parity year against the incumbent ({results.scenario})"
    return Panel("parity", "Parity years",
                 Table("parity", "Cost-parity years by region", long),
                 figure_json(_style(figure, title)))


def _breakthroughs(results: Results) -> Panel:
    """The sector's 2030 Breakthrough targets: modelled value against target, met or not."""
    targets = reference_table("breakthroughs")
    targets = targets[targets["sector"] == results.sector]
    frame = breakthroughs({results.sector: results}, targets)
    figure = new_figure()
    if not frame.empty:
        progress = 100 * frame["modelled"] / frame["target"]
        labels = [f"{m.replace('_', ' ')} {y} (target {c} {t:g})" for m, y, c, t in
                  zip(frame["metric"], frame["year"], frame["comparison"], frame["target"],
                      strict=True)]
        colors = ["#2a9d4b" if met else "#c0392b" if met is False else "#999999"
                  for met in frame["met"]]
        figure.add_bar(x=progress, y=[f"{i + 1}. {label}" for i, label in enumerate(labels)],
                       orientation="h", marker_color=colors, name="modelled / target",
                       text=[f"{p:.0f}%" if np.isfinite(p) else "not modelled"
                             for p in progress], textposition="outside", cliponaxis=False,
                       customdata=frame[["modelled", "source"]].to_numpy(),
                       hovertemplate="%{x:.0f}% of target<br>modelled %{customdata[0]:.1f}"
                       "<br>%{customdata[1]}<extra></extra>")
        figure.add_vline(x=100, line_dash="dash", line_color="black")
    figure.update_layout(xaxis_title="modelled as % of target (green: met)",
                         yaxis={"autorange": "reversed"},
                         height=max(HEIGHT, 140 + 34 * len(frame)), showlegend=False)
    title = f"{results.label}: Breakthrough status ({results.scenario})"
    return Panel("breakthroughs", "Breakthrough status",
                 Table("breakthroughs", "Breakthrough targets", frame),
                 figure_json(_style(figure, title)))


def _reports(results: Results) -> list[Panel]:
    """The sector's own report tables (e.g. shipping's IMO checkpoints), table only."""
    reports: dict[str, Callable[[Results], pd.DataFrame]] = results.model.reports
    out = []
    for name, make in reports.items():
        title = name.replace("_", " ").capitalize()
        out.append(Panel(f"report_{name}", title, Table(f"report_{name}", title, make(results)),
                         None))
    return out

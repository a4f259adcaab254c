"""Interactive plotly charts of one run, drawn from its IAMC table by each view's chart specs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sectorpath.outputs import OutputFolder
from sectorpath.reporting.blocks import ChartSpec
from sectorpath.results import Results
from sectorpath.tables import WORLD
from sectorpath.tolerances import ROUNDING


def _world_children(results: Results, prefix: str) -> pd.DataFrame:
    """World rows of the variables directly below ``prefix``, pivoted year x child."""
    table = results.iamc
    rows = table[(table["region"] == WORLD) & table["variable"].str.startswith(prefix + "|")]
    rows = rows[~rows["variable"].str[len(prefix) + 1:].str.contains("|", regex=False)]
    wide = rows.pivot_table(index="year", columns="variable", values="value", aggfunc="sum")
    wide.columns = [c[len(prefix) + 1:] for c in wide.columns]
    return wide.loc[:, (wide.abs() > ROUNDING).any()]


def _stacked(wide: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    figure = go.Figure()
    for column in wide.columns:
        if spec.kind == "bar":
            figure.add_bar(x=wide.index, y=wide[column], name=column)
        else:
            figure.add_scatter(x=wide.index, y=wide[column], name=column, stackgroup="one",
                               mode="lines")
    figure.update_layout(title=spec.title, yaxis_title=spec.unit, xaxis_title="year",
                         barmode="stack", template="plotly_white", hovermode="x unified")
    return figure


def _panels(results: Results, spec: ChartSpec) -> go.Figure:
    """One line per variable, one panel per unit (energy, materials and CO2 apart)."""
    table = results.iamc
    rows = table[(table["region"] == WORLD) & table["variable"].isin(spec.prefixes)]
    rows = rows[rows.groupby("variable")["value"].transform(lambda v: v.abs().max()) > 0]
    units = list(dict.fromkeys(rows["unit"]))
    figure = make_subplots(rows=max(len(units), 1), cols=1, shared_xaxes=True,
                           vertical_spacing=0.06, subplot_titles=units)
    for (variable, unit), series in rows.groupby(["variable", "unit"], sort=False):
        figure.add_scatter(x=series["year"], y=series["value"], mode="lines",
                           name=f"{str(variable).split('|')[-1]} ({unit})",
                           row=units.index(unit) + 1, col=1)
    figure.update_layout(title=spec.title, template="plotly_white", hovermode="x unified",
                         height=320 * max(len(units), 1))
    return figure


def chart(results: Results, spec: ChartSpec) -> go.Figure:
    """Draw one chart spec; an emissions chart shows the carbon budget if the run had one."""
    if spec.kind == "panels":
        return _panels(results, spec)
    wide = _world_children(results, spec.prefixes[0])
    for prefix in spec.prefixes[1:]:
        wide = wide.add(_world_children(results, prefix), fill_value=0.0)
    if spec.children:
        wide = wide[[c for c in spec.children if c in wide.columns]]
    figure = _stacked(wide, spec)
    limit = results.names.emissions_limit
    if spec.unit.startswith("Mt CO2") and limit in set(results.iamc["variable"]):
        budget = results.world(limit)
        figure.add_scatter(x=budget.index, y=budget.values, name="carbon budget (annual limit)",
                           line={"dash": "dash", "color": "black"})
    return figure


def write_charts(results: Results, out_dir: Path, force: bool = False) -> list[Path]:
    """Write each chart as an HTML page; plotly.js is written once beside them (offline)."""
    folder = OutputFolder(out_dir, force)
    return [folder.figure(chart(results, spec), f"{results.sector}_{results.scenario}_{name}.html")
            for name, spec in results.report.charts.items()]

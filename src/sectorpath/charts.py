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


def world_table(results: Results) -> pd.DataFrame:
    """World values of every variable of a run, year x variable (one pivot for all charts)."""
    table = results.iamc
    rows = table[table["region"] == WORLD]
    wide = rows.pivot_table(index="year", columns="variable", values="value", aggfunc="sum",
                            observed=True)
    wide.columns = [str(c) for c in wide.columns]
    return wide


def _world_children(world: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """The variables directly below ``prefix`` of a ``world_table``, year x child; children
    that stay at zero are left out."""
    start = prefix + "|"
    names = [c for c in world.columns if c.startswith(start) and "|" not in c[len(start):]]
    wide = world[names].set_axis([c[len(start):] for c in names], axis=1)
    return wide.loc[:, (wide.abs() > ROUNDING).any()]


def stacked_frame(results: Results, spec: ChartSpec,
                  world: pd.DataFrame | None = None) -> pd.DataFrame:
    """What a stacked chart spec plots: the World children of its prefixes, summed, year x
    child (``world``: the run's ``world_table`` if already made)."""
    world = world_table(results) if world is None else world
    wide = _world_children(world, spec.prefixes[0])
    for prefix in spec.prefixes[1:]:
        wide = wide.add(_world_children(world, prefix), fill_value=0.0)
    if spec.children:
        wide = wide[[c for c in spec.children if c in wide.columns]]
    return wide


def budget_line(results: Results, spec: ChartSpec) -> pd.Series | None:
    """The run's annual carbon budget, drawn on an emissions chart (None: no budget)."""
    limit = results.names.emissions_limit
    if spec.unit.startswith("Mt CO2") and limit in set(results.iamc["variable"]):
        return results.world(limit)
    return None


def panel_lines(results: Results, spec: ChartSpec) -> list[tuple[str, str, pd.Series]]:
    """What a "panels" chart spec plots: (variable, unit, World values by year) of each of
    its variables that is not zero throughout, in the spec's order."""
    table = results.iamc
    rows = table[(table["region"] == WORLD) & table["variable"].isin(spec.prefixes)]
    rows = rows[rows.groupby("variable", observed=True)["value"].transform(
        lambda v: v.abs().max()) > 0]
    return [(str(variable), str(unit), series.set_index("year")["value"])
            for (variable, unit), series in rows.groupby(["variable", "unit"], sort=False,
                                                         observed=True)]


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
    lines = panel_lines(results, spec)
    units = list(dict.fromkeys(unit for _, unit, _ in lines))
    figure = make_subplots(rows=max(len(units), 1), cols=1, shared_xaxes=True,
                           vertical_spacing=0.06, subplot_titles=units)
    for variable, unit, series in lines:
        figure.add_scatter(x=series.index, y=series.to_numpy(), mode="lines",
                           name=f"{variable.split('|')[-1]} ({unit})",
                           row=units.index(unit) + 1, col=1)
    figure.update_layout(title=spec.title, template="plotly_white", hovermode="x unified",
                         height=320 * max(len(units), 1))
    return figure


def chart(results: Results, spec: ChartSpec) -> go.Figure:
    """Draw one chart spec; an emissions chart shows the carbon budget if the run had one."""
    if spec.kind == "panels":
        return _panels(results, spec)
    figure = _stacked(stacked_frame(results, spec), spec)
    budget = budget_line(results, spec)
    if budget is not None:
        figure.add_scatter(x=budget.index, y=budget.values, name="carbon budget (annual limit)",
                           line={"dash": "dash", "color": "black"})
    return figure


def write_charts(results: Results, out_dir: Path, force: bool = False) -> list[Path]:
    """Write each chart as an HTML page; plotly.js is written once beside them (offline)."""
    folder = OutputFolder(out_dir, force)
    return [folder.figure(chart(results, spec), f"{results.sector}_{results.scenario}_{name}.html")
            for name, spec in results.report.charts.items()]

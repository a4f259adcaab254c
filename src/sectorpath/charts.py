"""Interactive plotly charts of one run, built from its IAMC table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sectorpath.results import Results
from sectorpath.tables import WORLD


def _world_children(results: Results, prefix: str) -> pd.DataFrame:
    """World rows of the variables directly below ``prefix``, pivoted year x child."""
    table = results.iamc
    rows = table[(table["region"] == WORLD) & table["variable"].str.startswith(prefix + "|")]
    rows = rows[~rows["variable"].str[len(prefix) + 1:].str.contains("|", regex=False)]
    wide = rows.pivot_table(index="year", columns="variable", values="value", aggfunc="sum")
    wide.columns = [c[len(prefix) + 1:] for c in wide.columns]
    return wide.loc[:, (wide.abs() > 1e-9).any()]


def _stacked(wide: pd.DataFrame, title: str, unit: str, bars: bool = False) -> go.Figure:
    figure = go.Figure()
    for column in wide.columns:
        if bars:
            figure.add_bar(x=wide.index, y=wide[column], name=column)
        else:
            figure.add_scatter(x=wide.index, y=wide[column], name=column, stackgroup="one",
                               mode="lines")
    figure.update_layout(title=title, yaxis_title=unit, xaxis_title="year",
                         barmode="stack", template="plotly_white", hovermode="x unified")
    return figure


def emissions_chart(results: Results) -> go.Figure:
    label = results.trajectory.inputs.sector.label
    by_tech = (_world_children(results, f"Emissions|CO2|{label}|Scope 1")
               .add(_world_children(results, f"Emissions|CO2|{label}|Scope 2"), fill_value=0))
    figure = _stacked(by_tech, f"{label}: scope 1+2 CO2 by technology ({results.scenario})",
                      "Mt CO2/yr")
    budget = results.trajectory.carbon_budget
    if budget is not None:
        figure.add_scatter(x=results.years, y=budget, name="carbon budget (annual limit)",
                           line={"dash": "dash", "color": "black"})
    return figure


def technology_mix_chart(results: Results) -> go.Figure:
    label = results.trajectory.inputs.sector.label
    return _stacked(_world_children(results, f"Production|{label}"),
                    f"{label}: production by technology ({results.scenario})", "Mt/yr")


def investment_chart(results: Results) -> go.Figure:
    label = results.trajectory.inputs.sector.label
    wide = _world_children(results, f"Investment|{label}")
    kinds = [c for c in wide.columns if c in ("Main Cycle", "Transitional Switch", "New Capacity")]
    return _stacked(wide[kinds], f"{label}: investment by kind ({results.scenario})",
                    "billion USD_2020/yr", bars=True)


def resource_chart(results: Results) -> go.Figure:
    """One panel per unit (energy in PJ/yr, materials in Mt/yr, CO2 in Mt CO2/yr)."""
    sector = results.trajectory.inputs.sector
    series = {r: results.world(r.variable) for r in sector.reported}
    shown = [r for r, s in series.items() if len(s) and s.abs().max() > 0]
    units = list(dict.fromkeys(r.unit for r in shown))
    figure = make_subplots(rows=max(len(units), 1), cols=1, shared_xaxes=True,
                           vertical_spacing=0.06, subplot_titles=units)
    for reported in shown:
        values = series[reported]
        figure.add_scatter(x=values.index, y=values.values, mode="lines",
                           name=f"{reported.short_name} ({reported.unit})",
                           row=units.index(reported.unit) + 1, col=1)
    figure.update_layout(title=f"{sector.label}: energy and resource demand ({results.scenario})",
                         template="plotly_white", hovermode="x unified",
                         height=320 * max(len(units), 1))
    return figure


CHARTS = {
    "emissions_by_technology": emissions_chart,
    "technology_mix": technology_mix_chart,
    "investment": investment_chart,
    "resource_demand": resource_chart,
}


def write_charts(results: Results, out_dir: Path) -> list[Path]:
    """Write each chart as an HTML page; plotly.js is written once beside them (offline)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in CHARTS.items():
        path = out_dir / f"{results.sector}_{results.scenario}_{name}.html"
        build(results).write_html(path, include_plotlyjs="directory", full_html=True)
        paths.append(path)
    return paths

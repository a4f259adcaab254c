"""What a sweep's runs add up to: percentiles per variable and year, fan charts, and the
scalar outputs that Sobol indices are computed for."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

QUANTILES = {"p5": 0.05, "p50": 0.5, "p95": 0.95}


def percentiles(runs: pd.DataFrame, units: dict[str, str]) -> pd.DataFrame:
    """variable, unit, year, n, mean, p5, p50, p95 of every key series over the runs
    (linear interpolation between order statistics, as ``numpy.quantile``)."""
    if runs.empty:
        return pd.DataFrame(columns=["variable", "unit", "year", "n", "mean", *QUANTILES])
    grouped = runs.groupby(["variable", "year"], sort=False)["value"]
    table = grouped.quantile(np.array(list(QUANTILES.values()))).unstack()
    table.columns = list(QUANTILES)
    table.insert(0, "mean", grouped.mean())
    table.insert(0, "n", grouped.size())
    table = table.reset_index()
    table.insert(1, "unit", table["variable"].map(units))
    order = {name: k for k, name in enumerate(units)}
    return table.sort_values(["variable", "year"], key=lambda c: c.map(order) if
                             c.name == "variable" else c, ignore_index=True)


def key_variable(variables: list[str], prefix: str) -> str | None:
    """The total among a sweep's key series that start with ``prefix`` (the shortest name:
    scope 1+2 under ``Emissions|CO2|``, the sector's total under ``Investment|``)."""
    matching = [v for v in variables if v.startswith(prefix)]
    return min(matching, key=len) if matching else None


def scalar_outputs(runs: pd.DataFrame, label: str) -> pd.DataFrame:
    """Per run (index: sample): scope 1+2 emissions in the last year (Mt CO2/yr), cumulative
    scope 1+2 emissions (Gt CO2) and cumulative investment (billion USD_2020) over the horizon.
    """
    def wide(variable: str) -> pd.DataFrame:
        rows = runs[runs["variable"] == variable]
        return rows.pivot(index="sample", columns="year", values="value")

    variables = runs["variable"].astype(str).unique().tolist()
    emissions = wide(str(key_variable(variables, "Emissions|CO2|")))
    investment = wide(str(key_variable(variables, "Investment|")))
    first, last = int(emissions.columns.min()), int(emissions.columns.max())
    return pd.DataFrame({
        f"Scope 1+2 emissions {last} (Mt CO2/yr)": emissions[last],
        f"Cumulative scope 1+2 emissions {first}-{last} (Gt CO2)": emissions.sum(axis=1) / 1e3,
        f"Cumulative investment {first}-{last} (billion USD_2020)": investment.sum(axis=1),
    })


def fan_chart(summary: pd.DataFrame, base: pd.DataFrame, title: str) -> go.Figure:
    """One panel per variable: the p5-p95 band, the median and the unperturbed scenario."""
    variables = list(dict.fromkeys(summary["variable"]))
    units = summary.groupby("variable", sort=False)["unit"].first()
    figure = make_subplots(rows=len(variables), cols=1, shared_xaxes=True,
                           vertical_spacing=0.3 / max(len(variables), 1),
                           subplot_titles=[f"{v} ({units[v]})" for v in variables])
    for row, variable in enumerate(variables, start=1):
        rows = summary[summary["variable"] == variable]
        first = row == 1
        figure.add_scatter(x=rows["year"], y=rows["p95"], mode="lines", line={"width": 0},
                           showlegend=False, hoverinfo="skip", row=row, col=1)
        figure.add_scatter(x=rows["year"], y=rows["p5"], mode="lines", line={"width": 0},
                           fill="tonexty", fillcolor="rgba(31, 119, 180, 0.25)",
                           name="p5-p95", legendgroup="band", showlegend=first, row=row, col=1)
        figure.add_scatter(x=rows["year"], y=rows["p50"], mode="lines", name="median",
                           line={"color": "rgb(31, 119, 180)"}, legendgroup="median",
                           showlegend=first, row=row, col=1)
        reference = base[base["variable"] == variable]
        figure.add_scatter(x=reference["year"], y=reference["value"], mode="lines",
                           name="scenario as written (no draws)", legendgroup="base",
                           line={"dash": "dash", "color": "black"}, showlegend=first, row=row,
                           col=1)
    figure.update_layout(title=title, template="plotly_white", hovermode="x unified",
                         height=300 * max(len(variables), 1))
    return figure


def base_frame(series: np.ndarray, variables: list[str], years: np.ndarray) -> pd.DataFrame:
    """(V, Y) series of the unperturbed run as a long table variable, year, value."""
    return pd.DataFrame({"variable": np.repeat(variables, years.size),
                         "year": np.tile(years, len(variables)).astype(np.int64),
                         "value": series.reshape(-1)})

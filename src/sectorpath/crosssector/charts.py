"""Charts of a cross-sector run: emissions by sector, shared resources against their caps,
investment split, marginal abatement cost curves and cost-parity years."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from sectorpath.crosssector import TOTAL, CombinedResults
from sectorpath.outputs import OutputFolder

_LAYOUT = {"template": "plotly_white", "hovermode": "x unified"}


def emissions_by_sector(results: CombinedResults) -> go.Figure:
    figure = go.Figure()
    for run in results.runs.values():
        series = run.world(run.names.emissions)
        figure.add_scatter(x=series.index, y=series.values, name=run.label, stackgroup="one",
                           mode="lines")
    figure.update_layout(title=f"Scope 1+2 CO2 by sector ({results.scenario.name})",
                         yaxis_title="Mt CO2/yr", **_LAYOUT)
    return figure


def shared_resources(results: CombinedResults) -> go.Figure:
    """Use by sector (stacked) and the cap, one panel per capped resource."""
    table = results.allocation
    resources = list(dict.fromkeys(table["resource"]))
    figure = go.Figure() if not resources else px.area(
        table, x="year", y="used", color="sector", facet_row="resource",
        title=f"Shared resources: use by sector and allocation ({results.scenario.name})")
    for k, resource in enumerate(resources):
        rows = table[table["resource"] == resource]
        requested = rows.groupby("year")["requested"].sum()
        cap = rows.groupby("year")["cap"].first()
        row = len(resources) - k  # plotly express numbers facet rows from the bottom
        figure.add_scatter(x=requested.index, y=requested.values, name=f"{resource}: requested",
                           line={"dash": "dot", "color": "grey"}, row=row, col=1)
        figure.add_scatter(x=cap.index, y=cap.values, name=f"{resource}: cap",
                           line={"dash": "dash", "color": "black"}, row=row, col=1)
    figure.update_yaxes(matches=None)
    figure.update_layout(template="plotly_white")
    return figure


def investment_split(results: CombinedResults) -> go.Figure:
    figure = go.Figure()
    for run in results.runs.values():
        for low, kind, opacity in ((True, "Low-Emission", 1.0), (False, "Conventional", 0.45)):
            series = run.world(run.names.investment_class(low), missing_ok=True)
            figure.add_bar(x=series.index, y=series.values, name=f"{run.label}: {kind}",
                           opacity=opacity)
    title = f"Investment, low-emission and conventional ({results.scenario.name})"
    figure.update_layout(title=title, yaxis_title="billion USD_2020/yr", barmode="stack", **_LAYOUT)
    return figure


def what_it_takes(results: CombinedResults) -> go.Figure:
    """Mean yearly investment 2021-2050 per sector, in plants or vehicles and upstream."""
    table = results.what_it_takes()
    table = table[table["sector"] != "Total"]
    figure = go.Figure()
    for column, name in (("investment_plant_bn_per_yr", "plants and vehicles"),
                         ("investment_upstream_bn_per_yr", "upstream: power, electrolysers, "
                          "CO2 transport and storage")):
        figure.add_bar(x=table["sector"], y=table[column], name=name)
    figure.update_layout(title=f"What it takes: investment per year ({results.scenario.name})",
                         yaxis_title="billion USD_2020/yr", barmode="stack",
                         template="plotly_white")
    return figure


def abatement_curves(results: CombinedResults, year: int) -> go.Figure:
    """Each option a bar as wide as its abatement and as high as its cost (USD/t CO2)."""
    curve = results.macc((year,)).sort_values("cost_usd_per_t").reset_index(drop=True)
    curve["cumulative_mt"] = curve["abatement_mt"].cumsum()  # across all sectors
    left = curve["cumulative_mt"] - curve["abatement_mt"]
    figure = go.Figure()
    for sector, rows in curve.groupby("sector", sort=False):
        figure.add_bar(x=(left[rows.index] + rows["abatement_mt"] / 2), y=rows["cost_usd_per_t"],
                       width=rows["abatement_mt"], name=str(sector),
                       customdata=rows[["option", "abatement_mt"]],
                       hovertemplate="%{customdata[0]}: %{customdata[1]:.0f} Mt at %{y:.0f} USD/t")
    figure.update_layout(title=f"Marginal abatement cost curve {year} ({results.scenario.name}), "
                         "abatement in the pathway against each sector's incumbent",
                         xaxis_title="Mt CO2/yr abated", yaxis_title="USD_2020 per t CO2",
                         template="plotly_white")
    if len(curve):
        # show the costs of the options making 95% of the abatement; dearer tails stay in hover
        within = curve[curve["cumulative_mt"] <= 0.95 * curve["abatement_mt"].sum()]
        low = min(0.0, float(curve["cost_usd_per_t"].min()))
        high = float(within["cost_usd_per_t"].max()) if len(within) else 100.0
        figure.update_yaxes(range=[low * 1.1, max(high, 0.0) * 1.2 + 10.0])
    return figure


def parity(results: CombinedResults) -> go.Figure:
    table = results.parity_years().dropna(subset=["parity_year"])
    figure = px.strip(table, x="parity_year", y="option", color="sector",
                      hover_data=["region", "incumbent"],
                      title=f"Cost-parity years against the incumbent ({results.scenario.name})")
    figure.update_layout(template="plotly_white", height=max(400, 22 * table["option"].nunique()))
    return figure


def write_all_charts(results: CombinedResults, out_dir: Path, force: bool = False) -> list[Path]:
    folder = OutputFolder(out_dir, force)
    charts = {"emissions_by_sector": emissions_by_sector(results),
              "shared_resources": shared_resources(results),
              "investment_split": investment_split(results),
              "what_it_takes": what_it_takes(results),
              "macc_2030": abatement_curves(results, 2030),
              "macc_2050": abatement_curves(results, 2050),
              "parity_years": parity(results)}
    return [folder.figure(figure, f"all_{results.scenario.name}_{name}.html")
            for name, figure in charts.items()]


__all__ = ["TOTAL", "pd", "write_all_charts"]

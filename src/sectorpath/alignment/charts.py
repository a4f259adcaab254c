"""Interactive plotly charts of an alignment: one panel per sector, written as HTML pages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from sectorpath.alignment.result import Alignment
from sectorpath.outputs import OutputFolder

_COLOURS = qualitative.Plotly
_MANY = qualitative.Alphabet  # technologies: up to 26 distinct colours per sector


def _panels(sectors: list[str], title: str, y_title: str) -> go.Figure:
    cols = 2 if len(sectors) > 1 else 1
    rows = max(1, -(-len(sectors) // cols))
    figure = make_subplots(rows=rows, cols=cols, subplot_titles=sectors or [""],
                           vertical_spacing=0.12 / max(rows / 3, 1))
    figure.update_layout(title=title, template="plotly_white", height=330 * rows,
                         hovermode="x unified")
    figure.update_yaxes(title_text=y_title)
    return figure


def _cell(index: int) -> dict[str, int]:
    return {"row": index // 2 + 1, "col": index % 2 + 1}


def deviation_chart(result: Alignment, method: str, title: str) -> go.Figure:
    """Each portfolio's deviation from the benchmark (%) by year, one panel per sector."""
    rows = result.portfolios[result.portfolios["method"] == method]
    sectors = sorted(rows["sector"].unique())
    figure = _panels(sectors, title, "% above benchmark")
    portfolios = sorted(rows["entity"].unique())
    for i, sector in enumerate(sectors):
        for name, series in rows[rows["sector"] == sector].groupby("entity"):
            figure.add_scatter(x=series["year"], y=100 * series["deviation"], name=str(name),
                               mode="lines+markers", legendgroup=str(name), showlegend=i == 0,
                               line={"color": _COLOURS[portfolios.index(name) % 10]},
                               **_cell(i))
        figure.add_hline(y=0, line={"dash": "dot", "color": "black"}, **_cell(i))
    return figure


def intensity_chart(result: Alignment) -> go.Figure:
    """Portfolio intensity against its SDA target and the pathway's intensity."""
    rows = result.portfolios[result.portfolios["method"] == "sda"]
    sectors = sorted(rows["sector"].unique())
    figure = _panels(sectors, f"Emissions intensity: portfolios, SDA targets and the "
                     f"{result.scenario} pathway", "intensity")
    portfolios = sorted(rows["entity"].unique())
    for i, sector in enumerate(sectors):
        pathway = result.pathways[sector]
        trajectory = pathway.intensity()
        figure.add_scatter(x=trajectory.index, y=trajectory.to_numpy(), mode="lines",
                           name=f"pathway ({pathway.intensity_unit})", legendgroup="pathway",
                           showlegend=i == 0, line={"color": "black", "dash": "dot"}, **_cell(i))
        for name, series in rows[rows["sector"] == sector].groupby("entity"):
            colour = _COLOURS[portfolios.index(name) % 10]
            for column, dash in (("value", "solid"), ("target", "dash")):
                figure.add_scatter(x=series["year"], y=series[column], mode="lines",
                                   name=f"{name} ({'projected' if column == 'value' else 'SDA'})",
                                   legendgroup=f"{name}{column}", showlegend=i == 0,
                                   line={"color": colour, "dash": dash}, **_cell(i))
    return figure


def technology_mix_chart(result: Alignment, year: int) -> go.Figure:
    """Technology shares of each portfolio, projected against target, in ``year``."""
    rows = result.portfolios[(result.portfolios["method"] == "technology_share")
                             & (result.portfolios["year"] == year)]
    sectors = sorted(rows["sector"].unique())
    figure = _panels(sectors, f"Technology mix in {year}: projected against the market-share "
                     "target", "% of sector production")
    for i, sector in enumerate(sectors):
        here = rows[rows["sector"] == sector]
        technologies = sorted(here["technology"].unique())
        for technology, series in here.groupby("technology"):
            x = [f"{e}<br>{kind}" for e in series["entity"] for kind in ("projected", "target")]
            y = [v for pair in zip(series["value"], series["target"], strict=True) for v in pair]
            figure.add_bar(x=x, y=y, name=str(technology), legendgroup=sector,
                           legendgrouptitle_text=sector,
                           marker={"color": _MANY[technologies.index(technology) % 26]},
                           **_cell(i))
    figure.update_layout(barmode="stack", legend={"groupclick": "toggleitem"})
    return figure


def commitment_chart(result: Alignment) -> go.Figure:
    """Scope 1+2 emissions the companies' targets commit to against the pathway-consistent
    emissions of the same companies, by sector."""
    gap = result.commitment_gap
    gap = gap[gap["scope"] == "1+2"] if not gap.empty else gap
    sectors = sorted(gap["sector"].unique()) if not gap.empty else []
    figure = _panels(sectors, "Commitment gap: the companies' targets against the pathway "
                     "(scope 1+2)", "Mt CO2/yr")
    for i, sector in enumerate(sectors):
        series = gap[gap["sector"] == sector]
        figure.add_scatter(x=series["year"], y=series["consistent"], mode="lines",
                           name="pathway-consistent", legendgroup="consistent",
                           showlegend=i == 0, line={"color": "black", "dash": "dot"},
                           **_cell(i))
        figure.add_scatter(x=series["year"], y=series["committed"], mode="lines",
                           name="committed (targets)", legendgroup="committed",
                           showlegend=i == 0, fill="tonexty", line={"color": _COLOURS[1]},
                           **_cell(i))
    return figure


def _pacta_rows(table: pd.DataFrame, entity_type: str = "portfolio") -> pd.DataFrame:
    """Rows of a PACTA table for one entity type in the region ``global``."""
    if table.empty:
        return table
    return table[(table["entity_type"] == entity_type) & (table["region"] == "global")]


def trajectory_chart(result: Alignment) -> go.Figure:
    """PACTA's trajectory: each portfolio's production of the sector's decreasing
    technologies against the targets of every scenario, the band between the lowest and the
    highest target shaded, and the corporate economy scaled to the portfolio's first year."""
    rows = _pacta_rows(result.market_share)
    sectors = sorted(rows["sector"].unique()) if not rows.empty else []
    figure = _panels(sectors, "Production trajectory of decreasing technologies (a sector "
                     "without: all): portfolio against scenario targets (band: lowest to "
                     "highest target)", "production")
    for i, sector in enumerate(sectors):
        here = rows[rows["sector"] == sector]
        decreasing = here[here["scope"] == "technology"]
        here = decreasing if not decreasing.empty else here  # else: all technologies
        by_metric = here.groupby(["entity", "scenario_source", "metric", "year"])[
            "production"].sum().reset_index()
        for (entity, source), part in by_metric.groupby(["entity", "scenario_source"]):
            lines = part.pivot_table(index="year", columns="metric", values="production")
            targets = lines[[c for c in lines.columns if str(c).startswith("target_")]]
            if targets.empty or "projected" not in lines:
                continue
            figure.add_scatter(x=targets.index, y=targets.max(axis=1), mode="lines",
                               line={"width": 0}, showlegend=False, **_cell(i))
            figure.add_scatter(x=targets.index, y=targets.min(axis=1), mode="lines",
                               fill="tonexty", line={"width": 0},
                               name=f"{entity} / {source}: scenario band",
                               legendgroup=f"{entity}{source}band", showlegend=i == 0,
                               **_cell(i))
            figure.add_scatter(x=lines.index, y=lines["projected"], mode="lines+markers",
                               name=f"{entity} / {source}: projected",
                               legendgroup=f"{entity}{source}", showlegend=i == 0, **_cell(i))
            if "corporate_economy" in lines:
                economy = lines["corporate_economy"].dropna()
                start = lines["projected"].dropna()
                if not economy.empty and not start.empty and economy.iloc[0] > 0:
                    figure.add_scatter(
                        x=economy.index, y=economy / economy.iloc[0] * start.iloc[0],
                        mode="lines", line={"dash": "dot", "color": "black"},
                        name="corporate economy (scaled)", legendgroup="economy",
                        showlegend=i == 0, **_cell(i))
    return figure


def start_end_mix_chart(result: Alignment) -> go.Figure:
    """Technology mix in the first and the last year with data: each portfolio projected
    and target against the corporate economy (PACTA's tech-mix chart)."""
    rows = _pacta_rows(result.market_share)
    rows = rows[rows["scenario_source"] == "sectorpath"] if not rows.empty else rows
    sectors = sorted(rows["sector"].unique()) if not rows.empty else []
    figure = _panels(sectors, "Technology mix: start against end year, portfolio and "
                     "corporate economy", "share of sector production")
    for i, sector in enumerate(sectors):
        here = rows[rows["sector"] == sector]
        projected = here[here["metric"] == "projected"]
        if projected.empty:
            continue
        start, end = int(projected["year"].min()), int(projected["year"].max())
        chosen = here[here["year"].isin([start, end])]
        technologies = sorted(chosen["technology"].unique())
        for technology, part in chosen.groupby("technology"):
            x = [f"{e}<br>{m.replace('_', ' ')} {y}" for e, m, y in
                 zip(part["entity"], part["metric"], part["year"], strict=True)]
            figure.add_bar(x=x, y=part["technology_share"], name=str(technology),
                           legendgroup=sector, legendgrouptitle_text=sector,
                           marker={"color": _MANY[technologies.index(technology) % 26]},
                           **_cell(i))
    figure.update_layout(barmode="stack")
    return figure


def economy_intensity_chart(result: Alignment) -> go.Figure:
    """Emission intensity: each portfolio's projected intensity, its SDA targets and the
    adjusted scenarios against the corporate economy (PACTA's SDA chart)."""
    rows = _pacta_rows(result.sda)
    sectors = sorted(rows["sector"].unique()) if not rows.empty else []
    figure = _panels(sectors, "Emission intensity against the corporate economy (SDA)",
                     "emission factor")
    for i, sector in enumerate(sectors):
        here = rows[rows["sector"] == sector]
        for (entity, source, metric), part in here.groupby(
                ["entity", "scenario_source", "emission_factor_metric"]):
            dash = {"projected": "solid", "corporate_economy": "dot"}.get(
                str(metric), "dash" if str(metric).startswith("target") else "longdashdot")
            figure.add_scatter(x=part["year"], y=part["emission_factor_value"], mode="lines",
                               name=f"{entity} / {source}: {metric}", line={"dash": dash},
                               legendgroup=f"{entity}{source}{metric}", showlegend=i == 0,
                               **_cell(i))
    return figure


def write_alignment_charts(result: Alignment, out_dir: Path, year: int | None = None,
                           force: bool = False) -> list[Path]:
    """Write the charts as HTML pages (plotly.js once beside them); returns their paths.
    The technology mix is drawn for ``year`` (default: ``result.report_year()``)."""
    folder = OutputFolder(out_dir, force)
    figures = {
        "sda_deviation": deviation_chart(
            result, "sda", "SDA: portfolio intensity above its convergence target (%)"),
        "alignment_delta": deviation_chart(
            result, "delta", "Alignment delta (Poseidon / Sustainable STEEL Principles, %)"),
        "intensity": intensity_chart(result),
        "technology_mix": technology_mix_chart(result, result.report_year(year)),
        "commitment_gap": commitment_chart(result),
    }
    if result.method == "pacta":
        figures |= {"trajectory": trajectory_chart(result),
                    "technology_mix_start_end": start_end_mix_chart(result),
                    "intensity_corporate_economy": economy_intensity_chart(result)}
    return [folder.figure(figure, f"alignment_{result.scenario}_{name}.html")
            for name, figure in figures.items()]


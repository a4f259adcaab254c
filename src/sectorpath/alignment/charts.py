"""Interactive plotly charts of an alignment: one panel per sector, written as HTML pages."""

from __future__ import annotations

from pathlib import Path

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
    return [folder.figure(figure, f"alignment_{result.scenario}_{name}.html")
            for name, figure in figures.items()]


"""Command line: ``sectorpath run SECTOR --scenario NAME --out DIR`` and friends."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sectorpath.errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Net-zero transition pathways for the hard-to-abate sectors.")
console = Console()


@app.command()
def run(
    sector: Annotated[str, typer.Argument(help="sector to run, e.g. steel")],
    scenario: Annotated[str, typer.Option(help="built-in scenario name or path to a .toml")] = (
        "baseline"),
    out: Annotated[Path, typer.Option(help="folder for tables and charts")] = Path("results"),
    data: Annotated[Path | None, typer.Option(help="folder replacing the packaged tables")] = None,
    charts: Annotated[bool, typer.Option(help="write interactive HTML charts")] = True,
) -> None:
    """Simulate SECTOR 2020-2050 under SCENARIO; write IAMC Parquet/CSV and charts to OUT.

    SECTOR "all" runs every sector of a cross-sector scenario, sharing capped resources.
    """
    if sector == "all":
        _run_all(scenario, out, charts)
        return
    from sectorpath.api import run as run_model
    from sectorpath.charts import write_charts
    from sectorpath.models import get_model
    from sectorpath.tables import LAST_YEAR

    try:
        first = get_model(sector).first_year
        with _progress() as progress:
            task = progress.add_task(f"{sector} / {scenario}", total=LAST_YEAR - first + 1)
            results = run_model(sector, scenario, data_dir=data,
                                progress=lambda year: progress.update(
                                    task, advance=1, description=f"{sector} / {scenario}: {year}"))
        written = results.write(out)
        if charts:
            written += write_charts(results, out)
        reports = {name: make(results) for name, make in results.model.reports.items()}
        for name, frame in reports.items():
            written.append(out / f"{sector}_{results.scenario}_{name}.csv")
            frame.to_csv(written[-1], index=False)
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    _print_summary(results.summary(), f"{sector} - {results.scenario} (World)")
    for name, frame in reports.items():
        _print_frame(frame, name.replace("_", " "))
    timings = ", ".join(f"{k} {v:.2f} s" for k, v in results.timings.items())
    console.print(f"[dim]{timings}[/]")
    for path in written:
        console.print(f"wrote {path}")


def _run_all(scenario: str, out: Path, charts: bool) -> None:
    from sectorpath.crosssector import run_all
    from sectorpath.crosssector.charts import write_all_charts

    try:
        with _progress() as progress:
            task = progress.add_task(f"all / {scenario}", total=None)
            results = run_all(scenario, progress=lambda name: progress.update(
                task, advance=1, description=f"all / {scenario}: {name} done"))
        written = results.write(out)
        if charts:
            written += write_all_charts(results, out)
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    summary = results.summary()
    summary.index.name = "Scope 1+2, Mt CO2/yr"
    _print_summary(summary.T, f"all sectors - {results.scenario.name}")
    breakthroughs = results.breakthroughs()
    table = Table(title="2030 Breakthroughs")
    for column in ("sector", "metric", "year", "target", "modelled", "met"):
        table.add_column(column)
    for row in breakthroughs.to_dict("records"):
        met = {True: "[green]met[/]", False: "[red]not met[/]"}.get(row["met"], "n/a")
        table.add_row(str(row["sector"]), str(row["metric"]), str(row["year"]),
                      f"{row['comparison']} {row['target']:g}", f"{row['modelled']:,.1f}", met)
    console.print(table)
    what = results.what_it_takes().set_index("sector").round(1).T
    what.index.name = "per sector"
    _print_frame(what.reset_index(), "What it takes (2050 unless stated; "
                 "investment: mean 2021-2050, billion USD_2020/yr)")
    _warn_exceeded(results.allocation)
    console.print(f"[dim]total {results.timings['total']:.2f} s[/]")
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def scenarios(sector: Annotated[str, typer.Argument(help="sector")] = "steel") -> None:
    """List the built-in scenarios of a sector."""
    from sectorpath.scenarios.model import builtin_names, load_scenario

    for name in builtin_names(sector):
        console.print(f"[bold]{name}[/]: {load_scenario(sector, name).description}")


@app.command()
def sectors() -> None:
    """List the sectors."""
    from sectorpath.models import get_model
    from sectorpath.sectors import sector_names

    for name in sector_names():
        console.print(f"[bold]{name}[/]: {get_model(name).describe()}")


def _warn_exceeded(allocation: pd.DataFrame) -> None:
    """Say where a capped sector could not get down to its allocation of a resource."""
    if allocation.empty:
        return
    over = allocation[allocation["exceeded"]]
    for (resource, sector), rows in over.groupby(["resource", "sector"]):
        worst = rows.iloc[int((rows["used"] - rows["allocated"]).to_numpy().argmax())]
        console.print(f"[yellow]warning:[/] {sector} uses more {resource} than allocated in "
                      f"{len(rows)} years (worst {int(worst['year'])}: {worst['used']:,.0f} vs "
                      f"{worst['allocated']:,.0f} {worst['unit']}): no option free of every "
                      "binding limit, or vehicles already on the road")


def _print_frame(frame: pd.DataFrame, title: str, limit: int = 30) -> None:
    """A small table as it is (first ``limit`` rows)."""
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*(f"{v:,.1f}" if isinstance(v, float) else str(v) for v in row))
    console.print(table)
    if len(frame) > limit:
        console.print(f"[dim]... {len(frame) - limit} more rows in the CSV[/]")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def _print_summary(frame: pd.DataFrame, title: str) -> None:
    """Headline figures, one row per quantity and one column per year."""
    table = Table(title=title)
    table.add_column("World")
    for year in frame.index:
        table.add_column(str(year), justify="right")
    for name, column in frame.items():
        table.add_row(str(name), *(f"{value:,.1f}" for value in column))
    console.print(table)


if __name__ == "__main__":
    app()
__import__("sectorpath.dashboard.cli", fromlist=["register"]).register(app)
__import__("sectorpath.ensemble.cli").ensemble.cli.register(app)
__import__("sectorpath.alignment.cli", fromlist=["register"]).register(app)

"""Command line: ``sectorpath run SECTOR --scenario NAME --out DIR`` and friends."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sectorpath.errors import InputError
from sectorpath.outputs import OutputFolder, interrupted

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
    force: Annotated[bool, typer.Option(help="overwrite results already in OUT")] = False,
) -> None:
    """Simulate SECTOR 2020-2050 under SCENARIO; write IAMC Parquet/CSV and charts to OUT.

    SECTOR "all" runs every sector of a cross-sector scenario, sharing capped resources.
    """
    if sector == "all":
        _run_all(scenario, out, charts, force)
        return
    from sectorpath.api import run as run_model
    from sectorpath.charts import write_charts
    from sectorpath.models import get_model
    from sectorpath.tables import LAST_YEAR

    try:
        folder = OutputFolder(out, force)
        first = get_model(sector).first_year
        with _progress() as progress:
            task = progress.add_task(f"{sector} / {scenario}", total=LAST_YEAR - first + 1)
            results = run_model(sector, scenario, data_dir=data,
                                progress=lambda year: progress.update(
                                    task, advance=1, description=f"{sector} / {scenario}: {year}"))
        written = results.write(out, force)
        if charts:
            written += write_charts(results, out, force)
        reports = {name: make(results) for name, make in results.model.reports.items()}
        written += [folder.frame(frame, f"{sector}_{results.scenario}_{name}.csv")
                    for name, frame in reports.items()]
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    except KeyboardInterrupt:
        interrupted(console.print)
    _print_summary(results.summary(), f"{sector} - {results.scenario} (World)")
    for name, frame in reports.items():
        _print_frame(frame, name.replace("_", " "))
    _warn_missed(results.missed_limits())
    timings = ", ".join(f"{k} {v:.2f} s" for k, v in results.timings.items())
    console.print(f"[dim]{timings}[/]")
    for path in written:
        console.print(f"wrote {path}")


def _run_all(scenario: str, out: Path, charts: bool, force: bool) -> None:
    from sectorpath.crosssector import run_all
    from sectorpath.crosssector.charts import write_all_charts

    try:
        OutputFolder(out, force)
        with _progress() as progress:
            task = progress.add_task(f"all / {scenario}", total=None)
            results = run_all(scenario, progress=lambda name: progress.update(
                task, advance=1, description=f"all / {scenario}: {name} done"))
        written = results.write(out, force)
        if charts:
            written += write_all_charts(results, out, force)
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    except KeyboardInterrupt:
        interrupted(console.print)
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
    _warn_exceeded(results.allocation)
    console.print(f"[dim]total {results.timings['total']:.2f} s[/]")
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def scenarios(sector: Annotated[str, typer.Argument(help="sector")] = "steel") -> None:
    """List the built-in scenarios of a sector ("all": the cross-sector scenarios)."""
    from sectorpath.crosssector.scenario import load_all_scenario
    from sectorpath.scenarios.model import builtin_names, load_scenario
    from sectorpath.sectors import sector_names

    if sector not in [*sector_names(), "all"]:
        console.print("[bold red]error:[/] " + str(InputError(
            "command line", "SECTOR", f"unknown sector {sector!r}",
            allowed=[*sector_names(), "all"])))
        raise typer.Exit(code=2)
    load = load_all_scenario if sector == "all" else partial(load_scenario, sector)
    for name in builtin_names(sector):
        console.print(f"[bold]{name}[/]: {load(name).description}")


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


def _warn_missed(missed: pd.DataFrame) -> None:
    """Say which limits the run could not meet, in how many years and by how much."""
    for limit, rows in missed.groupby("limit", sort=False):
        worst = rows.iloc[int(rows["excess"].to_numpy(float).argmax())]
        console.print(f"[yellow]warning:[/] limit not met in {len(rows)} years: {limit} "
                      f"(worst {int(worst['year'])}: {worst['value']:,.1f} against "
                      f"{worst['limit_value']:,.1f} {worst['unit']}, "
                      f"{worst['excess']:,.1f} over)")


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

"""``sectorpath run``, ``run all``, ``scenarios`` and ``sectors``."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from sectorpath.cli.console import (
    console,
    print_frame,
    print_summary,
    progress_bar,
    warn_missed,
)
from sectorpath.errors import InputError
from sectorpath.outputs import OutputFolder, interrupted

if TYPE_CHECKING:
    import pandas as pd


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
    try:  # the engine is imported here, so that Ctrl-C while it loads is clean too
        from sectorpath.api import run as run_model
        from sectorpath.charts import write_charts
        from sectorpath.models import get_model
        from sectorpath.tables import LAST_YEAR

        folder = OutputFolder(out, force)
        first = get_model(sector).first_year
        with progress_bar() as progress:
            task = progress.add_task(f"{sector} / {scenario}", total=LAST_YEAR - first + 1)
            results = run_model(sector, scenario, data_dir=data,
                                progress=lambda year: progress.update(
                                    task, advance=1, description=f"{sector} / {scenario}: {year}"))
        written = results.write(out, force)
        if charts:
            written += write_charts(results, out, force)
        reports = {name: make(results) for name, make in results.model.reports.items()}
        reports = {name: frame for name, frame in reports.items() if not frame.empty}
        written += [folder.frame(frame, f"{sector}_{results.scenario}_{name}.csv")
                    for name, frame in reports.items()]
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    except KeyboardInterrupt:
        interrupted(console.print)
    print_summary(results.summary(), f"{sector} - {results.scenario} (World)")
    for name, frame in reports.items():
        print_frame(frame, name.replace("_", " "))
    warn_missed(results.missed_limits())
    timings = ", ".join(f"{k} {v:.2f} s" for k, v in results.timings.items())
    console.print(f"[dim]{timings}[/]")
    for path in written:
        console.print(f"wrote {path}")


def _run_all(scenario: str, out: Path, charts: bool, force: bool) -> None:
    try:
        from sectorpath.crosssector import run_all
        from sectorpath.crosssector.charts import write_all_charts

        OutputFolder(out, force)
        with progress_bar() as progress:
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
    print_summary(summary.T, f"all sectors - {results.scenario.name}")
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
    print_frame(what.reset_index(), "What it takes (2050 unless stated; "
                "investment: mean 2021-2050, billion USD_2020/yr)")
    _warn_exceeded(results.allocation)
    _say_net_zero(results.net_zero_check())
    console.print(f"[dim]total {results.timings['total']:.2f} s[/]")
    for path in written:
        console.print(f"wrote {path}")


def scenarios(sector: Annotated[str, typer.Argument(help="sector")] = "steel") -> None:
    """List the built-in scenarios of a sector ("all": the cross-sector scenarios)."""
    from sectorpath.crosssector.scenario import all_scenario_names, load_all_scenario
    from sectorpath.scenarios.model import builtin_names, load_scenario
    from sectorpath.sectors import sector_names

    if sector not in [*sector_names(), "all"]:
        console.print("[bold red]error:[/] " + str(InputError(
            "command line", "SECTOR", f"unknown sector {sector!r}",
            allowed=[*sector_names(), "all"])))
        raise typer.Exit(code=2)
    load = load_all_scenario if sector == "all" else partial(load_scenario, sector)
    for name in all_scenario_names() if sector == "all" else builtin_names(sector):
        console.print(f"[bold]{name}[/]: {load(name).description}")


def sectors() -> None:
    """List the sectors."""
    from sectorpath.models import get_model
    from sectorpath.sectors import sector_names

    for name in sector_names():
        console.print(f"[bold]{name}[/]: {get_model(name).describe()}")


def _say_net_zero(check: pd.DataFrame) -> None:
    """One sentence: the sectors' 2050 total against the net-zero limit, with the shortfall."""
    total = check.set_index("sector").loc["Total"]
    residuals = ", ".join(f"{row['sector']} {row['residual_2050_mt']:,.0f}" for row in
                          check[check["sector"] != "Total"].sort_values(
                              "residual_2050_mt", ascending=False).to_dict("records"))
    verdict = ("[green]within[/]" if total["shortfall_mt"] <= 0 else
               f"[yellow]above[/] by {total['shortfall_mt']:,.0f} Mt")
    console.print(f"2050: {total['residual_2050_mt']:,.0f} Mt CO2 ({total['basis']}) against a "
                  f"net-zero limit of {total['limit_2050_mt']:,.0f} Mt "
                  f"(10% of {total['base_year']}): {verdict}. Residuals (Mt): {residuals}.")


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


def register(app: typer.Typer) -> None:
    """Add ``run``, ``scenarios`` and ``sectors`` to the command line."""
    app.command()(run)
    app.command()(scenarios)
    app.command()(sectors)

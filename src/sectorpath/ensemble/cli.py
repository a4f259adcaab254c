"""``sectorpath sweep``: an ensemble of runs with uncertain parameters, resumable.

Heavy modules are imported inside the command, so that ``sectorpath --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from sectorpath.cli.console import console
from sectorpath.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from sectorpath.ensemble.execute import Backend
    from sectorpath.ensemble.sweep import RunReport, Sweep

SUMMARY_YEARS = (2030, 2040, 2050)


def register(app: typer.Typer) -> None:
    """Add ``sweep`` to the main command line."""
    app.command()(sweep)


def sweep(
    sector: Annotated[str, typer.Argument(
        help="sector to run, e.g. steel, or all: the cross-sector run of a scenario file")],
    scenario: Annotated[str | None, typer.Option(
        help="built-in scenario name or .toml path with an uncertainty table")] = None,
    samples: Annotated[int | None, typer.Option(
        min=1, help="number of runs (sobol: at most)")] = None,
    design: Annotated[str | None, typer.Option(
        help="mc: Monte Carlo draws (default); sobol: Saltelli design for Sobol indices")
    ] = None,
    backend: Annotated[str, typer.Option(help="local (processes) or dask")] = "local",
    workers: Annotated[int | None, typer.Option(min=1, help="parallel workers (default: all "
                                                "cores)")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="address of a running Dask scheduler (--backend dask)")] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="seed of the draws (default 0)")] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="runs per task")] = None,
    resume: Annotated[str | None, typer.Option(help="run id of a sweep in OUT to finish")] = None,
    out: Annotated[Path, typer.Option(help="folder holding one subfolder per run id")] = Path(
        "sweeps"),
    data: Annotated[Path | None, typer.Option(help="folder replacing the packaged tables")] = None,
    charts: Annotated[bool, typer.Option(help="write fan charts (and Sobol chart)")] = True,
    across: Annotated[str | None, typer.Option(
        help="sweep all only: comma-separated built-in cross-sector scenarios to sweep with the "
             "file's uncertainty tables, and compare their robustness")] = None,
) -> None:
    """Run SECTOR many times with the scenario's uncertain parameters drawn from a seed.

    Batches are saved as they finish (OUT/RUN_ID); a killed sweep goes on with --resume.

    Writes p5/p50/p95 per variable and year, fan charts, and Sobol indices (--design sobol).
    """
    from sectorpath.ensemble.execute import make_backend

    if across is not None:
        _across(sector, scenario, samples, across, backend, workers, scheduler, seed,
                batch_size, out, charts)
        return
    chosen = None
    try:
        chosen = _open(sector, scenario, samples, design, seed, batch_size, workers, resume,
                       out, data)
        pending = chosen.pending()
        console.print(f"sweep [bold]{chosen.run_id}[/] in {chosen.root}: "
                      f"{chosen.manifest['runs']} runs of {sector} / {chosen.job.scenario.name}, "
                      f"{len(pending)} of {len(chosen.batches())} batches to run")
        with make_backend(backend, workers, scheduler) as engine:
            report = _run(chosen, engine, sum(b.samples.size for b in pending))
        written = chosen.write_report(charts)
    except InputError as error:
        console.print(f"[bold red]error:[/] {escape(str(error))}")
        raise typer.Exit(code=2) from None
    except KeyboardInterrupt:
        if chosen is not None:
            console.print("[yellow]interrupted[/]: finished batches are saved; continue with "
                          f"--resume {chosen.run_id} --out {out}")
        raise typer.Exit(code=130) from None
    _print_report(chosen, report, engine.workers, written)


def _across(sector: str, scenario: str | None, samples: int | None, across: str,
            backend: str, workers: int | None, scheduler: str | None, seed: int | None,
            batch_size: int | None, out: Path, charts: bool) -> None:
    """``--across``: one sweep per named cross-sector scenario, robustness compared."""
    from sectorpath.crosssector.scenario import all_scenario_names
    from sectorpath.ensemble.crosssector import ALL_DRAWS
    from sectorpath.ensemble.execute import make_backend
    from sectorpath.ensemble.sweep import sweep_across
    from sectorpath.outputs import check_folder

    names = [name.strip() for name in across.split(",") if name.strip()]
    try:
        if sector != "all":
            raise InputError("command line", "--across", f"with sector {sector!r}",
                             allowed="sweep all --across ...")
        if scenario is None or samples is None:
            raise InputError("command line", "--scenario" if scenario is None else "--samples",
                             "needed with --across", allowed="a value")
        unknown = sorted(set(names) - set(all_scenario_names())) or ([] if names else [""])
        if unknown:
            raise InputError("command line", "--across", f"unknown scenarios {unknown}",
                             allowed=all_scenario_names())
        check_folder(out)
        with make_backend(backend, workers, scheduler) as engine:
            done = sweep_across(Path(scenario), names, samples, out, engine, seed=seed or 0,
                                batch_size=batch_size, charts=charts)
    except InputError as error:
        console.print(f"[bold red]error:[/] {escape(str(error))}")
        raise typer.Exit(code=2) from None
    table = Table(title=f"Share of {samples} draws reaching each outcome")
    table.add_column("outcome")
    for name in names:
        table.add_column(name, justify="right")
    every = done.table[done.table["group"] == ALL_DRAWS]
    shares = every.pivot(index="outcome", columns="scenario", values="share")
    for outcome, row in shares.reindex(list(dict.fromkeys(every["outcome"]))).iterrows():
        table.add_row(str(outcome), *(f"{row[name]:.0%}" for name in names))
    console.print(table)
    for name, found in done.sweeps.items():
        console.print(f"{name}: sweep {found.run_id} in {found.root}")
    for path in done.written:
        console.print(f"wrote {path}")


def _open(sector: str, scenario: str | None, samples: int | None, design: str | None,
          seed: int | None, batch_size: int | None, workers: int | None, resume: str | None,
          out: Path, data: Path | None) -> Sweep:
    """A new sweep, or the one to resume (whose stored settings win; conflicts are errors)."""
    from sectorpath.ensemble.sweep import Sweep
    from sectorpath.outputs import check_folder

    check_folder(out)
    if resume:
        found = Sweep.open(out / resume)
        stored = {"sector": sector, "samples_requested": samples, "seed": seed,
                  "batch_size": batch_size}
        for key, given in stored.items():
            if given is not None and given != found.manifest[key]:
                raise InputError(found.root / "manifest.json", key, f"--resume continues the "
                                 f"stored sweep; {given!r} differs", allowed=[found.manifest[key]])
        found.refuse_changes(scenario, design, data)
        return found
    if scenario is None or samples is None:
        raise InputError("command line", "--scenario" if scenario is None else "--samples",
                         "needed for a new sweep", allowed="a value, or --resume RUN_ID")
    design = design or "mc"
    if sector == "all" and data is not None:
        raise InputError("command line", "--data", "a cross-sector sweep reads the packaged "
                         "tables", allowed="no --data with sweep all")
    if design not in ("mc", "sobol"):
        raise InputError("command line", "--design", f"unknown design {design!r}",
                         allowed=["mc", "sobol"])
    chosen_design: Literal["mc", "sobol"] = "sobol" if design == "sobol" else "mc"
    if chosen_design == "sobol":
        _need_salib()
    if sector == "all":
        return Sweep.create_all(Path(scenario), samples, out, seed=seed or 0,
                                design=chosen_design, batch_size=batch_size, workers=workers)
    return Sweep.create(sector, scenario, samples, out, seed=seed or 0, design=chosen_design,
                        batch_size=batch_size, workers=workers, data_dir=data)


def _need_salib() -> None:
    try:
        import SALib  # noqa: F401
    except ImportError:
        raise InputError("command line", "--design", "SALib is not installed",
                         allowed='mc, or sobol after pip install "SALib"') from None


def _run(chosen: Sweep, engine: Backend, runs: int) -> RunReport:
    label = f"{chosen.job.sector} / {chosen.job.scenario.name}"
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                  transient=True) as progress:
        task = progress.add_task(label, total=runs)
        return chosen.run(engine, progress=lambda n: progress.update(task, advance=n),
                          notify=lambda line: console.print(f"[yellow]{escape(line)}[/]"))


def _print_report(chosen: Sweep, report: RunReport, workers: int, written: list[Path]) -> None:
    summary = chosen.summary()
    if not summary.empty:
        _print_percentiles(summary, chosen.manifest["label"],
                           f"{chosen.job.sector} - {chosen.job.scenario.name}: median "
                           r"\[p5 - p95], World")
    failures = chosen.failures()
    if not failures.empty:
        counts = failures.groupby("stage").size()
        console.print(f"[red]{len(failures)} runs failed[/] ("
                      + ", ".join(f"{n} at {stage}" for stage, n in counts.items())
                      + f"); see {chosen.root / 'failures'}; first: "
                      + escape(str(failures["error"].iloc[0])))
    if report.retries:
        console.print(f"[yellow]{len(report.retries)} batch retries after worker crashes[/] "
                      f"(log: {chosen.root / 'log.jsonl'})")
    if chosen.manifest["design"] == "sobol":
        _print_sobol(chosen)
    if report.runs:
        console.print(f"[dim]{report.runs} runs in {report.seconds:.1f} s on {workers} workers "
                      f"({report.seconds / report.runs * 1e3:.1f} ms of wall time per run)[/]")
    for path in written:
        console.print(f"wrote {path}")


def _print_percentiles(summary: pd.DataFrame, label: str, title: str) -> None:
    table = Table(title=title)
    table.add_column("variable")
    table.add_column("unit")
    years = [y for y in SUMMARY_YEARS if y in set(summary["year"])]
    for year in years:
        table.add_column(str(year), justify="right")
    for variable, rows in summary.groupby("variable", sort=False):
        by_year = rows.set_index("year")[["p5", "p50", "p95"]].astype(float)
        table.add_row(str(variable).replace(f"|{label}", ""), str(rows["unit"].iloc[0]), *(
            "{1:,.0f} \\[{0:,.0f}-{2:,.0f}]".format(*by_year.loc[y]) for y in years))
    console.print(table)


def _print_sobol(chosen: Sweep) -> None:
    missing = chosen.missing_runs()
    if missing:
        console.print(f"[red]no Sobol indices[/]: {missing} runs of the design failed or are "
                      "not done")
        return
    indices = chosen.sobol()
    table = Table(title="Sobol indices: total (first order)")
    table.add_column("parameter")
    outputs = list(dict.fromkeys(indices["output"]))
    for output in outputs:
        table.add_column(output, justify="right")
    for parameter, rows in indices.groupby("parameter", sort=False):
        by_output = rows.set_index("output")[["ST", "S1"]].astype(float)
        table.add_row(str(parameter), *("{:.2f} ({:.2f})".format(*by_output.loc[o])
                                        for o in outputs))
    console.print(table)

"""``sectorpath align``: a loan book, its companies and their targets against the pathways."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sectorpath.alignment import DEFAULT_SCENARIO
from sectorpath.cli.console import console, print_frame, progress_bar
from sectorpath.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from sectorpath.alignment.result import Alignment


def register(app: typer.Typer) -> None:
    """Add ``align``, ``match`` and ``match-import`` to the main command line."""
    app.command(name="align")(align)
    app.command(name="match")(match)
    app.command(name="match-import")(match_import)
    app.command(name="poseidon")(poseidon)


def poseidon(
    vessels: Annotated[Path, typer.Argument(
        help="vessel-years, CSV (imo_number, ship_type, dwt, year, outstanding, [portfolio], "
        "aer or distance_nm)")],
    fuel: Annotated[Path | None, typer.Option(
        help="fuel use, CSV (imo_number, year, fuel, tonnes)")] = None,
    trajectory: Annotated[Path | None, typer.Option(
        help="trajectory factors, CSV (year, ambition, factor); default: the packaged "
        "approximation of the IMO 2023 Strategy")] = None,
    out: Annotated[Path, typer.Option(help="folder for the tables")] = Path("results"),
) -> None:
    """Poseidon Principles: each vessel's AER (and well-to-wake CO2e) against the trajectory
    of its type and size, minimum and striving, and each portfolio's climate alignment."""
    import pandas as pd

    from sectorpath.alignment import poseidon as pp

    try:
        frame = pd.read_csv(vessels, dtype={"imo_number": str})
        fuel_use = pd.read_csv(fuel, dtype={"imo_number": str}) if fuel else None
        factors = pd.read_csv(trajectory) if trajectory else pp.TRAJECTORY_FACTORS
        rows, portfolios = pp.alignment(*pp.read_vessels(frame, fuel_use, str(vessels)),
                                        factors)
    except (InputError, OSError, pd.errors.ParserError) as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    print_frame(portfolios, "portfolio climate alignment (delta > 0: above the trajectory)")
    for name, table in (("vessels", rows), ("portfolios", portfolios)):
        path = out / f"poseidon_{name}.csv"
        _write_csv(table, path)
        console.print(f"wrote {path}")


def match(
    loanbook: Annotated[Path, typer.Argument(
        help="raw loan book, CSV or Parquet (loan_id, name_direct_loantaker, "
        "[name_ultimate_parent], exposure, sector or sector_classification_system + "
        "sector_classification_direct_loantaker)")],
    companies: Annotated[Path, typer.Option(
        help="the companies file of align (company_id, sector, optional name)")],
    out: Annotated[Path, typer.Option(help="CSV of candidate matches to validate")] = Path(
        "matches.csv"),
    min_score: Annotated[float, typer.Option(
        help="lowest Jaro-Winkler similarity kept (0-1)", min=0.0, max=1.0)] = 0.8,
) -> None:
    """Match a raw loan book's borrowers (direct and ultimate parent) to the companies by
    name; write the candidates to OUT for manual validation (set score to 1 on right
    matches, then run match-import)."""
    from sectorpath.alignment.inputs import read_input
    from sectorpath.alignment.matching import match_names, read_loanbook

    try:
        loans = read_loanbook(loanbook)
        candidates = match_names(loans, read_input(companies, "companies"), min_score)
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    _write_csv(candidates, out)
    exact = int((candidates["score"] == 1).sum())
    console.print(f"{len(candidates)} candidate matches for "
                  f"{candidates['loan_id'].nunique()} of {len(loans)} loans ({exact} exact); "
                  f"wrote {out}: set score to 1 on the right ones, then run "
                  f"`sectorpath match-import {out} --loanbook {loanbook}`")


def match_import(
    validated: Annotated[Path, typer.Argument(help="the checked match file (score 1 = right)")],
    loanbook: Annotated[Path, typer.Option(help="the raw loan book matched")],
    out: Annotated[Path, typer.Option(help="portfolio file for align")] = Path(
        "portfolio.csv"),
) -> None:
    """Turn validated matches into the portfolio input of align (per loan: the direct
    borrower's match, else the ultimate parent's)."""
    from sectorpath.alignment.matching import (
        prioritize,
        read_loanbook,
        read_validated,
        unmatched,
    )

    try:
        loans = read_loanbook(loanbook)
        portfolio = prioritize(read_validated(validated), loans, validated)
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    missing = unmatched(portfolio, loans)
    if not missing.empty:
        print_frame(missing, "loans without an accepted match (left out)")
    _write_csv(portfolio, out)
    console.print(f"{len(portfolio)} of {len(loans)} loans matched "
                  f"({portfolio['exposure'].sum():,.0f} of {loans['exposure'].sum():,.0f} "
                  f"exposure); wrote {out}")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as CSV under a temporary name, then rename (atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    frame.to_csv(partial, index=False)
    partial.replace(path)


def align(
    portfolio: Annotated[Path | None, typer.Option(
        help="loan book, CSV or Parquet (counterparty, sector, exposure); default: the "
        "packaged synthetic example")] = None,
    scenario: Annotated[str, typer.Option(
        help="pathway set (net-zero), cross-sector scenario, a sector scenario name or a "
        "cross-sector .toml")] = DEFAULT_SCENARIO,
    companies: Annotated[Path | None, typer.Option(
        help="company production and intensity; default: companies.csv beside the "
        "portfolio")] = None,
    targets: Annotated[Path | None, typer.Option(
        help="company targets; default: targets.csv beside the portfolio, if there")] = None,
    out: Annotated[Path, typer.Option(help="folder for tables and charts")] = Path("results"),
    year: Annotated[int | None, typer.Option(
        help="year of the printed summary and the technology-mix chart (default: the last "
        "year with results, at most 2030)")] = None,
    charts: Annotated[bool, typer.Option(help="write interactive HTML charts")] = True,
    method: Annotated[str, typer.Option(
        help="pacta: market share and SDA as r2dii.analysis (fixed loan weights, corporate "
        "economy, adjusted scenario, m = 1); sbti: SBTi SDA per company with the "
        "market-share parameter")] = "pacta",
    market_share: Annotated[bool, typer.Option(
        help="with --method sbti: SDA with the market-share parameter; off: m = 1")] = True,
    market_scenario: Annotated[list[Path] | None, typer.Option(
        help="market-share scenario in r2dii's format (scenario_source, scenario, sector, "
        "technology, region, year, tmsr, smsp); repeatable")] = None,
    co2_scenario: Annotated[list[Path] | None, typer.Option(
        help="emission-intensity scenario in r2dii's format (scenario_source, scenario, "
        "sector, region, year, emission_factor); repeatable")] = None,
    force: Annotated[bool, typer.Option(help="overwrite results already in OUT")] = False,
) -> None:
    """Align companies, their targets and portfolios with the sector pathways of SCENARIO;
    write the tables (CSV, Parquet, IAMC) and charts to OUT."""
    from sectorpath.alignment import EXAMPLE
    from sectorpath.alignment import align as run_alignment
    from sectorpath.alignment.charts import write_alignment_charts
    from sectorpath.alignment.inputs import read_inputs
    from sectorpath.outputs import OutputFolder, interrupted

    portfolio = portfolio if portfolio is not None else EXAMPLE / "portfolio.csv"
    try:
        OutputFolder(out, force)
        companies = companies if companies is not None else _beside(portfolio, "companies")
        if companies is None:
            raise InputError("command line", "companies", "no companies file given and none "
                             f"beside {portfolio}", allowed="--companies FILE, or "
                             "companies.csv / companies.parquet in the portfolio's folder")
        targets = targets if targets is not None else _beside(portfolio, "targets")
        inputs = read_inputs(portfolio, companies, targets)
        market = _scenarios(market_scenario, "market_share_scenario")
        co2 = _scenarios(co2_scenario, "co2_intensity_scenario")
        with progress_bar() as progress:
            progress.add_task(f"align / {scenario}: running the sector pathways", total=None)
            result = run_alignment(inputs, scenario, market_share=market_share, method=method,
                                   market_scenarios=market, co2_scenarios=co2)
        written = result.write(out, force)
        if charts:
            written += write_alignment_charts(result, out, year, force)
    except InputError as error:
        console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    except KeyboardInterrupt:
        interrupted(console.print)
    _report(result, year)
    for path in written:
        console.print(f"wrote {path}")


def _scenarios(paths: list[Path] | None, kind: str) -> pd.DataFrame | None:
    """The scenario files of one kind, read, validated and stacked (None without any)."""
    import pandas as pd

    from sectorpath.alignment.scenario_sources import read_scenario, validate_scenario

    if not paths:
        return None
    stacked = pd.concat([read_scenario(p, kind) for p in paths], ignore_index=True)
    return validate_scenario(stacked, kind, ", ".join(str(p) for p in paths))


def _beside(portfolio: Path, name: str) -> Path | None:
    """``<name>.csv`` or ``.parquet`` in the portfolio's folder, if there."""
    for suffix in (".csv", ".parquet"):
        path = portfolio.parent / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def _report(result: Alignment, year: int | None) -> None:
    """Print the portfolio summary, sectors without a pathway, targets and the gap."""

    chosen = result.report_year(year)
    print_frame(result.summary(chosen), f"portfolio alignment in {chosen} "
                 f"({result.scenario} pathways; deviation > 0: above the benchmark)")
    missing = result.coverage[result.coverage["status"] != "matched"]
    if not missing.empty:
        print_frame(missing, "loans without a result")
    if not result.targets.empty:
        counts = result.targets.groupby(["sector", "status"]).size().unstack(fill_value=0)
        print_frame(counts.reset_index(), "company targets")
        gap = result.commitment_gap
        print_frame(gap[gap["year"].isin([chosen, 2050])].drop(columns="unit"),
                     "commitment gap (Mt CO2/yr; > 0: targets above the pathway)")
    timings = ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items())
    console.print(f"[dim]{timings}[/]")

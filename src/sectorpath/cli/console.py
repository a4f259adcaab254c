"""What every command of the command line shares: one console, progress bars and tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:
    import pandas as pd

console = Console()


def progress_bar() -> Progress:
    """A transient progress bar on the shared console."""
    return Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def print_frame(frame: pd.DataFrame, title: str, limit: int = 30) -> None:
    """A small table as it is (first ``limit`` rows)."""
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*(f"{v:,.1f}" if isinstance(v, float) else str(v) for v in row))
    console.print(table)
    if len(frame) > limit:
        console.print(f"[dim]... {len(frame) - limit} more rows in the CSV[/]")


def print_summary(frame: pd.DataFrame, title: str) -> None:
    """Headline figures, one row per quantity and one column per year."""
    table = Table(title=title)
    table.add_column("World")
    for year in frame.index:
        table.add_column(str(year), justify="right")
    for name, column in frame.items():
        table.add_row(str(name), *(f"{value:,.1f}" for value in column))
    console.print(table)


def warn_missed(missed: pd.DataFrame) -> None:
    """Say which limits a run could not meet, in how many years and by how much."""
    for limit, rows in missed.groupby("limit", sort=False):
        worst = rows.iloc[int(rows["excess"].to_numpy(float).argmax())]
        console.print(f"[yellow]warning:[/] limit not met in {len(rows)} years: {limit} "
                      f"(worst {int(worst['year'])}: {worst['value']:,.1f} against "
                      f"{worst['limit_value']:,.1f} {worst['unit']}, "
                      f"{worst['excess']:,.1f} over)")

"""Downloads: each table as CSV, Excel or IAMC CSV; a whole run as IAMC CSV or one workbook."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from sectorpath.dashboard.views import Table
from sectorpath.errors import InputError

FORMATS = ("csv", "xlsx", "iamc")
MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "toml": "application/toml; charset=utf-8"}
EXCEL_SHEET_CHARS = 31


@dataclass(frozen=True)
class Download:
    """A file to send: its name, media type and bytes."""

    filename: str
    media_type: str
    content: bytes


def table_download(table: Table, fmt: str, stem: str) -> Download:
    """One table as CSV (``csv``), a one-sheet workbook (``xlsx``) or its IAMC rows (``iamc``)."""
    if fmt not in FORMATS:
        raise InputError("download", "format", f"unknown format {fmt!r}", allowed=FORMATS)
    if fmt == "csv":
        return Download(f"{stem}_{table.name}.csv", MEDIA["csv"], _csv(_flat(table.frame)))
    if fmt == "xlsx":
        return Download(f"{stem}_{table.name}.xlsx", MEDIA["xlsx"],
                        workbook({table.name: table.frame}))
    if table.iamc is None:
        raise InputError("download", "format", f"table {table.name!r} has no IAMC form "
                         "(it is not a time series)", allowed=["csv", "xlsx"])
    return Download(f"{stem}_{table.name}_iamc.csv", MEDIA["csv"], _csv(table.iamc))


def run_download(iamc: pd.DataFrame, tables: list[Table], fmt: str, stem: str) -> Download:
    """The whole run: its IAMC table (``iamc``) or every table plus IAMC in one workbook."""
    if fmt == "iamc":
        return Download(f"{stem}_iamc.csv", MEDIA["csv"], _csv(iamc))
    if fmt == "xlsx":
        sheets = {table.name: table.frame for table in tables}
        sheets["iamc"] = iamc
        return Download(f"{stem}.xlsx", MEDIA["xlsx"], workbook(sheets))
    raise InputError("download", "format", f"unknown format {fmt!r} for a whole run",
                     allowed=["iamc", "xlsx"])


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A named index becomes the first column (year tables); a plain range index is dropped."""
    if frame.index.name is None:
        return frame.reset_index(drop=True)
    return frame.reset_index()


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def workbook(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per table (names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for name, frame in sheets.items():
            _flat(frame).to_excel(writer, sheet_name=name[:EXCEL_SHEET_CHARS], index=False)
    return buffer.getvalue()

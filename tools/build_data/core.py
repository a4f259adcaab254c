"""What every data builder shares: where things are, the horizon, the command line and the writer.

A builder (``tools/build_data/<sector>.py``) turns published figures into the sector's
packaged tables (``src/sectorpath/sectors/<sector>/data/*.csv``). It writes each table with
:func:`write_table`, which checks the table against its pandera schema in
:mod:`sectorpath.tables` exactly as the package will read it, and only then replaces the file
(atomically). Provenance is the data folder's ``SOURCES.md``: it names the builder and every
source; the tables themselves stay plain CSV so that every reader takes them as they are.

Published inputs are found in ``--source``: the folder of published data, by default
``../shared/data`` beside the repository (``<source>/mpp/<sector>/...`` for MPP's files).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sectorpath.errors import InputError
from sectorpath.tables import FIRST_YEAR, LAST_YEAR, SCHEMAS, WORLD, read_table

REPO = Path(__file__).resolve().parents[2]
#: Published inputs (MPP's files under ``mpp/``), kept beside the repository, never in it.
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
SECTORS_DIR = REPO / "src" / "sectorpath" / "sectors"

#: The model horizon, every year (the engine's, from :mod:`sectorpath.tables`).
YEARS: list[int] = list(range(FIRST_YEAR, LAST_YEAR + 1))
__all__ = ["FIRST_YEAR", "LAST_YEAR", "TEN_DIGITS", "WORLD", "YEARS", "Args",
           "argument_parser", "parse_args", "write_table"]

#: How a builder writes floats: a ``%`` format, a function of one float, or None for Python's
#: shortest round-trip form. Each builder keeps the format its committed tables were made with.
FloatFormat = str | Callable[[float], str] | None
#: Ten significant digits, exponent only for very large or small numbers.
TEN_DIGITS = "%.10g"


def data_dir(sector: str) -> Path:
    """The packaged data folder of ``sector``."""
    return SECTORS_DIR / sector / "data"


@dataclass(frozen=True)
class Args:
    """A builder's command line: the published-data folder (None if it reads none) and the
    output folder."""

    source: Path | None
    out: Path

    def published(self, *parts: str) -> Path:
        """A path inside the published-data folder, e.g. ``published("mpp", "steel")``."""
        if self.source is None:
            raise TypeError("this builder takes no --source")
        return self.source.joinpath(*parts)


def argument_parser(description: str, sector: str, *,
                    reads_source: bool) -> argparse.ArgumentParser:
    """The options every builder has: ``--out`` (default: the sector's data folder) and, for a
    builder that reads published files, ``--source`` (default ``../shared/data`` beside the
    repository). A builder with options of its own adds them to this parser."""
    parser = argparse.ArgumentParser(description=description)
    if reads_source:
        parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                            help="folder of published data (holds mpp/...); "
                                 "default: ../shared/data beside the repository")
    parser.add_argument("--out", type=Path, default=data_dir(sector), help="output data folder")
    return parser


def parse_args(argv: Sequence[str] | None, description: str, sector: str, *,
               reads_source: bool) -> Args:
    """The common options of :func:`argument_parser`, parsed."""
    parser = argument_parser(description, sector, reads_source=reads_source)
    args = parser.parse_args(list(argv) if argv is not None else None)
    return Args(source=args.source if reads_source else None, out=args.out)


def write_table(frame: pd.DataFrame, out: Path, name: str, *,
                float_format: FloatFormat = None, empty_cells: Collection[str] = ()) -> Path:
    """Write ``frame`` as ``out/<name>.csv`` once it passes the schema ``name``; return the path.

    The CSV text is read back as :func:`sectorpath.tables.read_table` reads it and validated
    there, so a table that the package would refuse is never written; an InputError names the
    file and the field. An empty cell is refused too, except in a column the schema declares
    nullable or one named in ``empty_cells`` (a column the schema does not declare). The file
    is replaced in one step: a half-written table is never seen.
    """
    if name not in SCHEMAS:
        raise KeyError(f"no schema for table {name!r} in sectorpath.tables.SCHEMAS")
    path = out / f"{name}.csv"
    declared = SCHEMAS[name].columns
    for column in frame.columns[frame.isna().any()]:
        if not (column in empty_cells or (column in declared and declared[column].nullable)):
            raise InputError(path, str(column), "empty cell",
                             allowed="a value in every row (no NaN)")
    text = frame.to_csv(index=False, lineterminator="\n", float_format=float_format)
    out.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".csv", dir=out)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        try:
            read_table(Path(temporary), name)
        except InputError as exc:
            raise InputError(path, exc.field, exc.problem, exc.allowed) from None
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    print(f"{path.name}: {len(frame)} rows")
    return path

"""Every output file is written here: atomically, under a safe name, never over existing
results unless asked to.

- Atomic: a file is written under a unique temporary name in its own folder
  (``.NAME.PID.RANDOM.tmp``) and renamed over its final name with ``os.replace``, so a reader,
  a crash or Ctrl-C never sees half a file; an interrupted write removes its temporary file.
- Safe names: a file name made from a scenario's ``name`` (or any other user text) is
  sanitised, not refused: every character outside letters, digits and ``._+-`` becomes
  ``-`` and leading dots are dropped, so ``x/../../escaped`` becomes ``x-..-..-escaped``
  inside the output folder. The final path is checked to lie directly in that folder.
- No silent overwrite: ``OutputFolder(out, force=False)`` refuses (InputError naming the
  file) to replace a file that is already there; ``force=True`` (``--force``) replaces it.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sectorpath.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

UNSAFE = re.compile(r"[^A-Za-z0-9._+-]")
TEMPORARY_SUFFIX = ".tmp"
PLOTLY_BUNDLE = "plotly.min.js"


def safe_name(name: str) -> str:
    """``name`` as a plain file name: no folder separators, no leading dot, never empty."""
    cleaned = UNSAFE.sub("-", name).lstrip(".")
    return cleaned or "unnamed"


def temporary_path(path: Path) -> Path:
    """A unique temporary name beside ``path`` that names the writing process."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


def writer_pid(temporary: Path) -> int | None:
    """The process id in a name made by ``temporary_path`` (None if there is none)."""
    parts = temporary.name.split(".")
    return int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else None


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary)`` and rename the temporary file to ``path``; on any failure,
    Ctrl-C included, the temporary file is removed and ``path`` is left as it was."""
    temporary = temporary_path(path)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """``text`` (UTF-8) to ``path``, atomically."""
    return atomic_write(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def write_frame(frame: pd.DataFrame, path: Path) -> Path:
    """A table as CSV or Parquet (by the suffix of ``path``), without index, atomically."""
    if path.suffix == ".parquet":
        return atomic_write(path, lambda temporary: frame.to_parquet(temporary, index=False))
    if path.suffix == ".csv":
        return atomic_write(path, lambda temporary: _write_csv(frame, temporary))
    raise ValueError(f"no table format for {path.name}: use .csv or .parquet")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV through Arrow's writer (several times faster than pandas' on IAMC tables; numbers
    written in the shortest form that reads back exactly, text quoted), or pandas' for a
    column Arrow cannot type (mixed text and numbers)."""
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        frame.to_csv(path, index=False)
        return
    arrow_csv.write_csv(table, path, arrow_csv.WriteOptions(quoting_style="needed"))


def write_figure(figure: go.Figure, path: Path) -> Path:
    """A plotly figure as an HTML page that loads plotly.js from its own folder (written once
    beside it, also atomically), so the pages open offline."""
    bundle = path.with_name(PLOTLY_BUNDLE)
    if not bundle.exists():
        from plotly.offline import get_plotlyjs

        write_text(bundle, get_plotlyjs())
    return write_text(path, figure.to_html(include_plotlyjs="directory", full_html=True))


def check_folder(out: Path, option: str = "--out") -> Path:
    """InputError unless ``out`` is a folder, or can be made as one, that this process may
    write in; nothing is created (a command checks before it runs, and bad input leaves no
    empty folder behind)."""
    allowed = "a folder you can write to"
    if out.exists() and not out.is_dir():
        raise InputError(out, option, "is a file, not a folder", allowed=allowed)
    existing = next(p for p in (out.absolute(), *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise InputError(out, option, f"{existing} is a file, not a folder", allowed=allowed)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(out, option, f"no permission to write in {existing}", allowed=allowed)
    return out


class OutputFolder:
    """The folder a command writes into: safe names, atomic files, no silent overwrite.

    Made when first written to; an operating-system failure (permissions, a full disk)
    becomes an InputError naming the file instead of a traceback.
    """

    def __init__(self, root: Path, force: bool = False) -> None:
        self.root = check_folder(root)
        self.force = force

    def path(self, name: str) -> Path:
        """Where ``name`` (sanitised) goes; InputError if a file is there and not ``force``."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(self.root, "--out", f"cannot make the folder ({error.strerror})",
                             allowed="a folder you can write to") from None
        path = self.root / safe_name(name)
        if path.parent != self.root:
            raise InputError(self.root / name, "name", "would be written outside the folder",
                             allowed="a plain file name")
        if path.exists() and not self.force:
            raise InputError(path, "--force", "a result file is already there and is not "
                             "overwritten", allowed="--force to overwrite, or another --out")
        return path

    def frame(self, frame: pd.DataFrame, name: str) -> Path:
        """Write a table (``.csv`` or ``.parquet`` by the name)."""
        path = self.path(name)
        return _reported(path, lambda: write_frame(frame, path))

    def figure(self, figure: go.Figure, name: str) -> Path:
        """Write a chart as an HTML page."""
        path = self.path(name)
        return _reported(path, lambda: write_figure(figure, path))


def _reported(path: Path, write: Callable[[], Path]) -> Path:
    """``write()``, with an operating-system failure told as an InputError naming ``path``."""
    try:
        return write()
    except OSError as error:
        raise InputError(path, "--out", f"cannot be written ({error.strerror or error})",
                         allowed="a folder you can write to, with free space") from None


def interrupted(echo: Callable[[str], object]) -> NoReturn:
    """After Ctrl-C: one clean line and exit code 130, no traceback (the atomic writes have
    already removed their temporary files)."""
    import typer

    echo("interrupted: no partial file was left; files finished before are complete")
    raise typer.Exit(130)

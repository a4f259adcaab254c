"""A table of bad inputs to the command line (issue 12: files, folders, sweeps, names).

Each case must end in a clear error (exit 2, ``error:`` and the file or field named) or in
a valid result (exit 0, every written table complete and finite, nothing written outside
``--out``), never in a traceback. The scenario and engine checks have their own tables.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.cli import app
from sectorpath.sectors import get_sector
from tests.ensemble.conftest import UNCERTAIN

SECTOR = "trucking"  # the quickest sector to run
OUT = "out"

Build = Callable[[Path], list[str]]
"""Makes the files of a case under a folder and returns the command-line arguments."""


@dataclass(frozen=True)
class Case:
    name: str
    build: Build
    names: str = ""  # what the error message must name (empty: the run must succeed)


def _scenario(folder: Path, text: str | bytes, name: str = "s.toml") -> str:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def _run(folder: Path, *extra: str) -> list[str]:
    return ["run", SECTOR, "--out", str(folder / OUT), "--no-charts", *extra]


def _with_data(change: Callable[[Path], object]) -> Build:
    def build(folder: Path) -> list[str]:
        data = folder / "data"
        shutil.copytree(get_sector(SECTOR).data_dir, data)
        change(data)
        return _run(folder, "--data", str(data))
    return build


def _folder_as(path: Path) -> Path:
    path.mkdir()
    return path


def _file(path: Path) -> Path:
    path.write_text("x")
    return path


def _second_run(folder: Path) -> list[str]:
    (folder / OUT).mkdir()
    (folder / OUT / f"{SECTOR}_baseline.parquet").write_bytes(b"earlier results")
    return _run(folder)


def _sweep(folder: Path, out: Path) -> list[str]:
    return ["sweep", "steel", "--scenario", _scenario(folder, UNCERTAIN), "--samples", "2",
            "--out", str(out), "--no-charts", "--workers", "1"]


CASES = [
    Case("scenario not UTF-8", lambda f: _run(f, "--scenario", _scenario(
        f, 'extends = "baseline"\nname = "é"\n'.encode("latin-1"))), "s.toml"),
    Case("scenario binary garbage", lambda f: _run(f, "--scenario", _scenario(
        f, bytes(range(256)))), "s.toml"),
    Case("scenario empty", lambda f: _run(f, "--scenario", _scenario(f, "")), "name"),
    Case("scenario is a folder", lambda f: _run(f, "--scenario", str(
        _folder_as(f / "d.toml"))), "d.toml"),
    Case("scenario missing", lambda f: _run(f, "--scenario", str(f / "nope.toml")),
         "nope.toml"),
    Case("extends a folder", lambda f: _run(f, "--scenario", _scenario(
        f, f'extends = "{_folder_as(f / "p.toml").name}"\nname = "x"\n')), "extends"),
    Case("extends a missing file", lambda f: _run(f, "--scenario", _scenario(
        f, 'extends = "gone.toml"\nname = "x"\n')), "extends"),
    Case("extends itself", lambda f: _run(f, "--scenario", _scenario(
        f, 'extends = "s.toml"\nname = "x"\n')), "extends"),
    Case("name escapes --out", lambda f: _run(f, "--scenario", _scenario(
        f, 'extends = "baseline"\nname = "x/../../escaped"\n'))),
    Case("name is dots", lambda f: _run(f, "--scenario", _scenario(
        f, 'extends = "baseline"\nname = "../.."\n'))),
    Case("name with control characters", lambda f: _run(f, "--scenario", _scenario(
        f, 'extends = "baseline"\nname = "a\\u0000b\\nc"\n'))),
    Case("data table empty", _with_data(lambda d: (d / "activity.csv").write_text("")),
         "activity.csv"),
    Case("data table header only", _with_data(lambda d: (d / "activity.csv").write_text(
        (d / "activity.csv").read_text().splitlines()[0] + "\n")), "activity.csv"),
    Case("data table binary", _with_data(lambda d: (d / "activity.csv").write_bytes(
        bytes(range(256)) * 4)), "activity.csv"),
    Case("data table is a folder", _with_data(lambda d: _folder_as(
        (d / "activity.csv").rename(d / "moved.csv").with_name("activity.csv"))),
         "activity.csv"),
    Case("data table missing", _with_data(lambda d: (d / "activity.csv").unlink()),
         "activity.csv"),
    Case("data folder missing", lambda f: _run(f, "--data", str(f / "none")), "none"),
    Case("--out is a file", lambda f: [
        "run", SECTOR, "--out", str(_file(f / "file")), "--no-charts"], "--out"),
    Case("--out under a file", lambda f: [
        "run", SECTOR, "--out", str(_file(f / "file") / "sub"), "--no-charts"], "--out"),
    Case("results already there", _second_run, f"{SECTOR}_baseline.parquet"),
    Case("run all, --out is a file", lambda f: [
        "run", "all", "--out", str(_file(f / "file")), "--no-charts"], "--out"),
    Case("align, --out is a file", lambda f: [
        "align", "--out", str(_file(f / "file")), "--no-charts"], "--out"),
    Case("scenarios of an unknown sector", lambda f: ["scenarios", "nope"], "SECTOR"),
    Case("sweep, --out is a file", lambda f: _sweep(f, _file(f / OUT)), "--out"),
    Case("sweep, scenario not UTF-8", lambda f: [
        "sweep", "steel", "--scenario", _scenario(f, b"name = \"\xe9\"\n"), "--samples", "2",
        "--out", str(f / OUT)], "s.toml"),
    Case("sweep, resume of an unknown id", lambda f: [
        "sweep", "steel", "--resume", "nope", "--out", str(f)], "--resume"),
]


def _written_tables_are_complete(out: Path) -> None:
    tables = list(out.rglob("*.parquet"))
    assert tables, "a successful run wrote no table"
    for path in tables:
        frame = pd.read_parquet(path)
        assert len(frame) > 0, path
        values = frame.select_dtypes("number").to_numpy(float)
        assert np.isfinite(values[~np.isnan(values)]).all(), path


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_ends_in_a_clear_error_or_a_valid_result(case: Case, tmp_path: Path) -> None:
    args = case.build(tmp_path)
    result = CliRunner().invoke(app, args)
    output = " ".join(result.output.split()).replace(" ", "")  # rich wraps long lines
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback: {result.exception!r}\n{result.output}")
    assert not list(tmp_path.rglob(".*.tmp")), "a temporary file was left"
    if case.names:
        assert result.exit_code == 2, result.output
        assert "error:" in output and case.names.replace(" ", "") in output, result.output
    else:
        assert result.exit_code == 0, result.output
        outside = [p for p in tmp_path.rglob("*") if p.is_file()
                   and (tmp_path / OUT) not in p.parents and p.parent != tmp_path]
        assert not outside, outside
        _written_tables_are_complete(tmp_path / OUT)

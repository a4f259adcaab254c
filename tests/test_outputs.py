"""Issue 12, defects 7 and 10: atomic writes, safe names, no silent overwrite, Ctrl-C,
and clear errors instead of tracebacks for bad files and folders."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as arrow_csv
import pytest
from typer.testing import CliRunner

from sectorpath.cli import app
from sectorpath.errors import InputError
from sectorpath.outputs import OutputFolder, atomic_write, safe_name, write_frame

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["run", *args, "--no-charts"])
    return result.exit_code, result.output.replace("\n", "")  # rich wraps long lines


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_safe_name_keeps_a_name_inside_its_folder() -> None:
    assert safe_name("steel_carbon-cost.csv") == "steel_carbon-cost.csv"
    assert safe_name("x/../../escaped.csv") == "x-..-..-escaped.csv"
    assert safe_name("../../etc/passwd") == "-..-etc-passwd"
    assert safe_name("..") == "unnamed"
    assert "/" not in safe_name("a\\b/c d\x00e") and "\\" not in safe_name("a\\b")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = write_frame(pd.DataFrame({"a": [1, 2]}), tmp_path / "t.csv")
    before = path.read_bytes()

    def half_then_fail(temporary: Path) -> None:
        temporary.write_text("a\n1\n")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, half_then_fail)
    assert path.read_bytes() == before
    assert _files(tmp_path) == {"t.csv"}


def test_output_folder_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    OutputFolder(tmp_path).frame(pd.DataFrame({"a": [1]}), "t.csv")
    with pytest.raises(InputError, match=r"t\.csv.*--force"):
        OutputFolder(tmp_path).frame(pd.DataFrame({"a": [2]}), "t.csv")
    assert pd.read_csv(tmp_path / "t.csv")["a"].tolist() == [1]
    OutputFolder(tmp_path, force=True).frame(pd.DataFrame({"a": [2]}), "t.csv")
    assert pd.read_csv(tmp_path / "t.csv")["a"].tolist() == [2]


def test_scenario_name_cannot_write_outside_out(tmp_path: Path) -> None:
    """Defect 7: ``name = "x/../../escaped"`` wrote outside --out; the name is sanitised."""
    scenario = tmp_path / "escape.toml"
    scenario.write_text('extends = "baseline"\nname = "x/../../escaped"\n')
    out = tmp_path / "a" / "b" / "out"
    code, output = _run("trucking", "--scenario", str(scenario), "--out", str(out))
    assert code == 0, output
    outside = {f for f in _files(tmp_path) if not f.startswith("a/b/out/")}
    assert outside == {"escape.toml"}
    assert (out / "trucking_x-..-..-escaped.parquet").is_file()


def test_existing_results_are_refused_then_replaced_with_force(tmp_path: Path) -> None:
    """Defect 7: a second run into the same folder overwrote silently; now it is refused
    (exit 2, the file named) and nothing is touched, unless --force."""
    out = tmp_path / "out"
    assert _run("trucking", "--scenario", "baseline", "--out", str(out))[0] == 0
    parquet = out / "trucking_baseline.parquet"
    stamp = parquet.stat().st_mtime_ns
    code, output = _run("trucking", "--scenario", "baseline", "--out", str(out))
    assert code == 2 and "trucking_baseline.parquet" in output and "--force" in output
    assert parquet.stat().st_mtime_ns == stamp
    code, output = _run("trucking", "--scenario", "baseline", "--out", str(out), "--force")
    assert code == 0, output
    assert parquet.stat().st_mtime_ns > stamp


def test_ctrl_c_while_writing_leaves_no_partial_file(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Defect 7: Ctrl-C while the CSV was written left a truncated CSV and a traceback-less
    exit 130 with no word; now no partial file, one clean line, exit 130."""
    written_csv = arrow_csv.write_csv

    def interrupted_csv(table: pa.Table, path: object, *args: object, **kwargs: object) -> None:
        if str(path).endswith(".tmp"):
            written_csv(table.slice(0, 10), path, *args, **kwargs)
            raise KeyboardInterrupt
        written_csv(table, path, *args, **kwargs)

    monkeypatch.setattr(arrow_csv, "write_csv", interrupted_csv)
    out = tmp_path / "out"
    code, output = _run("trucking", "--scenario", "baseline", "--out", str(out))
    assert code == 130
    assert "interrupted" in output and "Traceback" not in output
    assert _files(out) == {"trucking_baseline.parquet"}  # whole; the CSV never appeared
    assert len(pd.read_parquet(out / "trucking_baseline.parquet")) > 1000


@pytest.mark.parametrize("make_out, problem", [
    (lambda root: (root / "file").write_text("x") and root / "file", "is a file"),
    (lambda root: (root / "file").write_text("x") and root / "file" / "sub", "is a file"),
])
def test_out_that_is_a_file_is_an_input_error(tmp_path: Path, make_out: object,
                                              problem: str) -> None:
    """Defect 10: ``--out`` naming a file gave a FileExistsError traceback."""
    out = make_out(tmp_path)  # type: ignore[operator]
    code, output = _run("trucking", "--out", str(out))
    assert code == 2 and "--out" in output and problem in output


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_out_not_writable_is_an_input_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, output = _run("trucking", "--out", str(locked / "out"))
    finally:
        locked.chmod(0o700)
    assert code == 2 and "--out" in output and "no permission" in output


def test_non_utf8_scenario_is_an_input_error(tmp_path: Path) -> None:
    """Defect 10: a Latin-1 scenario file gave a UnicodeDecodeError traceback."""
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('extends = "baseline"\nname = "café"\n'.encode("latin-1"))
    code, output = _run("trucking", "--scenario", str(bad), "--out", str(tmp_path / "o"))
    assert code == 2 and "latin1.toml" in output and "UTF-8" in output


def test_extends_to_a_folder_is_an_input_error(tmp_path: Path) -> None:
    """Defect 10: ``extends`` naming a folder gave an IsADirectoryError traceback."""
    (tmp_path / "folder.toml").mkdir()
    child = tmp_path / "child.toml"
    child.write_text('extends = "folder.toml"\nname = "child"\n')
    code, output = _run("trucking", "--scenario", str(child), "--out", str(tmp_path / "o"))
    assert code == 2 and "child.toml" in output and "extends" in output
    assert "folder" in output
    code, output = _run("trucking", "--scenario", str(tmp_path / "folder.toml"),
                        "--out", str(tmp_path / "o"))
    assert code == 2 and "folder" in output


@pytest.mark.parametrize("content, problem", [("", "empty"), ("region,year,value\n", "no rows")])
def test_empty_data_csv_is_an_input_error(tmp_path: Path, content: str, problem: str) -> None:
    """Defect 10: an empty data CSV gave an EmptyDataError traceback."""
    import shutil

    from sectorpath.sectors import get_sector

    data = tmp_path / "data"
    shutil.copytree(get_sector("cement").data_dir, data)
    (data / "demand.csv").write_text(content)
    code, output = _run("cement", "--scenario", "bau", "--data", str(data),
                        "--out", str(tmp_path / "o"))
    assert code == 2 and "demand.csv" in output and problem in output
    assert not (tmp_path / "o").exists()


def test_scenarios_of_an_unknown_sector_is_an_error() -> None:
    """Defect 10: ``sectorpath scenarios UNKNOWN`` printed nothing with exit 0."""
    result = runner.invoke(app, ["scenarios", "UNKNOWN"])
    assert result.exit_code == 2
    assert "UNKNOWN" in result.output and "steel" in result.output and "trucking" in result.output


def test_a_real_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    """SIGINT to ``sectorpath run`` while it writes its results: exit 130, a clean message,
    no traceback, no temporary file. (Before the command starts, typer itself exits 130.)"""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    command = ("import sys; from sectorpath.cli import app; print('ready', flush=True); "
               f"app(['run', 'steel', '--out', {str(out)!r}])")
    process = subprocess.Popen([sys.executable, "-c", command], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 120
    while not out.exists() and time.monotonic() < deadline:  # inside the command, writing
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 130, output
    assert "interrupted" in output and "Traceback" not in output
    assert not list(tmp_path.rglob(".*.tmp"))

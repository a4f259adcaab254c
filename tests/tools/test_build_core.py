"""The data builders' shared writer and the ``all --check`` comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from sectorpath.errors import InputError
from tools.build_data import __main__ as build_all
from tools.build_data.core import TEN_DIGITS, write_table


def _demand(value: float) -> pd.DataFrame:
    return pd.DataFrame({"region": ["World"], "year": [2030], "scenario": ["bau"],
                         "product": ["steel"], "value": [value], "unit": ["Mt"]})


def test_writes_the_table_as_the_package_reads_it(tmp_path: Path) -> None:
    path = write_table(_demand(1 / 3), tmp_path, "demand", float_format=TEN_DIGITS)
    assert path == tmp_path / "demand.csv"
    assert path.read_text() == ("region,year,scenario,product,value,unit\n"
                                "World,2030,bau,steel,0.3333333333,Mt\n")
    assert [p.name for p in tmp_path.iterdir()] == ["demand.csv"]  # no temporary file left


def test_refuses_a_value_outside_the_schema_and_keeps_the_old_file(tmp_path: Path) -> None:
    old = write_table(_demand(5.0), tmp_path, "demand").read_bytes()
    with pytest.raises(InputError) as caught:
        write_table(_demand(-1.0), tmp_path, "demand")  # demand must be >= 0
    assert caught.value.source == str(tmp_path / "demand.csv")
    assert caught.value.field == "value"
    assert "-1.0" in caught.value.problem
    assert (tmp_path / "demand.csv").read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["demand.csv"]


def test_refuses_a_missing_column_and_an_unknown_unit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"demand\.csv: field 'product': required column"):
        write_table(_demand(1.0).drop(columns="product"), tmp_path, "demand")
    with pytest.raises(InputError, match=r"field 'unit'.*allowed.*Mt"):
        write_table(_demand(1.0).assign(unit="kt"), tmp_path, "demand")
    assert not (tmp_path / "demand.csv").exists()


def test_refuses_empty_cells_unless_declared(tmp_path: Path) -> None:
    frame = _demand(1.0).assign(note=[float("nan")])  # a column the schema does not declare
    with pytest.raises(InputError, match=r"demand\.csv: field 'note': empty cell"):
        write_table(frame, tmp_path, "demand")
    write_table(frame, tmp_path, "demand", empty_cells=("note",))
    assert (tmp_path / "demand.csv").read_text().splitlines()[1].endswith(",Mt,")


def test_a_failed_replace_leaves_the_old_file_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    old = write_table(_demand(5.0), tmp_path, "demand").read_bytes()

    def interrupted(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(OSError, match="disk full"):
        write_table(_demand(6.0), tmp_path, "demand")
    assert (tmp_path / "demand.csv").read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["demand.csv"]


def test_an_unknown_table_has_no_schema(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="no schema for table 'demnad'"):
        write_table(_demand(1.0), tmp_path, "demnad")


def test_first_difference_names_the_line(tmp_path: Path) -> None:
    committed, rebuilt = tmp_path / "a.csv", tmp_path / "b.csv"
    committed.write_text("x,y\n1,2\n3,4\n")
    rebuilt.write_text("x,y\n1,2\n3,5\n")
    assert build_all.first_difference(committed, committed) is None
    assert build_all.first_difference(committed, rebuilt) == (
        "line 3 differs:\n    committed: '3,4\\n'\n    rebuilt:   '3,5\\n'")
    rebuilt.write_text("x,y\n1,2\n")
    assert build_all.first_difference(committed, rebuilt) == (
        "the rebuilt file ends after line 2; the other goes on")


def test_check_skips_builders_without_their_inputs(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Without published data only the self-contained builders (aviation, shipping,
    trucking) run, and each of them still reproduces its committed tables."""
    assert build_all.check_all(tmp_path / "absent") == 0
    printed = capsys.readouterr().out
    for sector in ("aluminium", "ammonia", "cement", "methanol", "steel"):
        assert f"{sector}: skipped, published inputs not found in {tmp_path / 'absent'}" in printed
    for sector in ("aviation", "shipping", "trucking"):
        assert f"{sector}: " in printed and "matches" in printed.split(f"{sector}: ")[1]
    assert "all match" in printed


def test_compare_names_the_file_and_first_differing_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A committed trucking table edited by hand, one extra file and no SOURCES.md."""
    committed = tmp_path / "committed"
    committed.mkdir()
    for table in build_all.data_dir("trucking").glob("*.csv"):
        (committed / table.name).write_bytes(table.read_bytes())
    lines = (committed / "fuels.csv").read_text().splitlines(keepends=True)
    lines[4] = lines[4].replace(",stated,", ",edited,")
    (committed / "fuels.csv").write_text("".join(lines))
    (committed / "old.csv").write_text("a\n1\n")
    monkeypatch.setattr(build_all, "data_dir", lambda sector: committed)
    monkeypatch.setattr(build_all, "REPO", tmp_path)
    build_all.run_builder("trucking", tmp_path / "built", tmp_path, quiet=True)
    problems = build_all.compare("trucking", tmp_path / "built")
    assert problems[0] == "committed/old.csv: committed, but the builder no longer writes it"
    assert problems[1] == ("committed/SOURCES.md: missing or does not name its builder "
                           "tools/build_data/trucking.py")
    assert problems[2].startswith("committed/fuels.csv: line 5 differs:")
    assert "edited" in problems[2] and len(problems) == 3

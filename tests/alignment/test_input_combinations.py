"""Every input combination the documentation allows runs to the end and writes every table:
targets left out, a targets file with only its header, Parquet inputs, the example's default,
charts on or off (issue 17: ``align`` crashed with KeyError 'sector' without targets)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.alignment import EXAMPLE, align, example_inputs
from sectorpath.alignment.charts import write_alignment_charts
from sectorpath.alignment.inputs import Inputs, read_inputs
from sectorpath.alignment.pathways import Pathways
from sectorpath.cli import app

runner = CliRunner()
TABLES = ("companies", "portfolios", "targets", "commitment_gap", "coverage", "status", "iamc")


def _book(tmp_path: Path, targets: str, suffix: str = ".csv") -> Path:
    """The example's files in a folder of their own: targets "full", "header" or "none"."""
    folder = tmp_path / "book"
    folder.mkdir()
    names = ["portfolio", "companies", *(["targets"] if targets != "none" else [])]
    for name in names:
        frame = pd.read_csv(EXAMPLE / f"{name}.csv", dtype={"scope": str})
        if name == "targets" and targets == "header":
            frame = frame.iloc[:0]
        if suffix == ".parquet":
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        else:
            frame.to_csv(folder / f"{name}.csv", index=False)
    return folder / f"portfolio{suffix}"


def _inputs(tmp_path: Path, targets: str, suffix: str) -> Inputs:
    portfolio = _book(tmp_path, targets, suffix)
    target_file = portfolio.parent / f"targets{suffix}"
    return read_inputs(portfolio, portfolio.parent / f"companies{suffix}",
                       target_file if target_file.exists() else None)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("targets", ["full", "header", "none"])
def test_every_combination_aligns_and_writes(tmp_path: Path, example_pathways: Pathways,
                                             targets: str, suffix: str) -> None:
    result = align(_inputs(tmp_path, targets, suffix), pathways=example_pathways)
    written = result.write(tmp_path / "out") + write_alignment_charts(result, tmp_path / "out")
    assert {p.name for p in written} >= {f"alignment_net-zero_{t}.csv" for t in TABLES}
    rows = result.portfolios
    assert not rows.empty and (rows["value"].notna() | rows["method"].str.startswith(
        "technology")).all()  # projected volumes end with the data, targets run on
    iamc = result.iamc()
    has_commitment = iamc["variable"].str.contains("Commitment").any()
    assert has_commitment == (targets == "full")
    assert result.targets.empty == (targets != "full")
    assert iamc["value"].notna().all()


def test_command_line_without_targets(tmp_path: Path) -> None:
    portfolio = _book(tmp_path, "none")
    out = tmp_path / "out"
    result = runner.invoke(app, ["align", "--portfolio", str(portfolio), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for table in TABLES:
        assert (out / f"alignment_net-zero_{table}.csv").exists(), table
    assert (out / "alignment_net-zero_sda_deviation.html").exists()


def test_command_line_with_a_header_only_targets_file_given_explicitly(tmp_path: Path) -> None:
    portfolio = _book(tmp_path, "header")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(portfolio.parent / "companies.csv", elsewhere / "companies.csv")
    result = runner.invoke(app, [
        "align", "--portfolio", str(portfolio), "--companies", str(elsewhere / "companies.csv"),
        "--targets", str(portfolio.parent / "targets.csv"), "--out", str(tmp_path / "out"),
        "--no-charts", "--year", "2028"])
    assert result.exit_code == 0, result.output
    assert "portfolio alignment in 2028" in result.output
    assert pd.read_csv(tmp_path / "out" / "alignment_net-zero_targets.csv").empty


def test_companies_without_targets_in_python(example_pathways: Pathways) -> None:
    data = example_inputs()
    data.targets = None
    result = align(data, pathways=example_pathways)
    assert result.commitment_gap.empty and list(result.commitment_gap.columns)[:3] == [
        "sector", "scope", "year"]
    assert not result.summary().empty

"""The packaged synthetic example: reproducible from its script, aligned end to end, and the
command line on it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.alignment import EXAMPLE, align, example_inputs
from sectorpath.alignment.pathways import Pathways
from sectorpath.alignment.result import IAMC_ALIGNMENT_COLUMNS, Alignment
from sectorpath.cli import app
from tests.alignment.conftest import pick

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture(scope="module")
def example(example_pathways: Pathways) -> Alignment:
    return align(example_inputs(), pathways=example_pathways)


def test_the_script_rewrites_the_packaged_files_identically(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_alignment_example.py"),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for name in ("companies", "targets", "portfolio"):
        assert (tmp_path / f"{name}.csv").read_text() == (EXAMPLE / f"{name}.csv").read_text(), (
            f"{name}.csv differs from the script's output: the example follows the sectors' "
            "net-zero pathways, so after a change to them run "
            "`python tools/make_alignment_example.py` and commit the files")
    assert "SYNTHETIC" in (EXAMPLE / "README.md").read_text()


def test_planted_cases_show_in_the_result(example: Alignment) -> None:
    outage = pick(example.companies, entity="SYN-STEEL-04", method="sda", year=2027)
    assert outage["status"].item() == "no production"
    assert pick(example.targets, company_id="SYN-CEMEN-01")["status"].item() == "met"
    assert set(pick(example.status, sector="power")["status"]) == {"no pathway"}
    unmatched = pick(example.coverage, status="no company data")
    assert set(unmatched["sector"]) == {"steel"} and unmatched["exposure"].gt(0).all()


def test_invariants_of_the_portfolio_tables(example: Alignment) -> None:
    portfolios = example.portfolios
    assert portfolios["coverage"].between(0, 100 + 1e-9).all()
    shares = pick(portfolios, method="technology_share").groupby(
        ["entity", "sector", "year"])[["value", "target"]].sum(min_count=1)
    # a year has every projected share or none (beyond the companies' data: targets only)
    assert shares["target"].to_numpy() == pytest.approx(100.0)
    assert shares["value"].dropna().to_numpy() == pytest.approx(100.0)
    # covered exposure never exceeds what the portfolio lent to matched counterparties
    matched = pick(example.coverage, status="matched").set_index(["portfolio", "sector"])
    most = portfolios.groupby(["entity", "sector"])["exposure"].max()
    for (portfolio, sector), value in most.items():
        assert value <= matched.loc[(portfolio, sector), "exposure"] + 1e-9
    assert {"sda", "delta", "technology_volume", "technology_share", "commitment"} == set(
        portfolios["method"])


def test_summary_reads_the_portfolio_table(example: Alignment) -> None:
    summary = example.summary().set_index(["portfolio", "sector"])
    assert list(summary.columns) == ["SDA %", "delta %", "incr. tech. %", "target %",
                                     "coverage %"]
    sda = pick(example.portfolios, entity="Project Finance", sector="cement", method="sda",
               year=example.report_year())
    assert summary.loc[("Project Finance", "cement"), "SDA %"] == pytest.approx(
        100 * sda["deviation"].item())
    assert example.report_year() == 2030  # the example's plans end in 2030


def test_iamc_table(example: Alignment) -> None:
    table = example.iamc(companies=True)
    assert set(table["entity"]) == {*example.portfolios["entity"], "all companies",
                                    *example.companies["entity"]}
    assert set(example.iamc()["entity"]) == {*example.portfolios["entity"], "all companies"}
    assert list(table.columns) == IAMC_ALIGNMENT_COLUMNS
    assert table["value"].notna().all() and set(table["region"]) == {"World"}
    assert not table.duplicated([c for c in IAMC_ALIGNMENT_COLUMNS if c != "value"]).any()
    variables = set(table["variable"])
    assert "Alignment|Steel|SDA|Deviation" in variables
    assert "Alignment|Steel|Technology Share|EAF|Target" in variables
    assert "Alignment|Shipping|Commitment|Scope 1+2|Value" in variables
    row = table[(table["entity"] == "Corporate Lending") & (table["year"] == 2030)
                & (table["variable"] == "Alignment|Steel|SDA|Deviation")]
    expected = pick(example.portfolios, entity="Corporate Lending", sector="steel",
                    method="sda", year=2030)["deviation"].item()
    assert row["value"].item() == pytest.approx(100 * expected)
    assert row["unit"].item() == "%"


def test_command_line_on_the_example(tmp_path: Path) -> None:
    result = runner.invoke(app, ["align", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "portfolio alignment in 2030" in result.output and "no pathway" in result.output
    for name in ("companies", "portfolios", "targets", "commitment_gap", "coverage", "status",
                 "iamc"):
        csv = pd.read_csv(tmp_path / f"alignment_net-zero_{name}.csv")
        assert len(csv) == len(pd.read_parquet(tmp_path / f"alignment_net-zero_{name}.parquet"))
    page = (tmp_path / "alignment_net-zero_commitment_gap.html").read_text()
    assert 'src="plotly.min.js"' in page and "Commitment gap" in page


def test_command_line_bad_input_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "book"
    bad.mkdir()
    loans = pd.read_csv(EXAMPLE / "portfolio.csv")
    loans.loc[3, "exposure"] = -1.0
    loans.to_csv(bad / "portfolio.csv", index=False)
    out = tmp_path / "out"
    result = runner.invoke(app, ["align", "--portfolio", str(bad / "portfolio.csv"),
                                 "--out", str(out)])
    assert result.exit_code == 2
    assert "--companies" in result.output  # no company data beside this portfolio
    result = runner.invoke(app, ["align", "--portfolio", str(bad / "portfolio.csv"),
                                 "--companies", str(EXAMPLE / "companies.csv"),
                                 "--out", str(out)])
    assert result.exit_code == 2
    assert "exposure" in result.output and "data row 5" in result.output
    assert not out.exists()


def test_iamc_table_loads_in_pyam(example: Alignment, tmp_path: Path) -> None:
    path = tmp_path / "alignment.csv"
    example.iamc(companies=True).to_csv(path, index=False)
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "check_pyam.py"),
                           str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "1 regions" in done.stdout and "['net-zero']" in done.stdout

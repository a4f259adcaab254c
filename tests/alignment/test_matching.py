"""Loan-book matching: normalised names, direct borrower and ultimate parent, sector codes,
a CSV validated by hand and imported, then aligned - end to end from the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.alignment import EXAMPLE
from sectorpath.alignment.matching import loan_sectors, match_names, normalise, prioritize
from sectorpath.cli import app
from sectorpath.errors import InputError

runner = CliRunner()

NAMES = {"SYN-STEEL-01": "Nordstahl Aktiengesellschaft",
         "SYN-STEEL-02": "Great Lakes Steel Corporation",
         "SYN-STEEL-03": "Acero del Sur S.A.",
         "SYN-CEMEN-01": "Heidelstein Cement Limited",
         "SYN-CEMEN-02": "Bharat Cements Ltd"}

#: loan id -> (direct borrower, ultimate parent, system, code, exposure, the right company)
LOANS = {
    "L1": ("Nordsthal AG", "", "NACE", "24.10", 100.0, "SYN-STEEL-01"),        # misspelt
    "L2": ("Nordstahl Trading GmbH", "Nordstahl AG", "NACE", "24.10", 50.0,
           "SYN-STEEL-01"),                                                      # subsidiary
    "L3": ("Great Lake Steel Corp.", "", "ISIC", "2410", 80.0, "SYN-STEEL-02"),  # misspelt
    "L4": ("ACERO DEL SUR SA", "", "GICS", "15104050", 60.0, "SYN-STEEL-03"),    # exact
    "L5": ("Heidelstien Cement Ltd", "", "NACE", "23.51", 70.0, "SYN-CEMEN-01"),
    "L6": ("Heidelstein Zement Vertrieb GmbH", "Heidelstein Cement Limited", "NACE", "23.51",
           40.0, "SYN-CEMEN-01"),                                                # subsidiary
    "L7": ("Bharat Cement Limited", "", "NACE", "23.51", 30.0, "SYN-CEMEN-02"),
    "L8": ("Sunny Bakery Ltd", "", "NACE", "10.71", 20.0, None),                 # out of scope
}


def test_names_are_normalised() -> None:
    names = pd.Series(["Nordstahl Aktiengesellschaft", "ACERO DEL SUR S.A.",
                       "Bharat Cements Limited", "Société Générale"])
    assert normalise(names).tolist() == ["nordstahl ag", "acero del sur sa",
                                         "bharat cements ltd", "societe generale"]


def test_sector_codes_map_by_longest_prefix() -> None:
    loans = pd.DataFrame({"sector_classification_system": ["NACE", "ISIC", "GICS", "NACE"],
                          "sector_classification_direct_loantaker": ["24.10", "2394",
                                                                     "20303010", "10.71"]})
    assert loan_sectors(loans).tolist() == ["steel", "cement", "shipping", "not in scope"]


def _companies(tmp_path: Path) -> Path:
    companies = pd.read_csv(EXAMPLE / "companies.csv")
    companies["name"] = companies["company_id"].map(NAMES).fillna(companies["company_id"])
    path = tmp_path / "companies.csv"
    companies.to_csv(path, index=False)
    return path


def _loanbook(tmp_path: Path) -> Path:
    rows = [{"loan_id": k, "name_direct_loantaker": d, "name_ultimate_parent": p,
             "sector_classification_system": s, "sector_classification_direct_loantaker": c,
             "exposure": e, "portfolio": "book"} for k, (d, p, s, c, e, _) in LOANS.items()]
    path = tmp_path / "loanbook.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_end_to_end_from_the_command_line(tmp_path: Path) -> None:
    companies, loanbook = _companies(tmp_path), _loanbook(tmp_path)
    matches = tmp_path / "matches.csv"
    result = runner.invoke(app, ["match", str(loanbook), "--companies", str(companies),
                                 "--out", str(matches)])
    assert result.exit_code == 0, result.output
    candidates = pd.read_csv(matches, dtype={"loan_id": str})
    right = {k: v[-1] for k, v in LOANS.items()}
    found = candidates[candidates["company_id"] == candidates["loan_id"].map(right)]
    # every misspelt name and subsidiary finds its company among the candidates
    assert set(found["loan_id"]) == {k for k, v in right.items() if v is not None}
    assert found.loc[found["loan_id"] == "L4", "score"].max() == 1.0  # same after normalising
    assert found.loc[found["loan_id"] == "L1", "score"].max() < 1.0   # fuzzy: needs a check
    assert "L8" not in set(candidates["loan_id"])
    # the analyst accepts the right candidates (a subsidiary through its parent) and
    # rejects the others
    through_parent = candidates["loan_id"].isin(["L2", "L6"])
    level = candidates["level"].where(~through_parent, "ultimate_parent")
    right_row = (candidates["company_id"] == candidates["loan_id"].map(right)) & (
        candidates["level"] == level)
    candidates["score"] = candidates["score"].clip(upper=0.99).where(~right_row, 1.0)
    validated = tmp_path / "validated.csv"
    candidates.to_csv(validated, index=False)
    portfolio = tmp_path / "portfolio.csv"
    result = runner.invoke(app, ["match-import", str(validated), "--loanbook", str(loanbook),
                                 "--out", str(portfolio)])
    assert result.exit_code == 0, result.output
    assert "Sunny Bakery" in result.output  # reported as unmatched
    book = pd.read_csv(portfolio).set_index("loan_id")
    assert book.loc["L2", "counterparty"] == "SYN-STEEL-01"  # through its ultimate parent
    assert book.loc["L1", "counterparty"] == "SYN-STEEL-01"
    assert set(book["sector"]) == {"steel", "cement"}
    out = tmp_path / "out"
    result = runner.invoke(app, ["align", "--portfolio", str(portfolio), "--companies",
                                 str(companies), "--out", str(out), "--no-charts"])
    assert result.exit_code == 0, result.output
    coverage = pd.read_csv(out / "alignment_net-zero_coverage.csv")
    assert set(coverage["status"]) == {"matched"}
    assert coverage["exposure"].sum() == pytest.approx(book["exposure"].sum())


def test_two_accepted_companies_for_one_loan_is_an_error() -> None:
    loans = pd.DataFrame({"loan_id": ["L1"], "name_direct_loantaker": ["x"],
                          "exposure": [1.0], "sector": ["steel"]})
    validated = pd.DataFrame({"loan_id": ["L1", "L1"], "level": "direct_loantaker",
                              "sector": "steel", "company_id": ["A", "B"], "score": 1.0})
    with pytest.raises(InputError, match="several accepted matches"):
        prioritize(validated, loans, "validated.csv")


def test_only_companies_of_the_loans_sector_are_candidates() -> None:
    loans = pd.DataFrame({"loan_id": ["L1"], "name_direct_loantaker": ["Acme"],
                          "sector": ["steel"]})
    companies = pd.DataFrame({"company_id": ["ACME", "ACME-CEM"],
                              "sector": ["steel", "cement"], "name": ["Acme", "Acme"]})
    table = match_names(loans, companies)
    assert table["company_id"].tolist() == ["ACME"] and table["score"].tolist() == [1.0]

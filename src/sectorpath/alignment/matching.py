"""Loan-book matching: a raw loan book's borrower names to the companies of the asset-level
data, as r2dii.match does (<https://rmi-pacta.github.io/r2dii.match/>), in three steps:

1. ``match_names``: names are normalised (lower case, accents and punctuation dropped,
   legal forms shortened: "Aktiengesellschaft" -> "ag", "Limited" -> "ltd"), then every
   borrower name is scored against every company name of the same sector with the
   Jaro-Winkler similarity (rapidfuzz; prefix weight 0.1 as r2dii.match), at two levels:
   the direct borrower and its ultimate parent. Candidates scoring at least ``min_score``
   (0.8) are written, with the score, for manual validation; an identical normalised name
   scores 1.
2. The analyst checks the file and sets ``score`` to 1 on every right match (other rows may
   stay or be deleted).
3. ``prioritize``: per loan, the accepted match (score 1) of the highest level - the direct
   borrower before the ultimate parent - becomes the loan's counterparty; the result is the
   ``portfolio`` input of ``align``. Two accepted companies for one loan at its best level
   are an error naming the loan.

A loan's sector comes from its ``sector`` column or from its sector classification code
(``sector_classification_system``: NACE, ISIC or GICS, and
``sector_classification_direct_loantaker``), mapped with ``reference.CLASSIFICATIONS``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from sectorpath.alignment.reference import CLASSIFICATIONS
from sectorpath.errors import InputError
from sectorpath.tables import validate_frame

LEVELS = ("direct_loantaker", "ultimate_parent")  # in order of priority
MIN_SCORE = 0.8
PREFIX_WEIGHT = 0.1
MATCH_COLUMNS = ["loan_id", "level", "name", "alias", "sector", "company_id", "name_abcd",
                 "alias_abcd", "score"]

#: Legal forms and common words, written out -> short form (whole words of the lower-cased
#: name). This project's list, in the spirit of r2dii.match's ``to_alias()``.
LEGAL_FORMS = {
    "aktiengesellschaft": "ag", "gesellschaft mit beschrankter haftung": "gmbh",
    "public limited company": "plc", "limited liability company": "llc",
    "societe anonyme": "sa", "sociedad anonima": "sa", "societa per azioni": "spa",
    "naamloze vennootschap": "nv", "besloten vennootschap": "bv",
    "corporation": "corp", "incorporated": "inc", "limited": "ltd", "company": "co",
    "group": "grp", "holdings": "hldgs", "holding": "hldg", "international": "intl",
    "and": "&",
}

_text = pa.Column(str, pa.Check.str_length(min_value=1), coerce=True)
LOANBOOK = pa.DataFrameSchema({
    "loan_id": pa.Column(str, coerce=True, unique=True),
    "name_direct_loantaker": _text,
    "name_ultimate_parent": pa.Column(str, coerce=True, nullable=True, required=False),
    "exposure": pa.Column(float, [pa.Check.ge(0), pa.Check.le(1e15)], coerce=True),
    "portfolio": pa.Column(str, coerce=True, required=False),
    "sector": pa.Column(str, coerce=True, nullable=True, required=False),
    "sector_classification_system": pa.Column(
        str, pa.Check.isin(list(CLASSIFICATIONS)), coerce=True, required=False),
    "sector_classification_direct_loantaker": pa.Column(str, coerce=True, required=False),
})
VALIDATED = pa.DataFrameSchema({
    "loan_id": pa.Column(str, coerce=True), "level": pa.Column(str, pa.Check.isin(LEVELS)),
    "sector": _text, "company_id": _text,
    "score": pa.Column(float, pa.Check.in_range(0, 1), coerce=True),
})


def normalise(names: pd.Series) -> pd.Series:
    """Names as compared: lower case, accents dropped, punctuation as spaces, legal forms
    short ("Nordstahl Aktiengesellschaft" -> "nordstahl ag"), single spaces."""
    def one(name: str) -> str:
        text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        text = re.sub(r"[^a-z0-9&]+", " ", text.replace(".", "")).strip()
        return _FORMS.sub(lambda m: LEGAL_FORMS[m.group(0)], text)
    return names.fillna("").astype(str).map(one)


_FORMS = re.compile(r"\b(" + "|".join(sorted(map(re.escape, LEGAL_FORMS), key=len,
                                             reverse=True)) + r")\b")


def loan_sectors(loans: pd.DataFrame) -> pd.Series:
    """Each loan's sector: its ``sector`` where given, else its classification code mapped
    (the longest listed code that starts the loan's code); "not in scope" otherwise."""
    sector = loans["sector"] if "sector" in loans.columns else pd.Series(np.nan, loans.index)
    if "sector_classification_system" in loans.columns:
        codes = loans["sector_classification_direct_loantaker"].astype(str).str.replace(
            r"[.\s]", "", regex=True)
        mapped = [_sector_of(system, code) for system, code in
                  zip(loans["sector_classification_system"], codes, strict=True)]
        sector = sector.where(sector.notna() & (sector != ""), pd.Series(mapped, loans.index))
    return sector.fillna("not in scope").astype(str)


def _sector_of(system: str, code: str) -> str:
    table = CLASSIFICATIONS[system]
    prefixes = [c for c in table if code.startswith(c)]
    return table[max(prefixes, key=len)] if prefixes else "not in scope"


def read_loanbook(path: Path) -> pd.DataFrame:
    """A raw loan book, validated, with its ``sector`` resolved."""
    frame = _read(path, "loanbook")
    frame = validate_frame(frame, LOANBOOK, path)
    if "sector" not in frame.columns and "sector_classification_system" not in frame.columns:
        raise InputError(path, "sector", "neither a sector nor a classification code given",
                         allowed="a column sector, or sector_classification_system ("
                         f"{', '.join(CLASSIFICATIONS)}) and "
                         "sector_classification_direct_loantaker")
    return frame.assign(sector=loan_sectors(frame))


def match_names(loans: pd.DataFrame, companies: pd.DataFrame,
                min_score: float = MIN_SCORE) -> pd.DataFrame:
    """Candidate matches (``MATCH_COLUMNS``) of each loan's direct borrower and ultimate
    parent to the companies of its sector, best first; ``companies`` needs company_id and
    sector, and a ``name`` (else the company_id is the name)."""
    universe = companies[["company_id", "sector", *(["name"] if "name" in companies else [])]]
    universe = universe.drop_duplicates(["company_id", "sector"])
    names = universe["name"] if "name" in universe else universe["company_id"]
    universe = universe.assign(name_abcd=names.fillna(universe["company_id"]))
    universe = universe.assign(alias_abcd=normalise(universe["name_abcd"]))
    parts = []
    for level in LEVELS:
        column = f"name_{level}"
        if column not in loans.columns:
            continue
        side = loans.loc[loans[column].notna() & (loans[column] != ""),
                         ["loan_id", "sector", column]].rename(columns={column: "name"})
        side = side.assign(level=level)
        # Each distinct (sector, name) is normalised and scored once, then joined to its loans.
        distinct = side[["sector", "name"]].drop_duplicates()
        distinct = distinct.assign(alias=normalise(distinct["name"]))
        for sector, group in distinct.groupby("sector"):
            pool = universe[universe["sector"] == sector]
            if pool.empty:
                continue
            scores = process.cdist(group["alias"].tolist(), pool["alias_abcd"].tolist(),
                                   scorer=JaroWinkler.normalized_similarity,
                                   scorer_kwargs={"prefix_weight": PREFIX_WEIGHT},
                                   score_cutoff=min_score, dtype=np.float64, workers=-1)
            row, col = np.nonzero(scores >= min_score)
            found = group.iloc[row].reset_index(drop=True)
            chosen = pool.iloc[col][["company_id", "name_abcd", "alias_abcd"]]
            parts.append(side.merge(found.assign(**chosen.reset_index(drop=True),
                                                 score=np.round(scores[row, col], 4)),
                                    on=["sector", "name"]))
    if not parts:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table.loc[table["alias"] == table["alias_abcd"], "score"] = 1.0
    table["level"] = pd.Categorical(table["level"], LEVELS, ordered=True)
    table = table.sort_values(["loan_id", "level", "score"], ascending=[True, True, False])
    return table.assign(level=table["level"].astype(str))[MATCH_COLUMNS].reset_index(drop=True)


def read_validated(path: Path) -> pd.DataFrame:
    """The checked match file: rows with ``score`` 1 are the accepted matches."""
    return validate_frame(_read(path, "validated matches"), VALIDATED, path)


def prioritize(validated: pd.DataFrame, loans: pd.DataFrame, source: str | Path) -> pd.DataFrame:
    """The ``portfolio`` input of ``align`` from the accepted matches: per loan the accepted
    company of the highest level (direct borrower, then ultimate parent); loans without an
    accepted match are left out (listed by ``unmatched``)."""
    accepted = validated[np.isclose(validated["score"], 1.0)].copy()
    accepted["rank"] = accepted["level"].map({lvl: k for k, lvl in enumerate(LEVELS)})
    best = accepted[accepted["rank"] == accepted.groupby("loan_id")["rank"].transform("min")]
    best = best.drop_duplicates(["loan_id", "company_id", "sector"])
    twice = best["loan_id"].duplicated(keep=False)
    if twice.any():
        loan = best.loc[twice, "loan_id"].iloc[0]
        companies = ", ".join(best.loc[best["loan_id"] == loan, "company_id"])
        raise InputError(source, "score", f"loan {loan!r} has several accepted matches at its "
                         f"best level ({companies})",
                         allowed="score 1 on one company per loan and level")
    unknown = ~best["loan_id"].isin(loans["loan_id"])
    if unknown.any():
        raise InputError(source, "loan_id", f"loan {best.loc[unknown, 'loan_id'].iloc[0]!r} "
                         "is not in the loan book", allowed="the loan ids of the loan book")
    book = loans.assign(portfolio=loans.get("portfolio", "portfolio"))
    matched = book[["loan_id", "portfolio", "exposure"]].merge(
        best[["loan_id", "company_id", "sector"]], on="loan_id")
    return matched.rename(columns={"company_id": "counterparty"})[
        ["loan_id", "portfolio", "counterparty", "sector", "exposure"]]


def unmatched(portfolio: pd.DataFrame, loans: pd.DataFrame) -> pd.DataFrame:
    """Loans of the book without an accepted match, with their sector and exposure."""
    return loans[~loans["loan_id"].isin(portfolio["loan_id"])][
        ["loan_id", "name_direct_loantaker", "sector", "exposure"]]


def _read(path: Path, name: str) -> pd.DataFrame:
    if not path.exists():
        raise InputError(path, name, "file not found", allowed="a .csv or .parquet file")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            return pd.read_parquet(path)
        return pd.read_csv(path, keep_default_na=False, na_values=[""],
                           dtype={"loan_id": str, "company_id": str,
                                  "sector_classification_direct_loantaker": str})
    except (pd.errors.ParserError, UnicodeDecodeError, OSError, ValueError) as exc:
        raise InputError(path, name, f"not a readable table ({exc})") from exc

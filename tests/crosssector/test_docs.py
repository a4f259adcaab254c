"""docs/crosssector.md's 'what it takes' tables are generated from a current net-zero run."""

from __future__ import annotations

from sectorpath.crosssector import run_all
from tools import doc_what_it_takes as tool


def test_the_what_it_takes_page_matches_a_current_run() -> None:
    text = tool.DOC.read_text()
    assert tool.replaced(text, tool.block(run_all("net-zero"))) == text, (
        "docs/crosssector.md drifted: run python -m tools.make_docs")

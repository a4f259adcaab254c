"""docs/crosssector.md's 'what it takes' tables are generated from a current net-zero run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sectorpath.crosssector import run_all

TOOL = Path(__file__).resolve().parents[2] / "tools" / "doc_what_it_takes.py"


def test_the_what_it_takes_page_matches_a_current_run() -> None:
    spec = importlib.util.spec_from_file_location("doc_what_it_takes", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = tool.DOC.read_text()
    assert tool.replaced(text, tool.block(run_all("net-zero"))) == text, (
        "docs/crosssector.md drifted: run python tools/doc_what_it_takes.py")

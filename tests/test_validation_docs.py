"""The validation pages hold what the code produces now (tools/make_validation_docs.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "make_validation_docs.py"


def test_validation_pages_match_current_runs() -> None:
    spec = importlib.util.spec_from_file_location("make_validation_docs", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    drifted = [path.name for path, text in tool.pages().items() if path.read_text() != text]
    if drifted:
        pytest.fail(f"{drifted} drifted from the code: run python tools/{TOOL.name}")

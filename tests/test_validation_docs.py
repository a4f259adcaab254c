"""The validation pages hold what the code produces now (tools/make_validation_docs.py)."""

from __future__ import annotations

import pytest

from tools import make_validation_docs as tool


def test_validation_pages_match_current_runs() -> None:
    drifted = [path.name for path, text in tool.pages().items() if path.read_text() != text]
    if drifted:
        pytest.fail(f"{drifted} drifted from the code: run python -m tools.make_docs")

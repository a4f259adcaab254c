"""One error type for bad input: it always names the file, the field and what is allowed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class InputError(ValueError):
    """Bad user or data input.

    The message reads ``<file>: field '<field>': <problem>; allowed: <allowed>`` so that a
    person can find and fix the offending entry without reading a traceback.
    """

    def __init__(
        self,
        source: str | Path,
        field: str,
        problem: str,
        allowed: str | Iterable[object] | None = None,
    ) -> None:
        self.source = str(source)
        self.field = field
        self.problem = problem
        if allowed is not None and not isinstance(allowed, str):
            allowed = ", ".join(str(a) for a in allowed)
        self.allowed = allowed
        text = f"{self.source}: field '{field}': {problem}"
        if allowed:
            text += f"; allowed: {allowed}"
        super().__init__(text)


def reject_unknown(source: str | Path, field: str, given: Iterable[str],
                   known: Iterable[str]) -> None:
    """InputError for the first name in ``given`` that is not in ``known`` (field
    ``<field>.<name>``): a key a scenario sets must change the result, never be ignored."""
    allowed = sorted(set(known))
    for name in given:
        if name not in allowed:
            raise InputError(source, f"{field}.{name}", "unknown name", allowed=allowed)

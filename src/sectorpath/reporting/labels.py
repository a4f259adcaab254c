"""Plain-language names of technologies, powertrains, fuels and commodities.

One table (labels.csv: ``id``, ``label``) for every sector: an id means the same in each
sector that uses it. Charts and tables show the label; files and IAMC variables keep the id.
A name without a row (the MPP technology names, already written in words) is shown as is.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def labels() -> dict[str, str]:
    """id -> plain-language label."""
    text = resources.files("sectorpath.reporting").joinpath("labels.csv").read_text("utf-8")
    return {row["id"]: row["label"] for row in csv.DictReader(text.splitlines())}


def label(name: str) -> str:
    """The plain-language label of a technology, powertrain, fuel or commodity id."""
    return labels().get(name, name)

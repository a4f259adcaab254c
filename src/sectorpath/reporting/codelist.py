"""The package's IAMC variable codelist (``variables.yaml``) and checks of a result table
against it: every variable known, in its unit, and (with pyam) every aggregate equal to the
sum of its children and World equal to the sum of regions where it should be."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from sectorpath.reporting.names import Names

CODELIST = Path(__file__).parent / "variables.yaml"


@dataclass(frozen=True)
class Template:
    """One codelist entry; ``{sector}``, ``{product}`` and ``{*}`` are placeholders."""

    name: str
    units: tuple[str, ...]
    description: str
    check_aggregate: bool
    skip_region_aggregation: bool

    def pattern(self, sectors: list[Names]) -> re.Pattern[str]:
        """A regular expression of the names this entry stands for, for the given sectors."""
        paths = "|".join(re.escape(p) for n in sectors for p in (n.sector, n.product))
        parts = []
        for piece in re.split(r"(\{sector\}|\{product\}|\{\*\})", self.name):
            if piece in ("{sector}", "{product}"):
                parts.append(f"(?:{paths})")
            elif piece == "{*}":
                parts.append(r"[^|]+")
            else:
                parts.append(re.escape(piece))
        return re.compile("".join(parts) + "$")


@cache
def templates() -> tuple[Template, ...]:
    """The codelist's entries, in file order (nomenclature's list-of-mappings format)."""
    entries = yaml.safe_load(CODELIST.read_text(encoding="utf-8"))
    out = []
    for entry in entries:
        (name, attributes), = entry.items()
        unit = attributes["unit"]
        out.append(Template(name, tuple(unit) if isinstance(unit, list) else (unit,),
                            attributes.get("description", ""),
                            bool(attributes.get("check-aggregate", False)),
                            bool(attributes.get("skip-region-aggregation", False))))
    return tuple(out)


def classify(variables: list[str], sectors: list[Names]) -> dict[str, Template | None]:
    """Each variable's codelist entry (None: not in the codelist). Where several entries
    match, the one with the most fixed text wins (``Emissions|CO2|{sector}|Scope 1`` before
    ``Emissions|CO2|{sector}|{*}``)."""
    compiled = [(t, t.pattern(sectors)) for t in templates()]
    found: dict[str, Template | None] = {}
    for variable in variables:
        matches = [t for t, pattern in compiled if pattern.match(variable)]
        found[variable] = max(matches, key=lambda t: len(t.name.replace("{*}", "")),
                              default=None)
    return found


def problems(table: pd.DataFrame, sectors: list[Names]) -> list[str]:
    """What in an IAMC table breaks the codelist: unknown variables and wrong units."""
    units = table.groupby("variable")["unit"].agg(lambda u: sorted(set(u)))
    found = classify(list(units.index), sectors)
    out = []
    for variable, template in found.items():
        if template is None:
            out.append(f"{variable}: not in the codelist ({CODELIST.name})")
        elif not set(units[variable]) <= set(template.units):
            out.append(f"{variable}: unit {units[variable]}, codelist allows "
                       f"{list(template.units)}")
    return out


def aggregates(table: pd.DataFrame, sectors: list[Names]) -> tuple[list[str], list[str]]:
    """(variables whose children must add up to them, variables whose World must be the sum
    of regions) in ``table``."""
    variables = sorted(set(table["variable"]))
    found = classify(variables, sectors)
    summed = [v for v in variables if (t := found[v]) is not None and t.check_aggregate
              and any(w.startswith(v + "|") and "|" not in w[len(v) + 1:] for w in variables)]
    by_region = set(table.loc[table["region"] != "World", "variable"])
    regional = [v for v in variables if (t := found[v]) is not None
                and not t.skip_region_aggregation and v in by_region]
    return summed, regional

"""Headline cards of a run: the figures a reader looks for first, above the charts.

Emissions (scope 1+2, or tank-to-wake for transport) in 2030 and 2050 against 2020, their sum
over 2020-2050 against the scenario's carbon budget where it has one, the investment over the
period, and the 2050 use of each resource the sector shares with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sectorpath.results import Results
from sectorpath.sectors.base import SHARED_RESOURCE_UNITS

MILESTONES = (2030, 2050)
BASE_YEAR = 2020
MT_PER_GT = 1000.0
RESOURCE_WORDS = {"co2_storage": "CO2 storage"}


@dataclass(frozen=True)
class Card:
    """One headline figure: what it is, the number with its unit, a line of context."""

    title: str
    value: str
    detail: str


def _change(value: float, base: float) -> str:
    if base == 0:
        return "no 2020 value to compare"
    return f"{100 * (value / base - 1):+.0f}% vs {BASE_YEAR}"


def cards(results: Results) -> tuple[Card, ...]:
    """The headline cards of one run (World values)."""
    names = results.names
    emissions = results.world(names.emissions)
    made = [Card(f"Emissions {year}", f"{emissions[year]:,.0f} Mt CO2",
                 _change(emissions[year], emissions[BASE_YEAR])) for year in MILESTONES]
    total = emissions.loc[BASE_YEAR:].sum() / MT_PER_GT
    detail = "the scenario sets no carbon budget"
    if names.emissions_limit in set(results.iamc["variable"]):
        budget = results.world(names.emissions_limit).loc[BASE_YEAR:].sum() / MT_PER_GT
        gap = total - budget
        detail = (f"budget {budget:,.1f} Gt: " + (f"over by {gap:,.1f} Gt" if gap > 0
                                                  else f"within, {-gap:,.1f} Gt to spare"))
    made.append(Card(f"Emissions {BASE_YEAR}-{emissions.index[-1]}",
                     f"{total:,.1f} Gt CO2", detail))
    investment = results.world(names.investment).loc[BASE_YEAR:]
    made.append(Card(f"Investment {BASE_YEAR}-{investment.index[-1]}",
                     f"{investment.sum():,.0f} bn USD", "2020 dollars, all regions"))
    resources = results.trajectory.inputs.declaration.shared_resources
    for resource in sorted(resources):
        use = np.asarray(results.model.resource_use(results.trajectory, resource))
        words = RESOURCE_WORDS.get(resource, resource.replace("_", " ").capitalize())
        first = int(results.years[0])
        made.append(Card(f"{words} use in {MILESTONES[-1]}",
                         f"{use[-1]:,.0f} {SHARED_RESOURCE_UNITS[resource]}",
                         f"{use[0]:,.0f} in {first}"))
    return tuple(made)


REFERENCE_LINE = {"dash": "dot", "color": "#000000", "width": 2}
SIDE_COLOURS = {"a": "#0072B2", "b": "#D55E00", "difference": "#000000"}
"""Okabe-Ito blue and vermillion (told apart with any colour vision), black for A - B."""


def _line(series: pd.Series, name: str, line: dict[str, Any]) -> dict[str, Any]:
    return {"type": "scatter", "mode": "lines", "name": name, "line": line,
            "x": [int(year) for year in series.index],
            "y": [float(value) for value in series.to_numpy()]}


def reference_trace(built_in: pd.Series, scenario: str) -> dict[str, Any]:
    """The built-in scenario's total emissions, drawn over an edited run's emissions chart."""
    return _line(built_in, f"built-in {scenario} (total)", REFERENCE_LINE)


def compare_figure(a: pd.Series, b: pd.Series, unit: str) -> dict[str, Any]:
    """Emissions of A and B on one chart, with A - B."""
    traces = [_line(a, "A", {"color": SIDE_COLOURS["a"], "width": 3}),
              _line(b, "B", {"color": SIDE_COLOURS["b"], "width": 3}),
              _line(a - b, "A - B", {"color": SIDE_COLOURS["difference"], "dash": "dash"})]
    return {"data": traces, "layout": {
        "title": {"text": "Emissions of A and B, and A - B (World)"}, "height": 380,
        "xaxis": {"title": {"text": "year"}}, "yaxis": {"title": {"text": unit}}}}


def difference_cards(a: pd.Series, b: pd.Series) -> tuple[Card, ...]:
    """A - B of the emission headline figures."""
    made = [Card(f"A - B, emissions {year}", f"{a[year] - b[year]:+,.0f} Mt CO2",
                 f"A {a[year]:,.0f}, B {b[year]:,.0f}") for year in MILESTONES]
    total_a, total_b = (s.loc[BASE_YEAR:].sum() / MT_PER_GT for s in (a, b))
    made.append(Card(f"A - B, emissions {BASE_YEAR}-{a.index[-1]}",
                     f"{total_a - total_b:+,.1f} Gt CO2",
                     f"A {total_a:,.1f}, B {total_b:,.1f}"))
    return tuple(made)

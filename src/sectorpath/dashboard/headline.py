"""Headline cards of a run: the figures a reader looks for first, above the charts.

Emissions (scope 1+2, or tank-to-wake for transport) in 2030 and 2050 against 2020, their sum
over 2020-2050 against the scenario's carbon budget where it has one, the investment over the
period, and the 2050 use of each resource the sector shares with the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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

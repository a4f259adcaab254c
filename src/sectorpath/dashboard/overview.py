"""The all-sectors page: one cross-sector run (``crosssector.run_all``) as charts and tables.

Shared resources against their caps, emissions by sector, investment, what it takes, the
abatement cost curve, cost-parity years, the Breakthrough table and green premiums, each
chart with a sentence in words; from it, each sector opens in the one-sector page.

A cross-sector run takes seconds (every sector, and again each sector whose resources are
capped), so each built-in cross-sector scenario is run once and kept (there are few of them).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from time import perf_counter
from typing import Any

import pandas as pd

from sectorpath.crosssector import RESOURCE_UNITS, TOTAL, CombinedResults, run_all
from sectorpath.crosssector import charts as cross_charts
from sectorpath.crosssector.scenario import all_scenario_names
from sectorpath.dashboard.headline import Card
from sectorpath.dashboard.views import HEIGHT, PANEL_PX, amount, figure_json, trend
from sectorpath.errors import InputError
from sectorpath.reporting.names import Names
from sectorpath.tables import WORLD

DEFAULT_SCENARIO = "net-zero"
MACC_YEAR = 2050
Y_TITLE = "value"
"""Title of a y axis its chart leaves blank."""


@dataclass(frozen=True)
class Chart:
    """One chart of the page: its figure (plain JSON) and what it shows in words."""

    name: str
    title: str
    figure: dict[str, Any]
    summary: str


@dataclass(frozen=True)
class Overview:
    """What the all-sectors page shows for one cross-sector scenario."""

    scenario: str
    description: str
    cards: tuple[Card, ...]
    charts: tuple[Chart, ...]
    tables: dict[str, tuple[str, pd.DataFrame]]
    """name -> (title, table)."""
    sectors: tuple[tuple[str, str, str], ...]
    """(sector, label, its scenario) of each sector in the run: the drill-down links."""
    seconds: float
    """Wall time of the cross-sector run and the page's figures, s."""


def scenarios() -> list[str]:
    """The built-in cross-sector scenarios, the default first."""
    return sorted(all_scenario_names(), key=lambda name: name != DEFAULT_SCENARIO)


class OverviewCache:
    """Each cross-sector scenario run once (one at a time) and kept."""

    def __init__(self) -> None:
        self._items: dict[str, Overview] = {}
        self._lock = threading.Lock()

    def get(self, scenario: str) -> tuple[Overview, bool]:
        """The overview of ``scenario`` and whether it was kept from before."""
        if scenario not in all_scenario_names():
            raise InputError("all-sectors page", "scenario", f"unknown scenario {scenario!r}",
                             allowed=all_scenario_names())
        with self._lock:
            kept = self._items.get(scenario)
            if kept is not None:
                return kept, True
            start = perf_counter()
            combined = run_all(scenario)
            made = overview(combined, perf_counter() - start)
            self._items[scenario] = made
            return made, False


def overview(combined: CombinedResults, run_seconds: float) -> Overview:
    """The page's figures, sentences and tables of a cross-sector run."""
    start = perf_counter()
    total = Names(TOTAL, TOTAL, TOTAL)
    iamc = combined.iamc
    emissions = _world(iamc, total.emissions)
    takes = combined.what_it_takes()
    charts = (
        Chart("emissions_by_sector", "Emissions by sector",
              _figure(cross_charts.emissions_by_sector(combined), "year"),
              trend("Emissions of the sectors together", emissions, "Mt CO2/yr") + "."),
        Chart("shared_resources", "Shared resources and their caps",
              _figure(_unit_titles(cross_charts.shared_resources(combined)), "year"),
              _resources_summary(combined.allocation)),
        Chart("investment_split", "Investment, low-emission and conventional",
              _figure(cross_charts.investment_split(combined), "year"),
              trend("Investment of the sectors together", _world(iamc, total.investment),
                    "billion USD_2020/yr") + "."),
        Chart("what_it_takes", "What it takes: investment per year",
              _figure(cross_charts.what_it_takes(combined), "sector"),
              _takes_summary(takes)),
        Chart("macc", f"Abatement cost curve {MACC_YEAR}",
              _figure(cross_charts.abatement_curves(combined, MACC_YEAR), "Mt CO2/yr abated"),
              f"Each bar is an option, as wide as the CO2 it abates in {MACC_YEAR} and as high "
              "as its cost per tonne; options are sorted from the cheapest."),
        Chart("parity", "Cost-parity years",
              _figure(cross_charts.parity(combined), "parity year", "option"),
              _parity_summary(combined.parity_years())),
    )
    breakthroughs = combined.breakthroughs()
    tables = {"breakthroughs": ("Breakthrough targets: target, modelled, source", breakthroughs),
              "what_it_takes": ("What it takes, by sector", takes),
              "green_premiums": ("Green premiums of end products, 2030",
                                 combined.green_premiums()),
              "shared_resources": ("Shared resources: requested, allocated and used "
                                   f"(every {TABLE_YEAR_STEP} years)",
                                   _every(combined.allocation, TABLE_YEAR_STEP))}
    met = breakthroughs["met"].map(lambda v: None if pd.isna(v) else bool(v))
    first, last = int(emissions.index[0]), int(emissions.index[-1])
    cards = (
        Card(f"Emissions {last}", f"{emissions[last]:,.0f} Mt CO2",
             f"{100 * (emissions[last] / emissions[first] - 1):+.0f}% vs {first}"),
        Card(f"Emissions {first}-{last}", f"{emissions.sum() / 1000:,.1f} Gt CO2",
             "the sectors together"),
        Card("Investment per year", f"{takes['investment_total_bn_per_yr'].iloc[-1]:,.0f} bn USD",
             "plants, vehicles and upstream, mean 2021-2050"),
        Card("Breakthrough targets met", f"{int((met == True).sum())} of {len(met)}",  # noqa: E712
             f"{int(met.isna().sum())} not modelled"),
    )
    sectors = tuple((sector, results.label, combined.scenario.sectors[sector])
                    for sector, results in combined.runs.items())
    return Overview(combined.scenario.name, combined.scenario.description, cards, charts,
                    tables, sectors, run_seconds + perf_counter() - start)


TABLE_YEAR_STEP = 5


def _every(frame: pd.DataFrame, step: int) -> pd.DataFrame:
    """The rows of every ``step``-th year from the first (a page table, not a download)."""
    years = frame["year"].to_numpy()
    return frame[(years - years.min()) % step == 0] if len(frame) else frame


def _world(iamc: pd.DataFrame, variable: str) -> pd.Series:
    rows = iamc[(iamc["region"] == WORLD) & (iamc["variable"] == variable)]
    return rows.set_index("year")["value"].sort_index()


def _figure(figure: Any, x_title: str, y_title: str | None = None) -> dict[str, Any]:
    """A cross-sector chart as plain JSON, its x axis titled (and y where it had none)."""
    figure.for_each_xaxis(lambda axis: axis.update(title_text=x_title))
    figure.for_each_yaxis(lambda axis: axis.update(
        title_text=y_title or axis.title.text or Y_TITLE))
    rows = len(list(figure.select_yaxes()))
    figure.update_layout(template=None, margin={"l": 70, "r": 20, "t": 60, "b": 50},
                         height=max(HEIGHT, PANEL_PX * rows))
    return figure_json(figure)


def _unit_titles(figure: Any) -> Any:
    """Each facet of the shared-resources chart titled with its resource and unit (plotly
    express labels the facets 'resource=NAME', bottom first, like its y axes)."""
    names = [str(note.text).split("=", 1)[1] for note in figure.layout.annotations
             if str(note.text).startswith("resource=")]
    for axis, name in zip(figure.select_yaxes(), names, strict=False):
        axis.title.text = f"{name.replace('_', ' ')}, {RESOURCE_UNITS.get(name, '')}"
    return figure


def _resources_summary(allocation: pd.DataFrame) -> str:
    if allocation.empty:
        return "The scenario caps no shared resource."
    parts = []
    for resource, rows in allocation.groupby("resource", sort=False):
        by_year = rows.groupby("year")[["requested", "cap"]].agg(
            {"requested": "sum", "cap": "first"})
        short = by_year[by_year["requested"] > by_year["cap"] * (1 + 1e-6)]
        parts.append(f"{resource}: requests exceed the cap in {len(short)} of "
                     f"{len(by_year)} years" + (f", from {int(short.index[0])}"
                                                if len(short) else ""))
    return "; ".join(parts) + "."


def _takes_summary(takes: pd.DataFrame) -> str:
    rows = takes[takes["sector"] != "Total"].reset_index(drop=True)
    top = rows.iloc[int(rows["investment_total_bn_per_yr"].to_numpy().argmax())]
    total = takes[takes["sector"] == "Total"]["investment_total_bn_per_yr"].iloc[0]
    return (f"Together {amount(total)} billion USD_2020 a year on average (plants, vehicles "
            f"and upstream); the most: {top['sector']} at "
            f"{amount(top['investment_total_bn_per_yr'])}.")


def _parity_summary(parity: pd.DataFrame) -> str:
    reached = parity.dropna(subset=["parity_year"])
    options = parity.groupby(["sector", "option"]).ngroups
    found = reached.groupby(["sector", "option"]).ngroups
    return (f"{found} of {options} low-emission options reach cost parity with their "
            "incumbent in at least one region by 2050.")

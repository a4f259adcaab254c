"""Cement `least-cost` against MPP's own cement model (scenario lc, technology set def).

The reference figures are packaged in ``data/reference/`` (SOURCES.md). The gap to MPP is
decomposed by runs: our least-cost, then the same with each named difference of MPP's run
switched on in turn, so that each cause's share of the gap is a measured number and what
remains is the unexplained residual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from itertools import pairwise

import numpy as np
import pandas as pd

from sectorpath.engine.simulate import simulate
from sectorpath.inputs import ModelInputs, build_inputs, load_sector_data
from sectorpath.plausibility import plant
from sectorpath.results import Results
from sectorpath.scenarios.model import PlantScenario, load_scenario
from sectorpath.sectors.cement import DATA, SECTOR

REFERENCE = DATA / "reference"
MPP = "MPP lc (reference run)"
OURS = "least-cost"
COLUMNS = ("2030", "2040", "2050", "2020-2050 (Gt)")
#: Unabated kilns (no capture) in the technology table's ``capture`` column.
UNABATED = ("kiln_coal", "kiln_gas", "kiln_af43", "kiln_af90")


def reference_scope12() -> pd.Series:
    """MPP lc World scope 1+2 CO2 by year, Mt/yr."""
    frame = pd.read_csv(REFERENCE / "mpp_lc_scope12.csv")
    return frame.set_index("year")["co2_scope1_2_Mt"]


def reference_budget_line() -> pd.Series:
    """MPP lc's annual carbon-budget line by year, Mt CO2/yr."""
    frame = pd.read_csv(REFERENCE / "mpp_lc_budget_line.csv")
    return frame.set_index("year")["budget_line_Mt"]


def reference_mix_2050() -> pd.Series:
    """MPP lc World clinker production by technology name in 2050, Mt."""
    frame = pd.read_csv(REFERENCE / "mpp_lc_mix_2050.csv")
    return frame.set_index("name")["production_2050_Mt"]


def _storage_never_binds(inputs: ModelInputs) -> ModelInputs:
    """MPP's CO2-storage input is in t where Mt is meant (1,000x too loose): no storage cap."""
    return dataclasses.replace(
        inputs, limits={k: v for k, v in inputs.limits.items() if k != "co2_storage"},
        cumulative_caps={k: v for k, v in inputs.cumulative_caps.items() if k != "co2_storage"})


def _stop_at_budget_line(inputs: ModelInputs) -> ModelInputs:
    """MPP's lc returns from its brownfield step once the stack's scope 1+2 is at or below
    its annual budget line (cement/solver/brownfield.py): no switch that year."""
    line = reference_budget_line().reindex(inputs.years).to_numpy(float)
    return dataclasses.replace(inputs, carbon_budget=line, budget_stops_switching=True)


#: Named causes of the gap, switched on one after the other (each on top of the ones
#: before): label -> change to the inputs of our least-cost.
CAUSES: dict[str, Callable[[ModelInputs], ModelInputs]] = {
    "MPP's CO2-storage input 1,000x too loose (quirk)": _storage_never_binds,
    "MPP's lc stops switching once at its budget line": _stop_at_budget_line,
}


@cache
def runs() -> dict[str, Results]:
    """Our least-cost, then with each named cause of ``CAUSES`` added in turn (keyed by the
    cause's label)."""
    scenario = load_scenario("cement", OURS)
    assert isinstance(scenario, PlantScenario)
    inputs = build_inputs(load_sector_data(SECTOR), scenario)
    out = {OURS: Results(simulate(inputs))}
    for label, change in CAUSES.items():
        inputs = change(inputs)
        out[label] = Results(simulate(inputs))
    return out


def scope12(results: Results) -> pd.Series:
    return results.world(results.names.emissions)


def _figures(series: pd.Series) -> list[float]:
    """Scope 1+2 in 2030, 2040, 2050 (Mt) and 2020-2050 (Gt)."""
    return [float(series[int(c)]) for c in COLUMNS[:3]] + [float(series.sum()) / 1000.0]


def decomposition() -> pd.DataFrame:
    """Ours and MPP's scope 1+2, the gap, each named cause's share of it and the residual.

    A cause's share is what switching it on moved our run (the run before minus the run
    with it); the residual is the last run minus MPP's, what no named cause explains.
    Mt CO2/yr in 2030, 2040, 2050; Gt CO2 for 2020-2050.
    """
    series = {label: _figures(scope12(results)) for label, results in runs().items()}
    mpp = np.array(_figures(reference_scope12()))
    labels = list(series)
    rows = {MPP: mpp, f"ours ({OURS})": np.array(series[OURS]),
            "gap (ours - MPP)": np.array(series[OURS]) - mpp}
    for before, label in pairwise(labels):
        rows[f"cause: {label}"] = np.array(series[before]) - np.array(series[label])
    rows["residual, unexplained (Mt or Gt)"] = np.array(series[labels[-1]]) - mpp
    return pd.DataFrame(rows, index=list(COLUMNS)).T


def deviation() -> pd.DataFrame:
    """Each run's scope 1+2 against MPP's, as a fraction of MPP's; the last row is the
    residual left after every named cause."""
    mpp = np.array(_figures(reference_scope12()))
    rows = {label: np.array(_figures(scope12(results))) / mpp - 1.0
            for label, results in runs().items()}
    return pd.DataFrame(rows, index=list(COLUMNS)).T


def unabated_in_mpp_2050() -> float:
    """MPP's 2050 clinker from kilns without capture, Mt."""
    names = mpp_names()
    return float(sum(value for name, value in reference_mix_2050().items()
                     if names.get(str(name)) in UNABATED))


def unabated_2050(results: Results) -> float:
    """Our 2050 World clinker from kilns without capture, Mt."""
    t = plant(results)
    columns = [t.inputs.technologies.index(tech) for tech in UNABATED]
    return float(t.production[-1][:, columns].sum())


@cache
def mpp_names() -> dict[str, str]:
    """MPP technology name -> ours (the workbook's names, '43%' written both ways)."""
    table = load_sector_data(SECTOR).technologies
    names = dict(zip(table["name"], table["technology"], strict=True))
    names.update({name.replace("fuels 43%", "fuels (43%)"): tech for name, tech in names.items()})
    names.update({name.replace(" (43%)", " 43%"): tech for name, tech in list(names.items())})
    return names


def mix_2050() -> pd.DataFrame:
    """2050 World clinker by technology, Mt: MPP's lc, our least-cost and our least-cost with
    every named cause switched on, side by side."""
    names = mpp_names()
    columns = {"MPP lc": reference_mix_2050().rename(index=names).groupby(level=0).sum()}
    last = list(runs())[-1]
    for column, key in (("ours", OURS), ("ours with MPP's causes", last)):
        t = plant(runs()[key])
        columns[column] = pd.Series(t.production[-1].sum(axis=0), index=t.inputs.technologies)
    table = pd.DataFrame(columns).fillna(0.0)
    table = table[(table > 0.5).any(axis=1)]
    label = load_sector_data(SECTOR).technologies.set_index("technology")["name"]
    table.index = [label.get(tech, tech) for tech in table.index]
    return table.sort_values("MPP lc", ascending=False)


def captured(results: Results) -> pd.Series:
    return results.world("Carbon Capture|Industry|Non-Metallic Minerals|Cement")

"""Cement `least-cost` against MPP's own cement model (scenario lc, technology set def).

The reference figures are packaged in ``data/reference/`` (SOURCES.md). The comparison also
runs our least-cost with each named quirk of MPP's run reproduced, so that each quirk's share
of the gap is a measured number, not a guess.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import pandas as pd

from sectorpath.engine.simulate import simulate
from sectorpath.inputs import build_inputs, load_sector_data
from sectorpath.plausibility import plant
from sectorpath.results import Results
from sectorpath.scenarios.model import PlantScenario, load_scenario
from sectorpath.sectors.cement import DATA, SECTOR

REFERENCE = DATA / "reference"
YEARS = (2030, 2040, 2050)
#: Unabated kilns (no capture) in the technology table's ``capture`` column.
UNABATED = ("kiln_coal", "kiln_gas", "kiln_af43", "kiln_af90")


def reference_scope12() -> pd.Series:
    """MPP lc World scope 1+2 CO2 by year, Mt/yr."""
    frame = pd.read_csv(REFERENCE / "mpp_lc_scope12.csv")
    return frame.set_index("year")["co2_scope1_2_Mt"]


def reference_mix_2050() -> pd.Series:
    """MPP lc World clinker production by technology name in 2050, Mt."""
    frame = pd.read_csv(REFERENCE / "mpp_lc_mix_2050.csv")
    return frame.set_index("name")["production_2050_Mt"]


@cache
def runs() -> dict[str, Results]:
    """Our least-cost, and the same with MPP's CO2-storage quirk (storage never binds)."""
    data = load_sector_data(SECTOR)
    scenario = load_scenario("cement", "least-cost")
    assert isinstance(scenario, PlantScenario)
    inputs = build_inputs(data, scenario)
    loose = dataclasses.replace(
        inputs, limits={k: v for k, v in inputs.limits.items() if k != "co2_storage"})
    return {"least-cost": Results(simulate(inputs)),
            "least-cost, CO2 storage as loose as MPP's": Results(simulate(loose))}


def scope12(results: Results) -> pd.Series:
    return results.world("Emissions|CO2|Industry|Non-Metallic Minerals|Cement")


def comparison() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scope 1+2 (Mt) in 2030, 2040, 2050 and cumulative 2020-2050 (Gt), ours and MPP's, with
    the deviation of each of ours from MPP's."""
    rows = {"MPP lc (reference run)": reference_scope12()}
    rows.update({name: scope12(results) for name, results in runs().items()})
    table = pd.DataFrame({name: [*(series[y] for y in YEARS), series.sum() / 1000.0]
                          for name, series in rows.items()},
                         index=[*(str(y) for y in YEARS), "2020-2050 (Gt)"]).T
    reference = table.loc["MPP lc (reference run)"]
    return table, (table / reference - 1.0).drop(index="MPP lc (reference run)")


def unabated_in_mpp_2050() -> tuple[float, float]:
    """MPP's 2050 unabated kiln production (Mt) and its emissions at our 2050 intensities
    (Mt CO2): kilns our 2035 moratorium would have made capture."""
    names = mpp_names()
    mix = reference_mix_2050()
    results = runs()["least-cost"]
    t = plant(results)
    intensity = t.economics.scope12[-1].mean(axis=0)  # (T,) t CO2/t, mean of regions
    produced = emitted = 0.0
    for name, value in mix.items():
        tech = names.get(str(name))
        if tech in UNABATED:
            produced += float(value)
            emitted += float(value) * float(intensity[t.inputs.technologies.index(tech)])
    return produced, emitted


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
    """2050 World clinker by technology, Mt: MPP's lc and our least-cost side by side."""
    names = mpp_names()
    mpp = reference_mix_2050().rename(index=names).groupby(level=0).sum()
    t = plant(runs()["least-cost"])
    ours = pd.Series(t.production[-1].sum(axis=0), index=t.inputs.technologies)
    table = pd.DataFrame({"MPP lc": mpp, "ours": ours}).fillna(0.0)
    table = table[(table > 0.5).any(axis=1)]
    label = load_sector_data(SECTOR).technologies.set_index("technology")["name"]
    table.index = [label.get(tech, tech) for tech in table.index]
    return table.sort_values("MPP lc", ascending=False)


def captured(results: Results) -> pd.Series:
    return results.world("Carbon Capture|Industry|Non-Metallic Minerals|Cement")


def first_year_above(series: pd.Series, threshold: float) -> int | None:
    above = series[series > threshold]
    return int(above.index[0]) if not above.empty else None


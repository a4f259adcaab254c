"""Regenerate the figures of the validation pages from current runs.

    python tools/make_validation_docs.py          # rewrite the pages
    python tools/make_validation_docs.py --check  # exit 1 if a page differs from the code

Writes ``docs/validation/cement.md`` whole, and generated blocks of two pages: in
``docs/validation.md`` between ``<!-- generated: deployment -->`` and ``<!-- /generated -->``
(deployment limits and plausibility of every plant-sector scenario) and between
``<!-- generated: steel -->`` and ``<!-- /generated: steel -->`` (steel against MPP's own runs,
baseline and Tech Moratorium, from the reference copies in ``tests/data/``); in
``docs/validation/aluminium.md`` between ``<!-- generated: aluminium -->`` and
``<!-- /generated -->`` (World figures of each aluminium scenario). The test
``tests/test_validation_docs.py`` fails when a page drifts from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

import sectorpath
from sectorpath import plausibility
from sectorpath.diffusion import binding_limits
from sectorpath.reporting.plant import low_emission
from sectorpath.results import Results
from sectorpath.scenarios.model import builtin_names, load_scenario
from sectorpath.sectors.cement import validation
from sectorpath.tables import WORLD

DOCS = Path(__file__).resolve().parents[1] / "docs"
PLANT_SECTORS = ("cement", "aluminium", "steel", "ammonia", "methanol")
BLOCK_START = "<!-- generated: deployment -->"
BLOCK_END = "<!-- /generated -->"
DECADES = (2020, 2030, 2040, 2050)
STEEL_START = "<!-- generated: steel -->"
STEEL_END = "<!-- /generated: steel -->"
STEEL_REFERENCE = Path(__file__).resolve().parents[1] / "tests" / "data"


@cache
def run(sector: str, scenario: str) -> Results:
    return sectorpath.run(sector, scenario)


def number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def percent(value: float) -> str:
    return f"{value:+.1%}"


def markdown(frame: pd.DataFrame, formats: dict[str, Callable[[float], str]] | None = None,
             index: str = "") -> str:
    """A pandas frame as a GitHub table; numbers right-aligned with thousands separators."""
    formats = formats or {}
    columns = [str(c) for c in frame.columns]
    lines = [f"| {index} | " + " | ".join(columns) + " |",
             "|---|" + "---:|" * len(columns)]
    for label, row in frame.iterrows():
        cells = [formats.get(str(c), number)(v) if isinstance(v, float | np.floating) else str(v)
                 for c, v in zip(columns, row, strict=True)]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def decade_table(results: Results, rows: dict[str, str]) -> str:
    variables = set(results.iamc["variable"])
    frame = pd.DataFrame({label: results.world(var).reindex(list(DECADES))
                          for label, var in rows.items() if var in variables}).T
    frame.columns = [str(y) for y in DECADES]
    return markdown(frame, index="quantity")


CEMENT_ROWS = {
    "Clinker production, Mt": "Production|Non-Metallic Minerals|Cement Clinker",
    "Scope 1, Mt CO2": "Emissions|CO2|Industry|Non-Metallic Minerals|Cement|Scope 1",
    "Scope 2, Mt CO2": "Emissions|CO2|Industry|Non-Metallic Minerals|Cement|Scope 2",
    "Scope 1+2, Mt CO2": "Emissions|CO2|Industry|Non-Metallic Minerals|Cement",
    "CO2 captured, Mt": "Carbon Capture|Industry|Non-Metallic Minerals|Cement",
    "of which stored, Mt": "Carbon Capture|Industry|Non-Metallic Minerals|Cement|Storage",
    "of which used, Mt": "Carbon Capture|Industry|Non-Metallic Minerals|Cement|Utilisation",
    "Electricity, PJ": "Final Energy|Industry|Non-Metallic Minerals|Cement|Electricity",
    "Coal, PJ": "Final Energy|Industry|Non-Metallic Minerals|Cement|Coal",
    "Natural gas, PJ": "Final Energy|Industry|Non-Metallic Minerals|Cement|Natural Gas",
    "Biomass, PJ": "Final Energy|Industry|Non-Metallic Minerals|Cement|Biomass",
    "Hydrogen, PJ": "Final Energy|Industry|Non-Metallic Minerals|Cement|Hydrogen",
    "Average clinker LCOX, USD/t": "Cost|Industry|Non-Metallic Minerals|Cement|Average LCOX",
}


def limits_table(results: Results) -> str:
    table = binding_limits(results)
    if table.empty:
        return "No limit bound."
    table = table.sort_values(["first_year", "limit"]).set_index("limit")
    table["refused_total"] = table["refused_total"].astype(float)
    return markdown(table[["unit", "first_year", "last_year", "years_bound", "refused_total"]],
                    index="limit")


def cement_2020() -> str:
    results = run("cement", "bau")
    iamc = results.iamc[results.iamc["year"] == 2020]
    names = results.names
    wanted = {"clinker, Mt": names.production, "scope 1, Mt CO2": names.scope(1),
              "scope 2, Mt CO2": names.scope(2)}
    frame = pd.DataFrame({label: iamc[iamc["variable"] == var].set_index("region")["value"]
                          for label, var in wanted.items()})
    world = frame.loc[["World"]]
    return markdown(pd.concat([frame.drop(index="World").sort_index(), world]), index="region")


def cement_page() -> str:
    decomposition = validation.decomposition()
    deviation = validation.deviation()
    causes = list(validation.CAUSES)
    runs = validation.runs()
    ours, last = runs[validation.OURS], runs[causes[-1]]
    gap_table = markdown(decomposition, {c: number for c in decomposition.columns},
                         index="scope 1+2, Mt CO2/yr")
    deviations = markdown(deviation, {c: percent for c in deviation.columns},
                          index="deviation from MPP, run with causes switched on up to")
    mix = validation.mix_2050()
    mix.loc["total"] = mix.sum()
    captured = {name: validation.captured(run("cement", name))
                for name in builtin_names("cement")}
    capture_lines = "\n".join(
        f"- `{name}`: {number(series[series.index < 2030].max())} Mt CO2/yr at most before 2030, "
        f"{number(series[2030])} in 2030, {number(series[2040])} in 2040, "
        f"{number(series[2050])} in 2050." for name, series in captured.items())
    pathways = "\n\n".join(
        f"#### {name}\n\n{decade_table(run('cement', name), CEMENT_ROWS)}\n\n"
        f"Cumulative 2020-2050 scope 1+2: "
        f"{number(run('cement', name).world(run('cement', name).names.emissions).sum() / 1000)} "
        f"Gt CO2.\n\nLimits that bound (what decisions wanted beyond them, in the limit's unit):"
        f"\n\n{limits_table(run('cement', name))}"
        for name in builtin_names("cement"))
    mpp_2050 = validation.reference_scope12()[2050]
    return CEMENT_TEMPLATE.format(
        table_2020=cement_2020(), pathways=pathways, gap_table=gap_table,
        deviations=deviations,
        residual_2050=percent(decomposition.iloc[-1]["2050"] / mpp_2050),
        ours_unabated=number(validation.unabated_2050(ours)),
        ours_stored=number(validation.captured(ours)[2050]),
        last_unabated=number(validation.unabated_2050(last)),
        mpp_unabated=number(validation.unabated_in_mpp_2050()),
        mix=markdown(mix, index="technology"), capture=capture_lines)


def deployment_block() -> str:
    rows = []
    for sector in PLANT_SECTORS:
        for name in builtin_names(sector):
            results = run(sector, name)
            share = plausibility.near_zero_share(results)
            years = list(results.years)
            bound = binding_limits(results)
            ramps = bound[bound["limit"].str.startswith("ramp-up")]
            rows.append({
                "sector / scenario": f"{sector} / {name}",
                "near-zero 2025": f"{share[years.index(2025)]:.1%}",
                "2030": f"{share[years.index(2030)]:.1%}",
                "2040": f"{share[years.index(2040)]:.1%}",
                "2050": f"{share[years.index(2050)]:.1%}",
                "over pipeline <2030, Mt": number(
                    plausibility.near_zero_capacity_over_pipeline(results)),
                "take-overs <10 yr": str(len(plausibility.takeovers(results))),
                "ramp-up limits bound": str(len(ramps)),
                "first bound": str(int(ramps["first_year"].min())) if len(ramps) else "-",
            })
    frame = pd.DataFrame(rows).set_index("sector / scenario")
    return (f"{BLOCK_START}\n{markdown(frame, index='sector / scenario')}\n{BLOCK_END}")


# -- steel against MPP's own runs (reference copies in tests/data/) ----------------------------
STEEL_SERIES = {  # row label -> (column of MPP's table, our World series)
    "capacity, Mt": ("capacity", lambda n: n.capacity),
    "production, Mt": ("production", lambda n: n.production),
    "scope 1, Mt CO2": ("s1_emissions_mt", lambda n: n.scope(1)),
    "scope 2, Mt CO2": ("s2_emissions_mt", lambda n: n.scope(2)),
    "scope 1+2, Mt CO2": ("s1+s2_mt", lambda n: n.emissions),
}


@dataclass(frozen=True)
class SteelComparison:
    """One steel scenario next to MPP's run of the same scenario: World series by year."""

    mpp: pd.DataFrame  # year x STEEL_SERIES labels
    ours: pd.DataFrame
    mpp_mix: pd.DataFrame  # year x technology, production Mt
    ours_mix: pd.DataFrame

    def diff(self, label: str, year: int) -> float:
        """ours / MPP - 1 in ``year`` (nan where MPP's value is 0)."""
        mpp = float(self.mpp.loc[year, label])
        return float(self.ours.loc[year, label]) / mpp - 1.0 if mpp else float("nan")

    def cumulative(self, label: str = "scope 1+2, Mt CO2") -> tuple[float, float, float]:
        """(MPP, ours, ours / MPP - 1) summed 2020-2050, Gt."""
        mpp, ours = self.mpp[label].sum() / 1e3, self.ours[label].loc[:2050].sum() / 1e3
        return mpp, ours, ours / mpp - 1.0

    def mix(self, year: int, technology: str) -> tuple[float, float]:
        """(MPP, ours) production of a technology in ``year``, Mt."""
        return (float(self.mpp_mix.get(technology, pd.Series(0.0)).get(year, 0.0)),
                float(self.ours_mix.get(technology, pd.Series(0.0)).get(year, 0.0)))


def steel_comparison(results: Results, reference: str) -> SteelComparison:
    folder = STEEL_REFERENCE / reference
    totals = pd.read_csv(folder / "global_production_emissions.csv", index_col="year")
    names = results.names
    mpp = pd.DataFrame({label: totals[column] for label, (column, _) in STEEL_SERIES.items()})
    ours = pd.DataFrame({label: results.world(name(names))
                         for label, (_, name) in STEEL_SERIES.items()})
    iamc = results.iamc
    rows = iamc[(iamc["region"] == WORLD) & iamc["variable"].str.startswith(
        names.production + "|")]
    mix = rows.pivot_table(index="year", columns="variable", values="value")
    mix.columns = [c.rsplit("|", 1)[-1] for c in mix.columns]
    return SteelComparison(mpp, ours, pd.read_csv(folder / "production_by_technology.csv",
                                                  index_col="year"), mix)


def steel_totals(comparison: SteelComparison) -> str:
    """Decade years of each World series: MPP's, ours and the signed difference."""
    rows: dict[str, list[object]] = {}
    for label in STEEL_SERIES:
        rows[f"{label} MPP"] = [float(comparison.mpp.loc[y, label]) for y in DECADES]
        rows[f"{label} ours"] = [float(comparison.ours.loc[y, label]) for y in DECADES]
        rows[f"{label} diff"] = [percent(d) if np.isfinite(d := comparison.diff(label, y))
                                 else "-" for y in DECADES]
    frame = pd.DataFrame(rows, index=[str(y) for y in DECADES], dtype=object).T
    return markdown(frame, index="quantity")


def steel_cumulative(comparison: SteelComparison) -> str:
    mpp, ours, diff = comparison.cumulative()
    return markdown(pd.DataFrame({"MPP": [mpp], "ours": [ours], "diff": [diff]},
                                 index=["scope 1+2 2020-2050, Gt CO2"]),
                    {"MPP": lambda v: number(v, 2), "ours": lambda v: number(v, 2),
                     "diff": percent}, index="quantity")


def steel_mix(comparison: SteelComparison, years: tuple[int, ...]) -> str:
    techs = sorted(set(comparison.mpp_mix.columns) | set(comparison.ours_mix.columns))
    frame = pd.DataFrame(index=techs)
    for year in years:
        for who, table in (("MPP", comparison.mpp_mix), ("ours", comparison.ours_mix)):
            frame[f"{year} {who}"] = table.reindex(columns=techs).loc[year].fillna(0.0)
    frame = frame[(frame.abs() > 0.05).any(axis=1)]
    frame.loc["total"] = frame.sum()
    return markdown(frame, index="technology (production, Mt)")


@cache
def steel_with_ramp_up_limits() -> Results:
    """``tech-moratorium`` with the standard ramp-up limits that MPP's run does not have."""
    scenario = load_scenario("steel", "tech-moratorium")
    limited = scenario.constraints.model_copy(update={"diffusion": None})
    return sectorpath.run("steel", scenario.model_copy(update={"constraints": limited}))


def steel_block() -> str:
    base = steel_comparison(run("steel", "baseline"), "mpp_steel_baseline")
    moratorium = steel_comparison(run("steel", "tech-moratorium"), "mpp_steel_tech_moratorium")
    later = [y for y in DECADES if y > DECADES[0]]
    s12 = "scope 1+2, Mt CO2"
    limited = steel_with_ramp_up_limits()
    bound = binding_limits(limited).set_index("limit")
    ramp = bound.loc["ramp-up: near-zero steel"]
    banned = moratorium_techs(limited)
    limited_s12 = limited.world(limited.names.emissions)
    mpp_cum = moratorium.cumulative()[0]
    production = "production, Mt"
    first_years = [y for y in moratorium.ours.index if DECADES[0] < y < 2030]
    return STEEL_TEMPLATE.format(
        start=STEEL_START, end=STEEL_END,
        base_production_2020=percent(base.diff(production, 2020)),
        base_production_later=percent(max((base.diff(production, y) for y in later), key=abs)),
        base_s12_2020=percent(base.diff(s12, 2020)),
        base_s12_later=percent(max((base.diff(s12, y) for y in later), key=abs)),
        base_cumulative=percent(base.cumulative()[2]),
        base_totals=steel_totals(base), base_cumulative_table=steel_cumulative(base),
        base_mix=steel_mix(base, DECADES),
        ours_2020=number(base.ours.loc[2020, production]),
        lost_2020=number(base.ours.loc[2020, production] - base.mpp.loc[2020, production]),
        s2_ours=number(base.ours.loc[2020, "scope 2, Mt CO2"]),
        s2_mpp=number(base.mpp.loc[2020, "scope 2, Mt CO2"]),
        s1_2020=percent(base.diff("scope 1, Mt CO2", 2020)),
        sr=_pair(base, "Smelting Reduction"), eaf=_pair(base, "EAF"),
        dri_bof=_pair(base, "DRI-Melt-BOF"), h2_pci=_pair(base, "BAT BF-BOF_H2 PCI"),
        bio_pci_mpp=number(base.mix(2050, "BAT BF-BOF_bio PCI")[0]),
        capacity_2050=percent(base.diff("capacity, Mt", 2050)),
        moratorium_totals=steel_totals(moratorium),
        moratorium_cumulative_table=steel_cumulative(moratorium),
        moratorium_mix=steel_mix(moratorium, (2030, 2040, 2050)),
        m_cumulative=percent(moratorium.cumulative()[2]),
        m_2030=percent(moratorium.diff(s12, 2030)), m_2040=percent(moratorium.diff(s12, 2040)),
        m_2050=percent(moratorium.diff(s12, 2050)),
        m_production=percent(max((moratorium.diff(production, y) for y in
                                  [2020, *range(2030, 2051)]), key=abs)),
        m_early=percent(max((moratorium.diff(production, y) for y in first_years), key=abs)),
        m_sr=_pair(moratorium, "Smelting Reduction+CCUS"), m_eaf=_pair(moratorium, "EAF"),
        m_h2_bof=_pair(moratorium, "DRI-Melt-BOF_100% zero-C H2"),
        limited_cumulative=percent(limited_s12.loc[:2050].sum() / 1e3 / mpp_cum - 1.0),
        limited_2040=percent(limited_s12[2040] / moratorium.mpp.loc[2040, s12] - 1.0),
        limited_2050=percent(limited_s12[2050] / moratorium.mpp.loc[2050, s12] - 1.0),
        limited_2050_mt=number(limited_s12[2050]),
        ramp_years=f"{int(ramp['first_year'])}-{int(ramp['last_year'])}",
        ramp_refused=number(float(ramp["refused_total"]), 0),
        limited_banned=number(float(limited.trajectory.capacity[-1][:, banned].sum()), 0),
        plants=steel_plants_table())


def steel_plants_table() -> str:
    """Near-zero plants (MPP-size-equivalent) by decade year in every steel scenario, MPP's
    Tech Moratorium run counted the same way (its near-zero output at its World utilisation)
    and MPP's published milestones."""
    rows = {}
    for name in builtin_names("steel"):
        results = run("steel", name)
        plants = results.world(results.names.near_zero_plants)
        rows[f"ours, `{name}`"] = [float(plants[y]) for y in DECADES[1:]]
    reference = STEEL_REFERENCE / "mpp_steel_tech_moratorium"
    totals = pd.read_csv(reference / "global_production_emissions.csv", index_col="year")
    mix = pd.read_csv(reference / "production_by_technology.csv", index_col="year")
    trajectory = run("steel", "baseline").trajectory
    near_zero = np.asarray(trajectory.inputs.technologies)[low_emission(trajectory)]
    size = trajectory.inputs.sector.standard_plant_mt
    assert size is not None
    mpp = (mix.reindex(columns=near_zero, fill_value=0.0).sum(axis=1)
           / (totals["production"] / totals["capacity"]) / size)
    rows["MPP's Tech Moratorium run"] = [float(mpp[y]) for y in DECADES[1:]]
    rows["MPP's milestones (Making Net-Zero Steel Possible, 2022)"] = [70.0, "-", 530.0]
    frame = pd.DataFrame(rows, index=[str(y) for y in DECADES[1:]], dtype=object).T
    return markdown(frame, {str(y): lambda v: number(v, 0) for y in DECADES[1:]},
                    index="near-zero primary steel plants")


def moratorium_techs(results: Results) -> np.ndarray:
    """(T,) technologies a run's scenario phases out at some time (none: all False)."""
    barred = results.trajectory.inputs.barred
    return (np.zeros(len(results.trajectory.inputs.technologies), dtype=bool) if barred is None
            else barred.any(axis=(0, 1)))


def _pair(comparison: SteelComparison, technology: str) -> str:
    """'ours vs MPP Mt' production of a technology in 2050."""
    mpp, ours = comparison.mix(2050, technology)
    return f"{number(ours, 0)} vs {number(mpp, 0)} Mt"


def replace_block(text: str, block: str, start_mark: str = BLOCK_START,
                  end_mark: str = BLOCK_END) -> str:
    """``text`` with the block from ``start_mark`` to the first ``end_mark`` after it
    replaced by ``block``."""
    start = text.index(start_mark)
    end = text.index(end_mark, start) + len(end_mark)
    return text[:start] + block + text[end:]


ALUMINIUM_START = "<!-- generated: aluminium -->"
ALUMINIUM_ROWS = {
    "production, Mt": "Production|Non-Ferrous Metals|Aluminum",
    "scope 1+2, Mt CO2": "Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum",
    "carbon budget, Mt CO2": "Emissions Limit|CO2|Industry|Non-Ferrous Metals|Aluminum",
    "scope 3 (refining), Mt CO2": "Emissions Upstream|CO2|Industry|Non-Ferrous Metals|Aluminum",
    "near-zero share, %": "Near-Zero Production Share|Non-Ferrous Metals|Aluminum",
    "CO2 captured, Mt": "Carbon Capture|Industry|Non-Ferrous Metals|Aluminum",
    "of which stored, Mt": "Carbon Capture|Industry|Non-Ferrous Metals|Aluminum|Storage",
}


def aluminium_block() -> str:
    """World figures of every built-in aluminium scenario by decade."""
    parts = [ALUMINIUM_START]
    for name in builtin_names("aluminium"):
        results = run("aluminium", name)
        parts += [f"**{name}**", "", decade_table(results, ALUMINIUM_ROWS), ""]
    return "\n".join(parts) + BLOCK_END


def pages() -> dict[Path, str]:
    """Every generated page, path -> full text."""
    overview = DOCS / "validation.md"
    text = replace_block(overview.read_text(), deployment_block())
    aluminium = DOCS / "validation" / "aluminium.md"
    return {DOCS / "validation" / "cement.md": cement_page(),
            overview: replace_block(text, steel_block(), STEEL_START, STEEL_END),
            aluminium: replace_block(aluminium.read_text(), aluminium_block(), ALUMINIUM_START)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    drifted = []
    for path, text in pages().items():
        if path.read_text() != text:
            drifted.append(path)
            if not args.check:
                path.write_text(text)
    for path in drifted:
        print(f"{'differs' if args.check else 'wrote'}: {path}")
    return 1 if args.check and drifted else 0


CEMENT_TEMPLATE = """\
# Validation: cement (clinker)

<!-- Written by tools/make_validation_docs.py from current runs; do not edit by hand. -->

**What is modelled.** Clinker kilns only (product: clinker, Mt/yr), on MPP's cement
business-case workbook (`business_cases.xlsx`, mpp-shared-code
`cement/data/01_business_case_raw/`; tables in `src/sectorpath/sectors/cement/data/SOURCES.md`).
Cement grinding, concrete, clinker substitution and recarbonation are not technologies: the
demand-side levers enter through the clinker demand case (`bau`, `gcca`, `gcca_early`). The
settings follow MPP's cement model (mpp-shared-code `cement/config/config_cement.py`): 10-year
investment cycle, capacity utilisation 0.913, every region producing its own demand, every
move a brownfield renovation from the workbook's switching table, LCOX-like ranking with 10%
cost bins, MPP's default technology set (`def`: no CO2-utilisation kilns, no electric or
hydrogen kilns), CCUS and AF90 kilns from 2025, natural-gas kilns only in MPP's five gas
regions, and MPP's per-technology ramp-up rule for each pathway (lc 10 kilns a year +5%/yr,
fa 3 +5%/yr, bau 15 +1%/yr). On top, every scenario keeps to the real project pipeline of
capture kilns before 2030 and to a stated ramp-up after it (`diffusion.csv`, SOURCES.md).

## 2020

`sectorpath run cement --scenario bau`, year 2020 (the same in every scenario). The stock is
built from the workbook's 2020 production and fuel shares and its emission factors, so it
matches the workbook exactly (`tests/sectors/test_cement.py` checks it).

{table_2020}

## Against MPP's own lc run

MPP's cement model was run on the same workbook (scenario `lc`, technology set `def`); its World
scope 1+2 by year, its annual budget line and its 2050 technology mix are packaged in
`src/sectorpath/sectors/cement/data/reference/`. The gap is decomposed by runs: our
`least-cost`, then the same with each named difference of MPP's run switched on, one after the
other (each on top of the one before). A cause's figure is what switching it on moved our
run (positive: it explains ours being above MPP's); the residual is what no named cause
explains. `tests/sectors/test_cement.py` checks the tolerances on every test run.

{gap_table}

{deviations}

Our `least-cost` follows MPP's stated logic where MPP's code does something we did not: CO2
stored since 2020 stays within each region's cumulative storage path (MPP's
`total_cumulative` check), and a kiln that the 2035 moratorium bars from renewing and that
finds no capture option within the limits tries again the next year (MPP offers every
unabated kiln a renovation every year). The named causes:

1. **MPP's CO2-storage input is 1,000x too loose** (a quirk: its storage path is read in t
   where Mt is meant, so storage never binds). Ours is ETC's ramp-up, cement's 20% share
   (SOURCES.md). With it, {ours_stored} Mt CO2 is stored in 2050 and {ours_unabated} Mt of
   clinker still comes from kilns without capture (barred from renewing, no storage left;
   the excess over the cumulative path is in the limits table below): that is what a real
   storage limit means for 2050.
2. **MPP's lc stops switching once at its budget line** (its logic, `cement/solver/brownfield.py`:
   in lc, the brownfield step returns as soon as the stack's scope 1+2 is at or below the
   year's line, "to minimise the investment"), although its emissions constraint is switched
   off; MPP's run sits on that line from 2037 on. Switched on in ours (moves taken in random
   order while emissions are above the line, the rest wait a year), {last_unabated} Mt of
   clinker stays unabated in 2050 against MPP's {mpp_unabated} Mt.

With both, the 2050 residual is {residual_2050} of MPP's figure. MPP's run is unseeded: a
rerun of its steel model differs by about 2% in cumulative emissions, the noise floor of any
comparison.

### 2050 technology mix, Mt clinker

{mix}

## Deployment against the real world

Capture before 2030 follows the committed pipeline (Brevik, operating since 2025; Padeswood,
FID; announced projects are listed, not counted) and from 2030 the stated ramp-up:

{capture}

## Pathways

Scenarios (`src/sectorpath/sectors/cement/scenarios/`): `bau` (lowest cost, no carbon price,
`bau` demand), `least-cost` (a carbon price on scope 1+2 from 0 in 2023 to 100 USD/t CO2 in
2050, `gcca` demand, MPP's lc ramp-up and 2035 moratorium, no carbon budget: MPP's lc uses
its line only to stop switching, measured above),
`fastest-abatement` (lowest scope 1+2 at each decision, `gcca_early` demand, MPP's fa ramp-up),
`least-cost-innovative` (least-cost plus electric and hydrogen kilns from 2035 and the
CO2-utilisation kilns from 2025).

{pathways}

## What is weak

1. **Clinker only.** Demand-side and clinker-substitution levers are folded into the demand
   case; recarbonation and cement-grinding electricity are not modelled.
2. **Ramp-up after 2030 is a stated assumption** (10 capture kilns in 2030, +45%/yr), not a
   published projection; `constraints.diffusion = []` lifts every limit as a sensitivity.
3. **Storage cap.** Ours is ETC's cumulative ramp-up for cement, per region, checked on CO2
   stored since 2020 as MPP does. Kilns that already store keep storing when a region's path
   is used up, and new kilns that the moratorium obliges to capture then have no storage
   left; the run reports the excess (`binding limits` table,
   `resource: co2_storage (exceeded by)`, Mt CO2 stored beyond the path).
4. **Ranking.** MPP ranks by LCOX and scopes 1, 2 and 3 upstream; we rank by a 10-year TCO of
   the renovation and scope 1+2. Utilisation floats between 0.863 and 0.913 so that a region
   whose demand falls by less than one kiln does not close and reopen kilns every year.

Speed: `python benchmarks/bench_run.py --sector cement --scenario <name>`.
"""


STEEL_TEMPLATE = """\
{start}
<!-- Written by tools/make_validation_docs.py from current runs; do not edit by hand. -->

**Result.** Production is {base_production_2020} from MPP's in 2020 and at most
{base_production_later} in the later decade years (both models produce the world's demand);
scope 1+2 emissions are {base_s12_2020} from MPP's in 2020 and at most {base_s12_later} in a
later decade year, and cumulative 2020-2050 scope 1+2 is {base_cumulative} from MPP's.

### World totals by decade year

{base_totals}

### Cumulative emissions

{base_cumulative_table}

### Technology mix: production by technology, Mt

{base_mix}

### Why the numbers differ

1. **2020 production.** We produce each region's WSA 2020 crude steel production
   ({ours_2020} Mt in all). MPP sets each region's 2020 utilisation to WSA production over
   capacity *rounded to two decimals*, which loses {lost_2020} Mt.
2. **2020 scope 2 ({s2_ours} vs {s2_mpp} Mt CO2).** Blast furnaces export electricity, so
   their scope 2 is a credit valued at the grid's emission factor. MPP picks the grid factor
   country by country (South Korea falls under its "Asia" region, Taiwan under China); we pick
   one source region per RMI region (`sectors/steel/data/SOURCES.md`, region mapping). Scope 1,
   which is 100 times larger, differs by {s1_2020}.
3. **Plant-level choices.** Both models rank a plant's options at its investment cycle in
   cost bands (within 10% of the cheapest non-EAF option = first band, within 30% = second) and
   draw among options of the best band. MPP draws with an unseeded random choice and takes
   plants in a random order; we draw from a seeded generator (seed 2020 in the scenario), so
   our runs repeat exactly but cannot follow MPP's draws plant by plant. Aggregates agree; the
   mix of near-equal-cost technologies does not have to.
4. **New plants: Smelting Reduction {sr} in 2050, EAF {eaf}, DRI-Melt-BOF {dri_bof} (ours vs
   MPP's).** New capacity takes the technology with the lowest levelised cost. Our LCOX
   annualises greenfield capex over 40 years at 7% and divides by the 80% utilisation (capex
   term = 0.094 x capex per tonne). MPP's levelised cost divides the same annuity by 2.5 x 0.8,
   its standard plant size times utilisation, which makes the capex term 0.0375 x capex: MPP
   weights capex less than half as much as we do, which favours the high-capex, low-opex routes
   (DRI-Melt-BOF, BF-BOF variants) over Smelting Reduction. We keep the economically consistent
   annuity and note the difference here.
5. **Trade and where capacity is built.** MPP raises output in the *most* expensive regions
   first when the world is short; we raise it in the cheapest first, and we open capacity
   directly in regions short of it. New capacity thus lands in different regions, each with its
   own scrap cap (published availability + 10%): less of it lands where scrap is spare, hence
   less EAF. Regional production is therefore not compared; global production is identical.
6. **Met coal price.** MPP's model starts met coal at 106.5 per tonne, the EUR figure of its
   feedstock file left unconverted; we convert it (121.9 USD/t), which makes blast-furnace
   routes slightly dearer in our runs (more BF variants move to hydrogen PCI: {h2_pci} in
   2050).
7. **Biomass limit.** MPP's biomass check compares a use in PJ with a cap in GJ, so it never
   binds before the cap reaches zero in 2050. We apply the published cap (9 EJ in 2020 falling
   to 0 in 2050) in consistent units and move plants off biomass when the cap falls below their
   use, hence no bio-PCI left in 2050 (MPP: {bio_pci_mpp} Mt).
8. **Capacity ({capacity_2050} in 2050).** We open capacity so that a region short of it runs
   at the 95% ceiling; MPP rounds the number of 2.357-Mt plants up per region and closes plants
   in regions that export less after trade. Capacity does not change production or emissions.

## Steel against MPP's steel model, scenario Tech Moratorium

**The rule.** MPP's `tech_moratorium` is its baseline plus a moratorium: from 2030 no
investment decision (main cycle, mid-cycle retrofit, renewal of the same technology) and no new
plant may pick Avg BF-BOF or one of the eight transitional technologies (BAT BF-BOF plain, with
bio PCI or H2 PCI; DRI-EAF, with 50% bio-CH4 or 50% green H2; Smelting Reduction;
DRI-Melt-BOF); a plant keeps running its technology until its next decision. Ours is
`sectorpath run steel --scenario tech-moratorium`: the baseline with the banned technologies
listed under `[phase_out]` from 2030 (`src/sectorpath/sectors/steel/scenarios/`). MPP's run
limits only the capacity that may switch a year (to 2026), not how fast near-zero routes
spread, so the scenario lifts our ramp-up limits (`constraints.diffusion = []`) to follow it.

**Tolerances held** (`tests/sectors/test_steel_moratorium.py`, against the copy of MPP's run in
`tests/data/mpp_steel_tech_moratorium/`): production within 5% in 2020 and every year from
2030; cumulative 2020-2050 scope 1+2 within 10%; scope 1+2 within 10% in 2030, 20% in 2040,
30% in 2050. MPP's model is unseeded: two reruns of its baseline differ by about 2% in
cumulative emissions, so a deviation below that is noise.

**Result.** Cumulative 2020-2050 scope 1+2 {m_cumulative} from MPP's; scope 1+2 {m_2030} in
2030, {m_2040} in 2040, {m_2050} in 2050; production at most {m_production} from MPP's in 2020
and from 2030 on. From 2021 to 2029 our production follows the published statistics and their
fade-out (at most {m_early} from MPP's demand model), as in every steel scenario.

### World totals by decade year

{moratorium_totals}

### Cumulative emissions

{moratorium_cumulative_table}

### Technology mix: production by technology, Mt

{moratorium_mix}

**Why the mix differs.** The reasons of the baseline carry over: our capex weighting favours
Smelting Reduction+CCUS over the DRI-Melt-BOF routes ({m_sr} in 2050 against DRI-Melt-BOF with
zero-carbon hydrogen {m_h2_bof}, ours vs MPP's), and new capacity lands in other regions with
other scrap caps (EAF {m_eaf}). Like MPP's, our 2050 mix holds no banned technology: every
plant reaches a decision within one 20-year cycle.

**With our ramp-up limits.** The same rule under the standard ramp-up limits of
`diffusion.csv` (near-zero steel from 10 Mt/yr of new capacity in 2030, +30%/yr) does not reach
MPP's pathway: the near-zero limit binds in {ramp_years} and turns down {ramp_refused} Mt of
decisions in all; plants turned down keep their banned technology for another cycle, so
{limited_banned} Mt of banned capacity still runs in 2050 and scope 1+2 is {limited_2050_mt} Mt
CO2 ({limited_2050} from MPP's 2050; {limited_2040} in 2040; cumulative {limited_cumulative}).

### Near-zero plants

MPP states its milestones in plants: 70 near-zero primary steel plants by 2030, 530 by 2050.
We count them the same way (`Near-Zero Plants|Iron and Steel|Steel`, by region and year): the
capacity of the near-zero primary routes (the CCUS, hydrogen, bio-CCS and electrolytic routes;
not scrap EAF, not the route that sends its CO2 to use) divided by MPP's standard plant of
2.5 Mt/yr (`AVERAGE_CAPACITY_MT` of its steel model). MPP's run is counted from its mix:
near-zero output over its World utilisation of the year. Before 2030 every scenario with our
ramp-up limits keeps near-zero capacity within the committed project pipeline, which is why
those scenarios stay far below MPP's 2030 milestone.

{plants}
{end}"""


if __name__ == "__main__":
    sys.exit(main())

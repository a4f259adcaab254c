"""Regenerate the figures of the validation pages from current runs.

    python tools/make_validation_docs.py          # rewrite the pages
    python tools/make_validation_docs.py --check  # exit 1 if a page differs from the code

Writes ``docs/validation/cement.md`` whole, and the block between
``<!-- generated: deployment -->`` and ``<!-- /generated -->`` of ``docs/validation.md``
(deployment limits and plausibility of every plant-sector scenario). The test
``tests/test_validation_docs.py`` fails when a page drifts from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

import sectorpath
from sectorpath import plausibility
from sectorpath.diffusion import binding_limits
from sectorpath.results import Results
from sectorpath.scenarios.model import builtin_names
from sectorpath.sectors.cement import validation

DOCS = Path(__file__).resolve().parents[1] / "docs"
PLANT_SECTORS = ("cement", "aluminium", "steel", "ammonia", "methanol")
BLOCK_START = "<!-- generated: deployment -->"
BLOCK_END = "<!-- /generated -->"
DECADES = (2020, 2030, 2040, 2050)


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


def replace_block(text: str, block: str) -> str:
    start, end = text.index(BLOCK_START), text.index(BLOCK_END) + len(BLOCK_END)
    return text[:start] + block + text[end:]


def pages() -> dict[Path, str]:
    """Every generated page, path -> full text."""
    overview = DOCS / "validation.md"
    return {DOCS / "validation" / "cement.md": cement_page(),
            overview: replace_block(overview.read_text(), deployment_block())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
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


if __name__ == "__main__":
    sys.exit(main())

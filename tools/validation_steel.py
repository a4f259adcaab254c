"""Print the steel-vs-MPP comparison tables of docs/validation.md (markdown).

Usage: ``python tools/validation_steel.py`` (reads the reference copy in tests/data).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import sectorpath

REFERENCE = Path(__file__).resolve().parents[1] / "tests" / "data" / "mpp_steel_baseline"
DECADES = [2020, 2030, 2040, 2050]


def _markdown(frame: pd.DataFrame, digits: int = 1) -> str:
    columns = [str(frame.index.name or ""), *map(str, frame.columns)]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for index, row in frame.iterrows():
        cells = [f"{v:,.{digits}f}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join([str(index), *cells]) + " |")
    return "\n".join(lines)


def main() -> None:
    results = sectorpath.run("steel", "baseline")
    ref = pd.read_csv(REFERENCE / "global_production_emissions.csv", index_col="year")
    mix = pd.read_csv(REFERENCE / "production_by_technology.csv", index_col="year")
    ours = pd.DataFrame({
        "capacity": results.world("Capacity|Iron and Steel|Steel"),
        "production": results.world("Production|Iron and Steel|Steel"),
        "s1": results.world("Emissions|CO2|Industry|Iron and Steel|Scope 1"),
        "s2": results.world("Emissions|CO2|Industry|Iron and Steel|Scope 2"),
        "s12": results.world("Emissions|CO2|Industry|Iron and Steel"),
    })
    table = pd.DataFrame(index=pd.Index(DECADES, name="year"))
    for name, mpp, mine in (("capacity Mt", "capacity", "capacity"),
                            ("production Mt", "production", "production"),
                            ("scope 1 Mt CO2", "s1_emissions_mt", "s1"),
                            ("scope 2 Mt CO2", "s2_emissions_mt", "s2"),
                            ("scope 1+2 Mt CO2", "s1+s2_mt", "s12")):
        table[f"{name} MPP"] = ref.loc[DECADES, mpp]
        table[f"{name} ours"] = ours.loc[DECADES, mine]
        table[f"{name} diff %"] = 100 * (ours.loc[DECADES, mine] / ref.loc[DECADES, mpp] - 1)
    print(_markdown(table.T.rename_axis("quantity")))
    cumulative = pd.DataFrame({
        "MPP": [ref["s1+s2_mt"].sum() / 1000], "ours": [ours["s12"].sum() / 1000]},
        index=pd.Index(["cumulative scope 1+2 2020-2050, Gt CO2"], name="quantity"))
    cumulative["diff %"] = 100 * (cumulative["ours"] / cumulative["MPP"] - 1)
    print("\n### Cumulative emissions\n")
    print(_markdown(cumulative, 2))
    iamc = results.iamc
    rows = iamc[(iamc["region"] == "World") & iamc["variable"].str.startswith(
        results.names.production + "|")]
    wide = rows.pivot_table(index="year", columns="variable", values="value")
    wide.columns = [c.split("|")[-1] for c in wide.columns]
    techs = sorted(set(mix.columns) | set(wide.columns))
    tech_table = pd.DataFrame(index=pd.Index(techs, name="technology (production, Mt)"))
    for year in DECADES:
        tech_table[f"{year} MPP"] = mix.reindex(columns=techs).loc[year].fillna(0.0)
        tech_table[f"{year} ours"] = wide.reindex(columns=techs).loc[year].fillna(0.0)
    tech_table = tech_table[(tech_table.abs() > 0.05).any(axis=1)]
    print("\n### Technology mix: production by technology, Mt\n")
    print(_markdown(tech_table))


if __name__ == "__main__":
    main()

"""Write the synthetic example of ``sectorpath align`` (src/sectorpath/alignment/example/).

Usage: ``python tools/make_alignment_example.py [--seed 2024] [--out DIR]``

Every company, target and loan is SYNTHETIC: invented names and numbers drawn from a seeded
random generator, shaped to look like real asset-level data. What is taken from sectorpath is
the frame: each sector's regions and technologies, and the emissions intensity of each
technology in the start year of the sector's pathway in the ``net-zero`` pathway set, so
that companies sit around today's sector averages. Plans run 2023-2030 (start year plus
seven years, like PACTA's five-year forward-looking asset data). A few cases are planted on
purpose: a company with no production in one year, a target already met, chained targets,
a sector without a sectorpath pathway (power) and loans to a counterparty without company
data.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath.alignment.pathways import PATHWAY_SETS, Pathway, pathway_from_results
from sectorpath.alignment.technology import directions
from sectorpath.api import run
from sectorpath.crosssector.scenario import load_all_scenario
from sectorpath.results import Results
from sectorpath.tables import WORLD

OUT = Path(__file__).resolve().parents[1] / "src" / "sectorpath" / "alignment" / "example"
YEARS = np.arange(2023, 2031)
#: sector -> (companies, typical share of World production per company)
SECTORS = {"steel": (12, 0.012), "cement": (10, 0.008), "aluminium": (6, 0.02),
           "ammonia": (5, 0.015), "shipping": (8, 0.01), "trucking": (6, 0.004)}
PORTFOLIOS = ("Corporate Lending", "Project Finance")


def technology_intensity(results: Results, pathway: Pathway, year: int) -> pd.Series:
    """Scope 1+2 intensity of each technology in ``year`` (pathway unit), World. Transport
    reports scope 2 (electricity) only in total: it goes to the powertrains without scope 1
    emissions, pro rata to their activity. A technology that produced nothing gets the
    sector average."""
    world = results.iamc[(results.iamc["region"] == WORLD) & (results.iamc["year"] == year)]
    values = world.set_index("variable")["value"]
    produced = pathway.technology_production().loc[year]
    scope = results.names.scope
    scope1 = values.reindex([f"{scope(1)}|{t}" for t in produced.index]).fillna(0.0).to_numpy()
    if pathway.technology_emissions.empty:  # transport
        clean = (scope1 == 0) & (produced.to_numpy() > 0)
        scope2 = np.where(clean, values.get(scope(2), 0.0)
                          / max(produced[clean].sum(), 1e-12), 0.0) * produced.to_numpy()
    else:
        scope2 = values.reindex([f"{scope(2)}|{t}" for t in produced.index]).fillna(0.0)
    emitted = pd.Series(scope1 + np.asarray(scope2), index=produced.index)
    by_tech = emitted / produced.where(produced > 0) / pathway.emission_factor
    return by_tech.fillna(float(pathway.intensity().loc[year]))


def company_rows(results: Results, rng: np.random.Generator, count: int,
                 share: float) -> list[dict[str, object]]:
    """Production plans of ``count`` synthetic companies of one sector."""
    sector = results.sector
    pathway = pathway_from_results(results, sector)
    start = int(YEARS[0])
    world = float(pathway.world_production().loc[start])
    mix = pathway.technology_production().loc[start]
    incumbents = mix[mix > 0].sort_values(ascending=False).index[:4].tolist()
    final = pathway.technology_production().loc[int(YEARS[-1])]
    growing = [t for t, d in directions(pathway).items() if d == "increasing"
               and t not in incumbents[:1]]
    growing = sorted(growing, key=lambda t: -final[t])[:2]  # built by 2030
    intensity = technology_intensity(results, pathway, start)
    regions = [r for r in pathway.regions if r != WORLD]
    rows: list[dict[str, object]] = []
    for k in range(1, count + 1):
        company = f"SYN-{sector.upper()[:5]}-{k:02d}"
        size = world * share * rng.lognormal(0.0, 0.6)
        growth = rng.normal(0.01, 0.02)
        improvement = rng.uniform(0.0, 0.02)
        switch_to = rng.choice(growing) if growing and rng.random() < 0.5 else None
        switched = rng.uniform(0.1, 0.4)
        chosen = rng.choice(regions, size=min(len(regions), rng.integers(1, 3)), replace=False)
        for region in chosen:
            techs = incumbents[:rng.integers(1, 3)]
            weights = mix[techs].to_numpy() * rng.uniform(0.5, 1.5, len(techs))
            weights = weights / weights.sum()  # around the sector's own mix
            noise = rng.uniform(0.85, 1.15)
            for year in YEARS:
                scale = size / len(chosen) * (1 + growth) ** (year - start)
                moved = switched * np.clip((year - 2026) / 4, 0, 1) if switch_to else 0.0
                for tech, weight in zip(techs, weights, strict=True):
                    rows.append(_row(company, sector, region, tech, year,
                                     scale * weight * (1 - moved),
                                     intensity[tech] * noise * (1 - improvement) ** (year - start)))
                if moved:
                    rows.append(_row(company, sector, region, str(switch_to), year,
                                     scale * moved, intensity[switch_to] * noise))
    return rows


def _row(company: str, sector: str, region: str, technology: str, year: int,
         production: float, intensity: float) -> dict[str, object]:
    return {"company_id": company, "sector": sector, "region": region,
            "technology": technology, "year": int(year), "production": round(production, 5),
            "emission_intensity": round(float(intensity), 5)}


def power_rows(rng: np.random.Generator) -> list[dict[str, object]]:
    """Two power companies: a sector sectorpath has no pathway for (status 'no pathway')."""
    rows = []
    for k in (1, 2):
        for tech, size, intensity in (("coal", 20.0, 0.95), ("solar", 5.0, 0.0)):
            for year in YEARS:
                rows.append(_row(f"SYN-POWER-{k:02d}", "power", WORLD, tech, year,
                                 size * rng.uniform(0.9, 1.1), intensity))
    return rows


def one_row_per_key(companies: pd.DataFrame) -> pd.DataFrame:
    """Production moved to a technology the company already runs joins that row (summed,
    intensity production-weighted): the input allows one row per company, region,
    technology and year unless ``asset_id`` tells assets apart."""
    keys = ["company_id", "sector", "region", "technology", "year"]
    weighted = companies.assign(emissions=companies["production"]
                                * companies["emission_intensity"])
    summed = weighted.groupby(keys, sort=False, as_index=False)[["production", "emissions"]].sum()
    intensity = (summed["emissions"] / summed["production"].where(summed["production"] > 0))
    return summed.assign(production=summed["production"].round(5),
                         emission_intensity=intensity.round(5))[[*keys, "production",
                                                                 "emission_intensity"]]


def plant_edge_cases(companies: pd.DataFrame) -> pd.DataFrame:
    """SYN-STEEL-04 produces nothing in 2027 (a relining outage)."""
    outage = (companies["company_id"] == "SYN-STEEL-04") & (companies["year"] == 2027)
    companies.loc[outage, "production"] = 0.0
    return companies


def make_targets(companies: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Targets for about 60% of the companies, with planted cases (see module docstring)."""
    start = companies[(companies["year"] == YEARS[0]) & (companies["sector"] != "power")]
    start = start.assign(emissions=start["production"] * start["emission_intensity"])
    totals = start.groupby(["company_id", "sector"], as_index=False)[
        ["production", "emissions"]].sum()
    rows = []
    for row in totals.itertuples(index=False):
        if row.company_id != "SYN-CEMEN-01" and rng.random() > 0.6:
            continue
        factor = 1e-3 if row.sector in ("shipping", "trucking") else 1.0  # g/tkm x bn tkm
        base_emissions = row.emissions * factor * rng.uniform(1.0, 1.1)
        if row.company_id == "SYN-CEMEN-01":  # already met: base far above today
            rows.append(_target(row, "1+2", 2019, 2030, 20.0, "absolute", 1.6 * base_emissions))
            continue
        if rng.random() < 0.3:
            intensity = row.emissions / row.production * rng.uniform(1.0, 1.05)
            rows.append(_target(row, "1+2", 2021, 2030, rng.uniform(15, 40), "intensity",
                                intensity))
        else:
            rows.append(_target(row, "1+2", 2020, 2030, rng.uniform(15, 45), "absolute",
                                base_emissions))
            if rng.random() < 0.4:  # chained long-term target from the end of the first
                rows.append(_target(row, "1+2", 2030, 2050, 90.0, "absolute", None))
        if rng.random() < 0.2:
            rows.append(_target(row, "1", 2022, 2035, rng.uniform(20, 50), "absolute",
                                0.8 * base_emissions))
    return pd.DataFrame(rows)


def _target(row: object, scope: str, base: int, target: int, reduction: float, kind: str,
            base_value: float | None) -> dict[str, object]:
    return {"company_id": row.company_id, "sector": row.sector,  # type: ignore[attr-defined]
            "scope": scope, "base_year": base, "target_year": target,
            "reduction": round(float(reduction), 1), "type": kind,
            "base_value": None if base_value is None else round(float(base_value), 5)}


def make_portfolio(companies: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Loans (million USD) to the companies, in two portfolios, plus two unmatched loans."""
    pairs = companies[["company_id", "sector"]].drop_duplicates().to_numpy().tolist()
    pairs += [["SYN-UNMATCHED-01", "steel"], ["SYN-UNMATCHED-01", "steel"]]
    rows = []
    for company, sector in pairs:
        for _ in range(rng.integers(1, 6)):
            rows.append({"loan_id": f"L{len(rows) + 1:05d}", "portfolio": rng.choice(PORTFOLIOS),
                         "counterparty": company, "sector": sector,
                         "exposure": round(float(rng.lognormal(4.0, 1.0)), 2)})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    scenarios = load_all_scenario(PATHWAY_SETS / "net-zero.toml").sectors
    rows = [r for sector, (count, share) in SECTORS.items()
            for r in company_rows(run(sector, scenarios[sector]), rng, count, share)]
    companies = plant_edge_cases(one_row_per_key(pd.DataFrame(rows + power_rows(rng))))
    targets = make_targets(companies, rng)
    portfolio = make_portfolio(companies, rng)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, frame in (("companies", companies), ("targets", targets),
                        ("portfolio", portfolio)):
        frame.to_csv(args.out / f"{name}.csv", index=False)
        print(f"wrote {args.out / f'{name}.csv'} ({len(frame)} rows)")


if __name__ == "__main__":
    main()

"""A hand-made pathway whose numbers can be followed on paper, and input builders.

Toy pathway (every year 2020-2050, t = year - 2020), World production by technology in Mt:
BF-BOF 100 - 2t (2.0 t CO2/t), EAF 50 + t (0.4 t CO2/t, scrap-based), H2-DRI 2t (0 t CO2/t).
So World production is 150 + t, scope 1+2 emissions 220 - 3.6t Mt CO2 (scope 1: 80%,
scope 2: 20%) and the intensity (220 - 3.6t) / (150 + t): 1.46667 in 2020, 1.15 in 2030,
0.62222 in 2050. Regions North and South hold 60% and 40% of every technology.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pytest

from sectorpath.alignment.inputs import Inputs, validate
from sectorpath.alignment.pathways import Pathway, Pathways, load_pathways

YEARS = np.arange(2020, 2051)
TECHS = {"BF-BOF": (lambda t: 100 - 2 * t, 2.0), "EAF": (lambda t: 50 + t, 0.4),
         "H2-DRI": (lambda t: 2 * t, 0.0)}
SHARES = {"North": 0.6, "South": 0.4, "World": 1.0}


def toy_pathway(sector: str = "steel", label: str = "Steel") -> Pathway:
    """The toy pathway above, under any sector name (steel gets the scrap adjustment)."""
    t = YEARS - 2020
    production = pd.DataFrame([
        {"region": region, "technology": tech, "year": int(year), "value": share * path(k)}
        for region, share in SHARES.items() for tech, (path, _) in TECHS.items()
        for year, k in zip(YEARS, t, strict=True)])
    world = 220 - 3.6 * t
    emissions = pd.concat([
        pd.DataFrame({"region": region, "scope": scope, "year": YEARS,
                      "value": share * factor * world})
        for region, share in SHARES.items()
        for scope, factor in (("1", 0.8), ("2", 0.2), ("1+2", 1.0))], ignore_index=True)
    technology_emissions = pd.DataFrame([
        {"technology": tech, "year": int(year), "value": path(k) * intensity}
        for tech, (path, intensity) in TECHS.items() for year, k in zip(YEARS, t, strict=True)])
    return Pathway(sector, label, "toy", "Mt/yr", "t CO2/t", 1.0, production, emissions,
                   technology_emissions)


def toy_pathways(*sectors: str, missing: dict[str, str] | None = None) -> Pathways:
    return Pathways("toy", {s: toy_pathway(s, s.title()) for s in sectors}, missing or {})


def company(name: str, years: Iterable[int], sector: str = "steel", region: str = "North",
            **techs: tuple[float, float]) -> list[dict[str, object]]:
    """Rows of one company: technology=(production Mt, intensity t CO2/t) in every year
    (technology names with '-' are written with '_' here: BF_BOF, H2_DRI)."""
    return [{"company_id": name, "sector": sector, "region": region,
             "technology": tech.replace("_", "-"), "year": year, "production": production,
             "emission_intensity": intensity}
            for year in years for tech, (production, intensity) in techs.items()]


def inputs(companies: list[dict[str, object]], loans: list[tuple[str, str, float]],
           targets: list[dict[str, object]] | None = None) -> Inputs:
    """Validated inputs from rows; loans are (counterparty, sector, exposure)."""
    portfolio = pd.DataFrame(loans, columns=["counterparty", "sector", "exposure"])
    return Inputs(validate(portfolio, "portfolio", "portfolio.csv"),
                  validate(pd.DataFrame(companies), "companies", "companies.csv"),
                  None if targets is None else validate(pd.DataFrame(targets), "targets",
                                                        "targets.csv"),
                  {"portfolio": "portfolio.csv", "companies": "companies.csv",
                   "targets": "targets.csv"})


def pick(frame: pd.DataFrame, **where: object) -> pd.DataFrame:
    """Rows of ``frame`` where every column equals the given value."""
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    return frame[mask]


def one(frame: pd.DataFrame, column: str = "value", **where: object) -> float:
    rows = pick(frame, **where)
    assert len(rows) == 1, rows
    return float(rows[column].iloc[0])


@pytest.fixture(scope="session")
def example_pathways() -> Pathways:
    """The net-zero pathways of the packaged example's sectors (run once)."""
    from sectorpath.alignment import example_inputs

    data = example_inputs()
    return load_pathways("net-zero", {*data.portfolio["sector"], *data.companies["sector"]})

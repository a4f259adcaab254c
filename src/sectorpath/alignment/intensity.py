"""Intensity methods: the Sectoral Decarbonization Approach (SBTi 2015) and the alignment
delta of the Poseidon Principles (shipping) and Sustainable STEEL Principles (steel).

Both compare a company's scope 1+2 emissions intensity (production-weighted over its assets)
with a benchmark intensity of the same year; they differ in the benchmark:

- SDA: I*(t) = d x p(t) x m(t) + I_s(2050), the company's own convergence path from its
  base-year intensity to the sector's 2050 intensity;
- delta: the sector pathway's intensity itself, I_s(t) (for steel adjusted to the company's
  scrap share). The delta is (I(t) - I*(t)) / I*(t): positive means above the trajectory.

Formulas and sources: ``docs/alignment.md``.
"""

from __future__ import annotations

import pandas as pd

from sectorpath.alignment.frames import KEYS, OK, empty_rows, method_rows
from sectorpath.alignment.pathways import SCRAP_TECHNOLOGIES, Pathway

_FLAT = 1e-12  # a pathway whose intensity does not change: p(t) = 1


def sda(years: pd.DataFrame, pathways: dict[str, Pathway],
        market_share: bool = True) -> pd.DataFrame:
    """SDA target intensity per company, sector and year from the company's base year (its
    first year with production). ``market_share=False`` sets m(t) = 1, as PACTA does."""
    parts = [_sda_sector(years[years["sector"] == s], p, market_share)
             for s, p in pathways.items()]
    return pd.concat([empty_rows(), *parts], ignore_index=True)


def _sda_sector(frame: pd.DataFrame, pathway: Pathway, market_share: bool) -> pd.DataFrame:
    scenario = pd.DataFrame({"sector_intensity": pathway.intensity(),
                             "sector_production": pathway.world_production()})
    end = float(scenario["sector_intensity"].iloc[-1])
    frame = frame[frame["year"] >= frame["start_year"]]
    base = frame.loc[frame["year"] == frame["start_year"], [*KEYS, "production", "intensity"]]
    f = (frame.merge(base.rename(columns={"production": "base_production",
                                          "intensity": "base_intensity"}), on=KEYS)
         .join(scenario, on="year")
         .join(scenario.add_prefix("base_"), on="start_year"))
    distance = f["base_intensity"] - end
    span = f["base_sector_intensity"] - end
    p = ((f["sector_intensity"] - end) / span.where(span.abs() > _FLAT)).fillna(1.0)
    m: float | pd.Series = 1.0
    if market_share:
        share = f["production"] / f["sector_production"]
        m = (f["base_production"] / f["base_sector_production"]) / share.where(share > 0)
    target = distance * p * m + end
    # A company already at or below the sector's 2050 intensity keeps its base intensity
    # (the formula would let it rise towards the sector's value).
    target = target.where(distance >= 0, f["base_intensity"])
    f = f.assign(value=f["intensity"], target=target.where(f["status"] == OK))
    return method_rows(f, "sda", pathway.intensity_unit)


def delta(years: pd.DataFrame, companies: pd.DataFrame,
          pathways: dict[str, Pathway]) -> pd.DataFrame:
    """Alignment delta per company, sector and year against the pathway's intensity (steel:
    the scrap-adjusted trajectory of the Sustainable STEEL Principles)."""
    parts = []
    for sector, pathway in pathways.items():
        frame = years[(years["sector"] == sector) & (years["year"] >= years["start_year"])]
        target = (_scrap_adjusted(frame, companies, pathway, SCRAP_TECHNOLOGIES[sector])
                  if sector in SCRAP_TECHNOLOGIES else frame["year"].map(pathway.intensity()))
        frame = frame.assign(value=frame["intensity"], target=target.where(frame["status"] == OK))
        parts.append(method_rows(frame, "delta", pathway.intensity_unit))
    return pd.concat([empty_rows(), *parts], ignore_index=True)


def _scrap_adjusted(frame: pd.DataFrame, companies: pd.DataFrame, pathway: Pathway,
                    scrap: frozenset[str]) -> pd.Series:
    """(1 - s) x I_primary(t) + s x I_secondary(t), s = the company's scrap charge in that
    year: the production-weighted ``scrap_share`` where the companies input reports it (the
    Sustainable STEEL Principles' scrap charge), else its share of production from
    scrap-based routes; a route the pathway does not run in a year takes the pathway's
    average intensity."""
    overall = pathway.intensity()
    primary = pathway.route_intensity(frozenset(pathway.technologies) - scrap).fillna(overall)
    secondary = pathway.route_intensity(scrap).fillna(overall)
    rows = companies[companies["sector"] == pathway.sector]
    from_scrap = (rows.loc[rows["technology"].isin(scrap)]
                  .groupby([*KEYS, "year"])["production"].sum().rename("scrap"))
    share = (frame.join(from_scrap, on=[*KEYS, "year"])["scrap"].fillna(0.0)
             / frame["production"].where(frame["production"] > 0))
    if "scrap_share" in rows.columns:  # the reported scrap charge replaces the route share
        given = rows[rows["scrap_share"].notna()]
        charged = (given["scrap_share"] * given["production"]).groupby(
            [given[k] for k in (*KEYS, "year")]).sum() / given.groupby(
            [*KEYS, "year"])["production"].sum().where(lambda p: p > 0)
        reported = frame.join(charged.rename("charged"), on=[*KEYS, "year"])["charged"]
        share = reported.where(reported.notna(), share)
    return (1 - share) * frame["year"].map(primary) + share * frame["year"].map(secondary)


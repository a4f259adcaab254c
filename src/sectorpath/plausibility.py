"""Real-world plausibility measures of a plant-sector run (used by tests and the docs).

- near-zero share of output by year (the sector's ``low_emission_technologies``);
- the fastest take-over: a technology going from under 5% to over 60% of output, and in how
  many years;
- near-zero capacity before 2030 against what the committed project pipeline allows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sectorpath.diffusion import COMMITTED
from sectorpath.engine.simulate import Trajectory
from sectorpath.inputs import load_sector_data
from sectorpath.results import Results

LOW_SHARE = 0.05
HIGH_SHARE = 0.60
TAKEOVER_YEARS = 10
PIPELINE_UNTIL = 2029


def plant(results: Results) -> Trajectory:
    """The plant-engine trajectory of a run (a fleet run has none)."""
    if not isinstance(results.trajectory, Trajectory):
        raise TypeError(f"{results.sector} is not a plant sector")
    return results.trajectory


@dataclass(frozen=True)
class Takeover:
    technology: str
    from_year: int
    to_year: int


def near_zero_share(results: Results) -> np.ndarray:
    """(Y,) share of World output made by the sector's near-zero technologies."""
    t = plant(results)
    production = t.production.sum(axis=1)
    near_zero = np.isin(t.inputs.technologies, list(t.inputs.sector.low_emission_technologies))
    return production[:, near_zero].sum(axis=1) / np.maximum(production.sum(axis=1), 1e-12)


def takeovers(results: Results) -> list[Takeover]:
    """Technologies whose share of output rose from under 5% to over 60% within 10 years."""
    t = plant(results)
    production = t.production.sum(axis=1)
    share = production / np.maximum(production.sum(axis=1, keepdims=True), 1e-12)
    years = t.inputs.years
    found = []
    for k, tech in enumerate(t.inputs.technologies):
        low = np.flatnonzero(share[:, k] < LOW_SHARE)
        high = np.flatnonzero(share[:, k] > HIGH_SHARE)
        pairs = [(a, b) for a in low for b in high if 0 < b - a < TAKEOVER_YEARS]
        if pairs:
            a, b = min(pairs, key=lambda pair: pair[1] - pair[0])
            found.append(Takeover(tech, int(years[a]), int(years[b])))
    return found


def near_zero_capacity_over_pipeline(results: Results) -> float:
    """Largest excess (Mt/yr) of near-zero capacity over the first-year stock plus the
    committed pipeline, in the years up to 2029; 0 when the run keeps to the pipeline.

    A project counts as whole plants when the group counts plants, so the allowance is the
    pipeline's plants at the size of the plants that took them (at most the largest asset).
    """
    t = plant(results)
    inputs = t.inputs
    near_zero = np.isin(inputs.technologies, list(inputs.sector.low_emission_technologies))
    capacity = t.capacity.sum(axis=1)[:, near_zero].sum(axis=1)
    table = _pipeline(results)
    size = float(t.stock.capacity.max()) if len(t.stock) else 0.0
    allowed = np.array([capacity[0] + sum(
        (np.ceil(c / size_of - 1e-9) * size if per_asset else c)
        for c, start, size_of, per_asset in table if start <= year)
        for year in inputs.years])
    window = inputs.years <= PIPELINE_UNTIL
    return float(np.max(np.maximum(capacity - allowed, 0.0)[window]))


def _pipeline(results: Results) -> list[tuple[float, int, float, bool]]:
    """(capacity, start year, asset size, counted in plants) of each committed project."""
    tables = load_sector_data(plant(results).inputs.sector).diffusion
    if tables is None:
        return []
    diffusion, pipeline = tables
    units = diffusion.drop_duplicates("group").set_index("group")["unit"]
    committed = pipeline[pipeline["status"].isin(COMMITTED)]
    return [(float(c), int(y), float(a), units.get(g) == "assets") for c, y, a, g in zip(
        committed["capacity"], committed["start_year"], committed["asset_size"],
        committed["group"], strict=True)]

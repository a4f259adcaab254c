"""The asset stock: one NumPy array per attribute, never one Python object per plant."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class AssetStock:
    """Plants (or kilns, smelters) as parallel arrays indexed by asset.

    capacity is Mt product/yr; years are calendar years. Closed assets stay in the arrays with
    ``active`` False so that indices never shift during a run.
    """

    asset_id: np.ndarray  # (N,) str
    region: np.ndarray  # (N,) int
    technology: np.ndarray  # (N,) int
    capacity: np.ndarray  # (N,) float
    start_year: np.ndarray  # (N,) int
    next_cycle: np.ndarray  # (N,) int, year of the next main investment decision
    last_investment: np.ndarray  # (N,) int, year of the last main cycle or retrofit
    retrofitted: np.ndarray  # (N,) bool, took a transitional retrofit since its last cycle
    active: np.ndarray  # (N,) bool

    @classmethod
    def initial(cls, asset_id: np.ndarray, region: np.ndarray, technology: np.ndarray,
                capacity: np.ndarray, start_year: np.ndarray, first_year: int,
                cycle_years: int) -> AssetStock:
        """Stock at the start year, each asset's next decision on its own cycle from its age.

        An asset decides every ``cycle_years`` after it started; a decision due in the start
        year falls in the year after it (the start year is calibration, not decision).
        """
        age = np.maximum(first_year - start_year, 0)
        since_last = age % cycle_years
        next_cycle = np.maximum(first_year + (cycle_years - since_last) % cycle_years,
                                first_year + 1)
        return cls(asset_id=asset_id.astype(object), region=region.copy(),
                   technology=technology.copy(), capacity=capacity.astype(float),
                   start_year=start_year.copy(), next_cycle=next_cycle,
                   last_investment=first_year - since_last,
                   retrofitted=np.zeros(asset_id.size, dtype=bool),
                   active=np.ones(asset_id.size, dtype=bool))

    def __len__(self) -> int:
        return int(self.capacity.size)

    def add(self, region: np.ndarray, technology: np.ndarray, capacity: np.ndarray, year: int,
            cycle_years: int, prefix: str) -> np.ndarray:
        """Append new assets opened in ``year``; returns their indices."""
        first = len(self)
        count = region.size
        ids = np.array([f"{prefix}-{year}-{first + i:05d}" for i in range(count)], dtype=object)
        self.asset_id = np.concatenate([self.asset_id, ids])
        self.region = np.concatenate([self.region, region])
        self.technology = np.concatenate([self.technology, technology])
        self.capacity = np.concatenate([self.capacity, capacity])
        self.start_year = np.concatenate([self.start_year, np.full(count, year)])
        self.next_cycle = np.concatenate([self.next_cycle, np.full(count, year + cycle_years)])
        self.last_investment = np.concatenate([self.last_investment, np.full(count, year)])
        self.retrofitted = np.concatenate([self.retrofitted, np.zeros(count, dtype=bool)])
        self.active = np.concatenate([self.active, np.ones(count, dtype=bool)])
        return np.arange(first, first + count)

    def regional_capacity(self, n_regions: int) -> np.ndarray:
        """Active capacity by region, Mt/yr (R,)."""
        return np.bincount(self.region, weights=self.capacity * self.active, minlength=n_regions)

    def capacity_by(self, n_regions: int, n_techs: int) -> np.ndarray:
        """Active capacity by region and technology, Mt/yr (R, T)."""
        cells = self.region * n_techs + self.technology
        flat = np.bincount(cells, weights=self.capacity * self.active,
                           minlength=n_regions * n_techs)
        return flat.reshape(n_regions, n_techs)

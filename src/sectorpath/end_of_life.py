"""Carbon in products: where the fossil carbon a product carries goes when it is discarded.

A sector that declares ``end_of_life`` (``sectors.base.EndOfLife``) ships ``end_of_life.csv``:
the shares of that carbon released (incinerated, burnt in the open, decomposed), stored
(landfill, long-lived products) and recycled, by year and case. A scenario chooses the case,
may replace the recycled share by its own path, and turns the accounting on; then the released
carbon is reported as ``Emissions|CO2|<sector>|End of Life``. The shares apply to the year's
production (steady state: no product-lifetime lag).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RELEASED, STORED, RECYCLED = range(3)
FATES = ("released", "stored", "recycled")


def fate_shares(table: pd.DataFrame, case: str, years: np.ndarray,
                recycling_rate: np.ndarray | None = None) -> np.ndarray:
    """(Y, 3) released, stored and recycled shares of one case, years filled flat.

    ``recycling_rate`` (Y,) replaces the recycled share; released and stored share what is
    left in their published ratio (both zero: all of it released).
    """
    rows = table[table["case"] == case].set_index("year").sort_index()
    shares = np.stack([np.interp(years, rows.index.to_numpy(float), rows[f].to_numpy(float))
                       for f in FATES], axis=1)
    if recycling_rate is None:
        return shares
    kept = shares[:, RELEASED] + shares[:, STORED]
    released = np.divide(shares[:, RELEASED], kept, out=np.ones_like(kept), where=kept > 0)
    left = 1.0 - recycling_rate
    return np.stack([left * released, left * (1.0 - released), recycling_rate], axis=1)


def virgin_demand_factor(shares: np.ndarray, displaces: float) -> np.ndarray:
    """(Y,) multiplier of published demand: recycling above the first year's share replaces
    ``displaces`` t of virgin product per t of product recycled (the published demand already
    reflects the first year's recycling)."""
    return 1.0 - displaces * (shares[:, RECYCLED] - shares[0, RECYCLED])


def released_co2(carbon: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Mt CO2 released at end of life from ``carbon`` (Y, ...) Mt CO2 in the year's products."""
    return carbon * shares[:, RELEASED].reshape((-1,) + (1,) * (carbon.ndim - 1))

"""Running sums within groups of a sorted array: the core of every 'take until' rule."""

from __future__ import annotations

import numpy as np

from sectorpath.tolerances import ROUNDING


def cumsum_within(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Cumulative sum of ``values`` restarting at each new group (``groups`` sorted)."""
    cumulative = np.cumsum(values)
    starts = np.searchsorted(groups, groups, side="left")
    before = np.where(starts > 0, cumulative[np.maximum(starts - 1, 0)], 0.0)
    return cumulative - before


def take_until(groups: np.ndarray, values: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Mask of the leading items of each group needed for their sum to reach ``target[group]``.

    Items are taken in order while the sum before them is still short of the target, so the
    last one taken may overshoot it.
    """
    before = cumsum_within(groups, values) - values
    return before < target[groups] - ROUNDING


def one_hot(index: np.ndarray, n: int) -> np.ndarray:
    """(len(index), n) matrix with a 1 in each row's ``index`` column: ``x @ one_hot`` sums the
    last axis of ``x`` into ``n`` groups."""
    out = np.zeros((index.size, n))
    out[np.arange(index.size), index] = 1.0
    return out

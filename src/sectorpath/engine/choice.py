"""Technology choice for many assets at once, under resource limits.

Each deciding asset has a row of scores over technologies (lower is better, ``inf`` where a
move is not allowed). The best allowed technology wins unless a limited resource would be
over-used: then the assets that gain least from the contested technology fall back to their
next-best choice, group by group, until every limit holds or nothing else is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sectorpath.engine.grouped import cumsum_within
from sectorpath.tolerances import ROUNDING

FASTEST_ABATEMENT_WEIGHTS = (0.02, 1.0)
"""(cost, emissions) weights that rank by emissions, with costs breaking ties: the
fastest-abatement rule and the pull-forward of abatement under a carbon budget."""


@dataclass(frozen=True)
class Limit:
    """One resource cap for a decision round.

    ``use`` is (n, T): resource use of each deciding asset per technology, in the cap's unit
    (already multiplied by the asset's production). ``group`` maps each asset to a cap group
    (its region, or 0 for a global cap) and ``headroom`` is what is left in each group.
    """

    name: str
    use: np.ndarray
    group: np.ndarray
    headroom: np.ndarray
    refused: np.ndarray | None = None
    """If given, (groups,): the extra use of the choices this limit turned down is added to it,
    so a run can report by how much a limit bound."""
    tech_group: np.ndarray | None = None
    """If given, (T,): the group of each technology (-1: none), and an asset's group is that of
    the technology it chooses (``group`` is then unused): a ramp-up limit on many technology
    groups at once. Moving within a group adds no use; entering one adds the asset's use."""

    def groups_and_extra(self, choice: np.ndarray, current: np.ndarray,
                         rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n,) cap group of each asset and the extra use its choice would add."""
        if self.tech_group is None:
            now = np.where(current >= 0, self.use[rows, np.maximum(current, 0)], 0.0)
            return self.group, self.use[rows, choice] - now
        group = self.tech_group[choice]
        same = (current >= 0) & (self.tech_group[np.maximum(current, 0)] == group)
        extra = np.where((group >= 0) & ~same, self.use[rows, choice], 0.0)
        return np.maximum(group, 0), extra


def rank_scores(tco: np.ndarray, emissions: np.ndarray, allowed: np.ndarray,
                cost_weight: float, abatement_weight: float,
                bands: tuple[float, ...] = (), reference: np.ndarray | None = None,
                jitter: np.ndarray | None = None) -> np.ndarray:
    """Blend cost and emissions into one score per (asset, technology); lower is better.

    Each criterion is scaled to 0..1 over the asset's allowed options, so the weights mean the
    same thing whatever the units. With cost ``bands`` (e.g. ``(1.1, 1.3)``) the cost criterion
    becomes a rank instead: band 0 within 10% of the reference cost, band 1 within 30%, band 2
    beyond; the reference is the cheapest allowed option among the ``reference`` columns.
    ``jitter`` (same shape, values in [0, 1)) breaks ties between options of equal score, so
    that equally ranked options are drawn by a seeded lottery. Disallowed options score ``inf``.
    """
    score = np.zeros_like(tco)
    if cost_weight:
        cost = _banded(tco, allowed, bands, reference) if bands else _scaled(tco, allowed)
        score = score + cost_weight * cost
    if abatement_weight:
        score = score + abatement_weight * _scaled(emissions, allowed)
    if jitter is not None:
        score = score + (0.5 if bands else ROUNDING) * jitter
    return np.where(allowed, score, np.inf)


def _scaled(values: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    masked = np.where(allowed, values, np.inf)
    low = masked.min(axis=1, keepdims=True)
    high = np.where(allowed, values, -np.inf).max(axis=1, keepdims=True)
    span = np.where(np.isfinite(high - low), high - low, 0.0)
    return np.where(allowed, (values - np.where(np.isfinite(low), low, 0.0))
                    / np.maximum(span, ROUNDING), 0.0)


def _banded(tco: np.ndarray, allowed: np.ndarray, bands: tuple[float, ...],
            reference: np.ndarray | None) -> np.ndarray:
    setting = allowed if reference is None else allowed & reference[None, :]
    setting = np.where(setting.any(axis=1, keepdims=True), setting, allowed)
    ref = np.where(setting, tco, np.inf).min(axis=1, keepdims=True)
    ratio = tco / np.where(np.isfinite(ref) & (ref > 0), ref, 1.0)
    return np.sum([ratio > band for band in bands], axis=0).astype(float)


def choose(scores: np.ndarray, current: np.ndarray, limits: list[Limit]) -> np.ndarray:
    """Pick a technology per asset: best score, then repair limit violations.

    ``current`` is each asset's technology now (``-1`` for a new asset); an asset whose every
    option is barred keeps ``current`` (a new asset takes its unconstrained best).
    Returns the chosen technology index per asset.
    """
    fallback = np.where(current >= 0, current, _best(scores, current))
    scores = scores.copy()
    rows = np.arange(scores.shape[0])
    # each round bars at least one (asset, option) pair, so this ends; rounds are few in
    # practice because every asset beyond a cap is barred at once
    for _ in range(scores.size + 1):
        choice = _best(scores, fallback)
        violated = False
        for limit in limits:
            group, extra = limit.groups_and_extra(choice, current, rows)
            # an asset with every option barred takes its fallback: nothing left to bar
            barred = _over_limit(limit, group, extra, scores) & np.isfinite(
                scores[rows, choice])
            if barred.any():
                scores[rows[barred], choice[barred]] = np.inf
                violated = True
                if limit.refused is not None:
                    limit.refused[:] += np.bincount(group[barred], weights=extra[barred],
                                                    minlength=limit.refused.size)
        if not violated:
            return choice
    return fallback


def _best(scores: np.ndarray, current: np.ndarray) -> np.ndarray:
    if scores.shape[0] == 0:
        return current.copy()
    best = np.argmin(scores, axis=1)
    stuck = ~np.isfinite(scores[np.arange(scores.shape[0]), best])
    return np.where(stuck & (current >= 0), current, best)


def _over_limit(limit: Limit, group: np.ndarray, extra: np.ndarray,
                scores: np.ndarray) -> np.ndarray:
    """Assets that must give up their choice so that each group's extra use fits its headroom
    (``group`` and ``extra``: each asset's cap group and the use its choice adds)."""
    rising = extra > ROUNDING
    if not rising.any():
        return np.zeros_like(rising)
    # Gain of each asset from its choice over its next-best option: largest gains keep theirs.
    ordered = np.sort(scores, axis=1)
    if scores.shape[1] > 1:
        finite = np.isfinite(ordered[:, 1])
        gain = np.where(finite, ordered[:, 1] - np.where(finite, ordered[:, 0], 0.0), np.inf)
    else:
        gain = np.full(len(group), np.inf)
    order = np.lexsort((-gain, group))
    group_sorted = group[order]
    extra_sorted = np.where(rising, extra, 0.0)[order]
    within = cumsum_within(group_sorted, extra_sorted)
    # Use released by assets that lower theirs is not counted as room: some of those moves may
    # still be deferred (switching-capacity cap), and the cap must hold whatever happens.
    room = np.maximum(limit.headroom, 0.0)
    too_much = np.zeros_like(rising)
    too_much[order] = (within > room[group_sorted] + ROUNDING) & (extra_sorted > 0)
    return too_much

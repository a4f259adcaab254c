"""Reusable rules a sector may name in its declaration instead of writing its own.

Each switch-capex rule maps (greenfield (T,), renewal (T,), technology names) to the capex
of every move from row to column technology, USD/t capacity (T, T).
"""

from __future__ import annotations

import numpy as np


def renovate_to_target(green: np.ndarray, renewal: np.ndarray, techs: list[str]) -> np.ndarray:
    """Every move, staying included, is a brownfield renovation paying the target's
    renewal (renovation) capex."""
    del green, techs
    return np.broadcast_to(renewal[None, :], (renewal.size, renewal.size)).copy()


def switches_by_order(order: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """Main-cycle moves from an ordered list of tiers: a technology may stay or move to any
    technology of the same or a later tier."""
    out: dict[str, tuple[str, ...]] = {}
    for k, tier in enumerate(order):
        later = tuple(t for tiers in order[k:] for t in tiers)
        for tech in tier:
            out[tech] = later
    return out

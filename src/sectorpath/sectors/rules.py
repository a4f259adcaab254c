"""Reusable rules a sector may name in its declaration instead of writing its own.

Each switch-capex rule maps (greenfield (T,), renewal (T,), technology names) to the capex
of every move from row to column technology, USD/t capacity (T, T).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from sectorpath.sectors.base import Reported


def renovate_to_target(green: np.ndarray, renewal: np.ndarray, techs: list[str]) -> np.ndarray:
    """Every move, staying included, is a brownfield renovation paying the target's
    renewal (renovation) capex."""
    del green, techs
    return np.broadcast_to(renewal[None, :], (renewal.size, renewal.size)).copy()


#: MPP's technology classification, in the order a plant may move along it.
PHASE_ORDER = ("initial", "transition", "end-state")


def read_phases(path: Path, excluded: frozenset[str] = frozenset()) -> dict[str, str]:
    """Technology -> phase from a sector's ``technologies.csv`` (columns technology, phase)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["technology"]: row["phase"] for row in csv.DictReader(handle)
                if row["technology"] not in excluded}


def switches_by_phase(phases: Mapping[str, str],
                      allowed: Callable[[str, str], bool] | None = None
                      ) -> dict[str, tuple[str, ...]]:
    """Main-cycle moves that never go to an earlier phase (MPP's no-downgrade rule:
    initial -> transition -> end-state) and that ``allowed(origin, target)`` accepts; a
    technology may always stay."""
    rank = {tech: PHASE_ORDER.index(phase) for tech, phase in phases.items()}
    return {
        origin: tuple(t for t in phases if t == origin or (
            rank[t] >= rank[origin] and (allowed is None or allowed(origin, t))))
        for origin in phases
    }


def summed(parts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, float], ...]]:
    """Name -> the commodities it adds up, each with factor 1 (the terms of a reported
    variable or of a shared resource whose unit is the commodities' own, e.g. PJ)."""
    return {name: tuple((commodity, 1.0) for commodity in commodities)
            for name, commodities in parts.items()}


def final_energy(label: str, carriers: Mapping[str, tuple[str, ...]]) -> tuple[Reported, ...]:
    """One ``Final Energy|<label>|<carrier>`` variable per carrier, PJ/yr: the sum of its
    commodities' use (GJ/t x Mt = PJ, factor 1)."""
    return tuple(Reported(f"Final Energy|{label}|{carrier}", "PJ/yr", terms)
                 for carrier, terms in summed(carriers).items())

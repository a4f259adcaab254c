"""Scenario discovery: which regions of the uncertain inputs lead to an outcome (e.g. 2050
emissions above a level, a Breakthrough missed), with the EMA Workbench's PRIM and CART.

Needs the optional extra: ``pip install "sectorpath[ensemble]"`` (``ema_workbench``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sectorpath.errors import InputError


@dataclass(frozen=True)
class Box:
    """A box of the input space where the outcome is frequent."""

    limits: pd.DataFrame  # index: restricted parameter; columns min, max (drawn values)
    coverage: float  # share of the runs with the outcome that fall in the box
    density: float  # share of the runs in the box that have the outcome
    mass: float  # share of all runs in the box

    @property
    def parameters(self) -> list[str]:
        return [str(name) for name in self.limits.index]


def _checked(inputs: pd.DataFrame, outcome: np.ndarray) -> np.ndarray:
    flags = np.asarray(outcome)
    if flags.dtype != bool or flags.shape != (len(inputs),):
        raise InputError("scenario discovery", "outcome", f"{flags.dtype} of shape "
                         f"{flags.shape}", allowed=f"booleans, one per run ({len(inputs)})")
    if not flags.any() or flags.all():
        raise InputError("scenario discovery", "outcome", f"{int(flags.sum())} of "
                         f"{flags.size} runs have it", allowed="some runs with and some without")
    return flags


def prim_box(inputs: pd.DataFrame, outcome: np.ndarray, threshold: float = 0.8) -> Box:
    """The PRIM box (Friedman and Fisher 1999; ema_workbench.analysis.prim) of the runs
    with ``outcome`` (one bool per row of ``inputs``) whose density reaches ``threshold``."""
    from ema_workbench.analysis import prim

    flags = _checked(inputs, outcome)
    box = prim.Prim(inputs.reset_index(drop=True), flags, threshold=threshold).find_box()
    ((stats, limits),) = box.inspect(style="data")
    limits = limits.droplevel(0, axis=1).iloc[:, :2]
    limits.columns = ["min", "max"]
    return Box(limits.sort_index(), float(stats["coverage"]), float(stats["density"]),
               float(stats["mass"]))


def cart_boxes(inputs: pd.DataFrame, outcome: np.ndarray, mass_min: float = 0.05
               ) -> list[Box]:
    """The leaves of a classification tree (ema_workbench.analysis.cart) as boxes, each
    with the parameters its splits restrict."""
    from ema_workbench.analysis import cart

    flags = _checked(inputs, outcome)
    frame = inputs.reset_index(drop=True)
    tree = cart.CART(frame, flags, mass_min=mass_min)
    tree.build_tree()
    low, high = frame.min(), frame.max()
    boxes = []
    for limits, stats in zip(tree.boxes, tree.stats, strict=True):
        lims = limits.T
        lims.columns = ["min", "max"]
        restricted = (lims["min"] > low) | (lims["max"] < high)
        boxes.append(Box(lims[restricted].sort_index(), float(stats["coverage"]),
                         float(stats["density"]), float(stats["mass"])))
    return boxes

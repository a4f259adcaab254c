"""Scenario discovery finds the inputs a made-up outcome depends on, and no others."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sectorpath.errors import InputError

pytest.importorskip("ema_workbench")

from sectorpath.ensemble.discovery import cart_boxes, prim_box


@pytest.fixture(scope="module")
def design() -> tuple[pd.DataFrame, np.ndarray]:
    """Five uniform inputs; the outcome: hydrogen price above 1.3 and storage below 0.8."""
    rng = np.random.default_rng(7)
    inputs = pd.DataFrame({"hydrogen_price": rng.uniform(0.7, 1.6, 2000),
                           "carbon_price": rng.uniform(0.5, 1.5, 2000),
                           "co2_storage": rng.uniform(0.5, 1.5, 2000),
                           "steel_demand": rng.uniform(0.85, 1.15, 2000),
                           "ammonia_rate": rng.uniform(0.05, 0.1, 2000)})
    outcome = ((inputs["hydrogen_price"] > 1.3) & (inputs["co2_storage"] < 0.8)).to_numpy()
    return inputs, outcome


def test_prim_finds_a_box_on_exactly_the_two_inputs(design: tuple[pd.DataFrame, np.ndarray]
                                                    ) -> None:
    box = prim_box(*design)
    assert box.parameters == ["co2_storage", "hydrogen_price"]
    assert box.limits.loc["hydrogen_price", "min"] == pytest.approx(1.3, abs=0.03)
    assert box.limits.loc["co2_storage", "max"] == pytest.approx(0.8, abs=0.03)
    assert box.density > 0.95 and box.coverage > 0.9


def test_cart_puts_the_outcome_in_a_leaf_on_the_two_inputs(
        design: tuple[pd.DataFrame, np.ndarray]) -> None:
    best = max(cart_boxes(*design), key=lambda box: box.density * box.coverage)
    assert best.parameters == ["co2_storage", "hydrogen_price"]
    assert best.density > 0.95


def test_an_outcome_all_or_nothing_is_refused(design: tuple[pd.DataFrame, np.ndarray]) -> None:
    with pytest.raises(InputError):
        prim_box(design[0], np.zeros(len(design[0]), dtype=bool))

"""Unit economics against hand computations."""

from __future__ import annotations

import numpy as np
import pytest

from sectorpath.economics import _discounted_opex, capital_recovery_factor


def test_capital_recovery_factor_known_value() -> None:
    # 7% over 40 years: 0.07 * 1.07**40 / (1.07**40 - 1) = 0.0750091
    assert capital_recovery_factor(0.07, 40) == pytest.approx(0.0750091, rel=1e-6)


def test_discounted_opex_first_year_undiscounted_and_tail_held_flat() -> None:
    opex = np.array([100.0, 200.0])[:, None, None]  # (Y=2, R=1, T=1)
    npv, weight = _discounted_opex(opex, 0.1, 3)
    assert weight == pytest.approx(1 + 1 / 1.1 + 1 / 1.21)
    assert npv[0, 0, 0] == pytest.approx(100 + 200 / 1.1 + 200 / 1.21)
    assert npv[1, 0, 0] == pytest.approx(200 * weight)


def test_carbon_price_raises_opex_by_price_times_scope1(steel_runs) -> None:  # type: ignore[no-untyped-def]
    base = steel_runs["baseline"].trajectory.economics
    taxed = steel_runs["carbon-cost"].trajectory
    inputs = taxed.inputs
    expected = inputs.carbon_price[:, None, None] * np.maximum(
        taxed.economics.emissions[0] + taxed.economics.emissions[1], 0.0)
    assert np.allclose(taxed.economics.opex - base.opex, expected)

"""Distributions, seeded designs and Sobol indices against closed forms."""

from __future__ import annotations

from math import pi

import numpy as np
import pandas as pd
import pytest

from sectorpath.ensemble.sampling import draw, inverse_cdf, sobol_base, unit_design
from sectorpath.errors import InputError
from sectorpath.scenarios.model import Uncertain


def _spec(**fields: object) -> Uncertain:
    return Uncertain.model_validate({"target": "demand", **fields})


def test_uniform_is_linear_in_probability() -> None:
    spec = _spec(distribution="uniform", low=0.8, high=1.2)
    assert inverse_cdf(spec, np.array([0.25, 0.5, 0.75])) == pytest.approx([0.9, 1.0, 1.1])


def test_triangular_matches_its_closed_form() -> None:
    spec = _spec(distribution="triangular", low=0.5, mode=1.0, high=2.0)
    # P(X <= mode) = (mode - low) / (high - low) = 1/3; mean = (low + mode + high) / 3
    assert inverse_cdf(spec, np.array([1 / 3]))[0] == pytest.approx(1.0)
    # P(X <= 0.75) = (0.75 - 0.5)^2 / ((2 - 0.5) (1 - 0.5)) = 1/12
    assert inverse_cdf(spec, np.array([1 / 12]))[0] == pytest.approx(0.75)
    values = inverse_cdf(spec, np.random.default_rng(1).random(200_000))
    assert values.mean() == pytest.approx(3.5 / 3, abs=0.005)
    assert values.min() >= 0.5 and values.max() <= 2.0


def test_normal_quantiles_and_truncation() -> None:
    free = _spec(distribution="normal", mean=1.0, sd=0.1)
    # Phi(1) = 0.841345: one standard deviation above the mean
    assert inverse_cdf(free, np.array([0.5, 0.8413447]))[0] == pytest.approx(1.0)
    assert inverse_cdf(free, np.array([0.8413447]))[0] == pytest.approx(1.1, abs=1e-6)
    cut = _spec(distribution="normal", mean=1.0, sd=0.1, low=0.95, high=1.2)
    values = inverse_cdf(cut, np.random.default_rng(2).random(50_000))
    assert values.min() >= 0.95 and values.max() <= 1.2
    # the lowest probability maps to the truncation point, the median of the truncated law
    # is where the untruncated CDF is half-way between Phi(-0.5) and Phi(2)
    assert inverse_cdf(cut, np.array([0.0]))[0] == pytest.approx(0.95, abs=1e-6)
    half = (0.308538 + 0.977250) / 2
    assert inverse_cdf(cut, np.array([0.5]))[0] == pytest.approx(
        inverse_cdf(free, np.array([half]))[0], abs=1e-6)


def test_paths_are_drawn_by_weight() -> None:
    spec = Uncertain.model_validate({"target": "carbon_price", "distribution": "paths",
                                     "paths": [{2020: 0}, {2020: 1}, {2020: 2}],
                                     "weights": [1, 0, 3]})
    assert inverse_cdf(spec, np.array([0.1, 0.24, 0.26, 0.99])).tolist() == [0, 0, 2, 2]
    drawn = inverse_cdf(spec, np.random.default_rng(3).random(40_000))
    assert np.bincount(drawn.astype(int), minlength=3) / drawn.size == pytest.approx(
        [0.25, 0.0, 0.75], abs=0.01)


def test_same_seed_same_draws_other_seed_other_draws() -> None:
    specs = [_spec(distribution="uniform", low=0, high=1), _spec(
        distribution="normal", mean=0, sd=1)]
    first = draw(specs, "mc", 50, seed=7)
    assert first.shape == (50, 2)
    assert np.array_equal(first, draw(specs, "mc", 50, seed=7))
    assert not np.array_equal(first, draw(specs, "mc", 50, seed=8))


def test_sobol_design_is_seeded_and_fits_the_budget() -> None:
    pytest.importorskip("SALib", reason="Sobol designs need the optional SALib")
    specs = [_spec(distribution="uniform", low=0, high=1)] * 2
    assert np.array_equal(draw(specs, "sobol", 64, seed=7), draw(specs, "sobol", 64, seed=7))
    assert sobol_base(1000, 6) == 64  # 1000 // 8 = 125 -> 64, so 64 x 8 = 512 runs
    assert unit_design("sobol", 1000, 6, seed=0).shape == (512, 6)
    with pytest.raises(InputError) as caught:
        sobol_base(7, 2)
    assert caught.value.field == "--samples" and caught.value.allowed == ">= 8"


def test_sobol_indices_of_ishigami_match_the_analytical_values() -> None:
    """Ishigami (a=7, b=0.1) on [-pi, pi]^3: S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424,
    0.2437 (Ishigami and Homma 1990; Sobol' 2001)."""
    pytest.importorskip("SALib", reason="Sobol indices need the optional SALib")
    from sectorpath.ensemble.sensitivity import sobol_indices

    spec = _spec(distribution="uniform", low=-pi, high=pi)
    x = draw([spec] * 3, "sobol", 4096 * 5, seed=0)
    y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    table = sobol_indices(pd.DataFrame({"y": y}), ["x1", "x2", "x3"], seed=0)
    assert table["S1"].to_numpy() == pytest.approx([0.3139, 0.4424, 0.0], abs=0.015)
    assert table["ST"].to_numpy() == pytest.approx([0.5576, 0.4424, 0.2437], abs=0.015)
    with pytest.raises(ValueError, match="multiple of 5"):
        sobol_indices(pd.DataFrame({"y": y[:-1]}), ["x1", "x2", "x3"])

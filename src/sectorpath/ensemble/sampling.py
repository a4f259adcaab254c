"""Reproducible samples of uncertain parameters: a unit-hypercube design mapped through each
parameter's inverse distribution function.

Every draw starts as a point ``u`` in [0, 1)^D, from a seeded NumPy generator (Monte Carlo) or
from SALib's Saltelli/Sobol' design (for Sobol indices), and becomes a parameter value through
the inverse CDF of the parameter's distribution. Independent inputs stay independent and the
same seed always gives the same numbers.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Literal

import numpy as np

from sectorpath.errors import InputError
from sectorpath.scenarios.model import Uncertain
from sectorpath.tolerances import NONZERO

Design = Literal["mc", "sobol"]
_EPS = NONZERO  # keeps u off 0 and 1, where the normal's inverse CDF is infinite


def inverse_cdf(spec: Uncertain, u: np.ndarray) -> np.ndarray:
    """Values of ``spec``'s distribution at probabilities ``u`` in [0, 1] (same shape).

    ``paths`` gives the index (0, 1, ...) of the chosen path, as a float.
    """
    u = np.clip(np.asarray(u, dtype=float), _EPS, 1.0 - _EPS)
    if spec.distribution == "uniform":
        low, high = _bounds(spec)
        return low + u * (high - low)
    if spec.distribution == "triangular":
        return _triangular(spec, u)
    if spec.distribution == "normal":
        return _normal(spec, u)
    weights = np.asarray(spec.weights or [1.0] * len(spec.paths), dtype=float)
    edges = np.cumsum(weights) / weights.sum()
    return np.minimum(np.searchsorted(edges, u, side="right"), len(weights) - 1).astype(float)


def _bounds(spec: Uncertain) -> tuple[float, float]:
    assert spec.low is not None and spec.high is not None  # checked by the scenario model
    return spec.low, spec.high


def _triangular(spec: Uncertain, u: np.ndarray) -> np.ndarray:
    low, high = _bounds(spec)
    assert spec.mode is not None
    mode = spec.mode
    split = (mode - low) / (high - low)
    rising = low + np.sqrt(u * (high - low) * (mode - low))
    falling = high - np.sqrt((1.0 - u) * (high - low) * (high - mode))
    return np.where(u < split, rising, falling)


def _normal(spec: Uncertain, u: np.ndarray) -> np.ndarray:
    """Normal, truncated to [low, high] when they are given (inverse CDF of the truncation)."""
    assert spec.mean is not None and spec.sd is not None
    dist = NormalDist(spec.mean, spec.sd)
    first = dist.cdf(spec.low) if spec.low is not None else 0.0
    last = dist.cdf(spec.high) if spec.high is not None else 1.0
    p = np.clip(first + u * (last - first), _EPS, 1.0 - _EPS)
    values = np.array([dist.inv_cdf(float(x)) for x in p.ravel()]).reshape(p.shape)
    low = spec.low if spec.low is not None else -np.inf
    high = spec.high if spec.high is not None else np.inf
    return np.clip(values, low, high)


def sobol_base(samples: int, n_parameters: int) -> int:
    """Largest power of two N with N x (D + 2) runs within ``samples`` (Saltelli, first order
    and total indices)."""
    per_base = n_parameters + 2
    if samples < 2 * per_base:
        raise InputError("command line", "--samples",
                         f"a Sobol design of {n_parameters} parameters needs at least "
                         f"{2 * per_base} runs", allowed=f">= {2 * per_base}")
    return 1 << int(np.floor(np.log2(samples // per_base)))


def unit_design(design: Design, samples: int, n_parameters: int, seed: int) -> np.ndarray:
    """(runs, D) points in [0, 1): ``samples`` Monte Carlo draws, or a Saltelli design of at
    most ``samples`` runs (see ``sobol_base``)."""
    if design == "mc":
        return np.random.default_rng(seed).random((samples, n_parameters))
    from SALib.sample import sobol

    base = sobol_base(samples, n_parameters)
    return np.asarray(sobol.sample(unit_problem(n_parameters), base, calc_second_order=False,
                                   scramble=True, seed=seed))


def unit_problem(n_parameters: int, names: list[str] | None = None) -> dict[str, object]:
    """SALib's problem over the unit hypercube (values are mapped to distributions after)."""
    return {"num_vars": n_parameters,
            "names": names or [f"x{k}" for k in range(n_parameters)],
            "bounds": [[0.0, 1.0]] * n_parameters}


def correlate(unit: np.ndarray, rank_correlation: np.ndarray) -> np.ndarray:
    """Points ``unit`` (runs, D) in [0, 1) made rank-correlated through a Gaussian copula.

    Each column goes to a standard normal, the columns are mixed by the Cholesky factor of the
    normal correlation that gives ``rank_correlation`` (Spearman rho_s: rho = 2 sin(pi rho_s /
    6)), and come back through the normal CDF; each column stays uniform.
    """
    pearson = 2.0 * np.sin(np.pi * np.asarray(rank_correlation, float) / 6.0)
    try:
        factor = np.linalg.cholesky(pearson)
    except np.linalg.LinAlgError:
        raise InputError("scenario", "correlation", "the correlations are inconsistent (the "
                         "matrix is not positive definite)", allowed="a feasible set") from None
    standard = NormalDist()
    normal = np.vectorize(standard.inv_cdf)(np.clip(unit, _EPS, 1.0 - _EPS))
    return np.asarray(np.vectorize(standard.cdf)(normal @ factor.T), float)


def draw(specs: list[Uncertain], design: Design, samples: int, seed: int,
         rank_correlation: np.ndarray | None = None) -> np.ndarray:
    """(runs, D) parameter values of ``specs`` (columns in order) from a seeded design,
    rank-correlated as ``rank_correlation`` (D, D) says (Monte Carlo only)."""
    unit = unit_design(design, samples, len(specs), seed)
    if rank_correlation is not None and not np.allclose(rank_correlation,
                                                        np.eye(len(specs))):
        if design != "mc":
            raise InputError("scenario", "correlation", "correlated parameters in a Sobol "
                             "design (its indices assume independent inputs)", allowed="mc")
        unit = correlate(unit, rank_correlation)
    if not specs:
        return unit
    return np.column_stack([inverse_cdf(spec, unit[:, k]) for k, spec in enumerate(specs)])

"""Captured CO2 is reported by fate: Storage (permanent) and Utilisation (sold to use, returns
to the air); near-zero production leaves out technologies that send CO2 to use."""

from __future__ import annotations

import numpy as np
import pytest

import sectorpath
from sectorpath.reporting.plant import low_emission

CAPTURING = (("cement", "least-cost-innovative"), ("steel", "carbon-cost"),
             ("aluminium", "fastest-abatement"), ("ammonia", "least-cost"), ("hvc", "net-zero"))


@pytest.mark.parametrize(("sector", "scenario"), CAPTURING)
def test_capture_is_storage_plus_utilisation(sector: str, scenario: str) -> None:
    results = sectorpath.run(sector, scenario)
    names = results.names
    total = results.world(names.carbon_capture)
    stored = results.world(names.carbon_capture_fate(stored=True))
    used = results.world(names.carbon_capture_fate(stored=False))
    np.testing.assert_allclose(stored + used, total, rtol=1e-9, atol=1e-9)
    t = results.trajectory
    captured = t.use[..., t.inputs.commodities.index("captured_co2")].sum(axis=(1, 2))
    assert np.all(stored.to_numpy() >= captured - 1e-9)  # all stored capture is reported


def test_cement_ccu_is_utilisation_and_not_near_zero() -> None:
    """cement least-cost-innovative allows CCU kilns: their CO2 is Utilisation, never
    Storage, and their output is not near-zero."""
    results = sectorpath.run("cement", "least-cost-innovative")
    t = results.trajectory
    used = t.use[..., t.inputs.commodities.index("used_co2")].sum(axis=(1, 2))
    reported = results.world(results.names.carbon_capture_fate(stored=False)).to_numpy()
    np.testing.assert_allclose(reported, used, rtol=1e-9, atol=1e-9)
    assert used.max() > 0
    ccu = (t.inputs.intensity[..., t.inputs.commodities.index("used_co2")] > 0).any(axis=(0, 1))
    assert ccu.any() and not (low_emission(t) & ccu).any()
    near_zero = results.world(results.names.near_zero_production).to_numpy()
    np.testing.assert_allclose(near_zero, t.production[:, :, low_emission(t)].sum(axis=(1, 2)))

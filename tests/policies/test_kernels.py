"""Policy kernels computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from sectorpath.policies import (
    blend_penalty,
    enforce_group_share,
    fueleu_penalty,
    gfi_compliance,
    offsets_due,
    raise_group_share,
    required_zero_emission_share,
)


def test_two_ships_under_the_imo_gfi() -> None:
    """2030: base target 93.3 x 0.92 = 85.836, direct 93.3 x 0.79 = 73.707 g/MJ.
    Ship A burns 1 PJ at 90 g/MJ: tier 2 (90 - 85.836) x 1 PJ = 4.164 kt, tier 1 (85.836 -
    73.707) = 12.129 kt; cost 4,164 t x 380 + 12,129 t x 100 = 2.795 million USD.
    Ship B burns 0.5 PJ at 10 g/MJ: surplus (73.707 - 10) x 0.5 = 31.85 kt, no units."""
    base, direct = np.full(2, 93.3 * 0.92), np.full(2, 93.3 * 0.79)
    out = gfi_compliance(np.array([90.0, 10.0]), np.array([1.0, 0.5]), base, direct,
                         np.full(2, 100.0), np.full(2, 380.0), np.zeros(2))
    assert out["tier2_units"] == pytest.approx([4.164e-3, 0.0])
    assert out["tier1_units"] == pytest.approx([12.129e-3, 0.0])
    assert out["surplus_units"] == pytest.approx([0.0, 31.8535e-3])
    assert out["cost"][0] == pytest.approx(4.164e-3 * 380 + 12.129e-3 * 100)
    # between the targets: tier 1 only
    mid = gfi_compliance(np.array([80.0]), np.array([1.0]), base[:1], direct[:1],
                         np.array([100.0]), np.array([380.0]), np.array([0.0]))
    assert mid["tier2_units"][0] == 0.0
    assert mid["tier1_units"][0] == pytest.approx((80.0 - 73.707) * 1e-3)


def test_fueleu_penalty_per_tonne_vlsfo() -> None:
    """1 PJ at 100 g/MJ against 90: deficit 10 kt; 1 PJ / 41,000 MJ = 24,390 t VLSFO-eq;
    penalty 10% x 24,390 x 2,400 = 5.854 million."""
    deficit, penalty = fueleu_penalty(np.array([100.0]), np.array([90.0]), np.array([1.0]),
                                      np.array([2400.0]))
    assert deficit[0] == pytest.approx(0.01)
    assert penalty[0] == pytest.approx(0.1 * 1e9 / 41_000 * 2400 / 1e6)


def test_group_blend_mandate_fills_cheapest_members_and_displaces_dearest() -> None:
    """Carrier of 100 PJ: fossil 90 + hefa 10; mandate 30% on {hefa, ptl}. Hefa (cheaper)
    can supply 5 more, ptl the other 15; fossil gives up 20."""
    energy = np.array([[90.0, 10.0, 0.0]])
    members = np.array([False, True, True])
    out, short = enforce_group_share(energy, np.array([100.0]), members, np.array([0.3]),
                                     np.array([[10.0, 30.0, 90.0]]),
                                     np.array([[np.inf, 5.0, np.inf]]), np.zeros((1, 3)))
    assert out[0].tolist() == pytest.approx([70.0, 15.0, 15.0])
    assert short[0] == 0.0
    limited, short = enforce_group_share(energy, np.array([100.0]), members, np.array([0.3]),
                                         np.array([[10.0, 30.0, 90.0]]),
                                         np.array([[np.inf, 5.0, 5.0]]), np.zeros((1, 3)))
    assert limited[0].tolist() == pytest.approx([80.0, 15.0, 5.0])
    assert short[0] == pytest.approx(10.0)
    assert blend_penalty(short, np.array([90.0]), np.array([10.0]), 2.0)[0] == pytest.approx(
        10.0 * 2 * 80.0)


def test_group_sales_mandate_raises_members_and_shrinks_the_rest() -> None:
    shares = np.array([[0.8, 0.1, 0.1], [1.0, 0.0, 0.0]])
    members = np.array([False, True, True])
    eligible = np.array([[True, True, True], [True, False, True]])
    out, short = raise_group_share(shares, members, np.array([0.5, 0.4]), eligible)
    assert out[0].tolist() == pytest.approx([0.5, 0.25, 0.25])
    assert out[1].tolist() == pytest.approx([0.6, 0.0, 0.4])  # only the eligible member
    assert short.tolist() == [0.0, 0.0]
    none, short = raise_group_share(shares[1:], members, np.array([0.4]),
                                    np.array([[True, False, False]]))
    assert none[0].tolist() == [1.0, 0.0, 0.0] and short[0] == pytest.approx(0.4)


def test_vehicle_standard_zero_emission_share() -> None:
    """Diesel new trucks at 60 g/tkm against a limit of 0.55 x 80 = 44: 1 - 44/60 = 26.7%."""
    z = required_zero_emission_share(np.array([[1.0, 0.0]]), np.array([[60.0, 0.0]]),
                                     np.array([False, True]), np.array([44.0]))
    assert z[0] == pytest.approx(1 - 44 / 60)


def test_corsia_offsets_above_the_baseline() -> None:
    """600 Mt covered at 50% against 85% of 500: 0.5 x (600 - 425) = 87.5 Mt."""
    assert offsets_due(np.array([600.0]), np.array([425.0]), 0.5)[0] == pytest.approx(87.5)
    assert offsets_due(np.array([400.0]), np.array([425.0]), 0.5)[0] == 0.0

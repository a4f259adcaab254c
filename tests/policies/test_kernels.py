"""Policy kernels computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from sectorpath.engine.fleet import blend_fuels
from sectorpath.policies import (
    blend_penalty,
    enforce_group_share,
    fueleu_penalty,
    gfi_compliance,
    offsets_due,
    raise_group_share,
    required_zero_emission_share,
)
from sectorpath.policies.apply import (
    Compliance,
    fuel_signals,
    group_sales,
    record_fuels,
    record_sales,
)
from sectorpath.policies.compiled import Compiled
from sectorpath.policies.model import FuelStandard, Offsetting, Policy, VehicleStandard


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


# --- the instruments as the fleet engine applies them (policies/apply.py) -------------------

def _compiled(policy: Policy, level: float, price: float, direct: float = np.nan,
              direct_price: float = 0.0, members: np.ndarray | None = None) -> Compiled:
    """One policy in force in a one-year, one-region, one-market run."""
    one = np.ones(1, bool)
    return Compiled("p", policy, one, one, np.zeros(0, bool) if members is None else members,
                    np.array([level]), np.array([price]), np.array([direct]),
                    np.array([direct_price]), np.zeros(1))


def _two_fuel_blend(cost: np.ndarray) -> np.ndarray:
    """1 PJ of one carrier from fossil (index 0) or e-fuel (1), cheapest first, no limits."""
    return blend_fuels(np.array([[1.0]]), cost, np.zeros((1, 2)), np.full(2, np.inf),
                       np.array([0, 0]), 1)


def _two_fuel_fleet(c: Compiled, efuel_cost: float
                    ) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
    """The standard ``c`` on 1 PJ of fossil (10 USD/GJ, 90 g/MJ) or e-fuel (0 g/MJ): the
    signal, the blend and the year's compliance record."""
    ghg = np.array([[0.09, 0.0]])
    signal, energy = fuel_signals((c,), 0, ghg, np.array([[10.0, efuel_cost]]),
                                  _two_fuel_blend, np.zeros((1, 2)))
    assert energy is not None
    compliance = Compliance(1)
    record_fuels((c,), 0, energy, ghg, np.zeros(1), np.zeros(1), compliance)
    return signal, energy, {k: float(v[0]) for k, v in compliance.records["p"].items()}


def test_two_ship_fleet_meets_the_gfi_base_target_by_mixing() -> None:
    """Reference 90 g/MJ, base target -50% (45 g/MJ), direct -60% (36 g/MJ), tier 2 USD 380/t,
    tier 1 USD 100/t, surplus 0. Fossil: 10 USD/GJ at 90 g/MJ; e-fuel 40 USD/GJ at 0, so
    switching costs 30 / 0.09 = 333 USD/t. For 1 PJ (million USD):
    all fossil 10 + 45 kt x 380 + 9 kt x 100 = 28.0; half e-fuel (the base target) 25 + 0.9
    = 25.9; 60% e-fuel (the direct target) 28.0; all e-fuel 40. Cheapest: one ship of two
    switches, 9 kt of tier-1 units bought for USD 0.9 million."""
    policy = FuelStandard(kind="fuel_standard", title="t", source="s", reference=90.0,
                          target={2030: 0.5}, price={2030: 380.0},
                          direct_target={2030: 0.6}, direct_price={2030: 100.0},
                          surplus_price={2030: 0.0})
    signal, energy, row = _two_fuel_fleet(_compiled(policy, 0.5, 380.0, direct=0.6,
                                                    direct_price=100.0), 40.0)
    assert energy[0] == pytest.approx([0.5, 0.5])
    assert 333.0 <= signal[0, 0] / (0.09 - 0.045) <= 380.0  # the switching price, USD/t
    assert row["attained"] == pytest.approx(45.0)
    assert row["units"] == pytest.approx(0.009)
    assert row["cost"] == pytest.approx(0.9)
    assert row["shortfall"] == pytest.approx(0.0)


def test_fleet_pays_tier_2_when_switching_costs_more() -> None:
    """The same fleet with e-fuel at 50 USD/GJ (444 USD/t to switch, above tier 2): all
    fossil, 45 kt of tier-2 and 9 kt of tier-1 units, USD 18.0 million, shortfall 45 kt."""
    policy = FuelStandard(kind="fuel_standard", title="t", source="s", reference=90.0,
                          target={2030: 0.5}, price={2030: 380.0},
                          direct_target={2030: 0.6}, direct_price={2030: 100.0})
    _, energy, row = _two_fuel_fleet(_compiled(policy, 0.5, 380.0, direct=0.6,
                                               direct_price=100.0), 50.0)
    assert energy[0] == pytest.approx([1.0, 0.0])
    assert row["units"] == pytest.approx(0.054)
    assert row["cost"] == pytest.approx(0.045 * 380 + 0.009 * 100)
    assert row["shortfall"] == pytest.approx(0.045)


def test_fueleu_fleet_meets_the_limit_when_the_penalty_is_dearer() -> None:
    """FuelEU: limit 90 x (1 - 0.5) = 45 g/MJ, penalty 2,400 per t VLSFO-eq: at 90 g/MJ that
    is 2,400 x 1e6 / (90 x 41,000) = 650 USD/t, above the 333 USD/t switch: half e-fuel,
    nothing paid."""
    policy = FuelStandard(kind="fuel_standard", title="t", source="s", reference=90.0,
                          target={2030: 0.5}, price={2030: 2400.0}, basis="vlsfo")
    _, energy, row = _two_fuel_fleet(_compiled(policy, 0.5, 2400.0), 40.0)
    assert energy[0] == pytest.approx([0.5, 0.5])
    assert row["cost"] == pytest.approx(0.0, abs=1e-9)


def test_vehicle_standard_excess_premium() -> None:
    """New diesel trucks at 60 g CO2/tkm, no zero-emission truck on sale, limit 0.55 x 80 =
    44: excess 16 g/tkm on 10 thousand trucks at USD 3,900 per g/tkm: USD 624 million."""
    policy = VehicleStandard(kind="vehicle_standard", title="t", source="s",
                             reduction={2030: 0.45}, penalty=3900.0)
    c = _compiled(policy, 0.45, 3900.0)
    shares = np.array([[1.0, 0.0]])
    zero = np.array([False, True])
    new_co2 = np.array([[60.0, 0.0]])
    compliance = Compliance(1)
    out, pending = group_sales((c,), 0, shares, np.array([[True, False]]), new_co2, zero,
                               np.array([80.0]), compliance)
    assert out[0].tolist() == [1.0, 0.0]
    record_sales(pending, 0, out, np.array([[10.0, 0.0]]), new_co2, np.array([80.0]),
                 compliance)
    row = {k: float(v[0]) for k, v in compliance.records["p"].items()}
    assert row["target"] == pytest.approx(44.0) and row["attained"] == pytest.approx(60.0)
    assert row["shortfall"] == pytest.approx(16.0)
    assert row["cost"] == pytest.approx(624.0)


def test_offsetting_records_offsets_and_their_cost() -> None:
    """CORSIA at 85% of the first year's 500 Mt, price USD 20/t: 600 Mt counted, 175 Mt offset,
    USD 3,500 million."""
    policy = Offsetting(kind="offsetting", title="t", source="s", baseline_share=0.85,
                        price={2027: 20.0})
    c = _compiled(policy, 0.85, 20.0)
    compliance = Compliance(1)
    offsets = record_fuels((c,), 0, np.ones((1, 2)), np.zeros((1, 2)), np.array([600.0]),
                           np.array([500.0]), compliance)
    assert offsets[0] == pytest.approx(175.0)
    assert compliance.records["p"]["cost"][0] == pytest.approx(3500.0)

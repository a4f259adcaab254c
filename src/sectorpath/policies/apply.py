"""How the fleet engine applies compiled policies in one year: the price signals fuel
standards and offsetting add to each fuel, group mandates on blends and sales, and the yearly
compliance record (target, attained, shortfall, what was paid)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sectorpath.policies.compiled import Compiled
from sectorpath.policies.kernels import (
    blend_penalty,
    enforce_group_share,
    fueleu_penalty,
    fueleu_price_per_t,
    gfi_compliance,
    offsets_due,
    raise_group_share,
    required_zero_emission_share,
)
from sectorpath.policies.model import (
    BlendMandate,
    FuelStandard,
    Offsetting,
    SalesMandate,
    VehicleStandard,
)

#: Fields of a yearly compliance record.
RECORD_FIELDS = ("target", "attained", "shortfall", "cost", "units", "surplus")
#: Units of target/attained and shortfall by instrument.
RECORD_UNITS = {"fuel_standard": ("g CO2e/MJ", "Mt CO2e"),
                "blend_mandate": ("% of carrier energy", "PJ"),
                "sales_mandate": ("% of new sales", "thousand vehicles"),
                "vehicle_standard": ("g CO2 per activity unit", "g CO2 per activity unit"),
                "offsetting": ("Mt CO2", "Mt CO2 offset")}


@dataclass
class Compliance:
    """(Y,) arrays by policy and field; cost in million USD (penalties, remedial units,
    offsets bought, less surplus units sold); units: remedial units (Mt CO2e) or offsets."""

    years: int
    records: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)

    def put(self, name: str, i: int, **values: float) -> None:
        rows = self.records.setdefault(name, {k: np.full(self.years, np.nan)
                                              for k in RECORD_FIELDS})
        for key, value in values.items():
            rows[key][i] = value


Blend = Callable[[np.ndarray], np.ndarray]
"""Fuel cost (R, F) USD/GJ -> energy by fuel (R, F) PJ."""


def fuel_signals(policies: tuple[Compiled, ...], i: int, ghg: np.ndarray, base_cost: np.ndarray,
                 blend: Blend, offset_factor: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """(R, F) USD/GJ each fuel pays under the fuel standards and offsetting in force, and the
    blend (R, F) PJ the standards leave (None when none is in force).

    ``ghg`` (R, F) t CO2e/GJ well-to-wake; ``offset_factor`` (R, F) what offsetting counts
    (its price x the share of emissions that must be offset, USD/GJ, from last year). A
    standard's cheapest compliance is one of: the blend at each tier's price (tier 2, tier 1,
    surplus; or the penalty and nothing), or the blend that just meets the limit or the
    direct-compliance target. Fuels switch all at once at a price (cheapest first), so a
    target is met exactly by mixing the blends just below and just above the switching price
    (a fleet where part of the ships switch); without it the fleet flips between all fossil
    and all e-fuel from one year to the next. Fuel cost plus remedial units (less surplus)
    decides, per region.
    """
    signal = offset_factor.copy()
    chosen = None
    for c in policies:
        p = c.policy
        if not isinstance(p, FuelStandard) or np.isnan(c.level[i]):
            continue
        limit = p.reference * (1.0 - c.level[i]) / 1e3  # t/GJ
        area = c.regions[:, None] * p.coverage

        tried: dict[float, tuple[np.ndarray, np.ndarray]] = {}

        def priced(price: float, limit: float = limit, area: np.ndarray = area,
                   signal: np.ndarray = signal,
                   tried: dict[float, tuple[np.ndarray, np.ndarray]] = tried
                   ) -> tuple[np.ndarray, np.ndarray]:
            """(signal, blend) at a price per t CO2e, each price blended once."""
            if price not in tried:
                trial = signal + area * price * (ghg - limit)
                tried[price] = (trial, blend(base_cost + trial))
            return tried[price]

        top = _per_t(c, c.price[i], limit)
        if np.isnan(c.direct[i]):
            options = [priced(top), priced(0.0)]
            kinks = [(limit, 0.0, top)]
        else:
            direct = p.reference * (1.0 - c.direct[i]) / 1e3
            options = [priced(top), priced(c.direct_price[i]), priced(c.surplus_price[i])]
            kinks = [(limit, c.direct_price[i], top),
                     (direct, c.surplus_price[i], c.direct_price[i])]
        options += [_blend_meeting(target, low, high, priced, ghg, c.regions)
                    for target, low, high in kinks]
        best_signal, best_energy = options[0]
        best_total = np.full(signal.shape[0], np.inf)
        for trial, energy in options:
            total = (energy * base_cost).sum(axis=1) + _standard_cost(c, i, energy, ghg)
            better = total < best_total - 1e-9
            best_signal = np.where(better[:, None], trial, best_signal)
            best_energy = np.where(better[:, None], energy, best_energy)
            best_total = np.where(better, total, best_total)
        signal, chosen = best_signal, best_energy
    return signal, chosen


def _blend_meeting(intensity: float, low: float, high: float,
                   priced: Callable[[float], tuple[np.ndarray, np.ndarray]], ghg: np.ndarray,
                   regions: np.ndarray, steps: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """(signal, blend) whose covered well-to-wake intensity is ``intensity`` (t/GJ): the
    switching price between ``low`` and ``high`` (USD/t) found by bisection (to 1/64 of the
    interval: a few USD/t), and the blends
    just below and above it mixed so that the covered intensity is the target exactly (the
    intensity of a mix is linear in its weight: each region's total energy is the same).
    The blend at ``low`` if it already meets it, at ``high`` if even that does not."""
    def covered(energy: np.ndarray) -> float:
        return float((energy[regions] * ghg[regions]).sum()
                     / max(float(energy[regions].sum()), 1e-12))

    below, above = priced(low), priced(high)
    if covered(below[1]) <= intensity or covered(above[1]) > intensity:
        return below if covered(below[1]) <= intensity else above
    for _ in range(steps):
        middle = priced((low + high) / 2)
        if covered(middle[1]) <= intensity:
            high, above = (low + high) / 2, middle
        else:
            low, below = (low + high) / 2, middle
    start, end = covered(below[1]), covered(above[1])
    weight = (start - intensity) / max(start - end, 1e-15)
    return above[0], below[1] + weight * (above[1] - below[1])


def _per_t(c: Compiled, price: float, limit: float) -> float:
    """A standard's price per t CO2e (FuelEU's per t VLSFO-eq at the limit's intensity)."""
    p = c.policy
    assert isinstance(p, FuelStandard)
    if p.basis == "vlsfo":
        return float(fueleu_price_per_t(np.array(price), np.array(limit * 1e3)))
    return price


def _attained(energy: np.ndarray, ghg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R,) well-to-wake intensity g CO2e/MJ and energy PJ."""
    total = energy.sum(axis=1)
    return (energy * ghg).sum(axis=1) * 1e3 / np.maximum(total, 1e-12), total


def _standard_cost(c: Compiled, i: int, energy: np.ndarray, ghg: np.ndarray) -> np.ndarray:
    """(R,) million USD the standard costs the covered energy (remedial units less surplus,
    or the FuelEU penalty)."""
    return _standard_terms(c, i, energy, ghg)["cost"]


def _standard_terms(c: Compiled, i: int, energy: np.ndarray, ghg: np.ndarray
                    ) -> dict[str, np.ndarray]:
    p = c.policy
    assert isinstance(p, FuelStandard)
    attained, total = _attained(energy, ghg)
    covered = total * p.coverage * c.regions
    base = np.full_like(attained, p.reference * (1.0 - c.level[i]))
    if p.basis == "vlsfo":
        deficit, penalty = fueleu_penalty(attained, base, covered, np.full_like(base,
                                                                                 c.price[i]))
        return {"attained": attained, "limit": base, "units": deficit, "cost": penalty,
                "over_limit": deficit,
                "surplus": np.maximum(base - attained, 0) * covered * 1e-3}
    direct = base if np.isnan(c.direct[i]) else np.full_like(base, p.reference
                                                            * (1.0 - c.direct[i]))
    terms = gfi_compliance(attained, covered, base, direct, np.full_like(base,
                           c.direct_price[i]), np.full_like(base, c.price[i]),
                           np.full_like(base, c.surplus_price[i]))
    return {"attained": attained, "limit": base, "units": terms["tier1_units"]
            + terms["tier2_units"], "cost": terms["cost"], "surplus": terms["surplus_units"],
            "over_limit": terms["tier2_units"]}


def group_blends(policies: tuple[Compiled, ...], i: int, energy: np.ndarray,
                 demand: np.ndarray, carrier: np.ndarray, cost: np.ndarray,
                 room: np.ndarray, keep: np.ndarray, price: np.ndarray,
                 compliance: Compliance) -> np.ndarray:
    """Blend mandates on groups of fuels, smallest group first (a sub-mandate before the
    mandate that contains it); records each one's share, shortfall and penalty."""
    mandates = [c for c in policies if isinstance(c.policy, BlendMandate)]
    for c in sorted(mandates, key=lambda c: int(c.members.sum())):
        p = c.policy
        assert isinstance(p, BlendMandate)
        k = int(carrier[np.flatnonzero(c.members)[0]])
        if np.isnan(c.level[i]):
            continue
        in_carrier = carrier == k
        need = demand[:, k]
        share = c.level[i] * p.coverage * c.regions
        part, shortfall = enforce_group_share(
            energy[:, in_carrier], need, c.members[in_carrier], share, cost[:, in_carrier],
            room[:, in_carrier] - energy[:, in_carrier], keep[:, in_carrier])
        energy[:, in_carrier] = part
        fossil = price[:, in_carrier & ~c.members].min(axis=1, initial=np.inf)
        member_price = price[:, c.members].min(axis=1)
        penalty = blend_penalty(shortfall, member_price, np.where(np.isfinite(fossil), fossil,
                                                                  member_price),
                                p.penalty_factor)
        got = energy[:, c.members].sum(axis=1).sum() / max(float(need.sum()), 1e-12)
        compliance.put(c.name, i, target=100 * float(share.sum() / max(c.regions.sum(), 1)),
                       attained=100 * got, shortfall=float(shortfall.sum()),
                       cost=float(penalty.sum()))
    return energy


def group_sales(policies: tuple[Compiled, ...], i: int, shares: np.ndarray,
                eligible: np.ndarray, new_co2: np.ndarray, zero: np.ndarray,
                reference: np.ndarray, compliance: Compliance) -> tuple[np.ndarray,
                                                                        list[tuple]]:
    """Sales mandates and vehicle CO2 standards on (M, P) shares. ``new_co2`` (M, P) g CO2
    per unit of a new vehicle; ``reference`` (M,) the first year's new-vehicle average.
    Returns the shares and, per policy, what to record once the sales are known."""
    pending = []
    for c in policies:
        p = c.policy
        if not isinstance(p, SalesMandate | VehicleStandard) or np.isnan(c.level[i]):
            continue
        m = c.markets
        if isinstance(p, SalesMandate):
            members, minimum = c.members, np.full(int(m.sum()), c.level[i] * p.coverage)
        else:
            members = zero
            limit = (1.0 - c.level[i]) * reference[m]
            minimum = required_zero_emission_share(shares[m], new_co2[m], zero, limit)
        raised, shortfall = raise_group_share(shares[m], members, minimum, eligible[m])
        shares[m] = raised
        pending.append((c, members, shortfall))
    return shares, pending


def record_sales(pending: list[tuple], i: int, shares: np.ndarray, vehicles: np.ndarray,
                 new_co2: np.ndarray, reference: np.ndarray, compliance: Compliance) -> None:
    """Compliance of the sales policies once this year's new vehicles (M, P) are known."""
    for c, members, shortfall in pending:
        m = c.markets
        sold = vehicles[m].sum()
        share = 100 * vehicles[m][:, members].sum() / max(float(sold), 1e-12)
        if isinstance(c.policy, SalesMandate):
            missing = float((shortfall * vehicles[m].sum(axis=1)).sum())
            compliance.put(c.name, i, target=100 * c.level[i] * c.policy.coverage,
                           attained=share, shortfall=missing, cost=0.0)
            continue
        co2 = (shares[m] * new_co2[m]).sum(axis=1)
        limit = (1.0 - c.level[i]) * reference[m]
        excess = np.maximum(co2 - limit, 0.0)
        weights = vehicles[m].sum(axis=1)
        mean = float((co2 * weights).sum() / max(float(weights.sum()), 1e-12))
        target = float((limit * weights).sum() / max(float(weights.sum()), 1e-12))
        compliance.put(c.name, i, target=target, attained=mean,
                       shortfall=float((excess * weights).sum() / max(float(weights.sum()),
                                                                      1e-12)),
                       cost=float((excess * weights * 1e3 * c.price[i]).sum() / 1e6))


def record_fuels(policies: tuple[Compiled, ...], i: int, energy: np.ndarray, ghg: np.ndarray,
                 offset_basis: np.ndarray, baseline: np.ndarray,
                 compliance: Compliance) -> np.ndarray:
    """Compliance of the fuel standards and offsetting this year; returns (R,) Mt CO2
    offset. ``offset_basis`` (R,) the emissions offsetting counts, ``baseline`` (R,) the first
    year's."""
    offsets = np.zeros(energy.shape[0])
    for c in policies:
        p = c.policy
        if isinstance(p, FuelStandard) and not np.isnan(c.level[i]):
            terms = _standard_terms(c, i, energy, ghg)
            r = c.regions
            attained = float((terms["attained"][r] * energy[r].sum(axis=1)).sum()
                             / max(float(energy[r].sum()), 1e-12))
            compliance.put(c.name, i, target=float(terms["limit"][r][0]), attained=attained,
                           shortfall=float(terms["over_limit"][r].sum()),
                           cost=float(terms["cost"][r].sum()),
                           units=float(terms["units"][r].sum()),
                           surplus=float(terms["surplus"][r].sum()))
        elif isinstance(p, Offsetting) and not np.isnan(c.level[i]):
            due = offsets_due(offset_basis, c.level[i] * baseline, p.coverage) * c.regions
            offsets += due
            compliance.put(c.name, i, target=float((c.level[i] * baseline * p.coverage)[
                c.regions].sum()), attained=float((offset_basis * p.coverage)[c.regions].sum()),
                shortfall=0.0, cost=float(due.sum() * c.price[i]), units=float(due.sum()))
    return offsets


def offset_signal(policies: tuple[Compiled, ...], i: int, counted: np.ndarray,
                  last_basis: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """(R, F) USD/GJ: the offset price x the share of covered emissions that must be offset
    (last year's), on each fuel's counted emissions ``counted`` (R, F) t/GJ."""
    signal = np.zeros_like(counted)
    for c in policies:
        p = c.policy
        if isinstance(p, Offsetting) and not np.isnan(c.level[i]):
            owed = np.maximum(1.0 - c.level[i] * baseline / np.maximum(last_basis, 1e-12), 0)
            signal += (c.regions * p.coverage * owed * c.price[i])[:, None] * counted
    return signal

"""Pure kernels of the policy instruments, vectorised over rows (regions, markets or ships).

Units: energy PJ, intensities g CO2e/MJ, emissions and compliance units Mt CO2e, prices USD
per t, costs million USD (Mt x USD/t). PJ x g/MJ = 1e3 t = 1e-3 Mt.
"""

from __future__ import annotations

import numpy as np

_MT_PER_PJ_G = 1e-3
#: FuelEU Maritime Annex IV: the penalty is per tonne of VLSFO-equivalent energy, 41,000 MJ.
VLSFO_MJ_PER_T = 41_000.0


def gfi_compliance(attained: np.ndarray, energy: np.ndarray, base: np.ndarray,
                   direct: np.ndarray, tier1_price: np.ndarray, tier2_price: np.ndarray,
                   surplus_price: np.ndarray) -> dict[str, np.ndarray]:
    """IMO Net-Zero Framework compliance of each row (MEPC 83, draft MARPOL Annex VI ch. 5).

    Above the base target a ship buys tier-2 remedial units for the part above it and
    tier-1 units for the band between the direct-compliance and base targets; between the
    two targets, tier-1 units for the part above the direct-compliance target; below the
    direct-compliance target it earns surplus units. Units are Mt CO2e (intensity gap x energy).
    """
    tier2 = np.maximum(attained - base, 0.0) * energy * _MT_PER_PJ_G
    tier1 = np.maximum(np.minimum(attained, base) - direct, 0.0) * energy * _MT_PER_PJ_G
    surplus = np.maximum(direct - attained, 0.0) * energy * _MT_PER_PJ_G
    cost = tier1 * tier1_price + tier2 * tier2_price - surplus * surplus_price
    return {"tier1_units": tier1, "tier2_units": tier2, "surplus_units": surplus,
            "cost": cost}


def fueleu_penalty(attained: np.ndarray, target: np.ndarray, energy: np.ndarray,
                   price_per_vlsfo_t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """FuelEU Maritime (Regulation (EU) 2023/1805, Annex IV Part B): (deficit Mt CO2e,
    penalty million of the price's currency) = (attained - target) / attained x energy /
    41,000 MJ x price per tonne of VLSFO-equivalent energy, where positive."""
    gap = np.maximum(attained - target, 0.0)
    deficit = gap * energy * _MT_PER_PJ_G
    vlsfo_t = energy * 1e9 / VLSFO_MJ_PER_T
    penalty = np.where(attained > 0, gap / np.maximum(attained, 1e-12), 0.0) * vlsfo_t \
        * price_per_vlsfo_t / 1e6
    return deficit, penalty


def fueleu_price_per_t(price_per_vlsfo_t: np.ndarray, attained: np.ndarray) -> np.ndarray:
    """The FuelEU penalty per t CO2e of deficit at intensity ``attained`` (g CO2e/MJ)."""
    return price_per_vlsfo_t * 1e6 / (np.maximum(attained, 1e-12) * VLSFO_MJ_PER_T)


def enforce_group_share(energy: np.ndarray, need: np.ndarray, members: np.ndarray,
                        share: np.ndarray, cost: np.ndarray, room: np.ndarray,
                        keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Raise a group of fuels of one carrier to ``share`` of the carrier's energy.

    ``energy`` (R, F) PJ of the carrier's fuels only (others untouched); ``need`` (R,) the
    carrier's energy; ``members`` (F,) bool; ``share`` (R,); ``cost`` (R, F) USD/GJ;
    ``room`` (R, F) PJ each fuel can still supply; ``keep`` (R, F) PJ of non-members that
    must stay (their own floors). Members are added cheapest first, non-members taken away
    dearest first. Returns (energy, shortfall (R,) PJ the group could not reach).
    """
    energy = energy.copy()
    rows = np.arange(energy.shape[0])
    missing = np.maximum(share * need - energy[:, members].sum(axis=1), 0.0)
    releasable = np.where(members, 0.0, np.maximum(energy - keep, 0.0)).sum(axis=1)
    missing = np.minimum(missing, releasable)
    added = np.zeros_like(missing)
    for f in np.argsort(np.where(members, cost, np.inf), axis=1, kind="stable").T:
        take = np.where(members[f], np.minimum(missing - added, np.maximum(room[rows, f], 0)),
                        0.0)
        energy[rows, f] += take
        added += take
    left = added.copy()
    for f in np.argsort(-np.where(members, -np.inf, cost), axis=1, kind="stable").T:
        give = np.where(members[f], 0.0, np.minimum(left, np.maximum(energy[rows, f]
                                                                      - keep[rows, f], 0.0)))
        energy[rows, f] -= give
        left -= give
    shortfall = np.maximum(share * need - energy[:, members].sum(axis=1), 0.0)
    return energy, np.where(shortfall > 1e-9, shortfall, 0.0)


def blend_penalty(shortfall: np.ndarray, member_price: np.ndarray, fossil_price: np.ndarray,
                  factor: float) -> np.ndarray:
    """ReFuelEU Aviation Art. 12: at least ``factor`` (2) x the price gap between the
    mandated fuel and fossil fuel, per unit missing: million USD for PJ and USD/GJ."""
    return shortfall * factor * np.maximum(member_price - fossil_price, 0.0)


def raise_group_share(shares: np.ndarray, members: np.ndarray, minimum: np.ndarray,
                      eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(M, P) sales shares with the group ``members`` (P,) raised to ``minimum`` (M,).

    Members keep their relative shares (equal among eligible ones where they have none);
    the others shrink in proportion. ``eligible`` (M, P): offered and available this year.
    Returns (shares, shortfall (M,) share the eligible members could not take).
    """
    group = np.where(members, shares, 0.0).sum(axis=1)
    can = (eligible & members[None, :]).any(axis=1)
    target = np.where(can, np.maximum(minimum, group), group)
    weights = np.where(members & eligible, shares, 0.0)
    empty = weights.sum(axis=1) <= 1e-12
    weights = np.where(empty[:, None], (members & eligible).astype(float), weights)
    weights = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
    others = np.where(members, 0.0, shares)
    rest = others.sum(axis=1)
    scaled = others * (np.maximum(1.0 - target, 0.0) / np.maximum(rest, 1e-12))[:, None]
    raised = np.where(members, weights * target[:, None], scaled)
    out = np.where((target > group + 1e-12)[:, None], raised, shares)
    return out, np.maximum(minimum - target, 0.0)


def required_zero_emission_share(shares: np.ndarray, intensity: np.ndarray,
                                 zero: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """(M,) smallest share of zero-emission sales that brings the new-vehicle average CO2
    (shares x ``intensity`` (M, P), g per unit, zero for ``zero`` powertrains) to ``limit``
    (M,), the other powertrains keeping their mix: 1 - limit / their average."""
    others = np.where(zero, 0.0, shares)
    average = (others * intensity).sum(axis=1) / np.maximum(others.sum(axis=1), 1e-12)
    return np.clip(1.0 - limit / np.maximum(average, 1e-12), 0.0, 1.0)


def offsets_due(emissions: np.ndarray, baseline: np.ndarray, coverage: float) -> np.ndarray:
    """CORSIA (ICAO Annex 16 Vol. IV), sectoral approach: the covered emissions above the
    covered baseline, Mt CO2."""
    return np.maximum(coverage * (emissions - baseline), 0.0)

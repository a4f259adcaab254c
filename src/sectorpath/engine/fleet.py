"""The fleet engine: vintaged stocks of vehicles (aircraft, ships, trucks) and their fuels.

Stock is held as activity capacity by market (segment x region), powertrain and age, in
billions of activity units per year. Each year the stock ages along a Weibull survival curve,
new sales fill the gap to the year's activity, shared among powertrains by a logit of their
total cost of ownership within logistic adoption ceilings, mandates and fixed shares; new
vintages are more efficient. Each carrier's energy (e.g. liquid fuel) is met by a blend of
fuels: mandated minimum shares first, then the cheapest fuels within their supply limits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import gamma

import numpy as np

from sectorpath.economics import capital_recovery_factor
from sectorpath.engine.grouped import one_hot
from sectorpath.fleet_inputs import FleetInputs
from sectorpath.policies.apply import (
    Compliance,
    fuel_signals,
    group_blends,
    group_sales,
    offset_signal,
    record_fuels,
    record_sales,
)

MAX_AGE = 60
#: Investment kinds, in the order of the first axis of ``FleetTrajectory.investment``.
INVESTMENT_KINDS = ("Vehicles", "Infrastructure", "Retrofits")
_MJ_PER_GJ = 1e3


@dataclass
class FleetTrajectory:
    """Raw yearly results of a fleet run (billion units, PJ, Mt CO2, billion USD_2020)."""

    inputs: FleetInputs
    activity: np.ndarray  # (Y, M, P) activity served
    capacity: np.ndarray  # (Y, M, P) activity capacity of the stock
    vehicles: np.ndarray  # (Y, M, P) number of vehicles (thousands)
    sales_share: np.ndarray  # (Y, M, P) share of new activity capacity
    sales_vehicles: np.ndarray  # (Y, M, P) thousands of new vehicles
    energy: np.ndarray  # (Y, M, P) PJ
    fuel_energy: np.ndarray  # (Y, R, F) PJ
    ttw: np.ndarray  # (Y, M, P) Mt CO2 tank-to-wake
    wtt: np.ndarray  # (Y, M, P) Mt CO2e well-to-tank
    investment: np.ndarray  # (3, Y, M, P) billion USD: vehicles, infrastructure, retrofits
    tco: np.ndarray  # (Y, M, P) USD per activity unit of a new vehicle, carbon price included
    tco_excl_carbon: np.ndarray  # (Y, M, P) the same without the carbon price
    mandate_shortfall: np.ndarray  # (Y, R, F) PJ a fuel's minimum share missed (supply)
    offsets: np.ndarray  # (Y, R) Mt CO2 offset under offsetting schemes (CORSIA)
    compliance: Compliance  # each policy's yearly target, attained, shortfall and cost

    @property
    def blend(self) -> np.ndarray:
        """(Y, R, F) share of each fuel in its carrier's energy."""
        carrier = self.inputs.fuel_carrier
        totals = self.fuel_energy @ one_hot(carrier, len(self.inputs.carriers))
        return self.fuel_energy / np.maximum(totals[:, :, carrier], 1e-12)


def survival_ratio(lifetime: np.ndarray, shape: float) -> np.ndarray:
    """(M, P, MAX_AGE): share of each age's stock that survives into the next age.

    Weibull survival S(a) = exp(-(a / scale)^shape) with scale = lifetime / Gamma(1 + 1/shape),
    so ``lifetime`` is the mean life.
    """
    scale = np.maximum(lifetime, 1e-6) / gamma(1.0 + 1.0 / shape)
    ages = np.arange(MAX_AGE + 1)
    survival = np.exp(-((ages[None, None, :] / scale[..., None]) ** shape))
    return survival[..., 1:] / np.maximum(survival[..., :-1], 1e-300)


def steady_state_ages(lifetime: np.ndarray, shape: float,
                      growth: float | np.ndarray = 0.03) -> np.ndarray:
    """(M, P, MAX_AGE) age distribution of a fleet that has grown at ``growth`` a year
    (a number, or (M,) one per market)."""
    scale = np.maximum(lifetime, 1e-6) / gamma(1.0 + 1.0 / shape)
    ages = np.arange(MAX_AGE)
    rate = np.reshape(np.asarray(growth, float), (-1, 1, 1))
    weights = np.exp(-((ages / scale[..., None]) ** shape)) * (1 + rate) ** -ages
    return weights / weights.sum(axis=-1, keepdims=True)


def share_sales(tco: np.ndarray, offered: np.ndarray, ceiling: np.ndarray, floor: np.ndarray,
                fixed: np.ndarray, sensitivity: float) -> np.ndarray:
    """(M, P) sales shares: logit of relative TCO, then floors, ceilings and fixed shares.

    Fixed shares (not nan) are taken as given; the rest is shared by the logit weights,
    raised to floors and cut at ceilings with the difference passed on to the others.
    """
    cheapest = np.min(np.where(offered, tco, np.inf), axis=1, keepdims=True)
    relative = tco / np.where(np.isfinite(cheapest) & (cheapest > 0), cheapest, 1.0) - 1.0
    weights = np.where(offered, np.exp(-sensitivity * np.clip(relative, 0.0, 50.0)), 0.0)
    is_fixed = ~np.isnan(fixed) & offered
    free_total = np.clip(1.0 - np.where(is_fixed, fixed, 0.0).sum(axis=1, keepdims=True),
                         0.0, 1.0)
    weights = np.where(is_fixed, 0.0, weights)
    low = np.where(is_fixed | ~offered, 0.0, floor)
    high = np.where(is_fixed | ~offered, 0.0, np.maximum(ceiling, low))
    shares = _fit_within(weights, low, high, free_total)
    return np.where(is_fixed, fixed, shares)


def _fit_within(weights: np.ndarray, low: np.ndarray, high: np.ndarray,
                total: np.ndarray) -> np.ndarray:
    """Shares clip(lambda x weights, low, high) per row with lambda such that they sum to
    ``total`` (rows x options; ``total`` rows x 1). Floors that cannot all fit are scaled
    down; if the ceilings leave a gap it goes to the options pro rata to their weights.

    The sum is piecewise linear in lambda with breakpoints where an option reaches its floor
    or its ceiling (low / weight, high / weight), so lambda is found exactly: evaluate the sum
    at every breakpoint and interpolate in the segment that crosses ``total``. Exact for any
    weights, however small (a bisection over lambda cannot converge when a weight is 1e-200).
    A gap the ceilings leave goes to the options on sale only (ceiling above 0).
    """
    floor_sum = low.sum(axis=1, keepdims=True)
    low = np.where(floor_sum > total, low * total / np.maximum(floor_sum, 1e-300), low)
    high = np.maximum(high, low)
    active = weights > 0
    safe = np.where(active, weights, 1.0)
    breaks = np.concatenate([np.where(active, low / safe, 0.0),
                             np.where(active, high / safe, 0.0)], axis=1)
    breaks = np.sort(np.concatenate([np.zeros_like(total), breaks], axis=1), axis=1)  # (R, K)
    sums = np.clip(breaks[:, :, None] * weights[:, None, :], low[:, None, :],
                   high[:, None, :]).sum(axis=2)  # (R, K), non-decreasing along K
    after = np.minimum((sums < total).sum(axis=1), breaks.shape[1] - 1)  # first k reaching it
    rows = np.arange(breaks.shape[0])
    before = np.maximum(after - 1, 0)
    rise = sums[rows, after] - sums[rows, before]
    step = np.where(rise > 0, (total[:, 0] - sums[rows, before]) / np.where(rise > 0, rise, 1.0),
                    1.0)
    lam = breaks[rows, before] + np.clip(step, 0.0, 1.0) * (breaks[rows, after]
                                                            - breaks[rows, before])
    shares = np.clip(lam[:, None] * weights, low, high)
    gap = np.maximum(total - shares.sum(axis=1, keepdims=True), 0.0)
    # the gap goes to options on sale (a ceiling above 0), never to one not yet available
    on_sale = np.where((high > 0).any(axis=1, keepdims=True), weights * (high > 0), weights)
    spread = on_sale / np.maximum(on_sale.sum(axis=1, keepdims=True), 1e-300)
    return shares + gap * spread


def adoption_ceiling(year: int, midpoint: np.ndarray, steepness: np.ndarray,
                     available_from: np.ndarray) -> np.ndarray:
    """Logistic ceiling on a powertrain's sales share: 0 before it is available, 50% at the
    midpoint year, approaching 100% at a pace set by the steepness (per year)."""
    ceiling = 1.0 / (1.0 + np.exp(-steepness * (year - midpoint)))
    return np.where(year >= available_from, ceiling, 0.0)


def blend_fuels(demand: np.ndarray, cost: np.ndarray, floor: np.ndarray, limit: np.ndarray,
                carrier: np.ndarray, n_carriers: int,
                budget: np.ndarray | None = None, factor: np.ndarray | None = None
                ) -> np.ndarray:
    """(R, F) energy by fuel for carrier demand (R, K): floors first, then cheapest first.

    ``limit`` (F,) is each fuel's world supply (PJ), shared among regions pro rata to their
    demand for its carrier. ``budget`` (G, R) caps shared resources (e.g. green hydrogen, in
    their own unit) that fuels draw on at ``factor`` (G, F) per PJ. The dearest fuel of each
    carrier in a region takes what is left (the backstop, fossil in the published data).
    """
    n_regions, n_fuels = cost.shape
    budget = np.zeros((0, n_regions)) if budget is None else budget.copy()
    factor = np.zeros((0, n_fuels)) if factor is None else factor
    need = demand[:, carrier]  # (R, F)
    regional_share = need / np.maximum(need.sum(axis=0), 1e-12)
    regional_limit = np.where(np.isfinite(limit), np.nan_to_num(limit, posinf=0.0)
                              * regional_share, np.inf)
    energy = np.minimum(floor * need, regional_limit)
    for g in range(budget.shape[0]):  # mandated shares cannot draw more than a resource cap
        use = energy @ factor[g]
        scale = np.where(use > budget[g], budget[g] / np.maximum(use, 1e-12), 1.0)
        energy = np.where(factor[g] > 0, energy * scale[:, None], energy)
    budget -= (energy @ factor.T).T
    left = demand - _by_carrier(energy, carrier, n_carriers)
    rows = np.arange(n_regions)
    for f in np.argsort(cost, axis=1, kind="stable").T:  # cheapest first, per region
        room = np.maximum(regional_limit[rows, f] - energy[rows, f], 0.0)
        for g in range(budget.shape[0]):
            per_pj = factor[g, f]
            room = np.where(per_pj > 0, np.minimum(room, np.maximum(budget[g], 0.0)
                                                   / np.maximum(per_pj, 1e-12)), room)
        take = np.minimum(np.maximum(left[rows, carrier[f]], 0.0), room)
        energy[rows, f] += take
        left[rows, carrier[f]] -= take
        budget -= factor[:, f] * take[None, :]
    # the backstop is the dearest fuel that draws on no capped resource, where there is one
    capped = (factor > 0).any(axis=0)
    backstop = _dearest_per_carrier(np.where(capped, cost - 1e9, cost), carrier, n_carriers)
    for k in range(n_carriers):
        short = np.flatnonzero((left[:, k] > 1e-9) & (backstop[:, k] >= 0))
        energy[short, backstop[short, k]] += left[short, k]
    return energy


def _by_carrier(energy: np.ndarray, carrier: np.ndarray, n_carriers: int) -> np.ndarray:
    return energy @ one_hot(carrier, n_carriers)


def _dearest_per_carrier(cost: np.ndarray, carrier: np.ndarray, n_carriers: int) -> np.ndarray:
    out = np.full((cost.shape[0], n_carriers), -1)
    for k in range(n_carriers):
        members = np.flatnonzero(carrier == k)
        if members.size:
            out[:, k] = members[np.argmax(cost[:, members], axis=1)]
    return out


class _FleetRun:
    def __init__(self, inputs: FleetInputs) -> None:
        self.x = inputs
        a = inputs.attributes
        shape = inputs.fleet.survival_shape
        self.survive = survival_ratio(a["lifetime_years"], shape)
        ages = steady_state_ages(a["lifetime_years"], shape, inputs.fleet_growth)
        age_factor = (1.0 - inputs.efficiency_gain[..., None]) ** -np.arange(MAX_AGE)
        # vintage intensities whose activity-weighted mean is the published fleet average
        newest = a["intensity"] / np.maximum((ages * age_factor).sum(axis=-1), 1e-12)
        self.new_intensity0 = newest
        # the first year's fleet serves exactly the first year's activity, in published shares
        base = inputs.base_activity
        scale = inputs.activity[0] / np.maximum(base.sum(axis=1), 1e-12)
        self.stock = (base * scale[:, None])[..., None] * ages
        self.intensity = newest[..., None] * age_factor
        self.crf = np.vectorize(lambda life: capital_recovery_factor(
            inputs.discount_rate, max(round(life), 1)))(np.maximum(a["lifetime_years"], 1))
        n_y, n_m, n_p, n_f = (inputs.years.size, inputs.offered.shape[0],
                              inputs.offered.shape[1], len(inputs.fuels))
        self.out = {name: np.zeros((n_y, n_m, n_p)) for name in
                    ("activity", "capacity", "vehicles", "sales_share", "sales_vehicles",
                     "energy", "ttw", "wtt", "tco", "tco_excl_carbon")}
        self.fuel_energy = np.zeros((n_y, len(inputs.regions), n_f))
        self.investment = np.zeros((len(INVESTMENT_KINDS), n_y, n_m, n_p))
        self.carrier_price = self._cheapest_carrier_price(0)
        self.carrier_ttw = np.zeros((len(inputs.regions), len(inputs.carriers)))
        self.carrier_wtt = np.zeros_like(self.carrier_ttw)
        self.priced_wtt = 1.0 if inputs.carbon_price_on_wtt else 0.0
        n_r = len(inputs.regions)
        self.compliance = Compliance(n_y)
        self.shortfall = np.zeros((n_y, n_r, n_f))
        self.offsets = np.zeros((n_y, n_r))
        self.signal = np.zeros((n_r, n_f))  # USD/GJ policies add to each fuel this year
        self.offset_last = np.zeros(n_r)  # emissions offsetting counted last year, Mt
        self.offset_baseline = np.zeros(n_r)  # ... in the first year
        self.reference_co2 = np.zeros(n_m)  # first-year new-vehicle g CO2 per unit
        self.new_co2 = np.zeros((n_m, n_p))
        self.pending: list[tuple] = []
        # what offsetting counts per GJ: life-cycle emissions scaled so that the fuel with
        # the most tank-to-wake CO2 counts its tank-to-wake (CORSIA's life-cycle credit)
        ghg0 = inputs.ttw[0] + inputs.wtt[0]
        worst = np.unravel_index(np.argmax(inputs.ttw[0]), inputs.ttw[0].shape)
        self.counted_ratio = float(inputs.ttw[0][worst] / max(float(ghg0[worst]), 1e-12))

    def _cheapest_carrier_price(self, i: int) -> np.ndarray:
        x = self.x
        out = np.full((len(x.regions), len(x.carriers)), np.inf)
        for k in range(len(x.carriers)):
            members = x.fuel_carrier == k
            if members.any():
                out[:, k] = x.fuel_price[i][:, members].min(axis=1)
        return out

    def step(self, i: int) -> None:
        x = self.x
        year = int(x.years[i])
        if i > 0:
            self._age()
            self._retrofit(i, year)
        tco = self._tco(i, year)
        capacity = self.stock.sum(axis=(1, 2))  # (M,)
        need = (np.maximum(x.activity[i] - capacity, 0.0) if i > 0
                else np.zeros_like(capacity))
        shares = self._shares(i, year, tco)
        if i > 0:
            self.stock[:, :, 0] = need[:, None] * shares
            gain = (1.0 - x.efficiency_gain) ** (year - int(x.years[0]))
            self.intensity[:, :, 0] = self.new_intensity0 * gain
        self._account(i, tco, shares, need)

    def _age(self) -> None:
        self.stock[:, :, 1:] = self.stock[:, :, :-1] * self.survive[:, :, :-1]
        self.stock[:, :, 0] = 0.0
        self.intensity[:, :, 1:] = self.intensity[:, :, :-1]

    def _retrofit(self, i: int, year: int) -> None:
        """Convert part of the eligible old vehicles where the conversion pays.

        A vintage converts when running it on the target powertrain (its energy use scaled by
        the two powertrains' intensity ratio, fuel and carbon cost of the target's carrier,
        other opex) plus the conversion capex annualised over the vintage's remaining life is
        cheaper than running it as it is; then ``max_share`` of it converts this year.
        """
        x, a = self.x, self.x.attributes
        priced = (self.carrier_price + x.carbon_price[i]
                  * (self.carrier_ttw + self.priced_wtt * self.carrier_wtt))  # (R, K) USD/GJ
        for retrofit in x.retrofits:
            if year < retrofit.available_from:
                continue
            m = np.flatnonzero(retrofit.markets)
            src, dst, ages = retrofit.source, retrofit.target, retrofit.ages
            ratio = a["intensity"][m, dst] / np.maximum(a["intensity"][m, src], 1e-12)
            vintage = self.intensity[m, src, ages]  # (m, A) MJ per unit
            price = priced[x.market_region[m]]  # (m, K)
            keep = (vintage * price[:, [x.powertrain_carrier[src]]] / _MJ_PER_GJ
                    + a["other_opex"][m, src][:, None])
            remaining = np.maximum(a["lifetime_years"][m, src][:, None]
                                   - np.arange(MAX_AGE)[ages][None, :], 1.0)
            annuity = x.discount_rate / (1.0 - (1.0 + x.discount_rate) ** -remaining)
            convert = (vintage * ratio[:, None] * price[:, [x.powertrain_carrier[dst]]]
                       / _MJ_PER_GJ + a["other_opex"][m, dst][:, None]
                       + _per_vehicle(retrofit.capex * annuity,
                                      a["activity_per_vehicle"][m, src][:, None]))
            moved = np.where(convert < keep, self.stock[m, src, ages] * retrofit.max_share, 0.0)
            if not moved.any():
                continue
            self._move(m, src, dst, ages, moved, vintage * ratio[:, None])
            vehicles = _per_vehicle(moved.sum(axis=1), a["activity_per_vehicle"][m, src])
            self.investment[2, i, m, dst] += vehicles * retrofit.capex

    def _move(self, m: np.ndarray, src: int, dst: int, ages: slice, moved: np.ndarray,
              intensity: np.ndarray) -> None:
        """Move stock between powertrains, same vintages; intensities mix by activity."""
        before = self.stock[m, dst, ages]
        total = before + moved
        self.intensity[m, dst, ages] = np.where(
            total > 0, (before * self.intensity[m, dst, ages] + moved * intensity)
            / np.maximum(total, 1e-300), self.intensity[m, dst, ages])
        self.stock[m, dst, ages] = total
        self.stock[m, src, ages] -= moved

    def _tco(self, i: int, year: int) -> np.ndarray:
        """USD per activity unit of a new vehicle bought this year, (M, P)."""
        x = self.x
        a = x.attributes
        gain = (1.0 - x.efficiency_gain) ** (year - int(x.years[0]))
        intensity = self.new_intensity0 * gain / x.load_factor[i] * (1 - x.operations_saving[i])
        regions = x.market_region
        price = self.carrier_price[regions][:, x.powertrain_carrier]  # (M, P) USD/GJ
        priced = self.carrier_ttw + self.priced_wtt * self.carrier_wtt  # t/GJ
        emission = priced[regions][:, x.powertrain_carrier]
        capex = x.capex[i] + x.infrastructure_capex
        capital = _per_vehicle(capex * self.crf, a["activity_per_vehicle"])
        carbon = intensity / _MJ_PER_GJ * x.carbon_price[i] * emission
        without = capital + intensity / _MJ_PER_GJ * price + a["other_opex"]
        self.out["tco_excl_carbon"][i] = np.where(x.offered, without, np.inf)
        return np.where(x.offered, without + carbon, np.inf)

    def _shares(self, i: int, year: int, tco: np.ndarray) -> np.ndarray:
        x = self.x
        a = x.attributes
        # a powertrain with a real share of the first year's fleet (5% of its market) has no
        # adoption ceiling; one with a trace of it (a few pilot vehicles) still diffuses
        share = x.base_activity / np.maximum(x.base_activity.sum(axis=1, keepdims=True), 1e-12)
        incumbent = share >= 0.05
        # an incumbent sells without a diffusion ceiling, but not before a scenario's
        # availability year for it (issue 12: availability was ignored for incumbents)
        ceiling = np.where(incumbent & (year >= a["available_from"]), 1.0, adoption_ceiling(
            year, a["adoption_midpoint"], a["adoption_steepness"], a["available_from"]))
        starved = self._starved_carriers(i)[x.powertrain_carrier]  # (P,)
        ceiling = np.where(starved[None, :], 0.0, ceiling)
        shares = share_sales(tco, x.offered, ceiling, x.sales_floor[i], x.sales_fixed[i],
                             x.fleet.choice_sensitivity)
        if not x.policies:
            return shares
        gain = (1.0 - x.efficiency_gain) ** (year - int(x.years[0]))
        fossil = _first_fuel(x.ttw[0], x.fuel_carrier, len(x.carriers))  # (R, K) t/GJ
        self.new_co2 = np.where(x.zero_emission_powertrain, 0.0, self.new_intensity0 * gain
                                * fossil[x.market_region][:, x.powertrain_carrier] * 1e3)
        if i == 0:
            self.reference_co2 = (shares * self.new_co2).sum(axis=1)
        eligible = x.offered & (year >= a["available_from"])
        shares, self.pending = group_sales(x.policies, i, shares, eligible, self.new_co2,
                                           x.zero_emission_powertrain, self.reference_co2,
                                           self.compliance)
        return shares

    def _starved_carriers(self, i: int) -> np.ndarray:
        """(K,) carriers whose every fuel draws on a capped resource that the fleet already
        uses up: no more vehicles burning them are sold this year."""
        x = self.x
        starved = np.zeros(len(x.carriers), dtype=bool)
        if i == 0 or not x.resource_names:
            return starved
        used = self.fuel_energy[i - 1].sum(axis=0) @ x.resource_factor.T  # (G,) last year
        spent = used >= x.resource_cap[:, i] - 1e-9  # (G,)
        for k in range(len(x.carriers)):
            fuels = x.fuel_carrier == k
            draws = x.resource_factor[:, fuels] > 0  # (G, F_k)
            starved[k] = bool(draws.any(axis=0).all() and (draws & spent[:, None]).any(axis=0)
                              .all())
        return starved

    def _account(self, i: int, tco: np.ndarray, shares: np.ndarray, need: np.ndarray) -> None:
        x = self.x
        a = x.attributes
        capacity = self.stock.sum(axis=2)
        total = capacity.sum(axis=1)
        served = np.where(total > 0, np.minimum(x.activity[i] / np.maximum(total, 1e-12), 1.0),
                          0.0)
        activity = capacity * served[:, None]
        factor = (1 - x.operations_saving[i]) / x.load_factor[i]
        energy = (self.stock * self.intensity).sum(axis=2) * served[:, None] * factor
        fuel_energy = self._blend(i, energy)
        regions = x.market_region
        self.carrier_ttw, self.carrier_wtt, self.carrier_price = self._carrier_averages(
            i, fuel_energy)
        # billion units / (million units per vehicle) = thousand vehicles
        new_vehicles = _per_vehicle(need[:, None] * shares, a["activity_per_vehicle"])
        o = self.out
        o["activity"][i], o["capacity"][i], o["energy"][i] = activity, capacity, energy
        o["vehicles"][i] = _per_vehicle(capacity, a["activity_per_vehicle"])
        o["sales_share"][i], o["sales_vehicles"][i], o["tco"][i] = shares, new_vehicles, tco
        record_sales(self.pending, i, shares, new_vehicles, self.new_co2, self.reference_co2,
                     self.compliance)
        o["ttw"][i] = energy * self.carrier_ttw[regions][:, x.powertrain_carrier]
        o["wtt"][i] = energy * self.carrier_wtt[regions][:, x.powertrain_carrier]
        self.fuel_energy[i] = fuel_energy
        # thousand vehicles x million USD = billion USD
        self.investment[0, i] = new_vehicles * x.capex[i]
        self.investment[1, i] = new_vehicles * x.infrastructure_capex

    def _blend(self, i: int, energy: np.ndarray) -> np.ndarray:
        x = self.x
        demand = (one_hot(x.market_region, len(x.regions)).T @ energy
                  @ one_hot(x.powertrain_carrier, len(x.carriers)))
        cost = x.fuel_price[i] + x.carbon_price[i] * (x.ttw[i] + self.priced_wtt * x.wtt[i])
        regional = demand.sum(axis=1) / max(demand.sum(), 1e-12)  # (R,) share of the cap
        budget = x.resource_cap[:, i][:, None] * regional[None, :]

        def blend(fuel_cost: np.ndarray) -> np.ndarray:
            return blend_fuels(demand, fuel_cost, x.fuel_floor[i], x.fuel_limit[i],
                               x.fuel_carrier, len(x.carriers), budget, x.resource_factor)

        need = demand[:, x.fuel_carrier]  # (R, F) energy of each fuel's carrier
        if not x.policies:
            energy = blend(cost)
        else:
            ghg = x.ttw[i] + x.wtt[i]
            counted = ghg * self.counted_ratio
            offset = offset_signal(x.policies, i, counted, self.offset_last,
                                   self.offset_baseline)
            self.signal, standards = fuel_signals(x.policies, i, ghg, cost, blend, offset)
            cost = cost + self.signal
            share = need / np.maximum(need.sum(axis=0), 1e-12)
            room = np.where(np.isfinite(x.fuel_limit[i]),
                            np.nan_to_num(x.fuel_limit[i], posinf=0.0) * share, np.inf)
            energy = group_blends(x.policies, i, blend(cost) if standards is None
                                  else standards, demand, x.fuel_carrier, cost,
                                  room, x.fuel_floor[i] * need, x.fuel_price[i],
                                  self.compliance)
            basis = (energy * counted).sum(axis=1)
            if i == 0:
                self.offset_baseline = basis
            self.offsets[i] = record_fuels(x.policies, i, energy, ghg, basis,
                                           self.offset_baseline, self.compliance)
            self.offset_last = basis
        missed = x.fuel_floor[i] * need - energy
        self.shortfall[i] = np.where(missed > 1e-6, missed, 0.0)
        return energy

    def _carrier_averages(self, i: int, fuel_energy: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Energy-weighted TTW, WTT and price of each carrier's blend, (R, K) each."""
        x = self.x
        k = len(x.carriers)
        total = _by_carrier(fuel_energy, x.fuel_carrier, k)
        cheapest = self._cheapest_carrier_price(i)
        averages = []
        for values, fallback in ((x.ttw[i], None), (x.wtt[i], None),
                                 (x.fuel_price[i] + self.signal, cheapest)):
            weighted = _by_carrier(fuel_energy * values, x.fuel_carrier, k)
            empty = fallback if fallback is not None else _first_fuel(values, x.fuel_carrier, k)
            averages.append(np.where(total > 1e-12, weighted / np.maximum(total, 1e-12), empty))
        return averages[0], averages[1], averages[2]

    def trajectory(self) -> FleetTrajectory:
        o = self.out
        return FleetTrajectory(self.x, o["activity"], o["capacity"], o["vehicles"],
                               o["sales_share"], o["sales_vehicles"], o["energy"],
                               self.fuel_energy, o["ttw"], o["wtt"], self.investment, o["tco"],
                               o["tco_excl_carbon"], self.shortfall, self.offsets,
                               self.compliance)


def _per_vehicle(amount: np.ndarray, activity_per_vehicle: np.ndarray) -> np.ndarray:
    """``amount`` divided by each powertrain's activity per vehicle; 0 where none is offered."""
    return np.divide(amount, activity_per_vehicle, out=np.zeros(np.broadcast_shapes(
        np.shape(amount), activity_per_vehicle.shape)), where=activity_per_vehicle > 0)


def _first_fuel(values: np.ndarray, carrier: np.ndarray, n_carriers: int) -> np.ndarray:
    """Per carrier, the value of its dearest-emitting fuel (used where a carrier has no use)."""
    out = np.zeros((values.shape[0], n_carriers))
    for k in range(n_carriers):
        members = np.flatnonzero(carrier == k)
        if members.size:
            out[:, k] = values[:, members].max(axis=1)
    return out


def simulate_fleet(inputs: FleetInputs,
                   progress: Callable[[int], None] | None = None) -> FleetTrajectory:
    """Run a transport sector over its horizon; ``progress(year)`` after each year."""
    run = _FleetRun(inputs)
    for i, year in enumerate(inputs.years):
        run.step(i)
        if progress is not None:
            progress(int(year))
    return run.trajectory()

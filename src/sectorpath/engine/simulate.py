"""The yearly stock-turnover loop, vectorised over assets and technologies.

Each year after the calibration year:
1. regions balance demand with trade, opening or closing capacity (``trade.py``);
2. assets on their investment cycle choose a technology (renew, retrofit or switch) by the
   scenario's rule, within resource limits and the yearly cap on switching capacity;
3. assets inside their mid-cycle window may take a transitional retrofit of the same furnace;
4. production is spread over each region's assets at the region's utilisation;
5. if the scenario sets a carbon budget, the cheapest abatement (USD/t CO2) is pulled forward
   until the year's scope 1+2 emissions fit it (or, with ``budget_stops_switching``, the
   budget is a line at which step 2 stops switching for the year, as MPP's cement lc).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sectorpath.diffusion import Diffusion
from sectorpath.economics import UnitEconomics, unit_economics
from sectorpath.engine.choice import FASTEST_ABATEMENT_WEIGHTS, Limit, choose, rank_scores
from sectorpath.engine.grouped import cumsum_within, take_until
from sectorpath.engine.stock import AssetStock
from sectorpath.engine.trade import balance_regions, serve_own_demand
from sectorpath.errors import InputError
from sectorpath.inputs import ModelInputs
from sectorpath.tolerances import AMOUNT, NONZERO, ROUNDING

#: Investment kinds, in the order of the first axis of ``Trajectory.investment``.
INVESTMENT_KINDS = ("main cycle", "transitional switch", "new capacity")
MAIN, TRANSITIONAL, NEW = range(3)
_BILLION_PER_USD_T_MT = 1e-3  # USD/t x Mt = 1e6 USD = 1e-3 billion USD
_WINDOW_AFTER_CYCLE = 3  # years after a main cycle before a retrofit is considered
_WINDOW_BEFORE_CYCLE = 8  # years before the next main cycle when retrofits stop
_END_PULL_FORWARD = 3  # decisions due up to this many years after the horizon move inside it


@dataclass
class Trajectory:
    """Raw yearly results of one run (Mt, Mt CO2, commodity units x Mt, billion USD_2020)."""

    inputs: ModelInputs
    economics: UnitEconomics
    capacity: np.ndarray  # (Y, R, T) Mt/yr
    production: np.ndarray  # (Y, R, T) Mt/yr
    emissions: np.ndarray  # (3, Y, R, T) Mt CO2/yr
    use: np.ndarray  # (Y, R, T, C) commodity unit x Mt (GJ/t x Mt = PJ; t/t x Mt = Mt)
    investment: np.ndarray  # (3, Y, R, T) billion USD_2020/yr by kind and target technology
    demand: np.ndarray  # (Y, R) Mt/yr
    switches: np.ndarray  # (Y, T, T) count of asset decisions from row to column technology
    stock: AssetStock
    asset_scope1: np.ndarray  # (Y,) scope 1 summed asset by asset, to check the aggregation
    carbon_budget: np.ndarray | None  # (Y,) annual scope 1+2 limit applied, Mt CO2/yr
    bound: LimitRecord | None = None  # how much each limit allowed, took and turned down


@dataclass
class LimitRecord:
    """Ramp-up groups (G) and resource caps of a run, year by year (Y).

    ``ramp_allowed`` is what each group could newly adopt at the start of the year,
    ``ramp_adopted`` what it did, ``ramp_refused`` what decisions wanted beyond the limit, in
    the group's unit (assets or Mt/yr). ``resource_refused`` is, per resource cap (name ->
    (Y, cap groups)), the extra use of choices the cap turned down, in the cap's unit.
    """

    diffusion: Diffusion
    ramp_allowed: np.ndarray  # (Y, G)
    ramp_adopted: np.ndarray  # (Y, G)
    ramp_refused: np.ndarray  # (Y, G)
    resource_refused: dict[str, np.ndarray]


class _Run:
    """State of one simulation: the stock and the arrays being filled year by year."""

    def __init__(self, inputs: ModelInputs) -> None:
        self.inputs = inputs
        self.econ = unit_economics(inputs)
        self.sector = inputs.sector
        self.rule = inputs.rule
        self.rng = np.random.default_rng(self.rule.seed)
        n_years, n_regions, n_techs, n_comm = inputs.shape
        self.stock = AssetStock.initial(
            inputs.asset_ids, inputs.asset_region, inputs.asset_technology,
            inputs.asset_capacity, inputs.asset_start_year, int(inputs.years[0]),
            self.sector.investment_cycle_years)
        self.stock.next_cycle = self._schedule(self.stock.next_cycle)
        self.new_size = self.sector.new_asset_capacity or float(inputs.asset_capacity.mean())
        self.boundary = np.array([self.sector.trade_boundary_by_region.get(r, self.sector.
                                  trade_boundary) for r in inputs.regions])
        self.reference = ~np.isin(inputs.technologies, list(self.sector.reference_excluded))
        self.capacity = np.zeros((n_years, n_regions, n_techs))
        self.production = np.zeros((n_years, n_regions, n_techs))
        self.emissions = np.zeros((3, n_years, n_regions, n_techs))
        self.use = np.zeros((n_years, n_regions, n_techs, n_comm))
        self.investment = np.zeros((3, n_years, n_regions, n_techs))
        self.demand = np.zeros((n_years, n_regions))
        self.switches = np.zeros((n_years, n_techs, n_techs))
        self.asset_scope1 = np.zeros(n_years)
        self.utilisation = np.zeros(n_regions)
        self.switch_budget = np.inf
        self.carbon_budget = inputs.carbon_budget
        self.diffusion = inputs.diffusion or Diffusion.none(n_years, n_techs)
        n_groups = len(self.diffusion.groups)
        self.ramp_room = np.zeros(n_groups)
        self.ramp_first = self._held()
        self.bound = LimitRecord(
            self.diffusion, np.zeros((n_years, n_groups)), np.zeros((n_years, n_groups)),
            np.zeros((n_years, n_groups)),
            {name: np.zeros((n_years, cap.shape[1])) for name, cap in inputs.limits.items()})

    def _schedule(self, due: np.ndarray) -> np.ndarray:
        """Decisions due in the last year or just after it happen the year before it."""
        last = int(self.inputs.years[-1])
        return np.where((due >= last) & (due <= last + _END_PULL_FORWARD), last - 1, due)

    # -- one year ----------------------------------------------------------------------------
    def step(self, i: int) -> None:
        year = int(self.inputs.years[i])
        n_regions = len(self.inputs.regions)
        if i == 0:
            demand = (self.inputs.production_2020 if self.inputs.production_2020 is not None
                      else self.inputs.demand[0])
            regional = np.minimum(demand, self.stock.regional_capacity(n_regions))
        else:
            demand = self.inputs.demand[i]
            self.switch_budget = float(self.inputs.max_switching[i])
            self.ramp_room = self.diffusion.room(i, self._held(), self.ramp_first)
            self.bound.ramp_allowed[i] = self.ramp_room
            regional = self._balance(i, year, demand)
            self._main_cycle(i, year)
            if self.rule.transitional_switches:
                self._transitional(i, year)
            self._enforce_limits(i, year)
        output = self._asset_production(regional)
        if i > 0 and self.carbon_budget is not None and not self.inputs.budget_stops_switching:
            self._enforce_budget(i, year, output)
        self._record(i, output, demand)
        total = self.inputs.carbon_budget_total
        if i == 0 and total is not None:
            first = float((self.emissions[0, 0] + self.emissions[1, 0]).sum())
            self.carbon_budget = budget_path(first, total * 1000.0, len(self.inputs.years))

    # -- capacity and trade --------------------------------------------------------------------
    def _balance(self, i: int, year: int, demand: np.ndarray) -> np.ndarray:
        stock = self.stock
        n_regions = demand.size
        capacity = stock.regional_capacity(n_regions)
        weights = stock.capacity * stock.active * self.utilisation[stock.region]
        cost = np.bincount(stock.region, weights=weights * self.econ.opex[i - 1][
            stock.region, stock.technology], minlength=n_regions)
        produced = np.bincount(stock.region, weights=weights, minlength=n_regions)
        # a region without output last year has no cost of its own: give it the mean, so it is
        # neither the cheapest exporter nor the cheapest place to build by default
        unit_cost = np.where(produced > 0, cost / np.maximum(produced, NONZERO), np.nan)
        unit_cost = np.where(np.isnan(unit_cost), np.nanmean(unit_cost)
                             if np.isfinite(unit_cost).any() else 0.0, unit_cost)
        if self.sector.trade:
            balance = balance_regions(demand, capacity, self.utilisation, unit_cost,
                                      self.boundary, self.sector.utilisation_min,
                                      self.sector.utilisation_max)
        else:
            balance = serve_own_demand(demand, capacity, self.sector.utilisation_min,
                                       self.sector.utilisation_max)
        self._close(balance.close_capacity)
        self._open(i, year, balance.open_capacity)
        return balance.production

    def _close(self, close_capacity: np.ndarray) -> None:
        """Close, region by region, the assets longest without investment, up to the target."""
        if not (close_capacity > ROUNDING).any():
            return
        stock = self.stock
        order = np.lexsort((stock.last_investment, stock.region))
        order = order[stock.active[order] & (close_capacity[stock.region[order]] > ROUNDING)]
        # never close past the target, so what stays can still make the region's production
        closed = cumsum_within(stock.region[order], stock.capacity[order])
        closing = closed <= close_capacity[stock.region[order]] + ROUNDING
        stock.active[order[closing]] = False

    def _open(self, i: int, year: int, open_capacity: np.ndarray) -> None:
        counts = np.ceil(open_capacity / self.new_size - ROUNDING).astype(int)
        if counts.sum() == 0:
            return
        regions = np.repeat(np.arange(counts.size), counts)
        capacity = np.full(regions.size, self.new_size)
        members = self.stock.add(regions, np.full(regions.size, -1), capacity, year,
                                 self.sector.investment_cycle_years, self.sector.name)
        self.stock.next_cycle[members] = self._schedule(self.stock.next_cycle[members])
        allowed = self.inputs.new_build[None, :] & self._usable(i, regions)
        choice = self._decide(i, members, allowed, self.econ.lcox[i][regions], banded=False)
        self._adopt(i, members, np.full(members.size, -1), choice)
        self.stock.technology[members] = choice
        green = self.inputs.greenfield_capex[i]
        np.add.at(self.investment[NEW, i], (regions, choice),
                  green[regions, choice] * capacity * _BILLION_PER_USD_T_MT)
        self.switch_budget -= float(capacity.sum())

    # -- decisions -------------------------------------------------------------------------------
    def _usable(self, i: int, regions: np.ndarray) -> np.ndarray:
        """(n, T) technologies that may be chosen in year ``i`` by assets in ``regions``."""
        usable = np.broadcast_to(self.inputs.available[i], (regions.size, self.capacity.shape[2]))
        barred = self.inputs.barred
        return usable if barred is None else usable & ~barred[i][regions]

    def _may_stay(self, i: int, members: np.ndarray) -> np.ndarray:
        """Whether each member may renew its technology (not phased out where it stands)."""
        barred = self.inputs.barred
        if barred is None:
            return np.ones(members.size, dtype=bool)
        return ~barred[i][self.stock.region[members], self.stock.technology[members]]

    def _limits(self, i: int, members: np.ndarray) -> list[Limit]:
        """Resource caps for a decision round among ``members`` (indices into the stock).

        Use is counted at the utilisation ceiling, so an asset's choice is safe whatever its
        region's output turns out to be.
        """
        stock = self.stock
        ceiling = self.sector.utilisation_max
        output = stock.capacity * ceiling * (stock.active & (stock.technology >= 0))
        current = np.maximum(stock.technology, 0)
        limits = []
        for name, cap in self.inputs.limits.items():
            per_mt = self.inputs.limit_use[name][i]
            group = stock.region if cap.shape[1] > 1 else np.zeros(len(stock), dtype=int)
            used = np.bincount(group, weights=output * per_mt[stock.region, current],
                               minlength=cap.shape[1])
            headroom = cap[i] - used
            if name in self.inputs.cumulative_caps:
                headroom = self.inputs.cumulative_caps[name][i] - used - self._used_so_far(
                    name, i, cap.shape[1])
            limits.append(Limit(name=name,
                                use=(stock.capacity[members] * ceiling)[:, None]
                                * per_mt[stock.region[members]],
                                group=group[members], headroom=headroom,
                                refused=self.bound.resource_refused[name][i]))
        return limits

    def _used_so_far(self, name: str, i: int, n_groups: int) -> np.ndarray:
        """(groups,) use of a limited resource in the years before year index ``i``."""
        used = (self.production[:i] * self.inputs.limit_use[name][:i]).sum(axis=(0, 2))
        return used if n_groups > 1 else used.sum(keepdims=True)

    def _ramp_limits(self, i: int, members: np.ndarray) -> list[tuple[Limit, np.ndarray]]:
        """Ramp-up groups as one limit per layer (``Diffusion.layers``): an asset's group is
        that of the technology it chooses; use is what it counts for (1 or its capacity).
        Groups unlimited this year get infinite headroom. Returns (limit, its groups)."""
        diffusion = self.diffusion
        weights = diffusion.weights(self.stock.capacity[members])  # (G, n)
        limits = []
        for groups, tech_group in diffusion.layers:
            room = self.ramp_room[groups]
            if not np.isfinite(room).any():
                continue
            in_layer = tech_group >= 0
            column_group = groups[np.maximum(tech_group, 0)]  # (T,) global group of each tech
            use = np.where(in_layer[None, :], weights[column_group].T, 0.0)
            limits.append((Limit(name=f"ramp:{diffusion.groups[groups[0]]}", use=use,
                                 group=np.zeros(members.size, dtype=int), headroom=room,
                                 refused=np.zeros(groups.size), tech_group=tech_group), groups))
        return limits

    def _held(self) -> np.ndarray:
        """(G,) what each ramp-up group holds now among active assets."""
        stock = self.stock
        return self.diffusion.held(np.where(stock.active, stock.technology, -1), stock.capacity)

    def _adopt(self, i: int, members: np.ndarray, current: np.ndarray,
               choice: np.ndarray) -> None:
        """Count members moving into ramp-up groups against this year's room."""
        member = self.diffusion.member
        if member.shape[0] == 0 or members.size == 0:
            return
        was_inside = member[:, np.maximum(current, 0)] & (current >= 0)[None, :]
        entering = member[:, choice] & ~was_inside
        taken = (entering * self.diffusion.weights(self.stock.capacity[members])).sum(axis=1)
        self.ramp_room = self.ramp_room - taken
        self.bound.ramp_adopted[i] += taken

    def _decide(self, i: int, members: np.ndarray, allowed: np.ndarray, tco: np.ndarray,
                banded: bool = True, weights: tuple[float, float] | None = None,
                ramp: bool = True) -> np.ndarray:
        """Chosen technology of each member asset given its allowed options and cost rows;
        ``ramp=False`` for moves forced by a resource cap, which ramp-up limits do not stop."""
        regions = self.stock.region[members]
        bands = self.rule.cost_bands if banded else ()
        jitter = self.rng.random(tco.shape) if bands else None
        weights = weights or (self.rule.cost_weight, self.rule.abatement_weight)
        scores = rank_scores(tco, self.econ.scope12[i][regions], allowed, *weights, bands=bands,
                             reference=self.reference, jitter=jitter)
        ramps = self._ramp_limits(i, members) if ramp else []
        limits = self._limits(i, members) + [limit for limit, _ in ramps]
        choice = choose(scores, self.stock.technology[members], limits)
        for limit, groups in ramps:
            assert limit.refused is not None
            self.bound.ramp_refused[i, groups] += limit.refused
        return choice

    def _within_budget(self, members: np.ndarray, choice: np.ndarray) -> np.ndarray:
        """Which of the members may move this year under the cap on switching capacity."""
        moving = choice != self.stock.technology[members]
        if not np.isfinite(self.switch_budget) or not moving.any():
            return np.ones(members.size, dtype=bool)
        order = self.rng.permutation(np.flatnonzero(moving))
        fits = np.cumsum(self.stock.capacity[members[order]]) <= max(self.switch_budget, 0.0)
        allowed = ~moving
        allowed[order[fits]] = True
        self.switch_budget -= float(self.stock.capacity[members[order[fits]]].sum())
        return allowed

    def _apply(self, i: int, members: np.ndarray, choice: np.ndarray, capex: np.ndarray,
               kind: int) -> None:
        stock = self.stock
        self._adopt(i, members, stock.technology[members], choice)
        np.add.at(self.switches[i], (stock.technology[members], choice), 1.0)
        cost = capex * stock.capacity[members] * _BILLION_PER_USD_T_MT
        np.add.at(self.investment[kind, i], (stock.region[members], choice), cost)
        stock.technology[members] = choice

    def _main_cycle(self, i: int, year: int) -> None:
        stock = self.stock
        members = np.flatnonzero(stock.active & (stock.next_cycle == year))
        if members.size == 0:
            return
        current = stock.technology[members]
        may_stay = self._may_stay(i, members)
        allowed = self.inputs.main_switch[current] & self._usable(i, stock.region[members])
        allowed[np.arange(members.size), current] = may_stay
        tco = self.econ.tco(self.inputs, i)[stock.region[members], current]
        choice = self._decide(i, members, allowed, tco)
        go = self._above_carbon_line(i, members, choice) & self._within_budget(members, choice)
        if self.sector.barred_retry_yearly:
            go &= ~((choice == current) & ~may_stay)
        done, waiting = members[go], members[~go]
        capex = self.econ.switch_capex(self.inputs, i)[stock.region[done], current[go],
                                                       choice[go]]
        self._apply(i, done, choice[go], capex, MAIN)
        self._start_cycle(done, year)
        stock.next_cycle[waiting] = year + 1

    def _above_carbon_line(self, i: int, members: np.ndarray, choice: np.ndarray) -> np.ndarray:
        """Which members may move, when the budget line stops switching: moves are taken in
        random order while the stock, at last year's utilisation, still emits more scope 1+2
        than the year's line; the rest wait a year. All may move otherwise."""
        if not self.inputs.budget_stops_switching or self.carbon_budget is None:
            return np.ones(members.size, dtype=bool)
        stock = self.stock
        output = stock.capacity * stock.active * self.utilisation[stock.region]
        intensity = self.econ.scope12[i]
        excess = float((output * intensity[stock.region, stock.technology]).sum()
                       - self.carbon_budget[i])
        regions, current = stock.region[members], stock.technology[members]
        cut = output[members] * (intensity[regions, current] - intensity[regions, choice])
        order = self.rng.permutation(np.flatnonzero(choice != current))
        cut_before = np.cumsum(cut[order]) - cut[order]
        allowed = choice == current
        allowed[order[cut_before < excess]] = True
        return allowed

    def _transitional(self, i: int, year: int) -> None:
        """Retrofits within the same furnace between main cycles (one per cycle)."""
        stock = self.stock
        options = self.inputs.transitional_switch[np.maximum(stock.technology, 0)]
        in_window = ((year >= stock.last_investment + _WINDOW_AFTER_CYCLE)
                     & (year < stock.next_cycle - _WINDOW_BEFORE_CYCLE))
        members = np.flatnonzero(stock.active & ~stock.retrofitted & in_window
                                 & options.any(axis=1) & (stock.last_investment < year))
        if members.size == 0:
            return
        current = stock.technology[members]
        regions = stock.region[members]
        allowed = self.inputs.transitional_switch[current] & self._usable(i, regions)
        allowed[np.arange(members.size), current] = True
        green = self.inputs.greenfield_capex[i][regions]  # (n, T)
        retrofit = green - green[np.arange(members.size), current][:, None]
        tco = (retrofit + self.econ.discounted_opex[i][regions]) / self.econ.discount_weight
        choice = self._decide(i, members, allowed, tco)
        moved = (choice != current) & self._within_budget(members, choice)
        self._apply(i, members[moved], choice[moved],
                    np.maximum(retrofit[moved, choice[moved]], 0.0), TRANSITIONAL)
        stock.retrofitted[members[moved]] = True
        stock.last_investment[members[moved]] = year

    def _enforce_limits(self, i: int, year: int) -> None:
        """Move the biggest users off a resource whose cap fell below what is already used.

        Decisions never raise use above a cap, but a cap can shrink (e.g. biomass for steel
        falls to zero by 2050): then the largest users re-decide early, barred from every
        technology that uses the resource; being forced, they may take any available
        technology of the same or a later phase.
        """
        stock = self.stock
        everyone = np.flatnonzero(stock.active)
        enforced = self.inputs.enforced
        for limit in self._limits(i, everyone):
            if limit.name not in enforced:
                continue
            over = -limit.headroom
            if not (over > ROUNDING).any():
                continue
            current_use = limit.use[np.arange(everyone.size), stock.technology[everyone]]
            order = np.lexsort((-current_use, limit.group))
            order = order[(current_use[order] > ROUNDING) & (over[limit.group[order]] > ROUNDING)]
            moving = order[take_until(limit.group[order], current_use[order], over)]
            members = everyone[moving]
            if members.size == 0:
                continue
            current = stock.technology[members]
            uses = self.inputs.limit_use[limit.name][i][stock.region[members]] > NONZERO
            usable = self._usable(i, stock.region[members]) & ~uses
            allowed = self.inputs.main_switch[current] & usable
            # only if the declared moves offer no way off the resource: any later-phase technology
            phase = self.inputs.phase
            stuck = ~allowed.any(axis=1)
            allowed[stuck] = (phase[None, :] >= phase[current[stuck], None]) & usable[stuck]
            has_option = allowed.any(axis=1)
            members, current, allowed = members[has_option], current[has_option], \
                allowed[has_option]
            tco = self.econ.tco(self.inputs, i)[stock.region[members], current]
            choice = self._decide(i, members, allowed, tco, ramp=False)
            capex = self.econ.switch_capex(self.inputs, i)[stock.region[members], current, choice]
            self._apply(i, members, choice, capex, MAIN)
            self._start_cycle(members, year)

    def _start_cycle(self, members: np.ndarray, year: int) -> None:
        """Members have just made a main investment decision in ``year``."""
        stock = self.stock
        cycle = self.sector.investment_cycle_years
        stock.next_cycle[members] = self._schedule(np.full(members.size, year + cycle))
        stock.last_investment[members] = year
        stock.retrofitted[members] = False

    def _asset_production(self, regional: np.ndarray) -> np.ndarray:
        capacity = self.stock.regional_capacity(regional.size)
        self.utilisation = np.where(capacity > 0, regional / np.maximum(capacity, NONZERO), 0.0)
        return self.stock.capacity * self.stock.active * self.utilisation[self.stock.region]

    # -- carbon budget ---------------------------------------------------------------------------
    def _enforce_budget(self, i: int, year: int, output: np.ndarray) -> None:
        """Pull forward the cheapest abatement (USD per t CO2) until emissions fit the budget.

        Rounds repeat while a gap remains and some asset not yet invested this year can still
        cut its emissions (a resource cap may stop an asset reaching its cleanest option).
        """
        assert self.carbon_budget is not None
        stock = self.stock
        intensity = self.econ.scope12[i]
        budget = float(self.carbon_budget[i])
        for _ in range(len(self.inputs.technologies)):
            gap = float((output * intensity[stock.region, stock.technology]).sum()) - budget
            candidates = np.flatnonzero(stock.active & (stock.last_investment < year)
                                        & (output > 0))
            if gap <= ROUNDING or candidates.size == 0 or not self._abate(i, year, output,
                                                                       candidates, gap):
                return

    def _abate(self, i: int, year: int, output: np.ndarray, candidates: np.ndarray,
               gap: float) -> bool:
        """One round of pulled-forward switches, cheapest abatement first; False if none."""
        stock = self.stock
        intensity = self.econ.scope12[i]
        current = stock.technology[candidates]
        regions = stock.region[candidates]
        rows = np.arange(candidates.size)
        allowed = self.inputs.main_switch[current] & self._usable(i, regions)
        options = np.where(allowed, intensity[regions], np.inf)
        best = np.argmin(options, axis=1)
        cut = intensity[regions, current] - options[rows, best]
        useful = cut > AMOUNT
        if not useful.any():
            return False
        tco = self.econ.tco(self.inputs, i)[regions, current]
        unit_cost = np.where(useful, (tco[rows, best] - tco[rows, current])
                             / np.maximum(cut, AMOUNT), np.inf)
        order = np.argsort(unit_cost, kind="stable")
        order = order[useful[order]]
        cumulative = np.cumsum((output[candidates] * cut)[order])
        take = order[: int(np.searchsorted(cumulative, gap)) + 1]
        members = candidates[take]
        choice = self._decide(i, members, allowed[take], tco[take], banded=False,
                              weights=FASTEST_ABATEMENT_WEIGHTS)
        capex = self.econ.switch_capex(self.inputs, i)[regions[take], current[take], choice]
        self._apply(i, members, choice, capex, MAIN)
        self._start_cycle(members, year)
        return True

    # -- bookkeeping -----------------------------------------------------------------------------
    def _record(self, i: int, output: np.ndarray, demand: np.ndarray) -> None:
        stock = self.stock
        n_regions, n_techs = self.capacity.shape[1:]
        cells = stock.region * n_techs + stock.technology
        production = np.bincount(cells, weights=output, minlength=n_regions * n_techs)
        production = production.reshape(n_regions, n_techs)
        self.capacity[i] = stock.capacity_by(n_regions, n_techs)
        self.production[i] = production
        self.emissions[:, i] = production[None] * self.econ.emissions[:, i]
        self.use[i] = production[:, :, None] * self.inputs.intensity[i]
        self.demand[i] = demand
        per_asset = self.econ.emissions[0, i][stock.region, stock.technology]
        self.asset_scope1[i] = float((output * per_asset).sum())

    def trajectory(self) -> Trajectory:
        return Trajectory(self.inputs, self.econ, self.capacity, self.production, self.emissions,
                          self.use, self.investment, self.demand, self.switches, self.stock,
                          self.asset_scope1, self.carbon_budget, self.bound)


def budget_path(first: float, total: float, n_years: int) -> np.ndarray:
    """Annual limits falling linearly from ``first`` that add up to ``total`` (same unit).

    If a straight line to the last year would need to end below zero, the line reaches zero
    earlier (after about 2 x total / first years) and stays there; the years after the first
    are then scaled so that the sum is exact.
    """
    if total <= first:
        raise InputError("scenario", "constraints.carbon_budget_total",
                         f"{total / 1000:g} Gt is no more than the first year's emissions alone "
                         f"({first:,.0f} Mt CO2): the whole budget is spent in one year",
                         allowed=f"more than {first / 1000:.2f} Gt")
    end = 2.0 * total / n_years - first
    if end >= 0:
        return np.linspace(first, end, n_years)
    years_to_zero = 2.0 * total / first
    path = np.maximum(first * (1.0 - np.arange(n_years) / years_to_zero), 0.0)
    path[1:] *= max(total - first, 0.0) / path[1:].sum()
    return path


def simulate(inputs: ModelInputs, progress: Callable[[int], None] | None = None) -> Trajectory:
    """Run the sector from the first to the last year; ``progress(year)`` after each year."""
    run = _Run(inputs)
    for i, year in enumerate(inputs.years):
        run.step(i)
        if progress is not None:
            progress(int(year))
    return run.trajectory()

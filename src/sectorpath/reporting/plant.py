"""The report of an industrial (plant-based) run: IAMC blocks, headline figures, charts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sectorpath import end_of_life
from sectorpath.engine.simulate import INVESTMENT_KINDS, Trajectory
from sectorpath.reporting.blocks import Blocks, ChartSpec, CostCurve, Report
from sectorpath.reporting.names import Names
from sectorpath.tolerances import NONZERO

INVESTMENT_UNIT = "billion USD_2020/yr"


def report(t: Trajectory) -> Report:
    """Everything an industrial run reports."""
    names = Names.of(t.inputs.sector)
    blocks = _PlantBlocks(t, names)
    return Report(tuple(blocks.build()), _summary(t, names), _charts(t, names),
                  tuple(t.inputs.technologies), _cost_curve(t, names),
                  extra={"emissions_by_technology": names.emissions_limit})


def low_emission(t: Trajectory) -> np.ndarray:
    """(T,) technologies the sector declares near-zero (low-emission), except those that send
    captured CO2 to use (``Sector.used_co2``): that CO2 is not stored permanently."""
    inputs = t.inputs
    declared = inputs.sector.low_emission_technologies
    near_zero = np.array([tech in declared for tech in inputs.technologies], dtype=bool)
    used = [inputs.commodities.index(c) for c in inputs.sector.used_co2
            if c in inputs.commodities]
    if used:
        near_zero &= ~(inputs.intensity[..., used] > 0).any(axis=(0, 1, 3))
    return near_zero


def world_lcox(t: Trajectory) -> np.ndarray:
    """(Y, T) World LCOX of each technology: production-weighted where it produces, else the
    mean over regions, USD_2020/t."""
    lcox, weights = t.economics.lcox, t.production
    produced = weights.sum(axis=1)
    weighted = (lcox * weights).sum(axis=1) / np.maximum(produced, NONZERO)
    return np.where(produced > 0, weighted, lcox.mean(axis=1))


class _PlantBlocks(Blocks):
    def __init__(self, t: Trajectory, names: Names) -> None:
        super().__init__()
        self.t, self.names = t, names

    def by_technology(self, prefix: str, unit: str, cube: np.ndarray) -> None:
        self.add_children(prefix, unit, cube, self.t.inputs.technologies)

    def build(self) -> list:
        t, n = self.t, self.names
        self.by_technology(n.production, "Mt/yr", t.production)
        self.by_technology(n.capacity, "Mt/yr", t.capacity)
        self.add(n.demand, "Mt/yr", t.demand)
        self.add(n.emissions, "Mt CO2/yr", (t.emissions[0] + t.emissions[1]).sum(axis=2))
        for scope in (1, 2, 3):
            self.by_technology(n.scope(scope), "Mt CO2/yr", t.emissions[scope - 1])
        if t.carbon_budget is not None:
            self.add(n.emissions_limit, "Mt CO2/yr", None, world=t.carbon_budget)
        self._end_of_life()
        self._capture()
        self._energy()
        self._limits()
        self._investment()
        self._costs()
        return self.items

    def _end_of_life(self) -> None:
        """Carbon in products released at end of life, when the scenario counts it."""
        t, n = self.t, self.names
        declared = t.inputs.sector.end_of_life
        if not t.inputs.end_of_life_counted or declared is None:
            return
        assert t.inputs.product_carbon_fate is not None
        carbon = t.use[..., t.inputs.commodities.index(declared.carbon_commodity)].sum(axis=2)
        released = end_of_life.released_co2(carbon, t.inputs.product_carbon_fate)
        self.add(n.end_of_life, "Mt CO2/yr", released)
        self.add(n.emissions_with_end_of_life, "Mt CO2/yr",
                 (t.emissions[0] + t.emissions[1]).sum(axis=2) + released)

    def _capture(self) -> None:
        """Captured CO2 split into what is stored and what is used (sectors that capture)."""
        t, n = self.t, self.names
        stored, used = (self._commodities(t.inputs.sector.stored_co2),
                        self._commodities(t.inputs.sector.used_co2))
        if stored is None and used is None:
            return
        zero = np.zeros(t.use.shape[:2])
        stored, used = (zero if stored is None else stored), (zero if used is None else used)
        self.add(n.carbon_capture, "Mt CO2/yr", stored + used)
        self.add(n.carbon_capture_fate(stored=True), "Mt CO2/yr", stored)
        self.add(n.carbon_capture_fate(stored=False), "Mt CO2/yr", used)

    def _commodities(self, names: tuple[str, ...]) -> np.ndarray | None:
        """(Y, R) use of the named commodities summed, None if the sector has none of them."""
        columns = [self.t.inputs.commodities.index(c) for c in names
                   if c in self.t.inputs.commodities]
        return self.t.use[..., columns].sum(axis=(2, 3)) if columns else None

    def _energy(self) -> None:
        commodities = self.t.inputs.commodities
        use = self.t.use  # (Y, R, T, C)
        sign = {"net": 1.0, "bought": 1.0, "made": -1.0}
        for reported in self.t.inputs.sector.reported:
            total = np.zeros(use.shape[:2])
            for commodity, factor in reported.terms:
                if commodity in commodities:
                    cells = use[..., commodities.index(commodity)] * sign[reported.part]
                    if reported.part != "net":
                        cells = np.maximum(cells, 0.0)
                    total += cells.sum(axis=2) * factor
            self.add(self.names.declared(reported.variable), reported.unit, total)

    def _limits(self) -> None:
        """Each resource cap next to the use it limits (same unit; World: sum of regions)."""
        inputs = self.t.inputs
        for name, cap in inputs.limits.items():
            use = (self.t.production * inputs.limit_use[name]).sum(axis=2)
            title = name.replace("shared:", "Shared ").replace("_", " ").title()
            unit = inputs.limit_units.get(name, "")
            self.add(self.names.resource_limit(title, "Use"), unit, use)
            if cap.shape[1] > 1:
                self.add(self.names.resource_limit(title, "Cap"), unit, cap, unlimited_ok=True)
            else:
                self.add(self.names.resource_limit(title, "Cap"), unit, None, world=cap[:, 0],
                         unlimited_ok=True)

    def _investment(self) -> None:
        t, n = self.t, self.names
        total = t.investment.sum(axis=0)
        self.by_technology(n.investment, INVESTMENT_UNIT, total)
        for k, kind in enumerate(INVESTMENT_KINDS):
            self.add(n.investment_kind(kind.title()), INVESTMENT_UNIT,
                     t.investment[k].sum(axis=2))
        low = low_emission(t)
        self.split_classes(n, INVESTMENT_UNIT, total, low)
        near_zero = t.production[:, :, low].sum(axis=2)
        self.add(n.near_zero_production, "Mt/yr", near_zero)
        size = t.inputs.sector.standard_plant_mt
        if size is not None:
            self.add(n.near_zero_plants, "plants", t.capacity[:, :, low].sum(axis=2) / size)
        self.add_share(n.near_zero_share, near_zero, t.production.sum(axis=2))

    def _costs(self) -> None:
        """LCOX by technology (region values; World = production-weighted mean, else mean)."""
        t, n = self.t, self.names
        lcox, production = t.economics.lcox, t.production
        world = world_lcox(t)
        for k, tech in enumerate(t.inputs.technologies):
            self.add(n.lcox(tech), "USD_2020/t", lcox[:, :, k], world[:, k])
        total = production.sum(axis=2)
        average = (lcox * production).sum(axis=2) / np.maximum(total, NONZERO)
        world_average = ((lcox * production).sum(axis=(1, 2))
                         / np.maximum(total.sum(axis=1), NONZERO))
        self.add(n.average_lcox, "USD_2020/t", average, world_average)


def _summary(t: Trajectory, n: Names) -> dict[str, str]:
    wanted = {
        "Production (Mt)": n.production,
        "Capacity (Mt)": n.capacity,
        "Scope 1 (Mt CO2)": n.scope(1),
        "Scope 2 (Mt CO2)": n.scope(2),
        "Scope 3 (Mt CO2)": n.scope(3),
        "Scope 1+2 (Mt CO2)": n.emissions,
        "Investment (bn USD)": n.investment,
    }
    for reported in t.inputs.sector.reported:
        wanted[f"{reported.short_name} ({reported.unit.split('/')[0]})"] = n.declared(
            reported.variable)
    if t.inputs.end_of_life_counted:
        wanted["End of life (Mt CO2)"] = n.end_of_life
    if any(c in t.inputs.commodities for c in (*t.inputs.sector.stored_co2,
                                                 *t.inputs.sector.used_co2)):
        wanted["CO2 captured (Mt CO2)"] = n.carbon_capture
        wanted["of which stored (Mt CO2)"] = n.carbon_capture_fate(stored=True)
    return wanted


def _charts(t: Trajectory, n: Names) -> dict[str, ChartSpec]:
    label, scenario = n.label, t.inputs.scenario_name
    return {
        "emissions_by_technology": ChartSpec(
            f"{label}: scope 1+2 CO2 by technology ({scenario})",
            (n.scope(1), n.scope(2)), "Mt CO2/yr"),
        "technology_mix": ChartSpec(f"{label}: production by technology ({scenario})",
                                    (n.production,), "Mt/yr",
                                    children=tuple(t.inputs.technologies)),
        "investment": ChartSpec(f"{label}: investment by kind ({scenario})",
                                (n.investment_by_kind,), INVESTMENT_UNIT, "bar",
                                tuple(kind.title() for kind in INVESTMENT_KINDS)),
        "resource_demand": ChartSpec(
            f"{label}: energy and resource demand ({scenario})",
            tuple(n.declared(r.variable) for r in t.inputs.sector.reported), "", "panels"),
    }


def _cost_curve(t: Trajectory, n: Names) -> CostCurve:
    """World LCOX of the technologies the run uses."""
    used = t.production.sum(axis=(0, 1)) > 0
    frame = pd.DataFrame(world_lcox(t)[:, used], index=pd.Index(t.inputs.years, name="year"),
                         columns=[tech for tech, u in zip(t.inputs.technologies, used,
                                                          strict=True) if u])
    return CostCurve(frame, "USD_2020/t", "LCOX of the technologies used",
                     f"LCOX|{n.sector}")


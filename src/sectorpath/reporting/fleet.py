"""The report of a transport (fleet) run: IAMC blocks, headline figures, charts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sectorpath.engine.fleet import INVESTMENT_KINDS, FleetTrajectory
from sectorpath.engine.grouped import one_hot
from sectorpath.policies.apply import RECORD_UNITS
from sectorpath.policies.model import Offsetting
from sectorpath.reporting.blocks import Blocks, ChartSpec, CostCurve, Report
from sectorpath.reporting.names import Names

INVESTMENT_UNIT = "billion USD_2020/yr"


def report(t: FleetTrajectory) -> Report:
    """Everything a fleet run reports."""
    x = t.inputs
    names = Names.of(x.fleet)
    blocks = _FleetBlocks(t, names)
    return Report(tuple(blocks.build()), _summary(t, names), _charts(t, names),
                  (*x.powertrains, *x.fuels), _cost_curve(t, names))


def by_region(t: FleetTrajectory, cube: np.ndarray) -> np.ndarray:
    """(Y, M, N) summed over markets into (Y, R, N)."""
    x = t.inputs
    return np.einsum("ymn,mr->yrn", cube, one_hot(x.market_region, len(x.regions)))


class _FleetBlocks(Blocks):
    def __init__(self, t: FleetTrajectory, names: Names) -> None:
        super().__init__()
        self.t, self.x, self.names = t, t.inputs, names

    def _by_segment(self, cube: np.ndarray) -> np.ndarray:
        """(Y, M, P) into (Y, R, S): summed over powertrains, split by segment."""
        x = self.x
        regions = one_hot(x.market_region, len(x.regions))
        segments = one_hot(x.market_segment, len(x.segments))
        return np.einsum("ym,mr,ms->yrs", cube.sum(axis=2), regions, segments)

    def build(self) -> list:
        t, x, n = self.t, self.x, self.names
        unit = f"{x.fleet.activity_unit}/yr"
        self.add_children(n.energy_service, unit, self._by_segment(t.activity), x.segments)
        self.add_children(n.activity, unit, by_region(t, t.activity), x.powertrains)
        self.add_children(n.stock, "thousand vehicles", by_region(t, t.vehicles),
                          x.powertrains)
        self.add_children(n.sales, "thousand vehicles/yr", by_region(t, t.sales_vehicles),
                          x.powertrains)
        sold = by_region(t, t.sales_vehicles)
        self.add_share(n.zero_emission_sales_share,
                       sold[:, :, x.zero_emission_powertrain].sum(axis=2), sold.sum(axis=2))
        self._energy_and_emissions()
        investment = by_region(t, t.investment.sum(axis=0))
        self.add_children(n.investment, INVESTMENT_UNIT, investment, x.powertrains)
        for k, kind in enumerate(INVESTMENT_KINDS):
            self.add(n.investment_kind(kind), INVESTMENT_UNIT,
                     by_region(t, t.investment[k]).sum(axis=2))
        self.split_classes(n, INVESTMENT_UNIT, investment, x.zero_emission_powertrain)
        self._policies()
        return self.items

    def _policies(self) -> None:
        """Mandate shortfalls (supply limits), offsets and what policies cost."""
        t, x, n = self.t, self.x, self.names
        if np.any(t.mandate_shortfall > 0):
            self.add_children(n.mandate_shortfall, "PJ/yr", t.mandate_shortfall, x.fuels)
        if not x.policies:
            return
        if any(isinstance(c.policy, Offsetting) for c in x.policies):
            self.add(n.offsets, "Mt CO2/yr", t.offsets)
        costs = {name: np.nan_to_num(rec["cost"]) / 1e3
                 for name, rec in t.compliance.records.items()}
        self.add(n.policy_cost, INVESTMENT_UNIT, None,
                 world=np.sum(list(costs.values()), axis=0) if costs else np.zeros(x.years.size))
        for name, cost in costs.items():
            self.add(n.policy_cost_of(name), INVESTMENT_UNIT, None, world=cost)

    def _energy_and_emissions(self) -> None:
        t, x, n = self.t, self.x, self.names
        fuel = t.fuel_energy  # (Y, R, F)
        self.add_children(n.final_energy, "PJ/yr",
                          fuel @ one_hot(x.fuel_carrier, len(x.carriers)), x.carriers)
        self.add_children(n.fuel_use, "PJ/yr", fuel, x.fuels)
        self.add_share(n.zero_emission_fuel_share, fuel[:, :, x.zero_emission_fuel].sum(axis=2),
                       fuel.sum(axis=2))
        ttw = by_region(t, t.ttw)
        wtt = by_region(t, t.wtt)
        electric = np.array([x.carriers[k] == "electricity" for k in x.powertrain_carrier])
        self.add(n.emissions, "Mt CO2/yr", ttw.sum(axis=2) + wtt[:, :, electric].sum(axis=2))
        self.add_children(n.scope(1), "Mt CO2/yr", ttw, x.powertrains)
        self.add(n.scope(2), "Mt CO2/yr", wtt[:, :, electric].sum(axis=2))
        self.add(n.scope(3), "Mt CO2/yr", wtt[:, :, ~electric].sum(axis=2))
        self.add(n.well_to_wake, "Mt CO2/yr", ttw.sum(axis=2) + wtt.sum(axis=2))
        if x.fleet.non_co2_factor:
            self.add(n.non_co2, "Mt CO2e/yr", ttw.sum(axis=2) * x.fleet.non_co2_factor)


def _summary(t: FleetTrajectory, n: Names) -> dict[str, str]:
    return {
        f"Activity ({t.inputs.fleet.activity_unit})": n.energy_service,
        "Final energy (PJ)": n.final_energy,
        "Scope 1 / tank-to-wake (Mt CO2)": n.scope(1),
        "Well-to-wake (Mt CO2)": n.well_to_wake,
        "Zero-emission fuel share (%)": n.zero_emission_fuel_share,
        "Zero-emission sales share (%)": n.zero_emission_sales_share,
        "Investment (bn USD)": n.investment,
    }


def _charts(t: FleetTrajectory, n: Names) -> dict[str, ChartSpec]:
    label, scenario, unit = n.label, t.inputs.scenario_name, t.inputs.fleet.activity_unit
    return {
        "emissions_by_technology": ChartSpec(
            f"{label}: tank-to-wake CO2 by powertrain ({scenario})", (n.scope(1),),
            "Mt CO2/yr"),
        "technology_mix": ChartSpec(f"{label}: activity by powertrain ({scenario})",
                                    (n.activity,), f"{unit}/yr"),
        "investment": ChartSpec(f"{label}: investment ({scenario})", (n.investment_by_kind,),
                                INVESTMENT_UNIT, "bar", INVESTMENT_KINDS),
        "resource_demand": ChartSpec(f"{label}: energy by fuel ({scenario})", (n.fuel_use,),
                                     "PJ/yr"),
    }


def fuel_cost(t: FleetTrajectory) -> np.ndarray:
    """(Y, R, F) cost of each fuel with the carbon price on its tank-to-wake CO2, USD/GJ."""
    x = t.inputs
    return x.fuel_price + x.carbon_price[:, None, None] * x.ttw


def _cost_curve(t: FleetTrajectory, n: Names) -> CostCurve:
    """World mean cost of each fuel with the carbon price on its tank-to-wake CO2."""
    x = t.inputs
    frame = pd.DataFrame(fuel_cost(t).mean(axis=1), index=pd.Index(x.years, name="year"),
                         columns=x.fuels)
    return CostCurve(frame, "USD/GJ", "fuel cost incl. carbon price",
                     f"Cost|{n.sector}|Fuel incl. Carbon")


def policy_compliance(results: object) -> pd.DataFrame:
    """Each policy of the run by year: target, attained, met, shortfall (with its unit),
    remedial or offset units, surplus units and what was paid (million USD_2020)."""
    t = results.trajectory  # type: ignore[attr-defined]
    x = t.inputs
    rows = []
    for c in x.policies:
        rec = t.compliance.records.get(c.name)
        if rec is None:
            continue
        level_unit, short_unit = RECORD_UNITS[c.policy.kind]
        for i, year in enumerate(x.years):
            if np.isnan(rec["target"][i]):
                continue
            target, attained = float(rec["target"][i]), float(rec["attained"][i])
            met = (attained >= target - 1e-6 if c.policy.kind in ("blend_mandate",
                                                                  "sales_mandate")
                   else attained <= target + 1e-6)
            if c.policy.kind == "offsetting":
                met = True  # offsets bought cover the excess by construction
            rows.append({"policy": c.name, "title": c.policy.title, "year": int(year),
                         "target": target, "attained": attained, "unit": level_unit,
                         "met": bool(met), "shortfall": float(rec["shortfall"][i]),
                         "shortfall_unit": short_unit,
                         "units_bought": float(np.nan_to_num(rec["units"][i])),
                         "surplus_units": float(np.nan_to_num(rec["surplus"][i])),
                         "cost_musd": float(rec["cost"][i])})
    return pd.DataFrame(rows, columns=["policy", "title", "year", "target", "attained", "unit",
                                       "met", "shortfall", "shortfall_unit", "units_bought",
                                       "surplus_units", "cost_musd"])

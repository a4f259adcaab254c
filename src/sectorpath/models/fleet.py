"""The sector model of transport sectors on the fleet engine (vintaged stocks + fuel blends)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath.engine.fleet import FleetTrajectory, simulate_fleet
from sectorpath.fleet_inputs import FleetData, FleetInputs, build_fleet_inputs, load_fleet_data
from sectorpath.models import AlignmentBasis, Catalog, Progress, Slot
from sectorpath.models.declared import DeclaredModel
from sectorpath.models.plant import first_year
from sectorpath.reporting import fleet as fleet_report
from sectorpath.reporting.blocks import Report
from sectorpath.scenarios.model import FleetScenario, ScenarioBase
from sectorpath.sectors.base import Fleet
from sectorpath.tolerances import AMOUNT, NONZERO, ROUNDING

_SCALE = {"billion": 1e9, "million": 1e6, "thousand": 1e3}


@dataclass(frozen=True)
class FleetModel(DeclaredModel):
    """Vehicles by market (segment x region), powertrain and vintage; fuels by carrier."""

    declaration: Fleet
    kind: str = "fleet"
    scenario_type: type[ScenarioBase] = FleetScenario

    @property
    def first_year(self) -> int:
        return self.declaration.first_year

    def describe(self) -> str:
        return f"{self.label}, fleet, activity in {self.declaration.activity_unit}"

    def load(self, data_dir: Path | None = None) -> FleetData:
        return load_fleet_data(self.declaration, data_dir)

    def compile(self, data: FleetData, scenario: ScenarioBase,
                caps: dict[str, np.ndarray] | None = None) -> FleetInputs:
        assert isinstance(scenario, FleetScenario)  # validated against scenario_type on load
        return build_fleet_inputs(data, scenario, caps)

    def simulate(self, inputs: FleetInputs, progress: Progress | None = None
                 ) -> FleetTrajectory:
        return simulate_fleet(inputs, progress)

    def report(self, trajectory: FleetTrajectory) -> Report:
        return fleet_report.report(trajectory)

    def check(self, t: FleetTrajectory) -> list[str]:
        """Sales shares add up to 1 where vehicles are sold, activity is served, energy is
        non-negative."""
        x, problems = t.inputs, []
        shares = t.sales_share.sum(axis=2)
        sold = shares > 0
        if (np.abs(shares[sold] - 1.0) > AMOUNT).any():
            problems.append(f"sales shares add up to {shares[sold].min():.6g} to "
                            f"{shares[sold].max():.6g}, not 1")
        served = t.activity.sum(axis=2)
        short = x.activity - served
        if (short > AMOUNT * np.maximum(x.activity, 1.0)).any():
            y, m = np.unravel_index(int(np.argmax(short)), short.shape)
            problems.append(f"{short[y, m]:,.1f} of {x.activity[y, m]:,.1f} "
                            f"{x.fleet.activity_unit} not served in {x.markets[m]} "
                            f"{x.years[y]} (fixed sales shares that add up to less than 1?)")
        if (t.fuel_energy < -AMOUNT).any():
            problems.append(f"negative fuel energy: {t.fuel_energy.min():.3g} PJ")
        return problems

    def resource_use(self, trajectory: FleetTrajectory, resource: str) -> np.ndarray:
        return self.shared_use(trajectory.fuel_energy.sum(axis=1), trajectory.inputs.fuels,
                               resource)

    def uncertainty_slots(self, inputs: FleetInputs) -> dict[str, Slot]:
        return {"carbon_price": Slot(("carbon_price",), None, ("",)),
                "demand": Slot(("activity",), None, ("",)),
                "price": Slot(("fuel_price",), 2, tuple(inputs.fuels)),
                "capex": Slot(("capex",), 2, tuple(inputs.powertrains)),
                "emission_factor": Slot(("ttw", "wtt"), 2, tuple(inputs.fuels))}

    def with_discount_rate(self, inputs: FleetInputs, rate: float) -> FleetInputs:
        return replace(inputs, discount_rate=rate)

    def for_sweep(self, inputs: FleetInputs) -> FleetInputs:
        return inputs

    def with_caps(self, inputs: FleetInputs, caps: dict[str, np.ndarray]) -> FleetInputs:
        """The caps are rows of ``resource_cap``, one per ``resource_names``."""
        rows = np.array([caps[name] for name in inputs.resource_names], float)
        return replace(inputs, resource_cap=rows.reshape(inputs.resource_cap.shape))

    def catalog(self, data: FleetData) -> Catalog:
        firsts = data.powertrains.groupby("powertrain", sort=False)["available_from"].min()
        return Catalog(tuple((str(f), "USD/GJ") for f in dict.fromkeys(data.fuels["fuel"])),
                       tuple((str(name), int(year)) for name, year in firsts.items()))

    def prices(self, inputs: FleetInputs) -> tuple[np.ndarray, list[str]]:
        return inputs.fuel_price, list(inputs.fuels)

    def parity_years(self, t: FleetTrajectory) -> pd.DataFrame:
        """TCO of each zero-emission powertrain against the market's largest first-year
        powertrain, and the cost of each zero-emission fuel (price + carbon price x
        tank-to-wake) against its carrier's incumbent fuel."""
        x = t.inputs
        rows = []
        incumbent = x.base_activity.argmax(axis=1)
        for m, market in enumerate(x.markets):
            for p in np.flatnonzero(x.zero_emission_powertrain & x.offered[m]):
                rows.append({"sector": self.name, "region": market, "option": x.powertrains[p],
                             "incumbent": x.powertrains[incumbent[m]],
                             "parity_year": first_year(
                                 t.tco[:, m, p] <= t.tco[:, m, incumbent[m]], x.years)})
        cost = fleet_report.fuel_cost(t)
        first = t.fuel_energy[0]  # (R, F)
        for k, carrier in enumerate(x.carriers):
            members = np.flatnonzero(x.fuel_carrier == k)
            for r, region in enumerate(x.regions):
                base = members[first[r, members].argmax()]
                for f in members[x.zero_emission_fuel[members]]:
                    rows.append({"sector": self.name, "region": region,
                                 "option": f"{carrier}: {x.fuels[f]}",
                                 "incumbent": x.fuels[base],
                                 "parity_year": first_year(cost[:, r, f] <= cost[:, r, base],
                                                           x.years)})
        return pd.DataFrame(rows)

    def unit_premium(self, t: FleetTrajectory, year: int,
                     with_carbon_price: bool = True) -> tuple[float, str]:
        """Fuel premium of the cheapest zero-emission fuel of the incumbent's carrier, at the
        fleet's first-year average intensity, USD per activity unit; on fuel prices alone if
        ``with_carbon_price`` is False (the cost gap)."""
        x = t.inputs
        i = int(np.searchsorted(x.years, year))
        cost = (fleet_report.fuel_cost(t) if with_carbon_price else x.fuel_price)[i]  # (R, F)
        unit = f"USD per {x.fleet.activity_unit.split()[-1]}"
        incumbent = int(t.fuel_energy[0].sum(axis=0).argmax())
        same_carrier = x.fuel_carrier == x.fuel_carrier[incumbent]
        clean = np.flatnonzero(x.zero_emission_fuel & same_carrier)
        if clean.size == 0:
            return float("nan"), unit
        extra = float((cost[:, clean].min(axis=1) - cost[:, incumbent]).mean())  # USD/GJ
        intensity = float(t.energy[0].sum() / max(t.activity[0].sum(), NONZERO))  # MJ per unit
        return extra * intensity / 1e3, unit

    def macc(self, t: FleetTrajectory, year: int) -> list[tuple[str, float, float]]:
        """Fuels (well-to-wake, price) and zero-emission powertrains (TCO)."""
        x = t.inputs
        i = int(np.searchsorted(x.years, year))
        factor = x.ttw[i] + x.wtt[i]  # (R, F) t/GJ
        energy = t.fuel_energy[i]
        out = []
        first = t.fuel_energy[0]
        for k, carrier in enumerate(x.carriers):
            members = np.flatnonzero(x.fuel_carrier == k)
            for r in range(len(x.regions)):
                base = members[first[r, members].argmax()]
                for f in members:
                    cut = factor[r, base] - factor[r, f]
                    if f == base or cut <= ROUNDING or energy[r, f] <= 0:
                        continue
                    out.append((f"{carrier}: {x.fuels[f]}", float(energy[r, f] * cut),
                                float((x.fuel_price[i, r, f] - x.fuel_price[i, r, base]) / cut)))
        per_activity = (t.ttw[i] + t.wtt[i]) / np.maximum(t.activity[i], NONZERO)  # kt/M units
        incumbent = x.base_activity.argmax(axis=1)
        for m in range(len(x.markets)):
            base = incumbent[m]
            for p in np.flatnonzero(x.zero_emission_powertrain & (t.activity[i, m] > 0)):
                cut = (per_activity[m, base] - per_activity[m, p]) * 1e-3  # t per unit
                if cut <= 0:
                    continue
                extra = t.tco_excl_carbon[i, m, p] - t.tco_excl_carbon[i, m, base]
                out.append((f"powertrain: {x.powertrains[p]}",
                            float(t.activity[i, m, p] * cut * 1e3), float(extra / cut)))
        return _merge_options(out)

    def alignment_basis(self, t: FleetTrajectory) -> AlignmentBasis:
        """Activity by powertrain; intensity in g CO2 per activity unit."""
        activity = self.declaration.activity_unit  # e.g. "billion tkm"
        scale_word, _, per = activity.partition(" ")
        return AlignmentBasis(self.names.activity,
                              tuple(t.inputs.powertrains), f"{activity}/yr", f"g CO2/{per}",
                              _SCALE[scale_word] * 1e-12, ())


def _merge_options(rows: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Sum abatement of the same option over regions/markets; cost abatement-weighted."""
    merged: dict[str, list[float]] = {}
    for name, abated, cost in rows:
        entry = merged.setdefault(name, [0.0, 0.0])
        entry[0] += abated
        entry[1] += abated * cost
    return [(name, a, c / a) for name, (a, c) in merged.items() if a > 0]

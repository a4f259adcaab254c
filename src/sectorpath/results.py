"""The one result object of a run and its IAMC long table (model, scenario, region, variable,
unit, year, value), written to Parquet and CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath import __version__
from sectorpath.engine.fleet import INVESTMENT_KINDS as FLEET_INVESTMENT_KINDS
from sectorpath.engine.fleet import FleetTrajectory
from sectorpath.engine.grouped import one_hot
from sectorpath.engine.simulate import INVESTMENT_KINDS, Trajectory
from sectorpath.tables import WORLD

IAMC_COLUMNS = ["model", "scenario", "region", "variable", "unit", "year", "value"]
MODEL_NAME = f"sectorpath {__version__}"
SUMMARY_YEARS = (2020, 2030, 2040, 2050)


Block = tuple[str, str, np.ndarray, np.ndarray | None]
"""(variable, unit, values (Y, R), World values (Y,) or None for the sum of regions)."""


@dataclass(frozen=True)
class ChartSpec:
    """A chart drawn from the IAMC table: the World children of ``prefixes`` (summed)."""

    title: str
    prefixes: tuple[str, ...]
    unit: str
    kind: str = "area"  # "area" (stacked), "bar" (stacked) or "panels" (one per unit)
    children: tuple[str, ...] = ()  # keep only these children (empty: all)


@dataclass
class Results:
    """Everything a run produced: raw arrays (``trajectory``) and tidy IAMC views of them."""

    trajectory: Trajectory | FleetTrajectory
    timings: dict[str, float] = field(default_factory=dict)

    @cached_property
    def view(self) -> _IndustryView | _FleetView:
        if isinstance(self.trajectory, FleetTrajectory):
            return _FleetView(self.trajectory)
        return _IndustryView(self.trajectory)

    @property
    def sector(self) -> str:
        return self.view.name

    @property
    def label(self) -> str:
        return self.view.label

    @property
    def scenario(self) -> str:
        return self.trajectory.inputs.scenario.name

    @property
    def years(self) -> np.ndarray:
        return self.trajectory.inputs.years

    @cached_property
    def iamc(self) -> pd.DataFrame:
        """All results as an IAMC long table, regions plus ``World``."""
        return _assemble(self.view.blocks(), self.years, self.trajectory.inputs.regions,
                         self.scenario)

    def world(self, variable: str) -> pd.Series:
        """One variable's World values indexed by year."""
        rows = self.iamc[(self.iamc["region"] == WORLD) & (self.iamc["variable"] == variable)]
        return rows.set_index("year")["value"]

    def summary(self, years: tuple[int, ...] = SUMMARY_YEARS) -> pd.DataFrame:
        """Headline World figures for a few years (see each view's ``summary_variables``)."""
        table = pd.DataFrame({name: self.world(var).reindex(list(years))
                              for name, var in self.view.summary_variables().items()})
        table.index.name = "year"
        return table

    def write(self, out_dir: Path) -> list[Path]:
        """Write the IAMC table as Parquet and CSV; returns the paths written."""
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"{self.sector}_{self.scenario}"
        parquet = out_dir / f"{stem}.parquet"
        csv = out_dir / f"{stem}.csv"
        self.iamc.to_parquet(parquet, index=False)
        self.iamc.to_csv(csv, index=False)
        return [parquet, csv]


class _IndustryView:
    """Names, IAMC blocks, summary and charts of an industrial (plant-based) run."""

    def __init__(self, trajectory: Trajectory) -> None:
        self.t = trajectory
        self.name = trajectory.inputs.sector.name
        self.label = trajectory.inputs.sector.label

    def blocks(self) -> list[Block]:
        return _IamcBuilder(self.t).blocks()

    def summary_variables(self) -> dict[str, str]:
        label = self.label
        wanted = {
            "Production (Mt)": f"Production|{label}",
            "Capacity (Mt)": f"Capacity|{label}",
            "Scope 1 (Mt CO2)": f"Emissions|CO2|{label}|Scope 1",
            "Scope 2 (Mt CO2)": f"Emissions|CO2|{label}|Scope 2",
            "Scope 3 (Mt CO2)": f"Emissions|CO2|{label}|Scope 3",
            "Scope 1+2 (Mt CO2)": f"Emissions|CO2|{label}|Scope 1+2",
            "Investment (bn USD)": f"Investment|{label}",
        }
        for reported in self.t.inputs.sector.reported:
            wanted[f"{reported.short_name} ({reported.unit.split('/')[0]})"] = reported.variable
        return wanted

    def charts(self, scenario: str) -> dict[str, ChartSpec]:
        label = self.label
        scope = f"Emissions|CO2|{label}|Scope"
        return {
            "emissions_by_technology": ChartSpec(
                f"{label}: scope 1+2 CO2 by technology ({scenario})",
                (f"{scope} 1", f"{scope} 2"), "Mt CO2/yr"),
            "technology_mix": ChartSpec(f"{label}: production by technology ({scenario})",
                                        (f"Production|{label}",), "Mt/yr",
                                        children=tuple(self.t.inputs.technologies)),
            "investment": ChartSpec(f"{label}: investment by kind ({scenario})",
                                    (f"Investment|{label}",), "billion USD_2020/yr", "bar",
                                    tuple(kind.title() for kind in INVESTMENT_KINDS)),
            "resource_demand": ChartSpec(
                f"{label}: energy and resource demand ({scenario})",
                tuple(r.variable for r in self.t.inputs.sector.reported), "", "panels"),
        }


class _Blocks:
    """Collects (variable, unit, (Y, R) values, how World aggregates) blocks."""

    def __init__(self) -> None:
        self.items: list[Block] = []

    def add(self, variable: str, unit: str, values: np.ndarray,
            world: np.ndarray | None = None) -> None:
        """``values`` is (Y, R); ``world`` (Y,) overrides the regional sum."""
        self.items.append((variable, unit, values, world))

    def add_children(self, prefix: str, unit: str, cube: np.ndarray, names: list[str]) -> None:
        """Total under ``prefix`` plus one variable per named slice with any non-zero value;
        ``cube`` is (Y, R, N)."""
        self.add(prefix, unit, cube.sum(axis=2))
        for k, name in enumerate(names):
            if np.any(cube[:, :, k]):
                self.add(f"{prefix}|{name}", unit, cube[:, :, k])


class _IamcBuilder(_Blocks):
    """IAMC blocks of an industrial run."""

    def __init__(self, trajectory: Trajectory) -> None:
        super().__init__()
        self.t = trajectory
        self.label = trajectory.inputs.sector.label

    def add_by_technology(self, prefix: str, unit: str, cube: np.ndarray) -> None:
        self.add_children(prefix, unit, cube, self.t.inputs.technologies)

    def blocks(self) -> list[Block]:
        t, label = self.t, self.label
        self.add_by_technology(f"Production|{label}", "Mt/yr", t.production)
        self.add_by_technology(f"Capacity|{label}", "Mt/yr", t.capacity)
        self.add(f"Demand|{label}", "Mt/yr", t.demand)
        for scope in (1, 2, 3):
            self.add_by_technology(f"Emissions|CO2|{label}|Scope {scope}", "Mt CO2/yr",
                                   t.emissions[scope - 1])
        self.add(f"Emissions|CO2|{label}|Scope 1+2", "Mt CO2/yr",
                 (t.emissions[0] + t.emissions[1]).sum(axis=2))
        if t.carbon_budget is not None:
            self.add(f"Emissions Limit|CO2|{label}|Scope 1+2", "Mt CO2/yr",
                     np.full(t.demand.shape, np.nan), world=t.carbon_budget)
        self._energy()
        self._limits()
        self._investment()
        self._costs()
        return self.items

    def _energy(self) -> None:
        commodities = self.t.inputs.commodities
        by_commodity = self.t.use.sum(axis=2)  # (Y, R, C)
        for reported in self.t.inputs.sector.reported:
            total = np.zeros(by_commodity.shape[:2])
            for commodity, factor in reported.terms:
                if commodity in commodities:
                    total += by_commodity[:, :, commodities.index(commodity)] * factor
            self.add(reported.variable, reported.unit, total)

    def _limits(self) -> None:
        """Each resource cap next to the use it limits (same unit; World: sum of regions)."""
        inputs = self.t.inputs
        for name, cap in inputs.limits.items():
            use = (self.t.production * inputs.limit_use[name]).sum(axis=2)
            title = name.replace("shared:", "Shared ").replace("_", " ").title()
            unit = inputs.limit_units.get(name, "")
            self.add(f"Resource Limit|{self.label}|{title}|Use", unit, use)
            if cap.shape[1] > 1:
                self.add(f"Resource Limit|{self.label}|{title}|Cap", unit, cap)
            else:
                self.add(f"Resource Limit|{self.label}|{title}|Cap", unit,
                         np.full(use.shape, np.nan), world=cap[:, 0])

    def _investment(self) -> None:
        total = self.t.investment.sum(axis=0)
        self.add_by_technology(f"Investment|{self.label}", "billion USD_2020/yr", total)
        for k, kind in enumerate(INVESTMENT_KINDS):
            self.add(f"Investment|{self.label}|{kind.title()}", "billion USD_2020/yr",
                     self.t.investment[k].sum(axis=2))
        low = self.low_emission
        _split_low_emission(self, f"Investment|{self.label}", "billion USD_2020/yr", total, low)
        production = self.t.production
        near_zero = production[:, :, low].sum(axis=2)
        self.add(f"Production|{self.label}|Near-Zero", "Mt/yr", near_zero)
        share = 100 * near_zero / np.maximum(production.sum(axis=2), 1e-12)
        world = 100 * near_zero.sum(axis=1) / np.maximum(production.sum(axis=(1, 2)), 1e-12)
        self.add(f"Production Share|{self.label}|Near-Zero", "%", share, world)

    @property
    def low_emission(self) -> np.ndarray:
        """(T,) technologies the sector declares near-zero (low-emission), except those that
        send captured CO2 to use (``used_co2``): that CO2 is not stored permanently."""
        inputs = self.t.inputs
        declared = inputs.sector.low_emission_technologies
        near_zero = np.array([t in declared for t in inputs.technologies], dtype=bool)
        if "used_co2" in inputs.commodities:
            uses = inputs.intensity[..., inputs.commodities.index("used_co2")] > 0
            near_zero &= ~uses.any(axis=(0, 1))
        return near_zero

    def _costs(self) -> None:
        """LCOX by technology (region values; World = production-weighted mean, else mean)."""
        lcox = self.t.economics.lcox
        production = self.t.production
        for k, tech in enumerate(self.t.inputs.technologies):
            weights = production[:, :, k]
            world = np.where(weights.sum(axis=1) > 0,
                             (lcox[:, :, k] * weights).sum(axis=1)
                             / np.maximum(weights.sum(axis=1), 1e-12),
                             lcox[:, :, k].mean(axis=1))
            self.add(f"LCOX|{self.label}|{tech}", "USD_2020/t", lcox[:, :, k], world)
        total = production.sum(axis=2)
        average = (lcox * production).sum(axis=2) / np.maximum(total, 1e-12)
        world = (lcox * production).sum(axis=(1, 2)) / np.maximum(total.sum(axis=1), 1e-12)
        self.add(f"Cost|{self.label}|Average LCOX", "USD_2020/t", average, world)


def _assemble(blocks: list[Block], years: np.ndarray,
              regions: list[str], scenario: str) -> pd.DataFrame:
    n_years = years.size
    if WORLD in regions:  # a sector modelled as one World region has its World rows already
        all_regions = list(regions)
        values = np.stack([data if world is None else np.where(np.isnan(data), world[:, None],
                                                                 data)
                           for _, _, data, world in blocks])
    else:
        all_regions = [*regions, WORLD]
        values = np.stack([
            np.concatenate([data, (data.sum(axis=1) if world is None else world)[:, None]],
                           axis=1)
            for _, _, data, world in blocks
        ])  # (V, Y, R+1)
    n_vars, _, n_regions = values.shape
    frame = pd.DataFrame({
        "model": MODEL_NAME,
        "scenario": scenario,
        "region": np.tile(np.repeat(all_regions, n_years), n_vars),
        "variable": np.repeat([b[0] for b in blocks], n_years * n_regions),
        "unit": np.repeat([b[1] for b in blocks], n_years * n_regions),
        "year": np.tile(years, n_vars * n_regions),
        "value": values.transpose(0, 2, 1).reshape(-1),
    })
    # Caps that do not exist (global caps by region, unlimited years) are left out.
    return frame.loc[np.isfinite(frame["value"].to_numpy()), IAMC_COLUMNS].reset_index(drop=True)


class _FleetView(_Blocks):
    """Names, IAMC blocks, summary and charts of a transport (fleet) run."""

    def __init__(self, trajectory: FleetTrajectory) -> None:
        super().__init__()
        self.t = trajectory
        self.x = trajectory.inputs
        self.name = self.x.fleet.name
        self.label = self.x.fleet.label

    def _by_region(self, cube: np.ndarray) -> np.ndarray:
        """(Y, M, N) summed over markets into (Y, R, N)."""
        return np.einsum("ymn,mr->yrn", cube, one_hot(self.x.market_region, len(self.x.regions)))

    def _by_segment(self, cube: np.ndarray) -> np.ndarray:
        """(Y, M, P) into (Y, R, S): summed over powertrains, split by segment."""
        regions = one_hot(self.x.market_region, len(self.x.regions))
        segments = one_hot(self.x.market_segment, len(self.x.segments))
        return np.einsum("ym,mr,ms->yrs", cube.sum(axis=2), regions, segments)

    def blocks(self) -> list[Block]:
        t, x, label = self.t, self.x, self.label
        unit = f"{x.fleet.activity_unit}/yr"
        self.add_children(f"Energy Service|{label}", unit, self._by_segment(t.activity),
                          x.segments)
        self.add_children(f"Activity|{label}", unit, self._by_region(t.activity), x.powertrains)
        self.add_children(f"Stock|{label}", "thousand vehicles", self._by_region(t.vehicles),
                          x.powertrains)
        self.add_children(f"Sales|{label}", "thousand vehicles/yr",
                          self._by_region(t.sales_vehicles), x.powertrains)
        self._shares()
        self._energy_and_emissions()
        investment = self._by_region(t.investment.sum(axis=0))
        self.add_children(f"Investment|{label}", "billion USD_2020/yr", investment,
                          x.powertrains)
        for k, kind in enumerate(FLEET_INVESTMENT_KINDS):
            self.add(f"Investment|{label}|{kind}", "billion USD_2020/yr",
                     self._by_region(t.investment[k]).sum(axis=2))
        _split_low_emission(self, f"Investment|{label}", "billion USD_2020/yr", investment,
                            x.zero_emission_powertrain)
        return self.items

    def _shares(self) -> None:
        """Sales shares (of new capacity) and the zero-emission share of sales, in %."""
        t, x, label = self.t, self.x, self.label
        sold = self._by_region(t.sales_vehicles)  # (Y, R, P)
        total = sold.sum(axis=2)
        world_total = np.maximum(total.sum(axis=1), 1e-12)
        ze = sold[:, :, x.zero_emission_powertrain].sum(axis=2)
        self.add(f"Sales Share|{label}|Zero-Emission", "%",
                 100 * ze / np.maximum(total, 1e-12), world=100 * ze.sum(axis=1) / world_total)

    def _energy_and_emissions(self) -> None:
        t, x, label = self.t, self.x, self.label
        fuel = t.fuel_energy  # (Y, R, F)
        self.add_children(f"Final Energy|{label}", "PJ/yr",
                          _sum_groups(fuel, x.fuel_carrier, len(x.carriers)), x.carriers)
        self.add_children(f"Fuel Use|{label}", "PJ/yr", fuel, x.fuels)
        ze = fuel[:, :, x.zero_emission_fuel].sum(axis=2)
        total = fuel.sum(axis=2)
        self.add(f"Fuel Share|{label}|Zero-Emission", "%", 100 * ze / np.maximum(total, 1e-12),
                 world=100 * ze.sum(axis=1) / np.maximum(total.sum(axis=1), 1e-12))
        ttw = self._by_region(t.ttw)
        wtt = self._by_region(t.wtt)
        electric = np.array([x.carriers[k] == "electricity" for k in x.powertrain_carrier])
        self.add_children(f"Emissions|CO2|{label}|Scope 1", "Mt CO2/yr", ttw, x.powertrains)
        self.add(f"Emissions|CO2|{label}|Scope 2", "Mt CO2/yr", wtt[:, :, electric].sum(axis=2))
        self.add(f"Emissions|CO2|{label}|Scope 3", "Mt CO2/yr", wtt[:, :, ~electric].sum(axis=2))
        self.add(f"Emissions|CO2|{label}|Scope 1+2", "Mt CO2/yr",
                 ttw.sum(axis=2) + wtt[:, :, electric].sum(axis=2))
        self.add(f"Emissions|CO2|{label}|Well-to-Wake", "Mt CO2/yr",
                 ttw.sum(axis=2) + wtt.sum(axis=2))
        if x.fleet.non_co2_factor:
            self.add(f"Emissions|CO2e|{label}|Non-CO2", "Mt CO2e/yr",
                     ttw.sum(axis=2) * x.fleet.non_co2_factor)

    def summary_variables(self) -> dict[str, str]:
        label, unit = self.label, self.x.fleet.activity_unit
        return {
            f"Activity ({unit})": f"Energy Service|{label}",
            "Final energy (PJ)": f"Final Energy|{label}",
            "Scope 1 / tank-to-wake (Mt CO2)": f"Emissions|CO2|{label}|Scope 1",
            "Well-to-wake (Mt CO2)": f"Emissions|CO2|{label}|Well-to-Wake",
            "Zero-emission fuel share (%)": f"Fuel Share|{label}|Zero-Emission",
            "Zero-emission sales share (%)": f"Sales Share|{label}|Zero-Emission",
            "Investment (bn USD)": f"Investment|{label}",
        }

    def charts(self, scenario: str) -> dict[str, ChartSpec]:
        label, unit = self.label, self.x.fleet.activity_unit
        return {
            "emissions_by_technology": ChartSpec(
                f"{label}: tank-to-wake CO2 by powertrain ({scenario})",
                (f"Emissions|CO2|{label}|Scope 1",), "Mt CO2/yr"),
            "technology_mix": ChartSpec(f"{label}: activity by powertrain ({scenario})",
                                        (f"Activity|{label}",), f"{unit}/yr"),
            "investment": ChartSpec(f"{label}: investment ({scenario})", (f"Investment|{label}",),
                                    "billion USD_2020/yr", "bar", FLEET_INVESTMENT_KINDS),
            "resource_demand": ChartSpec(f"{label}: energy by fuel ({scenario})",
                                         (f"Fuel Use|{label}",), "PJ/yr"),
        }


def _split_low_emission(blocks: _Blocks, prefix: str, unit: str, cube: np.ndarray,
                        low: np.ndarray) -> None:
    """``prefix|Low-Emission`` and ``prefix|Conventional`` from a (Y, R, N) cube."""
    blocks.add(f"{prefix}|Low-Emission", unit, cube[:, :, low].sum(axis=2))
    blocks.add(f"{prefix}|Conventional", unit, cube[:, :, ~low].sum(axis=2))


def _sum_groups(cube: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """(..., N) summed into (..., n_groups) by ``group`` (N,)."""
    return cube @ one_hot(group, n_groups)

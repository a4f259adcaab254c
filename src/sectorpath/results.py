"""The one result object of a run and its IAMC long table (model, scenario, region, variable,
unit, year, value), written to Parquet and CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from sectorpath import __version__
from sectorpath.engine.simulate import INVESTMENT_KINDS, Trajectory
from sectorpath.tables import WORLD

IAMC_COLUMNS = ["model", "scenario", "region", "variable", "unit", "year", "value"]
MODEL_NAME = f"sectorpath {__version__}"
SUMMARY_YEARS = (2020, 2030, 2040, 2050)


@dataclass
class Results:
    """Everything a run produced: raw arrays (``trajectory``) and tidy IAMC views of them."""

    trajectory: Trajectory
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def sector(self) -> str:
        return self.trajectory.inputs.sector.name

    @property
    def scenario(self) -> str:
        return self.trajectory.inputs.scenario.name

    @property
    def years(self) -> np.ndarray:
        return self.trajectory.inputs.years

    @cached_property
    def iamc(self) -> pd.DataFrame:
        """All results as an IAMC long table, regions plus ``World``."""
        blocks = _IamcBuilder(self.trajectory).blocks()
        return _assemble(blocks, self.years, self.trajectory.inputs.regions, self.scenario)

    def world(self, variable: str) -> pd.Series:
        """One variable's World values indexed by year."""
        rows = self.iamc[(self.iamc["region"] == WORLD) & (self.iamc["variable"] == variable)]
        return rows.set_index("year")["value"]

    def summary(self, years: tuple[int, ...] = SUMMARY_YEARS) -> pd.DataFrame:
        """Headline World figures for a few years: production, emissions, investment, energy."""
        label = self.trajectory.inputs.sector.label
        wanted = {
            "Production (Mt)": f"Production|{label}",
            "Capacity (Mt)": f"Capacity|{label}",
            "Scope 1 (Mt CO2)": f"Emissions|CO2|{label}|Scope 1",
            "Scope 2 (Mt CO2)": f"Emissions|CO2|{label}|Scope 2",
            "Scope 3 (Mt CO2)": f"Emissions|CO2|{label}|Scope 3",
            "Scope 1+2 (Mt CO2)": f"Emissions|CO2|{label}|Scope 1+2",
            "Investment (bn USD)": f"Investment|{label}",
        }
        for reported in self.trajectory.inputs.sector.reported:
            wanted[f"{reported.short_name} ({reported.unit.split('/')[0]})"] = reported.variable
        table = pd.DataFrame({name: self.world(var).reindex(list(years))
                              for name, var in wanted.items()})
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


class _IamcBuilder:
    """Collects (variable, unit, (Y, R) values, how World aggregates) blocks."""

    def __init__(self, trajectory: Trajectory) -> None:
        self.t = trajectory
        self.label = trajectory.inputs.sector.label
        self.items: list[tuple[str, str, np.ndarray, np.ndarray | None]] = []

    def add(self, variable: str, unit: str, values: np.ndarray,
            world: np.ndarray | None = None) -> None:
        """``values`` is (Y, R); ``world`` (Y,) overrides the regional sum."""
        self.items.append((variable, unit, values, world))

    def add_by_technology(self, prefix: str, unit: str, cube: np.ndarray) -> None:
        """Total under ``prefix`` plus one variable per technology with any non-zero value."""
        self.add(prefix, unit, cube.sum(axis=2))
        for k, tech in enumerate(self.t.inputs.technologies):
            if np.any(cube[:, :, k]):
                self.add(f"{prefix}|{tech}", unit, cube[:, :, k])

    def blocks(self) -> list[tuple[str, str, np.ndarray, np.ndarray | None]]:
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
            title = name.replace("_", " ").title()
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


def _assemble(blocks: list[tuple[str, str, np.ndarray, np.ndarray | None]], years: np.ndarray,
              regions: list[str], scenario: str) -> pd.DataFrame:
    n_years = years.size
    all_regions = [*regions, WORLD]
    values = np.stack([
        np.concatenate([data, (data.sum(axis=1) if world is None else world)[:, None]], axis=1)
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

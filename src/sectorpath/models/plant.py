"""The sector model of industrial (plant-based) sectors on the stock-turnover engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sectorpath.diffusion import binding_limits
from sectorpath.economics import parity_year
from sectorpath.engine.simulate import Trajectory, simulate
from sectorpath.inputs import (
    CO2_ACCOUNTING,
    ModelInputs,
    SectorData,
    build_inputs,
    load_sector_data,
)
from sectorpath.models import AlignmentBasis, Catalog, Progress, Slot
from sectorpath.models.declared import DeclaredModel
from sectorpath.reporting import plant as plant_report
from sectorpath.reporting.blocks import Report
from sectorpath.scenarios.model import PlantScenario, ScenarioBase
from sectorpath.sectors.base import Sector
from sectorpath.tables import FIRST_YEAR
from sectorpath.tolerances import AMOUNT


@dataclass(frozen=True)
class PlantModel(DeclaredModel):
    """Plants by region and technology; decisions at investment cycles (engine/simulate.py)."""

    declaration: Sector
    kind: str = "plant"
    scenario_type: type[ScenarioBase] = PlantScenario
    first_year: int = FIRST_YEAR

    @property
    def reports(self) -> dict[str, Callable[[Any], pd.DataFrame]]:
        """Which ramp-up and resource limits bound (``diffusion.binding_limits``), then the
        sector's own reports."""
        return {"binding_limits": binding_limits, **self.declaration.reports}

    def describe(self) -> str:
        return f"{self.label}, plants, product {self.declaration.product}"

    def load(self, data_dir: Path | None = None) -> SectorData:
        return load_sector_data(self.declaration, data_dir)

    def compile(self, data: SectorData, scenario: ScenarioBase,
                caps: dict[str, np.ndarray] | None = None) -> ModelInputs:
        assert isinstance(scenario, PlantScenario)  # validated against scenario_type on load
        return build_inputs(data, scenario, caps)

    def simulate(self, inputs: ModelInputs, progress: Progress | None = None) -> Trajectory:
        return simulate(inputs, progress)

    def report(self, trajectory: Trajectory) -> Report:
        return plant_report.report(trajectory)

    def check(self, t: Trajectory) -> list[str]:
        """Output non-negative, World output equal to World demand, no asset above its
        utilisation ceiling."""
        years = t.inputs.years
        problems = []
        if (t.production < -AMOUNT).any():
            problems.append(f"negative production: {t.production.min():.3g} Mt")
        made, asked = t.production.sum(axis=(1, 2)), t.demand.sum(axis=1)
        gap = np.abs(made - asked) > AMOUNT * np.maximum(asked, 1.0)
        if gap.any():
            y = int(np.argmax(gap))
            problems.append(f"production {made[y]:,.1f} Mt does not meet demand "
                            f"{asked[y]:,.1f} Mt in {years[y]}")
        over = t.production - t.capacity * self.declaration.utilisation_max
        if (over > AMOUNT * np.maximum(t.capacity, 1.0)).any():
            problems.append(f"production above capacity by up to {over.max():.3g} Mt")
        return problems

    def resource_use(self, trajectory: Trajectory, resource: str) -> np.ndarray:
        return self.shared_use(trajectory.use.sum(axis=(1, 2)), trajectory.inputs.commodities,
                               resource)

    def uncertainty_slots(self, inputs: ModelInputs) -> dict[str, Slot]:
        return {"carbon_price": Slot(("carbon_price",), None, ("",)),
                "demand": Slot(("demand",), None, ("",)),
                "price": Slot(("price",), 2, tuple(inputs.commodities)),
                "capex": Slot(("greenfield_capex", "renewal_capex"), 2,
                              tuple(inputs.technologies)),
                "emission_factor": Slot(("emission_factor",), 3, tuple(inputs.commodities),
                                        excluded=tuple(CO2_ACCOUNTING))}

    def with_discount_rate(self, inputs: ModelInputs, rate: float) -> ModelInputs:
        return replace(inputs, economics=replace(inputs.economics, discount_rate=rate))

    def for_sweep(self, inputs: ModelInputs) -> ModelInputs:
        """The sector's switch-capex rule remembered across a worker's runs."""
        rule = inputs.sector.switch_capex
        if rule is None:
            return inputs
        return replace(inputs, sector=replace(inputs.sector, switch_capex=_Remembered(rule)))

    def with_caps(self, inputs: ModelInputs, caps: dict[str, np.ndarray]) -> ModelInputs:
        """The caps are limits ``shared:<resource>``, (Y, 1)."""
        limits = dict(inputs.limits)
        for name, cap in caps.items():
            limits[f"shared:{name}"] = np.asarray(cap, float)[:, None]
        return replace(inputs, limits=limits)

    def catalog(self, data: SectorData) -> Catalog:
        used = set(data.commodities)
        units = data.prices.drop_duplicates("commodity").set_index("commodity")["unit"]
        firsts = data.technologies.set_index("technology")["available_from"]
        return Catalog(tuple((str(name), str(unit)) for name, unit in units.items()
                             if name in used),
                       tuple((str(name), int(year)) for name, year in firsts.items()))

    def prices(self, inputs: ModelInputs) -> tuple[np.ndarray, list[str]]:
        return inputs.price, list(inputs.commodities)

    def parity_years(self, t: Trajectory) -> pd.DataFrame:
        """LCOX of each near-zero technology against the region's largest 2020 technology."""
        lcox = t.economics.lcox
        incumbent = incumbents(t)
        techs, regions, years = t.inputs.technologies, t.inputs.regions, t.inputs.years
        rows = []
        for k, tech in enumerate(techs):
            if tech not in t.inputs.sector.low_emission_technologies:
                continue
            for r, region in enumerate(regions):
                rows.append({"sector": self.name, "region": region, "option": tech,
                             "incumbent": techs[incumbent[r]],
                             "parity_year": first_year(lcox[:, r, k] <= lcox[:, r, incumbent[r]],
                                                       years)})
        return pd.DataFrame(rows)

    def unit_premium(self, t: Trajectory, year: int,
                     with_carbon_price: bool = True) -> tuple[float, str]:
        """Cheapest near-zero LCOX minus the incumbents', weighted by 2020 regional output;
        without the carbon price's cost if ``with_carbon_price`` is False (the cost gap)."""
        i = int(np.searchsorted(t.inputs.years, year))
        lcox = t.economics.lcox[i]  # (R, T)
        if not with_carbon_price:
            lcox = lcox - t.economics.carbon_cost[i]
        weights = t.production[0].sum(axis=1)
        incumbent = incumbents(t)
        base = float((lcox[np.arange(lcox.shape[0]), incumbent] * weights).sum() / weights.sum())
        low = plant_report.low_emission(t)
        if not low.any():
            return float("nan"), "USD/t"
        clean = float((lcox[:, low].min(axis=1) * weights).sum() / weights.sum())
        return clean - base, "USD/t"

    def macc(self, t: Trajectory, year: int) -> list[tuple[str, float, float]]:
        i = int(np.searchsorted(t.inputs.years, year))
        emissions = t.economics.scope12[i]  # (R, T) t/t
        lcox = t.economics.lcox[i] - t.economics.carbon_cost[i]  # cost before the CO2 price
        production = t.production[i]
        incumbent = incumbents(t)
        rows = np.arange(len(t.inputs.regions))
        cut = emissions[rows, incumbent][:, None] - emissions  # (R, T)
        extra = lcox - lcox[rows, incumbent][:, None]
        out = []
        for k, tech in enumerate(t.inputs.technologies):
            useful = (production[:, k] > 0) & (cut[:, k] > AMOUNT)
            if not useful.any():
                continue
            abated = float((production[useful, k] * cut[useful, k]).sum())
            cost = float((production[useful, k] * extra[useful, k]).sum() / abated)
            out.append((tech, abated, cost))
        return out

    def alignment_basis(self, t: Trajectory) -> AlignmentBasis:
        """Production by technology; scope 1 and 2 by technology add up to its emissions."""
        names = self.names
        return AlignmentBasis(names.production, tuple(t.inputs.technologies), "Mt/yr",
                              "t CO2/t", 1.0, (names.scope(1), names.scope(2)))


def incumbents(t: Trajectory) -> np.ndarray:
    """(R,) each region's largest technology in the first year (World's where it has none)."""
    first = t.production[0]  # (R, T)
    world = first.sum(axis=0).argmax()
    return np.where(first.sum(axis=1) > 0, first.argmax(axis=1), world)


def first_year(cheaper: np.ndarray, years: np.ndarray) -> float:
    """Cost-parity year of one option (``cheaper`` (Y,)), nan if never: see
    ``economics.parity_year``."""
    return float(parity_year(cheaper, years))


class _Remembered:
    """A switch-capex rule (a pure function of one year's greenfield and renewal capex rows)
    remembered across the runs of a worker: samples that leave capex alone reuse it."""

    def __init__(self, rule: Callable[[np.ndarray, np.ndarray, list[str]], np.ndarray],
                 size: int = 4096) -> None:
        self.rule = rule
        self.size = size
        self.known: dict[bytes, np.ndarray] = {}

    def __call__(self, green: np.ndarray, renewal: np.ndarray, techs: list[str]) -> np.ndarray:
        key = green.tobytes() + renewal.tobytes()
        if key not in self.known:
            if len(self.known) >= self.size:
                self.known.clear()
            self.known[key] = self.rule(green, renewal, techs)
        return self.known[key]

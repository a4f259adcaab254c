"""Widgets: a toy sector of its own kind. Output follows demand (Mt/yr); a 'clean' route takes
a share that grows in proportion to the carbon price; the dirty route emits
1 t CO2/t, the clean one nothing. Everything the package asks of a sector is here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from sectorpath.inputs import interpolate_path
from sectorpath.models import AlignmentBasis, Catalog, Progress, Slot
from sectorpath.reporting.blocks import Blocks, ChartSpec, CostCurve, Report
from sectorpath.reporting.names import Names
from sectorpath.scenarios.model import ScenarioBase

HERE = Path(__file__).parent
TECHS = ("dirty", "clean")
YEARS = np.arange(2020, 2051)


class WidgetScenario(ScenarioBase):
    kind: Literal["widget"] = "widget"
    clean_share_at_100: float = Field(0.2, gt=0, lt=1,
                                      description="clean share at 100 USD/t CO2")


@dataclass(frozen=True)
class WidgetInputs:
    scenario_name: str
    years: np.ndarray  # (Y,)
    regions: list[str]
    demand: np.ndarray  # (Y, R) Mt/yr
    carbon_price: np.ndarray  # (Y,) USD/t
    clean_share_at_100: float
    discount_rate: float = 0.07


@dataclass(frozen=True)
class WidgetTrajectory:
    inputs: WidgetInputs
    production: np.ndarray  # (Y, R, T) Mt/yr


@dataclass(frozen=True)
class WidgetModel:
    name: str = "widgets"
    label: str = "Widgets"
    kind: str = "widget"
    first_year: int = 2020
    folder: Path = HERE
    scenario_type: type[ScenarioBase] = WidgetScenario

    @property
    def names(self) -> Names:
        return Names(self.label, "Industry|Widgets", "Widgets")

    @property
    def reports(self) -> dict[str, Callable[[Any], pd.DataFrame]]:
        return {}

    def describe(self) -> str:
        return "Widgets, a toy sector of its own kind"

    def load(self, data_dir: Path | None = None) -> pd.DataFrame:
        return pd.read_csv((data_dir or HERE / "data") / "demand.csv")

    def compile(self, data: pd.DataFrame, scenario: ScenarioBase,
                caps: dict[str, np.ndarray] | None = None) -> WidgetInputs:
        assert isinstance(scenario, WidgetScenario)
        regions = sorted(data["region"].unique())
        demand = np.stack([np.interp(YEARS, rows["year"], rows["value"])
                           for _, rows in data.groupby("region")], axis=1)
        return WidgetInputs(scenario.name, YEARS, regions, demand,
                            interpolate_path(scenario.carbon_price, YEARS),
                            scenario.clean_share_at_100)

    def simulate(self, inputs: WidgetInputs, progress: Progress | None = None
                 ) -> WidgetTrajectory:
        share = np.clip(inputs.clean_share_at_100 * inputs.carbon_price / 100, 0, 1)[:, None]
        production = np.stack([inputs.demand * (1 - share), inputs.demand * share], axis=2)
        return WidgetTrajectory(inputs, production)

    def report(self, t: WidgetTrajectory) -> Report:
        n, blocks = self.names, Blocks()
        blocks.add_children(n.production, "Mt/yr", t.production, list(TECHS))
        emitted = t.production * np.array([1.0, 0.0])
        blocks.add(n.emissions, "Mt CO2/yr", emitted.sum(axis=2))
        blocks.add_children(n.scope(1), "Mt CO2/yr", emitted, list(TECHS))
        blocks.add(n.scope(2), "Mt CO2/yr", np.zeros_like(t.inputs.demand))
        blocks.add(n.investment, "billion USD_2020/yr", t.production[:, :, 1] * 0.01)
        cost = pd.DataFrame({"dirty": 100 + t.inputs.carbon_price, "clean": 150.0},
                            index=pd.Index(t.inputs.years, name="year"))
        return Report(tuple(blocks.items),
                      {"Production (Mt)": n.production, "Scope 1+2 (Mt CO2)": n.emissions},
                      {"emissions_by_technology": ChartSpec("Widgets CO2", (n.scope(1),),
                                                            "Mt CO2/yr"),
                       "technology_mix": ChartSpec("Widgets", (n.production,), "Mt/yr")},
                      TECHS, CostCurve(cost, "USD_2020/t", "cost per t", "Cost|Widgets"))

    def check(self, t: WidgetTrajectory) -> list[str]:
        made = t.production.sum(axis=2)
        return [] if np.allclose(made, t.inputs.demand) else ["output does not meet demand"]

    def resource_use(self, t: WidgetTrajectory, resource: str) -> np.ndarray:
        return np.zeros(t.inputs.years.size)

    def uncertainty_slots(self, inputs: WidgetInputs) -> dict[str, Slot]:
        return {"carbon_price": Slot(("carbon_price",), None, ("",)),
                "demand": Slot(("demand",), None, ("",))}

    def with_discount_rate(self, inputs: WidgetInputs, rate: float) -> WidgetInputs:
        return replace(inputs, discount_rate=rate)

    def for_sweep(self, inputs: WidgetInputs) -> WidgetInputs:
        return inputs

    def with_caps(self, inputs: WidgetInputs, caps: dict[str, np.ndarray]) -> WidgetInputs:
        return inputs

    def catalog(self, data: pd.DataFrame) -> Catalog:
        return Catalog((), tuple((tech, 2020) for tech in TECHS))

    def prices(self, inputs: WidgetInputs) -> tuple[np.ndarray, list[str]]:
        return np.zeros((inputs.years.size, len(inputs.regions), 0)), []

    def parity_years(self, t: WidgetTrajectory) -> pd.DataFrame:
        return pd.DataFrame(columns=["sector", "region", "option", "incumbent", "parity_year"])

    def unit_premium(self, t: WidgetTrajectory, year: int) -> tuple[float, str]:
        return 50.0, "USD/t"

    def macc(self, t: WidgetTrajectory, year: int) -> list[tuple[str, float, float]]:
        return []

    def alignment_basis(self, t: WidgetTrajectory) -> AlignmentBasis:
        return AlignmentBasis(self.names.production, TECHS, "Mt/yr", "t CO2/t", 1.0,
                              (self.names.scope(1),))


MODEL = WidgetModel()

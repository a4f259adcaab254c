"""The sector interface: every call site asks a sector's ``SectorModel`` and nothing else.

A model knows its kind's scenario type, how to load and compile its data into the dense
inputs its engine runs on, how to simulate and how to report. ``PlantModel`` (industrial
plants) and ``FleetModel`` (transport fleets) implement it for the built-in sectors; a sector
of another kind declares ``MODEL`` in its own folder (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from sectorpath.reporting.blocks import Report
from sectorpath.reporting.names import Names
from sectorpath.scenarios.model import ScenarioBase

Progress = Callable[[int], None]
"""Called with each simulated year."""


@dataclass(frozen=True)
class Slot:
    """Where an uncertain target lives in a model's inputs: array fields and the axis of its
    item (``None``: the whole array)."""

    fields: tuple[str, ...]
    axis: int | None
    names: tuple[str, ...]  # labels of that axis ("" for a target without item)
    excluded: tuple[str, ...] = ()  # labels that may not be targeted

    @property
    def allowed(self) -> list[str]:
        return [name for name in self.names if name not in self.excluded]

    def index(self, item: str, ndim: int) -> tuple[Any, ...]:
        """Index selecting ``item`` in an array of ``ndim`` dimensions."""
        if self.axis is None:
            return (Ellipsis,)
        index: list[Any] = [slice(None)] * ndim
        index[self.axis] = self.names.index(item)
        return tuple(index)


@dataclass(frozen=True)
class Catalog:
    """What a user may set for a sector: priced inputs (name, unit) and technologies (name,
    first year available)."""

    commodities: tuple[tuple[str, str], ...]
    technologies: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class AlignmentBasis:
    """How alignment reads a sector's results: the production (or activity) variable whose
    children are technologies, and the units of production and intensity."""

    production_variable: str
    technologies: tuple[str, ...]
    production_unit: str  # e.g. "Mt/yr", "billion tkm/yr"
    intensity_unit: str  # e.g. "t CO2/t", "g CO2/tkm"
    factor: float  # intensity unit x production unit -> Mt CO2
    technology_emissions: tuple[str, ...]
    """Variables whose children by technology add up to each technology's emissions (empty:
    the sector reports none by technology)."""


@runtime_checkable
class SectorModel(Protocol):
    """What every kind of sector offers to the rest of the package."""

    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def names(self) -> Names:
        """The sector's IAMC variable names."""
        ...
    @property
    def first_year(self) -> int: ...
    @property
    def folder(self) -> Path:
        """The sector's folder: declaration, data/ and scenarios/."""
        ...
    @property
    def scenario_type(self) -> type[ScenarioBase]: ...
    @property
    def reports(self) -> dict[str, Callable[[Any], pd.DataFrame]]:
        """Sector-specific tables made from a run's Results (e.g. IMO checkpoints)."""
        ...

    def describe(self) -> str:
        """One line for ``sectorpath sectors``."""
        ...

    def load(self, data_dir: Path | None = None) -> Any:
        """The sector's validated tables (packaged, or ``data_dir``)."""
        ...

    def compile(self, data: Any, scenario: ScenarioBase,
                caps: dict[str, np.ndarray] | None = None) -> Any:
        """Dense inputs of one run; ``caps``: world caps on shared resources (Y,)."""
        ...

    def simulate(self, inputs: Any, progress: Progress | None = None) -> Any:
        """The trajectory of a run; it carries its inputs (``trajectory.inputs``) with
        ``years``, ``regions`` and ``scenario_name``."""
        ...

    def report(self, trajectory: Any) -> Report: ...

    def check(self, trajectory: Any) -> list[str]:
        """Invariants the run broke (empty: none): balances, shares, signs. A run that breaks
        one is stopped (``ResultError``), never written."""
        ...

    def resource_use(self, trajectory: Any, resource: str) -> np.ndarray:
        """(Y,) world use of a shared resource on the trajectory's years, in its unit."""
        ...

    def uncertainty_slots(self, inputs: Any) -> dict[str, Slot]:
        """Targets a sweep may scale or replace (``discount_rate`` apart)."""
        ...

    def with_discount_rate(self, inputs: Any, rate: float) -> Any:
        """``inputs`` with another discount rate (already checked)."""
        ...

    def for_sweep(self, inputs: Any) -> Any:
        """Inputs made cheap to perturb and run many times (e.g. memoised rules)."""
        ...

    def with_caps(self, inputs: Any, caps: dict[str, np.ndarray]) -> Any:
        """``inputs`` compiled with caps on these shared resources, with the caps' values
        replaced (each (Y,) over the inputs' years): a sweep swaps caps without compiling."""
        ...

    def catalog(self, data: Any) -> Catalog: ...

    def prices(self, inputs: Any) -> tuple[np.ndarray, list[str]]:
        """(Y, R, C) prices the user may override and their names."""
        ...

    def parity_years(self, trajectory: Any) -> pd.DataFrame:
        """Cost-parity year of each low-emission option per region (columns sector, region,
        option, incumbent, parity_year)."""
        ...

    def unit_premium(self, trajectory: Any, year: int,
                     with_carbon_price: bool = True) -> tuple[float, str]:
        """World premium of the cheapest low-emission option over the incumbent, and its
        unit (USD/t, USD per activity unit); at zero carbon price if ``with_carbon_price`` is
        False."""
        ...

    def macc(self, trajectory: Any, year: int) -> list[tuple[str, float, float]]:
        """(option, abatement Mt CO2/yr, cost USD/t CO2 before any carbon price)."""
        ...

    def alignment_basis(self, trajectory: Any) -> AlignmentBasis: ...


def get_model(name: str) -> SectorModel:
    """The model of the sector called ``name``."""
    from sectorpath.sectors import sector_module

    return model_of(sector_module(name))


def model_of(module: Any) -> SectorModel:
    """A sector module's ``MODEL``, or the built-in model of its ``SECTOR`` declaration."""
    model = getattr(module, "MODEL", None)
    if model is not None:
        return model
    return model_for(module.SECTOR)


_MODELS: dict[int, SectorModel] = {}


def model_for(declaration: Any) -> SectorModel:
    """The built-in model of a ``Sector`` or ``Fleet`` declaration."""
    from sectorpath.sectors.base import Fleet, Sector

    key = id(declaration)
    if key not in _MODELS:
        if isinstance(declaration, Sector):
            from sectorpath.models.plant import PlantModel

            _MODELS[key] = PlantModel(declaration)
        elif isinstance(declaration, Fleet):
            from sectorpath.models.fleet import FleetModel

            _MODELS[key] = FleetModel(declaration)
        else:
            raise TypeError(f"a sector declares a Sector, a Fleet or a MODEL, not "
                            f"{type(declaration).__name__}")
    return _MODELS[key]

"""Report blocks: one IAMC variable each, as (year, region) arrays, and how World aggregates.

A sector's report is a pure function of its trajectory (``plant.report``, ``fleet.report``)
returning a frozen ``Report``; the IAMC table, the CLI summary, charts, ensembles and the
dashboard all read it, so nothing is computed twice and reading it changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from sectorpath import __version__
from sectorpath.reporting.names import Names
from sectorpath.tables import WORLD
from sectorpath.tolerances import NONZERO

IAMC_COLUMNS = ["model", "scenario", "region", "variable", "unit", "year", "value"]
MODEL_NAME = f"sectorpath {__version__}"


class ResultError(RuntimeError):
    """A run produced a value no physical result can have (NaN, inf): never written."""


@dataclass(frozen=True)
class Block:
    """One variable: ``values`` by (year, region), or None where only World is reported;
    ``world`` (year,) where World is not the sum of regions (shares, means, global caps)."""

    variable: str
    unit: str
    values: np.ndarray | None
    world: np.ndarray | None = None
    unlimited_ok: bool = False
    """True for caps: an infinite value means 'no cap that year' and the row is left out."""

    def world_values(self) -> np.ndarray:
        """(Y,) the World row."""
        if self.world is not None:
            return self.world
        assert self.values is not None
        return self.values.sum(axis=1)


@dataclass(frozen=True)
class ChartSpec:
    """A chart drawn from the IAMC table: the World children of ``prefixes`` (summed)."""

    title: str
    prefixes: tuple[str, ...]
    unit: str
    kind: str = "area"  # "area" (stacked), "bar" (stacked) or "panels" (one per unit)
    children: tuple[str, ...] = ()  # keep only these children (empty: all)


@dataclass(frozen=True)
class CostCurve:
    """World cost of each option by year (year x option), for the dashboard's cost chart."""

    frame: pd.DataFrame
    unit: str
    title: str
    variable_prefix: str


@dataclass(frozen=True)
class Report:
    """Everything a run reports, computed once from its trajectory."""

    blocks: tuple[Block, ...]
    summary: dict[str, str]  # headline name -> variable
    charts: dict[str, ChartSpec]
    series: tuple[str, ...]  # names that keep one colour in every chart (techs, fuels)
    cost_curve: CostCurve | None = None
    extra: dict[str, str] = field(default_factory=dict)  # chart name -> extra IAMC prefix

    @cached_property
    def by_variable(self) -> dict[str, Block]:
        """The blocks by variable name."""
        return {block.variable: block for block in self.blocks}

    def block(self, variable: str) -> Block:
        return self.by_variable[variable]

    def units(self) -> dict[str, str]:
        return {block.variable: block.unit for block in self.blocks}


class Blocks:
    """Collects a report's blocks in order."""

    def __init__(self) -> None:
        self.items: list[Block] = []

    def add(self, variable: str, unit: str, values: np.ndarray | None,
            world: np.ndarray | None = None, unlimited_ok: bool = False) -> None:
        """``values`` is (Y, R) or None (World only); ``world`` (Y,) overrides their sum."""
        self.items.append(Block(variable, unit, values, world, unlimited_ok))

    def add_children(self, prefix: str, unit: str, cube: np.ndarray, names: list[str]) -> None:
        """Total under ``prefix`` plus one variable per named slice with any non-zero value;
        ``cube`` is (Y, R, N)."""
        self.add(prefix, unit, cube.sum(axis=2))
        for k, name in enumerate(names):
            if np.any(cube[:, :, k]):
                self.add(f"{prefix}|{name}", unit, cube[:, :, k])

    def add_share(self, variable: str, part: np.ndarray, whole: np.ndarray) -> None:
        """``part`` as % of ``whole`` (both (Y, R)); World from the summed part and whole."""
        self.add(variable, "%", 100 * part / np.maximum(whole, NONZERO),
                 world=100 * part.sum(axis=1) / np.maximum(whole.sum(axis=1), NONZERO))

    def split_classes(self, names: Names, unit: str, cube: np.ndarray,
                      low: np.ndarray) -> None:
        """Low-emission and conventional parts of a (Y, R, N) investment cube."""
        self.add(names.investment_class(True), unit, cube[:, :, low].sum(axis=2))
        self.add(names.investment_class(False), unit, cube[:, :, ~low].sum(axis=2))


def assemble(blocks: tuple[Block, ...], years: np.ndarray, regions: list[str],
             scenario: str) -> pd.DataFrame:
    """The IAMC long table of ``blocks``: every region, plus World unless the sector is
    modelled as World alone. Raises ResultError on a NaN or an infinite value."""
    world_only = WORLD in regions
    all_regions = list(regions) if world_only else [*regions, WORLD]
    n_years, n_regions = years.size, len(all_regions)
    cubes = []
    for block in blocks:
        cube = np.full((n_years, n_regions), np.nan)
        if block.values is not None:
            cube[:, :len(regions)] = block.values
        if world_only:
            if block.world is not None:
                column = regions.index(WORLD)
                cube[:, column] = np.where(np.isnan(cube[:, column]), block.world,
                                           cube[:, column])
        else:
            cube[:, -1] = block.world_values()
        cubes.append(cube)
    values = np.stack(cubes) if cubes else np.zeros((0, n_years, n_regions))  # (V, Y, R)
    keep = _check_finite(blocks, values, years, all_regions)
    n_vars = len(blocks)
    frame = pd.DataFrame({
        "model": MODEL_NAME,
        "scenario": scenario,
        "region": np.tile(np.repeat(all_regions, n_years), n_vars),
        "variable": np.repeat([b.variable for b in blocks], n_years * n_regions),
        "unit": np.repeat([b.unit for b in blocks], n_years * n_regions),
        "year": np.tile(years, n_vars * n_regions),
        "value": values.transpose(0, 2, 1).reshape(-1),
    })
    return frame.loc[keep.transpose(0, 2, 1).reshape(-1), IAMC_COLUMNS].reset_index(drop=True)


def _check_finite(blocks: tuple[Block, ...], values: np.ndarray, years: np.ndarray,
                  regions: list[str]) -> np.ndarray:
    """(V, Y, R) rows to write: regional rows a block does not report (World-only blocks) and
    unlimited caps are left out; any other NaN or inf stops the run with its place."""
    present = np.ones(values.shape, dtype=bool)
    for v, block in enumerate(blocks):
        if block.values is None:
            present[v, :, :] = False
            present[v, :, regions.index(WORLD)] = True
    finite = np.isfinite(values)
    unlimited = np.isposinf(values) & np.array([b.unlimited_ok for b in blocks])[:, None, None]
    bad = present & ~finite & ~unlimited
    if bad.any():
        v, y, r = (int(i[0]) for i in np.nonzero(bad))
        raise ResultError(f"{blocks[v].variable} is {values[v, y, r]} in {regions[r]} "
                          f"{int(years[y])}: the run produced a value that is not a number; "
                          "check the scenario's inputs for that year")
    return present & finite

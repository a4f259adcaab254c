"""The one result object of a run and its IAMC long table (model, scenario, region, variable,
unit, year, value), written to Parquet and CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sectorpath.models import SectorModel, model_for
from sectorpath.outputs import OutputFolder
from sectorpath.reporting.blocks import IAMC_COLUMNS, MODEL_NAME, ChartSpec, Report, assemble
from sectorpath.reporting.names import Names
from sectorpath.tables import WORLD
from sectorpath.tolerances import AMOUNT

SUMMARY_YEARS = (2020, 2030, 2040, 2050)

__all__ = ["IAMC_COLUMNS", "MODEL_NAME", "SUMMARY_YEARS", "ChartSpec", "Results"]


@dataclass
class Results:
    """Everything a run produced: raw arrays (``trajectory``), its report and IAMC table.

    ``model`` is the sector's model (found from the trajectory's declaration when omitted).
    """

    trajectory: Any
    model: SectorModel = None  # type: ignore[assignment]
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.model is None:
            self.model = model_for(self.trajectory.inputs.declaration)

    @cached_property
    def report(self) -> Report:
        """Blocks, headline variables and chart specs (computed once, never mutated)."""
        return self.model.report(self.trajectory)

    @property
    def sector(self) -> str:
        return self.model.name

    @property
    def label(self) -> str:
        return self.model.label

    @property
    def names(self) -> Names:
        """The sector's IAMC variable names."""
        return self.model.names

    @property
    def scenario(self) -> str:
        return str(self.trajectory.inputs.scenario_name)

    @property
    def years(self) -> np.ndarray:
        return np.asarray(self.trajectory.inputs.years)

    @cached_property
    def iamc(self) -> pd.DataFrame:
        """All results as an IAMC long table, regions plus ``World``."""
        return assemble(self.report.blocks, self.years, list(self.trajectory.inputs.regions),
                        self.scenario)

    def world(self, variable: str, missing_ok: bool = False) -> pd.Series:
        """One variable's World values indexed by year.

        A variable the run does not report raises KeyError (naming close names), so that a
        misspelt or renamed variable never reads as zero; ``missing_ok`` returns an empty
        series instead, for breakdowns a sector may not have.
        """
        block = self.report.by_variable.get(variable)
        if block is None:
            if missing_ok:
                return pd.Series(dtype=float, index=pd.Index([], dtype=int, name="year"),
                                 name="value")
            known = sorted(self.report.by_variable)
            close = get_close_matches(variable, known, n=3, cutoff=0.6)
            raise KeyError(f"{variable!r} is not among the {len(known)} variables of this "
                           f"{self.sector} run" + (f"; close: {close}" if close else ""))
        # read from the report, not the IAMC table (no table is built to read one series);
        # the same values as the table's World rows (an unlimited cap has no row there)
        values = block.world_values()
        keep = np.isfinite(values)
        return pd.Series(values[keep], index=pd.Index(self.years[keep], name="year"),
                         name="value")

    def summary(self, years: tuple[int, ...] = SUMMARY_YEARS) -> pd.DataFrame:
        """Headline World figures for a few years (see the report's ``summary``)."""
        table = pd.DataFrame({name: self.world(var).reindex(list(years))
                              for name, var in self.report.summary.items()})
        table.index.name = "year"
        return table

    def missed_limits(self, tolerance: float = AMOUNT) -> pd.DataFrame:
        """Years in which the run stays above a limit it was given (the annual carbon budget,
        a resource cap), World, with the amount: a limit the engine could not meet is
        reported, never passed over (columns limit, year, limit_value, value, excess, unit)."""
        table = self.iamc[self.iamc["region"] == WORLD]
        wide = table.pivot_table(index="year", columns="variable", values="value")
        units = dict(zip(table["variable"], table["unit"], strict=False))
        pairs = [(self.names.emissions_limit, self.names.emissions)]
        pairs += [(v, v[:-len("Cap")] + "Use") for v in wide.columns
                  if v.startswith("Resource Limit|") and v.endswith("|Cap")]
        frames = []
        for limit, used in pairs:
            if limit not in wide or used not in wide:
                continue
            cap, value = wide[limit].to_numpy(float), wide[used].to_numpy(float)
            over = np.isfinite(cap) & (value - cap > tolerance * np.maximum(1.0, np.abs(cap)))
            frames.append(pd.DataFrame({
                "limit": limit, "year": wide.index.to_numpy(int)[over],
                "limit_value": cap[over], "value": value[over],
                "excess": (value - cap)[over], "unit": units.get(limit, "")}))
        columns = ["limit", "year", "limit_value", "value", "excess", "unit"]
        return (pd.concat(frames, ignore_index=True)[columns] if frames
                else pd.DataFrame(columns=columns))

    def write(self, out_dir: Path, force: bool = False) -> list[Path]:
        """Write the IAMC table as Parquet and CSV (atomically; existing files only with
        ``force``, see ``sectorpath.outputs``); returns the paths written."""
        folder = OutputFolder(out_dir, force)
        stem = f"{self.sector}_{self.scenario}"
        return [folder.frame(self.iamc, f"{stem}.{suffix}") for suffix in ("parquet", "csv")]

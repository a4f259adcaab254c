"""The primary chemicals together: ammonia, methanol and high-value chemicals as ``Chemicals``.

MPP's chemicals sector and the IEA's primary-chemicals milestones (near-zero share 17% in
2030, 39% in 2035, 93% in 2050; CO2 -17% by 2030) cover the three products together, so the
cross-sector run reports their sum and checks those Breakthroughs against it (``sector`` =
``chemicals`` in ``data/breakthroughs.csv``). Production is added in tonnes of each product
(t NH3-eq, t methanol, t HVC), as the IEA adds primary chemicals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sectorpath.reporting.names import Names
from sectorpath.results import Results

NAME = "chemicals"
NAMES = Names("Chemicals", "Industry|Chemicals", "Chemicals")
MEMBERS = ("ammonia", "methanol", "hvc")
#: Variables summed over the members (a name of the Names of each, and its unit). The
#: members' variables are the aggregate's children, so pyam's aggregate check holds.
SUMMED: tuple[tuple[Callable[[Names], str], str], ...] = (
    (lambda n: n.production, "Mt/yr"),
    (lambda n: n.near_zero_production, "Mt/yr"),
    (lambda n: n.emissions, "Mt CO2/yr"),
    (lambda n: n.end_of_life, "Mt CO2/yr"),
)


@dataclass(frozen=True)
class Aggregate:
    """World series of the chemicals aggregate, read as a sector's Results are read by the
    indicators (``label``, ``world(variable)``)."""

    label: str
    names: Names
    series: dict[str, tuple[str, pd.Series]]

    def world(self, variable: str, missing_ok: bool = False) -> pd.Series:
        """One aggregate variable's World values by year (as ``Results.world``)."""
        if variable not in self.series and not missing_ok:
            raise KeyError(f"{variable!r} is not aggregated; aggregated: {sorted(self.series)}")
        return self.series.get(variable, ("", pd.Series(dtype=float)))[1]


def aggregate(runs: dict[str, Results], years: np.ndarray) -> Aggregate | None:
    """The chemicals aggregate of the member sectors that ran (None if none did); a member
    that does not report a variable adds nothing to it."""
    members = [runs[name] for name in MEMBERS if name in runs]
    if not members:
        return None
    out = {}
    for name, unit in SUMMED:
        parts = [r.world(name(r.names), missing_ok=True).reindex(years) for r in members]
        reported = [p for p in parts if p.notna().any()]
        if reported:
            out[name(NAMES)] = (unit, pd.concat(reported, axis=1).fillna(0.0).sum(axis=1))
    production = out[NAMES.production][1]
    near_zero = out[NAMES.near_zero_production][1]
    out[NAMES.near_zero_share] = ("%", 100 * near_zero / production.where(production > 0))
    return Aggregate(NAMES.label, NAMES, out)

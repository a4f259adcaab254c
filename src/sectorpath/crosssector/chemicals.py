"""The primary chemicals together: ammonia, methanol and high-value chemicals as ``Chemicals``.

MPP's chemicals sector and the IEA's primary-chemicals milestones (near-zero share 17% in
2030, 39% in 2035, 93% in 2050; CO2 -17% by 2030) cover the three products together, so the
cross-sector run reports their sum and checks those Breakthroughs against it (``sector`` =
``chemicals`` in ``data/breakthroughs.csv``). Production is added in tonnes of each product
(t NH3-eq, t methanol, t HVC), as the IEA adds primary chemicals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sectorpath.results import Results

NAME = "chemicals"
LABEL = "Chemicals"
MEMBERS = ("ammonia", "methanol", "hvc")
#: Aggregate variable -> member variable (``{label}`` is the member's label), summed.
SUMMED = {
    f"Production|{LABEL}": ("Production|{label}", "Mt/yr"),
    f"Production|{LABEL}|Near-Zero": ("Production|{label}|Near-Zero", "Mt/yr"),
    f"Emissions|CO2|{LABEL}|Scope 1": ("Emissions|CO2|{label}|Scope 1", "Mt CO2/yr"),
    f"Emissions|CO2|{LABEL}|Scope 1+2": ("Emissions|CO2|{label}|Scope 1+2", "Mt CO2/yr"),
    f"Emissions|CO2|{LABEL}|End of Life": ("Emissions|CO2|{label}|End of Life", "Mt CO2/yr"),
}
NEAR_ZERO_SHARE = f"Production Share|{LABEL}|Near-Zero"


@dataclass(frozen=True)
class Aggregate:
    """World series of the chemicals aggregate, read as a sector's Results are read by the
    indicators (``label``, ``world(variable)``)."""

    label: str
    series: dict[str, tuple[str, pd.Series]]

    def world(self, variable: str) -> pd.Series:
        """One aggregate variable's World values by year (empty if not aggregated)."""
        return self.series.get(variable, ("", pd.Series(dtype=float)))[1]


def aggregate(runs: dict[str, Results], years: np.ndarray) -> Aggregate | None:
    """The chemicals aggregate of the member sectors that ran (None if none did); a member
    that does not report a variable adds nothing to it."""
    members = [runs[name] for name in MEMBERS if name in runs]
    if not members:
        return None
    out = {}
    for variable, (pattern, unit) in SUMMED.items():
        parts = [r.world(pattern.format(label=r.label)).reindex(years) for r in members]
        reported = [p for p in parts if p.notna().any()]
        if reported:
            out[variable] = (unit, pd.concat(reported, axis=1).fillna(0.0).sum(axis=1))
    production = out[f"Production|{LABEL}"][1]
    near_zero = out[f"Production|{LABEL}|Near-Zero"][1]
    out[NEAR_ZERO_SHARE] = ("%", 100 * near_zero / production.where(production > 0))
    return Aggregate(LABEL, out)

"""What the built-in models share: a frozen declaration (``Sector`` or ``Fleet``) that names
the sector, its folder, its IAMC paths, its reports and its shared resources."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sectorpath.reporting.names import Names
from sectorpath.sectors.base import Fleet, Sector


@dataclass(frozen=True)
class DeclaredModel:
    """A sector model built on a declaration."""

    declaration: Sector | Fleet

    @property
    def name(self) -> str:
        return self.declaration.name

    @property
    def label(self) -> str:
        return self.declaration.label

    @property
    def names(self) -> Names:
        return Names.of(self.declaration)

    @property
    def folder(self) -> Path:
        return self.declaration.data_dir.parent

    @property
    def reports(self) -> dict[str, Callable[[Any], pd.DataFrame]]:
        return self.declaration.reports

    def shared_use(self, totals: np.ndarray, items: Sequence[str], resource: str) -> np.ndarray:
        """(Y,) use of a shared resource from ``totals`` (Y, N) of ``items`` (commodities or
        fuels): the declared terms' sum of item x factor, in the resource's unit."""
        use = np.zeros(totals.shape[0])
        for item, factor in self.declaration.shared_resources.get(resource, ()):
            if item in items:
                use += totals[:, list(items).index(item)] * factor
        return use

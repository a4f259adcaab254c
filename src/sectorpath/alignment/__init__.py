"""Alignment of companies, their targets and loan portfolios with the sector pathways.

``align(inputs, scenario)`` measures, for every company and portfolio by sector and year: the
Sectoral Decarbonization Approach (SDA) intensity target, the alignment delta of the Poseidon
Principles / Sustainable STEEL Principles, PACTA's technology volumes and mix, and the gap
between the companies' targets and the pathway. Methods and sources: ``docs/alignment.md``.

```python
from sectorpath.alignment import align, example_inputs
result = align(example_inputs(), "net-zero")
result.portfolios        # exposure-weighted alignment by portfolio, sector, method and year
```
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public names and their modules, imported on first use: the command line imports this
#: package to register its commands and must not pay for pandas and the pathways then.
DEFAULT_SCENARIO = "net-zero"
"""The pathway set companies are aligned with unless told otherwise."""

_EXPORTS = {"EXAMPLE": "analysis", "METHODS": "analysis",
            "Alignment": "result", "Inputs": "inputs", "align": "analysis",
            "example_inputs": "analysis", "load_pathways": "pathways",
            "read_inputs": "inputs"}

__all__ = sorted([*_EXPORTS, "DEFAULT_SCENARIO"])


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)

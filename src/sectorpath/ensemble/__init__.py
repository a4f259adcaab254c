"""Uncertainty and scale: Monte Carlo sweeps, Sobol sensitivity, ensembles on local processes
or Dask (docs/ensemble.md).

>>> from sectorpath.ensemble import LocalBackend, Sweep
>>> sweep = Sweep.create("steel", "mine.toml", 1000, Path("sweeps"))  # doctest: +SKIP
>>> with LocalBackend() as backend:                                  # doctest: +SKIP
...     sweep.run(backend)
>>> sweep.summary()                                                  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public names and their modules, imported on first use so that the command line, which
#: imports this package to register ``sweep``, does not pay for the engine of sweeps.
_EXPORTS = {"DaskBackend": "execute", "ExecutorBackend": "execute", "LocalBackend": "execute",
            "make_backend": "execute", "sobol_indices": "sensitivity", "RunReport": "sweep",
            "Sweep": "sweep"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)

"""sectorpath: net-zero transition pathways for the hard-to-abate sectors.

>>> import sectorpath
>>> results = sectorpath.run("steel", "baseline")   # doctest: +SKIP
>>> results.summary()                              # doctest: +SKIP

Importing the package loads nothing of the engine: ``run`` is imported on first use, so the
command line's ``--help`` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "run"]


def __getattr__(name: str) -> Any:
    if name == "run":
        from sectorpath.api import run

        return run
    raise AttributeError(f"module 'sectorpath' has no attribute {name!r}")

"""The sector registry: each sector is a subpackage that declares one ``SECTOR``.

Sectors are imported only when asked for, so a run of one sector loads nothing of the others.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from sectorpath.errors import InputError
from sectorpath.sectors.base import Fleet, Sector

_HERE = Path(__file__).parent


def sector_names() -> list[str]:
    """Names of the sectors that ship a declaration."""
    return sorted(info.name for info in pkgutil.iter_modules([str(_HERE)]) if info.ispkg)


def get_sector(name: str) -> Sector | Fleet:
    """The declared sector called ``name`` (industrial plants or a transport fleet)."""
    if name not in sector_names():
        raise InputError("command line", "sector", f"unknown sector {name!r}",
                         allowed=sector_names())
    module = importlib.import_module(f"sectorpath.sectors.{name}")
    sector: Sector | Fleet = module.SECTOR
    return sector

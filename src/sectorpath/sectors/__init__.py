"""The sector registry: each sector module declares one ``Sector``."""

from __future__ import annotations

from sectorpath.errors import InputError
from sectorpath.sectors.base import Sector
from sectorpath.sectors.steel import STEEL

SECTORS: dict[str, Sector] = {sector.name: sector for sector in (STEEL,)}


def get_sector(name: str) -> Sector:
    """The declared sector called ``name``."""
    if name not in SECTORS:
        raise InputError("command line", "sector", f"unknown sector {name!r}", allowed=SECTORS)
    return SECTORS[name]

"""The sector registry: each sector is one folder (a package) that declares ``SECTOR`` (a
plant ``Sector`` or a transport ``Fleet``) or its own ``MODEL``, with its data/ and
scenarios/ beside it.

The built-in sectors live here; folders named in the environment variable
``SECTORPATH_SECTORS`` (separated like PATH) may add more, one package per sector. Sectors are
imported only when asked for, so a run of one sector loads nothing of the others.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

from sectorpath.errors import InputError

_HERE = Path(__file__).parent
EXTRA_SECTORS_VARIABLE = "SECTORPATH_SECTORS"
_EXTRA_PACKAGE = "sectorpath_extra_sectors"


def _extra_folders() -> list[Path]:
    value = os.environ.get(EXTRA_SECTORS_VARIABLE, "")
    return [Path(part) for part in value.split(os.pathsep) if part]


def _locations() -> dict[str, Path | None]:
    """Sector name -> folder holding its package (None: built in)."""
    found: dict[str, Path | None] = {
        info.name: None for info in pkgutil.iter_modules([str(_HERE)]) if info.ispkg}
    for folder in _extra_folders():
        if not folder.is_dir():
            raise InputError(f"environment variable {EXTRA_SECTORS_VARIABLE}", "folder",
                             f"{folder} is not a folder", allowed="folders of sector packages")
        for info in pkgutil.iter_modules([str(folder)]):
            if info.ispkg:
                found.setdefault(info.name, folder)
    return found


def sector_names() -> list[str]:
    """Names of the sectors that ship a declaration."""
    return sorted(_locations())


def sector_module(name: str) -> ModuleType:
    """The package of the sector called ``name``."""
    locations = _locations()
    if name not in locations:
        raise InputError("command line", "sector", f"unknown sector {name!r}",
                         allowed=sorted(locations))
    folder = locations[name]
    if folder is None:
        return importlib.import_module(f"sectorpath.sectors.{name}")
    module_name = f"{_EXTRA_PACKAGE}.{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            module_name, folder / name / "__init__.py",
            submodule_search_locations=[str(folder / name)])
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


def get_sector(name: str) -> object:
    """The declaration (``SECTOR``) of the sector called ``name``, for reading its data
    folder and rules; everything else goes through ``sectorpath.models.get_model``."""
    return sector_module(name).SECTOR

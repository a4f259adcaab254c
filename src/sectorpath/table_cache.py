"""A cache of validated input tables, so that a table is checked against its schema once,
not on every run.

A table is stored (as Parquet, in the user's cache folder) under a key made of the bytes of
its CSV file, its schema name, the source of ``tables.py`` (where every schema is declared)
and the versions of sectorpath, pandas, pandera and pyarrow. Any change to the file, the
schemas or those libraries therefore misses the cache and validates again; a table that
fails validation is never stored. A cache file that cannot be read is ignored and
replaced. Writes are atomic, so parallel runs (sweep workers) share the cache safely.

``SECTORPATH_CACHE`` chooses the folder; ``SECTORPATH_CACHE=off`` turns the cache off. A
folder that cannot be written to leaves runs as they were, only slower.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import platformdirs
import pyarrow as pa
import pyarrow.parquet as pq

from sectorpath.outputs import atomic_write

ENVIRONMENT = "SECTORPATH_CACHE"
OFF = "off"
MOST_FILES = 2000
"""The cache keeps at most this many tables; the oldest are removed past it."""


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get(ENVIRONMENT, "")
    if chosen.lower() == OFF:
        return None
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("sectorpath")) / "tables"


@cache
def _code_fingerprint() -> bytes:
    """What, besides a file's bytes, decides how it validates."""
    tables_source = (Path(__file__).parent / "tables.py").read_bytes()
    versions = "|".join(version(package)
                        for package in ("sectorpath", "pandas", "pandera", "pyarrow"))
    return hashlib.sha256(tables_source + versions.encode()).digest()


def key(content: bytes, schema_name: str) -> str:
    """The cache key of a table file's ``content`` read as ``schema_name``."""
    digest = hashlib.sha256(_code_fingerprint() + schema_name.encode() + b"\0" + content)
    return f"{schema_name}-{digest.hexdigest()[:40]}"


def load(name: str) -> pd.DataFrame | None:
    """The validated table stored under ``name``, or None if there is none (or it is
    unreadable)."""
    where = folder()
    if where is None:
        return None
    path = where / f"{name}.parquet"
    try:
        return pq.read_table(path).to_pandas()
    except (OSError, pa.ArrowException):
        return None


def store(name: str, frame: pd.DataFrame) -> None:
    """Keep a validated ``frame`` under ``name``; a cache that cannot be written is skipped."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        atomic_write(where / f"{name}.parquet", lambda temporary: frame.to_parquet(temporary))
        _prune(where)
    except OSError:
        return


def _prune(where: Path) -> None:
    """Remove the oldest tables beyond ``MOST_FILES``."""
    files = list(where.glob("*.parquet"))
    if len(files) <= MOST_FILES:
        return
    files.sort(key=lambda path: path.stat().st_mtime)
    for path in files[:len(files) - MOST_FILES]:
        path.unlink(missing_ok=True)

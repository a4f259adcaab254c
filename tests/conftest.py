"""Shared fixtures: one run per built-in steel scenario, reused across tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import sectorpath
from sectorpath.results import Results
from sectorpath.sectors import get_sector
from sectorpath.table_cache import ENVIRONMENT as TABLE_CACHE

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _own_table_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests (and the CLI they start) keep validated tables in a folder of their own, not the
    user's cache."""
    os.environ.setdefault(TABLE_CACHE, str(tmp_path_factory.mktemp("table-cache")))


@pytest.fixture(scope="session")
def steel_baseline() -> Results:
    return sectorpath.run("steel", "baseline")


@pytest.fixture(scope="session")
def steel_runs(steel_baseline: Results) -> dict[str, Results]:
    runs = {"baseline": steel_baseline}
    for name in ("carbon-cost", "fastest-abatement"):
        runs[name] = sectorpath.run("steel", name)
    return runs


def copy_sector_data(sector: str, tmp_path: Path) -> Path:
    """A writable copy of a sector's packaged tables, for bad-input tests."""
    return Path(shutil.copytree(get_sector(sector).data_dir, tmp_path / sector))


@pytest.fixture()
def steel_data_copy(tmp_path: Path) -> Path:
    return copy_sector_data("steel", tmp_path)

"""Every data file the package reads ships with it: ``pip install .`` (the README's first
command) copies only what pyproject.toml's package-data names."""

from __future__ import annotations

import subprocess
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sectorpath"


def test_every_tracked_data_file_is_in_the_package_data() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["sectorpath"]
    tracked = subprocess.run(["git", "ls-files", "src/sectorpath"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
    data = [Path(name).relative_to("src/sectorpath").as_posix() for name in tracked
            if not name.endswith(".py")]
    missing = [name for name in data if not any(fnmatch(name, pattern) and
                                                name.count("/") == pattern.count("/")
                                                for pattern in patterns)]
    assert data and missing == [], missing

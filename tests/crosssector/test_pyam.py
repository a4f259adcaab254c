"""The combined IAMC table loads in pyam unchanged.

pyam (PyPI ``pyam-iamc``) pins its own pandas, so it runs in a separate environment: ``.ci/run``
builds one and points ``SECTORPATH_PYAM_PYTHON`` at its Python; elsewhere this test is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sectorpath.crosssector import run_all

PYAM_PYTHON = os.environ.get("SECTORPATH_PYAM_PYTHON")
CHECK = Path(__file__).resolve().parents[2] / "tools" / "check_pyam.py"


@pytest.mark.skipif(not PYAM_PYTHON, reason="SECTORPATH_PYAM_PYTHON is not set to a Python "
                    "with pyam-iamc installed (.ci/run sets one up)")
def test_combined_table_loads_in_pyam(tmp_path: Path) -> None:
    written = run_all("baseline").write(tmp_path)
    csv = next(p for p in written if p.name == "all_baseline.csv")
    done = subprocess.run([PYAM_PYTHON or sys.executable, str(CHECK), str(csv)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "rows" in done.stdout and "['baseline']" in done.stdout

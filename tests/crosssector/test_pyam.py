"""The combined IAMC table loads in pyam unchanged (pyam is in the test environment; the
check runs as ``tools/check_pyam.py`` would for a user, in a fresh process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sectorpath.crosssector import run_all

CHECK = Path(__file__).resolve().parents[2] / "tools" / "check_pyam.py"


def test_combined_table_loads_in_pyam(tmp_path: Path) -> None:
    written = run_all("baseline").write(tmp_path)
    csv = next(p for p in written if p.name == "all_baseline.csv")
    done = subprocess.run([sys.executable, str(CHECK), str(csv)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "rows" in done.stdout and "['baseline']" in done.stdout

"""Load an IAMC CSV written by sectorpath into pyam, unchanged, and print what it holds.

``pyam-iamc`` is part of the test extra (``pip install -e ".[test]"``):
``python tools/check_pyam.py results/all_baseline.csv``. Exits non-zero if pyam refuses the
table or loses rows.
"""

from __future__ import annotations

import sys

import pandas as pd
import pyam


def main(path: str) -> None:
    raw = pd.read_csv(path)
    frame = pyam.IamDataFrame(path)
    rows = len(frame.data)
    print(f"pyam {pyam.__version__}: {rows} rows, {len(frame.variable)} variables, "
          f"{len(frame.region)} regions, scenarios {frame.scenario}")
    if rows != len(raw.dropna(subset=["value"])):
        sys.exit(f"pyam kept {rows} of {len(raw)} rows")


if __name__ == "__main__":
    main(sys.argv[1])

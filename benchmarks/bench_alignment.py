"""Speed of ``sectorpath align`` on a large loan book (target: 100,000 loans in under 5 s).

Usage: ``python benchmarks/bench_alignment.py [--loans 100000] [--copies 60] [--repeat 5]
[--method pacta|sbti]``

The packaged synthetic example (49 companies) is copied ``--copies`` times under new ids with
intensities scattered by ±10% (60 copies: 2,940 companies, 53,760 company rows, 2,340
targets), and ``--loans`` loans are drawn over them in three portfolios (1% to counterparties
without company data). Reported medians over repeats:

- read: reading and validating the loan book alone (CSV, then Parquet);
- align: ``align()`` on validated inputs with the pathways already run;
- total: read and validate all three inputs, run the sector pathways and align;
- cli: ``sectorpath align`` in a fresh process (import, all of the above, writing the tables
  and charts).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd

from sectorpath.alignment import DEFAULT_SCENARIO, EXAMPLE, align
from sectorpath.alignment.inputs import read_input, read_inputs
from sectorpath.alignment.pathways import load_pathways


def make_book(folder: Path, loans: int, copies: int, seed: int = 7) -> dict[str, Path]:
    """Write the scaled companies, targets and loan book (CSV, loans also as Parquet)."""
    rng = np.random.default_rng(seed)
    companies = pd.read_csv(EXAMPLE / "companies.csv")
    targets = pd.read_csv(EXAMPLE / "targets.csv", dtype={"scope": str})
    big = pd.concat([companies.assign(company_id=companies["company_id"] + f"-{k:03d}")
                     for k in range(copies)], ignore_index=True)
    big["emission_intensity"] *= rng.uniform(0.9, 1.1, len(big))
    all_targets = pd.concat([targets.assign(company_id=targets["company_id"] + f"-{k:03d}")
                             for k in range(copies)], ignore_index=True)
    pairs = big[["company_id", "sector"]].drop_duplicates().to_numpy()
    pick = pairs[rng.integers(0, len(pairs), loans)]
    counterparty = np.where(rng.random(loans) < 0.01, "UNMATCHED", pick[:, 0])
    book = pd.DataFrame({"loan_id": [f"L{i:07d}" for i in range(loans)],
                         "portfolio": rng.choice(["Corporate", "Project", "Trade"], loans),
                         "counterparty": counterparty, "sector": pick[:, 1],
                         "exposure": rng.lognormal(2.0, 1.2, loans).round(3)})
    paths = {"companies": folder / "companies.csv", "targets": folder / "targets.csv",
             "portfolio": folder / "portfolio.csv",
             "portfolio_parquet": folder / "portfolio.parquet"}
    big.to_csv(paths["companies"], index=False)
    all_targets.to_csv(paths["targets"], index=False)
    book.to_csv(paths["portfolio"], index=False)
    book.to_parquet(paths["portfolio_parquet"], index=False)
    return paths


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = perf_counter()
        action()
        times.append(perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--method", default="pacta", choices=["pacta", "sbti"])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_book(Path(tmp), args.loans, args.copies)
        inputs = read_inputs(paths["portfolio"], paths["companies"], paths["targets"])
        sectors = {*inputs.portfolio["sector"], *inputs.companies["sector"]}
        pathways = load_pathways(DEFAULT_SCENARIO, sectors)
        align(inputs, pathways=pathways, method=args.method)  # warm-up
        figures = {
            "loans": len(inputs.portfolio),
            "companies": int(inputs.companies["company_id"].nunique()),
            "company_rows": len(inputs.companies),
            "targets": len(inputs.targets) if inputs.targets is not None else 0,
            "machine": f"{platform.machine()}, Python {platform.python_version()}, "
                       f"{os.cpu_count()} cores",
            "read_portfolio_csv_s": median_seconds(
                lambda: read_input(paths["portfolio"], "portfolio"), args.repeat),
            "read_portfolio_parquet_s": median_seconds(
                lambda: read_input(paths["portfolio_parquet"], "portfolio"), args.repeat),
            "align_s": median_seconds(lambda: align(inputs, pathways=pathways,
                                                    method=args.method), args.repeat),
            "total_s": median_seconds(lambda: align(read_inputs(
                paths["portfolio"], paths["companies"], paths["targets"]),
                method=args.method), args.repeat),
            "cli_s": median_seconds(lambda: subprocess.run(
                [sys.executable, "-m", "sectorpath", "align", "--portfolio",
                 str(paths["portfolio"]), "--method", args.method, "--out",
                 str(Path(tmp) / "out")],
                check=True, capture_output=True), max(1, args.repeat // 2)),
        }
    for key, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else value
        print(f"{key:>26}: {shown}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

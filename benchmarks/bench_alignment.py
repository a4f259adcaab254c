"""Speed of ``sectorpath align`` and ``sectorpath match`` on large loan books, end to end from
the command line, as ratios against the targets: 100,000 loans in under 5 s and 1,000,000
in under 60 s, with bounded memory.

Usage: ``python benchmarks/bench_alignment.py [--loans 100000 1000000] [--copies 60]
[--methods pacta sbti] [--match-loans 100000] [--json FILE]``

The packaged synthetic example (49 companies) is copied ``--copies`` times under new ids with
intensities scattered by ±10% (60 copies: 2,940 companies, 55,680 company rows), and each
loan book draws its loans over them in three portfolios (1% to counterparties without company
data). Each case runs ``sectorpath`` in a fresh process (import, read and validate the
inputs, run the sector pathways, align, write the tables and charts) and reports its wall
time, its CPU time (user + system: the fairer figure on a shared machine) and its peak
memory (maximum resident set size). The matching case writes a raw loan book whose borrower
names are the companies' names, one in five misspelt and one in four a subsidiary with the
company as its ultimate parent, and runs ``sectorpath match`` on it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd

from sectorpath.alignment import EXAMPLE

#: Target seconds per loan count (the issue's acceptance line).
TARGETS = {100_000: 5.0, 1_000_000: 60.0}


def make_companies(folder: Path, copies: int, seed: int = 7) -> dict[str, Path]:
    """Write the scaled companies (with a ``name`` for matching) and targets."""
    rng = np.random.default_rng(seed)
    companies = pd.read_csv(EXAMPLE / "companies.csv")
    targets = pd.read_csv(EXAMPLE / "targets.csv", dtype={"scope": str})
    big = pd.concat([companies.assign(company_id=companies["company_id"] + f"-{k:03d}")
                     for k in range(copies)], ignore_index=True)
    big["emission_intensity"] *= rng.uniform(0.9, 1.1, len(big))
    # Names of two random seven-letter words: as far apart as real names usually are (ids
    # differing in one digit would make every company a candidate for every other).
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = ["".join(w).title() for w in rng.choice(letters, (2 * big["company_id"].nunique(), 7))]
    named = dict(zip(big["company_id"].unique(),
                     (f"{a} {b} Limited" for a, b in zip(words[::2], words[1::2], strict=True)),
                     strict=True))
    big["name"] = big["company_id"].map(named)
    all_targets = pd.concat([targets.assign(company_id=targets["company_id"] + f"-{k:03d}")
                             for k in range(copies)], ignore_index=True)
    paths = {"companies": folder / "companies.csv", "targets": folder / "targets.csv"}
    big.to_csv(paths["companies"], index=False)
    all_targets.to_csv(paths["targets"], index=False)
    return paths


def make_book(folder: Path, companies: Path, loans: int, seed: int = 7) -> Path:
    """Write a loan book of ``loans`` loans over the companies (``portfolio.csv``)."""
    rng = np.random.default_rng(seed)
    pairs = pd.read_csv(companies)[["company_id", "sector"]].drop_duplicates().to_numpy()
    pick = pairs[rng.integers(0, len(pairs), loans)]
    counterparty = np.where(rng.random(loans) < 0.01, "UNMATCHED", pick[:, 0])
    book = pd.DataFrame({"loan_id": pd.RangeIndex(loans).map("L{:08d}".format),
                         "portfolio": rng.choice(["Corporate", "Project", "Trade"], loans),
                         "counterparty": counterparty, "sector": pick[:, 1],
                         "exposure": rng.lognormal(2.0, 1.2, loans).round(3)})
    folder.mkdir(parents=True, exist_ok=True)
    book.to_csv(folder / "portfolio.csv", index=False)
    return folder / "portfolio.csv"


def make_raw_book(folder: Path, companies: Path, loans: int, seed: int = 11) -> Path:
    """Write a raw loan book (borrower names, no company ids) for ``sectorpath match``."""
    rng = np.random.default_rng(seed)
    named = pd.read_csv(companies)[["company_id", "sector", "name"]].drop_duplicates(
        ["company_id", "sector"])
    pick = named.iloc[rng.integers(0, len(named), loans)].reset_index(drop=True)
    names = pick["name"].to_numpy(dtype=object)
    misspelt = rng.random(loans) < 0.2
    names[misspelt] = [name[:3] + name[4] + name[3] + name[5:] for name in names[misspelt]]
    subsidiary = rng.random(loans) < 0.25
    direct = np.where(subsidiary, pick["name"] + " Services", names)
    book = pd.DataFrame({"loan_id": pd.RangeIndex(loans).map("R{:08d}".format),
                         "name_direct_loantaker": direct,
                         "name_ultimate_parent": pick["name"].where(subsidiary),
                         "sector": pick["sector"],
                         "exposure": rng.lognormal(2.0, 1.2, loans).round(3)})
    folder.mkdir(parents=True, exist_ok=True)
    book.to_csv(folder / "loanbook.csv", index=False)
    return folder / "loanbook.csv"


def run_measured(arguments: list[str]) -> dict[str, float]:
    """Run ``python -m sectorpath ARGUMENTS``: wall and CPU seconds, peak memory (MB) and,
    for align, the wall seconds of its two steps as it prints them (running the pathways,
    aligning)."""
    with tempfile.TemporaryFile() as output:
        start = perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "sectorpath", *arguments],
                                   stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = perf_counter() - start
        output.seek(0)
        printed = output.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"sectorpath {arguments[0]} failed (exit {code}):\n{printed[-2000:]}", flush=True)
    steps = {f"{name}_s": float(seconds) for name, seconds in
             re.findall(r"(pathways|align) (\d+\.\d+) s", printed)}
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "exit": code,
            "max_rss_mb": usage.ru_maxrss / 1024, **steps}  # ru_maxrss: KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, nargs="*", default=list(TARGETS))
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--methods", nargs="+", default=["pacta", "sbti"],
                        choices=["pacta", "sbti"])
    parser.add_argument("--match-loans", type=int, nargs="*", default=[100_000])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = make_companies(folder, args.copies)
        for loans in args.loans:
            book = make_book(folder / f"book{loans}", inputs["companies"], loans)
            for method in args.methods:
                figures = run_measured([
                    "align", "--portfolio", str(book), "--companies", str(inputs["companies"]),
                    "--targets", str(inputs["targets"]), "--method", method,
                    "--out", str(folder / f"out-{loans}-{method}")])
                cases.append({"case": f"align --method {method}", "loans": loans, **figures})
                print(cases[-1], flush=True)
        for loans in args.match_loans:
            raw = make_raw_book(folder / f"raw{loans}", inputs["companies"], loans)
            figures = run_measured(["match", str(raw), "--companies", str(inputs["companies"]),
                                    "--out", str(folder / f"matches{loans}.csv")])
            cases.append({"case": "match", "loans": loans, **figures})
            print(cases[-1], flush=True)
    for case in cases:
        target = TARGETS.get(case["loans"], 5.0 * case["loans"] / 100_000)
        case |= {"target_s": target, "wall_ratio": case["wall_s"] / target,
                 "cpu_ratio": case["cpu_s"] / target}
    table = pd.DataFrame(cases)
    print(f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {args.copies * 49:,} companies; "
          "ratio = seconds / target (< 1 meets it)")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    if args.json:
        args.json.write_text(json.dumps(cases, indent=2))


if __name__ == "__main__":
    main()

"""Rebuild sector tables, or check that the committed ones still rebuild byte for byte.

Usage (from the repository root)::

    python -m tools.build_data <sector> [--source DIR] [--out DIR]  # one builder's options
    python -m tools.build_data all [--source DIR]                  # every sector, in place
    python -m tools.build_data all --check [--source DIR]          # rebuild into a temporary
                                                                   # folder and compare

``--check`` fails (exit status 1) naming the file and its first differing line when a
committed table is not what its builder now writes, when a builder writes a table that is
not committed or no longer writes one that is, or when the data folder's ``SOURCES.md`` (the
tables' provenance) does not name the builder. Builders whose published inputs are absent
(``../shared/data`` beside the repository, or ``--source``) are skipped with a message.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tools.build_data.core import DEFAULT_SOURCE, REPO, data_dir

#: Every builder, with the folder inside the published data that it reads (None: all of its
#: figures are written in the builder itself).
SECTORS: dict[str, tuple[str, ...] | None] = {
    "aluminium": ("mpp", "aluminium"),
    "ammonia": ("mpp", "ammonia"),
    "aviation": None,
    "cement": ("mpp", "cement"),
    "hvc": ("mpp", "ammonia"),
    "methanol": ("mpp", "ammonia"),
    "shipping": None,
    "steel": ("mpp", "steel"),
    "trucking": None,
}


def run_builder(sector: str, out: Path, source: Path, *, quiet: bool) -> None:
    """Run ``tools/build_data/<sector>.py`` writing into ``out``; its printout is shown only
    when it fails if ``quiet``."""
    argv = ["--out", str(out)]
    if SECTORS[sector] is not None:
        argv += ["--source", str(source)]
    main = importlib.import_module(f"tools.build_data.{sector}").main
    if not quiet:
        main(argv)
        return
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            main(argv)
    except Exception:
        sys.stdout.write(printed.getvalue())
        raise


def first_difference(committed: Path, rebuilt: Path) -> str | None:
    """None when both files hold the same bytes, else where and how they first differ."""
    old, new = committed.read_bytes(), rebuilt.read_bytes()
    if old == new:
        return None
    old_lines = old.decode("utf-8").splitlines(keepends=True)
    new_lines = new.decode("utf-8").splitlines(keepends=True)
    for number, (was, now) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if was != now:
            return f"line {number} differs:\n    committed: {was!r}\n    rebuilt:   {now!r}"
    shorter, count = ("rebuilt", len(new_lines)) if len(new_lines) < len(old_lines) else (
        "committed", len(old_lines))
    return f"the {shorter} file ends after line {count}; the other goes on"


def compare(sector: str, built: Path) -> list[str]:
    """Every way the committed tables of ``sector`` differ from the ones in ``built``."""
    committed_dir = data_dir(sector)
    committed = {p.name for p in committed_dir.glob("*.csv")}
    rebuilt = {p.name for p in built.glob("*.csv")}
    where = committed_dir.relative_to(REPO)
    problems = [f"{where / name}: committed, but the builder no longer writes it"
                for name in sorted(committed - rebuilt)]
    problems += [f"{where / name}: written by the builder, but not committed"
                 for name in sorted(rebuilt - committed)]
    sources = committed_dir / "SOURCES.md"
    builder = f"tools/build_data/{sector}.py"
    if not sources.is_file() or builder not in sources.read_text(encoding="utf-8"):
        problems.append(f"{where / 'SOURCES.md'}: missing or does not name its builder {builder}")
    for name in sorted(committed & rebuilt):
        difference = first_difference(committed_dir / name, built / name)
        if difference:
            problems.append(f"{where / name}: {difference}")
    return problems


#: Builders of tables that span the plant sectors (diffusion limits, project pipelines,
#: 2020-2024 statistics): they write into ``<sectors>/<sector>/data`` themselves, reading each
#: sector's packaged tables there.
CROSS_BUILDERS = ("diffusion", "statistics")


def run_cross_builders(scratch: Path) -> Path:
    """Run the cross-sector builders on a copy of the packaged sector folders in ``scratch``;
    returns the copy's sectors folder (``<sector>/data`` holds what they wrote)."""
    sectors = scratch / "cross" / "sectors"
    shutil.copytree(REPO / "src" / "sectorpath" / "sectors", sectors,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in CROSS_BUILDERS:
        module = importlib.import_module(f"tools.build_data.{name}")
        packaged = module.SECTORS
        module.SECTORS = sectors
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                module.main()
        finally:
            module.SECTORS = packaged
    return sectors


def check_all(source: Path) -> int:
    """Rebuild every sector into a temporary folder and compare; the exit status."""
    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sectorpath-build-") as scratch:
        cross = run_cross_builders(Path(scratch))
        for sector, inputs in SECTORS.items():
            if inputs is not None and not source.joinpath(*inputs).is_dir():
                print(f"{sector}: skipped, published inputs not found in {source}")
                continue
            clock = time.perf_counter()
            out = Path(scratch) / sector
            run_builder(sector, out, source, quiet=True)
            for table in ("diffusion.csv", "pipeline.csv", "statistics.csv"):
                written = cross / sector / "data" / table
                if written.exists():
                    shutil.copyfile(written, out / table)
            problems = compare(sector, out)
            state = "DIFFERS" if problems else "matches"
            count = len(list(out.glob("*.csv")))
            print(f"{sector}: {count} tables rebuilt, {state} "
                  f"({time.perf_counter() - clock:.1f} s)")
            failures += problems
    for problem in failures:
        print(problem)
    print(f"checked in {time.perf_counter() - started:.1f} s: "
          f"{'FAILED, ' + str(len(failures)) + ' difference(s)' if failures else 'all match'}")
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in (*SECTORS, "all"):
        print(__doc__, file=sys.stderr)
        print(f"sectors: {', '.join(SECTORS)}, or all", file=sys.stderr)
        return 2
    target, rest = args[0], args[1:]
    if target != "all":
        importlib.import_module(f"tools.build_data.{target}").main(rest)
        return 0
    parser = argparse.ArgumentParser(prog="python -m tools.build_data all",
                                     description="rebuild (or check) every sector's tables")
    parser.add_argument("--check", action="store_true",
                        help="rebuild into a temporary folder and compare with the committed")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder of published data (default ../shared/data beside the "
                             "repository)")
    options = parser.parse_args(rest)
    if options.check:
        return check_all(options.source)
    for sector in SECTORS:
        print(f"== {sector}")
        run_builder(sector, data_dir(sector), options.source, quiet=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

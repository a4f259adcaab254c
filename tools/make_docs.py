"""Regenerate every generated figure of the documentation, and the alignment example, from
current runs: one command.

    python -m tools.make_docs          # rewrite what changed
    python -m tools.make_docs --check  # exit 1, naming the files, if any differs from the code

It runs each page's own generator in dependency order (the alignment example reads the
sector pathways; the cross-sector page reads every sector). With ``--check`` the files are
restored after the comparison, so nothing in the working tree changes. Each page also has
its own drift test (tests/test_validation_docs.py, tests/crosssector/test_docs.py,
tests/sectors/test_hvc.py, tests/policies/test_scenarios.py, tests/alignment/test_example.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from tools import (
    doc_what_it_takes,
    make_alignment_example,
    make_validation_docs,
    validation_chemicals,
    validation_transport_policies,
)

REPO = Path(__file__).resolve().parents[1]
GENERATED = [REPO / "docs", REPO / "src" / "sectorpath" / "alignment" / "example"]
#: Generators in the order their outputs depend on each other.
GENERATORS: list[tuple[str, Callable[[], object]]] = [
    ("alignment example", lambda: make_alignment_example.main([])),
    ("validation pages", lambda: make_validation_docs.main([])),
    ("chemicals page", validation_chemicals.main),
    ("transport policy pages", validation_transport_policies.main),
    ("cross-sector page", doc_what_it_takes.main),
]


def snapshot() -> dict[Path, bytes]:
    """Every file under the generated folders, path -> bytes."""
    return {path: path.read_bytes() for folder in GENERATED
            for path in sorted(folder.rglob("*")) if path.is_file()}


def restore(before: dict[Path, bytes], after: dict[Path, bytes]) -> None:
    """Put the generated folders back as ``before``: files made since are removed."""
    for path in after.keys() - before.keys():
        path.unlink()
    for path, content in before.items():
        if after.get(path) != content:
            path.write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the code and restore, do not change any file")
    args = parser.parse_args(argv)
    before = snapshot()
    try:
        for label, generate in GENERATORS:
            print(f"== {label}", flush=True)
            generate()
    finally:
        after = snapshot()
        if args.check:
            restore(before, after)
    changed = sorted({path for path in before.keys() | after.keys()
                      if before.get(path) != after.get(path)})
    for path in changed:
        print(f"{'differs' if args.check else 'rewritten'}: {path.relative_to(REPO)}")
    if not changed:
        print("every generated page matches the code")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())

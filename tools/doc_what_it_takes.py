"""Write the generated 'what it takes' block of docs/crosssector.md from a current run of
``sectorpath run all --scenario net-zero`` (tests/crosssector/test_docs.py checks it)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sectorpath.crosssector import CombinedResults, run_all, upstream

DOC = Path(__file__).resolve().parents[1] / "docs" / "crosssector.md"
BEGIN, END = "<!-- what-it-takes:begin -->", "<!-- what-it-takes:end -->"


def block(results: CombinedResults) -> str:
    """The generated Markdown: the what-it-takes table and MPP's investment headlines."""
    table = results.what_it_takes().set_index("sector").T
    lines = ["| net-zero | " + " | ".join(table.columns) + " |",
             "|---|" + "---:|" * len(table.columns)]
    lines += [f"| {name} | " + " | ".join(f"{v:,.1f}" for v in row) + " |"
              for name, row in table.iterrows()]
    labels = {sector: run.label for sector, run in results.runs.items()}
    return (f"{BEGIN}\n" + "\n".join(lines) + "\n\n"
            f"{upstream.headline_comparison(results.what_it_takes(), labels)}{END}")


def replaced(text: str, new_block: str) -> str:
    return re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: new_block, text,
                  flags=re.S)


def main() -> int:
    text = DOC.read_text()
    DOC.write_text(replaced(text, block(run_all("net-zero"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

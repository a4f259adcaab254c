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
    return (f"{BEGIN}\n" + "\n".join(lines) + "\n\n" + net_zero(results) + "\n"
            f"{upstream.headline_comparison(results.what_it_takes(), labels)}{END}")


def net_zero(results: CombinedResults) -> str:
    """The net-zero check: the 2050 total against the limit, and each sector's residual."""
    check = results.net_zero_check().set_index("sector")
    total = check.loc["Total"]
    lines = [f"Net-zero check: {total['residual_2050_mt']:,.0f} Mt CO2 in 2050 ({total['basis']})"
             f" against a limit of {total['limit_2050_mt']:,.0f} Mt (10% of "
             f"{total['base_mt']:,.0f} Mt in {total['base_year']}): shortfall "
             f"{total['shortfall_mt']:,.0f} Mt.", "",
             "| sector | basis | base year | base, Mt | 2050, Mt | share of the residual |",
             "|---|---|---:|---:|---:|---:|"]
    lines += [f"| {name} | {row['basis']} | {row['base_year']} | {row['base_mt']:,.0f} | "
              f"{row['residual_2050_mt']:,.0f} | {row['share_of_residual_pct']:.0f}% |"
              for name, row in check.drop(index="Total").iterrows()]
    return "\n".join(lines) + "\n"


def replaced(text: str, new_block: str) -> str:
    return re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: new_block, text,
                  flags=re.S)


def main() -> int:
    text = DOC.read_text()
    DOC.write_text(replaced(text, block(run_all("net-zero"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

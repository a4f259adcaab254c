"""The result of an alignment: company and portfolio tables, target statuses, the commitment
gap, loan coverage, an IAMC-style view and writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sectorpath.alignment.pathways import Pathway
from sectorpath.outputs import OutputFolder
from sectorpath.tables import WORLD

MODEL = "sectorpath alignment"
IAMC_ALIGNMENT_COLUMNS = ["model", "scenario", "entity", "region", "variable", "unit", "year",
                          "value"]
METHOD_NAMES = {"sda": "SDA", "delta": "Alignment Delta",
                "technology_volume": "Technology Volume", "technology_share": "Technology Share",
                "commitment": "Commitment"}
ALL_COMPANIES = "all companies"


@dataclass
class Alignment:
    """Everything an alignment run produced.

    ``companies`` and ``portfolios`` share the layout of ``frames.COLUMNS`` (portfolios add
    the covered ``exposure`` and its ``coverage`` in %); ``targets`` has one status row per
    target; ``commitment_gap`` the sector totals; ``coverage`` the loans by status;
    ``status`` why a company or sector has no result (no pathway, no production);
    ``market_share`` and ``sda`` the PACTA tables in r2dii's layout (``method`` "pacta").
    """

    scenario: str
    companies: pd.DataFrame
    portfolios: pd.DataFrame
    targets: pd.DataFrame
    commitment_gap: pd.DataFrame
    coverage: pd.DataFrame
    status: pd.DataFrame
    pathways: dict[str, Pathway]
    timings: dict[str, float] = field(default_factory=dict)
    method: str = "pacta"
    market_share: pd.DataFrame = field(default_factory=pd.DataFrame)
    sda: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables written; ``market_share`` and ``sda`` (r2dii's layout, every region and
        scenario source) with the PACTA method."""
        pacta = {"market_share": self.market_share, "sda": self.sda} if (
            self.method == "pacta") else {}
        return {"companies": self.companies, "portfolios": self.portfolios,
                "targets": self.targets, "commitment_gap": self.commitment_gap,
                "coverage": self.coverage, "status": self.status, **pacta}

    def iamc(self, companies: bool = False) -> pd.DataFrame:
        """Portfolios and the sector commitment gap (and, if ``companies``, every company) as
        an IAMC long table with one extra column, ``entity`` (portfolio, "all companies" or
        company); region is World.

        Variables: ``Alignment|<Sector>|<Method>[|<technology>|Scope <s>]|Value``, ``|Target``
        and ``|Deviation`` (%)."""
        gap = self.commitment_gap
        sector_rows = pd.DataFrame({
            "entity": ALL_COMPANIES, "sector": gap["sector"], "method": "commitment",
            "technology": "", "scope": gap["scope"], "year": gap["year"], "unit": gap["unit"],
            "value": gap["committed"], "target": gap["consistent"],
            "deviation": gap["gap_percent"] / 100})
        parts = [self.portfolios, *([self.companies] if companies else []), sector_rows]
        rows = pd.concat([p for p in parts if not p.empty] or [sector_rows], ignore_index=True)
        rows = rows[rows["value"].notna() | rows["target"].notna()]
        labels = rows["sector"].map({s: p.label for s, p in self.pathways.items()})
        stem = ("Alignment|" + labels + "|" + rows["method"].map(METHOD_NAMES)
                + _suffix(rows["technology"], "|")
                + _suffix(rows["scope"].where(rows["method"] == "commitment", ""), "|Scope "))
        parts = [pd.DataFrame({"entity": rows["entity"], "variable": stem + "|" + name,
                               "unit": unit, "year": rows["year"], "value": values})
                 for name, unit, values in (("Value", rows["unit"], rows["value"]),
                                            ("Target", rows["unit"], rows["target"]),
                                            ("Deviation", "%", 100 * rows["deviation"]))]
        table = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
        table = table.assign(model=MODEL, scenario=self.scenario, region=WORLD)
        return table[IAMC_ALIGNMENT_COLUMNS].reset_index(drop=True)

    def summary(self, year: int | None = None) -> pd.DataFrame:
        """One row per portfolio and sector in ``year`` (default: ``report_year()``): SDA and
        delta deviations (%), the increasing technologies' share of production (projected
        and target, %) and the largest covered exposure of the methods (%)."""
        chosen = self.report_year(year)
        rows = self.portfolios[self.portfolios["year"] == chosen]
        if rows.empty:
            return pd.DataFrame()
        keys = ["entity", "sector"]
        intensity = rows[rows["method"].isin(["sda", "delta"])].pivot_table(
            index=keys, columns="method", values="deviation", aggfunc="first").reindex(
            columns=["sda", "delta"]) * 100
        share = rows[(rows["method"] == "technology_share")
                     & (rows["direction"] == "increasing")].groupby(keys)[
            ["value", "target"]].sum()
        coverage = rows.groupby(keys)["coverage"].max()
        table = pd.concat([intensity.rename(columns={"sda": "SDA %", "delta": "delta %"}),
                           share.rename(columns={"value": "incr. tech. %",
                                                 "target": "target %"}),
                           coverage.rename("coverage %")], axis=1)
        table.index = table.index.set_names(["portfolio", "sector"])
        return table.reset_index()

    def report_year(self, year: int | None = None) -> int:
        """``year`` if given, else the last year with portfolio results up to 2030."""
        if year is not None:
            return year
        years = sorted(int(y) for y in self.portfolios["year"].unique())
        return max([y for y in years if y <= 2030] or years[:1] or [2030])

    def write(self, out_dir: Path, force: bool = False) -> list[Path]:
        """Each table as CSV and Parquet, and the IAMC table of the portfolios and sector
        totals (companies are in the ``companies`` table); returns the paths written.
        Atomic; existing files are replaced only with ``force`` (see sectorpath.outputs)."""
        folder = OutputFolder(out_dir, force)
        stem = f"alignment_{self.scenario}"
        return [folder.frame(frame, f"{stem}_{name}.{suffix}")
                for name, frame in [*self.tables().items(), ("iamc", self.iamc())]
                for suffix in ("csv", "parquet")]


def _suffix(values: pd.Series, prefix: str) -> pd.Series:
    """``prefix + value`` where value is not empty, else ""."""
    text = values.fillna("").astype(str)
    return (prefix + text).where(text != "", "")


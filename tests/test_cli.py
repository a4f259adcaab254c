"""The command line end to end: files written, summary printed, errors with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from sectorpath.cli import app
from sectorpath.reporting.names import Names
from sectorpath.results import IAMC_COLUMNS
from sectorpath.sectors import get_sector, sector_names

runner = CliRunner()


def test_run_steel_writes_iamc_tables_and_charts(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "steel", "--scenario", "baseline", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2050" in result.output and "Production (Mt)" in result.output
    table = pd.read_parquet(tmp_path / "steel_baseline.parquet")
    assert list(table.columns) == IAMC_COLUMNS
    assert set(table["year"]) == set(range(2020, 2051))
    csv = pd.read_csv(tmp_path / "steel_baseline.csv")
    assert len(csv) == len(table)
    titles = {"emissions_by_technology": "scope 1+2 CO2 by technology",
              "technology_mix": "production by technology",
              "investment": "investment by kind",
              "resource_demand": "energy and resource demand"}
    for chart, title in titles.items():
        page = (tmp_path / f"steel_baseline_{chart}.html").read_text()
        assert 'src="plotly.min.js"' in page and f"Steel: {title}" in page
    assert (tmp_path / "plotly.min.js").exists()


def test_bad_scenario_file_exits_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "baseline"\nname = "bad"\n[economics]\ndiscount_rate = -0.1\n')
    result = runner.invoke(app, ["run", "steel", "--scenario", str(bad), "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "economics.discount_rate" in result.output and "bad.toml" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_sector(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "glass", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "steel" in result.output


def test_run_all_writes_the_cross_sector_tables(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "all", "--scenario", "baseline", "--out", str(tmp_path),
                                 "--no-charts"])
    assert result.exit_code == 0, result.output
    assert "2030 Breakthroughs" in result.output
    table = pd.read_parquet(tmp_path / "all_baseline.parquet")
    expected = {Names.of(get_sector(name)).emissions for name in sector_names()}
    assert expected <= set(table["variable"])
    share = table[table["variable"] == "Share of Global CO2|Hard-to-Abate Sectors"]
    assert 25.0 < share.set_index("year").loc[2020, "value"] < 35.0  # "about 30%"
    for name in ("breakthroughs", "parity_years", "green_premiums", "macc"):
        frame = pd.read_csv(tmp_path / f"all_baseline_{name}.csv")
        assert len(frame) > 0
        assert set(frame["sector"]) >= {"steel", "shipping"}


def test_technology_mix_chart_stacks_technologies_only() -> None:
    """The chart must not stack the Near-Zero subtotal on top of the technologies."""
    import sectorpath
    from sectorpath.charts import chart

    results = sectorpath.run("steel", "carbon-cost")
    figure = chart(results, results.report.charts["technology_mix"])
    names = {trace.name for trace in figure.data}
    assert "Near-Zero" not in names
    stacked = sum(pd.Series(trace.y, index=trace.x) for trace in figure.data)
    assert abs(stacked[2050] - results.world("Production|Iron and Steel|Steel")[2050]) < 1e-6

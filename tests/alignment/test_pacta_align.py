"""``align(method="pacta")``: sectorpath's pathways as r2dii scenarios, fixed loan weights,
per-region and global results, and scenario tables brought by the user."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.alignment import align
from sectorpath.alignment.scenario_sources import (
    co2_intensity_table,
    market_share_table,
    read_scenario,
    validate_scenario,
)
from sectorpath.cli import app
from sectorpath.errors import InputError
from tests.alignment.conftest import company, inputs, toy_pathway, toy_pathways

runner = CliRunner()


def test_pathway_as_r2dii_scenario_follows_the_toy_numbers() -> None:
    market = market_share_table(toy_pathway()).set_index(["region", "technology", "year"])
    # World BF-BOF 100 - 2t: tmsr(2030) = 80/100; EAF 50 + t: smsp(2030) = 10/150
    assert market.loc[("global", "BF-BOF", 2030), "tmsr"] == pytest.approx(0.8)
    assert market.loc[("North", "EAF", 2030), "smsp"] == pytest.approx(6 / 90)
    assert market.loc[("global", "H2-DRI", 2030), "tmsr"] == 1.0  # none at t0
    co2 = co2_intensity_table(toy_pathway()).set_index(["region", "year"])
    assert co2.loc[("global", 2030), "emission_factor"] == pytest.approx(1.15)
    assert co2.loc[("South", 2050), "emission_factor"] == pytest.approx(0.62222, rel=1e-4)


def _two_companies() -> pd.DataFrame:
    # A halves its production in 2030 (one plant closes); B is steady.
    return [*company("A", range(2020, 2030), BF_BOF=(10, 2.0)),
            *company("A", range(2030, 2036), BF_BOF=(5, 2.0)),
            *company("B", range(2020, 2036), region="South", BF_BOF=(5, 1.5), EAF=(5, 0.4))]


def test_loan_weights_stay_fixed_so_a_production_drop_shows() -> None:
    data = inputs(_two_companies(), [("A", "steel", 300.0), ("B", "steel", 100.0)])
    result = align(data, pathways=toy_pathways("steel"))
    table = result.market_share
    rows = table[(table["entity_type"] == "portfolio") & (table["metric"] == "projected")
                 & (table["region"] == "global") & (table["technology"] == "BF-BOF")]
    production = rows.set_index("year")["production"]
    assert production[2029] == pytest.approx(0.75 * 10 + 0.25 * 5)
    assert production[2030] == pytest.approx(0.75 * 5 + 0.25 * 5)  # the drop is not hidden
    regions = set(table.loc[table["entity_type"] == "portfolio", "region"])
    assert regions == {"global", "North", "South"}


def test_portfolio_sda_target_converges_to_the_adjusted_scenario() -> None:
    data = inputs(_two_companies(), [("A", "steel", 300.0), ("B", "steel", 100.0)])
    result = align(data, pathways=toy_pathways("steel"))
    sda = result.sda[(result.sda["entity_type"] == "portfolio")
                     & (result.sda["region"] == "global")]
    series = {m: g.set_index("year")["emission_factor_value"]
              for m, g in sda.groupby("emission_factor_metric")}
    adjusted, target = series["adjusted_scenario_toy"], series["target_toy"]
    economy = (10 * 2.0 + 5 * 1.5 + 5 * 0.4) / 20  # all companies in 2020
    assert adjusted[2020] == pytest.approx(economy)
    assert adjusted[2050] == pytest.approx(economy * 0.62222 / 1.46667, rel=1e-4)
    projected = 0.75 * 2.0 + 0.25 * (1.5 + 0.4) / 2
    assert series["projected"][2020] == pytest.approx(projected)
    p = (adjusted - adjusted[2050]) / (adjusted[2020] - adjusted[2050])
    assert target.to_numpy() == pytest.approx(
        ((projected - adjusted[2050]) * p + adjusted[2050]).to_numpy())
    rows = result.portfolios[result.portfolios["method"] == "sda"].set_index("year")
    assert rows.loc[2030, "target"] == pytest.approx(target[2030])
    assert rows.loc[2030, "coverage"] == pytest.approx(100.0)


def _power_scenario() -> pd.DataFrame:
    rows = []
    for source, growth in (("weo_2023", 2.0), ("geco_2023", 3.0)):
        for year, t in ((2020, 0.0), (2030, 1.0)):
            rows += [(source, "nze", "power", "renewablescap", "global", year,
                      1 + (growth - 1) * t, 0.5 * t),
                     (source, "nze", "power", "coalcap", "global", year, 1 - 0.6 * t,
                      -0.3 * t)]
    return pd.DataFrame(rows, columns=["scenario_source", "scenario", "sector", "technology",
                                       "region", "year", "tmsr", "smsp"])


def test_a_brought_scenario_gives_power_a_benchmark(tmp_path: Path) -> None:
    power = [{"company_id": "P", "sector": "power", "region": "global", "technology": tech,
              "year": year, "production": value, "emission_intensity": 0.5}
             for year in (2020, 2030) for tech, value in (("coalcap", 60.0),
                                                          ("renewablescap", 40.0))]
    data = inputs([*_two_companies(), *power], [("A", "steel", 1.0), ("P", "power", 1.0)])
    path = tmp_path / "scenario.csv"
    _power_scenario().to_csv(path, index=False)
    scenario = read_scenario(path, "market_share_scenario")
    result = align(data, pathways=toy_pathways("steel", missing={"power": "no model"}),
                   market_scenarios=scenario)
    table = result.market_share
    target = table[(table["sector"] == "power") & (table["metric"] == "target_nze")
                   & (table["year"] == 2030) & (table["entity_type"] == "portfolio")]
    by_source = target.set_index(["scenario_source", "technology"])["production"]
    assert by_source[("weo_2023", "renewablescap")] == pytest.approx(40 + 100 * 0.5)
    assert by_source[("geco_2023", "coalcap")] == pytest.approx(60 * 0.4)


@pytest.mark.parametrize(("change", "field"), [
    ({"tmsr": np.nan}, "tmsr"), ({"smsp": np.inf}, "smsp"), ({"tmsr": -1.0}, "tmsr"),
    ({"year": 1800}, "year")])
def test_a_bad_brought_scenario_is_refused(change: dict[str, float], field: str) -> None:
    frame = _power_scenario()
    for column, value in change.items():
        frame.loc[3, column] = value
    with pytest.raises(InputError) as error:
        validate_scenario(frame, "market_share_scenario", "scenario.csv")
    assert error.value.field == field


def test_a_duplicated_scenario_row_or_a_bad_start_is_refused() -> None:
    frame = _power_scenario()
    with pytest.raises(InputError, match="several rows"):
        validate_scenario(pd.concat([frame, frame.iloc[[2]]]), "market_share_scenario", "s")
    frame.loc[0, "tmsr"] = 1.2
    with pytest.raises(InputError, match="first year"):
        validate_scenario(frame, "market_share_scenario", "s")
    co2 = pd.DataFrame({"scenario_source": "x", "scenario": "y", "sector": "cement",
                        "region": "global", "year": [2020, 2030],
                        "emission_factor": [0.6, -0.1]})
    with pytest.raises(InputError) as error:
        validate_scenario(co2, "co2_intensity_scenario", "co2.csv")
    assert error.value.field == "emission_factor"


def test_command_line_methods_and_brought_scenarios(tmp_path: Path) -> None:
    from sectorpath.alignment import EXAMPLE

    scenario = tmp_path / "power.csv"
    _power_scenario().to_csv(scenario, index=False)
    out = tmp_path / "out"
    result = runner.invoke(app, ["align", "--portfolio", str(EXAMPLE / "portfolio.csv"),
                                 "--market-scenario", str(scenario), "--out", str(out),
                                 "--no-charts"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "alignment_net-zero_market_share.csv")
    assert {"sectorpath", "weo_2023", "geco_2023"} <= set(table["scenario_source"])
    sbti = runner.invoke(app, ["align", "--method", "sbti", "--out", str(tmp_path / "sbti"),
                               "--no-charts"])
    assert sbti.exit_code == 0, sbti.output
    assert not (tmp_path / "sbti" / "alignment_net-zero_market_share.csv").exists()


def test_pacta_charts_show_bands_the_mix_and_the_corporate_economy(tmp_path: Path) -> None:
    from sectorpath.alignment.charts import (
        economy_intensity_chart,
        start_end_mix_chart,
        trajectory_chart,
        write_alignment_charts,
    )

    data = inputs(_two_companies(), [("A", "steel", 300.0), ("B", "steel", 100.0)])
    result = align(data, pathways=toy_pathways("steel"))
    names = {trace.name for trace in trajectory_chart(result).data}
    assert {"portfolio / sectorpath: scenario band", "portfolio / sectorpath: projected",
            "corporate economy (scaled)"} <= names
    bars = start_end_mix_chart(result).data
    labels = {x for bar in bars for x in bar.x}
    assert "portfolio<br>corporate economy 2020" in labels
    assert "portfolio<br>target toy 2035" in labels
    shares = sum(bar.y[list(bar.x).index("portfolio<br>projected 2020")] for bar in bars
                 if "portfolio<br>projected 2020" in bar.x)
    assert shares == pytest.approx(1.0)
    lines = {trace.name for trace in economy_intensity_chart(result).data}
    assert "portfolio / sectorpath: corporate_economy" in lines
    written = {p.name for p in write_alignment_charts(result, tmp_path)}
    assert "alignment_toy_trajectory.html" in written


def test_a_portfolios_technology_share_ignores_other_portfolios() -> None:
    """Company shares are taken before loan weighting: a second portfolio lending to the same
    company leaves the first portfolio's weighted mean (r2dii's 0.6875 / 0.3125 for loans
    1:3) unchanged (it was 0.714 / 0.286 when the company's share was split between the
    portfolios that lend to it)."""
    from sectorpath.alignment.pacta import market_share

    abcd = pd.DataFrame({"company": ["a", "a", "b", "b"], "sector": "automotive",
                         "technology": ["ice", "electric"] * 2, "year": 2025,
                         "production": [1.0, 1.0, 1.0, 3.0], "region": "global"})
    scenario = pd.DataFrame({"scenario": "sds", "sector": "automotive",
                             "technology": ["ice", "electric"], "region": "global",
                             "year": 2025, "tmsr": 0.5, "smsp": 1.0,
                             "scenario_source": "demo_2020"})
    loans = pd.DataFrame({"portfolio": ["P1", "P1", "P2"], "company": ["a", "b", "a"],
                          "sector": "automotive", "exposure": [1.0, 3.0, 1.0]})
    table = market_share(loans, abcd, scenario)
    shares = table[table["metric"] == "projected"].set_index(["portfolio", "technology"])[
        "technology_share"]
    assert shares[("P1", "ice")] == pytest.approx(0.3125)
    assert shares[("P1", "electric")] == pytest.approx(0.6875)
    assert shares[("P2", "ice")] == pytest.approx(0.5)

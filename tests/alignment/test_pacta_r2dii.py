"""r2dii.analysis's own unit-test numbers, reproduced by ``alignment.pacta``.

Each test names the r2dii.analysis test it comes from (tests/testthat/test-target_market_share.R
and test-target_sda.R of github.com/RMI-PACTA/r2dii.analysis). The fake tables below have the
defaults of r2dii's tests/testthat/helper-fake_data.R (``fake_matched``, ``fake_abcd``,
``fake_scenario``, ``fake_co2_scenario``); r2dii's plant location "BF" with its stable region
table falls in the region "global".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from sectorpath.alignment.pacta import market_share, sda


def _table(defaults: dict[str, Any], values: dict[str, Any]) -> pd.DataFrame:
    columns = defaults | values
    length = max((len(v) for v in columns.values() if isinstance(v, list)), default=1)
    return pd.DataFrame({k: v if isinstance(v, list) else [v] * length
                         for k, v in columns.items()})


def fake_loans(**values: Any) -> pd.DataFrame:
    return _table({"loan_id": "L162", "portfolio": "book", "exposure": 1.0,
                   "company": "shaanxi auto", "sector": "automotive"}, values)


def fake_abcd(**values: Any) -> pd.DataFrame:
    return _table({"company": "shaanxi auto", "sector": "automotive", "technology": "ice",
                   "year": 2025, "production": 1.0, "emission_factor": 1.0,
                   "region": "global"}, values)


def fake_scenario(**values: Any) -> pd.DataFrame:
    return _table({"scenario": "sds", "sector": "automotive", "technology": "ice",
                   "region": "global", "year": 2025, "tmsr": 0.5, "smsp": -0.08,
                   "scenario_source": "demo_2020"}, values)


def fake_co2_scenario(**values: Any) -> pd.DataFrame:
    return _table({"scenario": "b2ds", "sector": "cement", "region": "global", "year": 2025,
                   "emission_factor": 0.6, "scenario_source": "demo_2020"}, values)


def metric(table: pd.DataFrame, name: str, column: str = "production",
           order: tuple[str, ...] = ("technology", "year")) -> list[float]:
    rows = table[table["metric"] == name].sort_values(list(order))
    return rows[column].tolist()


TWO_COMPANIES = {
    "abcd": {"technology": ["electric", "ice"] * 4,
             "year": [2020, 2020, 2021, 2021] * 2,
             "company": ["comp1"] * 4 + ["comp2"] * 4,
             "production": [10, 30, 20, 20, 90, 95, 100, 100]},
    "scenario": {"technology": ["electric", "ice", "electric", "ice"],
                 "year": [2020, 2020, 2021, 2021], "tmsr": [1, 1, 1.85, 0.6],
                 "smsp": [0, 0, 0.34, -0.2]},
}


def test_target_production_w_known_input() -> None:
    """r2dii: 'w/ known input, outputs target production as expected'."""
    out = market_share(
        fake_loans(company="comp1"),
        fake_abcd(technology=["electric", "ice", "electric", "ice"],
                  year=[2020, 2020, 2021, 2021], company="comp1",
                  production=[200, 250, 240, 240]),
        fake_scenario(**TWO_COMPANIES["scenario"]))
    assert metric(out, "target_sds") == pytest.approx([200, 353, 250, 150])


def test_target_production_at_company_level() -> None:
    """r2dii: 'w/ known input, outputs target production as expected, at company level'."""
    out = market_share(fake_loans(loan_id=["i1", "i2"], company=["comp1", "comp2"]),
                       fake_abcd(**TWO_COMPANIES["abcd"]),
                       fake_scenario(**TWO_COMPANIES["scenario"]), by_company=True,
                       weight_production=False)
    assert metric(out, "target_sds", order=("technology", "year", "company")) == pytest.approx(
        [10, 90, 23.6, 152.9, 30, 95, 18, 57])


def test_weight_production() -> None:
    """r2dii: 'outputs known value with `weight_production` (#131)'."""
    loans = fake_loans(loan_id=["1", "2"], exposure=[1.0, 9.0], company=["a", "b"])
    abcd = fake_abcd(company=["a", "b"], production=[1.0, 2.0])
    weighted = market_share(loans, abcd, fake_scenario())
    unweighted = market_share(loans, abcd, fake_scenario(), weight_production=False)
    assert metric(weighted, "projected") == pytest.approx([1.9])
    assert metric(unweighted, "projected") == pytest.approx([3.0])


def test_technology_share_is_the_loan_weighted_mean_of_company_shares() -> None:
    """r2dii: 'w/ known input, outputs `technology_share` as expected (#184, #262)', first
    part: loans 1:3 (sectorpath's former share of weighted volumes gave 71.43/28.57%)."""
    out = market_share(
        fake_loans(loan_id=["L1", "L2"], exposure=[1.0, 3.0], company=["a", "b"]),
        fake_abcd(company=["a", "a", "b", "b"], technology=["ice", "electric"] * 2,
                  production=[1, 1, 1, 3]),
        fake_scenario(technology=["ice", "electric"], smsp=1))
    assert metric(out, "projected", "technology_share") == pytest.approx([0.6875, 0.3125])
    assert metric(out, "corporate_economy", "technology_share") == pytest.approx(
        [0.666, 0.333], abs=1e-2)
    assert metric(out, "target_sds", "technology_share") == pytest.approx([0.914, 0.086],
                                                                          abs=1e-3)


def test_technology_share_power_loan_book() -> None:
    """r2dii: same test, 'More extensive test (#262)': three loans, two to one company."""
    techs = ["coalcap", "gascap", "hydrocap", "nuclearcap", "oilcap", "renewablescap"]
    out = market_share(
        fake_loans(loan_id=["L1", "L2", "L3"], exposure=[1000.0, 15000.0, 1200.0],
                   company=["a", "b", "a"], sector="power"),
        fake_abcd(company=["a"] * 6 + ["b"] * 6, sector="power", technology=techs * 2,
                  production=[100, 200, 300, 100, 100, 200, 500, 0, 0, 300, 100, 100],
                  year=2020),
        fake_scenario(sector="power", technology=techs, year=2020, tmsr=1, smsp=0))
    expected = [0.4488, 0.0255, 0.0383, 0.2744, 0.1, 0.1128]
    assert metric(out, "projected", "technology_share") == pytest.approx(expected, abs=1e-3)
    assert metric(out, "target_sds", "technology_share") == pytest.approx(expected, abs=1e-3)
    assert metric(out, "corporate_economy", "technology_share") == pytest.approx(
        [0.3, 0.1, 0.15, 0.2, 0.1, 0.15], abs=1e-3)


def test_zero_initial_sector_production() -> None:
    """r2dii: 'outputs as expected for companies with 0 initial sectoral production (#306)'."""
    out = market_share(fake_loans(), fake_abcd(production=[0.0, 1.0], year=[2020, 2021]),
                       fake_scenario(tmsr=[1.0, 0.5], year=[2020, 2021]))
    assert metric(out, "corporate_economy") == [0, 1]
    assert metric(out, "projected") == [0, 1]
    assert metric(out, "target_sds") == [0, 0]
    assert metric(out, "corporate_economy", "technology_share") == [0, 1]
    assert metric(out, "projected", "technology_share") == [0, 1]
    assert metric(out, "target_sds", "technology_share") == [0, 0]


@pytest.mark.parametrize("by_company", [False, True])
def test_percentage_of_initial_production_by_scope(by_company: bool) -> None:
    """r2dii: 'w/ known input, outputs `percent_of_initial_production_by_scope` as expected,
    at portfolio level' and '..., at company level'."""
    out = market_share(fake_loans(loan_id=["i1", "i2"], company=["comp1", "comp2"]),
                       fake_abcd(**TWO_COMPANIES["abcd"]),
                       fake_scenario(**TWO_COMPANIES["scenario"]), by_company=by_company,
                       weight_production=False)
    out = out[out["year"] == 2021]
    column, order = "percentage_of_initial_production_by_scope", ("company", "technology")
    if by_company:
        assert metric(out, "projected", column, order) == pytest.approx(
            [0.25, -0.333, 0.054, 0.053], abs=1e-2)
        assert metric(out, "target_sds", column, order) == pytest.approx(
            [0.34, -0.40, 0.34, -0.40], abs=1e-2)
    else:
        assert metric(out, "projected", column) == pytest.approx([0.089, -0.040], abs=1e-2)
        assert metric(out, "target_sds", column) == pytest.approx([0.34, -0.40], abs=1e-2)
    assert metric(out, "corporate_economy", column) == pytest.approx([0.089, -0.040],
                                                                     abs=1e-2)
    assert set(out.loc[out["technology"] == "ice", "scope"]) == {"technology"}
    assert set(out.loc[out["technology"] == "electric", "scope"]) == {"sector"}


def test_target_for_the_full_timeline_of_the_scenario() -> None:
    """r2dii: 'outputs `target` for full timeline of scenario #157'."""
    out = market_share(fake_loans(), fake_abcd(year=2020),
                       fake_scenario(scenario="1.5c-scen", year=[2020, 2025]))
    targets = out[out["metric"].str.startswith("target")]
    assert targets["year"].max() == 2025 and set(targets["metric"]) == {"target_1.5c-scen"}


def test_targets_for_missing_low_carbon_technologies() -> None:
    """r2dii: 'target_market_share() calculates target_* values for missing low carbon
    technologies (#495)': a company with only ICE gets hybrid and electric targets."""
    abcd = fake_abcd(company="company a", sector=["automotive"] * 2 + ["hdv"] * 6,
                     technology=["ice"] * 4 + ["hybrid"] * 2 + ["electric"] * 2,
                     year=[2020, 2025] * 4)
    scenario = fake_scenario(technology=["ice", "ice", "hybrid", "hybrid", "electric",
                                         "electric"], year=[2020, 2025] * 3,
                             tmsr=[1, 0.5, 1, 1.5, 1, 1.5], smsp=[0, -0.08, 0, 0.1, 0, 0.1])
    for by_company in (True, False):
        out = market_share(fake_loans(company="company a"), abcd, scenario,
                           by_company=by_company, weight_production=not by_company)
        targets = out[(out["sector"] == "automotive") & out["metric"].str.startswith("target")]
        assert sorted(targets["technology"].unique()) == ["electric", "hybrid", "ice"]


def test_sda_with_known_input() -> None:
    """r2dii: 'with known input outputs as expected' (test-target_sda.R): the adjusted
    scenario 6.45 ... 1.29 and targets 0.9 ... 1.29."""
    out = sda(fake_loans(sector="cement"),
              fake_abcd(sector="cement", technology="cement",
                        company=["shaanxi auto"] * 4 + ["company 2"],
                        year=[2020, 2021, 2022, 2025, 2020],
                        emission_factor=[0.9, 0.9, 0.8, 0.5, 12]),
              fake_co2_scenario(scenario=["b2ds", "b2ds", "sds", "sds"],
                                year=[2020, 2025] * 2, emission_factor=[0.5, 0.1, 0.5, 0.4]))

    def values(name: str) -> list[float]:
        rows = out[out["emission_factor_metric"] == name].sort_values("year")
        return np.round(rows["emission_factor_value"].to_numpy(), 2).tolist()

    assert values("projected") == [0.9, 0.9, 0.8, 0.5]
    assert values("corporate_economy") == [6.45, 0.9, 0.8, 0.5]
    assert values("adjusted_scenario_b2ds") == [6.45, 5.42, 4.39, 3.35, 2.32, 1.29]
    assert values("adjusted_scenario_sds") == [6.45, 6.19, 5.93, 5.68, 5.42, 5.16]
    assert values("target_b2ds") == [0.9, 0.98, 1.06, 1.13, 1.21, 1.29]
    assert values("target_sds") == [0.9, 1.75, 2.60, 3.46, 4.31, 5.16]


def test_sda_properly_weights_emission_factors() -> None:
    """r2dii: 'properly weights emissions factors'."""
    out = sda(fake_loans(loan_id=["1", "2"], company=["a", "b"], sector="cement"),
              fake_abcd(company=["a", "b"], sector="cement", technology="cement", year=2020,
                        emission_factor=[1.0, 2.0]),
              fake_co2_scenario(year=[2020, 2050], emission_factor=[0.6, 0.2]))
    start = out[(out["year"] == 2020) & (out["emission_factor_metric"] == "projected")]
    assert start["emission_factor_value"].tolist() == pytest.approx([1.5])


def test_sda_corporate_economy_is_production_weighted() -> None:
    """r2dii: 'with multiple technologies, aggregates production-weighted emission_factor
    (#160)'."""
    out = sda(fake_loans(sector="cement"),
              fake_abcd(sector="cement", technology=["cement 1", "cement 2"], year=2020,
                        production=[1.0, 3.0], emission_factor=[4.0, 132.0]),
              fake_co2_scenario(year=[2020, 2050], emission_factor=[0.6, 0.2]))
    economy = out[out["emission_factor_metric"] == "corporate_economy"]
    assert economy["emission_factor_value"].tolist() == pytest.approx([100.0])


def test_sda_with_multiple_technologies_of_one_company() -> None:
    """r2dii: 'with multiple technologies weights emission_factor as expected (#160)'."""
    out = sda(fake_loans(loan_id=["1", "2"], company="large company", sector="cement"),
              fake_abcd(company="large company", sector="cement", technology=["a", "b"] * 2,
                        emission_factor=2.0, year=[2020, 2020, 2025, 2025]),
              fake_co2_scenario(year=[2020, 2025], emission_factor=[1.0, 0.5]))
    start = out[out["year"] == 2020].set_index("emission_factor_metric")
    assert start.loc["projected", "emission_factor_value"] == pytest.approx(2.0)
    assert start.loc["target_b2ds", "emission_factor_value"] == pytest.approx(2.0)


def test_the_fixed_direction_table_is_r2dii_datas() -> None:
    """r2dii.data's ``increasing_or_decreasing`` (data-raw/increasing_or_decreasing.csv),
    sector names as sectorpath writes them."""
    from sectorpath.alignment.reference import direction

    r2dii = {("automotive", t): "increasing" for t in (
        "electric", "hybrid", "fuelcell", "electric_hdv", "hybrid_hdv", "fuelcell_hdv")}
    r2dii |= {("automotive", "ice"): "decreasing", ("automotive", "ice_hdv"): "decreasing"}
    r2dii |= {("power", t): "increasing" for t in ("hydrocap", "renewablescap", "nuclearcap")}
    r2dii |= {("power", t): "decreasing" for t in ("coalcap", "gascap", "oilcap")}
    r2dii |= {("oil_and_gas", "oil"): "decreasing", ("oil_and_gas", "gas"): "decreasing",
              ("coal", "coal"): "decreasing"}
    pairs = pd.DataFrame(list(r2dii), columns=["sector", "technology"])
    assert direction(pairs["sector"], pairs["technology"]).tolist() == list(r2dii.values())

"""Cross-sector indicators on hand-computable made-up sectors (tests/data/toy_*)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sectorpath.crosssector import indicators
from sectorpath.crosssector.allocation import allocate
from sectorpath.engine.fleet import simulate_fleet
from sectorpath.engine.simulate import simulate
from sectorpath.fleet_inputs import build_fleet_inputs, load_fleet_data
from sectorpath.inputs import build_inputs, load_sector_data
from sectorpath.results import Results
from sectorpath.scenarios.model import FleetScenario, PlantScenario, ScenarioBase
from sectorpath.sectors.base import Sector
from tests.conftest import DATA
from tests.engine.test_fleet import TOY as TOY_FLEET

TOY_INDUSTRY = Sector(name="toy", label="Toy", product="widget",
                      data_dir=DATA / "toy_industry",
                      low_emission_technologies=frozenset({"hydrogen"}))


def _scenario(kind: type[ScenarioBase] = PlantScenario, **fields: object) -> ScenarioBase:
    return kind.model_validate({"name": "toy", "sector": "toy", **fields})


@pytest.fixture(scope="module")
def industry() -> Results:
    """Carbon price 0 in 2020 rising by 10 USD/t a year to 100 in 2030, flat after."""
    inputs = build_inputs(load_sector_data(TOY_INDUSTRY),
                          _scenario(carbon_price={2020: 0, 2030: 100}))
    return Results(simulate(inputs))


@pytest.fixture(scope="module")
def fleet() -> Results:
    """Carbon price rising by 10 USD/t a year from 0 in 2020 to 300 in 2050."""
    chosen = _scenario(FleetScenario, carbon_price={2020: 0, 2050: 300})
    return Results(simulate_fleet(build_fleet_inputs(load_fleet_data(TOY_FLEET), chosen)))


def test_industry_parity_year_is_when_the_carbon_price_reaches_50(industry: Results) -> None:
    # coal 100 + 2.0 P against hydrogen 200 (equal capex): parity at P = 50, i.e. 2025
    parity = indicators.parity_years(industry)
    assert parity.to_dict("records") == [{"sector": "toy", "region": "North",
                                          "option": "hydrogen", "incumbent": "coal",
                                          "parity_year": 2025.0}]


def test_industry_macc_costs_50_per_tonne(industry: Results) -> None:
    curve = indicators.macc(industry, 2025)
    # plant A1 (10 Mt at 80% use) moved to hydrogen at its 2021 cycle: 8 Mt x 2.0 t/t avoided
    assert curve["option"].tolist() == ["hydrogen"]
    assert curve["abatement_mt"].iloc[0] == pytest.approx(16.0)
    assert curve["cost_usd_per_t"].iloc[0] == pytest.approx(50.0)


def test_near_zero_share_and_investment_split(industry: Results) -> None:
    # 2030: one of two equal plants runs on hydrogen -> 50%; 2031: both
    assert indicators.metric_value(industry, "near_zero_production_share_pct", 2030) == (
        pytest.approx(50.0))
    assert indicators.metric_value(industry, "near_zero_production_share_pct", 2031) == (
        pytest.approx(100.0))
    low = industry.world("Investment by Class|Toy|Low-Emission")
    # each switch: greenfield capex 100 USD/t x 10 Mt = 1 billion USD
    assert low[2021] == pytest.approx(1.0) and low[2031] == pytest.approx(1.0)
    assert industry.world("Investment by Class|Toy|Conventional").sum() == pytest.approx(0.0)
    assert indicators.metric_value(industry, "emissions_reduction_pct_vs_2020", 2031) == (
        pytest.approx(100.0))


def test_breakthrough_table_reports_met_and_not_met(industry: Results) -> None:
    targets = pd.DataFrame({"sector": ["toy", "toy"],
                            "metric": ["near_zero_production_share_pct"] * 2,
                            "year": [2030, 2030], "target": [40.0, 60.0],
                            "comparison": [">=", ">="], "source": ["made up", "made up"]})
    table = indicators.breakthroughs({"toy": industry}, targets)
    assert table["modelled"].tolist() == pytest.approx([50.0, 50.0])
    assert table["met"].tolist() == [True, False]


def test_industry_green_premium(industry: Results) -> None:
    # 2030, P = 100: coal 100 + 2 x 100 = 300, hydrogen 200 -> premium -100 USD/t
    products = pd.DataFrame({"product": ["gadget"], "sector": ["toy"],
                             "material_quantity": [0.5], "material_unit": ["t widget"],
                             "product_price_usd": [1000.0]})
    table = indicators.green_premiums({"toy": industry}, products, 2030)
    assert table["premium_per_unit"].iloc[0] == pytest.approx(-100.0)
    assert table["premium_usd"].iloc[0] == pytest.approx(-50.0)
    assert table["premium_pct"].iloc[0] == pytest.approx(-5.0)
    # the cost gap at zero carbon price: hydrogen 200 against coal 100 -> +100 USD/t, +5%
    assert table["premium_per_unit_zero_carbon"].iloc[0] == pytest.approx(100.0)
    assert table["premium_usd_zero_carbon"].iloc[0] == pytest.approx(50.0)
    assert table["premium_pct_zero_carbon"].iloc[0] == pytest.approx(5.0)


def test_fleet_fuel_parity_and_premium(fleet: Results) -> None:
    # biodiesel 40 USD/GJ vs diesel 20 + 0.074 P: parity at P >= 270.3, first in 2048 (P=280)
    parity = indicators.parity_years(fleet)
    bio = parity[parity["option"] == "liquid: biodiesel"]
    assert set(bio["parity_year"]) == {2048.0}
    # 2030 (P = 100): premium 40 - 27.4 = 12.6 USD/GJ at 10 MJ/vkm -> 0.126 USD/vkm
    premium, unit = indicators.unit_premium(fleet, 2030)
    assert premium == pytest.approx(0.126) and unit == "USD per vkm"
    # at zero carbon price: 40 - 20 = 20 USD/GJ at 10 MJ/vkm -> 0.2 USD/vkm
    gap, _ = indicators.unit_premium(fleet, 2030, with_carbon_price=False)
    assert gap == pytest.approx(0.2)


def test_fleet_macc_prices_biodiesel_at_its_abatement_cost(fleet: Results) -> None:
    curve = indicators.macc(fleet, 2035)
    bio = curve[curve["option"] == "liquid: biodiesel"].iloc[0]
    # (40 - 20) USD/GJ over (0.092 - 0.030) t/GJ well-to-wake avoided
    assert bio["cost_usd_per_t"] == pytest.approx(20 / 0.062)
    assert np.all(np.diff(curve["cost_usd_per_t"]) >= 0)


def test_priority_and_proportional_allocation() -> None:
    requests = {"a": np.array([60.0, 10.0]), "b": np.array([60.0, 10.0])}
    cap = np.array([100.0, 100.0])
    first = allocate(requests, cap, "priority", ["b", "a"])
    assert first["b"].tolist() == [60.0, 10.0] and first["a"].tolist() == [40.0, 10.0]
    shared = allocate(requests, cap, "proportional", [])
    assert shared["a"].tolist() == pytest.approx([50.0, 10.0])

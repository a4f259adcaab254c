"""Upstream needs of a pathway, by hand from the cited parameters."""

from __future__ import annotations

import numpy as np
import pytest

from sectorpath.crosssector import upstream

YEARS = np.array([2020, 2021, 2022])


def test_buying_hydrogen_raises_electricity_by_hydrogen_over_efficiency() -> None:
    p = upstream.parameters()
    base = upstream.needs({"electricity": np.array([36.0, 36.0, 36.0])}, YEARS)
    hydrogen = np.array([0.0, 120.0, 240.0])  # PJ/yr = 0, 1 and 2 Mt H2
    more = upstream.needs({"electricity": np.array([36.0, 36.0, 36.0]), "hydrogen": hydrogen},
                          YEARS)
    assert base.electricity == pytest.approx([10.0, 10.0, 10.0])  # 36 PJ = 10 TWh
    extra = hydrogen / 3.6 / p["electrolyser_efficiency"]
    assert more.electricity - base.electricity == pytest.approx(extra)
    # electrolysers sized at their load factor; capacity added each year is paid once
    gw = extra * 1e3 / 8760 / p["electrolyser_load_factor"]
    assert more.electrolyser_capacity == pytest.approx(gw)
    added = np.array([0.0, gw[1], gw[2] - gw[1]])
    assert more.investment[upstream.ELECTROLYSERS] == pytest.approx(
        added * p["electrolyser_capex"] / 1e3)


def test_storage_investment_is_added_capacity_times_unit_cost() -> None:
    p = upstream.parameters()
    needs = upstream.needs({"co2_storage": np.array([10.0, 30.0, 20.0])}, YEARS)
    assert needs.investment[upstream.CO2_STORAGE] == pytest.approx(
        np.array([0.0, 20.0, 0.0]) * p["co2_storage_capex"] / 1e3)
    total = upstream.combined([needs, needs])
    assert total.co2_storage == pytest.approx([20.0, 60.0, 40.0])


def test_fuel_plants_are_sized_on_their_input_and_paid_when_added() -> None:
    """Aviation's bought hydrogen goes through Fischer-Tropsch synthesis and its biomass
    through biomass-to-liquid plants: 31.536 PJ/yr of input is 1 GW at full load."""
    p = upstream.parameters()
    routes = upstream.fuel_routes("aviation")
    assert routes == {"hydrogen": "fischer_tropsch", "biomass": "biomass_to_liquid"}
    hydrogen = np.array([0.0, 31.536, 63.072])  # 0, 1, 2 GW-years
    biomass = np.array([31.536, 31.536, 31.536])
    needs = upstream.needs({"hydrogen": hydrogen, "biomass": biomass}, YEARS, routes)
    load = p["fuel_plant_load_factor"]
    assert needs.fuel_plant_capacity == pytest.approx((hydrogen + biomass) / 31.536 / load)
    # the biomass plant exists in the first year (not paid); the synthesis grows by 1 GW a year
    assert needs.investment[upstream.FUEL_PLANTS] == pytest.approx(
        np.array([0.0, 1.0, 1.0]) / load * p["fischer_tropsch_capex"] / 1e3)
    # a sector without fuel plants has none, and the total adds them up
    steel = upstream.needs({"hydrogen": hydrogen}, YEARS, upstream.fuel_routes("steel"))
    assert not steel.fuel_plant_capacity.any()
    assert upstream.combined([needs, steel]).investment[upstream.FUEL_PLANTS] == pytest.approx(
        needs.investment[upstream.FUEL_PLANTS])

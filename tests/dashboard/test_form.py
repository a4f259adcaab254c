"""The form: what the browser may send, the messages for bad values, the scenario built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sectorpath
from sectorpath.dashboard.catalog import base_values, catalog, sectors
from sectorpath.dashboard.form import (
    Overrides,
    SideInputs,
    build_scenario,
    edited_name,
    field_label,
    field_names,
    parse,
    scenario_from_dict,
    scenario_toml,
)
from sectorpath.dashboard.headline import cards
from sectorpath.errors import InputError
from sectorpath.inputs import interpolate_path
from sectorpath.scenarios.model import builtin_names, load_scenario


def test_empty_form_is_the_first_scenario_of_steel_unchanged() -> None:
    state = parse({})
    assert state.sector == "steel" and not state.errors
    assert state.sides == {"a": SideInputs(builtin_names("steel")[0], Overrides())}
    assert "b" not in state.sides  # B only when comparing


def test_values_become_overrides_merged_by_year() -> None:
    state = parse({"sector": "steel", "compare": "on", "a.scenario": "carbon-cost",
                   "a.cp.2035": "300", "a.p1.name": "hydrogen", "a.p1.2040": " 2.5 ",
                   "a.demand": "1.2", "a.tech": "EAF", "a.tech_year": "2030",
                   "b.scenario": "baseline", "unrelated": "ignored"})
    assert not state.errors
    a = state.sides["a"].overrides
    assert a.carbon_price == ((2035, 300.0),)
    assert a.prices == (("hydrogen", ((2040, 2.5),)),)
    assert a.demand_scale == 1.2 and a.availability == (("EAF", 2030),)
    assert state.sides["b"] == SideInputs("baseline", Overrides())


def test_built_scenario_merges_the_carbon_price_into_the_published_path() -> None:
    inputs = SideInputs("carbon-cost", Overrides(carbon_price=((2035, 300.0),)))
    scenario = build_scenario("steel", inputs)
    published = load_scenario("steel", "carbon-cost").carbon_price
    assert scenario.carbon_price == {**published, 2035: 300.0}
    # published 140 in 2030 and 205 in 2040: 2033 is 140 + 3/5 x (300 - 140) = 236
    path = interpolate_path(scenario.carbon_price, np.array([2033, 2038]))
    assert path == pytest.approx([236.0, 300 + 3 / 5 * (205 - 300)])
    assert scenario.name == edited_name(inputs) and scenario.name.startswith("carbon-cost-edit-")
    assert "carbon price 2035: 300" in scenario.description


def test_unchanged_scenario_is_the_built_in_one() -> None:
    assert build_scenario("steel", SideInputs("baseline")) == load_scenario("steel", "baseline")


def test_same_changes_same_name_different_changes_different_name() -> None:
    one = SideInputs("baseline", Overrides(demand_scale=1.1))
    assert edited_name(one) == edited_name(SideInputs("baseline", Overrides(demand_scale=1.1)))
    assert edited_name(one) != edited_name(SideInputs("baseline", Overrides(demand_scale=1.2)))


@pytest.mark.parametrize(("field", "value", "problem", "allowed"), [
    ("a.cp.2030", "-5", "'-5' is not a number in range", "a number from 0 to 5000"),
    ("a.cp.2030", "abc", "'abc' is not a number", "USD_2020/t CO2"),
    ("a.cp.2030", "nan", "'nan' is not a number", "from 0 to 5000"),
    ("a.cp.2030", "inf", "'inf' is not a number", "from 0 to 5000"),
    ("a.demand", "0", "'0' is not a number in range", "from 0.1 to 5"),
    ("a.p1.2030", "1e9", "is not a number in range", "USD/GJ"),
    ("a.tech_year", "2030.5", "is not a whole year", "a year from 2020 to 2100"),
    ("a.scenario", "../../etc/passwd.toml", "unknown name", "baseline, carbon-cost"),
    ("a.p1.name", "plutonium", "unknown name", "hydrogen"),
    ("a.tech", "Warp drive", "unknown name", "EAF"),
])
def test_bad_value_names_field_problem_and_allowed(field: str, value: str, problem: str,
                                                   allowed: str) -> None:
    params = {"sector": "steel", field: value}
    if field == "a.tech_year":
        params["a.tech"] = "EAF"
    if field == "a.tech":
        params["a.tech_year"] = "2030"
    state = parse(params)
    error = state.errors[field]
    assert problem in error.problem and allowed in str(error.allowed)
    assert "dashboard form, scenario A" in str(error) and f"'{field}'" in str(error)
    assert "a" not in state.sides  # nothing runs with a bad value


def test_technology_and_year_come_together() -> None:
    assert "a year" in str(parse({"a.tech": "EAF"}).errors["a.tech_year"].allowed)
    assert "no technology" in parse({"a.tech_year": "2030"}).errors["a.tech"].problem


def test_unknown_sector_falls_back_and_says_what_is_allowed() -> None:
    state = parse({"sector": "/etc/passwd"})
    assert state.sector == "steel"
    assert state.errors["sector"].allowed == ", ".join(sectors())


def test_long_values_are_cut_before_anything_reads_them() -> None:
    state = parse({"a.cp.2030": "1" * 10_000})
    assert len(state.raw["a.cp.2030"]) == 40 and "a.cp.2030" in state.errors


def test_sector_change_resets_the_scenario_fields() -> None:
    state = parse({"sector": "shipping", "a.scenario": "carbon-cost", "a.tech": "EAF"},
                  reset_sides=True)
    assert state.raw["a.scenario"] == builtin_names("shipping")[0] and not state.errors
    assert state.raw["a.tech"] == ""


def test_scenario_model_errors_name_the_field() -> None:
    raw = load_scenario("steel", "baseline").model_dump()
    raw["availability"] = {"EAF": 1800}
    with pytest.raises(InputError) as error:
        scenario_from_dict(raw)
    assert error.value.field == "availability.EAF" and "dashboard form" in error.value.source


def test_scenario_file_loads_back_to_the_same_scenario(tmp_path: Path) -> None:
    inputs = SideInputs("carbon-cost", Overrides(
        carbon_price=((2030, 90.0), (2050, 400.0)), prices=(("hydrogen", ((2030, 3.0),)),),
        demand_scale=0.9, availability=(("DRI-EAF_100% green H2", 2040),)))
    path = tmp_path / "edited.toml"
    path.write_text(scenario_toml("steel", inputs))
    loaded = load_scenario("steel", path).model_dump(exclude={"extends"})
    assert loaded == build_scenario("steel", inputs).model_dump(exclude={"extends"})


@pytest.mark.parametrize("sector", sectors())
def test_every_sector_offers_scenarios_prices_and_technologies(sector: str) -> None:
    options = catalog(sector)
    assert list(options.scenarios) == builtin_names(sector)
    assert options.commodities and options.technologies
    first, second = options.price_defaults
    assert first != second or len(options.commodities) == 1
    assert {first, second} <= set(options.commodity_names())
    published = base_values(sector, options.scenarios[0])
    assert set(published.prices) == set(options.commodity_names())
    assert all(np.isfinite([low, high]).all() and low <= high
               for path in published.prices.values() for low, high in path)


def test_defaults_are_hydrogen_and_electricity_where_priced() -> None:
    assert catalog("steel").price_defaults == ("hydrogen", "electricity")
    assert catalog("shipping").price_defaults == ("green_h2", "grid_electricity")
    assert catalog("aluminium").price_defaults[1] == "electricity"


def test_availability_field_delays_a_powertrain_and_rejects_unknown_names() -> None:
    later = build_scenario("trucking", SideInputs("least-cost", Overrides(
        availability=(("fuel_cell", 2040),))))
    sales = sectorpath.run("trucking", later).world("Sales|Transportation|Truck|fuel_cell")
    published = sectorpath.run("trucking", "least-cost").world("Sales|Transportation|Truck|fuel_cell")
    assert published[2035] > 0 and sales[2035] == 0 and sales[2045] > 0
    for sector, scenario in (("trucking", "least-cost"), ("steel", "baseline")):
        raw = load_scenario(sector, scenario).model_dump()
        raw["availability"] = {"warp drive": 2030}
        with pytest.raises(InputError) as error:
            sectorpath.run(sector, scenario_from_dict(raw))
        assert error.value.field == "availability.warp drive" and error.value.allowed


def test_run_refuses_a_scenario_of_another_sector() -> None:
    with pytest.raises(InputError) as error:
        sectorpath.run("cement", load_scenario("steel", "baseline"))
    assert error.value.field == "sector" and error.value.allowed == "cement"


def test_fields_are_named_in_plain_words() -> None:
    assert field_label("a.cp.2030") == "Scenario A, carbon price 2030"
    assert field_label("b.p2.2040") == "Scenario B, price path 2 in 2040"
    assert field_label("a.p1.name") == "Scenario A, price path 1 commodity"
    assert field_label("b.tech_year") == "Scenario B, year the technology is available from"
    assert field_label("sector") == "Sector"
    for side in ("a", "b"):
        assert all("." not in field_label(name) for name in field_names(side))


def test_headline_cards_match_the_run() -> None:
    results = sectorpath.run("steel", "baseline")
    shown = {card.title: card for card in cards(results)}
    emissions = results.world(results.names.emissions)
    assert shown["Emissions 2050"].value == f"{emissions[2050]:,.0f} Mt CO2"
    assert shown["Emissions 2020-2050"].value == f"{emissions.sum() / 1000:,.1f} Gt CO2"
    investment = results.world(results.names.investment).sum()
    assert shown["Investment 2020-2050"].value == f"{investment:,.0f} bn USD"
    assert {"Hydrogen use in 2050", "CO2 storage use in 2050"} <= set(shown)

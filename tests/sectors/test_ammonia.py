"""Ammonia (NH3-eq) on MPP's ammonia model inputs: 2020 calibration, run invariants, MPP's
rules and constraints, the three built-in scenarios and refusal of bad data.

2020 references (MPP's regional stack x MPP's inputs and emission factors, printed by
``python -m tools.build_data ammonia``; tabled in ``docs/validation/chemicals.md`` section
1.2): 195.68 Mt NH3-eq (ammonia 62.8 Mt + urea 197.3 Mt x
0.5671 + ammonium nitrate 49.3 Mt x 0.4255), scope 1 482.09 Mt CO2 (MPP's convention: CO2
bound in urea counted), scope 2 52.38 Mt CO2, nitric-acid N2O 63.57 Mt CO2e (0.2329 Mt N2O).
Tolerance 3%.

The invariant and bad-input helpers here are reused by ``test_methanol.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.diffusion import binding_limits
from sectorpath.errors import InputError
from sectorpath.results import Results
from sectorpath.sectors import get_sector
from tests.conftest import copy_sector_data

SCENARIOS = ("bau", "least-cost", "fastest-abatement")
TOLERANCE = 0.03
WORLD_2020 = {"production": 195.68, "scope1": 482.09, "scope2": 52.38}
N2O_2020_MT = 63.57 / 273.0
#: Mt NH3-eq and Mt CO2 (scope 1) by region, 2020 (docs/validation/chemicals.md section 1.2).
REGIONS_2020 = {
    "Africa": (10.31, 21.11), "China": (60.46, 205.86), "Europe": (18.98, 39.11),
    "India": (15.21, 31.13), "Latin America": (9.95, 20.17), "Middle East": (19.15, 39.03),
    "North America": (19.83, 40.41), "Oceania": (1.72, 3.57), "Rest of Asia": (22.15, 45.19),
    "Russia": (17.93, 36.51),
}
GAS_ROUTES_CHINA = "natural_gas_china"


@pytest.fixture(scope="module")
def runs() -> dict[str, Results]:
    return {name: sectorpath.run("ammonia", name) for name in SCENARIOS}


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    return copy_sector_data("ammonia", tmp_path)


# -- helpers shared with test_methanol.py ---------------------------------------------------------


def assert_run_invariants(results: Results) -> None:
    """World output = world demand after 2020; output within capacity x utilisation_max;
    scope 1 = the asset-by-asset sum; no negative capacity or output."""
    t = results.trajectory
    production = t.production.sum(axis=2)
    capacity = t.capacity.sum(axis=2)
    assert np.allclose(production[1:].sum(axis=1), t.demand[1:].sum(axis=1), rtol=1e-9)
    assert np.all(production[1:] <= capacity[1:] * t.inputs.sector.utilisation_max + 1e-6)
    assert np.all(production[0] <= capacity[0] + 1e-6)
    assert np.allclose(t.emissions[0].sum(axis=(1, 2)), t.asset_scope1, rtol=1e-9, atol=1e-9)
    assert (t.capacity >= 0).all() and (t.production >= -1e-12).all()
    assert (t.stock.capacity > 0).all()


def use_at_ceiling(results: Results, resource: str) -> np.ndarray:
    """(Y, R) use of a limited resource if every asset ran at the utilisation ceiling."""
    t = results.trajectory
    return (t.capacity * t.inputs.sector.utilisation_max * t.inputs.limit_use[resource]).sum(
        axis=2)


def refused(sector: str, data_dir: Path, table: str,
            change: Callable[[pd.DataFrame], None]) -> InputError:
    """Edit one table of a data copy in place, run the sector and return its InputError."""
    path = data_dir / f"{table}.csv"
    frame = pd.read_csv(path, keep_default_na=False)
    change(frame)
    frame.to_csv(path, index=False)
    with pytest.raises(InputError) as caught:
        sectorpath.run(sector, "bau", data_dir=data_dir)
    assert caught.value.source.endswith(f"{table}.csv")
    return caught.value


def drop_column(column: str) -> Callable[[pd.DataFrame], None]:
    def change(frame: pd.DataFrame) -> None:
        del frame[column]
    return change


def set_first(column: str, value: object, where: tuple[str, str] | None = None
              ) -> Callable[[pd.DataFrame], None]:
    """Set ``column`` of the first row (or of the rows where ``where`` = (column, value))."""
    def change(frame: pd.DataFrame) -> None:
        rows = frame.index[:1] if where is None else frame.index[frame[where[0]] == where[1]]
        frame[column] = frame[column].astype(object)
        frame.loc[rows, column] = value
    return change


# -- 2020 calibration ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_2020_world_matches_mpp_stack(runs: dict[str, Results], name: str) -> None:
    world = runs[name].world
    assert world("Production|Chemicals|Ammonia")[2020] == pytest.approx(WORLD_2020["production"],
                                                               rel=TOLERANCE)
    assert world("Emissions|CO2|Industry|Chemicals|Ammonia|Scope 1")[2020] == pytest.approx(WORLD_2020["scope1"],
                                                                          rel=TOLERANCE)
    assert world("Emissions|CO2|Industry|Chemicals|Ammonia|Scope 2")[2020] == pytest.approx(WORLD_2020["scope2"],
                                                                          rel=TOLERANCE)
    assert world("Emissions|CO2|Industry|Chemicals|Ammonia")[2020] == pytest.approx(
        WORLD_2020["scope1"] + WORLD_2020["scope2"], rel=TOLERANCE)


def test_2020_regions_match_mpp_stack(runs: dict[str, Results]) -> None:
    table = runs["bau"].iamc
    first = table[table["year"] == 2020].set_index(["variable", "region"])["value"]
    for region, (production, scope1) in REGIONS_2020.items():
        assert first[("Production|Chemicals|Ammonia", region)] == pytest.approx(production, rel=TOLERANCE)
        assert first[("Emissions|CO2|Industry|Chemicals|Ammonia|Scope 1", region)] == pytest.approx(
            scope1, rel=TOLERANCE)


def test_2020_nitric_acid_n2o_is_reported(runs: dict[str, Results]) -> None:
    n2o = runs["bau"].world("Emissions|N2O|Industry|Chemicals|Ammonia|Nitric Acid")
    assert n2o[2020] == pytest.approx(N2O_2020_MT, rel=TOLERANCE)


def test_demand_is_mpp_products_in_nh3_equivalent() -> None:
    data_dir = get_sector("ammonia").data_dir
    by_product = pd.read_csv(data_dir / "demand_by_product.csv")
    factor = by_product["product"].map({"ammonia": 1.0, "urea": 0.5671,
                                        "ammonium_nitrate": 0.4255})
    expected = (by_product["value"] * factor).groupby(
        [by_product["scenario"], by_product["year"]]).sum()
    demand = pd.read_csv(data_dir / "demand.csv").groupby(["scenario", "year"])["value"].sum()
    assert np.allclose(demand.reindex(expected.index), expected, rtol=2e-4)
    assert expected[("lc", 2050)] == pytest.approx(579.0, rel=0.01)  # MPP NZ (SOURCES.md)


# -- invariants ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_run_invariants(runs: dict[str, Results], name: str) -> None:
    assert_run_invariants(runs[name])


def test_runs_are_identical_run_to_run(runs: dict[str, Results]) -> None:
    pd.testing.assert_frame_equal(runs["least-cost"].iamc,
                                  sectorpath.run("ammonia", "least-cost").iamc)


# -- MPP's rules and constraints -----------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_plant_changes_technology_before_2025(runs: dict[str, Results], name: str) -> None:
    t = runs[name].trajectory
    early = t.switches[(t.inputs.years > 2020) & (t.inputs.years < 2025)].sum(axis=0)
    np.fill_diagonal(early, 0.0)
    assert early.sum() == 0
    assert t.switches[t.inputs.years >= 2025].sum() > 0


@pytest.mark.parametrize("name", SCENARIOS)
def test_global_caps_hold(runs: dict[str, Results], name: str) -> None:
    """CO2 storage, electrolyser capacity and the 2% biomass/pyrolysis share never exceeded."""
    limits = runs[name].trajectory.inputs.limits
    for resource in ("co2_storage", "electrolyser_capacity", "capped_routes"):
        use = use_at_ceiling(runs[name], resource).sum(axis=1)
        assert np.all(use <= limits[resource][:, 0] + 1e-6), resource


@pytest.mark.parametrize("name", SCENARIOS)
def test_regional_bans(runs: dict[str, Results], name: str) -> None:
    """No natural gas use added in China; no geological H2 storage in India."""
    regions = runs[name].trajectory.inputs.regions
    gas = use_at_ceiling(runs[name], GAS_ROUTES_CHINA)[:, regions.index("China")]
    assert np.all(gas <= gas[0] + 1e-6)
    storage = use_at_ceiling(runs[name], "geological_h2_storage_india")[:, regions.index("India")]
    assert np.all(storage == 0)


def test_least_cost_keeps_within_mpp_carbon_pathway(runs: dict[str, Results]) -> None:
    """Within it, or above it by what the run's limit report says (diffusion limits bind)."""
    results = runs["least-cost"]
    emitted = results.world("Emissions|CO2|Industry|Chemicals|Ammonia")
    limit = results.world("Emissions Limit|CO2|Industry|Chemicals|Ammonia")
    excess = np.maximum(emitted.to_numpy()[1:] - limit.to_numpy()[1:] - 1e-6, 0.0)
    report = binding_limits(results).set_index("limit")["refused_total"]
    assert report.get("carbon budget (missed by)", 0.0) == pytest.approx(excess.sum(), abs=1e-3)
    assert emitted[2050] <= limit[2050] + 1e-6
    assert limit[2050] == pytest.approx(31.0)


def test_scenarios_order_2050_emission_intensity(runs: dict[str, Results]) -> None:
    """t CO2 per t NH3-eq in 2050: least cost < 10% of BAU, fastest abatement < 30% of BAU (its
    NZ+Circular demand quadruples, faster than diffusion limits let near-zero plants follow);
    CCS in least cost."""
    intensity = {name: r.world("Emissions|CO2|Industry|Chemicals|Ammonia")[2050]
                 / r.world("Production|Chemicals|Ammonia")[2050] for name, r in runs.items()}
    assert intensity["least-cost"] < 0.1 * intensity["bau"]
    assert intensity["fastest-abatement"] < 0.3 * intensity["bau"]
    assert runs["least-cost"].world("Carbon Capture|Industry|Chemicals|Ammonia")[2050] > 100


# -- bad input ----------------------------------------------------------------------------------

#: (table, edit, field named in the error, text in the problem)
BAD_INPUTS = [
    pytest.param("costs", drop_column("fixed_opex"), "fixed_opex", "missing", id="no-column"),
    pytest.param("prices", set_first("value", -5.0, where=("commodity", "natural_gas")), "value",
                 "natural_gas", id="negative-price"),
    pytest.param("assets", set_first("technology", "Haber-Magic"), "technology", "Haber-Magic",
                 id="unknown-technology"),
    pytest.param("demand", set_first("year", 2061), "year", "2061", id="year-out-of-range"),
    pytest.param("production_2020", set_first("unit", "Mt NH3"), "unit", "Mt NH3",
                 id="product-unit"),
]


@pytest.mark.parametrize(("table", "edit", "field", "text"), BAD_INPUTS)
def test_bad_input_is_refused(data_copy: Path, table: str, edit: Callable[[pd.DataFrame], None],
                              field: str, text: str) -> None:
    error = refused("ammonia", data_copy, table, edit)
    assert (error.field, text in error.problem) == (field, True)

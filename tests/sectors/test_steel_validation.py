"""Steel against MPP's own model (same data, scenario baseline), and the run's invariants.

Tolerances are the acceptance criteria of issue 2: 2020 production within 5% and scope 1+2
within 2%; production within 5% in 2030, 2040 and 2050; cumulative 2020-2050 scope 1+2 within
10%; 2050 scope 1+2 within 20%.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sectorpath
from sectorpath.inputs import load_sector_data
from sectorpath.results import Results
from sectorpath.sectors import get_sector
from tests.conftest import DATA

REFERENCE = pd.read_csv(DATA / "mpp_steel_baseline" / "global_production_emissions.csv",
                        index_col="year")


def _ours(results: Results) -> pd.DataFrame:
    return pd.DataFrame({"production": results.world("Production|Iron and Steel|Steel"),
                         "s12": results.world("Emissions|CO2|Industry|Iron and Steel")})


def test_2020_matches_mpp(steel_baseline: Results) -> None:
    ours = _ours(steel_baseline).loc[2020]
    assert ours["production"] == pytest.approx(REFERENCE.loc[2020, "production"], rel=0.05)
    assert ours["s12"] == pytest.approx(REFERENCE.loc[2020, "s1+s2_mt"], rel=0.02)


@pytest.mark.parametrize("year", [2030, 2040, 2050])
def test_production_matches_mpp(steel_baseline: Results, year: int) -> None:
    ours = _ours(steel_baseline).loc[year, "production"]
    assert ours == pytest.approx(REFERENCE.loc[year, "production"], rel=0.05)


def test_cumulative_and_2050_emissions_match_mpp(steel_baseline: Results) -> None:
    ours = _ours(steel_baseline)["s12"]
    assert ours.sum() == pytest.approx(REFERENCE["s1+s2_mt"].sum(), rel=0.10)
    assert ours[2050] == pytest.approx(REFERENCE.loc[2050, "s1+s2_mt"], rel=0.20)


def test_scope1_intensity_equals_mpp_emissivity_per_technology() -> None:
    """Intensities x scope-1 factors (+process, -captured, -used CO2) = MPP's 'Emissivity'."""
    results = sectorpath.run("steel", "baseline")
    data = load_sector_data(get_sector("steel"))
    reference = data.technologies.set_index("technology")["scope1_reference"]
    ours = pd.Series(results.trajectory.economics.emissions[0, 0, 0],
                     index=results.trajectory.inputs.technologies)
    assert np.allclose(ours, reference.reindex(ours.index), atol=1e-6)


def test_initial_stock_is_mpp_2020_capacity() -> None:
    data = load_sector_data(get_sector("steel"))
    assert data.assets["capacity"].sum() == pytest.approx(
        REFERENCE.loc[2020, "capacity"], rel=1e-6)


def test_production_meets_demand_within_capacity(steel_runs: dict[str, Results]) -> None:
    for results in steel_runs.values():
        t = results.trajectory
        production = t.production.sum(axis=2)  # (Y, R)
        capacity = t.capacity.sum(axis=2)
        # every year after calibration the world produces exactly its demand
        assert np.allclose(production[1:].sum(axis=1), t.demand[1:].sum(axis=1), rtol=1e-9)
        # no region produces beyond its capacity at the utilisation ceiling
        ceiling = t.inputs.sector.utilisation_max
        assert np.all(production[1:] <= capacity[1:] * ceiling + 1e-6)
        assert np.all(production[0] <= capacity[0] + 1e-6)


def test_emissions_equal_sum_over_plants(steel_runs: dict[str, Results]) -> None:
    for results in steel_runs.values():
        t = results.trajectory
        assert np.allclose(t.emissions[0].sum(axis=(1, 2)), t.asset_scope1, rtol=1e-9)


def test_no_negative_capacity_or_production(steel_runs: dict[str, Results]) -> None:
    for results in steel_runs.values():
        t = results.trajectory
        assert (t.capacity >= 0).all() and (t.production >= -1e-12).all()
        assert (t.stock.capacity > 0).all()


def test_runs_are_identical_run_to_run(steel_baseline: Results) -> None:
    again = sectorpath.run("steel", "baseline")
    pd.testing.assert_frame_equal(steel_baseline.iamc, again.iamc)


def test_iamc_world_is_sum_of_regions_and_technologies(steel_baseline: Results) -> None:
    table = steel_baseline.iamc
    scope1 = table[table["variable"] == "Emissions|CO2|Industry|Iron and Steel|Scope 1"]
    world = scope1[scope1["region"] == "World"].set_index("year")["value"]
    regions = scope1[scope1["region"] != "World"].groupby("year")["value"].sum()
    assert np.allclose(world, regions)
    by_tech = table[(table["region"] == "World")
                    & table["variable"].str.startswith("Emissions|CO2|Industry|Iron and Steel|Scope 1|")]
    assert np.allclose(by_tech.groupby("year")["value"].sum(), world)


def test_scenarios_order_emissions_as_expected(steel_runs: dict[str, Results]) -> None:
    """A carbon price and fastest abatement each cut cumulative emissions below baseline."""
    cumulative = {name: r.world("Emissions|CO2|Industry|Iron and Steel").sum()
                  for name, r in steel_runs.items()}
    assert cumulative["carbon-cost"] < 0.8 * cumulative["baseline"]
    assert cumulative["fastest-abatement"] < cumulative["carbon-cost"]


def _use_at_ceiling(results: Results, resource: str) -> np.ndarray:
    t = results.trajectory
    per_mt = t.inputs.limit_use[resource]
    return (t.capacity * t.inputs.sector.utilisation_max * per_mt).sum(axis=2)


def test_decisions_never_add_scrap_use_beyond_the_cap(steel_runs: dict[str, Results]) -> None:
    """Scrap (regional cap: published availability + 10%) is only exceeded where the 2020
    stock already exceeded it, and there decisions never add to it."""
    for results in steel_runs.values():
        use = _use_at_ceiling(results, "scrap")
        cap = results.trajectory.inputs.limits["scrap"]
        over = use[1:] > cap[1:] + 1e-6
        assert np.all(use[1:][over] <= use[:-1][over] + 1e-6)


def test_biomass_use_within_its_shrinking_cap(steel_runs: dict[str, Results]) -> None:
    """Biomass for steel falls to zero by 2050 in MPP's data; the stock follows it down."""
    for results in steel_runs.values():
        use = _use_at_ceiling(results, "biomass").sum(axis=1)
        cap = results.trajectory.inputs.limits["biomass"][:, 0]
        assert np.all(use <= cap + 1e-6)


def test_annual_carbon_budget_holds_every_year(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "budget.toml"
    path.write_text('extends = "baseline"\nname = "budget"\n[constraints]\n'
                    "carbon_budget = { 2020 = 3200, 2030 = 2000, 2050 = 800 }\n")
    results = sectorpath.run("steel", path)
    emitted = results.world("Emissions|CO2|Industry|Iron and Steel").to_numpy()
    limit = results.world("Emissions Limit|CO2|Industry|Iron and Steel").to_numpy()
    assert np.all(emitted <= limit + 1e-6)
    assert limit[-1] == pytest.approx(800.0)


def test_total_carbon_budget_becomes_a_path_that_adds_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "total.toml"
    path.write_text('extends = "baseline"\nname = "total"\n[constraints]\n'
                    "carbon_budget_total = 60.0\n")
    results = sectorpath.run("steel", path)
    limit = results.world("Emissions Limit|CO2|Industry|Iron and Steel")
    assert limit.sum() == pytest.approx(60_000.0, rel=1e-9)
    assert limit[2020] == pytest.approx(results.world("Emissions|CO2|Industry|Iron and Steel")[2020])
    emitted = results.world("Emissions|CO2|Industry|Iron and Steel")
    assert np.all(emitted.to_numpy() <= limit.to_numpy() + 1e-6)


def test_switch_capex_rules_on_hand_cases() -> None:
    """A few moves of the switch-capex rule with made-up capex (USD/t)."""
    from sectorpath.sectors.steel import switch_capex

    techs = ["Avg BF-BOF", "BAT BF-BOF", "BAT BF-BOF_H2 PCI", "BAT BF-BOF+CCUS", "DRI-EAF",
             "DRI-Melt-BOF", "EAF", "Electrolyzer-EAF"]
    green = np.array([100.0, 200.0, 210.0, 300.0, 150.0, 170.0, 50.0, 400.0])
    renewal = np.array([10.0, 20.0, 21.0, 30.0, 15.0, 17.0, 5.0, 40.0])
    capex = switch_capex(green, renewal, techs)
    k = {t: i for i, t in enumerate(techs)}
    assert capex[k["EAF"], k["EAF"]] == 5.0  # staying: relining
    assert capex[k["Avg BF-BOF"], k["BAT BF-BOF_H2 PCI"]] == 20.0  # BAT relining
    assert capex[k["BAT BF-BOF"], k["BAT BF-BOF_H2 PCI"]] == 20.0  # own relining
    assert capex[k["BAT BF-BOF"], k["BAT BF-BOF+CCUS"]] == 20.0 + 100.0  # + capture unit
    assert capex[k["Avg BF-BOF"], k["DRI-Melt-BOF"]] == 150.0 - 50.0  # DRI plant only
    assert capex[k["DRI-EAF"], k["Electrolyzer-EAF"]] == 400.0 - (50.0 - 5.0)  # keeps the EAF
    assert capex[k["Avg BF-BOF"], k["EAF"]] == 50.0  # anything else: greenfield



def _regional(results: Results, variable: str) -> np.ndarray:
    """(Y, R) a variable's regional values in the run's year and region order."""
    iamc = results.iamc
    rows = iamc[(iamc["variable"] == variable) & (iamc["region"] != "World")]
    table = rows.pivot_table(index="year", columns="region", values="value")
    return table.reindex(index=results.years,
                         columns=results.trajectory.inputs.regions).to_numpy()


def test_electricity_bought_and_made_apart_add_up_to_net_use(steel_runs: dict[str, Results]
                                                             ) -> None:
    """Final energy electricity is never negative; what blast furnaces make from off-gases is
    reported as secondary energy, and bought - made = the run's net use (negative in China in
    2020, the case that needed the split)."""
    for results in steel_runs.values():
        t = results.trajectory
        net = t.use[..., t.inputs.commodities.index("electricity")].sum(axis=2)  # (Y, R)
        bought = _regional(results, "Final Energy|Industry|Iron and Steel|Electricity")
        made = _regional(results, "Secondary Energy|Electricity|Industry|Iron and Steel|Off-Gas")
        assert (bought >= 0).all() and (made >= 0).all()
        np.testing.assert_allclose(bought - made, net, atol=1e-6)
        assert net[0, t.inputs.regions.index("China")] < 0

"""The fleet engine on a made-up two-region road fleet (tests/data/toy_fleet) and hand cases."""

from __future__ import annotations

from math import gamma

import numpy as np
import pytest

from sectorpath.engine.fleet import (
    FleetTrajectory,
    adoption_ceiling,
    blend_fuels,
    share_sales,
    simulate_fleet,
    steady_state_ages,
    survival_ratio,
)
from sectorpath.errors import InputError
from sectorpath.fleet_inputs import (
    build_fleet_inputs,
    grown_activity,
    history_growth,
    load_fleet_data,
    step_rates,
)
from sectorpath.scenarios.model import FleetScenario
from sectorpath.sectors.base import Fleet
from tests.conftest import DATA

TOY = Fleet(name="toy", label="Toy", activity_unit="billion vkm",
            data_dir=DATA / "toy_fleet")


def _run(**scenario: object) -> FleetTrajectory:
    chosen = FleetScenario.model_validate({"name": "toy", "sector": "toy", **scenario})
    return simulate_fleet(build_fleet_inputs(load_fleet_data(TOY), chosen))


@pytest.fixture(scope="module")
def toy() -> FleetTrajectory:
    return _run()


def test_activity_is_served_every_year(toy: FleetTrajectory) -> None:
    served = toy.activity.sum(axis=2)
    assert np.allclose(served, toy.inputs.activity)
    assert served[0].sum() == pytest.approx(100.0) and served[-1].sum() == pytest.approx(160.0)


def test_fuel_energy_equals_activity_times_intensity(toy: FleetTrajectory) -> None:
    assert np.allclose(toy.fuel_energy.sum(axis=(1, 2)), toy.energy.sum(axis=(1, 2)))
    # first year: the whole fleet is diesel at its published average of 10 MJ/vkm
    assert toy.energy[0].sum() == pytest.approx(100.0 * 10.0)


def test_blends_sum_to_one_and_meet_the_mandate(toy: FleetTrajectory) -> None:
    x = toy.inputs
    blend = toy.blend
    liquid = x.fuel_carrier == x.carriers.index("liquid")
    assert np.allclose(blend[:, :, liquid].sum(axis=2), 1.0)
    bio = x.fuels.index("biodiesel")
    years = x.years
    assert np.all(blend[years < 2030, :, bio] == 0.0)  # dearer than diesel, no mandate yet
    assert blend[years == 2030, 0, bio] == pytest.approx(0.1)
    assert blend[years == 2050, 0, bio] == pytest.approx(0.3)


def test_emissions_add_up_over_fuels_and_powertrains(toy: FleetTrajectory) -> None:
    x = toy.inputs
    by_fuel = (toy.fuel_energy * x.ttw).sum(axis=(1, 2))
    assert np.allclose(toy.ttw.sum(axis=(1, 2)), by_fuel)


def test_sales_shares_sum_to_one_within_the_adoption_ceiling(toy: FleetTrajectory) -> None:
    shares = toy.sales_share[1:]
    assert np.allclose(shares.sum(axis=2), 1.0)
    bev = toy.inputs.powertrains.index("bev")
    ceiling = 1 / (1 + np.exp(-0.5 * (toy.inputs.years[1:] - 2030)))
    assert np.all(shares[:, :, bev] <= ceiling[:, None] + 1e-9)
    assert toy.vehicles[-1, :, bev].sum() > 0


def test_fixed_sales_share_from_the_scenario() -> None:
    trajectory = _run(transport={"sales_share": {"bev": {2021: 0.2, 2050: 0.8}}})
    bev = trajectory.inputs.powertrains.index("bev")
    assert trajectory.sales_share[1, :, bev] == pytest.approx([0.2, 0.2])
    assert trajectory.sales_share[-1, :, bev] == pytest.approx([0.8, 0.8])


def test_growth_override_and_operations_gain() -> None:
    base = _run()
    lean = _run(transport={"activity_growth": {"road": 0.0}, "growth_from": 2021,
                           "operations_gain": {2020: 0.1}})
    assert np.allclose(lean.activity.sum(axis=2), base.inputs.activity[0])
    assert lean.energy[0].sum() == pytest.approx(0.9 * base.energy[0].sum())


def test_survival_ratio_follows_the_weibull_curve() -> None:
    ratio = survival_ratio(np.array([[15.0]]), 3.0)[0, 0]
    scale = 15.0 / gamma(1 + 1 / 3)
    survived_10 = np.prod(ratio[:10])
    assert survived_10 == pytest.approx(np.exp(-((10 / scale) ** 3)))


def test_share_sales_respects_floors_ceilings_and_fixed() -> None:
    tco = np.array([[1.0, 1.0, 2.0]])
    offered = np.ones((1, 3), bool)
    shares = share_sales(tco, offered, ceiling=np.array([[1.0, 0.1, 1.0]]),
                         floor=np.array([[0.0, 0.0, 0.3]]), fixed=np.full((1, 3), np.nan),
                         sensitivity=10.0)
    assert shares.sum() == pytest.approx(1.0)
    assert shares[0, 1] == pytest.approx(0.1) and shares[0, 2] == pytest.approx(0.3)
    fixed = share_sales(tco, offered, np.ones((1, 3)), np.zeros((1, 3)),
                        np.array([[np.nan, 0.5, np.nan]]), 10.0)
    assert fixed[0, 1] == 0.5 and fixed.sum() == pytest.approx(1.0)


def test_adoption_ceiling_is_zero_before_availability() -> None:
    ceiling = adoption_ceiling(2025, np.array([2030.0]), np.array([0.5]), np.array([2026]))
    assert ceiling[0] == 0.0
    assert adoption_ceiling(2030, np.array([2030.0]), np.array([0.5]),
                            np.array([2020]))[0] == pytest.approx(0.5)


def test_blend_respects_supply_limits_and_backstop() -> None:
    demand = np.array([[100.0]])  # one region, one carrier
    cost = np.array([[10.0, 5.0, 7.0]])  # fuel 1 cheapest, then 2, then 0 (backstop)
    limit = np.array([np.inf, 30.0, 20.0])
    energy = blend_fuels(demand, cost, np.zeros((1, 3)), limit, np.zeros(3, int), 1)
    assert energy[0].tolist() == [50.0, 30.0, 20.0]


def test_price_override_and_world_activity_path() -> None:
    trajectory = _run(prices={"biodiesel": {2020: 10.0}},
                      demand={"world_path": {2020: 100.0, 2050: 130.0}})
    x = trajectory.inputs
    assert np.allclose(x.fuel_price[:, :, x.fuels.index("biodiesel")], 10.0)
    assert trajectory.activity.sum(axis=(1, 2))[-1] == pytest.approx(130.0)
    # at 10 USD/GJ biodiesel is cheaper than diesel: it takes the whole liquid blend
    liquid = x.fuel_carrier == x.carriers.index("liquid")
    assert trajectory.blend[5, 0, x.fuels.index("biodiesel")] == pytest.approx(1.0)
    assert liquid.sum() == 2


def test_well_to_wake_carbon_price_reaches_upstream_emissions() -> None:
    """Biodiesel (40 USD/GJ, 0 + 0.030 t/GJ) against diesel (20 USD/GJ, 0.074 + 0.018 t/GJ):
    priced on tank-to-wake, biodiesel wins above 20 / 0.074 = 270 USD/t; priced well-to-wake,
    only above 20 / 0.062 = 323 USD/t. At 300 USD/t the basis decides (2025: no mandate)."""
    ttw = _run(carbon_price={2020: 300.0})
    wtw = _run(carbon_price={2020: 300.0}, transport={"carbon_price_basis": "well-to-wake"})
    bio = ttw.inputs.fuels.index("biodiesel")
    assert ttw.blend[5, 0, bio] == pytest.approx(1.0)
    assert wtw.blend[5, 0, bio] == pytest.approx(0.0)


def test_retrofits_convert_old_vehicles_when_it_pays() -> None:
    """Per vkm, a diesel truck costs 10 MJ x 20 USD/GJ + 0.5 opex = 0.70 USD to keep; converted
    to battery, 3.5 MJ x 30 USD/GJ + 0.4 = 0.505 plus the conversion (0.08 M USD over 0.1 M vkm
    a year, annuity at 7% over the remaining life: 0.09-0.2 USD): it pays for the younger
    eligible vintages. With free liquid fuels (0.5 USD to keep) it never pays."""
    run = _run()
    x = run.inputs
    bev = x.powertrains.index("bev")
    retrofits = run.investment[2].sum(axis=(1, 2))
    assert retrofits[x.years < 2025].sum() == 0.0  # not before the retrofit is available
    assert retrofits[x.years == 2025] > 0.0
    assert np.allclose(run.activity.sum(axis=2), x.activity)  # activity still served
    # converted trucks run at the battery truck's share of the diesel intensity (3.5/10)
    per_vkm = run.energy[x.years == 2025][0, :, bev] / run.activity[x.years == 2025][0, :, bev]
    assert np.all(per_vkm < 0.4 * 10.0)
    cheap = _run(prices={"fossil_diesel": {2020: 0.0}, "biodiesel": {2020: 0.0}})
    assert cheap.investment[2].sum() == 0.0


# -- activity growth as users state it ----------------------------------------------------------


def test_grown_activity_keeps_the_path_before_the_start_by_hand() -> None:
    published = np.array([[100.0], [50.0], [80.0], [90.0]])  # a dip in year 1
    rates = np.full((4, 1), 0.10)
    grown = grown_activity(published, 2, rates)
    assert grown[:, 0].tolist() == pytest.approx([100.0, 50.0, 55.0, 60.5])


def test_step_rates_by_period() -> None:
    years = np.arange(2019, 2051)
    rates = step_rates({2025: 0.03, 2030: 0.02, 2040: 0.01}, years)
    assert rates[years == 2029][0] == 0.03 and rates[years == 2030][0] == 0.02
    assert rates[years == 2050][0] == 0.01 and rates[years == 2019][0] == 0.03
    assert np.all(step_rates(0.02, years) == 0.02)


def test_growth_from_a_year_on_top_of_the_published_path() -> None:
    base = _run()
    grown = _run(transport={"activity_growth": {"road": {2030: 0.05, 2040: -0.01}},
                            "growth_from": 2030})
    x, y = base.inputs, grown.inputs
    years = x.years
    assert np.allclose(y.activity[years < 2030], x.activity[years < 2030])
    i = int(np.flatnonzero(years == 2030)[0])
    assert np.allclose(y.activity[i], x.activity[i - 1] * 1.05)
    assert np.allclose(y.activity[-1], x.activity[i - 1] * 1.05 ** 10 * 0.99 ** 11)


def test_growth_by_market_overrides_its_segment() -> None:
    grown = _run(transport={"activity_growth": {"road": 0.0, "road|South": 0.1},
                            "growth_from": 2021})
    x = grown.inputs
    b = x.regions.index("South")
    assert np.allclose(x.activity[1, b], 1.1 * x.activity[0, b])
    assert np.allclose(x.activity[1, 1 - b], x.activity[0, 1 - b])


@pytest.mark.parametrize(("transport", "field"), [
    ({"activity_growth": {"road": 0.02}}, "growth_from"),
    ({"growth_from": 2025}, "growth_from"),
    ({"activity_growth": {"road": 0.9}, "growth_from": 2025}, "0.5"),
])
def test_growth_without_a_start_or_out_of_range_is_refused(transport: dict[str, object],
                                                            field: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=field):
        FleetScenario.model_validate({"name": "toy", "sector": "toy", "transport": transport})


def test_growth_of_an_unknown_segment_or_from_the_first_year_is_refused() -> None:
    with pytest.raises(InputError, match=r"activity_growth\.rail"):
        _run(transport={"activity_growth": {"rail": 0.02}, "growth_from": 2025})
    with pytest.raises(InputError, match="growth_from"):
        _run(transport={"activity_growth": {"road": 0.02}, "growth_from": 2020})


def test_world_path_in_another_unit_is_refused() -> None:
    with pytest.raises(InputError, match="billion vkm"):
        _run(demand={"world_path": {2020: 0.1, 2050: 0.13}})


def test_age_profile_follows_the_scenario_growth() -> None:
    activity = np.array([[100.0], *([[100.0 * 1.05 ** k] for k in range(1, 12)])])
    assert history_growth(activity)[0] == pytest.approx(0.05)
    slow = _run(transport={"activity_growth": {"road": 0.0}, "growth_from": 2021})
    fast = _run(transport={"activity_growth": {"road": 0.08}, "growth_from": 2021})
    assert slow.inputs.fleet_growth == pytest.approx([0.0, 0.0])
    assert fast.inputs.fleet_growth == pytest.approx([0.08, 0.08])
    # a fleet that grew faster is younger: mean age by the steady-state profile
    ages = steady_state_ages(np.full((2, 1), 20.0), 3.0, np.array([0.0, 0.08]))
    mean_age = (ages * np.arange(ages.shape[-1])).sum(axis=-1)[:, 0]
    assert mean_age[1] < mean_age[0] - 2.0
    assert fast.energy[0].sum() == pytest.approx(slow.energy[0].sum())

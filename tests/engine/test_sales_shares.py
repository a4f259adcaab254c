"""Sales shares within floors and ceilings (engine/fleet.py ``_fit_within``), by hand, and the
issue-12 regression: shares never add up to more than 1, whatever the weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sectorpath
from sectorpath.engine.fleet import _fit_within
from sectorpath.errors import InputError
from sectorpath.reporting.blocks import ResultError
from sectorpath.scenarios.model import validate_scenario


def _fit(weights: list[float], low: list[float], high: list[float], total: float = 1.0
         ) -> np.ndarray:
    return _fit_within(np.array([weights]), np.array([low]), np.array([high]),
                       np.array([[total]]))[0]


def test_equal_weights_share_equally() -> None:
    assert _fit([1, 1], [0, 0], [1, 1]) == pytest.approx([0.5, 0.5])


def test_a_binding_ceiling_hands_the_rest_to_the_others() -> None:
    # 3:1 would give 0.75/0.25; the first is capped at 0.5, so the second takes 0.5
    assert _fit([3, 1], [0, 0], [0.5, 1]) == pytest.approx([0.5, 0.5])


def test_floors_are_kept_and_the_rest_follows_the_weights() -> None:
    # floor 0.4 on the second: lambda x (1, 1) clipped -> 0.5/0.5 already meets it
    assert _fit([1, 1], [0, 0.4], [1, 1]) == pytest.approx([0.5, 0.5])
    # floor 0.8 on the second: it gets 0.8, the first the remaining 0.2
    assert _fit([1, 1], [0, 0.8], [1, 1]) == pytest.approx([0.2, 0.8])


def test_tiny_weights_still_add_up_exactly() -> None:
    # a bisection over lambda in [0, 1e200] cannot converge here (issue 12, defect 3)
    shares = _fit([1.0, 1e-200, 1e-250], [0, 0, 0], [0.3, 1, 1])
    assert shares.sum() == pytest.approx(1.0, abs=1e-12)
    assert shares[0] == pytest.approx(0.3) and shares[1] == pytest.approx(0.7)
    assert np.all(shares <= np.array([0.3, 1, 1]) + 1e-12)


def test_trucking_at_an_extreme_carbon_price_never_sells_more_than_everything(
        tmp_path: Path) -> None:
    path = tmp_path / "extreme.toml"
    path.write_text('extends = "baseline"\nname = "extreme"\ncarbon_price = {2020 = 0, '
                    '2030 = 5000}\n')
    results = sectorpath.run("trucking", path)
    totals = results.trajectory.sales_share.sum(axis=2)  # (Y, M)
    sold = totals > 0
    assert np.all(totals[sold] <= 1 + 1e-9)
    assert np.all(totals[sold] >= 1 - 1e-9)


def _trucking(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(f'extends = "baseline"\nname = "mine"\n{body}')
    return path


def test_availability_binds_for_an_incumbent_powertrain(tmp_path: Path) -> None:
    # issue 12, defect 2: diesel made available only from 2040 used to keep selling
    results = sectorpath.run("trucking", _trucking(tmp_path, "[availability]\ndiesel = 2040\n"))
    x = results.trajectory.inputs
    diesel = results.trajectory.sales_share[:, :, x.powertrains.index("diesel")]
    years = list(x.years)
    assert diesel[years.index(2030)].max() == 0.0
    assert diesel[years.index(2045)].max() > 0.0


def test_fixed_sales_shares_above_one_are_refused(tmp_path: Path) -> None:
    body = "[transport.sales_share]\ndiesel = {2030 = 0.8}\nbattery_electric = {2030 = 0.8}\n"
    with pytest.raises(InputError) as caught:
        sectorpath.run("trucking", _trucking(tmp_path, body))
    assert caught.value.field == "transport.sales_share" and "1.6" in caught.value.problem


def test_no_fixed_sales_shares_is_a_valid_scenario() -> None:
    """An empty ``[transport.sales_share]`` (what the dashboard sends) passes the sum check."""
    scenario = validate_scenario("trucking", {"sector": "trucking", "name": "empty",
                                              "transport": {"sales_share": {}}}, "test")
    assert scenario.transport.sales_share == {}


def test_fixed_sales_shares_that_serve_nothing_stop_the_run_with_the_amount(
        tmp_path: Path) -> None:
    body = "[transport.sales_share]\n" + "".join(
        f"{p} = {{2020 = 0}}\n" for p in ("diesel", "battery_electric", "fuel_cell", "catenary"))
    with pytest.raises(ResultError, match="not served"):
        sectorpath.run("trucking", _trucking(tmp_path, body))

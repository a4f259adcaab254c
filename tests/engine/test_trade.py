"""Regional balance with trade: totals, bounds, and who opens or closes capacity."""

from __future__ import annotations

import numpy as np
import pytest

from sectorpath.engine.trade import balance_regions

LOW, HIGH = 0.6, 0.95


def _balance(demand, capacity, utilisation, cost, boundary=0.0):  # type: ignore[no-untyped-def]
    return balance_regions(np.array(demand, float), np.array(capacity, float),
                           np.array(utilisation, float), np.array(cost, float),
                           np.full(len(demand), boundary), LOW, HIGH)


def test_world_production_equals_world_demand() -> None:
    result = _balance([100, 50, 80], [120, 100, 60], [0.8, 0.8, 0.8], [300, 350, 400])
    assert result.production.sum() == pytest.approx(230.0)


def test_cheap_region_with_spare_capacity_exports_to_dear_deficit_region() -> None:
    # region 0 cheap, surplus at 0.8 (80 vs 50); region 1 dear, short (30 of 60)
    result = _balance([50, 60], [100, 40], [0.8, 0.75], [300, 400])
    assert result.production[0] > 50 and result.production[1] < 60
    assert result.production.sum() == pytest.approx(110.0)
    assert result.open_capacity.sum() == pytest.approx(0.0)


def test_domestic_region_short_of_capacity_opens_enough_for_the_ceiling() -> None:
    result = _balance([100], [80], [0.9], [300])
    assert result.open_capacity[0] == pytest.approx(100 / HIGH - 80)
    assert result.production[0] == pytest.approx(100.0)


def test_domestic_region_with_too_much_capacity_closes_down_to_the_floor() -> None:
    result = _balance([30], [100], [0.6], [300])
    assert result.close_capacity[0] == pytest.approx(100 - 30 / LOW)


def test_world_deficit_is_built_in_the_cheapest_competitive_region() -> None:
    # both run at the ceiling and both are short; region 1 is cheap and builds
    result = _balance([200, 200], [100, 100], [0.95, 0.95], [400, 300], boundary=0.05)
    assert result.production.sum() == pytest.approx(400.0)
    assert (result.open_capacity[1] + 100) * HIGH >= result.production[1] - 1e-9

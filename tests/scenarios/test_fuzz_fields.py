"""Fuzz over scenario fields (issue 12): every bad value of every numeric field of a plant and
a fleet scenario ends in a clear error naming the file and the field, or in a valid result
(finite, non-negative where physical, every limit met or reported). Never a traceback, never
a quietly shortened table."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import sectorpath
from sectorpath.errors import InputError

BAD_NUMBERS = (math.nan, math.inf, -math.inf, -1.0, 0.0, 1e12)
#: (sector, dotted field) -> the bad values tried (numbers from BAD_NUMBERS unless given).
FIELDS: dict[tuple[str, str], tuple[Any, ...]] = {
    ("steel", "carbon_price.2030"): BAD_NUMBERS,
    ("steel", "prices.electricity.2030"): BAD_NUMBERS,
    ("steel", "demand.scale"): BAD_NUMBERS,
    ("steel", "demand.world_path.2030"): (math.nan, -1.0, 0.0, 1e12),
    ("steel", "constraints.carbon_budget.2030"): (math.nan, -1.0, 0.0),
    ("steel", "constraints.carbon_budget_total"): (math.nan, 0.0, -1.0, 0.5, 1e12),
    ("steel", "constraints.max_switching_capacity.2030"): (math.nan, -1.0, 0.0),
    ("steel", "economics.discount_rate"): (math.nan, 0.0, 0.6, -0.1),
    ("steel", "economics.tco_horizon_years"): (0, 100),
    ("steel", "choice.cost_weight"): (math.nan, 2.0, -1.0),
    ("steel", "choice.cost_bands"): ([math.nan], [math.inf]),
    ("steel", "availability.EAF"): (1000, 3000),
    ("steel", "transport.load_factor.2030"): (1.0,),
    ("steel", "cases.prices.unobtainium"): ("high",),
    ("trucking", "carbon_price.2030"): BAD_NUMBERS,
    ("trucking", "prices.hydrogen.2030"): BAD_NUMBERS,
    ("trucking", "demand.scale"): (math.nan, math.inf, 0.0, -1.0),
    ("trucking", "transport.load_factor.2030"): (math.nan, 0.0, -1.0),
    ("trucking", "transport.operations_gain.2030"): (math.nan, 1.0, 1.5, -0.1),
    ("trucking", "transport.efficiency_gain.diesel"): (math.nan, 1.0, -0.1),
    ("trucking", "transport.activity_growth.heavy"): (math.nan, -1.0, -2.0, 5.0),
    ("trucking", "transport.fuel_share.hydrogen.2030"): (math.nan, 1.5, -0.5),
    ("trucking", "transport.sales_share.diesel.2030"): (math.nan, 1.5, 0.0),
    ("trucking", "constraints.carbon_budget.2030"): (100.0,),
    ("trucking", "choice.rule"): ("fastest-abatement",),
    ("trucking", "cases.prices.unobtainium"): ("high",),
}
BASE = {"steel": "baseline", "trucking": "baseline"}
#: Quantities that cannot be negative. (Not final energy: steel's net electricity is negative
#: where off-gas power plants export more than the plants buy: a net figure, to be split.)
PHYSICAL = ("Production|", "Capacity|", "Energy Service|", "Activity|", "Fuel Use|", "Stock|",
            "Sales|", "Investment|")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _scenario(tmp_path: Path, sector: str, field: str, value: Any) -> Path:
    *tables, key = field.split(".")
    lines = [f'extends = "{BASE[sector]}"', 'name = "fuzz"']
    if tables:
        lines.append(f"[{'.'.join(tables)}]")
    lines.append(f"{key} = {_toml_value(value)}")
    path = tmp_path / "fuzz.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


CASES = [(sector, field, value) for (sector, field), values in FIELDS.items()
         for value in values]


@pytest.mark.parametrize(("sector", "field", "value"), CASES,
                         ids=[f"{s}-{f}={v!r}" for s, f, v in CASES])
def test_a_bad_value_is_a_clear_error_or_a_valid_result(tmp_path: Path, sector: str,
                                                        field: str, value: Any) -> None:
    path = _scenario(tmp_path, sector, field, value)
    try:
        results = sectorpath.run(sector, path)
    except InputError as error:
        assert error.source and error.field, error  # names the file and the field
        top = field.split(".")[0]
        assert error.field.split(".")[0] in (top, "scenario", "demand"), error
        return
    table = results.iamc
    assert np.isfinite(table["value"].to_numpy(float)).all()
    physical = table[table["variable"].str.startswith(PHYSICAL)]
    assert (physical["value"] >= -1e-9).all(), physical[physical["value"] < -1e-9].head()
    assert results.model.check(results.trajectory) == []

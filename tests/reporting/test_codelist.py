"""Every IAMC output validates against the package's codelist and passes pyam's aggregate
checks: a variable's direct children add up to it, and World to the sum of regions."""

from __future__ import annotations

import pandas as pd
import pyam
import pytest

import sectorpath
from sectorpath.crosssector import TOTAL, chemicals, run_all
from sectorpath.reporting.codelist import aggregates, problems
from sectorpath.reporting.names import Names
from sectorpath.scenarios.model import builtin_names
from sectorpath.sectors import get_sector, sector_names

SECTORS = [Names.of(get_sector(name)) for name in sector_names()]  # type: ignore[arg-type]
EVERYONE = [*SECTORS, Names(TOTAL, TOTAL, TOTAL), chemicals.NAMES]
RUNS = [(sector, name) for sector in sector_names() for name in builtin_names(sector)]


def _check(table: pd.DataFrame) -> None:
    assert problems(table, EVERYONE) == []
    summed, extensive = aggregates(table, EVERYONE)
    frame = pyam.IamDataFrame(table)
    assert summed, "no aggregate to check"
    # an aggregate reported by region is checked in every region; one reported for World
    # only (the cross-sector totals) at World
    regional = set(table.loc[table["region"] != "World", "variable"])
    by_region = [v for v in summed if v in regional]
    world_only = [v for v in summed if v not in regional]
    if by_region:
        failed = frame.check_aggregate(by_region, rtol=1e-9, atol=1e-6)
        assert failed is None, failed
    if world_only:
        failed = frame.filter(region="World").check_aggregate(world_only, rtol=1e-9, atol=1e-6)
        assert failed is None, failed
    if len(frame.region) > 1:
        failed = frame.check_aggregate_region(extensive, rtol=1e-9, atol=1e-6)
        assert failed is None, failed


@pytest.mark.parametrize(("sector", "scenario"), RUNS)
def test_every_builtin_scenario_validates(sector: str, scenario: str) -> None:
    _check(sectorpath.run(sector, scenario).iamc)


def test_the_cross_sector_run_validates() -> None:
    _check(run_all("baseline").iamc)


def test_an_unknown_variable_or_a_wrong_unit_is_reported() -> None:
    steel = SECTORS[sector_names().index("steel")]
    table = pd.DataFrame({"model": "m", "scenario": "s", "region": "World", "year": 2020,
                          "value": 1.0, "variable": [steel.production, "Made|Up", steel.emissions],
                          "unit": ["Mt/yr", "Mt/yr", "kt CO2/yr"]})
    found = problems(table, SECTORS)
    assert found == ["Emissions|CO2|Industry|Iron and Steel: unit ['kt CO2/yr'], codelist "
                     "allows ['Mt CO2/yr']", "Made|Up: not in the codelist (variables.yaml)"]

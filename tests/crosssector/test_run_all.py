"""All sectors in one run, sharing capped resources."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sectorpath
from sectorpath.crosssector import resource_use, run_all
from sectorpath.crosssector.reference import table as table_
from sectorpath.errors import InputError

TIGHT_HYDROGEN = """
name = "tight-hydrogen"
[sectors]
steel = "baseline"
cement = "fastest-abatement"
[shared]
rule = "priority"
priority = ["cement", "steel"]
[shared.limits.hydrogen]
path = { 2020 = 600, 2050 = 600 }
"""


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("all") / "tight.toml"
    path.write_text(TIGHT_HYDROGEN)
    return run_all(path)


def test_tight_hydrogen_cap_holds_and_moves_steel_to_its_next_best(tight) -> None:  # type: ignore[no-untyped-def]
    table = tight.allocation
    total = table.groupby("year")["used"].sum()
    assert (total <= 600.0 + 1e-6).all()
    steel = table[table["sector"] == "steel"].set_index("year")
    assert steel["constrained"].any() and (steel["used"] <= steel["allocated"] + 1e-6).all()
    # unconstrained, steel burns over 2,000 PJ of hydrogen by 2040; capped, it moves to
    # technologies that need none: hydrogen-based production falls and output is unchanged
    free = sectorpath.run("steel", "baseline")
    capped = tight.runs["steel"]
    h2_routes = ["BAT BF-BOF_H2 PCI", "DRI-EAF_50% green H2"]
    for route in h2_routes:
        assert capped.world(f"Production|Iron and Steel|Steel|{route}")[2040] < 0.5 * free.world(
            f"Production|Iron and Steel|Steel|{route}")[2040]
    assert np.allclose(capped.world("Production|Iron and Steel|Steel"), free.world("Production|Iron and Steel|Steel"))
    assert resource_use(free, "hydrogen").max() > 2000.0


def test_combined_table_has_totals_and_every_sector(tight) -> None:  # type: ignore[no-untyped-def]
    table = tight.iamc
    assert set(table["scenario"]) == {"tight-hydrogen"}
    total = table[table["variable"] == "Emissions|CO2|Hard-to-Abate Sectors"]
    parts = sum(tight.runs[s].world(tight.runs[s].names.emissions) for s in ("steel", "cement"))
    assert np.allclose(total.set_index("year")["value"], parts)
    assert not table.duplicated(["model", "scenario", "region", "variable", "unit",
                                 "year"]).any()


def test_unknown_cross_sector_scenario_lists_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        run_all("nonsense")
    assert "baseline" in str(caught.value.allowed)


def test_bad_shared_limit_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\n[sectors]\nsteel = "baseline"\n[shared.limits.hydrogen]\n'
                    'case = "a"\npath = { 2030 = 1 }\n')
    with pytest.raises(InputError) as caught:
        run_all(path)
    assert caught.value.field.startswith("shared.limits.hydrogen")
    assert "exactly one" in caught.value.problem


def test_green_premiums_cost_gap_is_positive_and_every_product_priced() -> None:
    """Near-zero steel, cement, jet fuel and shipping fuel cost more than the incumbent
    without a carbon price, so their premium at zero carbon price is positive; a carbon price
    only shrinks it. (Aluminium's and ammonia's cheapest low-emission routes in 2030 already
    undercut the regions' incumbents on cost alone.) Every end product has a price, so every
    premium has a %."""
    results = run_all("least-cost")
    table = results.green_premiums(2030)
    assert len(table) == len(table_("end_products"))
    assert table["product_price_usd"].gt(0).all()
    assert table["premium_pct_zero_carbon"].notna().all()
    dearer = table[table["sector"].isin(["steel", "cement", "aviation", "shipping"])]
    assert len(dearer) == 4 and (dearer["premium_usd_zero_carbon"] > 0).all(), table
    assert (table["premium_usd"] <= table["premium_usd_zero_carbon"] + 1e-9).all()


def test_net_zero_reports_each_residual_and_cuts_the_total_by_at_least_80_percent() -> None:
    """Each sector's 2050 residual is in the 'what it takes' table, and the seven sectors
    together emit at least 80% less in 2050 than in 2020 (scope 1+2)."""
    results = run_all("net-zero")
    table = results.what_it_takes().set_index("sector")
    labels = [r.label for r in results.runs.values()]
    assert list(table.index) == [*labels, "Total"]
    assert table["residual_2050_mt"].notna().all()
    assert table.loc["Total", "residual_2050_mt"] == pytest.approx(
        table.loc[labels, "residual_2050_mt"].sum())
    assert table.loc["Total", "cut_vs_2020_pct"] >= 80.0
    # investment upstream (power, electrolysers, CO2 storage) is reported next to plant capex
    assert (table.loc[labels, "investment_upstream_bn_per_yr"] >= 0).all()
    assert table.loc["Steel", "investment_upstream_bn_per_yr"] > 0
    # near-zero steel plants by 2030: the run's Near-Zero Plants (capacity in 2.5 Mt plants)
    steel = results.runs["steel"]
    plants = steel.world(steel.names.near_zero_plants)[2030]
    assert table.loc["Steel", "near_zero_plants_2030"] == pytest.approx(plants)
    assert np.isnan(table.loc["Trucking", "near_zero_plants_2030"])

"""Pathways taken from real sector runs, and how a scenario name is resolved."""

from __future__ import annotations

import pytest

import sectorpath
from sectorpath.alignment.pathways import _plan, load_pathways, pathway_from_results
from sectorpath.errors import InputError
from sectorpath.results import Results
from sectorpath.tables import WORLD


def test_industry_pathway_matches_the_run(steel_baseline: Results) -> None:
    pathway = pathway_from_results(steel_baseline, "steel")
    assert pathway.technologies == list(steel_baseline.trajectory.inputs.technologies)
    production = steel_baseline.world("Production|Iron and Steel|Steel")
    assert pathway.world_production().to_numpy() == pytest.approx(production.to_numpy())
    emissions = steel_baseline.world("Emissions|CO2|Industry|Iron and Steel")
    assert pathway.intensity().to_numpy() == pytest.approx((emissions / production).to_numpy())
    by_tech = pathway.technology_emissions.groupby("year")["value"].sum()
    assert by_tech.to_numpy() == pytest.approx(emissions.to_numpy(), rel=1e-9)
    assert WORLD in pathway.regions and pathway.intensity_unit == "t CO2/t"


def test_transport_pathway_in_grams_per_activity_unit() -> None:
    results = sectorpath.run("shipping", "baseline")
    pathway = pathway_from_results(results, "shipping")
    assert (pathway.production_unit, pathway.intensity_unit) == ("billion tkm/yr",
                                                                 "g CO2/tkm")
    emissions = results.world("Emissions|CO2|Transportation|Shipping").to_numpy()
    rebuilt = (pathway.intensity() * pathway.world_production()).to_numpy()
    assert rebuilt * pathway.emission_factor == pytest.approx(emissions)
    assert 5 < pathway.intensity().iloc[0] < 15  # g CO2 per tonne-km, world fleet


def test_a_sector_scenario_name_applies_where_it_exists() -> None:
    pathways = load_pathways("imo-2023", ["shipping", "steel", "power"])
    assert set(pathways.found) == {"shipping"}
    assert "imo-2023" in pathways.missing["steel"]
    assert pathways.missing["power"] == "sectorpath has no model of this sector"


def test_unknown_scenario_lists_what_is_allowed() -> None:
    with pytest.raises(InputError) as caught:
        load_pathways("no-such-scenario", ["steel"])
    assert caught.value.field == "scenario"
    assert {"net-zero", "baseline", "carbon-cost"} <= set(str(caught.value.allowed).split(", "))


def test_pathway_sets_and_cross_sector_scenarios() -> None:
    plan = _plan("net-zero", ["steel"])
    assert plan.sectors["steel"] == "carbon-cost" and plan.combined is None
    capped = _plan("least-cost", ["steel"])  # the cross-sector run shares capped resources
    assert capped.combined is not None and capped.combined.name == "least-cost.toml"

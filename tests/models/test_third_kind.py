"""A sector of a third kind, in one folder outside the package (tests/data/third_kind),
runs through run, run all, sweep, the dashboard and alignment with no edit elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import sectorpath
from sectorpath.alignment.pathways import load_pathways
from sectorpath.crosssector import run_all
from sectorpath.dashboard.catalog import base_values, catalog
from sectorpath.dashboard.views import panels
from sectorpath.ensemble import Sweep
from sectorpath.ensemble.execute import make_backend
from sectorpath.errors import InputError
from sectorpath.models import get_model
from sectorpath.sectors import EXTRA_SECTORS_VARIABLE, sector_names
from tests.conftest import DATA

FOLDER = DATA / "third_kind"
PRODUCTION = "Production|Widgets"


@pytest.fixture(autouse=True)
def widgets(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(EXTRA_SECTORS_VARIABLE, str(FOLDER))
    yield


def test_the_sector_is_found_with_its_own_kind() -> None:
    assert "widgets" in sector_names()
    assert get_model("widgets").kind == "widget"


def test_run_follows_demand_and_the_carbon_price_moves_output_to_the_clean_route() -> None:
    base = sectorpath.run("widgets", "base")
    # demand: North 100 -> 160, South 50 -> 140 Mt, linear
    assert base.world(PRODUCTION)[2050] == pytest.approx(300.0)
    assert base.world("Emissions|CO2|Industry|Widgets")[2050] == pytest.approx(300.0)
    priced = sectorpath.run("widgets", "priced")
    assert priced.world(f"{PRODUCTION}|clean")[2050] > 0
    assert priced.world("Emissions|CO2|Industry|Widgets")[2050] < 300.0


def test_a_field_of_another_kind_is_rejected_by_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('extends = "base"\nname = "bad"\n[constraints]\nresources = false\n')
    with pytest.raises(InputError) as caught:
        sectorpath.run("widgets", path)
    assert caught.value.field == "constraints"


def test_run_all_counts_the_sector_in_the_totals(tmp_path: Path) -> None:
    path = tmp_path / "all.toml"
    path.write_text('name = "w"\n[sectors]\nwidgets = "priced"\nmethanol = "bau"\n')
    combined = run_all(path)
    total = combined.iamc[combined.iamc["variable"] == "Emissions|CO2|Hard-to-Abate Sectors"]
    parts = sum(r.world(r.names.emissions) for r in combined.runs.values())
    assert np.allclose(total.set_index("year")["value"], parts)


def test_sweep_runs_the_sector_on_local_processes(tmp_path: Path) -> None:
    sweep = Sweep.create("widgets", "priced", 8, tmp_path, seed=1)
    with make_backend("local", workers=2) as backend:
        sweep.run(backend)
    runs = sweep.runs()
    assert sorted(runs["sample"].unique()) == list(range(8))
    assert runs["value"].notna().all()


def test_dashboard_offers_and_draws_the_sector() -> None:
    assert catalog("widgets").technology_names() == ["dirty", "clean"]
    assert base_values("widgets", "priced").carbon_price[-1] == pytest.approx(200.0)
    drawn = panels(sectorpath.run("widgets", "priced"))
    assert {"summary", "emissions_by_technology", "technology_mix", "cost_curves"} <= set(drawn)


def test_alignment_reads_its_pathway() -> None:
    pathways = load_pathways("priced", ["widgets"])
    pathway = pathways.found["widgets"]
    assert pathway.technologies == ["dirty", "clean"]
    assert pathway.intensity()[2020] == pytest.approx(1.0)
    assert pathway.intensity()[2050] < 1.0

"""Fan charts: percentiles read from a sweep's store folder or from a percentile table."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sectorpath.dashboard.app import create_app
from sectorpath.dashboard.sweeps import find_fan

testclient = pytest.importorskip("fastapi.testclient", reason="needs httpx for FastAPI's client")
LOCAL = "http://127.0.0.1"  # the app answers only requests addressed to this machine
VARIABLE = "Emissions|CO2|Industry|Iron and Steel"
YEARS = np.arange(2020, 2051)


def store(root: Path, values: np.ndarray, variable: str = VARIABLE) -> Path:
    """A sweep folder as sectorpath.ensemble writes it: samples x years of one variable."""
    (root / "runs").mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({
        "sector": "steel", "variables": {variable: "Mt CO2/yr"},
        "scenario": {"name": "steel-uncertain", "sector": "steel"}}))
    n = len(values)
    pd.DataFrame({"sample": np.repeat(np.arange(n), YEARS.size),
                  "variable": variable, "year": np.tile(YEARS, n),
                  "value": np.repeat(values, YEARS.size) + np.tile(YEARS - 2020, n)}
                 ).to_parquet(root / "runs" / "batch-00000.parquet")
    return root


def test_store_percentiles_are_computed_over_the_runs(tmp_path: Path) -> None:
    store(tmp_path / "sweeps" / "run-1", np.arange(101.0))  # samples 0..100 (+ year offset)
    fan = find_fan(tmp_path / "sweeps", VARIABLE)
    assert fan is not None and fan.variable == VARIABLE and fan.unit == "Mt CO2/yr"
    assert fan.runs == 101 and fan.source == "run-1 (steel-uncertain)"
    # linear quantiles of 0..100 are 5, 50, 95; each year adds (year - 2020)
    assert fan.frame.loc[2020].tolist() == pytest.approx([5.0, 50.0, 95.0])
    assert fan.frame.loc[2050].tolist() == pytest.approx([35.0, 80.0, 125.0])


def test_newest_sweep_wins_and_other_sectors_are_ignored(tmp_path: Path) -> None:
    old = store(tmp_path / "old", np.zeros(3))
    new = store(tmp_path / "new", np.ones(3))
    store(tmp_path / "cement", np.full(3, 9.0), variable="Emissions|CO2|Industry|Non-Metallic Minerals|Cement")
    os.utime(old / "runs" / "batch-00000.parquet", (1, 1))
    os.utime(new / "runs" / "batch-00000.parquet", (2, 2))
    fan = find_fan(tmp_path, VARIABLE)
    assert fan is not None and fan.source.startswith("new") and fan.frame.loc[2020, "p50"] == 1.0
    assert find_fan(tmp_path, "Emissions|CO2|Industry|Non-Ferrous Metals|Aluminum") is None


def test_percentile_tables_wide_and_long(tmp_path: Path) -> None:
    wide = pd.DataFrame({"variable": VARIABLE, "region": "World", "unit": "Mt CO2/yr",
                         "year": YEARS, "p5": 1.0, "p50": 2.0, "p95": 3.0})
    wide.to_csv(tmp_path / "summary.csv", index=False)
    fan = find_fan(tmp_path, VARIABLE)
    assert fan is not None and fan.frame.loc[2030].tolist() == [1.0, 2.0, 3.0]
    (tmp_path / "summary.csv").unlink()
    long = pd.DataFrame({"variable": VARIABLE, "year": np.repeat(YEARS, 3),
                         "quantile": np.tile([0.05, 0.5, 0.95], YEARS.size),
                         "value": np.tile([10.0, 20.0, 30.0], YEARS.size)})
    long.to_parquet(tmp_path / "percentiles.parquet")
    fan = find_fan(tmp_path, VARIABLE)
    assert fan is not None and fan.frame.loc[2050].tolist() == [10.0, 20.0, 30.0]


def test_unrelated_files_and_missing_folder_give_no_fan(tmp_path: Path) -> None:
    pd.DataFrame({"a": [1]}).to_csv(tmp_path / "other.csv", index=False)
    (tmp_path / "broken.parquet").write_bytes(b"not parquet")
    assert find_fan(tmp_path, VARIABLE) is None
    assert find_fan(tmp_path / "absent", VARIABLE) is None
    assert find_fan(None, VARIABLE) is None


def test_page_draws_the_fan_over_the_run(tmp_path: Path) -> None:
    store(tmp_path / "run-7", np.linspace(500, 1500, 21))
    client: Any = testclient.TestClient(create_app(sweeps_dir=tmp_path), base_url=LOCAL)
    page = client.get("/", params={"sector": "steel"}).text
    assert 'id="chart-a-fan"' in page and "fan-help" not in page
    assert "run-7 (steel-uncertain), 21 runs" in page
    cement = client.get("/", params={"sector": "cement"}).text
    assert "fan-help" in cement  # the sweep is of steel

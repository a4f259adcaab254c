"""Poseidon Principles: three vessels of different types against a hand computation of the
AER, the trajectory and the delta (vessel and portfolio)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sectorpath.alignment.poseidon import alignment, read_vessels
from sectorpath.cli import app
from sectorpath.errors import InputError

VESSELS = pd.DataFrame({
    "imo_number": ["9074729", "9176187", "9321483"],
    "ship_type": ["bulk_carrier", "tanker", "container"],
    "dwt": [80_000.0, 110_000.0, 50_000.0], "year": 2024,
    "distance_nm": [60_000.0, None, 80_000.0], "aer": [None, 2.5, None],
    "outstanding": [30.0, 50.0, 20.0]})
FUEL = pd.DataFrame({"imo_number": ["9074729", "9321483", "9321483"], "year": 2024,
                     "fuel": ["HFO", "LNG", "MGO"], "tonnes": [5_000.0, 3_000.0, 500.0]})


def test_three_vessels_against_a_hand_computation() -> None:
    vessels, portfolios = alignment(*read_vessels(VESSELS, FUEL))
    rows = vessels[vessels["ambition"] == "minimum"].set_index("imo_number")
    # AER = fuel x C_F / (dwt x distance), g CO2 / dwt-nm
    bulk = 5_000e6 * 3.114 / (80_000 * 60_000)                   # 3.24375
    container = (3_000e6 * 2.750 + 500e6 * 3.206) / (50_000 * 80_000)
    assert bulk == pytest.approx(3.24375)
    assert rows.loc["9074729", "aer"] == pytest.approx(bulk)
    assert rows.loc["9176187", "aer"] == 2.5                      # reported
    assert rows.loc["9321483", "aer"] == pytest.approx(container)  # 2.463
    # trajectory: a x dwt^-c (2019) x the minimum factor of 2024, 1 - 0.2 x 5/11
    factor = 1 - 0.2 * 5 / 11
    lines = {"9074729": 4745 * 80_000 ** -0.622, "9176187": 5247 * 110_000 ** -0.610,
             "9321483": 1984 * 50_000 ** -0.489}
    assert lines["9074729"] * factor == pytest.approx(3.8470, rel=1e-4)  # 4.2317 x 0.90909
    for imo, line in lines.items():
        assert rows.loc[imo, "trajectory"] == pytest.approx(line * factor)
    deltas = {imo: (rows.loc[imo, "aer"] - line * factor) / (line * factor)
              for imo, line in lines.items()}
    assert deltas["9074729"] == pytest.approx(-0.1568, abs=1e-4)  # 15.7 % below
    assert all(rows.loc[imo, "delta"] == pytest.approx(d) for imo, d in deltas.items())
    # portfolio: the outstanding-weighted mean of the deltas
    score = portfolios[portfolios["ambition"] == "minimum"]["delta"].item()
    assert score == pytest.approx(0.3 * deltas["9074729"] + 0.5 * deltas["9176187"]
                                  + 0.2 * deltas["9321483"])
    striving = vessels[vessels["ambition"] == "striving"].set_index("imo_number")
    assert (striving["trajectory"] < rows["trajectory"]).all()


def test_well_to_wake_adds_the_upstream_and_the_methane_slip() -> None:
    vessels, _ = alignment(*read_vessels(VESSELS, FUEL))
    row = vessels[(vessels["ambition"] == "minimum")].set_index("imo_number").loc["9074729"]
    hfo = 5_000e6 * (0.0405 * 13.5 + 3.114 + 0.00005 * 25 + 0.00018 * 298)
    assert row["aer_wtw"] == pytest.approx(hfo / (80_000 * 60_000))
    assert row["aer_wtw"] / row["aer"] == pytest.approx(1.1932, abs=1e-4)  # 3.7156 / 3.114
    lng = vessels.set_index("imo_number").loc["9321483"].iloc[0]
    assert lng["aer_wtw"] > 1.25 * lng["aer"]  # 3.1 % slip at GWP 25


@pytest.mark.parametrize(("column", "value", "field"), [
    ("imo_number", "9074728", "imo_number"), ("imo_number", "907472", "imo_number"),
    ("dwt", float("inf"), "dwt"), ("ship_type", "yacht", "ship_type"),
    ("aer", None, "aer")])
def test_bad_vessels_are_refused(column: str, value: object, field: str) -> None:
    vessels = VESSELS.copy()
    vessels.loc[1, column] = value
    with pytest.raises(InputError) as error:
        read_vessels(vessels, FUEL)
    assert error.value.field == field


def test_no_delta_against_a_zero_trajectory() -> None:
    late = VESSELS.assign(year=2050)
    with pytest.raises(InputError, match="0 in 2050"):
        alignment(*read_vessels(late, FUEL.assign(year=2050)))
    assert math.isfinite(alignment(*read_vessels(VESSELS.assign(year=2049),
                                                 FUEL.assign(year=2049)))[1]["delta"].iloc[0])


def test_command_line(tmp_path: Path) -> None:
    folder = tmp_path
    VESSELS.to_csv(folder / "vessels.csv", index=False)
    FUEL.to_csv(folder / "fuel.csv", index=False)
    result = CliRunner().invoke(app, ["poseidon", str(folder / "vessels.csv"), "--fuel",
                                      str(folder / "fuel.csv"), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(folder / "out" / "poseidon_portfolios.csv")
    assert set(table["ambition"]) == {"minimum", "striving"}

"""AeroMAPS reference of the aviation scenario ``aeromaps-reference``: regenerate and compare.

Two modes, for two environments:

1. In a Python that has AeroMAPS 1.2.0 (it needs numpy<2, so not sectorpath's environment)::

       .venv-aeromaps/bin/python tools/compare_aeromaps.py --out tests/data/aeromaps

   runs AeroMAPS with :data:`SETTINGS` and writes ``aeromaps_reference.csv`` (CO2 and the
   series behind it, 2019-2050) and ``aeromaps_reference_parameters.json`` (every value set).

2. In sectorpath's environment::

       python tools/compare_aeromaps.py --compare

   prints the year-by-year comparison of ``sectorpath run aviation --scenario
   aeromaps-reference`` with the saved reference (the table of docs/validation/aviation.md)
   and the hydrogen sales shares that reproduce AeroMAPS' hydrogen fleet share (the values
   written in the scenario file).

The settings are those of AeroMAPS' tutorial 01 ("examples_basic": 1.5%/yr aircraft
efficiency, 85% load factor in 2050, 50% hydrogen short-range aircraft from 2035 with a 20-year
fleet renewal, 8% operations gains from 2025 over 25 years, default energy carriers) with two
changes, both because sectorpath's scenario file states one constant growth rate per segment
from 2019: the COVID-19 shock is switched off and short-range traffic grows 3%/yr throughout
(tutorial: 3%, 2%, 1% over 2020-30, 2030-40, 2040-50). AeroMAPS' default data (markets,
energy carriers, 2000-2019 history) are used unchanged.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO / "tests" / "data" / "aeromaps"
REFERENCE_CSV = "aeromaps_reference.csv"
PARAMETERS_JSON = "aeromaps_reference_parameters.json"
YEARS = range(2019, 2051)
PASSENGER = ("short_range", "medium_range", "long_range")
MARKETS = (*PASSENGER, "freight")
#: AeroMAPS' energy pathways (default energy carriers file), as reported.
PATHWAYS = ("fossil_kerosene", "hefa_fog", "hefa_others", "ft_msw", "ft_others", "atj",
            "electrofuel", "hydrogen_electrolysis", "hydrogen_gas", "hydrogen_coal")

#: The standard model set of AeroMAPS' tutorial 01 (top-down efficiency), default data files.
CONFIG = """\
data:
  outputs:
    json_outputs_file: "./outputs.json"
models:
  markets:
    markets_data_file: default
  climate:
    climate_model_data_file: default
  energy:
    energy_carriers_model_data_file: default
    resources_model_data_file: default
    processes_model_data_file: default
  standards:
    - models_traffic
    - models_efficiency_top_down
    - models_energy_without_fuel_effect
    - models_offset
    - models_emissions
    - models_sustainability
    - models_energy_cost
    - models_operation_cost_top_down
"""

TRAFFIC_GROWTH_PCT = 3.0
EFFICIENCY_GAIN_PCT = 1.5
LOAD_FACTOR_2050_PCT = 85.0


def _load_factor_2020(lf_2019: float) -> float:
    """AeroMAPS' quadratic load-factor path (load_factor.py) evaluated in 2020, so that the
    2020 COVID override can be set to the value the path would have anyway."""
    horizon = 31  # 2050 - 2019, AeroMAPS' calibration horizon
    slope = 2 * (-5.62003082e-05) * horizon + 3.59670410e-03
    a = -(LOAD_FACTOR_2050_PCT - lf_2019 - slope * horizon) / horizon**2
    b = slope - 2 * a * horizon
    return a + b + lf_2019


def settings(lf_2019: float) -> dict[str, Any]:
    """AeroMAPS parameter values of the reference run (names as in ``process.parameters``)."""
    values: dict[str, Any] = {
        # tutorial 01
        "short_range_hydrogen_final_market_share": 50.0,
        "short_range_hydrogen_introduction_year": 2035,
        "fleet_renewal_duration": 20.0,
        "short_range_relative_energy_per_ask_hydrogen_wrt_dropin_reference_years": [],
        "short_range_relative_energy_per_ask_hydrogen_wrt_dropin_reference_years_values": [1.0],
        "operations_final_gain": 8.0,
        "operations_start_year": 2025,
        "operations_duration": 25.0,
        # COVID-19 off: 2020 keeps the 1.5%/yr efficiency trend and the load-factor path
        "covid_energy_intensity_per_ask_increase_2020": -EFFICIENCY_GAIN_PCT,
    }
    for market in MARKETS:
        values[f"{market}_cagr_reference_periods"] = []
        values[f"{market}_cagr_reference_periods_values"] = [TRAFFIC_GROWTH_PCT]
        values[f"{market}_covid_drop_start_year"] = 0.0
        values[f"{market}_covid_end_year"] = 2019
        values[f"{market}_covid_end_year_reference_ratio"] = 100.0
    for market in PASSENGER:
        values[f"{market}_load_factor_end_year"] = LOAD_FACTOR_2050_PCT
        values[f"{market}_covid_load_factor_2020"] = _load_factor_2020(lf_2019)
        values[f"{market}_energy_per_ask_dropin_fuel_gain_reference_years"] = []
        values[f"{market}_energy_per_ask_dropin_fuel_gain_reference_years_values"] = [
            EFFICIENCY_GAIN_PCT]
    return values


def run_aeromaps() -> tuple[pd.DataFrame, dict[str, Any]]:
    """Run AeroMAPS with :func:`settings`; (yearly series 2019-2050, parameters set)."""
    from aeromaps import create_process  # the AeroMAPS environment only

    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.yaml"
        config.write_text(CONFIG)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            process = create_process(configuration_file=str(config))
            p = process.parameters
            lf_2019 = float(p.rpk_init.loc[2019] / p.ask_init.loc[2019] * 100)
            chosen = settings(lf_2019)
            for name, value in chosen.items():
                if not hasattr(p, name):
                    raise KeyError(f"AeroMAPS has no parameter {name!r}")
                setattr(p, name, value)
            process.compute()
    return _series(process.data["vector_outputs"], process.data["climate_outputs"]), chosen


def _series(vector: pd.DataFrame, climate: pd.DataFrame) -> pd.DataFrame:
    """The reference columns: CO2 in Mt (AeroMAPS' co2_emissions is well-to-wake), energy in PJ,
    traffic in billion RPK/RTK, shares in %."""
    years = list(YEARS)
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    out["co2_wtw_mt"] = climate.loc[years, "co2_emissions"]
    out["energy_pj"] = vector.loc[years, "energy_consumption"] / 1e9
    for market in PASSENGER:
        out[f"rpk_{market}_bn"] = vector.loc[years, f"rpk_{market}"] / 1e9
    out["rtk_freight_bn"] = vector.loc[years, "rtk"] / 1e9
    out["load_factor_pct"] = vector.loc[years, "load_factor"]
    out["operations_gain_pct"] = vector.loc[years, "operations_gain"]
    out["h2_ask_share_short_range_pct"] = vector.loc[years, "ask_short_range_hydrogen_share"]
    for market in MARKETS:
        out[f"energy_{market}_pj"] = (vector.loc[years, f"energy_consumption_{market}_dropin_fuel"]
                                      + vector.loc[years, f"energy_consumption_{market}_hydrogen"]
                                      ) / 1e9
    for pathway in PATHWAYS:
        energy = vector.loc[years, f"{pathway}_energy_consumption"].fillna(0.0) / 1e9
        co2 = vector.loc[years, f"{pathway}_total_co2_emissions"].fillna(0.0) / 1e12
        out[f"energy_{pathway}_pj"] = energy
        out[f"co2_{pathway}_mt"] = co2
    return out.fillna(0.0)


def write_reference(out_dir: Path) -> Path:
    """Run AeroMAPS and save its series and parameters under ``out_dir``."""
    from importlib.metadata import version

    frame, chosen = run_aeromaps()
    out_dir.mkdir(parents=True, exist_ok=True)
    frame.round(6).to_csv(out_dir / REFERENCE_CSV)
    meta = {"aeromaps_version": version("aeromaps"),
            "models": CONFIG, "parameters": chosen,
            "unchanged": "all other parameters and data files at AeroMAPS' defaults"}
    (out_dir / PARAMETERS_JSON).write_text(json.dumps(meta, indent=2, default=str) + "\n")
    return out_dir / REFERENCE_CSV


# -- sectorpath side (sectorpath's environment) ---------------------------------------------


def hydrogen_sales_shares(reference: pd.DataFrame, segment: str = "short_haul",
                          powertrain: str = "hydrogen_sh") -> pd.Series:
    """Sales shares of ``powertrain`` in ``segment`` that give it AeroMAPS' hydrogen share of
    short-range ASK, on sectorpath's vintaged stock (same survival curve, steady-state ages and
    3%/yr growth as the engine)."""
    from sectorpath.engine.fleet import steady_state_ages, survival_ratio
    from sectorpath.sectors.aviation import SECTOR as spec

    table = pd.read_csv(spec.data_dir / "powertrains.csv").set_index(["segment", "powertrain"])
    shape = spec.survival_shape
    life = np.array([[table.loc[(segment, "kerosene"), "lifetime_years"],
                      table.loc[(segment, powertrain), "lifetime_years"]]])
    keep = survival_ratio(life, shape)[0]  # (2, ages)
    stock = np.zeros((2, keep.shape[1]))
    stock[0] = steady_state_ages(life, shape)[0, 0]
    target = reference["h2_ask_share_short_range_pct"] / 100
    shares = {}
    for year in YEARS:
        activity = (1 + TRAFFIC_GROWTH_PCT / 100) ** (year - 2019)
        if year > 2019:
            stock[:, 1:] = stock[:, :-1] * keep[:, :-1]
            stock[:, 0] = 0.0
        share = 0.0
        if year > 2019:
            need = activity - stock.sum()
            share = float(np.clip((target[year] * activity - stock[1].sum()) / need, 0.0, 1.0))
            stock[:, 0] = need * np.array([1 - share, share])
        shares[year] = share
    return pd.Series(shares, name=powertrain)


def comparison(reference: pd.DataFrame) -> pd.DataFrame:
    """Our well-to-wake and tank-to-wake CO2 next to AeroMAPS' well-to-wake CO2, by year."""
    import sectorpath

    results = sectorpath.run("aviation", "aeromaps-reference")
    ours = results.world("Emissions Well-to-Wake|CO2|Transportation|Aviation")
    frame = pd.DataFrame({
        "AeroMAPS WTW (Mt)": reference["co2_wtw_mt"],
        "sectorpath WTW (Mt)": ours.reindex(reference.index),
        "sectorpath TTW (Mt)": results.world("Emissions|CO2|Transportation|Aviation|Scope 1")
        .reindex(reference.index),
        "AeroMAPS energy (PJ)": reference["energy_pj"],
        "sectorpath energy (PJ)": results.world(results.names.final_energy).reindex(
            reference.index),
    })
    frame["WTW difference (%)"] = 100 * (frame["sectorpath WTW (Mt)"]
                                         / frame["AeroMAPS WTW (Mt)"] - 1)
    frame["energy difference (%)"] = 100 * (frame["sectorpath energy (PJ)"]
                                            / frame["AeroMAPS energy (PJ)"] - 1)
    return frame


def scenario_paths(reference: pd.DataFrame) -> str:
    """The year paths of ``aeromaps-reference.toml`` derived from AeroMAPS' series: load factor
    relative to 2019 (every 5 years; the quadratic path is straight within 0.05%), operations
    gain (every year of the logistic) and the hydrogen sales shares (every year)."""
    lf = reference["load_factor_pct"] / reference["load_factor_pct"].iloc[0]  # 2019
    ops = reference["operations_gain_pct"] / 100
    shares = hydrogen_sales_shares(reference)
    lines = ["[transport.load_factor]"]
    lines += [f"{y} = {lf[y]:.4f}" for y in (2019, 2020, *range(2025, 2051, 5))]
    lines += ["", "[transport.operations_gain]", "2019 = 0.0"]
    lines += [f"{y} = {ops[y]:.4f}" for y in range(2024, 2051)]
    lines += ["", "[transport.sales_share.hydrogen_sh]", "2019 = 0.0"]
    lines += [f"{y} = {shares[y]:.3f}" for y in range(2034, 2051)]
    return "\n".join(lines)


def _markdown(frame: pd.DataFrame) -> str:
    columns = [str(frame.index.name or "year"), *map(str, frame.columns)]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---:|" * len(columns)]
    for index, row in frame.iterrows():
        lines.append("| " + " | ".join([str(index), *(f"{v:,.1f}" for v in row)]) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REFERENCE_DIR,
                        help="where to write the reference (AeroMAPS environment)")
    parser.add_argument("--compare", action="store_true",
                        help="compare with the saved reference (sectorpath environment)")
    args = parser.parse_args()
    if not args.compare:
        print(f"wrote {write_reference(args.out)}")
        return
    reference = pd.read_csv(args.out / REFERENCE_CSV, index_col="year")
    print(scenario_paths(reference))
    print(_markdown(comparison(reference)))


if __name__ == "__main__":
    main()

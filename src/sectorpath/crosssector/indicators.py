"""What the pathways mean for decisions: 2030 Breakthrough checks, cost-parity years, green
premiums on end products and marginal abatement cost curves, from any sector's Results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sectorpath.engine.fleet import FleetTrajectory
from sectorpath.engine.simulate import Trajectory
from sectorpath.results import Results

_METRICS = {
    "zero_emission_fuel_share_pct": "Fuel Share|{label}|Zero-Emission",
    "zero_emission_sales_share_pct": "Sales Share|{label}|Zero-Emission",
    "near_zero_production_share_pct": "Production Share|{label}|Near-Zero",
    "near_zero_production_mt": "Production|{label}|Near-Zero",
}


def metric_value(results: Results, metric: str, year: int) -> float:
    """A Breakthrough metric's modelled World value in ``year`` (nan if not modelled)."""
    if metric == "emissions_reduction_pct_vs_2020":
        emissions = results.world(f"Emissions|CO2|{results.label}|Scope 1+2")
        return float(100 * (1 - emissions[year] / emissions[2020]))
    if metric not in _METRICS:
        return float("nan")
    series = results.world(_METRICS[metric].format(label=results.label))
    return float(series.get(year, np.nan)) if len(series) else float("nan")


def breakthroughs(runs: dict[str, Results], targets: pd.DataFrame) -> pd.DataFrame:
    """One row per target of ``targets`` (sector, metric, year, target, comparison, source):
    the modelled value and whether the target is met."""
    rows = []
    for target in targets.to_dict("records"):
        results = runs.get(str(target["sector"]))
        value = (metric_value(results, str(target["metric"]), int(target["year"]))
                 if results is not None else float("nan"))
        goal = float(target["target"])
        met = value >= goal if target["comparison"] == ">=" else value <= goal
        rows.append({"sector": target["sector"], "metric": target["metric"],
                     "year": target["year"], "target": goal,
                     "comparison": target["comparison"], "modelled": value,
                     "met": bool(met) if np.isfinite(value) else None,
                     "source": target["source"]})
    return pd.DataFrame(rows)


def _first_year(cheaper: np.ndarray, years: np.ndarray) -> float:
    """First year at which ``cheaper`` (Y,) holds, nan if never."""
    hits = np.flatnonzero(cheaper)
    return float(years[hits[0]]) if hits.size else float("nan")


def parity_years(results: Results) -> pd.DataFrame:
    """Cost-parity year of each low-emission option against the incumbent, per region.

    Industry: LCOX of each near-zero technology against the region's largest 2020 technology.
    Transport: TCO of each zero-emission powertrain against the market's largest first-year
    powertrain, and the cost of each zero-emission fuel (price + carbon price x tank-to-wake)
    against the carrier's incumbent fuel. Under the scenario's carbon price.
    """
    t = results.trajectory
    if isinstance(t, FleetTrajectory):
        return _fleet_parity(t, results.sector)
    return _industry_parity(t, results.sector)


def _industry_incumbents(t: Trajectory) -> np.ndarray:
    first = t.production[0]  # (R, T)
    world = first.sum(axis=0).argmax()
    return np.where(first.sum(axis=1) > 0, first.argmax(axis=1), world)


def _industry_parity(t: Trajectory, sector: str) -> pd.DataFrame:
    lcox = t.economics.lcox
    incumbent = _industry_incumbents(t)
    techs, regions, years = t.inputs.technologies, t.inputs.regions, t.inputs.years
    rows = []
    for k, tech in enumerate(techs):
        if tech not in t.inputs.sector.low_emission_technologies:
            continue
        for r, region in enumerate(regions):
            cost = lcox[:, r, k]
            base = lcox[:, r, incumbent[r]]
            rows.append({"sector": sector, "region": region, "option": tech,
                         "incumbent": techs[incumbent[r]],
                         "parity_year": _first_year(cost <= base, years)})
    return pd.DataFrame(rows)


def _fleet_parity(t: FleetTrajectory, sector: str) -> pd.DataFrame:
    x = t.inputs
    rows = []
    incumbent = x.base_activity.argmax(axis=1)
    for m, market in enumerate(x.markets):
        for p in np.flatnonzero(x.zero_emission_powertrain & x.offered[m]):
            rows.append({"sector": sector, "region": market, "option": x.powertrains[p],
                         "incumbent": x.powertrains[incumbent[m]],
                         "parity_year": _first_year(t.tco[:, m, p] <= t.tco[:, m, incumbent[m]],
                                                    x.years)})
    cost = x.fuel_price + x.carbon_price[:, None, None] * x.ttw  # (Y, R, F)
    first = t.fuel_energy[0]  # (R, F)
    for k, carrier in enumerate(x.carriers):
        members = np.flatnonzero(x.fuel_carrier == k)
        for r, region in enumerate(x.regions):
            base = members[first[r, members].argmax()]
            for f in members[x.zero_emission_fuel[members]]:
                rows.append({"sector": sector, "region": region,
                             "option": f"{carrier}: {x.fuels[f]}", "incumbent": x.fuels[base],
                             "parity_year": _first_year(cost[:, r, f] <= cost[:, r, base],
                                                        x.years)})
    return pd.DataFrame(rows)


def unit_premium(results: Results, year: int) -> tuple[float, str]:
    """World cost premium of the cheapest low-emission option over the incumbent in ``year``:
    USD per t of product (industry) or per activity unit (transport: fuel premium at the
    fleet's average intensity), and that unit."""
    t = results.trajectory
    if isinstance(t, FleetTrajectory):
        x = t.inputs
        i = int(np.searchsorted(x.years, year))
        cost = x.fuel_price[i] + x.carbon_price[i] * x.ttw[i]  # (R, F)
        unit = f"USD per {x.fleet.activity_unit.split()[-1]}"
        incumbent = int(t.fuel_energy[0].sum(axis=0).argmax())
        same_carrier = x.fuel_carrier == x.fuel_carrier[incumbent]
        clean = np.flatnonzero(x.zero_emission_fuel & same_carrier)
        if clean.size == 0:
            return float("nan"), unit
        extra = float((cost[:, clean].min(axis=1) - cost[:, incumbent]).mean())  # USD/GJ
        intensity = float(t.energy[0].sum() / max(t.activity[0].sum(), 1e-12))  # MJ per unit
        return extra * intensity / 1e3, unit
    return _industry_premium(t, year), "USD/t"


def _industry_premium(t: Trajectory, year: int) -> float:
    """Cheapest near-zero LCOX minus the incumbents', weighted by 2020 regional output."""
    i = int(np.searchsorted(t.inputs.years, year))
    lcox = t.economics.lcox[i]  # (R, T)
    weights = t.production[0].sum(axis=1)
    incumbent = _industry_incumbents(t)
    base = float((lcox[np.arange(lcox.shape[0]), incumbent] * weights).sum() / weights.sum())
    low = [k for k, name in enumerate(t.inputs.technologies)
           if name in t.inputs.sector.low_emission_technologies]
    if not low:
        return float("nan")
    clean = float((lcox[:, low].min(axis=1) * weights).sum() / weights.sum())
    return clean - base


def green_premiums(runs: dict[str, Results], products: pd.DataFrame,
                   year: int = 2030) -> pd.DataFrame:
    """Premium of each end product made with low-emission materials or transport, ``year``."""
    rows = []
    for product in products.to_dict("records"):
        results = runs.get(str(product["sector"]))
        if results is None:
            continue
        per_unit, unit = unit_premium(results, year)
        premium = per_unit * float(product["material_quantity"])
        price = float(product["product_price_usd"])
        rows.append({"product": product["product"], "sector": product["sector"], "year": year,
                     "material_quantity": product["material_quantity"],
                     "material_unit": product["material_unit"], "premium_per_unit": per_unit,
                     "premium_unit": unit, "premium_usd": premium, "product_price_usd": price,
                     "premium_pct": 100 * premium / price})
    return pd.DataFrame(rows)


def macc(results: Results, year: int) -> pd.DataFrame:
    """Marginal abatement cost curve of one sector in ``year``: each option's abatement in
    the pathway against the incumbent (Mt CO2/yr), and its cost (USD per t CO2 avoided,
    before any carbon price), sorted by cost. Industry options are technologies (scope 1+2,
    LCOX); transport options are fuels (well-to-wake, price) and zero-emission powertrains
    (TCO)."""
    t = results.trajectory
    rows = (_fleet_macc(t, year) if isinstance(t, FleetTrajectory) else _industry_macc(t, year))
    frame = pd.DataFrame(rows, columns=["option", "abatement_mt", "cost_usd_per_t"])
    frame.insert(0, "sector", results.sector)
    frame.insert(1, "year", year)
    frame = frame[frame["abatement_mt"] > 1e-6].sort_values("cost_usd_per_t")
    frame["cumulative_mt"] = frame["abatement_mt"].cumsum()
    return frame.reset_index(drop=True)


def _industry_macc(t: Trajectory, year: int) -> list[tuple[str, float, float]]:
    i = int(np.searchsorted(t.inputs.years, year))
    emissions = t.economics.scope12[i]  # (R, T) t/t
    lcox = t.economics.lcox[i] - t.economics.carbon_cost[i]  # abatement cost excludes CO2 price
    production = t.production[i]
    incumbent = _industry_incumbents(t)
    rows = np.arange(len(t.inputs.regions))
    cut = emissions[rows, incumbent][:, None] - emissions  # (R, T)
    extra = lcox - lcox[rows, incumbent][:, None]
    out = []
    for k, tech in enumerate(t.inputs.technologies):
        useful = (production[:, k] > 0) & (cut[:, k] > 1e-6)
        if not useful.any():
            continue
        abated = float((production[useful, k] * cut[useful, k]).sum())
        cost = float((production[useful, k] * extra[useful, k]).sum() / abated)
        out.append((tech, abated, cost))
    return out


def _fleet_macc(t: FleetTrajectory, year: int) -> list[tuple[str, float, float]]:
    x = t.inputs
    i = int(np.searchsorted(x.years, year))
    factor = x.ttw[i] + x.wtt[i]  # (R, F) t/GJ
    energy = t.fuel_energy[i]
    out = []
    first = t.fuel_energy[0]
    for k, carrier in enumerate(x.carriers):
        members = np.flatnonzero(x.fuel_carrier == k)
        for r in range(len(x.regions)):
            base = members[first[r, members].argmax()]
            for f in members:
                cut = factor[r, base] - factor[r, f]
                if f == base or cut <= 1e-9 or energy[r, f] <= 0:
                    continue
                out.append((f"{carrier}: {x.fuels[f]}", float(energy[r, f] * cut),
                            float((x.fuel_price[i, r, f] - x.fuel_price[i, r, base]) / cut)))
    per_activity = (t.ttw[i] + t.wtt[i]) / np.maximum(t.activity[i], 1e-12)  # kt per M units
    incumbent = x.base_activity.argmax(axis=1)
    for m in range(len(x.markets)):
        base = incumbent[m]
        for p in np.flatnonzero(x.zero_emission_powertrain & (t.activity[i, m] > 0)):
            cut = (per_activity[m, base] - per_activity[m, p]) * 1e-3  # t per unit
            if cut <= 0:
                continue
            extra = t.tco_excl_carbon[i, m, p] - t.tco_excl_carbon[i, m, base]
            out.append((f"powertrain: {x.powertrains[p]}",
                        float(t.activity[i, m, p] * cut * 1e3), float(extra / cut)))
    return _merge_options(out)


def _merge_options(rows: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Sum abatement of the same option over regions/markets; cost abatement-weighted."""
    merged: dict[str, list[float]] = {}
    for name, abated, cost in rows:
        entry = merged.setdefault(name, [0.0, 0.0])
        entry[0] += abated
        entry[1] += abated * cost
    return [(name, a, c / a) for name, (a, c) in merged.items() if a > 0]

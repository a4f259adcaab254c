"""What the pathways mean for decisions: 2030 Breakthrough checks, cost-parity years, green
premiums on end products and marginal abatement cost curves, from any sector's Results."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from sectorpath.reporting.names import Names
from sectorpath.results import Results
from sectorpath.tolerances import AMOUNT

_METRICS: dict[str, Callable[[Names], str]] = {
    "zero_emission_fuel_share_pct": lambda n: n.zero_emission_fuel_share,
    "zero_emission_sales_share_pct": lambda n: n.zero_emission_sales_share,
    "near_zero_production_share_pct": lambda n: n.near_zero_share,
    "near_zero_production_mt": lambda n: n.near_zero_production,
}


def metric_value(results: Results, metric: str, year: int) -> float:
    """A Breakthrough metric's modelled World value in ``year`` (nan if not modelled)."""
    if metric == "emissions_reduction_pct_vs_2020":
        emissions = results.world(results.names.emissions)
        return float(100 * (1 - emissions[year] / emissions[2020]))
    if metric not in _METRICS:
        return float("nan")
    series = results.world(_METRICS[metric](results.names), missing_ok=True)
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


def parity_years(results: Results) -> pd.DataFrame:
    """Cost-parity year of each low-emission option against the incumbent, per region, under
    the scenario's carbon price (the sector's model says what option and incumbent mean:
    technologies' LCOX in industry; powertrains' TCO and fuels' cost in transport)."""
    return results.model.parity_years(results.trajectory)


def unit_premium(results: Results, year: int,
                 with_carbon_price: bool = True) -> tuple[float, str]:
    """World cost premium of the cheapest low-emission option over the incumbent in ``year``
    and its unit (USD per t of product, or per activity unit in transport); at zero carbon
    price (the cost gap) if ``with_carbon_price`` is False."""
    return results.model.unit_premium(results.trajectory, year, with_carbon_price)


def green_premiums(runs: dict[str, Results], products: pd.DataFrame,
                   year: int = 2030) -> pd.DataFrame:
    """Premium of each end product made with low-emission materials or transport, ``year``:
    the cost gap at zero carbon price (``*_zero_carbon``) and under the scenario's carbon
    price, in USD per product and in % of the product's price."""
    rows = []
    for product in products.to_dict("records"):
        results = runs.get(str(product["sector"]))
        if results is None:
            continue
        quantity = float(product["material_quantity"])
        price = float(product["product_price_usd"])
        gap, unit = unit_premium(results, year, with_carbon_price=False)
        per_unit, _ = unit_premium(results, year)
        rows.append({"product": product["product"], "sector": product["sector"], "year": year,
                     "material_quantity": product["material_quantity"],
                     "material_unit": product["material_unit"], "premium_unit": unit,
                     "product_price_usd": price,
                     "premium_per_unit_zero_carbon": gap,
                     "premium_usd_zero_carbon": gap * quantity,
                     "premium_pct_zero_carbon": 100 * gap * quantity / price,
                     "premium_per_unit": per_unit, "premium_usd": per_unit * quantity,
                     "premium_pct": 100 * per_unit * quantity / price})
    return pd.DataFrame(rows)


def macc(results: Results, year: int) -> pd.DataFrame:
    """Marginal abatement cost curve of one sector in ``year``: each option's abatement in
    the pathway against the incumbent (Mt CO2/yr), and its cost (USD per t CO2 avoided,
    before any carbon price), sorted by cost. Industry options are technologies (scope 1+2,
    LCOX); transport options are fuels (well-to-wake, price) and zero-emission powertrains
    (TCO)."""
    rows = results.model.macc(results.trajectory, year)
    frame = pd.DataFrame(rows, columns=["option", "abatement_mt", "cost_usd_per_t"])
    frame.insert(0, "sector", results.sector)
    frame.insert(1, "year", year)
    frame = frame[frame["abatement_mt"] > AMOUNT].sort_values("cost_usd_per_t")
    frame["cumulative_mt"] = frame["abatement_mt"].cumsum()
    return frame.reset_index(drop=True)

"""Trucking: freight trucks above 3.5 t by segment (light 3.5-7.5 t, medium 7.5-15 t, heavy
> 15 t) and region, with diesel, battery-electric, fuel-cell and catenary (overhead-line)
battery trucks.

Data: ``data/`` (see ``data/SOURCES.md``), written by ``tools/build_data/trucking.py`` from
IEA, ICCT, IPCC, JEC, EIA, Eurostat and China NBS figures. Activity is in billion tonne-km
(tkm): the statistics that anchor the base year (road freight turnover, IEA intensities per
tkm) are in tkm, and tkm is what a freight demand scenario grows.

Sector-specific rule: the year each powertrain reaches total-cost-of-ownership parity with
diesel in each market (``parity_years``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sectorpath.economics import parity_year
from sectorpath.policies import compliance_table
from sectorpath.sectors.base import Fleet

if TYPE_CHECKING:
    from sectorpath.results import Results

DATA = Path(__file__).parent / "data"

REFERENCE_POWERTRAIN = "diesel"


def first_parity_year(tco: np.ndarray, years: np.ndarray, reference: int) -> np.ndarray:
    """(M, P) first year from which each powertrain's TCO stays at or below the reference's.

    ``tco`` is (Y, M, P) in USD per activity unit of a new vehicle (``inf`` where a powertrain
    is not offered). A powertrain that is cheaper in some years but dearer again later only
    counts from the last crossing; nan where parity is not reached by the last year.
    """
    return parity_year(tco <= tco[:, :, reference][:, :, None], years)


def parity_years(results: Results, reference: str = REFERENCE_POWERTRAIN) -> pd.DataFrame:
    """TCO parity year of every powertrain against ``reference`` per segment and region.

    Columns: segment, region, powertrain, parity_year (the first year from which a new vehicle
    of the powertrain costs no more per tkm than a new ``reference`` vehicle, carbon price
    included, and stays so to 2050; ``None`` if never; the first model year if it already
    does then; never before the powertrain is on sale). Powertrains not on sale before 2050
    in a segment are left out.
    """
    trajectory = results.trajectory
    x = trajectory.inputs
    if reference not in x.powertrains:
        raise ValueError(f"unknown reference powertrain {reference!r}; known: {x.powertrains}")
    ref = x.powertrains.index(reference)
    years = first_parity_year(trajectory.tco, x.years, ref)
    market, power = np.nonzero(x.offered)
    on_sale = x.attributes["available_from"][market, power] <= x.years[-1]
    keep = (power != ref) & on_sale
    market, power = market[keep], power[keep]
    start = x.attributes["available_from"][market, power]
    found = np.maximum(years[market, power], start)  # no parity before it is on sale
    return pd.DataFrame({
        "segment": [x.segments[x.market_segment[m]] for m in market],
        "region": [x.regions[x.market_region[m]] for m in market],
        "powertrain": [x.powertrains[p] for p in power],
        "parity_year": pd.array([None if np.isnan(y) else int(y) for y in found],
                                dtype="Int64"),
    })


SECTOR = Fleet(
    iamc_sector="Transportation|Truck",
    iamc_product="Transportation|Freight|Truck",
    name="trucking",
    label="Trucking",
    activity_unit="billion tkm",
    data_dir=DATA,
    reports={"parity_years": parity_years, "policy_compliance": compliance_table},
    # hydrogen and electricity as delivered; HVO/biodiesel at 83% of its feedstock's energy
    shared_resources={"hydrogen": (("hydrogen", 1.0),),
                      "electricity": (("grid_electricity", 1.0),),
                      "biomass": (("biodiesel_hvo", 1.2),)},
)

"""Shipping: international (IMO voyage-based, four segments) and domestic navigation with
fishing (one segment, region ``Domestic``) as vintaged fleets.

Data: ``data/`` (see ``data/SOURCES.md``), built by ``tools/build_data/shipping.py``. Ships are
newbuilds of one powertrain each (conventional ICE, LNG, methanol or ammonia dual-fuel,
hydrogen fuel cells and batteries for short sea); a dual-fuel ship burns whichever fuel of its
carrier the blend gives it (fossil, bio or e-fuel). Existing ships are not converted to another
powertrain (the fleet engine has no retrofit step); they decarbonise with drop-in liquid fuels.

The sector-specific rule here is the IMO 2023 Strategy's checkpoints: :func:`checkpoints`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from sectorpath.policies import compliance_table
from sectorpath.reporting.names import Names
from sectorpath.sectors.base import Fleet

LABEL = "Shipping"

#: Hydrogen, electricity and biomass drawn per PJ of each fuel (LHV), for cross-sector caps.
#: Typical conversion efficiencies, rounded (estimates): e-ammonia 85% of the hydrogen's
#: energy, e-methanol 80%, e-LNG (methanation) 78%, e-diesel (Fischer-Tropsch) 70% (IEA, The
#: Future of Hydrogen, 2019; IRENA, Innovation Outlook: Renewable Methanol, 2021); bio-oil
#: (HVO/FAME) 83% of the feedstock's energy, bio-methanol (gasification) 55%, bio-LNG 60%.
SHARED_RESOURCES = {
    "hydrogen": (("green_h2", 1.0), ("e_ammonia", 1.18), ("e_methanol", 1.25),
                 ("e_lng", 1.28), ("e_diesel", 1.43)),
    "electricity": (("grid_electricity", 1.0),),
    "biomass": (("bio_oil", 1.2), ("bio_methanol", 1.8), ("bio_lng", 1.67)),
}

#: Fourth IMO GHG Study 2020: international shipping GHG in 2008, voyage-based, tank-to-wake,
#: Mt CO2e (the basis of the IMO 2023 Strategy's 2008 reference).
BASELINE_2008_TTW = 794.0
#: IMO Net-Zero Framework (MEPC 83, 2025): 2008 fleet-average well-to-wake GHG fuel intensity,
#: g CO2e/MJ.
GFI_2008 = 93.3
#: 2008 tank-to-wake intensity, g CO2/MJ, from the IEA's 2008 international bunker sales (HFO
#: 177.0 Mt, MDO 22.7 Mt; Third IMO GHG Study Table 9) and MEPC.364(79) factors
#: (HFO 3.114 t/t, 40.2 GJ/t; MDO 3.206 t/t, 42.7 GJ/t).
TTW_INTENSITY_2008 = (177.0 * 3.114 + 22.7 * 3.206) / (177.0 * 40.2 + 22.7 * 42.7) * 1e3
#: 2008 well-to-wake baseline, Mt CO2e: the 2008 energy (794 Mt / TTW intensity) times the
#: 2008 GFI. Derived here; IMO has not published a well-to-wake 2008 total.
BASELINE_2008_WTW = BASELINE_2008_TTW * GFI_2008 / TTW_INTENSITY_2008

#: The IMO 2023 Strategy's indicative checkpoints (resolution MEPC.377(80)): reduction of total
#: annual GHG from international shipping vs 2008 (%), and the share of zero or near-zero GHG
#: fuels and energy sources in the energy used (%). "Net zero by or around 2050" is read as a
#: residual of at most 5% of 2008 left to out-of-sector removals (this module's reading).
GHG_CHECKPOINTS = (("GHG reduction vs 2008, at least (%)", 2030, 20.0),
                   ("GHG reduction vs 2008, striving for (%)", 2030, 30.0),
                   ("GHG reduction vs 2008, at least (%)", 2040, 70.0),
                   ("GHG reduction vs 2008, striving for (%)", 2040, 80.0),
                   ("Net-zero GHG around 2050: reduction vs 2008 (%)", 2050, 95.0))
ZERO_EMISSION_CHECKPOINTS = (("Zero/near-zero fuel share of energy, at least (%)", 2030, 5.0),
                             ("Zero/near-zero fuel share of energy, striving for (%)", 2030,
                              10.0))


#: The IMO Strategy's and the Net-Zero Framework's scope: the international voyages' region.
INTERNATIONAL = "International"


class _Table(Protocol):
    @property
    def iamc(self) -> pd.DataFrame: ...


def international(results: _Table, variable: str) -> pd.Series:
    """One variable of the International region (not domestic navigation and fishing)."""
    table = results.iamc
    rows = table[(table["region"] == INTERNATIONAL) & (table["variable"] == variable)]
    return rows.set_index("year")["value"]


@dataclass(frozen=True)
class Basis:
    """Which emissions the GHG checkpoints compare: variable and its 2008 value (Mt)."""

    variable: str
    baseline_2008: float


NAMES = Names(LABEL, "Transportation|Shipping", "Transportation|Shipping")
WELL_TO_WAKE = Basis(NAMES.well_to_wake, BASELINE_2008_WTW)
TANK_TO_WAKE = Basis(NAMES.scope(1), BASELINE_2008_TTW)


def checkpoints(results: _Table, basis: Basis = WELL_TO_WAKE) -> pd.DataFrame:
    """The IMO 2023 Strategy's checkpoints against a run's International results.

    Columns: checkpoint, year, target (%), modelled (%), met (modelled >= target), shortfall
    (percentage points missed, 0 when met). GHG rows
    are reductions of ``basis`` vs its 2008 value (well-to-wake by default, as the Strategy
    asks; ``TANK_TO_WAKE`` compares scope 1 with the study's 794 Mt); the zero-emission rows
    read the zero-emission fuel share.
    """
    emissions = international(results, basis.variable)
    share = international(results, NAMES.zero_emission_fuel_share)
    rows = [(name, year, target, 100.0 * (1.0 - emissions[year] / basis.baseline_2008))
            for name, year, target in GHG_CHECKPOINTS]
    rows += [(name, year, target, float(share[year]))
             for name, year, target in ZERO_EMISSION_CHECKPOINTS]
    table = pd.DataFrame(rows, columns=["checkpoint", "year", "target", "modelled"])
    table["met"] = table["modelled"] >= table["target"]
    table["shortfall"] = (table["target"] - table["modelled"]).clip(lower=0.0)
    return table


SECTOR = Fleet(
    iamc_sector=NAMES.sector,
    iamc_product=NAMES.product,
    name="shipping",
    label=LABEL,
    activity_unit="billion tkm",
    data_dir=Path(__file__).parent / "data",
    reports={"imo_checkpoints": checkpoints, "policy_compliance": compliance_table},
    shared_resources=SHARED_RESOURCES,
)

"""Aviation: commercial passenger and freight aviation as vintaged fleets of aircraft.

Data: ``data/`` (see ``data/SOURCES.md``), written by ``tools/build_data/aviation.py`` from
ICAO, IEA, ICCT, CORSIA and AeroMAPS figures. Base year 2019 (the last year before COVID-19);
one region, ``Global``. Activity is in billion passenger-km: short haul (< 1,500 km), medium
haul (1,500-4,000 km) and long haul (> 4,000 km) passengers, and freight at 10 passenger-km
equivalent per revenue tonne-km (100 kg per passenger with baggage).

Aircraft burn a drop-in liquid blend (fossil kerosene and sustainable aviation fuels: HEFA,
biomass Fischer-Tropsch from residues or municipal solid waste, alcohol-to-jet, power-to-liquid
e-kerosene), liquid hydrogen (short and medium haul, two aircraft designs with their own entry
years) or electricity (battery commuter aircraft, short haul only).

Non-CO2 effects (contrails, NOx, water vapour, aerosols) are reported as a CO2-equivalent
multiple of tank-to-wake CO2: the ratio of aviation's non-CO2 to CO2 effective radiative
forcing in 2018 (Lee et al. 2021). It is a forcing ratio, not an emission metric.
"""

from __future__ import annotations

from pathlib import Path

from sectorpath.policies import compliance_table
from sectorpath.sectors.base import Fleet

DATA = Path(__file__).parent / "data"

#: Lee et al. (2021), "The contribution of global aviation to anthropogenic climate forcing for
#: 2000 to 2018", Atmospheric Environment 244, 117834, Table 3: net aviation effective radiative
#: forcing in 2018, mW/m2 (best estimates).
ERF_NET_2018 = 100.9
ERF_CO2_2018 = 34.3
#: Non-CO2 ERF per unit of CO2 ERF (1.94).
NON_CO2_FACTOR = (ERF_NET_2018 - ERF_CO2_2018) / ERF_CO2_2018

#: AeroMAPS 1.2.0 literature medians (energy_carriers_data.yaml, resource_specific_consumption):
#: PJ of biomass feedstock per PJ of HEFA, Fischer-Tropsch and alcohol-to-jet fuel.
FEEDSTOCK_PER_FUEL = {"saf_hefa": 1.14, "saf_ft_residues": 2.17, "saf_ft_msw": 2.17,
                      "saf_atj": 2.08}
#: AeroMAPS 1.2.0 hydrogen_and_electrofuel.xlsx (PtL sheet, after Ueckerdt et al. 2021):
#: 0.7407 PJ e-kerosene per PJ hydrogen; processes_data.yaml: liquefying hydrogen takes
#: 0.25 PJ of electricity per PJ.
HYDROGEN_PER_PTL = 1 / 0.740667
LIQUEFACTION = 0.25
_HYDROGEN_FUELS = ("hydrogen_electrolytic", "hydrogen_smr_ccs", "hydrogen_smr")

#: Hydrogen, electricity and biomass drawn per PJ of each fuel, for cross-sector caps.
SHARED_RESOURCES = {
    "hydrogen": (*((fuel, 1.0) for fuel in _HYDROGEN_FUELS), ("saf_ptl", HYDROGEN_PER_PTL)),
    "electricity": (("electricity", 1.0), *((fuel, LIQUEFACTION) for fuel in _HYDROGEN_FUELS)),
    "biomass": tuple(FEEDSTOCK_PER_FUEL.items()),
}

SECTOR = Fleet(iamc_sector="Transportation|Aviation", iamc_product="Transportation|Aviation",
    name="aviation", label="Aviation", activity_unit="billion pkm", data_dir=DATA,
               first_year=2019, non_co2_factor=NON_CO2_FACTOR, shared_resources=SHARED_RESOURCES,
               reports={"policy_compliance": compliance_table})

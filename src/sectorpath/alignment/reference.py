"""Fixed reference tables of the PACTA method: which technologies must grow and which must
shrink, and the sector classification codes that place a loan in a sector.

Sources:

- increasing or decreasing: for PACTA's own sectors (automotive, power, oil and gas, coal)
  the table ``increasing_or_decreasing`` of r2dii.data (RMI / 2DII, MIT licence),
  <https://rmi-pacta.github.io/r2dii.data/reference/increasing_or_decreasing.html>; for
  sectorpath's technologies this project's classification under the same rule: a technology
  that emits fossil CO2 without capture decreases (tmsr), a low-carbon one increases (smsp).
- sector classification codes: NACE Rev. 2 (Eurostat, Regulation (EC) No 1893/2006),
  ISIC Rev. 4 (UN Statistics Division, 2008) and GICS (MSCI / S&P, structure effective
  March 2023); only the codes of the sectors sectorpath aligns, chosen as r2dii.data's
  ``sector_classifications`` does (<https://rmi-pacta.github.io/r2dii.data/reference/sector_classifications.html>).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

INCREASING, DECREASING = "increasing", "decreasing"

#: sector -> technologies that must shrink (PACTA's technology market-share ratio, tmsr);
#: every other technology of the sector must grow (sector market-share percentage, smsp).
_DECREASING: dict[str, tuple[str, ...]] = {
    "automotive": ("ice", "ice_hdv"),
    "power": ("coalcap", "gascap", "oilcap"),
    "oil_and_gas": ("oil", "gas"),
    "coal": ("coal",),
    "aluminium": tuple(f"Carbon Anode + {power}" for power in (
        "Coal", "Coal+CCS", "Grid", "Hydro", "Natural Gas", "Natural Gas+CCS", "PPA+Grid",
        "Small Modular Reactor")),
    "ammonia": ("Coal Gasification + ammonia synthesis", "Natural Gas SMR + ammonia synthesis"),
    "aviation": ("kerosene",),
    "cement": ("kiln_coal", "kiln_gas", "kiln_af43", "kiln_af90"),
    "methanol": ("Natural gas reforming + methanol synthesis",
                 "Coal gasification + methanol synthesis"),
    "shipping": ("ice", "lng_df"),
    "steel": ("Avg BF-BOF", "BAT BF-BOF", "BAT BF-BOF_H2 PCI", "BAT BF-BOF_bio PCI",
              "DRI-EAF", "DRI-Melt-BOF", "Smelting Reduction"),
    "trucking": ("diesel",),
}

def direction(sector: pd.Series, technology: pd.Series) -> pd.Series:
    """"increasing" or "decreasing" for each (sector, technology); a technology not listed
    as decreasing increases (low-carbon routes, PACTA's green technologies)."""
    decreasing = {(s, t) for s, techs in _DECREASING.items() for t in techs}
    sector_code, sectors = pd.factorize(sector)
    tech_code, techs = pd.factorize(technology)
    table = np.array([[DECREASING if (s, t) in decreasing else INCREASING for t in techs]
                      for s in sectors], dtype=object).reshape(len(sectors), len(techs))
    return pd.Series(table[sector_code, tech_code] if len(sector) else np.array([], object),
                     index=sector.index, name="direction")


#: Sector classification codes -> sector, by system. Codes match at their own level and
#: below (a loan coded 24.10 or 2410 is steel; NACE codes are compared without the dot).
CLASSIFICATIONS: dict[str, dict[str, str]] = {
    "NACE": {
        "2410": "steel",        # manufacture of basic iron and steel and of ferro-alloys
        "2451": "steel",        # casting of iron
        "2442": "aluminium",    # aluminium production
        "2351": "cement",       # manufacture of cement
        "2015": "ammonia",      # manufacture of fertilisers and nitrogen compounds
        "2014": "methanol",     # manufacture of other organic basic chemicals
        "5020": "shipping",     # sea and coastal freight water transport
        "5010": "shipping",     # sea and coastal passenger water transport
        "5110": "aviation",     # passenger air transport
        "5121": "aviation",     # freight air transport
        "4941": "trucking",     # freight transport by road
        "3511": "power",        # production of electricity
        "291": "automotive",    # manufacture of motor vehicles
        "05": "coal",           # mining of coal and lignite
        "06": "oil_and_gas",    # extraction of crude petroleum and natural gas
    },
    "ISIC": {
        "2410": "steel",        # manufacture of basic iron and steel
        "2431": "steel",        # casting of iron and steel
        "2394": "cement",       # manufacture of cement, lime and plaster
        "2012": "ammonia",      # manufacture of fertilizers and nitrogen compounds
        "2011": "methanol",     # manufacture of basic chemicals
        "5012": "shipping",     # sea and coastal freight water transport
        "5011": "shipping",     # sea and coastal passenger water transport
        "5110": "aviation",     # passenger air transport
        "5120": "aviation",     # freight air transport
        "4923": "trucking",     # freight transport by road
        "3510": "power",        # electric power generation, transmission and distribution
        "2910": "automotive",   # manufacture of motor vehicles
        "05": "coal",           # mining of coal and lignite
        "06": "oil_and_gas",    # extraction of crude petroleum and natural gas
    },
    "GICS": {
        "15104050": "steel",        # Steel
        "15104010": "aluminium",    # Aluminum
        "15102010": "cement",       # Construction Materials
        "15101030": "ammonia",      # Fertilizers & Agricultural Chemicals
        "15101010": "methanol",     # Commodity Chemicals
        "20303010": "shipping",     # Marine Transportation
        "20302010": "aviation",     # Passenger Airlines
        "20304030": "trucking",     # Cargo Ground Transportation
        "551010": "power",          # Electric Utilities
        "551050": "power",          # Independent Power and Renewable Electricity Producers
        "25102010": "automotive",   # Automobile Manufacturers
        "10102050": "coal",         # Coal & Consumable Fuels
        "10102020": "oil_and_gas",  # Oil & Gas Exploration & Production
        "10102010": "oil_and_gas",  # Integrated Oil & Gas
    },
}

"""High-value chemicals (HVC): a representative 2020 plant stock built from public figures.

The product is one tonne of HVC, the IEA's basket of ethylene, propylene, butadiene and BTX
aromatics (benzene, toluene, mixed xylenes). Each route makes its own basket (an ethane
cracker 95% ethylene, a naphtha cracker under half), reported as
``Production by Product|High-Value Chemicals|<product>``.

Data: ``data/`` (see ``data/SOURCES.md``), built by ``tools/build_data/hvc.py``: about 400 Mt
of HVC in 2020 from steam crackers (ethane, LPG, naphtha, gas oil), methanol-to-olefins (its
methanol bought from the methanol sector, whose emissions and product carbon count there),
propane dehydrogenation and refinery co-products (FCC propylene, reformate aromatics), by
region on stated assumptions. Decarbonisation routes: crackers with CCS on the furnace flue
gas, hydrogen-fired furnaces, electric furnaces, bio-naphtha, bio-ethanol dehydration and
chemical recycling (plastic pyrolysis oil as cracker feed).

Carbon accounting: feedstock is not burnt, so its carbon is not in scope 1; the fossil carbon
that leaves in the products is reported in scope 3, and, when a scenario turns on the
end-of-life accounting, its released share as ``Emissions|CO2|High-Value Chemicals|End of
Life`` (``data/end_of_life.csv``). Mechanical recycling in a scenario lowers virgin demand.

Switching rules: at a 30-year-life plant's 20-year investment cycle a cracker keeps its feed
family (gas crackers stay on ethane, liquid crackers move among the naphtha routes) and may
move to a near-zero furnace or feed; between cycles a cracker may take CCS or a hydrogen
furnace as a retrofit. Methanol-to-olefins, propane dehydrogenation and refinery co-products
keep their route. New routes are capped by the project pipeline, then by diffusion limits.
"""

from __future__ import annotations

from pathlib import Path

from sectorpath.sectors import rules
from sectorpath.sectors.base import EndOfLife, Reported, ResourceLimit, Sector

DATA = Path(__file__).parent / "data"

ETHANE = "Steam cracker, ethane"
LPG = "Steam cracker, LPG"
NAPHTHA = "Steam cracker, naphtha"
GAS_OIL = "Steam cracker, gas oil"
MTO = "Methanol-to-olefins"
PDH = "Propane dehydrogenation"
REFINERY = "Refinery co-products (FCC propylene, reformate aromatics)"
ETHANE_CCS = "Steam cracker, ethane + CCS on furnace flue gas"
NAPHTHA_CCS = "Steam cracker, naphtha + CCS on furnace flue gas"
ETHANE_H2 = "Steam cracker, ethane, hydrogen-fired furnace"
NAPHTHA_H2 = "Steam cracker, naphtha, hydrogen-fired furnace"
ETHANE_ELECTRIC = "Electric steam cracker, ethane"
NAPHTHA_ELECTRIC = "Electric steam cracker, naphtha"
BIO_NAPHTHA = "Steam cracker, bio-naphtha"
BIO_ETHANOL = "Bio-ethanol dehydration to ethylene"
PYROLYSIS = "Steam cracker, plastic pyrolysis oil (chemical recycling)"

GAS_ROUTES = (ETHANE_CCS, ETHANE_H2, ETHANE_ELECTRIC)
LIQUID_ROUTES = (NAPHTHA_CCS, NAPHTHA_H2, NAPHTHA_ELECTRIC, BIO_NAPHTHA, PYROLYSIS)
NEAR_ZERO = frozenset({*GAS_ROUTES, *LIQUID_ROUTES, BIO_ETHANOL} - {PYROLYSIS})
LABEL = "High-Value Chemicals"
PRODUCTS = ("Ethylene", "Propylene", "Butadiene", "Aromatics")

SECTOR = Sector(
    iamc_sector="Industry|Chemicals|High-Value Chemicals",
    iamc_product="Chemicals|High-Value Chemicals",
    name="hvc", label=LABEL, product="hvc", data_dir=DATA,
    # MPP's chemicals settings (ammonia): 20-year cycle, 30-year life, utilisation band.
    investment_cycle_years=20, lifetime_years=30, utilisation_min=0.5, utilisation_max=0.95,
    new_asset_capacity=2.0,  # a world-scale cracker, ~1.5 Mt ethylene
    main_switches={
        ETHANE: (ETHANE, *GAS_ROUTES),
        **{liquid: (liquid, *LIQUID_ROUTES) for liquid in (LPG, NAPHTHA, GAS_OIL)},
        **{route: (route,) for route in (MTO, PDH, REFINERY, BIO_ETHANOL, *GAS_ROUTES)},
        **{route: (route, *(r for r in LIQUID_ROUTES if r != PYROLYSIS))
           for route in LIQUID_ROUTES},
    },
    transitional_switches={ETHANE: (ETHANE_CCS, ETHANE_H2), NAPHTHA: (NAPHTHA_CCS, NAPHTHA_H2)},
    low_emission_technologies=NEAR_ZERO,
    reported=(
        *(Reported(f"Production by Product|{LABEL}|{name}", "Mt/yr", ((name.lower(), 1.0),))
          for name in PRODUCTS),
        *rules.final_energy(LABEL, {
            "Natural Gas": ("natural_gas",), "Electricity": ("electricity",),
            "Hydrogen": ("hydrogen",), "Biomass": ("biomass",),
        }),
        *(Reported(f"Feedstock|{LABEL}|{name}", "PJ/yr", ((commodity, 1.0),))
          for name, commodity in (("Ethane", "ethane"), ("LPG", "lpg"), ("Naphtha", "naphtha"),
                                  ("Gas Oil", "gas_oil"), ("Bio-Naphtha", "bio_naphtha"),
                                  ("Bio-Ethanol", "bioethanol"),
                                  ("Pyrolysis Oil", "pyrolysis_oil"))),
        Reported(f"Resource Use|{LABEL}|Methanol", "Mt/yr", (("methanol", 1.0),)),
        Reported(f"Carbon Content|{LABEL}|Fossil", "Mt CO2/yr",
                 (("fossil_carbon_in_product", 1.0),)),
    ),
    # Bio-naphtha and bio-ethanol count as biomass at their energy content (their conversion
    # losses upstream are not counted: data/SOURCES.md).
    shared_resources={
        **rules.summed({"hydrogen": ("hydrogen",), "electricity": ("electricity",),
                        "co2_storage": ("captured_co2",)}),
        "biomass": (("biomass", 1.0), ("bio_naphtha", 1.0), ("bioethanol", 1.0)),
    },
    limits=(
        *(ResourceLimit(route, (f"{route}_output",), regional=False)
          for route in ("electric_cracking", "hydrogen_furnaces", "furnace_ccs", "bio_feedstock",
                        "chemical_recycling", "refinery_coproducts", "methanol_to_olefins",
                        "propane_dehydrogenation")),
    ),
    end_of_life=EndOfLife(carbon_commodity="fossil_carbon_in_product",
                          recycled_displaces_virgin=0.56),
)

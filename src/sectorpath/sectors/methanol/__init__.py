"""Methanol: a representative 2020 plant stock built from public figures (no MPP model).

Data: ``data/`` (see ``data/SOURCES.md``), built by ``tools/build_data/methanol.py``: about
100 Mt of methanol in 2020 (IRENA & Methanol Institute 2021), 65% from natural gas and 35%
from coal, split by region on stated assumptions; four routes (gas reforming, coal
gasification, biomass gasification, e-methanol from bought hydrogen and CO2). Energy prices
are MPP's regional series (those of the steel tables), grid factors MPP's.

Carbon accounting: the fossil carbon that leaves in the methanol is subtracted from scope 1
and counted in scope 3 (it is emitted when the methanol or its products are burnt); the
gas route's power export is sold, not credited against scope 2.

Switching rules (the MPP chemicals logic of initial -> end-state): at a 20-year investment
cycle a fossil plant keeps its route or moves to an end-state route (bio- or e-methanol),
paying the target's greenfield capex; staying pays the renewal capex; an end-state plant keeps
its route. Settings not given by a
source (cycle, life, utilisation bounds) are MPP's ammonia settings.
"""

from __future__ import annotations

from pathlib import Path

from sectorpath.sectors import rules
from sectorpath.sectors.base import EndOfLife, Reported, ResourceLimit, Sector

DATA = Path(__file__).parent / "data"

GAS = "Natural gas reforming + methanol synthesis"
COAL = "Coal gasification + methanol synthesis"
BIO = "Biomass gasification + methanol synthesis"
E_METHANOL = "Electrolytic H2 + CO2 hydrogenation (e-methanol)"

SECTOR = Sector(
    iamc_sector="Industry|Chemicals|Methanol",
    iamc_product="Chemicals|Methanol",
    name="methanol", label="Methanol", product="methanol", data_dir=DATA,
    # MPP's chemicals (ammonia) settings: cycle, life, utilisation band.
    investment_cycle_years=20, lifetime_years=30, utilisation_min=0.5, utilisation_max=0.95,
    new_asset_capacity=1.7,  # one 5,000 t/day "mega-methanol" train
    # A fossil plant never moves to the other fossil route; an end-state plant keeps its route
    # (both are near zero; a rebuild from one to the other would only churn capital).
    main_switches={GAS: (GAS, BIO, E_METHANOL), COAL: (COAL, BIO, E_METHANOL),
                   BIO: (BIO,), E_METHANOL: (E_METHANOL,)},
    low_emission_technologies=frozenset({BIO, E_METHANOL}),
    reported=(
        *rules.final_energy("Methanol", {
            "Natural Gas": ("natural_gas",),
            "Coal": ("thermal_coal",),
            "Electricity": ("electricity",),
            "Biomass": ("biomass",),
            "Hydrogen": ("hydrogen",),
        }),
        Reported("Secondary Energy|Electricity|Methanol|Export", "PJ/yr",
                 (("electricity_export", 1.0),)),
        Reported("Resource Use|Methanol|CO2 Feedstock", "Mt CO2/yr", (("co2_feedstock", 1.0),)),
        Reported("Carbon Content|Methanol|Fossil", "Mt CO2/yr",
                 (("fossil_carbon_in_product", 1.0),)),
    ),
    shared_resources=rules.summed({"hydrogen": ("hydrogen",), "electricity": ("electricity",),
                                   "biomass": ("biomass",)}),
    # Bio-methanol at most 2% of world demand until 2040 (MPP's rule for biomass routes in
    # its chemicals model; data/SOURCES.md).
    # e-methanol within the announced project pipeline to 2030, then a diffusion limit.
    limits=(ResourceLimit("capped_routes", ("capped_route_output",), regional=False),
            ResourceLimit("e_methanol_pipeline", ("e_methanol_output",), regional=False)),
    # The fossil carbon leaving in methanol, to its end of life (data/end_of_life.csv).
    end_of_life=EndOfLife(carbon_commodity="fossil_carbon_in_product"),
)

"""Ammonia: MPP's regional ammonia stack, in ammonia-equivalent tonnes (t NH3-eq).

Data: ``data/`` (see ``data/SOURCES.md``), built by ``tools/build_data/ammonia.py`` from the
input files of MPP's ammonia model (mpp-shared-code, ``ammonia/``). MPP models ammonia, urea
and ammonium nitrate; here they are one product, NH3-eq (0.5671 t NH3/t urea and 0.4255 t
NH3/t ammonium nitrate, by nitrogen content), with each region's per-tonne figures blended
from its 2020 product mix. Settings follow MPP's ``ammonia/config_ammonia.py``: a 20-year
investment cycle, 30-year plant life, capacity utilisation 0.5-0.95 and plants of
2,000 t/day (0.73 Mt/yr).

Switching rules: at a main investment cycle a plant may move to any available technology of
its own or a later phase (MPP's initial -> transition -> end-state, never back; the engine's
default) and is rebuilt at the target's greenfield capex (MPP: brownfield rebuild CAPEX =
greenfield CAPEX). Between cycles it may take a brownfield renovation that keeps its reformer
or gasifier (adding CCS or a 10% electrolyser), paying the capex difference.
"""

from __future__ import annotations

from pathlib import Path

from sectorpath.sectors import rules
from sectorpath.sectors.base import Reported, ResourceLimit, Sector

DATA = Path(__file__).parent / "data"

SMR = "Natural Gas SMR + ammonia synthesis"
SMR_CCS_PROCESS = "Natural Gas SMR + CCS (process emissions only) + ammonia synthesis"
SMR_CCS = "Natural Gas SMR + CCS + ammonia synthesis"
COAL = "Coal Gasification + ammonia synthesis"

#: Brownfield renovations between main cycles (same reformer or gasifier).
RENOVATIONS: dict[str, tuple[str, ...]] = {
    SMR: (SMR_CCS_PROCESS, SMR_CCS, "Electrolyser + SMR + ammonia synthesis"),
    SMR_CCS_PROCESS: (SMR_CCS,),
    COAL: ("Coal Gasification+ CCS + ammonia synthesis",
           "Electrolyser + Coal Gasification + ammonia synthesis"),
}

#: Routes with (near-)zero scope 1+2 CO2: MPP's end-state technologies.
END_STATE = frozenset(tech for tech, phase in rules.read_phases(DATA / "technologies.csv").items()
                      if phase == "end-state")

SECTOR = Sector(
    iamc_sector="Industry|Chemicals|Ammonia",
    iamc_product="Chemicals|Ammonia",
    name="ammonia",
    label="Ammonia",
    product="ammonia",
    data_dir=DATA,
    investment_cycle_years=20,  # MPP INVESTMENT_CYCLE
    lifetime_years=30,  # MPP STANDARD_LIFETIME
    utilisation_min=0.5,  # MPP CUF_LOWER_THRESHOLD
    utilisation_max=0.95,  # MPP CUF_UPPER_THRESHOLD
    new_asset_capacity=0.73,  # MPP's standard plant, 2,000 t NH3/day
    transitional_switches=RENOVATIONS,
    switch_capex=rules.renovate_to_target,
    low_emission_technologies=END_STATE,
    reported=(
        *rules.final_energy("Ammonia", {
            "Natural Gas": ("natural_gas", "natural_gas_pyrolysis"),
            "Coal": ("thermal_coal",),
            "Electricity": ("electricity", "electricity_ppa", "electricity_onsite_vre"),
            "Electricity|Grid": ("electricity",),
            "Biomass": ("biomass", "wet_biomass"),
            "Waste": ("municipal_solid_waste",),
        }),
        Reported("Secondary Energy|Hydrogen|Ammonia|Electrolysis", "PJ/yr",
                 (("electrolytic_hydrogen", 1.0),)),
        Reported("Resource Use|Ammonia|CO2 Feedstock", "Mt CO2/yr", (("co2_feedstock", 1.0),)),
        Reported("Emissions|N2O|Ammonia|Nitric Acid", "Mt N2O/yr", (("n2o_nitric_acid", 1.0),)),
    ),
    # Bought hydrogen: none (every route makes its own; electrolysis counts as electricity).
    shared_resources=rules.summed({
        "electricity": ("electricity", "electricity_ppa", "electricity_onsite_vre"),
        "biomass": ("biomass", "wet_biomass"),
        "co2_storage": ("captured_co2",),
    }),
    limits=(
        # MPP's yearly additions to CO2 storage and to electrolyser capacity, as the levels
        # they allow (cumulative sums; data/SOURCES.md); global caps.
        ResourceLimit("co2_storage", ("captured_co2",), regional=False),
        ResourceLimit("electrolyser_capacity", ("electrolyser_nameplate",), regional=False),
        # MPP's regional bans as caps of 0 that decisions may not add to: no new natural-gas
        # route in China, no geological H2 storage in India (no salt caverns).
        ResourceLimit("natural_gas_china", ("natural_gas",), enforce_on_stock=False),
        ResourceLimit("geological_h2_storage_india", ("hydrogen_storage_geological",),
                      enforce_on_stock=False),
        # Biomass and methane-pyrolysis routes: at most 2% of world demand until 2040.
        ResourceLimit("capped_routes", ("capped_route_output",), regional=False),
    ),
)

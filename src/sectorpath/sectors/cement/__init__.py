"""Cement: clinker kilns of MPP's cement business-case workbook, MPP's cement model settings.

Data: ``data/`` (see ``data/SOURCES.md``), built from MPP's ``business_cases.xlsx`` by
``tools/build_data/cement.py``. The product is clinker (Mt clinker/yr); cement grinding and
concrete are outside the model. Settings follow MPP's cement model (mpp-shared-code,
``cement/config/config_cement.py``): a 10-year investment cycle, a capacity utilisation of
0.913 and every region producing its own clinker demand.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sectorpath.sectors import rules
from sectorpath.sectors.base import Reported, ResourceLimit, Sector

DATA = Path(__file__).parent / "data"

#: MPP's cement capacity utilisation (config_cement.py, CUF_LOWER_THRESHOLD =
#: CUF_UPPER_THRESHOLD = 0.913); the 2020 kiln stock is sized with it.
CAPACITY_UTILISATION = 0.913
#: Utilisation band around it. MPP fixes utilisation at 0.913 exactly; a small band lets a
#: region whose demand falls by less than one kiln keep it instead of closing and reopening
#: kilns every year. Production never exceeds capacity x 0.913.
UTILISATION_BAND = 0.05


def main_switches(path: Path = DATA / "switches.csv") -> dict[str, tuple[str, ...]]:
    """Moves allowed at an investment cycle, from the workbook's switching table.

    Every move listed (staying included) is a brownfield renovation: fuel moves only up the
    order coal -> gas -> af43 -> af90, an initial kiln may add any capture route, a capture
    kiln keeps its route and CO2 fate (direct-separation kilns may also become electric or
    hydrogen kilns). ``switches.csv`` has one row per (origin, destination).
    """
    moves: dict[str, list[str]] = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            moves.setdefault(row["origin"], []).append(row["destination"])
    return {origin: tuple(targets) for origin, targets in moves.items()}


MAIN_SWITCHES = main_switches()
#: Kilns that capture their CO2 (every end-state technology of the workbook).
CAPTURE_KILNS = frozenset(t for targets in MAIN_SWITCHES.values() for t in targets
                          if t.endswith(("_ccs", "_ccu", "_ds")))
#: Near-zero kilns: those that store the CO2 they capture. CO2 sent to use (``_ccu``) returns
#: to the air when the fuel or chemical made from it is used, so those kilns are not near-zero.
STORING_KILNS = frozenset(t for t in CAPTURE_KILNS if not t.endswith("_ccu"))


def _energy(carrier: str, *commodities: str) -> Reported:
    """Final energy of one carrier, PJ/yr (GJ/t clinker x Mt clinker)."""
    return Reported(f"Final Energy|Cement|{carrier}", "PJ/yr", tuple((c, 1.0) for c in commodities))


SECTOR = Sector(
    iamc_sector="Industry|Non-Metallic Minerals|Cement",
    iamc_product="Non-Metallic Minerals|Cement Clinker",
    name="cement",
    label="Cement",
    product="clinker",
    data_dir=DATA,
    investment_cycle_years=10,
    lifetime_years=25,  # kiln lifetime of the workbook's technology cards
    utilisation_min=CAPACITY_UTILISATION - UTILISATION_BAND,
    utilisation_max=CAPACITY_UTILISATION,
    new_asset_capacity=2.0,  # the cards' "Average plant capacity", 2 Mt clinker/yr
    # Each region produces its own demand, as MPP's REGIONAL_PRODUCTION_SHARES = 1.0 (clinker
    # is hardly traded between world regions).
    trade=False,
    # The reference plant is MPP's cost and energy benchmark, not a kiln anyone runs or builds.
    excluded_technologies=frozenset({"kiln_reference"}),
    main_switches=MAIN_SWITCHES,
    # MPP's cement model offers every unabated kiln a renovation every year
    # (get_assets_eligible_for_brownfield_cement_renovation): a kiln the 2035 moratorium bars
    # from renewing, that finds no capture option within the ramp-up and storage limits,
    # tries again the next year rather than running unabated for another cycle.
    barred_retry_yearly=True,
    switch_capex=rules.renovate_to_target,
    low_emission_technologies=STORING_KILNS,
    # Plants as MPP's milestones count them: the workbook's "Average plant capacity" (SOURCES.md).
    standard_plant_mt=2.0,
    reported=(
        _energy("Coal", "thermal_coal"),
        _energy("Natural Gas", "natural_gas"),
        _energy("Biomass", "biomass"),
        _energy("Waste", "fossil_waste"),
        _energy("Electricity", "electricity", "electricity_onsite_vre"),
        _energy("Hydrogen", "hydrogen"),
        Reported("Gross Emissions|CO2|Cement|Calcination", "Mt CO2/yr",
                 (("process_emissions", 1.0),)),
        Reported("Resource Use|Cement|Raw Meal", "Mt/yr", (("raw_meal", 1.0),)),
    ),
    shared_resources={
        "hydrogen": (("hydrogen", 1.0),),
        "electricity": (("electricity", 1.0), ("electricity_onsite_vre", 1.0)),
        "biomass": (("biomass", 1.0),),
        "co2_storage": (("captured_co2", 1.0),),
    },
    limits=(
        ResourceLimit("biomass", ("biomass",), regional=False),
        # CO2 stored since 2020 stays within the cumulative storage path of each region
        # (SOURCES.md), as MPP's cement model checks it (CO2_STORAGE_CONSTRAINT_TYPE
        # "total_cumulative"); the yearly additions to that path are reported next to use.
        ResourceLimit("co2_storage", ("captured_co2",), regional=True, enforce_on_stock=False,
                      cumulative=True),
        # Cement's share of the world market for CO2 from new uses (SOURCES.md): CO2 sold for
        # use, and so its revenue, stays within it.
        ResourceLimit("co2_use", ("used_co2",), regional=False, enforce_on_stock=False),
    ),
)

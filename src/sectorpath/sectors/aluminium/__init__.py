"""Aluminium: MPP's 181 primary smelters and 24 smelter technologies (anode x power supply).

Data: ``data/`` (see ``data/SOURCES.md``), built by ``tools/build_data/aluminium.py`` from
MPP's aluminium model inputs (mpp-shared-code, ``aluminium/data/{bau,fa,lc}``) and public
cost figures. The product is primary aluminium (Mt Al/yr): MPP's demand is already net of
recycled metal. A technology is named ``<anode> + <power supply>``; alumina refining is not
a smelter option (the ``Alumina refinery`` row only carries the refinery's inputs per t of
alumina): its CO2 is the smelters' scope 3 (emission factor of ``alumina``), and its energy
and bauxite are reported from the alumina the smelters use.

Rules follow MPP's aluminium model (``aluminium/config_aluminium.py`` and
``mppshared/solver/implicit_forcing.py``): a 10-year investment cycle, utilisation up to
0.95, no move to an earlier phase, a hydro smelter stays hydro and only new smelters can
be hydro.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from sectorpath.sectors.base import Reported, Sector
from sectorpath.sectors.rules import read_phases, switches_by_phase

DATA = Path(__file__).parent / "data"
REFINERY = "Alumina refinery"
PHASES = read_phases(DATA / "technologies.csv", excluded=frozenset({REFINERY}))
SMELTERS = tuple(PHASES)

#: Anode families in the only order a smelter may move along (cells are rebuilt each time).
ANODE_ORDER = ("Carbon Anode", "Carbon Anode+CCS", "Inert Anode")


def power_supplies(path: Path = DATA / "technologies.csv") -> dict[str, str]:
    """Smelter technology -> the commodity its electricity is bought as (``power_supply``)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["technology"]: row["power_supply"] for row in csv.DictReader(handle)
                if row["technology"] in PHASES}


#: Every electricity commodity of the smelters (grid, PPA+grid, captive plants, hydro, SMR).
ELECTRICITY = tuple(sorted(set(power_supplies().values())))


def anode(technology: str) -> str:
    """Anode family of a smelter technology (``Inert Anode + Grid`` -> ``Inert Anode``)."""
    return technology.split(" + ", 1)[0]


def power(technology: str) -> str:
    """Power supply of a smelter technology (``Inert Anode + Grid`` -> ``Grid``)."""
    return technology.split(" + ", 1)[1]


def allowed_move(origin: str, target: str) -> bool:
    """MPP's hydro rule (a hydro smelter stays hydro, no other smelter becomes hydro) and
    anodes that never go back (carbon -> carbon + CCS -> inert)."""
    if (power(origin) == "Hydro") != (power(target) == "Hydro"):
        return False
    return ANODE_ORDER.index(anode(target)) >= ANODE_ORDER.index(anode(origin))


MAIN_SWITCHES = switches_by_phase(PHASES, allowed_move)

#: Stricter rules a scenario may choose (``constraints.switch_rule``). ``keep-power-supply``:
#: at its cycle a smelter may change its anode but keeps its power supply. A captive power
#: plant is the smelter's own asset, built and paid for; leaving it for grid or contracted
#: power is a strategic step that needs a reason (a carbon price, a policy, a buyer's
#: premium), which business as usual does not have. New smelters choose any supply.
SWITCH_RULES = {"keep-power-supply": switches_by_phase(
    PHASES, lambda origin, target: allowed_move(origin, target)
    and power(origin) == power(target))}


def switch_capex(green: np.ndarray, renewal: np.ndarray, techs: list[str]) -> np.ndarray:
    """Capex of each main-cycle move (row -> column), USD per t of annual capacity.

    Keeping the anode (staying, or changing only the power supply) pays the target's renewal
    capex: the potlines are refurbished as at any cycle and a captive plant's capital is in
    its power price. A new anode family rebuilds the cells: the target's greenfield capex.
    """
    families = np.array([ANODE_ORDER.index(anode(t)) for t in techs])
    same_anode = families[:, None] == families[None, :]
    return np.where(same_anode, renewal[None, :], green[None, :])


def refinery_input(commodity: str, path: Path = DATA / "intensities.csv") -> float:
    """Input of the alumina refinery per t alumina (GJ/t or t/t) from ``intensities.csv``."""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["technology"] == REFINERY and row["commodity"] == commodity:
                return float(row["value"])
    raise KeyError(f"no {REFINERY!r} row for {commodity!r} in {path}")


def _power(label: str, *commodities: str) -> Reported:
    """Electricity used by the smelters from the given supplies, PJ/yr (GJ/t x Mt)."""
    name = "Final Energy|Aluminium|Electricity" + (f"|{label}" if label else "")
    return Reported(name, "PJ/yr", tuple((c, 1.0) for c in commodities))


SECTOR = Sector(
    iamc_sector="Industry|Non-Ferrous Metals|Aluminum",
    iamc_product="Non-Ferrous Metals|Aluminum",
    name="aluminium",
    label="Aluminium",
    product="primary_aluminium",
    excluded_technologies=frozenset({REFINERY}),
    main_switches=MAIN_SWITCHES,
    switch_rules=SWITCH_RULES,
    new_build_technologies=SMELTERS,
    switch_capex=switch_capex,
    data_dir=DATA,
    investment_cycle_years=10,  # MPP INVESTMENT_CYCLE
    lifetime_years=30,  # MPP technology_lifetime of the smelter technologies
    # MPP's capacity-utilisation bounds (CUF_LOWER/UPPER_THRESHOLD): smelters run near full,
    # up to 0.95 of capacity; a region whose demand would leave them below 0.6 closes lines.
    utilisation_min=0.6,
    utilisation_max=0.95,
    low_emission_technologies=frozenset(
        t for t in SMELTERS if anode(t) == "Inert Anode"
        and power(t) in ("Grid", "PPA+Grid", "Hydro", "Small Modular Reactor")),
    # Smelters as MPP's milestones count them: the mean of its 2020 stack of 181 (assets.csv).
    standard_plant_mt=0.428,
    # Clean electricity shared with other sectors: grid, PPA, hydro and nuclear supply (captive
    # coal and gas plants are the smelter's own and not part of the shared pool).
    shared_resources={
        "electricity": tuple((name, 1.0) for name in ("electricity", "electricity_ppa_grid",
                                                       "electricity_hydro",
                                                       "electricity_nuclear_smr")),
        "co2_storage": (("captured_co2", 1.0),),
    },
    reported=(
        _power("", *ELECTRICITY),
        _power("Grid", "electricity"),
        _power("PPA+Grid", "electricity_ppa_grid"),
        _power("Hydro", "electricity_hydro"),
        _power("Captive Coal", "electricity_captive_coal", "electricity_captive_coal_ccs"),
        _power("Captive Gas", "electricity_captive_gas", "electricity_captive_gas_ccs"),
        _power("Nuclear", "electricity_nuclear_smr"),
        Reported("Resource Use|Aluminium|Alumina", "Mt/yr", (("alumina", 1.0),)),
        Reported("Resource Use|Aluminium|Carbon Anode", "Mt/yr", (("carbon_anode", 1.0),)),
        Reported("Resource Use|Aluminium|Bauxite", "Mt/yr",
                 (("alumina", refinery_input("bauxite")),)),
        Reported("Final Energy|Aluminium|Alumina Refining", "PJ/yr",
                 (("alumina", refinery_input("refinery_fuel")),)),
        Reported("Carbon Capture by Source|Aluminium|Anode", "Mt CO2/yr",
                 (("captured_co2", 1.0),)),
        Reported("Carbon Capture by Source|Aluminium|Captive Power", "Mt CO2/yr",
                 (("co2_captured_power", 1.0),)),
    ),
    # CO2 captured at a captive power plant is stored as the smelter's own is
    stored_co2=("captured_co2", "co2_captured_power"),
)

"""Write the diffusion tables of the plant sectors: ramp-up limits and the project pipeline.

    python tools/build_data/diffusion.py

For each plant sector (cement, aluminium, steel, ammonia, methanol) writes ``diffusion.csv``
and ``pipeline.csv`` into its packaged data folder (the format is in
``src/sectorpath/diffusion.py``). Byte-reproducible: the figures are the constants below,
each with its source; the technology lists come from the packaged ``technologies.csv``.

Two kinds of case:
- ``standard`` (every scenario unless it says otherwise): the sector's near-zero group may
  grow up to the real pipeline before 2030, then by a stated ramp-up from 2030.
- ``mpp-<pathway>`` (cement): MPP's own per-technology rule (mpp-shared-code,
  cement/config/config_cement.py, TECHNOLOGY_RAMP_UP_CONSTRAINT): each technology may add
  ``init_maximum_asset_additions`` kilns in its market-entry year, growing by
  ``maximum_asset_growth_rate`` a year for 30 years (lc 10 and 5%, fa 3 and 5%, bau 15 and 1%).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sectorpath.sectors import get_sector
from sectorpath.sectors.base import Sector

REPO = Path(__file__).resolve().parents[2]
SECTORS = REPO / "src" / "sectorpath" / "sectors"
DIFFUSION_COLUMNS = ["case", "group", "technology", "start_year", "end_year", "initial",
                     "growth_rate", "unit", "source"]
PIPELINE_COLUMNS = ["project", "group", "region", "start_year", "capacity", "status", "source"]


@dataclass(frozen=True)
class Ramp:
    group: str
    start_year: int
    initial: float
    growth_rate: float
    unit: str
    source: str
    end_year: int = 2050


@dataclass(frozen=True)
class Project:
    name: str
    region: str
    start_year: int
    capacity: float  # Mt product/yr
    status: str
    source: str


_RAMP_NOTE = ("stated assumption (sensitivity: constraints.diffusion = [] lifts it); "
              "docs/validation.md")

# -- cement: capture kilns (and the innovative kilns, which capture too) ----------------------
# Capacity in Mt clinker/yr = CO2 captured / 0.8 t CO2 per t clinker (a kiln's calcination plus
# fuel CO2, about 0.85 t/t, at the workbook's 95% capture rate).
CEMENT_PROJECTS = (
    Project("Norcem Brevik CCS (Heidelberg Materials)", "Europe", 2025, 0.5, "operating",
            "Heidelberg Materials, press release 18 June 2025: 0.4 Mt CO2/yr captured"),
    Project("Padeswood CCS (Heidelberg Materials)", "Europe", 2029, 1.0, "fid",
            "Heidelberg Materials, 2025: FID with UK government support, 0.8 Mt CO2/yr"),
    Project("GeZero Geseke (Heidelberg Materials)", "Europe", 2029, 0.9, "announced",
            "EU Innovation Fund grant 2023, 0.7 Mt CO2/yr"),
    Project("GO4ZERO Obourg (Holcim)", "Europe", 2029, 1.4, "announced",
            "EU Innovation Fund grant 2023, 1.1 Mt CO2/yr"),
    Project("Edmonton CCUS (Heidelberg Materials)", "North America", 2027, 1.25, "announced",
            "Heidelberg Materials 2022, 1 Mt CO2/yr"),
)
CEMENT_RAMP = Ramp("capture kilns", 2030, 10, 0.45, "assets",
                   "10 kilns (2 Mt clinker/yr each, about 15 Mt CO2/yr captured) in 2030, "
                   "+45%/yr (solar PV 2005-2015 grew about 40%/yr): " + _RAMP_NOTE)
#: MPP's market entry of CCU/S and AF90 kilns (MARKET_ENTRY_CCUS = MARKET_ENTRY_AF_90 = 2025).
MPP_MARKET_ENTRY = 2025
MPP_CEMENT_RAMPS = {"mpp-lc": (10, 0.05), "mpp-fa": (3, 0.05), "mpp-bau": (15, 0.01)}
MPP_SOURCE = ("mpp-shared-code cement/config/config_cement.py TECHNOLOGY_RAMP_UP_CONSTRAINT "
              "{pathway}: {initial} kilns/yr from market entry, +{growth:.0%}/yr, 30 years")

# -- aluminium: inert-anode smelters -----------------------------------------------------------
ALUMINIUM_PROJECTS = (
    Project("ELYSIS inert-anode cells, Alma (Rio Tinto, Alcoa)", "Canada", 2027, 0.0025,
            "construction", "Rio Tinto, 2024: first ELYSIS 450 kA cells at Alma, 2.5 kt/yr"),
)
ALUMINIUM_RAMP = Ramp("inert anode smelters", 2030, 0.5, 0.40, "Mt/yr",
                      "0.5 Mt/yr of inert-anode smelting in 2030 (one large smelter), +40%/yr "
                      "(IEA ETP Clean Energy Technology Guide: inert anodes TRL 5-6, first "
                      "commercial plants about 2030): " + _RAMP_NOTE)

# -- steel: near-zero routes (hydrogen DRI, CCUS, electrolysis) ------------------------------
STEEL_PROJECTS = (
    Project("Stegra Boden H2-DRI-EAF", "Europe", 2026, 2.5, "construction",
            "Stegra (H2 Green Steel), financing closed 2024, 2.5 Mt/yr phase 1"),
    Project("HYBRIT demonstration Gallivare (SSAB, LKAB, Vattenfall)", "Europe", 2028, 1.2,
            "announced", "HYBRIT 2022, 1.2 Mt sponge iron/yr"),
)
STEEL_RAMP = Ramp("near-zero steel", 2030, 10, 0.30, "Mt/yr",
                  "10 Mt/yr of near-zero capacity in 2030 (about four Stegra-sized plants), "
                  "+30%/yr: " + _RAMP_NOTE)

# -- ammonia: electrolytic and CCS ammonia ---------------------------------------------------
AMMONIA_PROJECTS = (
    Project("NEOM Green Hydrogen (Air Products, ACWA Power)", "Middle East", 2027, 1.2,
            "construction", "NEOM Green Hydrogen Company, 2023: 1.2 Mt NH3/yr"),
    Project("Blue Point (CF Industries, JERA, Mitsui)", "North America", 2029, 1.4, "fid",
            "CF Industries, April 2025: FID, ATR with CCS, 1.4 Mt NH3/yr"),
    Project("Beaumont New Ammonia (Woodside)", "North America", 2025, 1.1, "construction",
            "Woodside, 2024: 1.1 Mt NH3/yr, CCS from 2026"),
)
AMMONIA_RAMP = Ramp("near-zero ammonia", 2030, 5, 0.35, "Mt/yr",
                    "5 Mt NH3/yr of near-zero capacity in 2030, +35%/yr: " + _RAMP_NOTE)

# -- methanol: bio- and e-methanol -------------------------------------------------------------
METHANOL_PROJECTS = (
    Project("Kasso e-methanol (European Energy)", "Europe", 2025, 0.042, "operating",
            "European Energy, 2025: 42 kt/yr e-methanol"),
    Project("Hinggan League green methanol (Goldwind), phase 1", "China", 2026, 0.5,
            "construction", "Goldwind, 2024: 0.5 Mt/yr, offtake Maersk"),
)
METHANOL_RAMP = Ramp("near-zero methanol", 2030, 2, 0.30, "Mt/yr",
                     "2 Mt/yr of bio- and e-methanol capacity in 2030, +30%/yr: " + _RAMP_NOTE)


def technologies(sector: str) -> list[dict[str, str]]:
    with (SECTORS / sector / "data" / "technologies.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def declaration(sector: str) -> Sector:
    declared = get_sector(sector)
    assert isinstance(declared, Sector)
    return declared


def near_zero(sector: str) -> list[str]:
    """The sector's near-zero technologies as its declaration names them."""
    declared = declaration(sector).low_emission_technologies
    return [row["technology"] for row in technologies(sector) if row["technology"] in declared]


def ramp_rows(ramp: Ramp, members: list[str], case: str = "standard") -> list[dict[str, object]]:
    return [{"case": case, "group": ramp.group, "technology": tech,
             "start_year": ramp.start_year, "end_year": ramp.end_year, "initial": ramp.initial,
             "growth_rate": ramp.growth_rate, "unit": ramp.unit, "source": ramp.source}
            for tech in members]


def mpp_cement_rows() -> list[dict[str, object]]:
    """One group per technology (MPP's ramp-up is per technology), all but the reference."""
    rows: list[dict[str, object]] = []
    for case, (initial, growth) in MPP_CEMENT_RAMPS.items():
        source = MPP_SOURCE.format(pathway=case.removeprefix("mpp-"), initial=initial,
                                   growth=growth)
        for row in technologies("cement"):
            tech = row["technology"]
            if tech == "kiln_reference":
                continue
            entry = int(row["available_from"])
            if tech == "kiln_af90" or row["capture"] != "none":
                entry = max(entry, MPP_MARKET_ENTRY)
            rows += ramp_rows(Ramp(f"{tech} ({case})", entry, initial, growth, "assets", source,
                                   end_year=entry + 30), [tech], case)
    return rows


#: No technology may add more than this share of its sector's 2020 capacity in a year unless it
#: already held 5% of it in 2020: so none goes from under 5% to over 60% of output in ten years.
S_CURVE_SHARE = 0.045
S_CURVE_SOURCE = ("at most 4.5% of the sector's 2020 capacity a year for a technology under 5% "
                  "of it in 2020, growing with the sector's demand, so none goes from <5% to "
                  ">60% in 10 years: " + _RAMP_NOTE)
#: Growth of that ceiling: about the growth of the sector's fastest-growing demand case
#: (ammonia and methanol as new fuels); 0 where demand is flat or falling.
S_CURVE_GROWTH = {"ammonia": 0.05, "methanol": 0.04}


def s_curve_rows(sector: str, share: float = S_CURVE_SHARE, case: str = "standard",
                 suffix: str = "", source: str = S_CURVE_SOURCE) -> list[dict[str, object]]:
    """Per-technology ceiling for every technology that is new or rare in 2020."""
    with (SECTORS / sector / "data" / "assets.csv").open(newline="") as handle:
        assets = list(csv.DictReader(handle))
    total = sum(float(a["capacity"]) for a in assets)
    held: dict[str, float] = {}
    for asset in assets:
        held[asset["technology"]] = held.get(asset["technology"], 0.0) + float(asset["capacity"])
    rows: list[dict[str, object]] = []
    for row in technologies(sector):
        tech = row["technology"]
        if held.get(tech, 0.0) >= 0.05 * total or tech in declaration(sector).excluded_technologies:
            continue
        start = max(int(row["available_from"]), 2021)
        if start > 2050:
            continue
        rows += ramp_rows(Ramp(f"{tech} (S-curve{suffix})", start, round(share * total, 1),
                               S_CURVE_GROWTH.get(sector, 0.0), "Mt/yr", source), [tech], case)
    return rows


#: Methanol's ``irena-1.5c`` case (its ``net-zero`` scenario): the same pipeline and near-zero
#: ramp as ``standard``, and a per-technology ceiling twice as high, as IRENA's 1.5 C pathway
#: needs (about 80% of a 500 Mt market renewable by 2050: IRENA & Methanol Institute,
#: Innovation Outlook: Renewable Methanol, 2021). No technology still goes from under 5% to
#: over 60% of output in ten years.
IRENA_S_CURVE_SHARE = 0.09
IRENA_SOURCE = ("at most 9% of the sector's 2020 capacity a year for a technology under 5% of "
                "it in 2020 (twice the standard case): the build-out IRENA's 1.5 C pathway "
                "needs (IRENA & Methanol Institute 2021, ~80% of 500 Mt renewable in 2050); "
                + _RAMP_NOTE)


def methanol_irena_rows() -> list[dict[str, object]]:
    ramp = Ramp(f"{METHANOL_RAMP.group} (irena-1.5c)", METHANOL_RAMP.start_year,
                METHANOL_RAMP.initial, METHANOL_RAMP.growth_rate, METHANOL_RAMP.unit,
                METHANOL_RAMP.source)
    return (ramp_rows(ramp, near_zero("methanol"), "irena-1.5c")
            + s_curve_rows("methanol", IRENA_S_CURVE_SHARE, "irena-1.5c", ", irena-1.5c",
                           IRENA_SOURCE))


def write(path: Path, columns: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def project_rows(group: str, projects: tuple[Project, ...]) -> list[dict[str, object]]:
    return [{"project": p.name, "group": group, "region": p.region, "start_year": p.start_year,
             "capacity": p.capacity, "status": p.status, "source": p.source} for p in projects]


def main() -> None:
    cement_capture = [row["technology"] for row in technologies("cement")
                      if row["capture"] != "none"]
    plans = {
        "cement": (ramp_rows(CEMENT_RAMP, cement_capture) + s_curve_rows("cement")
                   + mpp_cement_rows(),
                   project_rows(CEMENT_RAMP.group, CEMENT_PROJECTS)),
        "aluminium": (ramp_rows(ALUMINIUM_RAMP, near_zero("aluminium"))
                      + s_curve_rows("aluminium"),
                      project_rows(ALUMINIUM_RAMP.group, ALUMINIUM_PROJECTS)),
        "steel": (ramp_rows(STEEL_RAMP, near_zero("steel")) + s_curve_rows("steel"),
                  project_rows(STEEL_RAMP.group, STEEL_PROJECTS)),
        "ammonia": (ramp_rows(AMMONIA_RAMP, near_zero("ammonia")) + s_curve_rows("ammonia"),
                    project_rows(AMMONIA_RAMP.group, AMMONIA_PROJECTS)),
        "methanol": (ramp_rows(METHANOL_RAMP, near_zero("methanol")) + s_curve_rows("methanol")
                     + methanol_irena_rows(),
                     project_rows(METHANOL_RAMP.group, METHANOL_PROJECTS)),
    }
    for sector, (ramps, projects) in plans.items():
        folder = SECTORS / sector / "data"
        write(folder / "diffusion.csv", DIFFUSION_COLUMNS, ramps)
        write(folder / "pipeline.csv", PIPELINE_COLUMNS, projects)
        print(f"{sector}: {len(ramps)} ramp-up rows, {len(projects)} projects")


if __name__ == "__main__":
    main()

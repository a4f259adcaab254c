"""Write ``statistics.csv`` (published World production, Mt) for the plant sectors that have one.

    python tools/build_data/statistics.py

Demand is anchored to these figures in the years they cover (``inputs.anchor_to_statistics``),
so every scenario's 2020-2024 follows them. Byte-reproducible: the figures are the constants
below, each with its source. Where the model's product is not what the source counts (cement
clinker, MPP's ammonia stack), the published series is put on the model's basis by one stated
factor, fixed at 2020; the factor and why are written next to it.
"""

from __future__ import annotations

import csv
from pathlib import Path

SECTORS = Path(__file__).resolve().parents[2] / "src" / "sectorpath" / "sectors"

#: Crude steel production, World, Mt (worldsteel, World Steel in Figures 2025 and press release
#: of 24 January 2025 for 2024; earlier years as revised there).
STEEL = {2020: 1880.4, 2021: 1962.3, 2022: 1885.0, 2023: 1892.2, 2024: 1882.6}
STEEL_SOURCE = "worldsteel, World Steel in Figures 2025; press release 24 Jan 2025 (2024)"

#: Primary aluminium production, World, Mt (International Aluminium Institute, statistics
#: "Primary Aluminium Production", annual totals). MPP's smelter stack made 61.0 Mt in 2020;
#: its first year is raised to IAI's 65.3 Mt where the stack has idle capacity
#: (``tools/build_data/aluminium.py``, ``calibrate_2020``).
ALUMINIUM = {2020: 65.3, 2021: 67.3, 2022: 68.5, 2023: 70.6, 2024: 72.8}
ALUMINIUM_SOURCE = "International Aluminium Institute, Primary Aluminium Production statistics"

#: Hydraulic cement production, World, Mt (USGS Mineral Commodity Summaries, "World total
#: (rounded)": MCS 2022 for 2020 and 2021, MCS 2024 for 2022 and 2023, MCS 2025 for 2024).
CEMENT = {2020: 4200.0, 2021: 4400.0, 2022: 4100.0, 2023: 4100.0, 2024: 4000.0}
#: The model's product is clinker: MPP's 2020 kiln stack makes 3,036 Mt, 0.723 of USGS's 2020
#: cement (the IEA puts the world clinker-to-cement ratio at about 0.72 in 2020-2022, Cement
#: tracking report); the ratio is held at its 2020 value in 2021-2024.
CLINKER_PER_CEMENT = 3036.02 / 4200.0
CEMENT_SOURCE = ("USGS Mineral Commodity Summaries 2022, 2024, 2025 (world cement) "
                 "x 0.7229 clinker per cement (MPP 2020 kiln stack / USGS 2020)")

#: Ammonia production, World, Mt of contained nitrogen (USGS Mineral Commodity Summaries,
#: Nitrogen, "World total (rounded)": MCS 2022 for 2020 and 2021, MCS 2024 for 2022 and 2023,
#: MCS 2025 for 2024).
AMMONIA_N = {2020: 147.0, 2021: 150.0, 2022: 150.0, 2023: 150.0, 2024: 150.0}
#: MPP's 2020 ammonia stack makes 195.68 Mt NH3-equivalent, 1.33 t per t of USGS's contained
#: nitrogen (pure NH3 would be 17.031 / 14.007 = 1.216: MPP's plant stack is 9.5% above
#: USGS's 2020 world ammonia). The model keeps MPP's stack (its 2020 emissions are checked
#: against MPP's); the series follows USGS's year-on-year change from that level.
NH3_EQ_PER_N = 195.679496765 / 147.0
AMMONIA_SOURCE = ("USGS Mineral Commodity Summaries 2022, 2024, 2025 (nitrogen in ammonia) "
                  "x 1.3312 t NH3-eq per t N (MPP 2020 ammonia stack / USGS 2020)")

#: Methanol production, World, Mt: "approximately 98 Mt" in 2020 (IRENA and Methanol
#: Institute, Innovation Outlook: Renewable Methanol, 2021) and 107 Mt in 2021 (Methanol
#: Institute, as quoted in the sector's SOURCES.md). No later world figure is published
#: openly; the anchoring fades out from 2021.
METHANOL = {2020: 98.0, 2021: 107.0}
METHANOL_SOURCE = ("IRENA and Methanol Institute, Innovation Outlook: Renewable Methanol (2021) "
                   "for 2020; Methanol Institute for 2021")


def write(sector: str, figures: dict[int, float], source: str) -> None:
    path = SECTORS / sector / "data" / "statistics.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["year", "value", "unit", "source"])
        for year, value in figures.items():
            writer.writerow([year, round(value, 2), "Mt", source])
    print(f"{sector}: {len(figures)} years")


def on_basis(figures: dict[int, float], factor: float) -> dict[int, float]:
    """A published series put on the model's product basis by one factor."""
    return {year: value * factor for year, value in figures.items()}


def main() -> None:
    write("steel", STEEL, STEEL_SOURCE)
    write("aluminium", ALUMINIUM, ALUMINIUM_SOURCE)
    write("cement", on_basis(CEMENT, CLINKER_PER_CEMENT), CEMENT_SOURCE)
    write("ammonia", on_basis(AMMONIA_N, NH3_EQ_PER_N), AMMONIA_SOURCE)
    write("methanol", METHANOL, METHANOL_SOURCE)


if __name__ == "__main__":
    main()

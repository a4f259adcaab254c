"""Write ``statistics.csv`` (published World production, Mt) for the plant sectors that have one.

    python tools/build_data/statistics.py

Demand is anchored to these figures in the years they cover (``inputs.anchor_to_statistics``),
so every scenario's 2020-2024 follows them. Byte-reproducible: the figures are the constants
below, each with its source, on the model's product basis.
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
#: "Primary Aluminium Production", annual totals). 2020 is left out: the model's 2020 stock
#: (MPP's data, 61.0 Mt) is on a narrower basis than IAI's 65.3 Mt, and the first year is
#: calibrated to the stock, not to demand (docs/validation/aluminium.md).
ALUMINIUM = {2021: 67.3, 2022: 68.5, 2023: 70.6, 2024: 72.8}
ALUMINIUM_SOURCE = "International Aluminium Institute, Primary Aluminium Production statistics"


def write(sector: str, figures: dict[int, float], source: str) -> None:
    path = SECTORS / sector / "data" / "statistics.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["year", "value", "unit", "source"])
        for year, value in figures.items():
            writer.writerow([year, value, "Mt", source])
    print(f"{sector}: {len(figures)} years")


def main() -> None:
    write("steel", STEEL, STEEL_SOURCE)
    write("aluminium", ALUMINIUM, ALUMINIUM_SOURCE)


if __name__ == "__main__":
    main()

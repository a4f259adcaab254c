"""The plain-language label table: every raw id a chart or the form shows has a label."""

from __future__ import annotations

import re

from sectorpath.dashboard.catalog import catalog, sectors
from sectorpath.reporting.labels import label, labels

RAW_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$|^[A-Z]{2,4}$")
"""snake_case ids (kiln_af43_pc_ccs) and bare abbreviations (EAF): not words for a reader."""


def test_every_raw_technology_and_fuel_id_has_a_label() -> None:
    missing = []
    for sector in sectors():
        options = catalog(sector)
        names = [name for name, _ in options.technologies] + options.commodity_names()
        missing += [f"{sector}: {name}" for name in names
                    if RAW_ID.match(name) and name not in labels()]
    assert not missing


def test_labels_are_words_and_unknown_names_pass_through() -> None:
    assert label("kiln_af43_pc_ccs") == ("Kiln, 43% alternative fuels, post-combustion capture "
                                         "and storage")
    assert label("DRI-EAF") == "DRI-EAF"
    table = labels()
    assert all(text and text[0].isupper() and "_" not in text for text in table.values())
    assert len(set(table.values())) >= len(table) - 1  # green_h2 = hydrogen_electrolytic


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_chart_palette_has_3_to_1_contrast_on_white() -> None:
    from sectorpath.dashboard.views import PALETTE
    assert min(1.05 / (_luminance(colour) + 0.05) for colour in PALETTE) >= 3.0
    assert len(set(PALETTE)) == len(PALETTE) >= 10

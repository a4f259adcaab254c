"""Steel: ~1,000 plants of MPP's plant data, MPP's technology archetypes and rules.

Data: ``data/`` (see ``data/SOURCES.md``). Rules below follow the logic of MPP's steel model
(ST-STSM): which technology may follow which, at a main investment cycle and as a
mid-cycle retrofit, and what each switch costs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sectorpath.sectors.base import Reported, ResourceLimit, Sector

FURNACES: dict[str, tuple[str, ...]] = {
    "blast furnace": ("Avg BF-BOF", "BAT BF-BOF", "BAT BF-BOF_bio PCI", "BAT BF-BOF_H2 PCI",
                      "BAT BF-BOF+CCUS", "BAT BF-BOF+BECCUS", "BAT BF-BOF+CCU"),
    "dri-bof": ("DRI-Melt-BOF", "DRI-Melt-BOF_100% zero-C H2", "DRI-Melt-BOF+CCUS"),
    "dri-eaf": ("DRI-EAF", "DRI-EAF_50% bio-CH4", "DRI-EAF_50% green H2", "DRI-EAF+CCUS",
                "DRI-EAF_100% green H2"),
    "smelting reduction": ("Smelting Reduction", "Smelting Reduction+CCUS"),
}
_CAPTURE = ("+CCUS", "+CCU", "+BECCUS")
_NEAR_ZERO_ENDS = ("BAT BF-BOF+CCUS", "BAT BF-BOF+BECCUS", "BAT BF-BOF+CCU",
                   "DRI-Melt-BOF_100% zero-C H2", "DRI-Melt-BOF+CCUS", "DRI-EAF+CCUS",
                   "DRI-EAF_100% green H2", "Smelting Reduction+CCUS", "EAF", "Electrolyzer-EAF",
                   "Electrowinning-EAF")
_ALL = (*FURNACES["blast furnace"], *FURNACES["dri-bof"], *FURNACES["dri-eaf"],
        *FURNACES["smelting reduction"], "EAF", "Electrolyzer-EAF", "Electrowinning-EAF")

#: Main-cycle moves. A technology may always stay; end-state technologies only stay.
MAIN_SWITCHES: dict[str, tuple[str, ...]] = {
    "Avg BF-BOF": _ALL,
    "BAT BF-BOF": tuple(t for t in _ALL if t != "Avg BF-BOF"),
    "BAT BF-BOF_bio PCI": ("BAT BF-BOF_bio PCI", *_NEAR_ZERO_ENDS),
    "BAT BF-BOF_H2 PCI": ("BAT BF-BOF_H2 PCI", *_NEAR_ZERO_ENDS),
    "DRI-Melt-BOF": FURNACES["dri-bof"],
    "DRI-EAF": ("DRI-EAF", "DRI-EAF_50% bio-CH4", "DRI-EAF_50% green H2", "DRI-EAF+CCUS",
                "DRI-EAF_100% green H2", "Smelting Reduction", "Smelting Reduction+CCUS",
                "Electrolyzer-EAF", "Electrowinning-EAF"),
    "DRI-EAF_50% bio-CH4": ("DRI-EAF_50% bio-CH4", "Smelting Reduction+CCUS", "Electrolyzer-EAF",
                            "DRI-EAF+CCUS", "DRI-EAF_100% green H2"),
    "DRI-EAF_50% green H2": ("DRI-EAF_50% green H2", "Smelting Reduction+CCUS",
                             "Electrolyzer-EAF", "DRI-EAF+CCUS", "DRI-EAF_100% green H2"),
    "Smelting Reduction": FURNACES["smelting reduction"],
    **{end: (end,) for end in _NEAR_ZERO_ENDS},
}


def _transitional() -> dict[str, tuple[str, ...]]:
    """Mid-cycle retrofits: main-cycle moves that stay within the same furnace."""
    out = {}
    for members in FURNACES.values():
        for tech in members:
            if tech in _NEAR_ZERO_ENDS:
                continue
            out[tech] = tuple(t for t in MAIN_SWITCHES[tech] if t in members and t != tech)
    return out


def _furnace(tech: str) -> str | None:
    return next((name for name, members in FURNACES.items() if tech in members), None)


def switch_capex(green: np.ndarray, renewal: np.ndarray, techs: list[str]) -> np.ndarray:
    """Capex of each main-cycle switch (row -> column), USD/t capacity.

    Staying pays the renewal (relining) capex. Moves that keep the furnace pay a renewal
    (for a blast furnace: that of a best-available-technology furnace) plus the greenfield
    difference of any capture unit; a blast furnace becoming a DRI-melter-BOF keeps its
    converter and pays the DRI plant (greenfield DRI-EAF minus greenfield EAF); moves
    between DRI-EAF and an electrolytic route keep the EAF; any other move pays greenfield.
    """
    index = {t: k for k, t in enumerate(techs)}
    g = dict(zip(techs, green, strict=True))
    r = dict(zip(techs, renewal, strict=True))
    capex = np.broadcast_to(green[None, :], (len(techs), len(techs))).copy()
    for a in techs:
        for b in techs:
            capex[index[a], index[b]] = _move_capex(a, b, g, r)
    return capex


def _move_capex(a: str, b: str, g: dict[str, float], r: dict[str, float]) -> float:
    if a == b:
        return r[a]
    capture = g[b] - g[a] if b.endswith(_CAPTURE) else 0.0
    same = _furnace(a) is not None and _furnace(a) == _furnace(b)
    if same and _furnace(a) == "blast furnace":
        bat = r.get("BAT BF-BOF", r[a])
        if b.endswith("PCI"):
            return bat if a == "Avg BF-BOF" else r[a]
        return bat + capture
    if same:
        return r[a] + (g[b] - g[a] if b.endswith(_CAPTURE) or _furnace(a) ==
                       "smelting reduction" else 0.0)
    if _furnace(a) == "blast furnace" and _furnace(b) == "dri-bof":
        if b.endswith("+CCUS"):
            return g[b] - 115.0
        return g.get("DRI-EAF", g[b]) - g.get("EAF", 0.0)
    if _furnace(a) == "dri-eaf" and b in ("Electrolyzer-EAF", "Electrowinning-EAF"):
        return g[b] - (g.get("EAF", 0.0) - r.get("EAF", 0.0))
    return g[b]


SECTOR = Sector(
    name="steel",
    label="Steel",
    product="steel",
    data_dir=Path(__file__).parent / "data",
    investment_cycle_years=20,
    lifetime_years=40,
    utilisation_min=0.6,
    utilisation_max=0.95,
    trade_boundary=0.05,
    trade_boundary_by_region={"Europe": 0.0, "RoW": 0.0, "NAFTA": 0.0,
                              "Japan, South Korea, and Taiwan": 0.0},
    excluded_technologies=frozenset({"Close plant", "Charcoal mini furnace"}),
    main_switches=MAIN_SWITCHES,
    transitional_switches=_transitional(),
    reference_excluded=frozenset({"EAF"}),
    switch_capex=switch_capex,
    low_emission_technologies=frozenset(_NEAR_ZERO_ENDS) - {"EAF"},
    reported=(
        Reported("Final Energy|Steel|Electricity", "PJ/yr", (("electricity", 1.0),)),
        Reported("Final Energy|Steel|Hydrogen", "PJ/yr", (("hydrogen", 1.0),)),
        Reported("Final Energy|Steel|Natural Gas", "PJ/yr", (("natural_gas", 1.0),)),
        Reported("Final Energy|Steel|Coal", "PJ/yr",
                 (("thermal_coal", 1.0), ("met_coal", 28.0))),
        Reported("Final Energy|Steel|Biomass", "PJ/yr", (("biomass", 1.0), ("biomethane", 1.0))),
        Reported("Resource Use|Steel|Scrap", "Mt/yr", (("scrap", 1.0),)),
        Reported("Resource Use|Steel|Iron Ore", "Mt/yr", (("iron_ore", 1.0),)),
        Reported("Carbon Capture|Steel", "Mt CO2/yr", (("captured_co2", 1.0),)),
        Reported("Carbon Utilisation|Steel", "Mt CO2/yr", (("used_co2", 1.0),)),
    ),
    shared_resources={
        "hydrogen": (("hydrogen", 1.0),),
        "electricity": (("electricity", 1.0),),
        "biomass": (("biomass", 1.0), ("biomethane", 1.0)),
        "co2_storage": (("captured_co2", 1.0),),
    },
    limits=(
        ResourceLimit("scrap", ("scrap",), regional=True, headroom=0.1,
                      enforce_on_stock=False),
        ResourceLimit("biomass", ("biomass", "biomethane"), regional=False),
        ResourceLimit("co2_storage", ("captured_co2",), regional=True),
        ResourceLimit("co2_use", ("used_co2",), regional=False),
    ),
)

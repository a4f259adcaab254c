"""Steel: ~1,000 plants of MPP's plant data, MPP's technology archetypes and rules.

Data: ``data/`` (see ``data/SOURCES.md``). Rules below follow the logic of MPP's steel model
(ST-STSM): which technology may follow which, at a main investment cycle and as a
mid-cycle retrofit, and what each switch costs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
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
    kind = _SwitchKinds.of(tuple(techs))
    g, r = green, renewal
    to_g, from_g, from_r = g[None, :], g[:, None], r[:, None]
    capture = np.where(kind.capture[None, :], to_g - from_g, 0.0)
    bat = r[kind.bat] if kind.bat >= 0 else from_r  # a BAT furnace's relining
    blast = np.where(kind.pci[None, :], np.where(kind.avg[:, None], bat, from_r),
                     bat + capture)
    other_same = from_r + np.where(kind.capture[None, :] | kind.smelting[:, None],
                                   to_g - from_g, 0.0)
    eaf_g = g[kind.eaf] if kind.eaf >= 0 else 0.0
    dri_plant = (g[kind.dri_eaf] if kind.dri_eaf >= 0 else to_g) - eaf_g
    to_dri_bof = np.where(kind.ccus[None, :], to_g - 115.0, dri_plant)
    keep_eaf = to_g - ((eaf_g - r[kind.eaf]) if kind.eaf >= 0 else 0.0)
    capex = np.select(
        [kind.same & kind.blast[:, None], kind.same, kind.blast[:, None] & kind.dri_bof[None, :],
         kind.dri[:, None] & kind.electrolytic[None, :]],
        [blast, other_same, to_dri_bof, keep_eaf],
        default=np.broadcast_to(to_g, kind.same.shape))
    np.fill_diagonal(capex, r)
    return capex


@dataclass(frozen=True)
class _SwitchKinds:
    """Which rule of :func:`switch_capex` applies to each technology, as masks (cached)."""

    capture: np.ndarray  # (T,) ends with a capture unit
    ccus: np.ndarray  # (T,) ends with +CCUS
    pci: np.ndarray  # (T,) a PCI blast furnace
    avg: np.ndarray  # (T,) the average blast furnace
    blast: np.ndarray  # (T,) in the blast-furnace family
    smelting: np.ndarray  # (T,) smelting reduction family
    dri: np.ndarray  # (T,) DRI-EAF family
    dri_bof: np.ndarray  # (T,) DRI-melter-BOF family
    electrolytic: np.ndarray  # (T,) electrolyser or electrowinning EAF
    same: np.ndarray  # (T, T) both in the same furnace family
    bat: int  # index of BAT BF-BOF, -1 if absent
    dri_eaf: int
    eaf: int

    @staticmethod
    @cache
    def of(techs: tuple[str, ...]) -> _SwitchKinds:
        family = [_furnace(t) for t in techs]
        same = np.array([[fa is not None and fa == fb for fb in family] for fa in family])

        def mask(test: Callable[[str], bool]) -> np.ndarray:
            return np.array([test(t) for t in techs], dtype=bool)

        def where(name: str) -> int:
            return techs.index(name) if name in techs else -1

        return _SwitchKinds(
            capture=mask(lambda t: t.endswith(_CAPTURE)), ccus=mask(lambda t: t.endswith("+CCUS")),
            pci=mask(lambda t: t.endswith("PCI")), avg=mask(lambda t: t == "Avg BF-BOF"),
            blast=np.array([f == "blast furnace" for f in family]),
            smelting=np.array([f == "smelting reduction" for f in family]),
            dri=np.array([f == "dri-eaf" for f in family]),
            dri_bof=np.array([f == "dri-bof" for f in family]),
            electrolytic=mask(lambda t: t in ("Electrolyzer-EAF", "Electrowinning-EAF")),
            same=same, bat=where("BAT BF-BOF"), dri_eaf=where("DRI-EAF"), eaf=where("EAF"))


SECTOR = Sector(
    iamc_sector="Industry|Iron and Steel",
    iamc_product="Iron and Steel|Steel",
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
    # MPP counts its milestone (70 near-zero primary steel plants by 2030) in standard plants
    # of its steel model, AVERAGE_CAPACITY_MT = 2.5 Mt/yr of capacity (data/SOURCES.md).
    standard_plant_mt=2.5,
    reported=(
        # Blast furnaces export power made from their off-gases (negative electricity use):
        # bought and made are reported apart, so final energy is never negative.
        Reported("Final Energy|Steel|Electricity", "PJ/yr", (("electricity", 1.0),),
                 part="bought"),
        Reported("Secondary Energy|Electricity|Steel|Off-Gas", "PJ/yr", (("electricity", 1.0),),
                 part="made"),
        Reported("Final Energy|Steel|Hydrogen", "PJ/yr", (("hydrogen", 1.0),)),
        Reported("Final Energy|Steel|Natural Gas", "PJ/yr", (("natural_gas", 1.0),)),
        Reported("Final Energy|Steel|Coal", "PJ/yr",
                 (("thermal_coal", 1.0), ("met_coal", 28.0))),
        Reported("Final Energy|Steel|Biomass", "PJ/yr", (("biomass", 1.0), ("biomethane", 1.0))),
        Reported("Resource Use|Steel|Scrap", "Mt/yr", (("scrap", 1.0),)),
        Reported("Resource Use|Steel|Iron Ore", "Mt/yr", (("iron_ore", 1.0),)),
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

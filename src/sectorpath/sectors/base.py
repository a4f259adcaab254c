"""What a sector declares: its data folder, product, reporting names and its few rules.

A sector is added by writing one ``Sector`` instance and its data tables; the engine,
economics and reporting are shared. Nothing here is steel-specific.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

#: Resources the sectors share, and the unit each is capped and reported in.
SHARED_RESOURCE_UNITS = {"hydrogen": "PJ/yr", "electricity": "PJ/yr", "biomass": "PJ/yr",
                         "co2_storage": "Mt CO2/yr"}

SwitchCapex = Callable[[np.ndarray, np.ndarray, list[str]], np.ndarray]
"""(greenfield (T,), renewal (T,), technology names) -> capex of each switch, USD/t (T, T)."""


@dataclass(frozen=True)
class Reported:
    """An IAMC variable made of commodity uses: value = sum of use x factor over ``terms``.

    Each factor converts the intensity unit times Mt of product into the reported unit
    (GJ/t x Mt = PJ, so energy has factor 1.0; t/t x Mt = Mt, factor 1.0; t coal x 28 GJ/t).
    """

    variable: str
    unit: str
    terms: tuple[tuple[str, float], ...]
    part: Literal["net", "bought", "made"] = "net"
    """Which part of each technology's net use: all of it, only where it is positive (what
    plants buy), or minus where it is negative (what plants make and export, e.g. off-gas
    power), each summed over technologies."""

    @property
    def short_name(self) -> str:
        """Last part of the variable name that is not just the sector (e.g. Hydrogen)."""
        parts = self.variable.split("|")
        return parts[-1] if len(parts) > 2 else parts[0]


@dataclass(frozen=True)
class ResourceLimit:
    """A resource whose use is capped by a row set of ``limits.csv`` (same unit after factor)."""

    resource: str
    commodities: tuple[str, ...]
    factor: float = 1.0
    regional: bool = True
    headroom: float = 0.0
    """Tolerance over the published cap (0.1 lets use reach 110% of it)."""
    enforce_on_stock: bool = True
    """If the cap falls below what existing assets use, move the biggest users off it; if
    False the cap only stops decisions from adding use (e.g. scrap, which is also traded)."""
    cumulative: bool = False
    """The cap is on the amount used since the first year (the ``cumulative`` column of
    ``limits.csv``, e.g. CO2 stored to date): a decision may add use while the use of the
    years so far plus this year's stays within it. The ``value`` column stays the reported
    yearly figure."""


@dataclass(frozen=True)
class EndOfLife:
    """The fossil carbon a sector's product carries, followed to its fate when the product is
    discarded: released (incinerated, burnt, decomposed), stored (landfill, long-lived
    products) or recycled; shares by year and case in the sector's ``end_of_life.csv``."""

    carbon_commodity: str
    """Intensity commodity holding the fossil carbon in the product, t CO2 per t product."""
    recycled_displaces_virgin: float = 0.0
    """t of virgin product a scenario's extra recycling avoids per t of product whose carbon
    is recycled (mechanical recycling: share of the product in recyclable goods x yield)."""


@dataclass(frozen=True, eq=False, kw_only=True)
class _Declaration:
    """What every sector declares, plant-based or fleet."""

    shared_resources: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    """Resources shared with other sectors (hydrogen, electricity, biomass, co2_storage) ->
    (commodity or fuel, factor): use in the resource's unit = sum of the commodity's use
    (intensity x Mt of product) or the fuel's energy (PJ) x factor."""
    reports: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    """Sector-specific tables made from a run's Results (name -> function returning a pandas
    DataFrame), printed and written by the command line, e.g. IMO checkpoints."""
    iamc_sector: str = ""
    """IAMC path of the sector as an energy user, as in the IAMC common-definitions
    (``Industry|Iron and Steel``, ``Transportation|Aviation``); empty: the label."""
    iamc_product: str = ""
    """IAMC path of its product or service (``Iron and Steel|Steel`` under ``Production|``,
    ``Transportation|Freight|Truck`` under ``Energy Service|``); empty: the label."""


@dataclass(frozen=True, eq=False)
class Sector(_Declaration):
    """Declaration of one industrial sector for the stock-turnover engine."""

    name: str
    label: str
    product: str
    data_dir: Path
    investment_cycle_years: int = 20
    lifetime_years: int = 40
    """Economic life used to annualise greenfield capex in the LCOX."""
    utilisation_min: float = 0.6
    utilisation_max: float = 0.95
    new_asset_capacity: float | None = None
    """Capacity of a newly opened asset, Mt product/yr (None: mean size of the initial stock)."""
    trade: bool = True
    """False: every region produces its own demand (no imports or exports)."""
    trade_boundary: float = 0.05
    """A region is competitive if its cost is below the mean of regions x (1 + boundary)."""
    trade_boundary_by_region: dict[str, float] = field(default_factory=dict)
    reference_excluded: frozenset[str] = frozenset()
    """Technologies that never set the reference cost of a decision's cost bands."""
    switch_capex: SwitchCapex | None = None
    """Capex of each main-cycle switch; None: renewal to stay, greenfield to move."""
    excluded_technologies: frozenset[str] = frozenset()
    main_switches: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Technologies each one may switch to at a main investment cycle (empty: by phase)."""
    switch_rules: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """Named stricter main-cycle switch sets a scenario may choose instead of
    ``main_switches`` (``constraints.switch_rule``)."""
    transitional_switches: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Technologies each one may switch to between cycles (same furnace, small capex)."""
    new_build_technologies: tuple[str, ...] = ()
    """Technologies a new asset may be built with (empty: every available technology)."""
    barred_retry_yearly: bool = False
    """An asset that may not renew its technology (phased out) and finds no allowed option
    decides again the next year instead of a full cycle later."""
    reported: tuple[Reported, ...] = ()
    limits: tuple[ResourceLimit, ...] = ()
    low_emission_technologies: frozenset[str] = frozenset()
    standard_plant_mt: float | None = None
    """Capacity of one standard plant as the sector's milestones count plants, Mt/yr: near-zero
    capacity over it is reported as ``Near-Zero Plants`` (None: not reported)."""
    end_of_life: EndOfLife | None = None
    """Carbon in the product and its fate (``end_of_life.csv``); None: not followed."""
    stored_co2: tuple[str, ...] = ("captured_co2",)
    """Commodities (t CO2 per t product) of CO2 captured and stored permanently."""
    used_co2: tuple[str, ...] = ("used_co2",)
    """Commodities of captured CO2 sold to use: not stored, it returns to the air."""


@dataclass(frozen=True, eq=False)
class Fleet(_Declaration):
    """Declaration of one transport sector for the fleet engine (vintaged stocks + fuels).

    Activity is in billions of the sector's activity unit (pkm, tkm or vkm); energy intensity
    in MJ per activity unit, so activity x intensity is PJ.
    """

    name: str
    label: str
    activity_unit: str
    """e.g. "billion pkm"; the IAMC unit of activity is "<activity_unit>/yr"."""
    data_dir: Path
    first_year: int = 2020
    survival_shape: float = 3.0
    """Weibull shape of the survival curve; its scale follows each powertrain's lifetime."""
    choice_sensitivity: float = 10.0
    """Logit sensitivity of sales shares to relative TCO: a powertrain 10% dearer than the
    cheapest gets exp(-sensitivity x 0.1) of its share."""
    non_co2_factor: float = 0.0
    """Multiplier of tank-to-wake CO2 reported as non-CO2 effects in CO2-equivalent (aviation);
    0 reports none."""

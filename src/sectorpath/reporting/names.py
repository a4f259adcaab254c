"""IAMC variable names of a sector: one definition, used by reports, indicators and readers.

Names follow the IAMC common-definitions where a name exists there (``Production|Iron and
Steel|Steel``, ``Final Energy|Industry|Iron and Steel|Electricity``) and the package's codelist
elsewhere (``sectorpath/reporting/variables.yaml``). Breakdowns that overlap the main one
(near-zero output, investment by kind or by emission class, upstream emissions) sit under
their own branch so that every variable's direct children add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Declared(Protocol):
    """What a sector declaration offers for naming."""

    @property
    def label(self) -> str: ...
    @property
    def iamc_sector(self) -> str: ...
    @property
    def iamc_product(self) -> str: ...


@dataclass(frozen=True)
class Names:
    """Variable names of one sector.

    ``sector``: its IAMC path as a consumer of energy (``Industry|Iron and Steel``);
    ``product``: the path of what it produces or serves (``Iron and Steel|Steel``).
    """

    label: str
    sector: str
    product: str

    @classmethod
    def of(cls, declared: Declared) -> Names:
        return cls(declared.label, declared.iamc_sector or declared.label,
                   declared.iamc_product or declared.label)

    # -- output --------------------------------------------------------------------------------
    @property
    def production(self) -> str:
        """Mt/yr; children by technology."""
        return f"Production|{self.product}"

    @property
    def capacity(self) -> str:
        return f"Capacity|{self.product}"

    @property
    def demand(self) -> str:
        return f"Demand|{self.product}"

    @property
    def near_zero_production(self) -> str:
        return f"Near-Zero Production|{self.product}"

    @property
    def near_zero_plants(self) -> str:
        """Near-zero capacity in standard plants of the sector's declared size."""
        return f"Near-Zero Plants|{self.product}"

    @property
    def near_zero_share(self) -> str:
        """% of production from near-zero technologies."""
        return f"Near-Zero Production Share|{self.product}"

    @property
    def energy_service(self) -> str:
        """Transport activity (billion pkm, tkm ...); children by segment."""
        return f"Energy Service|{self.product}"

    @property
    def activity(self) -> str:
        """Transport activity by powertrain."""
        return f"Activity|{self.sector}"

    @property
    def stock(self) -> str:
        return f"Stock|{self.sector}"

    @property
    def sales(self) -> str:
        return f"Sales|{self.sector}"

    @property
    def zero_emission_sales_share(self) -> str:
        return f"Zero-Emission Sales Share|{self.sector}"

    # -- energy --------------------------------------------------------------------------------
    @property
    def final_energy(self) -> str:
        return f"Final Energy|{self.sector}"

    @property
    def fuel_use(self) -> str:
        return f"Fuel Use|{self.sector}"

    @property
    def zero_emission_fuel_share(self) -> str:
        return f"Zero-Emission Fuel Share|{self.sector}"

    # -- emissions -----------------------------------------------------------------------------
    @property
    def emissions(self) -> str:
        """Scope 1+2 CO2, Mt CO2/yr; children Scope 1 and Scope 2."""
        return f"Emissions|CO2|{self.sector}"

    def scope(self, scope: int) -> str:
        """Scope 1 (direct) or 2 (purchased electricity); children by technology."""
        if scope == 3:
            return self.upstream_emissions
        return f"{self.emissions}|Scope {scope}"

    @property
    def upstream_emissions(self) -> str:
        """Scope 3 (upstream of purchased fuels and materials)."""
        return f"Emissions Upstream|CO2|{self.sector}"

    @property
    def well_to_wake(self) -> str:
        return f"Emissions Well-to-Wake|CO2|{self.sector}"

    @property
    def non_co2(self) -> str:
        return f"Emissions Non-CO2|CO2e|{self.sector}"

    @property
    def end_of_life(self) -> str:
        """CO2 from the carbon in products released at end of life (when counted)."""
        return f"Emissions End of Life|CO2|{self.sector}"

    @property
    def emissions_with_end_of_life(self) -> str:
        """Scope 1+2 plus end-of-life CO2: what a chemicals net-zero check counts."""
        return f"Emissions incl. End of Life|CO2|{self.sector}"

    @property
    def emissions_limit(self) -> str:
        return f"Emissions Limit|CO2|{self.sector}"

    @property
    def offsets(self) -> str:
        """Mt CO2/yr offset under an offsetting scheme (CORSIA), apart from in-sector cuts."""
        return f"Emissions Offset|CO2|{self.sector}"

    @property
    def mandate_shortfall(self) -> str:
        """PJ/yr a fuel's mandated minimum share missed for lack of supply; children by fuel."""
        return f"Fuel Mandate Shortfall|{self.sector}"

    @property
    def policy_cost(self) -> str:
        """billion USD_2020/yr paid under policies (remedial units, penalties, offsets, less
        surplus units sold); children by policy."""
        return f"Policy Cost|{self.sector}"

    def policy_cost_of(self, policy: str) -> str:
        return f"{self.policy_cost}|{policy}"

    # -- money ---------------------------------------------------------------------------------
    @property
    def investment(self) -> str:
        """billion USD_2020/yr; children by technology or powertrain."""
        return f"Investment|{self.sector}"

    @property
    def investment_by_kind(self) -> str:
        """Parent of the investment by kind (new build, switches, retrofits ...)."""
        return f"Investment by Kind|{self.sector}"

    def investment_kind(self, kind: str) -> str:
        return f"{self.investment_by_kind}|{kind}"

    def investment_class(self, low_emission: bool) -> str:
        kind = "Low-Emission" if low_emission else "Conventional"
        return f"Investment by Class|{self.sector}|{kind}"

    @property
    def investment_upstream(self) -> str:
        """Upstream of the sector (power, electrolysers, CO2 transport and storage);
        children by kind."""
        return f"Investment Upstream|{self.sector}"

    def investment_upstream_kind(self, kind: str) -> str:
        return f"{self.investment_upstream}|{kind}"

    # -- upstream needs ------------------------------------------------------------------------
    @property
    def upstream_electricity(self) -> str:
        """TWh/yr incl. the electrolysis of bought hydrogen; children Direct and Hydrogen
        Production."""
        return f"Upstream Electricity|{self.sector}"

    def upstream_electricity_part(self, part: str) -> str:
        return f"{self.upstream_electricity}|{part}"

    def upstream_capacity(self, kind: str) -> str:
        """GW of wind and solar or of electrolysers a pathway needs."""
        return f"Upstream Capacity|{self.sector}|{kind}"

    @property
    def carbon_capture(self) -> str:
        """Mt CO2/yr captured; children Storage and Utilisation (what happens to it)."""
        return f"Carbon Capture|{self.sector}"

    def carbon_capture_fate(self, stored: bool) -> str:
        """Captured CO2 stored permanently, or sent to use (not stored)."""
        return f"{self.carbon_capture}|{'Storage' if stored else 'Utilisation'}"

    def carbon_capture_source(self, source: str) -> str:
        """Captured CO2 by where it is captured (a breakdown beside the fates)."""
        return f"Carbon Capture by Source|{self.sector}|{source}"

    @property
    def co2_storage(self) -> str:
        """Mt CO2/yr transported and stored."""
        return f"CO2 Storage|{self.sector}"

    def lcox(self, technology: str) -> str:
        return f"LCOX|{self.sector}|{technology}"

    @property
    def average_lcox(self) -> str:
        return f"Cost|{self.sector}|Average LCOX"

    def resource_limit(self, title: str, part: str) -> str:
        """``part`` is Use or Cap."""
        return f"Resource Limit|{self.sector}|{title}|{part}"

    def declared(self, variable: str) -> str:
        """A sector's own reported variable, written with its label (``Final Energy|Steel|
        Coal``), under the sector's IAMC path (``Final Energy|Industry|Iron and Steel|Coal``)."""
        parts = variable.split("|")
        return "|".join(self.sector if part == self.label else part for part in parts)

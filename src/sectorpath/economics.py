"""Unit economics per year, region and technology: emissions, opex, LCOX and TCO.

All money is USD_2020; per-tonne figures are per tonne of product (LCOX, opex) or per tonne
of annual capacity (capex). Arrays are (Y, R, T) unless stated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sectorpath.inputs import ModelInputs

REFERENCE_UTILISATION = 0.8
"""Utilisation assumed when capex is levelised per tonne of product in the LCOX."""


def parity_year(cheaper: np.ndarray, years: np.ndarray) -> np.ndarray:
    """First year from which an option stays at or below its reference's cost to the end.

    ``cheaper`` is (Y, ...) bool; returns (...) years as floats, nan where parity is not
    reached (or not held to the last year). An option that is cheaper in some years but
    dearer again later only counts from the last crossing: the one definition of a
    cost-parity year in the package.
    """
    held = np.logical_and.accumulate(cheaper[::-1], axis=0)[::-1]  # cheaper from y to the end
    first = np.argmax(held, axis=0)
    return np.where(held.any(axis=0), years[first].astype(float), np.nan)


def capital_recovery_factor(rate: float, years: int) -> float:
    """Annuity factor: yearly payment per unit of capital over ``years`` at ``rate``."""
    return rate / (1.0 - (1.0 + rate) ** -years)


@dataclass(frozen=True)
class UnitEconomics:
    """Per-tonne emissions and costs of every technology, region and year."""

    emissions: np.ndarray  # (3, Y, R, T) t CO2/t product, scope 1..3
    energy_material_cost: np.ndarray  # (Y, R, T) USD/t, net of by-products sold
    carbon_cost: np.ndarray  # (Y, R, T) USD/t
    opex: np.ndarray  # (Y, R, T) USD/t: energy + materials + fixed opex + carbon cost
    lcox: np.ndarray  # (Y, R, T) USD/t: capex annuity + opex
    discounted_opex: np.ndarray  # (Y, R, T) USD/t capacity: NPV of opex over the TCO horizon
    discount_weight: float  # sum of discount factors over the horizon (years)
    _switch_capex: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def scope12(self) -> np.ndarray:
        """Scope 1+2 emissions, t CO2/t product, (Y, R, T)."""
        return self.emissions[0] + self.emissions[1]

    def switch_capex(self, inputs: ModelInputs, year_index: int) -> np.ndarray:
        """Capex of moving from row to column technology, USD/t capacity: (R, T_from, T_to).

        By default keeping a technology costs its renewal (relining) capex and any other move
        the greenfield capex of the new technology; a sector may declare its own rule. Computed
        once per year and per distinct regional cost row.
        """
        if year_index not in self._switch_capex:
            green = inputs.greenfield_capex[year_index]
            renewal = inputs.renewal_capex[year_index]
            rows, inverse = np.unique(np.concatenate([green, renewal], axis=1), axis=0,
                                      return_inverse=True)
            n = green.shape[1]
            distinct = np.stack([_switch_rule(inputs, row[:n], row[n:]) for row in rows])
            self._switch_capex[year_index] = distinct[inverse.reshape(-1)]
        return self._switch_capex[year_index]

    def tco(self, inputs: ModelInputs, year_index: int) -> np.ndarray:
        """Levelised total cost of ownership of each switch, USD/t product: (R, T_from, T_to)."""
        capex = self.switch_capex(inputs, year_index)
        total = capex + self.discounted_opex[year_index][:, None, :]
        return total / self.discount_weight


def _switch_rule(inputs: ModelInputs, green: np.ndarray, renewal: np.ndarray) -> np.ndarray:
    if inputs.sector.switch_capex is not None:
        return inputs.sector.switch_capex(green, renewal, inputs.technologies)
    capex = np.broadcast_to(green[None, :], (green.size, green.size)).copy()
    np.fill_diagonal(capex, renewal)
    return capex


def unit_economics(inputs: ModelInputs) -> UnitEconomics:
    """Compute every per-tonne quantity once for the whole horizon."""
    emissions = np.einsum("yrtc,syrc->syrt", inputs.intensity, inputs.emission_factor)
    signed = np.where(inputs.output_flow[None], -inputs.intensity, inputs.intensity)
    energy_material = np.einsum("yrtc,yrc->yrt", signed, inputs.price)
    taxed = sum(emissions[scope - 1] for scope in inputs.economics.carbon_price_scopes)
    carbon = inputs.carbon_price[:, None, None] * np.maximum(taxed, 0.0)
    opex = energy_material + inputs.fixed_opex + carbon
    economics = inputs.economics
    crf = capital_recovery_factor(economics.discount_rate, inputs.sector.lifetime_years)
    lcox = inputs.greenfield_capex * crf / REFERENCE_UTILISATION + opex
    discounted, weight = _discounted_opex(opex, economics.discount_rate,
                                          economics.tco_horizon_years)
    return UnitEconomics(emissions, energy_material, carbon, opex, lcox, discounted, weight)


def _discounted_opex(opex: np.ndarray, rate: float, horizon: int) -> tuple[np.ndarray, float]:
    """NPV over ``horizon`` years from each year of opex per t of capacity at full load.

    The first year is not discounted; years past the last modelled year repeat its opex.
    """
    n_years = opex.shape[0]
    padded = np.concatenate([opex, np.repeat(opex[-1:], horizon, axis=0)], axis=0)
    factors = 1.0 / (1.0 + rate) ** np.arange(horizon)
    windows = np.lib.stride_tricks.sliding_window_view(padded, horizon, axis=0)[:n_years]
    return windows @ factors, float(factors.sum())

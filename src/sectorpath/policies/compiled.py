"""Policies compiled to arrays over a run's years, regions, markets, fuels and powertrains."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sectorpath.errors import InputError
from sectorpath.inputs import interpolate_path
from sectorpath.policies.model import (
    BlendMandate,
    FuelStandard,
    Offsetting,
    Policy,
    SalesMandate,
    VehicleStandard,
)
from sectorpath.tables import WORLD


@dataclass(frozen=True)
class Compiled:
    """One policy on the run's axes. Paths are (Y,), NaN in years it does not apply."""

    name: str
    policy: Policy
    regions: np.ndarray  # (R,) bool
    markets: np.ndarray  # (M,) bool (sales and vehicle policies: also its segments)
    members: np.ndarray  # (F,) or (P,) bool: the fuels or powertrains of a mandate
    level: np.ndarray  # (Y,) target reduction, share or baseline share; NaN: not in force
    price: np.ndarray  # (Y,) USD/t (or per t VLSFO-eq, per unit ...), 0 where none
    direct: np.ndarray  # (Y,) IMO direct-compliance reduction; NaN where none
    direct_price: np.ndarray  # (Y,)
    surplus_price: np.ndarray  # (Y,)


def _from_first(path: dict[int, float] | None, years: np.ndarray, until: int = 10_000
                ) -> np.ndarray:
    """A year path from its first year on (held after its last); NaN before and after until."""
    if not path:
        return np.full(years.size, np.nan)
    values = interpolate_path(path, years)
    return np.where((years >= min(path)) & (years <= until), values, np.nan)


def compile_policies(chosen: list[str], defined: dict[str, Policy], source: str,
                     years: np.ndarray, regions: list[str], segments: list[str],
                     market_region: np.ndarray, market_segment: np.ndarray,
                     fuels: list[str], powertrains: list[str]) -> tuple[Compiled, ...]:
    """The scenario's ``transport.policies`` on the run's axes; unknown names are errors."""
    out = []
    for name in chosen:
        if name not in defined:
            raise InputError(source, f"transport.policies.{name}", "no such policy in the "
                             "sector's data/policies.toml", allowed=sorted(defined))
        policy = defined[name]
        where = f"policies.toml [{name}]"
        if policy.region != WORLD and policy.region not in regions:
            raise InputError(where, "region", f"unknown region {policy.region!r}",
                             allowed=[WORLD, *regions])
        in_region = np.array([policy.region in (WORLD, r) for r in regions])
        markets = in_region[market_region]
        members = np.zeros(0, bool)
        nan = np.full(years.size, np.nan)
        level, price, direct, direct_price, surplus = nan, np.zeros(years.size), nan, \
            np.zeros(years.size), np.zeros(years.size)
        if isinstance(policy, FuelStandard):
            level = _from_first(policy.target, years)
            price = np.nan_to_num(_from_first(policy.price, years))
            direct = _from_first(policy.direct_target, years)
            direct_price = np.nan_to_num(_from_first(policy.direct_price, years))
            surplus = np.nan_to_num(_from_first(policy.surplus_price, years))
        elif isinstance(policy, BlendMandate):
            members = _members(policy.fuels, fuels, where, "fuels")
            level = _from_first(policy.share, years)
        elif isinstance(policy, SalesMandate | VehicleStandard):
            if isinstance(policy, SalesMandate):
                members = _members(policy.powertrains, powertrains, where, "powertrains")
                level = _from_first(policy.share, years)
            else:
                level = _from_first(policy.reduction, years)
                price = np.full(years.size, policy.penalty)
            if policy.segments:
                wanted = _members(policy.segments, segments, where, "segments")
                markets = markets & wanted[market_segment]
        elif isinstance(policy, Offsetting):
            price = _from_first(policy.price, years, policy.until)
            level = np.where(np.isnan(price), np.nan, policy.baseline_share)
            price = np.nan_to_num(price)
        out.append(Compiled(name, policy, in_region, markets, members, level, price, direct,
                            direct_price, surplus))
    return tuple(out)


def _members(names: list[str], known: list[str], where: str, field: str) -> np.ndarray:
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise InputError(where, field, f"unknown {', '.join(unknown)}", allowed=known)
    return np.isin(np.array(known), names)

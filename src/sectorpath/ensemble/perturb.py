"""Apply one sample of the uncertain parameters to a run's base inputs, cheaply.

The base inputs (dense arrays) are built once per worker; a sample copies only the few arrays
its parameters touch and swaps them in with ``dataclasses.replace`` - never a deep copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from pydantic import ValidationError

from sectorpath.errors import InputError
from sectorpath.fleet_inputs import FleetInputs
from sectorpath.inputs import CO2_ACCOUNTING, ModelInputs, interpolate_path
from sectorpath.scenarios.model import Economics, Uncertain

Inputs = ModelInputs | FleetInputs


@dataclass(frozen=True)
class Slot:
    """Where a kind of target lives in the inputs: array fields and the axis of its item."""

    fields: tuple[str, ...]  # arrays the target scales (all the same way)
    axis: int | None  # axis of the named item (commodity, technology ...); None: whole array
    names: tuple[str, ...]  # labels of that axis ("" for a target without item)
    excluded: tuple[str, ...] = ()  # labels that may not be targeted

    @property
    def allowed(self) -> list[str]:
        return [name for name in self.names if name not in self.excluded]

    def index(self, item: str, ndim: int) -> tuple[Any, ...]:
        """Index selecting ``item`` in an array of ``ndim`` dimensions."""
        if self.axis is None:
            return (Ellipsis,)
        index: list[Any] = [slice(None)] * ndim
        index[self.axis] = self.names.index(item)
        return tuple(index)


def slots(inputs: Inputs) -> dict[str, Slot]:
    """The targets a sector's inputs offer (``discount_rate`` is handled apart)."""
    whole = Slot(("carbon_price",), None, ("",))
    if isinstance(inputs, FleetInputs):
        return {"carbon_price": whole,
                "demand": Slot(("activity",), None, ("",)),
                "price": Slot(("fuel_price",), 2, tuple(inputs.fuels)),
                "capex": Slot(("capex",), 2, tuple(inputs.powertrains)),
                "emission_factor": Slot(("ttw", "wtt"), 2, tuple(inputs.fuels))}
    return {"carbon_price": whole,
            "demand": Slot(("demand",), None, ("",)),
            "price": Slot(("price",), 2, tuple(inputs.commodities)),
            "capex": Slot(("greenfield_capex", "renewal_capex"), 2, tuple(inputs.technologies)),
            "emission_factor": Slot(("emission_factor",), 3, tuple(inputs.commodities),
                                    excluded=tuple(CO2_ACCOUNTING))}


@dataclass(frozen=True)
class Parameter:
    """An uncertain parameter resolved against a sector's inputs."""

    name: str
    spec: Uncertain
    kind: str  # carbon_price, demand, discount_rate, price, capex, emission_factor
    item: str  # commodity, technology ... ("" for a target without item)

    @property
    def scale(self) -> bool:
        """True if a drawn value multiplies the target (False: a rate or a path index)."""
        return self.kind != "discount_rate" and self.spec.distribution != "paths"


def resolve(uncertainty: dict[str, Uncertain], inputs: Inputs, source: str) -> list[Parameter]:
    """Check each parameter's target against the sector; InputError names the field."""
    if not uncertainty:
        raise InputError(source, "uncertainty", "the scenario declares no uncertain parameters",
                         allowed="[uncertainty.<name>] tables with a target and a distribution "
                         "(docs/ensemble.md)")
    offered = slots(inputs)
    parameters = []
    for name, spec in uncertainty.items():
        kind, _, item = spec.target.partition(".")
        if name == "sample":
            raise InputError(source, "uncertainty.sample", "reserved name",
                             allowed="any other name")
        if kind in offered and item not in offered[kind].allowed:
            raise InputError(source, f"uncertainty.{name}.target", f"unknown {kind} item "
                             f"{item!r} for this sector", allowed=offered[kind].allowed)
        parameters.append(Parameter(name, spec, kind, item))
    return parameters


def perturb(base: Inputs, parameters: list[Parameter], values: np.ndarray,
            source: str) -> Inputs:
    """``base`` with one sample's ``values`` (one per parameter) applied.

    Raises InputError if a value is outside what the engine accepts (a negative scale, a
    discount rate outside the scenario model's bounds).
    """
    offered = slots(base)
    arrays: dict[str, np.ndarray] = {}
    changes: dict[str, Any] = {}
    for parameter, value in zip(parameters, values, strict=True):
        if parameter.kind == "discount_rate":
            changes.update(_discount_rate(base, float(value), parameter, source))
            continue
        slot = offered[parameter.kind]
        if parameter.scale and not value >= 0:
            raise InputError(source, f"uncertainty.{parameter.name}",
                             f"drawn scale {value:.4g} is negative", allowed=">= 0")
        for field in slot.fields:
            array = arrays.get(field)
            if array is None:
                array = arrays[field] = getattr(base, field).copy()
            index = slot.index(parameter.item, array.ndim)
            if parameter.scale:
                array[index] *= value
            else:
                path = interpolate_path(parameter.spec.paths[int(value)], base.years)
                array[index] = path.reshape(-1, *[1] * (array[index].ndim - 1))
    changes.update(arrays)
    return replace(base, **changes)


def _discount_rate(base: Inputs, rate: float, parameter: Parameter,
                   source: str) -> dict[str, Any]:
    """Fields that carry a discount rate, checked by the scenario model's own bounds."""
    try:
        economics = Economics.model_validate({**base.scenario.economics.model_dump(),
                                              "discount_rate": rate})
    except ValidationError as exc:
        raise InputError(source, f"uncertainty.{parameter.name}",
                         f"drawn discount rate {rate:.4g}: {exc.errors()[0]['msg']}",
                         allowed="0 < rate < 0.5") from None
    if isinstance(base, FleetInputs):
        return {"discount_rate": rate}
    return {"scenario": base.scenario.model_copy(update={"economics": economics})}

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
from sectorpath.inputs import interpolate_path
from sectorpath.models import SectorModel
from sectorpath.scenarios.model import Economics, Uncertain

Inputs = Any
"""A sector model's compiled inputs (``SectorModel.compile``)."""


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


def resolve(model: SectorModel, uncertainty: dict[str, Uncertain], inputs: Inputs,
            source: str) -> list[Parameter]:
    """Check each parameter's target against the sector; InputError names the field."""
    if not uncertainty:
        raise InputError(source, "uncertainty", "the scenario declares no uncertain parameters",
                         allowed="[uncertainty.<name>] tables with a target and a distribution "
                         "(docs/ensemble.md)")
    offered = model.uncertainty_slots(inputs)
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


def perturb(model: SectorModel, base: Inputs, parameters: list[Parameter],
            values: np.ndarray, source: str) -> Inputs:
    """``base`` with one sample's ``values`` (one per parameter) applied.

    Raises InputError if a value is outside what the engine accepts (a negative scale, a
    discount rate outside the scenario model's bounds).
    """
    offered = model.uncertainty_slots(base)
    arrays: dict[str, np.ndarray] = {}
    for parameter, value in zip(parameters, values, strict=True):
        if parameter.kind == "discount_rate":
            rate = _checked_rate(float(value), parameter, source)
            base = model.with_discount_rate(base, rate)
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
    return replace(base, **arrays)


def _checked_rate(rate: float, parameter: Parameter, source: str) -> float:
    """A drawn discount rate, checked by the scenario model's own bounds."""
    try:
        Economics.model_validate({"discount_rate": rate})
    except ValidationError as exc:
        raise InputError(source, f"uncertainty.{parameter.name}",
                         f"drawn discount rate {rate:.4g}: {exc.errors()[0]['msg']}",
                         allowed="0 < rate < 0.5") from None
    return rate

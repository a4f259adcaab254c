"""Transport policies as they are written: data (``sectors/<name>/data/policies.toml``), the
scenario names the ones it switches on (``transport.policies``), and small pure kernels.

Instruments (``kind``):

- ``fuel_standard``: a well-to-wake GHG fuel-intensity standard against a reference (g CO2e/MJ),
  with a target each year and flexible compliance: the IMO Net-Zero Framework's base and
  direct-compliance targets with tier-1 and tier-2 remedial units and surplus units, or FuelEU
  Maritime's single limit and its penalty per tonne of VLSFO-equivalent energy.
- ``blend_mandate``: a minimum share of a group of fuels in their carrier (ReFuelEU Aviation's
  SAF share and its synthetic sub-mandate; any SAF), with a penalty on the shortfall.
- ``sales_mandate``: a minimum share of a group of powertrains in new sales (any zero-emission
  truck), optionally per segment.
- ``vehicle_standard``: new-vehicle tailpipe CO2 per activity unit at most (1 - reduction) x
  the first year's (EU heavy-duty CO2 standards), with the excess emissions premium.
- ``offsetting``: emissions above a baseline offset at a price (CORSIA), reported apart from
  in-sector abatement.

Each has a ``region`` (a region of the sector or ``World``), a start (its first year with a
value) and a ``coverage`` (share of that region's energy or emissions it applies to).
"""

from typing import Any

import pandas as pd

from sectorpath.policies.kernels import (
    blend_penalty,
    enforce_group_share,
    fueleu_penalty,
    gfi_compliance,
    offsets_due,
    raise_group_share,
    required_zero_emission_share,
)
from sectorpath.policies.model import POLICY_KINDS, Policy, load_policies

__all__ = ["POLICY_KINDS", "Policy", "blend_penalty", "compliance_table",
           "enforce_group_share", "fueleu_penalty", "gfi_compliance", "load_policies",
           "offsets_due", "raise_group_share", "required_zero_emission_share"]


def compliance_table(results: Any) -> pd.DataFrame:
    """A run's policy compliance by policy and year (``reports["policy_compliance"]``)."""
    from sectorpath.reporting.fleet import policy_compliance

    return policy_compliance(results)

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
from sectorpath.policies.model import POLICY_KINDS, FuelStandard, Policy, load_policies

__all__ = ["POLICY_KINDS", "Policy", "blend_penalty", "compliance_table",
           "enforce_group_share", "fueleu_penalty", "gfi_compliance", "load_policies",
           "offsets_due", "raise_group_share", "required_zero_emission_share"]


#: The ``check`` of a yearly compliance row (a policy's goal rows carry the goal's title).
YEARLY = "yearly target"


def compliance_table(results: Any) -> pd.DataFrame:
    """A run's policy compliance by policy and year (``reports["policy_compliance"]``), each
    row a yearly target (``check`` = ``YEARLY``) or a policy's goal: its region's well-to-wake
    GHG in the goal year against the goal, in Mt CO2e, with the shortfall."""
    from sectorpath.reporting.fleet import policy_compliance

    table = policy_compliance(results)
    table.insert(2, "check", YEARLY)
    goals = goal_rows(results.trajectory)
    return pd.concat([table, pd.DataFrame(goals, columns=table.columns)],
                     ignore_index=True) if goals else table


def goal_rows(trajectory: Any) -> list[dict[str, object]]:
    """One compliance row per fuel standard with a goal in the run's horizon."""
    x = trajectory.inputs
    rows: list[dict[str, object]] = []
    for c in x.policies:
        goal = c.policy.goal if isinstance(c.policy, FuelStandard) else None
        if goal is None or goal.year not in x.years:
            continue
        i = list(x.years).index(goal.year)
        markets = c.regions[x.market_region]
        attained = float((trajectory.ttw[i] + trajectory.wtt[i])[markets].sum())
        target = (1.0 - goal.reduction) * goal.baseline
        shortfall = max(attained - target, 0.0)
        rows.append({"policy": c.name, "title": c.policy.title, "check": goal.title,
                     "year": goal.year, "target": target, "attained": attained,
                     "unit": "Mt CO2e", "met": bool(shortfall <= 1e-6),
                     "shortfall": shortfall, "shortfall_unit": "Mt CO2e",
                     "units_bought": 0.0, "surplus_units": 0.0, "cost_musd": 0.0})
    return rows

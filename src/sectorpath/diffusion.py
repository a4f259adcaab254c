"""Diffusion limits as data: how fast a technology may spread, from a sector's tables.

Two optional tables of a plant sector's data folder:

- ``diffusion.csv``: ramp-up limits. A *group* of technologies (one technology, or e.g. every
  capture kiln) may be newly adopted by at most ``initial`` units in ``start_year``, growing by
  ``growth_rate`` a year until ``end_year`` (after it: no limit), and by none before
  ``start_year``. The unit is ``assets`` (plants, whatever their size) or ``Mt/yr`` of
  capacity. One row per (case, group, technology); a group's numbers repeat on its rows. A
  scenario picks the cases that apply (``constraints.diffusion``).
- ``pipeline.csv``: the real project pipeline, one row per project: its group, start year
  and capacity (Mt product/yr); only projects operating, under construction or with a final
  investment decision count, announced ones are listed. Up to the pipeline's cumulative
  capacity a group may always grow; the ramp-up comes on top.

So in year y a group may take ``max(first + pipeline(y) - stock(y), 0) + ramp(y)`` new
units, where ``stock`` is what it holds at the start of the year and ``first`` what it held in
the first year. Adoption counts an asset that moves
into the group from a technology outside it (a new asset counts too); moves within a group
are free.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from sectorpath.errors import InputError
from sectorpath.tables import FIRST_YEAR, LAST_YEAR, check_known, validate_frame
from sectorpath.tolerances import AMOUNT, ROUNDING

_text = pa.Column(str, pa.Check.str_length(min_value=1), coerce=True)
_year = pa.Column(int, pa.Check.in_range(FIRST_YEAR, 2100), coerce=True)

DIFFUSION_SCHEMA = pa.DataFrameSchema({
    "case": _text,
    "group": _text,
    "technology": _text,
    "start_year": _year,
    "end_year": _year,
    "initial": pa.Column(float, pa.Check.ge(0), coerce=True),  # units adopted in start_year
    "growth_rate": pa.Column(float, pa.Check.in_range(0, 5), coerce=True),  # fraction per year
    "unit": pa.Column(str, pa.Check.isin(["assets", "Mt/yr"])),
    "source": _text,
})
PIPELINE_SCHEMA = pa.DataFrameSchema({
    "project": _text,
    "group": _text,
    "region": _text,
    "start_year": pa.Column(int, pa.Check.in_range(FIRST_YEAR, LAST_YEAR), coerce=True),
    "capacity": pa.Column(float, pa.Check.gt(0), coerce=True),  # Mt product/yr
    "status": pa.Column(str, pa.Check.isin(["operating", "construction", "fid", "announced"])),
    "source": _text,
})
_GROUP_FIELDS = ("start_year", "end_year", "initial", "growth_rate", "unit")
#: Project statuses that count towards the pipeline (announced projects are listed, not counted).
COMMITTED = ("operating", "construction", "fid")
#: Case used when a scenario names none.
DEFAULT_CASE = "standard"


@dataclass(frozen=True)
class Diffusion:
    """Ramp-up limits of one run, over groups G, technologies T and years Y."""

    groups: tuple[str, ...]
    member: np.ndarray  # (G, T) bool: technology belongs to the group
    per_asset: np.ndarray  # (G,) bool: counted in assets (else in Mt/yr of capacity)
    ramp: np.ndarray  # (Y, G) new units allowed beyond the pipeline, inf: unlimited
    pipeline: np.ndarray  # (Y, G) cumulative pipeline, in the group's unit

    @classmethod
    def none(cls, n_years: int, n_techs: int) -> Diffusion:
        return cls((), np.zeros((0, n_techs), bool), np.zeros(0, bool),
                   np.zeros((n_years, 0)), np.zeros((n_years, 0)))

    @property
    def unit(self) -> list[str]:
        return ["assets" if flag else "Mt/yr" for flag in self.per_asset]

    def weights(self, capacity: np.ndarray) -> np.ndarray:
        """(G, n) what each asset counts for in each group's unit (1 or its capacity)."""
        return np.where(self.per_asset[:, None], 1.0, capacity[None, :])

    @cached_property
    def layers(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Groups split into layers in which no technology is in two groups: per layer, the
        groups it holds (indices) and each technology's position among them (-1: none), so a
        layer is checked as one limit whatever the number of its groups."""
        layers: list[tuple[list[int], np.ndarray]] = []
        for g in range(len(self.groups)):
            for groups, tech_group in layers:
                if (tech_group[self.member[g]] < 0).all():
                    tech_group[self.member[g]] = len(groups)
                    groups.append(g)
                    break
            else:
                tech_group = np.full(self.member.shape[1], -1)
                tech_group[self.member[g]] = 0
                layers.append(([g], tech_group))
        return [(np.array(groups), tech_group) for groups, tech_group in layers]

    def held(self, technology: np.ndarray, capacity: np.ndarray) -> np.ndarray:
        """(G,) what each group holds among assets of ``technology`` (-1: none, closed)."""
        inside = self.member[:, np.maximum(technology, 0)] & (technology >= 0)[None, :]
        return (inside * self.weights(capacity)).sum(axis=1)

    def room(self, i: int, held: np.ndarray, first: np.ndarray) -> np.ndarray:
        """(G,) new units each group may take in year index ``i``: up to its first-year stock
        plus the pipeline so far, and the year's ramp-up on top."""
        return np.maximum(first + self.pipeline[i] - held, 0.0) + self.ramp[i]


def ramp_path(years: np.ndarray, start: int, end: int, initial: float, growth: float,
              whole: bool) -> np.ndarray:
    """Yearly new units allowed: 0 before ``start``, ``initial`` x (1+growth)^(y-start) up to
    ``end``, unlimited after; rounded to whole units when counting assets (MPP's rule)."""
    path = initial * (1.0 + growth) ** (years - start).astype(float)
    if whole:
        path = np.round(path)
    return np.where(years < start, 0.0, np.where(years > end, np.inf, path))


def load_diffusion(data_dir: Path, techs: list[str], regions: list[str],
                   asset_size: float) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The validated diffusion and pipeline tables of a data folder, or None if absent."""
    path = data_dir / "diffusion.csv"
    if not path.exists():
        return None
    table = validate_frame(pd.read_csv(path), DIFFUSION_SCHEMA, path)
    check_known(path, table, "technology", techs)
    varying = table.groupby(["case", "group"])[list(_GROUP_FIELDS)].nunique().max(axis=1)
    if (varying > 1).any():
        case, group = varying[varying > 1].index[0]
        raise InputError(path, "group", f"group {group!r} of case {case!r} has different "
                         "numbers on its rows", allowed="the same start_year, end_year, initial, "
                         "growth_rate and unit on every row of a group")
    shared = table.groupby("group")["case"].nunique()
    if (shared > 1).any():
        raise InputError(path, "group", f"group {shared[shared > 1].index[0]!r} is in several "
                         "cases", allowed="a group name used by one case only")
    pipeline_path = data_dir / "pipeline.csv"
    pipeline = (validate_frame(pd.read_csv(pipeline_path), PIPELINE_SCHEMA, pipeline_path)
                if pipeline_path.exists() else pd.DataFrame(columns=list(PIPELINE_SCHEMA.columns)))
    if not pipeline.empty:
        check_known(pipeline_path, pipeline, "group", sorted(table["group"].unique()))
        check_known(pipeline_path, pipeline, "region", regions)
    return table, pipeline.assign(asset_size=asset_size)


def build_diffusion(tables: tuple[pd.DataFrame, pd.DataFrame] | None, cases: list[str] | None,
                    techs: list[str], years: np.ndarray, scenario: str) -> Diffusion:
    """The run's limits: rows of the scenario's cases (None: the default case if present)."""
    if tables is None:
        if cases:
            raise InputError(f"scenario {scenario!r}", "constraints.diffusion",
                             "the sector has no diffusion table", allowed="[] or leave it out")
        return Diffusion.none(years.size, len(techs))
    table, pipeline = tables
    known = sorted(table["case"].unique())
    wanted = cases if cases is not None else [c for c in known if c == DEFAULT_CASE]
    for case in wanted:
        if case not in known:
            raise InputError(f"scenario {scenario!r}", "constraints.diffusion",
                             f"unknown diffusion case {case!r}", allowed=known)
    rows = table[table["case"].isin(wanted)]
    groups = list(dict.fromkeys(rows["group"]))
    member = np.zeros((len(groups), len(techs)), bool)
    member[[groups.index(g) for g in rows["group"]], [techs.index(t) for t in rows["technology"]]] \
        = True
    first = rows.drop_duplicates("group").set_index("group").loc[groups]
    per_asset = (first["unit"] == "assets").to_numpy()
    ramp = np.zeros((years.size, len(groups)))
    for g, (start, end, initial, growth) in enumerate(zip(
            first["start_year"].to_numpy(int), first["end_year"].to_numpy(int),
            first["initial"].to_numpy(float), first["growth_rate"].to_numpy(float), strict=True)):
        ramp[:, g] = ramp_path(years, int(start), int(end), float(initial), float(growth),
                               bool(per_asset[g]))
    projects = pipeline[pipeline["status"].isin(COMMITTED) & pipeline["group"].isin(groups)]
    group_of = np.array([groups.index(g) for g in projects["group"]], dtype=int)
    capacity = projects["capacity"].to_numpy(float)
    in_assets = per_asset[group_of]
    # a project counts from its start year; in assets, each project is at least one plant
    units = np.where(in_assets,
                     np.ceil(capacity / projects["asset_size"].to_numpy(float) - ROUNDING),
                     capacity)
    started = projects["start_year"].to_numpy(int)[None, :] <= years[:, None]  # (year, project)
    by_group = np.zeros((group_of.size, len(groups)))
    by_group[np.arange(group_of.size), group_of] = units
    built = started.astype(float) @ by_group  # (year, group)
    return Diffusion(tuple(groups), member, per_asset, ramp, built)


def binding_limits(results: Any) -> pd.DataFrame:
    """Which ramp-up and resource limits bound in a run, when, and by how much.

    One row per limit that turned down at least one choice: its kind, unit, first and last
    year it bound, the number of years, and what decisions wanted beyond it in total
    (assets or Mt/yr of capacity for ramp-up groups; the cap's unit x Mt for resources, the
    use the refused choices would have added at full utilisation). A carbon budget that
    the limits kept a run from meeting is listed with the emissions above it, and a resource
    used above its cap (a cap that fell below what plants already use, or new plants that had
    no allowed option within it) with the use above it.
    """
    record = getattr(results.trajectory, "bound", None)
    rows = []
    if record is not None:
        years = results.trajectory.inputs.years
        units = results.trajectory.inputs.limit_units
        series = [(f"ramp-up: {g}", unit, record.ramp_refused[:, k])
                  for k, (g, unit) in enumerate(zip(record.diffusion.groups,
                                                    record.diffusion.unit, strict=True))]
        series += [(f"resource: {name}", units.get(name, ""), refused.sum(axis=1))
                   for name, refused in record.resource_refused.items()]
        inputs = results.trajectory.inputs
        for name, cap in inputs.limits.items():
            used = (results.trajectory.production * inputs.limit_use[name]).sum(axis=2)
            used = used if cap.shape[1] > 1 else used.sum(axis=1, keepdims=True)
            excess = np.maximum(used - cap - AMOUNT, 0.0)
            if name in inputs.cumulative_caps:
                # a cumulative cap: the yearly growth of the use to date above it, which adds
                # up to what was used beyond the path by the last year
                excess = np.maximum(np.cumsum(used, axis=0) - inputs.cumulative_caps[name]
                                    - AMOUNT, 0.0)
                excess = np.diff(excess, axis=0, prepend=0.0)
            series.append((f"resource: {name} (exceeded by)", units.get(name, ""),
                           excess.sum(axis=1)))
        budget = getattr(results.trajectory, "carbon_budget", None)
        if budget is not None:
            emissions = results.trajectory.emissions
            scope12 = (emissions[0] + emissions[1]).sum(axis=(1, 2))
            series.append(("carbon budget (missed by)", "Mt CO2/yr",
                           np.where(np.arange(years.size) > 0,
                                    np.maximum(scope12 - budget - AMOUNT, 0.0), 0.0)))
        for limit, unit, refused in series:
            bound = refused > ROUNDING
            if bound.any():
                rows.append({"limit": limit, "unit": unit, "first_year": int(years[bound][0]),
                             "last_year": int(years[bound][-1]), "years_bound": int(bound.sum()),
                             "refused_total": float(refused.sum())})
    return pd.DataFrame(rows, columns=["limit", "unit", "first_year", "last_year",
                                       "years_bound", "refused_total"])

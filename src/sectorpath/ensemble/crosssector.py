"""The cross-sector run as the unit of an ensemble (``sectorpath sweep all``).

A cross-sector scenario file gains an ``[uncertainty]`` table. A target names a sector
(``steel.price.hydrogen``: that sector only), a shared cap (``shared.co2_storage``: scales the
world cap of a resource the scenario limits) or neither (``price.hydrogen``,
``carbon_price``: one draw applied to every sector that has the target, so the sectors see
one hydrogen price, one carbon price per run). ``[correlation]`` lists rank correlations
between parameters (``pairs = [["hydrogen", "electricity", 0.6]]``), drawn through a Gaussian
copula (``sampling.correlate``).

A worker compiles each sector's inputs once (``Prepared``); a draw copies only the arrays its
parameters touch (``perturb``). Where a capped resource binds, the sector runs again on inputs
compiled once with the caps, whose cap arrays are swapped in per draw
(``SectorModel.with_caps``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from pydantic import ValidationError

from sectorpath.crosssector import YEARS, CombinedResults, share_resources
from sectorpath.crosssector.reference import shared_limit
from sectorpath.crosssector.scenario import AllScenario, all_scenario_names, load_all_scenario
from sectorpath.ensemble.discovery import prim_box
from sectorpath.ensemble.perturb import Inputs, Parameter, perturb, resolve
from sectorpath.ensemble.worker import Batch, BatchResult, run_samples
from sectorpath.errors import InputError
from sectorpath.models import get_model
from sectorpath.reporting.names import Names
from sectorpath.results import Results
from sectorpath.scenarios.model import Uncertain, explain_validation_error, load_scenario

SECTOR = "all"
"""The ``sector`` of a cross-sector sweep's manifest."""
TOTAL = "Hard-to-Abate Sectors"


@dataclass(frozen=True)
class CrossUncertain:
    """A cross-sector scenario with its uncertain parameters and rank correlations."""

    scenario: AllScenario
    uncertainty: dict[str, Uncertain]  # name -> spec (target without sector or shared prefix)
    scope: dict[str, str]  # name -> sector, "shared.<resource>", or "" (every sector with it)
    correlation: np.ndarray  # (D, D) rank correlation, identity if none given
    source: str
    groups: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    """Named scenario groups: name -> parameter -> (low, high) of its drawn value."""


def load_cross_uncertain(name_or_path: str | Path) -> CrossUncertain:
    """A cross-sector scenario file with ``[uncertainty]`` (and ``[correlation]``) tables."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        return parse_uncertainty(load_all_scenario(name_or_path), {}, {}, str(path))
    try:
        return parse_cross_text(path.read_text(), str(path))
    except FileNotFoundError:
        raise InputError(path, "scenario", "file not found") from None


def parse_uncertainty(scenario: AllScenario, table: dict[str, Any], correlation: dict[str, Any],
                      source: str, groups: dict[str, Any] | None = None) -> CrossUncertain:
    """Check the targets' scopes, the correlations and the named scenario groups; InputError
    names the field."""
    if not table:
        raise InputError(source, "uncertainty", "the scenario declares no uncertain parameters",
                         allowed="[uncertainty.<name>] tables (docs/ensemble.md)")
    specs, scope = {}, {}
    for name, entry in table.items():
        target = str(entry.get("target", "")) if isinstance(entry, dict) else ""
        head, _, rest = target.partition(".")
        scope[name] = ""
        if head in scenario.sectors:
            scope[name], target = head, rest
        elif head == "shared":
            if rest not in scenario.shared.limits:
                raise InputError(source, f"uncertainty.{name}.target", f"shared resource "
                                 f"{rest!r} has no cap in this scenario",
                                 allowed=[f"shared.{r}" for r in scenario.shared.limits])
            scope[name], target = target, "carbon_price"  # validated as a plain scale
        try:
            specs[name] = Uncertain.model_validate({**entry, "target": target})
        except ValidationError as exc:
            error = explain_validation_error(Path(source), exc, Uncertain)
            allowed = error.allowed if error.field != "target" else (
                f"<sector>.<target> for a sector of the scenario ({', '.join(scenario.sectors)}"
                "), shared.<capped resource>, or a target of every sector")
            raise InputError(source, f"uncertainty.{name}.{error.field}", error.problem,
                             allowed=allowed) from None
        if head == "shared" and specs[name].distribution == "paths":
            raise InputError(source, f"uncertainty.{name}.distribution", "paths for a cap",
                             allowed=["uniform", "normal", "triangular"])
    names = list(specs)
    matrix = np.eye(len(names))
    for pair in correlation.get("pairs", []):
        if (len(pair) != 3 or pair[0] not in names or pair[1] not in names
                or pair[0] == pair[1] or not -1 < float(pair[2]) < 1):
            raise InputError(source, "correlation.pairs", f"bad pair {pair!r}",
                             allowed="[name, other name, rank correlation in (-1, 1)]")
        i, j = names.index(pair[0]), names.index(pair[1])
        matrix[i, j] = matrix[j, i] = float(pair[2])
    if set(correlation) - {"pairs"}:
        raise InputError(source, "correlation", f"unknown keys {sorted(set(correlation))}",
                         allowed=["pairs"])
    return CrossUncertain(scenario, specs, scope, matrix, source,
                          parse_groups(groups or {}, names, source))


def parse_groups(table: dict[str, Any], names: list[str], source: str
                 ) -> dict[str, dict[str, tuple[float, float]]]:
    """``[groups."<name>"]`` tables: each parameter of the group with the ``[low, high]`` range
    of its drawn value (inclusive); a draw is in the group if every value is in its range, e.g.
    ``[groups."hydrogen expensive and storage slow"]`` with ``hydrogen_price = [1.3, 1.6]`` and
    ``co2_storage = [0.5, 0.8]``."""
    groups = {}
    for group, bounds in table.items():
        if not isinstance(bounds, dict) or not bounds:
            raise InputError(source, f"groups.{group}", "no parameter ranges",
                             allowed="<parameter> = [low, high] lines")
        ranges = {}
        for name, pair in bounds.items():
            where = f"groups.{group}.{name}"
            if name not in names:
                raise InputError(source, where, "not an uncertain parameter", allowed=names)
            if (not isinstance(pair, list) or len(pair) != 2
                    or not all(isinstance(x, int | float) and np.isfinite(x) for x in pair)
                    or pair[0] > pair[1]):
                raise InputError(source, where, f"bad range {pair!r}",
                                 allowed="[low, high], finite numbers, low <= high")
            ranges[name] = (float(pair[0]), float(pair[1]))
        groups[str(group)] = ranges
    return groups


def group_members(samples: pd.DataFrame, groups: dict[str, dict[str, tuple[float, float]]]
                  ) -> dict[str, np.ndarray]:
    """Sample ids of each named group (``samples``: column sample and one per parameter)."""
    members = {}
    for group, ranges in groups.items():
        inside = np.ones(len(samples), bool)
        for name, (low, high) in ranges.items():
            inside &= samples[name].between(low, high).to_numpy()
        members[group] = samples["sample"].to_numpy()[inside]
    return members


@dataclass(frozen=True)
class SectorDraw:
    """How one sector takes a draw: its parameters and their columns in the draw."""

    base: Inputs  # compiled, uncapped, ready for sweeps
    parameters: list[Parameter]
    columns: list[int]


@dataclass
class Prepared:
    """Everything a worker builds once per cross-sector scenario."""

    spec: CrossUncertain
    sectors: dict[str, SectorDraw]
    caps: dict[str, tuple[np.ndarray, int | None]]  # resource -> (Y,) base cap, column scaling it
    capped: dict[tuple[str, tuple[str, ...]], Inputs]  # inputs compiled with caps, per sector

    def capped_base(self, sector: str, resources: tuple[str, ...], caps: dict[str, np.ndarray]
                    ) -> Inputs:
        """The sector's inputs compiled with caps on ``resources`` (once), with ``caps``."""
        key = (sector, resources)
        if key not in self.capped:
            model = get_model(sector)
            scenario = load_scenario(sector, self.spec.scenario.sectors[sector])
            self.capped[key] = model.for_sweep(model.compile(model.load(), scenario, caps))
        return get_model(sector).with_caps(self.capped[key], caps)


def prepare(spec: CrossUncertain) -> Prepared:
    """Compile every sector once and resolve which parameters reach which sector."""
    sectors = {}
    names = list(spec.uncertainty)
    for sector, scenario_name in spec.scenario.sectors.items():
        model = get_model(sector)
        base = model.for_sweep(model.compile(model.load(), load_scenario(sector, scenario_name)))
        offered = model.uncertainty_slots(base)
        chosen = {}
        for name, uncertain in spec.uncertainty.items():
            kind, _, item = uncertain.target.partition(".")
            wanted = spec.scope[name] == sector or (
                spec.scope[name] == "" and (kind == "discount_rate" or (
                    kind in offered and item in offered[kind].allowed)))
            if wanted:
                chosen[name] = uncertain
        parameters = resolve(model, chosen, base, spec.source) if chosen else []
        sectors[sector] = SectorDraw(base, parameters, [names.index(p.name) for p in parameters])
    shared = {s.partition(".")[2]: names.index(n) for n, s in spec.scope.items()
              if s.startswith("shared.")}
    unused = set(names) - {names[c] for d in sectors.values() for c in d.columns} - {
        names[c] for c in shared.values()}
    if unused:
        raise InputError(spec.source, f"uncertainty.{sorted(unused)[0]}.target",
                         "reaches no sector of the scenario", allowed="a target some sector has")
    caps = {str(r): (shared_limit(r, limit, YEARS), shared.get(str(r)))
            for r, limit in spec.scenario.shared.limits.items()}
    return Prepared(spec, sectors, caps, {})


def run_cross(prepared: Prepared, values: np.ndarray | None,
              simulate: Callable[[str, Inputs], Results] | None = None) -> CombinedResults:
    """One cross-sector run with one draw ``values`` (a value per parameter; None: the
    scenario as written): every sector on its perturbed inputs, then the capped resources
    shared as ``run_all`` does."""
    spec = prepared.spec
    run = simulate or _simulate

    def drawn(sector: str, base: Inputs) -> Inputs:
        draw = prepared.sectors[sector]
        if values is None or not draw.parameters:
            return base
        return perturb(get_model(sector), base, draw.parameters, values[draw.columns],
                       spec.source)

    runs = {s: run(s, drawn(s, d.base)) for s, d in prepared.sectors.items()}
    caps = {r: cap * (float(values[c]) if c is not None and values is not None else 1.0)
            for r, (cap, c) in prepared.caps.items()}

    def rerun(sector: str, sector_caps: dict[str, np.ndarray]) -> Results:
        return run(sector, drawn(sector, prepared.capped_base(sector, tuple(sector_caps),
                                                              sector_caps)))

    table = share_resources(spec.scenario, runs, caps, rerun)
    return CombinedResults(spec.scenario, runs, table)


def _simulate(sector: str, inputs: Inputs) -> Results:
    model = get_model(sector)
    return Results(model.simulate(inputs), model)


def key_series(combined: CombinedResults) -> dict[str, np.ndarray]:
    """(2020..2050,) World series kept per run: each sector's and the total scope 1+2
    emissions (Mt CO2/yr), and each 2030 Breakthrough as 1 (met) or 0 in every year."""
    out = {}
    total = np.zeros(YEARS.size)
    for results in combined.runs.values():
        series = results.world(results.names.emissions).reindex(YEARS).to_numpy(float)
        out[results.names.emissions] = series
        total = total + series
    out[Names(TOTAL, TOTAL, TOTAL).emissions] = total
    for row in combined.breakthroughs().to_dict("records"):
        if row["met"] is not None:
            label = f"Breakthrough|{row['sector']}|{row['metric']} {row['comparison']} " \
                    f"{row['target']:g} in {row['year']}"
            out[label] = np.full(YEARS.size, float(row["met"]))
    return out


@dataclass(frozen=True)
class CrossJob:
    """What every batch of a cross-sector sweep shares: the scenario file's text (parsed again
    in each worker) and the series to keep."""

    source: str  # the scenario file, for error messages
    text: str  # its TOML
    variables: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return self.source, self.text

    @property
    def sector(self) -> str:
        return SECTOR

    @property
    def scenario(self) -> AllScenario:
        return self.spec().scenario

    def spec(self) -> CrossUncertain:
        return parse_cross_text(self.text, self.source)


def parse_cross_text(text: str, source: str) -> CrossUncertain:
    """A cross-sector scenario with uncertainty from its TOML text: the scenario written out
    (``[sectors]``, ``[shared]``), or a built-in one named by ``base = "<name>"``."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, "(file)", f"malformed TOML: {exc}") from None
    uncertainty, correlation = raw.pop("uncertainty", {}), raw.pop("correlation", {})
    groups, base = raw.pop("groups", {}), raw.pop("base", None)
    if base is not None:
        if not isinstance(base, str) or raw:
            raise InputError(source, "base", f"base = {base!r} with {sorted(raw)}",
                             allowed=f"a built-in cross-sector scenario "
                                     f"({', '.join(all_scenario_names())}) and no name, "
                                     "description, [sectors] or [shared]")
        return parse_uncertainty(load_all_scenario(base), uncertainty, correlation, source,
                                 groups)
    try:
        scenario = AllScenario.model_validate(raw)
    except ValidationError as exc:
        raise explain_validation_error(Path(source), exc, AllScenario) from None
    return parse_uncertainty(scenario, uncertainty, correlation, source, groups)


_PREPARED: dict[tuple[str, str], Prepared] = {}


def prepared(job: CrossJob) -> Prepared:
    """The job's compiled sectors, built once per process."""
    if job.key not in _PREPARED:
        _PREPARED[job.key] = prepare(job.spec())
    return _PREPARED[job.key]


def run_cross_batch(job: CrossJob, batch: Batch) -> BatchResult:
    """Run every draw of ``batch`` across all sectors; failures are recorded, not raised."""
    ready = prepared(job)

    def one(values: np.ndarray) -> np.ndarray | tuple[str, str]:
        try:
            combined = run_cross(ready, values)
        except InputError as error:
            return "inputs", str(error)
        try:
            series = key_series(combined)
            stacked = np.stack([series[name] for name in job.variables])
        except Exception as error:  # the engines' own checks and bugs alike are recorded
            return "simulate", f"{type(error).__name__}: {error}"
        if not np.isfinite(stacked).all():
            return "results", "non-finite values"
        return stacked

    return run_samples(batch, one, (0, len(job.variables), YEARS.size))


NET_ZERO_RESIDUAL = 0.1
"""Scope 1+2 emissions in 2050 at or below this share of 2020's count as net zero (the rest
left to removals); an assumption of the robustness view, stated in its table."""


ALL_DRAWS = "all draws"


def outcome_flags(runs: pd.DataFrame) -> pd.DataFrame:
    """Per run (index: sample), whether each sector and the total reach net zero in 2050
    (``NET_ZERO_RESIDUAL``; column ``Net zero 2050|<emissions variable>``) and whether each
    Breakthrough is met (its own column)."""
    wide = runs.pivot_table(index="sample", columns=["variable", "year"], values="value")
    first, last = int(YEARS[0]), int(YEARS[-1])
    flags = {}
    for variable in dict.fromkeys(runs["variable"]):
        if variable.startswith("Breakthrough|"):
            flags[variable] = wide[(variable, first)] > 0.5
        else:
            flags[f"Net zero 2050|{variable}"] = (
                wide[(variable, last)] <= NET_ZERO_RESIDUAL * wide[(variable, first)])
    return pd.DataFrame(flags)


def robustness(runs: pd.DataFrame, groups: dict[str, np.ndarray] | None = None
               ) -> pd.DataFrame:
    """Share of the finished draws (0-1) in which each outcome of ``outcome_flags`` holds,
    over all draws and over each named group's draws (``groups``: sample ids): group,
    outcome, share, runs (a group without finished draws has share NaN and runs 0)."""
    flags = outcome_flags(runs)
    chosen = {ALL_DRAWS: flags.index.to_numpy(), **(groups or {})}
    rows = []
    for group, samples in chosen.items():
        subset = flags.loc[flags.index.intersection(pd.Index(samples))]
        for outcome in flags.columns:
            share = float(subset[outcome].mean()) if len(subset) else float("nan")
            rows.append((group, outcome, share, len(subset)))
    return pd.DataFrame(rows, columns=["group", "outcome", "share", "runs"])


def robustness_chart(table: pd.DataFrame, title: str) -> go.Figure:
    """Heat map of ``robustness``: outcomes by group, the share of draws as colour and text."""
    wide = table.pivot(index="outcome", columns="group", values="share")
    wide = wide.reindex(index=list(dict.fromkeys(table["outcome"])),
                        columns=list(dict.fromkeys(table["group"])))
    figure = go.Figure(go.Heatmap(
        z=wide.to_numpy(float), x=list(wide.columns), y=list(wide.index), zmin=0, zmax=1,
        colorscale="RdYlGn", colorbar={"title": "share of draws"},
        text=[[f"{v:.0%}" if np.isfinite(v) else "no draws" for v in row]
              for row in wide.to_numpy(float)], texttemplate="%{text}"))
    figure.update_layout(title=title, template="plotly_white", height=120 + 28 * len(wide),
                         yaxis={"autorange": "reversed"})
    return figure


def robustness_across(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``robustness`` tables of sweeps of several cross-sector scenarios (name -> table) in
    one: scenario, group, outcome, share, runs."""
    return pd.concat([table.assign(scenario=name) for name, table in tables.items()],
                     ignore_index=True)[["scenario", "group", "outcome", "share", "runs"]]


def robustness_across_chart(table: pd.DataFrame, title: str) -> go.Figure:
    """Heat map of ``robustness_across`` over all draws: outcomes by scenario."""
    every = table[table["group"] == ALL_DRAWS]
    return robustness_chart(every.drop(columns="group").rename(columns={"scenario": "group"}),
                            title)


def discovery_table(runs: pd.DataFrame, samples: pd.DataFrame, parameters: list[str],
                    min_runs: int = 20) -> pd.DataFrame:
    """The PRIM box (``discovery.prim_box``) of the draws that miss each outcome of
    ``outcome_flags`` (net zero, a Breakthrough), where some draws miss it and some do not
    and at least ``min_runs`` runs finished: outcome, parameter, min, max (of the box),
    coverage, density, mass. A box restricting no parameter is one row with parameter ""."""
    flags = outcome_flags(runs)
    inputs = samples.set_index("sample").loc[flags.index, parameters]
    rows = []
    for outcome in flags.columns:
        missed = ~flags[outcome].to_numpy(bool)
        if len(flags) < min_runs or missed.all() or not missed.any():
            continue
        box = prim_box(inputs, missed)
        stats = (box.coverage, box.density, box.mass)
        limits = box.limits if len(box.limits) else pd.DataFrame(
            {"min": [np.nan], "max": [np.nan]}, index=[""])
        rows += [(f"missed: {outcome}", name, float(lim["min"]), float(lim["max"]), *stats)
                 for name, lim in limits.iterrows()]
    return pd.DataFrame(rows, columns=["outcome", "parameter", "min", "max", "coverage",
                                       "density", "mass"])


def discovery_chart(table: pd.DataFrame, samples: pd.DataFrame, title: str) -> go.Figure:
    """Each outcome's PRIM box as bars over the drawn range of each restricted parameter
    (0 = lowest draw, 1 = highest), with coverage and density in the panel title."""
    outcomes = list(dict.fromkeys(table["outcome"]))
    titles = [f"{o} (coverage {r['coverage'].iloc[0]:.0%}, density {r['density'].iloc[0]:.0%})"
              for o, r in ((o, table[table["outcome"] == o]) for o in outcomes)]
    figure = make_subplots(rows=max(len(outcomes), 1), cols=1, subplot_titles=titles,
                           vertical_spacing=0.3 / max(len(outcomes), 1))
    for row, outcome in enumerate(outcomes, start=1):
        box = table[(table["outcome"] == outcome) & (table["parameter"] != "")]
        low = np.array([samples[p].min() for p in box["parameter"]], float)
        span = np.array([samples[p].max() for p in box["parameter"]], float) - low
        span = np.where(span > 0, span, 1.0)
        start = (box["min"].to_numpy(float) - low) / span
        figure.add_bar(y=box["parameter"], x=(box["max"].to_numpy(float) - low) / span - start,
                       base=start, orientation="h", showlegend=False,
                       marker_color="rgb(214, 39, 40)", row=row, col=1)
        figure.update_xaxes(range=[0, 1], row=row, col=1)
    figure.update_xaxes(title_text="box within the drawn range (0 = lowest, 1 = highest)")
    figure.update_layout(title=title, template="plotly_white",
                         height=160 + 140 * max(len(outcomes), 1))
    return figure


def scalar_outputs(runs: pd.DataFrame) -> pd.DataFrame:
    """Per run (index: sample): the sectors' total scope 1+2 emissions in 2050 (Mt CO2/yr)
    and summed over 2020-2050 (Gt CO2), the outputs of a cross-sector Sobol analysis."""
    total = runs[runs["variable"] == Names(TOTAL, TOTAL, TOTAL).emissions].pivot(
        index="sample", columns="year", values="value")
    first, last = int(total.columns.min()), int(total.columns.max())
    return pd.DataFrame({
        f"Total scope 1+2 emissions {last} (Mt CO2/yr)": total[last],
        f"Cumulative total scope 1+2 emissions {first}-{last} (Gt CO2)": total.sum(axis=1) / 1e3,
    })

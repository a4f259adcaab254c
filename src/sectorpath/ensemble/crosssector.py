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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from sectorpath.crosssector import YEARS, CombinedResults, share_resources
from sectorpath.crosssector.reference import shared_limit
from sectorpath.crosssector.scenario import AllScenario, load_all_scenario
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
                      source: str) -> CrossUncertain:
    """Check the targets' scopes and the correlations; InputError names the field."""
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
    return CrossUncertain(scenario, specs, scope, matrix, source)


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
    """A cross-sector scenario with uncertainty from its TOML text."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, "(file)", f"malformed TOML: {exc}") from None
    uncertainty, correlation = raw.pop("uncertainty", {}), raw.pop("correlation", {})
    try:
        scenario = AllScenario.model_validate(raw)
    except ValidationError as exc:
        raise explain_validation_error(Path(source), exc, AllScenario) from None
    return parse_uncertainty(scenario, uncertainty, correlation, source)


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


def robustness(runs: pd.DataFrame) -> pd.DataFrame:
    """Share of the finished draws (0-1) in which each sector and the total reach net zero in
    2050 (``NET_ZERO_RESIDUAL``) and each Breakthrough is met: outcome, share, runs."""
    wide = runs.pivot_table(index="sample", columns=["variable", "year"], values="value")
    rows = []
    for variable in dict.fromkeys(runs["variable"]):
        if variable.startswith("Breakthrough|"):
            met = wide[(variable, int(YEARS[0]))] > 0.5
            rows.append((variable, float(met.mean()), int(met.size)))
        else:
            start, end = wide[(variable, int(YEARS[0]))], wide[(variable, int(YEARS[-1]))]
            reached = end <= NET_ZERO_RESIDUAL * start
            rows.append((f"Net zero 2050|{variable}", float(reached.mean()), int(reached.size)))
    return pd.DataFrame(rows, columns=["outcome", "share", "runs"])


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

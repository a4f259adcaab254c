"""PACTA for Banks as r2dii.analysis computes it: market-share targets and the Sectoral
Decarbonization Approach of a loan book, with the corporate-economy benchmark.

Sources: 2DII / RMI, r2dii.analysis (``target_market_share()``, ``target_sda()``),
<https://rmi-pacta.github.io/r2dii.analysis/>, and its methodology articles
"Market Share Approach" and "Indicator Methodology: SDA". This module follows those
definitions (this project's own code):

- loans to one company in one sector are summed; a company's **loan weight** is its exposure
  over the portfolio's exposure to the companies with data in that sector - fixed over years;
- per company, region and scenario, with the company's production P_i(t0) of technology i
  and P(t0) of the sector in the first year t0 (the later of its first data year and the
  scenario's first year), and the scenario's tmsr_i(t) = s_i(t)/s_i(t0) and
  smsp_i(t) = (s_i(t) - s_i(t0))/S(t0):
  decreasing technologies  P*_i(t) = P_i(t0) tmsr_i(t),
  increasing technologies  P*_i(t) = max(P_i(t0) + P(t0) smsp_i(t), 0),
  whether a technology increases is PACTA's fixed table (``reference.direction``);
- **technology share** of a company: P_i / sum_j P_j (0 without production); of a portfolio:
  the loan-weighted mean of its companies' shares, re-normalised to sum to 1;
- **production** of a portfolio: the loan-weighted sum of its companies' production;
- **corporate economy**: all companies' production (ultimate owners only, where flagged) per
  sector, technology, region and year, and its technology shares;
- ``percentage_of_initial_production_by_scope``: (P(t) - P_i(t0)) / P_i(t0) for decreasing
  technologies (scope "technology"), (P(t) - P_i(t0)) / P(t0) for increasing ones ("sector");
- **SDA**: the portfolio's emission factor is the loan-weighted sum of its companies'
  production-weighted emission factors; the scenario's intensity, interpolated yearly, is
  scaled so that its first year equals the corporate economy's emission factor in its first
  year (the *adjusted scenario*); with p(t) = (a(t) - a(T)) / (a(t0) - a(T)) of the adjusted
  scenario a, the target is (EF(t0) - a(T)) p(t) + a(T) - the SDA with m = 1.

Each production row counts in its own region and in ``GLOBAL``. Tables use r2dii's column
names (``metric``: ``projected``, ``target_<scenario>``, ``corporate_economy``,
``adjusted_scenario_<scenario>``), with ``portfolio`` or ``company`` added.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sectorpath.alignment.reference import DECREASING, INCREASING, direction

GLOBAL = "global"
PROJECTED, CORPORATE_ECONOMY = "projected", "corporate_economy"
MARKET_SHARE_COLUMNS = ["sector", "technology", "year", "region", "scenario_source", "metric",
                        "production", "technology_share", "scope",
                        "percentage_of_initial_production_by_scope"]
SDA_COLUMNS = ["sector", "year", "region", "scenario_source", "emission_factor_metric",
               "emission_factor_value"]
_SCENARIO_KEYS = ["scenario_source", "scenario", "sector", "region"]

#: Label columns held as categoricals inside the tables, one dtype per column shared by every
#: frame (``_coded``), so that joins, groupings and sorts of the company-level tables (millions
#: of rows at bank scale) run on small integer codes. The returned tables keep them.
_LABELS = ("portfolio", "company", "sector", "technology", "region", "scenario_source",
           "scenario")


def _coded(frames: list[pd.DataFrame], extra: dict[str, tuple[str, ...]]) -> list[pd.DataFrame]:
    """``frames`` with their ``_LABELS`` columns as categoricals of one dtype per column (the
    labels of every frame and ``extra``, sorted, so that sorting by code sorts by label)."""
    dtypes = {}
    for column in _LABELS:
        labels = set(extra.get(column, ()))
        for frame in frames:
            if column in frame.columns:
                labels.update(frame[column].dropna().unique())
        dtypes[column] = pd.CategoricalDtype(sorted(labels))
    return [frame.astype({c: dtypes[c] for c in frame.columns if c in dtypes})
            for frame in frames]


def _categories(column: pd.Series) -> pd.CategoricalDtype | None:
    return column.dtype if isinstance(column.dtype, pd.CategoricalDtype) else None


def _repeated(label: str, dtype: pd.CategoricalDtype | None, length: int) -> Any:
    """``label`` for ``length`` rows as a column of the categorical ``dtype`` (the plain label
    without one)."""
    if dtype is None:
        return label
    return pd.Categorical.from_codes(np.full(length, dtype.categories.get_loc(label)),
                                     dtype=dtype)


def _metric_dtype(scenario: pd.Series) -> pd.CategoricalDtype | None:
    """The ``metric`` labels of the tables as one categorical dtype (None where ``scenario``
    is not categorical): projected, corporate_economy and, per scenario, target_<scenario>
    and adjusted_scenario_<scenario>."""
    dtype = _categories(scenario)
    if dtype is None:
        return None
    return pd.CategoricalDtype(sorted({PROJECTED, CORPORATE_ECONOMY,
                                       *(f"{prefix}{name}" for name in dtype.categories
                                         for prefix in ("target_", "adjusted_scenario_"))}))


def _metric(prefix: str, scenario: pd.Series) -> pd.Series:
    """``prefix + scenario`` per row, in ``_metric_dtype`` (renames the scenario's categories
    instead of building a string per row)."""
    dtype = _metric_dtype(scenario)
    if dtype is None:
        return prefix + scenario
    renamed = scenario.cat.rename_categories([f"{prefix}{name}"
                                              for name in scenario.cat.categories])
    return renamed.astype(dtype)


def with_global(abcd: pd.DataFrame) -> pd.DataFrame:
    """Each production row in its own region and once more in ``GLOBAL``."""
    own = abcd[abcd["region"] != GLOBAL]
    region = _repeated(GLOBAL, _categories(own["region"]), len(own))
    return pd.concat([abcd, own.assign(region=region)], ignore_index=True)


def loan_exposure(loans: pd.DataFrame) -> pd.DataFrame:
    """portfolio, company, sector, exposure: the loans to one company in one sector summed."""
    return loans.groupby(["portfolio", "company", "sector"], as_index=False, observed=True)[
        ["exposure"]].sum()


def _weights(exposure: pd.DataFrame, covered: pd.DataFrame) -> pd.DataFrame:
    """Loan weights of the companies in ``covered`` (company, sector): exposure over the
    portfolio's exposure to covered companies in the sector, fixed over years."""
    chosen = exposure.merge(covered.drop_duplicates(), on=["company", "sector"])
    total = chosen.groupby(["portfolio", "sector"], observed=True)["exposure"].transform("sum")
    return chosen.assign(weight=chosen["exposure"] / total)


def _first_by_year(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """The value of ``column`` in each group's first year where it is a number (NaN if it is
    in none), broadcast to the group's rows; of two rows in that year, the earlier one."""
    values = frame[column].to_numpy()
    unknown = pd.isna(values)
    ranked = pd.Series(np.where(unknown, np.iinfo(np.int64).max, frame["year"].to_numpy()))
    row = ranked.groupby([frame[k].reset_index(drop=True) for k in keys], sort=False,
                         observed=True).transform("idxmin").to_numpy(dtype=float)
    found = ~np.isnan(row)
    first = np.full(len(frame), np.nan)
    first[found] = values[row[found].astype(np.int64)]
    return pd.Series(first, index=frame.index)


def _strict_total(values: pd.Series, keys: list[pd.Series]) -> pd.Series:
    """Each row's group sum, NaN where any member of the group is NaN (as R's ``sum``)."""
    grouped = values.groupby(keys, sort=False, observed=True)
    return grouped.transform("sum").where(
        grouped.transform("count") == grouped.transform("size"))


def _share(values: pd.Series, keys: list[pd.Series], strict: bool = False) -> pd.Series:
    """values / their group sum, 0 where the group sums to 0 (NaN stays NaN; ``strict``: a
    group with a NaN is NaN throughout, as R's ``sum``)."""
    total = (_strict_total(values, keys) if strict
             else values.groupby(keys, sort=False, observed=True).transform("sum"))
    return (values / total.where(total != 0)).where(total != 0, 0.0).where(values.notna())


def market_share(loans: pd.DataFrame, abcd: pd.DataFrame, scenario: pd.DataFrame,
                 by_company: bool = False, weight_production: bool = True) -> pd.DataFrame:
    """PACTA's market-share targets (r2dii.analysis ``target_market_share``).

    ``loans``: portfolio, company, sector, exposure (one row per loan); ``abcd``: company,
    sector, technology, region, year, production, optional ``is_ultimate_owner``;
    ``scenario``: scenario_source, scenario, sector, technology, region, year, tmsr, smsp.
    Returns ``MARKET_SHARE_COLUMNS`` with ``portfolio`` (or ``company`` if ``by_company``:
    unweighted company rows; the corporate economy as company "corporate_economy").
    """
    level = "company" if by_company else "portfolio"
    return market_shares(loans, abcd, scenario, (level,), weight_production)[0]


def market_shares(loans: pd.DataFrame, abcd: pd.DataFrame, scenario: pd.DataFrame,
                  levels: tuple[str, ...] = ("portfolio", "company"),
                  weight_production: bool = True) -> list[pd.DataFrame]:
    """``market_share`` at each of ``levels`` ("portfolio", "company"), sharing the join
    and the company targets."""
    loans, abcd, scenario = _coded([loans, abcd, scenario], {
        "company": (CORPORATE_ECONOMY,), "region": (GLOBAL,)})
    abcd = with_global(abcd)
    production = abcd.groupby(["company", "sector", "technology", "region", "year"],
                              as_index=False, observed=True)["production"].sum()
    exposure = loan_exposure(loans)
    production = production[production.set_index(["company", "sector"]).index.isin(
        pd.MultiIndex.from_frame(exposure[["company", "sector"]]))]
    data = _join_scenario(_with_green_technologies(production, scenario), scenario)
    if data.empty:
        return [pd.DataFrame(columns=[level, *MARKET_SHARE_COLUMNS]) for level in levels]
    data = _company_shares(_targets(data))
    economy = corporate_economy(abcd, scenario)
    return [_level_table(data, exposure, economy, level, weight_production)
            for level in levels]


def _level_table(data: pd.DataFrame, exposure: pd.DataFrame, economy: pd.DataFrame,
                 level: str, weight_production: bool) -> pd.DataFrame:
    by_company = level == "company"
    if not by_company:
        weights = _weights(exposure, data[["company", "sector"]])
        data = data.merge(weights[["portfolio", "company", "sector", "weight"]],
                          on=["company", "sector"])
    rows = _summarise(data, [level], weight_production and not by_company)
    benchmark = economy[economy["sector"].isin(rows["sector"].unique())
                        & economy["year"].isin(rows["year"].unique())]
    if by_company:
        benchmark = benchmark.assign(company=_repeated(
            CORPORATE_ECONOMY, _categories(rows["company"]), len(benchmark)))
    else:
        benchmark = benchmark.merge(rows[["portfolio"]].drop_duplicates(), how="cross")
    table = pd.concat([rows, benchmark], ignore_index=True)
    table = _percentage_of_initial_production(table, [level])
    return table[[level, *MARKET_SHARE_COLUMNS]].sort_values(
        [level, "sector", "region", "scenario_source", "metric", "technology", "year"],
        ignore_index=True)


def _with_green_technologies(production: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Rows of production 0 for the increasing technologies of the scenario a company does
    not have, in each of its years and regions (r2dii adds them so that the build-out a
    company owes shows)."""
    techs = scenario[["sector", "technology"]].drop_duplicates()
    techs = techs[direction(techs["sector"], techs["technology"]) == INCREASING]
    slots = production[["company", "sector", "region", "year"]].drop_duplicates()
    candidates = slots.merge(techs, on="sector")
    has = pd.MultiIndex.from_frame(production[["company", "sector", "technology"]])
    missing = ~pd.MultiIndex.from_frame(
        candidates[["company", "sector", "technology"]]).isin(has)
    return pd.concat([production, candidates[missing].assign(production=0.0)],
                     ignore_index=True)


def _join_scenario(production: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Company production by scenario year, from the later of the company's first data year
    and the scenario's first year; NaN production in scenario years without data."""
    keys = production[["company", "sector", "technology", "region"]].drop_duplicates()
    data = keys.merge(scenario, on=["sector", "technology", "region"])
    data = data.merge(production, on=["company", "sector", "technology", "region", "year"],
                      how="left")
    first_data = production.groupby(["company", "sector"], observed=True)["year"].min().rename(
        "first_data")
    first_scenario = scenario.groupby("sector", observed=True)["year"].min().rename(
        "first_scenario")
    data = data.join(first_data, on=["company", "sector"]).join(first_scenario, on="sector")
    keep = (data["year"] >= data["first_data"]) & (data["year"] >= data["first_scenario"])
    return data[keep].drop(columns=["first_data", "first_scenario"]).reset_index(drop=True)


def _targets(data: pd.DataFrame) -> pd.DataFrame:
    """production_target per row: tmsr for decreasing, smsp for increasing technologies."""
    group = ["company", *_SCENARIO_KEYS]
    initial_technology = _first_by_year(data, [*group, "technology"], "production")
    sector_total = _strict_total(data["production"], [data[k] for k in (*group, "year")])
    initial_sector = _first_by_year(data.assign(total=sector_total), group, "total")
    tmsr = initial_technology * data["tmsr"]
    smsp = initial_technology + initial_sector * data["smsp"]
    rising = direction(data["sector"], data["technology"]) == INCREASING
    target = smsp.clip(lower=0.0).where(rising, tmsr)
    return data.assign(production_target=target)


def _company_shares(data: pd.DataFrame) -> pd.DataFrame:
    """Each company's technology shares of its sector production, projected and target, by
    year, region and scenario (computed once per company, before any loan weighting)."""
    company = [data[c] for c in ("company", "sector", "year", "scenario", "region",
                                 "scenario_source")]
    return data.assign(technology_share=_share(data["production"], company),
                       technology_share_target=_share(data["production_target"], company))


def _summarise(data: pd.DataFrame, level: list[str], weighted: bool) -> pd.DataFrame:
    """Projected and target production and technology shares of each portfolio (loan
    weighted, or summed if not ``weighted``) or company, by sector, technology, region,
    scenario and year."""
    weight = data["weight"] if weighted else 1.0
    frame = data.assign(production=data["production"] * weight,
                        production_target=data["production_target"] * weight,
                        technology_share=data["technology_share"] * weight,
                        technology_share_target=data["technology_share_target"] * weight)
    keys = [*level, "sector", "technology", "year", "region", "scenario_source", "scenario"]
    sums = _strict_sum(frame, keys, ["production", "production_target", "technology_share",
                                     "technology_share_target"]).reset_index()
    if not weighted:  # r2dii: the shares of the summed production
        sums["technology_share"] = sums["production"]
        sums["technology_share_target"] = sums["production_target"]
    mix = [sums[c] for c in (*level, "sector", "region", "scenario", "scenario_source", "year")]
    for column in ("technology_share", "technology_share_target"):
        sums[column] = _share(sums[column], mix, strict=True)
    base = [*level, "sector", "technology", "year", "region", "scenario_source"]
    projected = sums.drop_duplicates(base)
    projected = projected.assign(metric=_repeated(PROJECTED, _metric_dtype(projected["scenario"]),
                                                  len(projected)))[
        [*base, "metric", "production", "technology_share"]]
    target = sums.assign(metric=_metric("target_", sums["scenario"]))[
        [*base, "metric", "production_target", "technology_share_target"]].rename(
        columns={"production_target": "production",
                 "technology_share_target": "technology_share"})
    rows = pd.concat([projected, target], ignore_index=True)
    return rows[rows["production"].notna()]


def _strict_sum(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Group sums that are NaN where any member is NaN (as R's ``sum``)."""
    grouped = frame.groupby(keys, sort=False, observed=True)
    sums = grouped[columns].sum()
    return sums.where(grouped[columns].count().eq(grouped.size(), axis=0))


def corporate_economy(abcd: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """All companies' production (ultimate owners where flagged; ``abcd`` already with its
    ``GLOBAL`` rows) by sector, technology, region and year, in each scenario source's
    regions, with its technology shares."""
    if "is_ultimate_owner" in abcd.columns:
        abcd = abcd[abcd["is_ultimate_owner"].astype(bool)]
    regions = scenario[["scenario_source", "sector", "region"]].drop_duplicates()
    total = abcd.groupby(["sector", "technology", "region", "year"], as_index=False,
                         observed=True)["production"].sum().merge(regions, on=["sector", "region"])
    total["technology_share"] = _share(
        total["production"], [total[c] for c in ("sector", "region", "scenario_source", "year")])
    return total.assign(metric=_repeated(CORPORATE_ECONOMY, _metric_dtype(scenario["scenario"]),
                                         len(total)))


def _percentage_of_initial_production(table: pd.DataFrame, level: list[str]) -> pd.DataFrame:
    """r2dii's ``percentage_of_initial_production_by_scope`` and ``scope``."""
    group = [*(level if level == ["company"] else []), "sector", "region", "scenario_source",
             "metric"]
    if level == ["portfolio"]:
        group = ["portfolio", *group]
    initial_technology = _first_by_year(table, [*group, "technology"], "production")
    sector_total = table.groupby([*group, "year"], sort=False, observed=True)[
        "production"].transform("sum")
    initial_sector = _first_by_year(table.assign(total=sector_total), group, "total")
    change = table["production"] - initial_technology
    rising = direction(table["sector"], table["technology"]) == INCREASING
    scope = pd.Categorical.from_codes(rising.to_numpy().astype(np.int8),
                                      dtype=pd.CategoricalDtype(["technology", "sector"]))
    with np.errstate(divide="ignore", invalid="ignore"):
        percentage = np.where(rising, change / initial_sector, change / initial_technology)
    return table.assign(scope=scope, percentage_of_initial_production_by_scope=percentage)


def sda(loans: pd.DataFrame, abcd: pd.DataFrame, co2_scenario: pd.DataFrame,
        by_company: bool = False) -> pd.DataFrame:
    """PACTA's SDA targets (r2dii.analysis ``target_sda``).

    ``abcd``: company, sector, technology, region, year, production, emission_factor;
    ``co2_scenario``: scenario_source, scenario, sector, region, year, emission_factor.
    Returns ``SDA_COLUMNS`` with ``portfolio`` (or ``company`` if ``by_company``; the corporate
    economy and adjusted scenario there as company "market").
    """
    regions = co2_scenario[["scenario_source", "sector", "region"]].drop_duplicates()
    rows = with_global(abcd)
    rows = rows[(rows["production"] > 0) & rows["emission_factor"].notna()].merge(
        regions, on=["sector", "region"])
    by_sector = rows.assign(weighted=rows["production"] * rows["emission_factor"]).groupby(
        ["company", "sector", "year", "region", "scenario_source"], as_index=False)[
        ["production", "weighted"]].sum()
    by_sector["emission_factor"] = by_sector["weighted"] / by_sector["production"]
    level = "company" if by_company else "portfolio"
    exposure = loan_exposure(loans)
    if by_company:
        matched = by_sector[by_sector["company"].isin(exposure["company"])]
        projected = matched.rename(columns={"emission_factor": "projected"})
    else:
        weights = _weights(exposure, by_sector[["company", "sector"]])
        matched = by_sector.merge(weights[["portfolio", "company", "sector", "weight"]],
                                  on=["company", "sector"])
        projected = matched.assign(projected=matched["emission_factor"] * matched["weight"])
    keys = [level, "sector", "year", "region", "scenario_source"]
    projected = projected.groupby(keys, as_index=False)[["projected"]].sum()
    if projected.empty:
        return pd.DataFrame(columns=[level, *SDA_COLUMNS])
    relevant = by_sector[by_sector["sector"].isin(projected["sector"])]
    economy = relevant.groupby(["sector", "year", "region", "scenario_source"], as_index=False)[
        ["weighted", "production"]].sum()
    economy["corporate_economy"] = economy["weighted"] / economy["production"]
    adjusted = adjusted_scenario(co2_scenario[co2_scenario["sector"].isin(projected["sector"])],
                                 economy)
    targets = _sda_targets(projected, adjusted, level)
    market = "market" if by_company else None
    parts = [projected.rename(columns={"projected": "emission_factor_value"}).assign(
                 emission_factor_metric=PROJECTED),
             _per_entity(economy.rename(columns={"corporate_economy": "emission_factor_value"})
                         .assign(emission_factor_metric=CORPORATE_ECONOMY), level,
                         projected, market),
             targets,
             _per_entity(adjusted.assign(
                 emission_factor_metric="adjusted_scenario_" + adjusted["scenario"]).rename(
                 columns={"adjusted": "emission_factor_value"}), level, projected, market)]
    table = pd.concat(parts, ignore_index=True)
    table = table[table["sector"].isin(adjusted["sector"])]
    return table[[level, *SDA_COLUMNS]].sort_values(
        [level, "sector", "region", "scenario_source", "emission_factor_metric", "year"],
        ignore_index=True)


def _per_entity(frame: pd.DataFrame, level: str, projected: pd.DataFrame,
                market: str | None) -> pd.DataFrame:
    """Benchmark rows once per portfolio (or once, as company ``market``)."""
    if market is not None:
        return frame.assign(company=market)
    return frame.merge(projected[[level, "sector"]].drop_duplicates(), on="sector")


def adjusted_scenario(co2_scenario: pd.DataFrame, economy: pd.DataFrame) -> pd.DataFrame:
    """The scenario's emission factor interpolated yearly and scaled to the corporate
    economy's in its first year, with p(t) (columns: _SCENARIO_KEYS, year, adjusted, p)."""
    yearly = interpolate_yearly(co2_scenario)
    yearly = yearly[yearly["year"] >= economy["year"].min()]
    first = economy["year"] == economy.groupby(["sector", "scenario_source", "region"])[
        "year"].transform("min")
    baseline = economy.loc[first, ["sector", "scenario_source", "region", "corporate_economy"]]
    yearly = yearly.merge(baseline, on=["sector", "scenario_source", "region"])
    start = _first_by_year(yearly, _SCENARIO_KEYS, "emission_factor")
    yearly["adjusted"] = yearly["emission_factor"] * yearly["corporate_economy"] / start
    last = yearly.sort_values("year").groupby(_SCENARIO_KEYS)["adjusted"].transform("last")
    first_adjusted = _first_by_year(yearly, _SCENARIO_KEYS, "adjusted")
    yearly["p"] = (yearly["adjusted"] - last) / (first_adjusted - last)
    yearly["end"] = last.reindex(yearly.index)
    return yearly[[*_SCENARIO_KEYS, "year", "adjusted", "p", "end"]]


def interpolate_yearly(co2_scenario: pd.DataFrame) -> pd.DataFrame:
    """The emission factor in every year between each scenario's first and last, linear."""
    parts = []
    for keys, group in co2_scenario.groupby(_SCENARIO_KEYS, sort=False):
        years = np.arange(group["year"].min(), group["year"].max() + 1)
        ordered = group.sort_values("year")
        values = np.interp(years, ordered["year"], ordered["emission_factor"])
        parts.append(pd.DataFrame(dict(zip(_SCENARIO_KEYS, keys, strict=True)) | {
            "year": years, "emission_factor": values}))
    return pd.concat(parts, ignore_index=True)


def _sda_targets(projected: pd.DataFrame, adjusted: pd.DataFrame, level: str) -> pd.DataFrame:
    """(EF(t0) - a(T)) p(t) + a(T) for each portfolio or company in every scenario year;
    EF(t0) the entity's projected emission factor in the scenario's first year."""
    entities = projected[[level, "sector"]].drop_duplicates()
    frame = entities.merge(adjusted, on="sector").merge(
        projected, on=[level, "sector", "year", "region", "scenario_source"], how="left")
    start = _first_by_year(frame, [level, *_SCENARIO_KEYS], "projected")
    target = (start - frame["end"]) * frame["p"] + frame["end"]
    return frame.assign(emission_factor_value=target,
                        emission_factor_metric="target_" + frame["scenario"])


__all__ = ["CORPORATE_ECONOMY", "DECREASING", "GLOBAL", "INCREASING", "PROJECTED",
           "adjusted_scenario", "corporate_economy", "market_share", "sda"]

"""Build the default ammonia data of sectorpath from MPP's published figures.

Run from the repository root::

    python -m tools.build_data ammonia [--source DIR] [--out DIR]

``--source`` is the folder of published data (default ``../shared/data`` beside the
repository); MPP's ammonia files are read from its ``mpp/ammonia/``. Only figures are taken
from the source files; every table is rebuilt here in the project's own schema (see
``SOURCES.md`` in the output folder).

The engine models one product per sector, so MPP's three products (ammonia, urea, ammonium
nitrate) are folded into **ammonia-equivalent tonnes (t NH3-eq)**: every per-tonne figure of
a product is divided by its NH3 content and blended with the product's share of the
region's 2020 NH3-eq output (MPP's initial stack).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from tools.build_data.core import TEN_DIGITS, WORLD, YEARS, parse_args, write_table

YEAR_COLS = [str(y) for y in YEARS]
CASES = ("bau", "fa", "lc")
SOURCE_SCENARIO = {"bau": "BAU", "fa": "NZ+Circular", "lc": "NZ"}
EXCLUDED_TECHNOLOGIES = {"Waste Water to ammonium nitrate"}  # no characteristics published
#: MPP's four low-cost-power export locations; not model regions here (see SOURCES.md).
LOW_COST_POWER_LOCATIONS = {"Australia", "Brazil", "Namibia", "Saudi Arabia"}

PRODUCT = {"Ammonia": "ammonia", "Ammonium nitrate": "ammonium_nitrate", "Urea": "urea"}
# Stoichiometric t NH3 per t product: urea CO(NH2)2 holds 2 N (2 x 17.031 / 60.055);
# ammonium nitrate NH4NO3 holds 2 N, one as NH4+ and one as NO3- made from NH3 via nitric
# acid, so a tonne of AN needs 2 x 17.031 / 80.043 t NH3 (0.4255; the NH4+ half alone would be
# 0.2128). MPP's own ratios (config_ammonia.py) are 0.565724 and 0.425534.
NH3_PER_T = {"ammonia": 1.0, "urea": 34.0610 / 60.0553, "ammonium_nitrate": 34.0610 / 80.0434}
H2_PER_NH3 = 0.176471  # t H2 per t NH3 (MPP config_ammonia.py H2_PER_AMMONIA)
H2_LHV_GJ_PER_T = 120.0
GJ_PER_KWH = 0.0036
PJ_PER_GW_YEAR = 8760 * 3.6e-3  # 1 GW running a full year = 31.536 PJ
EF_GAS, EF_COAL = 0.0561, 0.0946  # t CO2/GJ, MPP emission_factors_co2.csv (IPCC 2006)
N2O_T_PER_T_AN = 0.004723  # nitric-acid step, MPP emission_factors_n2o.csv (scope 1)

#: Share of gross scope-1 CO2 captured (public figures; see SOURCES.md for each source).
CAPTURE_RATE = {
    "Natural Gas SMR + CCS (process emissions only) + ammonia synthesis": 0.60,
    "Natural Gas SMR + CCS + ammonia synthesis": 0.90,
    "Coal Gasification+ CCS + ammonia synthesis": 0.90,
    "Natural Gas ATR + CCS + ammonia synthesis": 0.95,
    "Oversized ATR + CCS": 0.95,
    "GHR + CCS + ammonia synthesis": 0.95,
    "ESMR Gas + CCS + ammonia synthesis": 0.95,
}
PYROLYSIS = "Methane Pyrolysis + ammonia synthesis"
#: MPP caps these at 2% of global demand until 2040 (MAXIMUM_GLOBAL_DEMAND_SHARE).
CAPPED_ROUTES = (
    "Biomass Digestion + ammonia synthesis",
    "Biomass Gasification + ammonia synthesis",
    PYROLYSIS,
)
CAPPED_SHARE_UNTIL_2040 = 0.02
#: Routes that buy CO2 for urea (MPP: external CO2 input where no fossil process CO2 exists).
EXTERNAL_CO2_PREFIXES = ("Electrolyser - ", "Waste to ammonia")
TYPICAL_PLANT_MT = 2000 * 365 / 1e6  # MPP's standard ammonia plant, Mt NH3/yr

COMMODITY = {
    "Coal": "thermal_coal",
    "Natural gas": "natural_gas",
    "Electricity - grid": "electricity",
    "Electricity - PPA": "electricity_ppa",
    "Electricity - on site VREs": "electricity_onsite_vre",
    "Steam": "steam",
    "H2 storage - geological": "hydrogen_storage_geological",
    "H2 storage - pipeline": "hydrogen_storage_pipeline",
    "Dry biomass": "biomass",
    "Wet biomass": "wet_biomass",
    "Municipal solid waste RdF": "municipal_solid_waste",
}
#: MPP parameters not carried as commodities: nitric acid and waste water are made on site
#: from ammonia (already in the NH3-eq count); urea CO2 is handled as co2_feedstock below.
DROPPED_PARAMETERS = {"Nitric acid", "Waste water", "CO2"}
UNIT = {
    "natural_gas": "GJ/t", "natural_gas_pyrolysis": "GJ/t", "thermal_coal": "GJ/t",
    "electricity": "GJ/t", "electricity_ppa": "GJ/t", "electricity_onsite_vre": "GJ/t",
    "steam": "GJ/t", "hydrogen_storage_geological": "GJ/t", "hydrogen_storage_pipeline": "GJ/t",
    "biomass": "GJ/t", "wet_biomass": "GJ/t", "municipal_solid_waste": "GJ/t",
    "captured_co2": "tCO2/t", "co2_feedstock": "tCO2/t", "electrolytic_hydrogen": "GJ/t",
    "electrolyser_nameplate": "GJ/t", "n2o_nitric_acid": "t/t", "capped_route_output": "t/t",
}


def read(path: Path) -> pd.DataFrame:
    """Read a CSV, dropping a BOM and surrounding blanks in column names and text cells."""
    df = pd.read_csv(path, encoding="utf-8-sig")
    df.columns = [c.strip() for c in df.columns]
    for column in df.select_dtypes(include=["object", "string"]).columns:
        df[column] = df[column].str.strip()
    return df


def same_everywhere(src: Path, name: str) -> pd.DataFrame:
    """Read a file that MPP published identically for all three pathways."""
    base = read(src / "lc" / name)
    for case in ("bau", "fa"):
        if not read(src / case / name).equals(base):
            raise ValueError(f"{name} differs between pathways")
    return base


def route_of(tech: str) -> str:
    """Technology family used as `route`."""
    for key, route in (("Electrolyser", "electrolysis"), ("Biomass", "biomass"),
                       ("Waste", "waste"), ("Methane Pyrolysis", "methane_pyrolysis"),
                       ("Coal", "coal_gasification")):
        if key in tech:
            return route
    return "natural_gas_reforming"


# -- the initial stack and the product blend --------------------------------------------------
def initial_stack(src: Path) -> pd.DataFrame:
    """MPP's regional stack with NH3-eq capacity and production per product row."""
    raw = same_everywhere(src, "initial_asset_stack.csv")
    product = raw["product"].map(PRODUCT)
    ratio = product.map(NH3_PER_T)
    return pd.DataFrame({
        "region": raw["region"], "technology": raw["technology"], "product": product,
        "capacity": raw["annual_production_capacity"] * ratio,
        "production": raw["annual_production_volume"] * ratio,
        "production_product": raw["annual_production_volume"],
        "average_age": raw["average_age"],
    })


def product_weights(stack: pd.DataFrame) -> pd.DataFrame:
    """Share of each product in each region's 2020 NH3-eq output (region x product)."""
    table = stack.pivot_table(index="region", columns="product", values="production",
                              aggfunc="sum").fillna(0.0)
    return table.div(table.sum(axis=1), axis=0)


def blend(per_product: pd.DataFrame, weights: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per-t-product values -> per-t-NH3-eq values blended with the regional product shares.

    ``per_product`` has columns product, region, value and ``keys``; a product missing for a
    key counts as zero (e.g. urea CO2 for ammonia).
    """
    frame = per_product.merge(weights.stack().rename("weight").reset_index(),
                              on=["region", "product"])
    frame["value"] = frame["value"] * frame["weight"] / frame["product"].map(NH3_PER_T)
    return frame.groupby(keys, as_index=False)["value"].sum()


def build_assets(stack: pd.DataFrame) -> pd.DataFrame:
    """Standard 0.73 Mt NH3-eq/yr plants per region and technology, ages spread evenly.

    MPP's stack gives one aggregate per product, region and technology with an average age;
    we sum the products (NH3-eq), split the total into standard plants (MPP's own plant size)
    and spread their start years uniformly so that the mean age is MPP's average age.
    """
    stack = stack.assign(age_x_cap=stack["average_age"] * stack["capacity"])
    groups = stack.groupby(["region", "technology"], as_index=False)[
        ["capacity", "production", "age_x_cap"]].sum()
    rows = []
    for g in groups.itertuples():
        n = max(int(np.ceil(g.capacity / TYPICAL_PLANT_MT - 1e-9)), 1)
        age = g.age_x_cap / g.capacity
        code = f"{g.region.upper().replace(' ', '_')}-{'COAL' if 'Coal' in g.technology else 'SMR'}"
        for k in range(n):
            rows.append({
                "asset_id": f"NH3-{code}-{k + 1:03d}",
                "region": g.region,
                "technology": g.technology,
                "capacity": round(g.capacity / n, 8),
                "start_year": round(2020 - (k + 0.5) / n * 2 * age),
                "utilisation": round(g.production / g.capacity, 8),
                "average_age": round(age, 3),
            })
    return pd.DataFrame(rows)


def build_technologies(src: Path) -> pd.DataFrame:
    """Technology list from MPP's technology characteristics."""
    raw = same_everywhere(src, "technology_characteristics.csv")
    raw = raw[~raw["technology"].isin(EXCLUDED_TECHNOLOGIES)]
    cols = ["expected_maturity", "wacc", "technology_lifetime", "trl_current",
            "technology_classification"]
    if (raw.groupby("technology")[cols].nunique() > 1).any().any():
        raise ValueError("technology characteristics vary by region, product or year")
    first = raw.groupby("technology")[cols].first().reset_index()
    return pd.DataFrame({
        "technology": first["technology"],
        "route": first["technology"].map(route_of),
        "phase": first["technology_classification"],
        "available_from": first["expected_maturity"].astype(int),
        "available_until": 2050,
        "lifetime_years": first["technology_lifetime"].astype(int),
        "wacc": first["wacc"].astype(float),
        "trl_current": first["trl_current"].astype(int),
        "capture_rate": first["technology"].map(CAPTURE_RATE).fillna(0.0),
    })


# -- intensities -------------------------------------------------------------------------------
def wide_inputs(src: Path) -> pd.DataFrame:
    """MPP's inputs_outputs_wide.csv, long, model regions and modelled technologies only."""
    wide = read(src / "lc" / "inputs_outputs_wide.csv")
    wide = wide[~wide["technology"].isin(EXCLUDED_TECHNOLOGIES)
                & ~wide["region"].isin(LOW_COST_POWER_LOCATIONS)]
    ids = [c for c in wide.columns if c not in YEAR_COLS]
    long = wide.melt(id_vars=ids, value_vars=YEAR_COLS, var_name="year", value_name="value")
    long["year"] = long["year"].astype(int)
    long["product"] = long["product"].map(PRODUCT)
    return long.dropna(subset=["value"])


def physical_flows(long: pd.DataFrame) -> pd.DataFrame:
    """Energy, material and H2-storage flows per t product (energy + feedstock summed)."""
    flows = long[(long["parameter_group"] != "Cost")
                 & ~long["parameter"].isin(DROPPED_PARAMETERS)].copy()
    flows["commodity"] = flows["parameter"].map(COMMODITY)
    pyrolysis = (flows["technology"] == PYROLYSIS) & (flows["commodity"] == "natural_gas")
    flows.loc[pyrolysis, "commodity"] = "natural_gas_pyrolysis"
    keys = ["product", "technology", "region", "year", "commodity"]
    return flows.groupby(keys, as_index=False)["value"].sum()


def captured_co2(flows: pd.DataFrame) -> pd.DataFrame:
    """CO2 captured per t product: capture rate x gross scope-1 CO2 of gas and coal."""
    fuel = flows[flows["technology"].isin(CAPTURE_RATE)
                 & flows["commodity"].isin(["natural_gas", "thermal_coal"])]
    factor = fuel["commodity"].map({"natural_gas": EF_GAS, "thermal_coal": EF_COAL})
    gross = (fuel.assign(value=fuel["value"] * factor)
             .groupby(["product", "technology", "region", "year"], as_index=False)["value"].sum())
    gross["value"] *= gross["technology"].map(CAPTURE_RATE)
    return gross.assign(commodity="captured_co2")


def co2_feedstock(long: pd.DataFrame) -> pd.DataFrame:
    """CO2 bought for urea by routes without fossil process CO2 (MPP: external CO2 input)."""
    co2 = long[(long["parameter"] == "CO2")
               & long["technology"].str.startswith(EXTERNAL_CO2_PREFIXES)]
    return co2[["product", "technology", "region", "year", "value"]].assign(
        commodity="co2_feedstock")


def electrolysis_flows(src: Path, techs: list[str], regions: list[str]) -> pd.DataFrame:
    """Per t NH3: electrolytic H2 made on site (GJ LHV) and electrolyser nameplate (GJ_el/yr).

    Nameplate = electricity the electrolyser would use at full load for the year's output:
    H2 share x 0.176 t H2/t NH3 x efficiency (kWh/t H2) / capacity factor.
    """
    def ammonia_rows(name: str, column: str, case: str = "lc") -> pd.DataFrame:
        frame = read(src / case / name)
        frame = frame[frame["product"] == "Ammonia"].rename(
            columns={"technology_destination": "technology", column: "value"})
        return frame

    share = ammonia_rows("electrolyser_proportions.csv", "electrolyser_hydrogen_proportion")
    factor = ammonia_rows("electrolyser_cfs.csv", "electrolyser_capacity_factor")
    efficiency = ammonia_rows("electrolyser_efficiencies.csv", "electrolyser_efficiency")
    frame = share[["technology", "region", "year", "value"]].merge(
        factor[["technology", "region", "year", "value"]], on=["technology", "region", "year"],
        suffixes=("_share", "_cf")).merge(
        efficiency[["region", "year", "value"]].rename(columns={"value": "value_eff"}),
        on=["region", "year"])
    frame = frame[frame["technology"].isin(techs) & frame["region"].isin(regions)]
    h2 = frame["value_share"] * H2_PER_NH3
    keys = frame[["technology", "region", "year"]]
    return pd.concat([
        keys.assign(commodity="electrolytic_hydrogen", value=h2 * H2_LHV_GJ_PER_T),
        keys.assign(commodity="electrolyser_nameplate",
                    value=h2 * frame["value_eff"] * GJ_PER_KWH / frame["value_cf"]),
    ], ignore_index=True)


def accounting_flows(techs: list[str], weights: pd.DataFrame) -> pd.DataFrame:
    """Nitric-acid N2O (t N2O/t NH3-eq, from the AN share) and the capped-route counter."""
    rows = []
    for region, share_an in weights.get("ammonium_nitrate", pd.Series(dtype=float)).items():
        n2o = share_an * N2O_T_PER_T_AN / NH3_PER_T["ammonium_nitrate"]
        rows += [(t, region, "n2o_nitric_acid", n2o) for t in techs]
    rows += [(t, "World", "capped_route_output", 1.0) for t in CAPPED_ROUTES]
    frame = pd.DataFrame(rows, columns=["technology", "region", "commodity", "value"])
    return frame.merge(pd.DataFrame({"year": YEARS}), how="cross")


def build_intensities(src: Path, weights: pd.DataFrame, techs: list[str]) -> pd.DataFrame:
    """Inputs and accounting flows per t NH3-eq by technology, region and year."""
    long = wide_inputs(src)
    flows = physical_flows(long)
    per_product = pd.concat([flows, captured_co2(flows), co2_feedstock(long)], ignore_index=True)
    keys = ["technology", "region", "year", "commodity"]
    blended = blend(per_product, weights, keys)
    extra = pd.concat([electrolysis_flows(src, techs, list(weights.index)),
                       accounting_flows(techs, weights)], ignore_index=True)
    out = pd.concat([blended, extra[[*keys, "value"]]], ignore_index=True)
    out = out[out["value"].abs() > 1e-12]
    out["unit"] = out["commodity"].map(UNIT)
    out["value"] = out["value"].round(8)
    return (out[["technology", "region", "year", "commodity", "value", "unit"]]
            .sort_values(["technology", "commodity", "region", "year"]).reset_index(drop=True))


# -- costs -----------------------------------------------------------------------------------------
def build_costs(src: Path, weights: pd.DataFrame) -> pd.DataFrame:
    """CAPEX and OPEX per t NH3-eq capacity / output, blended over products.

    MPP's Variable OPEX is the cost of every energy and material input, H2 storage, CO2
    transport and storage and bought (DAC) CO2 at MPP's regional prices (ammonia
    preprocess/calculate_cost.py), so it is kept whole and prices.csv carries no prices.
    """
    long = wide_inputs(src)
    cost = long[long["parameter_group"] == "Cost"]
    names = {"Greenfield CAPEX": "greenfield_capex", "Fixed OPEX": "fixed_opex",
             "Variable OPEX": "variable_opex"}
    frames = []
    for parameter, column in names.items():
        part = cost[cost["parameter"] == parameter][["product", "technology", "region", "year",
                                                     "value"]]
        blended = blend(part, weights, ["technology", "region", "year"])
        frames.append(blended.set_index(["technology", "region", "year"])["value"].rename(column))
    out = pd.concat(frames, axis=1).reset_index()
    if out.isna().any().any():
        raise ValueError("a technology lacks a cost in a model region")
    out["renewal_capex"] = out["greenfield_capex"]
    cols = ["technology", "region", "year", "greenfield_capex", "renewal_capex", "fixed_opex",
            "variable_opex"]
    return out[cols].round(6).sort_values(cols[:3]).reset_index(drop=True)


def build_prices() -> pd.DataFrame:
    """Zero prices, case ``in_variable_opex``, for every commodity whose cost MPP's Variable
    OPEX already holds (costs.csv): listed so that the table says where each cost is."""
    priced = {c: u for c, u in UNIT.items() if u == "GJ/t"}
    priced = {c: "USD/GJ" for c in priced} | {"captured_co2": "USD/tCO2",
                                               "co2_feedstock": "USD/tCO2"}
    rows = [(c, "World", year, "in_variable_opex", 0.0, unit)
            for c, unit in priced.items() if c not in ("electrolytic_hydrogen",
                                                       "electrolyser_nameplate")
            for year in (YEARS[0], YEARS[-1])]
    return pd.DataFrame(rows, columns=["commodity", "region", "year", "case", "value", "unit"])


# -- emission factors, demand, limits -----------------------------------------------------------
def build_emission_factors(src: Path, regions: list[str]) -> pd.DataFrame:
    """CO2 factors: fuels (scope 1), grid electricity (scope 2), natural-gas upstream (scope 3).

    Pyrolysis gas keeps its upstream CO2 but has no scope-1 CO2 (carbon leaves as solid
    carbon); biomass, wet biomass and waste are counted as 0 in scope 1 (MPP sets the scope 1
    of bio- and waste-based routes to zero).
    """
    raw = same_everywhere(src, "emission_factors_co2.csv")
    raw = raw[(raw["product"] == "Ammonia") & raw["region"].isin(regions)]
    raw = raw.drop_duplicates(["year", "region", "name", "scope"])
    pick = {("Natural gas", "1"): ["natural_gas"],
            ("Coal", "1"): ["thermal_coal"],
            ("Electricity - grid", "2"): ["electricity"],
            ("Natural gas", "3_upstream"): ["natural_gas", "natural_gas_pyrolysis"]}
    frames = []
    for (name, scope), commodities in pick.items():
        rows = raw[(raw["name"] == name) & (raw["scope"].astype(str) == scope)]
        for commodity in commodities:
            frames.append(pd.DataFrame({
                "commodity": commodity, "scope": int(scope[0]), "region": rows["region"],
                "year": rows["year"].astype(int), "case": "default",
                "value": rows["emission_factor_co2"].round(10), "unit": "tCO2/GJ"}))
    zeros = [(c, 1) for c in ("natural_gas_pyrolysis", "biomass", "wet_biomass",
                              "municipal_solid_waste")]
    for commodity, scope in zeros:
        frames.append(pd.DataFrame({"commodity": commodity, "scope": scope, "region": "World",
                                    "year": YEARS, "case": "default", "value": 0.0,
                                    "unit": "tCO2/GJ"}))
    return (pd.concat(frames, ignore_index=True)
            .sort_values(["commodity", "scope", "region", "year"]).reset_index(drop=True))


def demand_by_product(src: Path) -> pd.DataFrame:
    """MPP's regional demand per product and pathway, Mt product (Global rows dropped)."""
    frames = []
    for case in CASES:
        raw = read(src / case / "demand.csv")
        regional = raw[raw["region"] != "Global"]
        total = raw[raw["region"] == "Global"].set_index(["product", "year"])["value"].sort_index()
        summed = regional.groupby(["product", "year"])["value"].sum().sort_index()
        if not np.allclose(total, summed, rtol=2e-3, atol=0.2):
            raise ValueError(f"{case}: Global demand is not the sum of regions")
        frames.append(pd.DataFrame({
            "region": regional["region"], "year": regional["year"].astype(int),
            "scenario": case, "product": regional["product"].map(PRODUCT),
            "value": regional["value"].astype(float), "unit": "Mt",
            "source_scenario": SOURCE_SCENARIO[case]}))
    return pd.concat(frames, ignore_index=True)


def build_demand(by_product: pd.DataFrame) -> pd.DataFrame:
    """Demand in Mt NH3-eq per region, year and MPP pathway (product ``ammonia``)."""
    frame = by_product.assign(value=by_product["value"] * by_product["product"].map(NH3_PER_T))
    out = frame.groupby(["region", "year", "scenario", "source_scenario"], as_index=False)[
        "value"].sum()
    out = out.assign(product="ammonia", unit="Mt", value=out["value"].round(8))
    return out[["region", "year", "scenario", "product", "value", "unit", "source_scenario"]]


def cumulative(frame: pd.DataFrame) -> pd.Series:
    """MPP's yearly additions -> the level they allow by each year (sum up to that year)."""
    series = frame.set_index(frame["year"].astype(int))["value"].astype(float).sort_index()
    return series.reindex(YEARS).fillna(0.0).cumsum()


def build_limits(src: Path, demand: pd.DataFrame) -> pd.DataFrame:
    """Resource caps, each a level per year (see SOURCES.md for the reading of MPP's files)."""
    storage = cumulative(same_everywhere(src, "co2_storage_constraint.csv"))
    electro = cumulative(same_everywhere(src, "electrolysis_capacity_addition_constraint.csv"))
    world = demand.groupby(["scenario", "year"])["value"].sum()
    rows = []
    for year in YEARS:
        rows += [
            ("co2_storage", "World", year, "midpoint", storage[year], "Mt CO2/yr"),
            ("electrolyser_capacity", "World", year, "etc_aggressive_3pct",
             electro[year] * PJ_PER_GW_YEAR, "PJ/yr"),
            ("natural_gas_china", "China", year, "mpp_ban", 0.0, "PJ/yr"),
            ("geological_h2_storage_india", "India", year, "mpp_no_salt_caverns", 0.0, "PJ/yr"),
        ]
        share = CAPPED_SHARE_UNTIL_2040 if year <= 2040 else 1.0
        rows += [("capped_routes", "World", year, case, share * world[(case, year)], "Mt/yr")
                 for case in CASES]
    out = pd.DataFrame(rows, columns=["resource", "region", "year", "case", "value", "unit"])
    out["value"] = out["value"].round(6)
    return out


# -- 2020 reference -------------------------------------------------------------------------------
def reference_2020(stack: pd.DataFrame, intensities: pd.DataFrame,
                   factors: pd.DataFrame) -> pd.DataFrame:
    """2020 production (Mt NH3-eq) and scope 1/2 CO2 by region from the blended tables."""
    inten = intensities[intensities["year"] == 2020]
    ef = factors[(factors["year"] == 2020) & (factors["scope"] <= 2)]
    regions = sorted(stack["region"].unique())
    ef = _expand_world(ef, regions)
    inten = _expand_world(inten, regions)
    merged = inten.merge(ef[["commodity", "region", "scope", "value"]],
                         on=["commodity", "region"], suffixes=("", "_ef"))
    merged["co2"] = merged["value"] * merged["value_ef"]
    per_t = merged.pivot_table(index=["region", "technology"], columns="scope", values="co2",
                               aggfunc="sum").fillna(0.0)
    captured = inten[inten["commodity"] == "captured_co2"].set_index(
        ["region", "technology"])["value"]
    per_t[1] = per_t[1].sub(captured, fill_value=0.0)
    production = stack.groupby(["region", "technology"])["production"].sum()
    per_t = per_t.reindex(production.index).fillna(0.0)
    out = pd.DataFrame({"production_mt_nh3": production,
                        "scope1_mtco2": production * per_t[1],
                        "scope2_mtco2": production * per_t[2]})
    return out.groupby("region").sum()


def _expand_world(frame: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    world = frame[frame["region"] == WORLD].drop(columns="region")
    expanded = world.merge(pd.DataFrame({"region": regions}), how="cross")
    return pd.concat([frame[frame["region"] != WORLD], expanded], ignore_index=True)


def write(df: pd.DataFrame, out: Path, name: str) -> None:
    """Write ``out/name`` (checked against its schema) with plain decimals; shared by the
    chemicals builders (``methanol.py`` imports it)."""
    write_table(df, out, name.removesuffix(".csv"), float_format=TEN_DIGITS)


def main(argv: Sequence[str] | None = None) -> None:
    """Build every ammonia table and print the 2020 reference figures."""
    args = parse_args(argv, __doc__.splitlines()[0], "ammonia", reads_source=True)
    src, out = args.published("mpp", "ammonia"), args.out
    for stale in ("renewables_capex.csv", "renewables_shares_cfs.csv",
                  "electrolyser_capacity_factors.csv", "electrolyser_h2_share.csv",
                  "electrolyser_efficiency.csv"):
        (out / stale).unlink(missing_ok=True)

    stack = initial_stack(src)
    weights = product_weights(stack)
    technologies = build_technologies(src)
    techs = list(technologies["technology"])
    intensities = build_intensities(src, weights, techs)
    factors = build_emission_factors(src, list(weights.index))
    by_product = demand_by_product(src)
    demand = build_demand(by_product)
    write(build_assets(stack), out, "assets.csv")
    write(technologies, out, "technologies.csv")
    write(intensities, out, "intensities.csv")
    write(build_costs(src, weights), out, "costs.csv")
    write(build_prices(), out, "prices.csv")
    write(factors, out, "emission_factors.csv")
    write(demand, out, "demand.csv")
    write(by_product.sort_values(["scenario", "product", "region", "year"]), out,
          "demand_by_product.csv")
    write(build_limits(src, demand), out, "limits.csv")
    write(weights.round(8).reset_index(), out, "product_shares_2020.csv")
    ref = reference_2020(stack, intensities, factors)
    write(ref["production_mt_nh3"].rename("value").reset_index().assign(unit="Mt"), out,
          "production_2020.csv")
    ref.loc["Total"] = ref.sum()
    print(ref.round(2).to_string())


if __name__ == "__main__":
    main()

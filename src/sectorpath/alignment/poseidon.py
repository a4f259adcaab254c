"""The Poseidon Principles as written: vessels, their Annual Efficiency Ratio, trajectories by
ship type and size (minimum and striving), the climate alignment delta and the portfolio
score.

Sources: Poseidon Principles, *A global framework for responsible ship finance*, version 5.0
(October 2023) and its Technical Guidance, <https://www.poseidonprinciples.org/finance/>;
IMO MEPC.336(76) (AER: CO2 per deadweight tonne-nautical mile), MEPC.364(79) (fuel carbon
factors C_F), MEPC.353(78) (reference lines a x capacity^-c by ship type and size, 2019);
FuelEU Maritime, Regulation (EU) 2023/1805, Annex II (default lower calorific values,
well-to-tank factors, CH4 and N2O factors, LNG slip; GWP100 25 and 298).

Per vessel v and year:

    AER_v   = sum_f fuel_f x C_F,f / (dwt_v x distance_v)               g CO2 / dwt-nm
    AER_wtw = sum_f fuel_f x (LCV_f WtT_f + TtW_f) / (dwt_v x distance_v) g CO2e / dwt-nm
    T_v(t)  = a x min(dwt, cap)^-c x F_ambition(t)                    (type, size, year)
    delta_v = (AER_v - T_v) / T_v                         (> 0: above the trajectory)

and a portfolio's climate alignment is sum_v w_v delta_v with w_v the vessel's share of the
portfolio's outstanding debt. A vessel given an AER directly (no fuel data) uses it for both
scopes. F_ambition is a year factor on the 2019 reference line: the Secretariat publishes the
trajectories to signatories; ``TRAJECTORY_FACTORS`` ships an approximation (this project's:
the IMO 2023 Strategy checkpoints - minimum 20 % by 2030, 70 % by 2040; striving 30 % and
80 %; net zero by 2050 - applied to the 2019 reference line and interpolated linearly), and
any factor table of the same layout can be given instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from sectorpath.errors import InputError
from sectorpath.tables import validate_frame

#: fuel -> (C_F t CO2 / t fuel, LCV MJ/g, well-to-tank g CO2e/MJ, CH4 g/g, N2O g/g, slip %)
FUELS: dict[str, tuple[float, float, float, float, float, float]] = {
    "HFO": (3.114, 0.0405, 13.5, 0.00005, 0.00018, 0.0),
    "LFO": (3.151, 0.0410, 13.2, 0.00005, 0.00018, 0.0),
    "MGO": (3.206, 0.0427, 14.4, 0.00005, 0.00018, 0.0),
    "LNG": (2.750, 0.0491, 18.5, 0.0, 0.00011, 3.1),   # Otto medium speed slip
    "methanol": (1.375, 0.0199, 31.3, 0.0, 0.0, 0.0),  # from natural gas
}
GWP_CH4, GWP_N2O = 25.0, 298.0

#: ship type -> rows of (dwt from, dwt below, a, c, capacity cap in dwt) (MEPC.353(78)).
REFERENCE_LINES: dict[str, tuple[tuple[float, float, float, float, float], ...]] = {
    "bulk_carrier": ((0, np.inf, 4745.0, 0.622, 279_000),),
    "tanker": ((0, np.inf, 5247.0, 0.610, np.inf),),
    "container": ((0, np.inf, 1984.0, 0.489, np.inf),),
    "general_cargo": ((0, 20_000, 588.0, 0.3885, np.inf),
                      (20_000, np.inf, 31948.0, 0.792, np.inf)),
    "refrigerated_cargo": ((0, np.inf, 4600.0, 0.557, np.inf),),
    "combination_carrier": ((0, np.inf, 5119.0, 0.622, np.inf),),
    "gas_carrier": ((0, 65_000, 8104.0, 0.639, np.inf),
                    (65_000, np.inf, 14405e7, 2.071, np.inf)),
}

AMBITIONS = ("minimum", "striving")
#: year factor on the 2019 reference line by ambition (see the module docstring).
TRAJECTORY_FACTORS = pd.DataFrame({
    "year": [2019, 2030, 2040, 2050] * 2,
    "ambition": ["minimum"] * 4 + ["striving"] * 4,
    "factor": [1.0, 0.8, 0.3, 0.0, 1.0, 0.7, 0.2, 0.0]})

_year = pa.Column(int, pa.Check.in_range(2008, 2100), coerce=True)
VESSELS = pa.DataFrameSchema({
    "imo_number": pa.Column(str, pa.Check.str_matches(r"^\d{7}$"), coerce=True),
    "ship_type": pa.Column(str, pa.Check.isin(list(REFERENCE_LINES)), coerce=True),
    "dwt": pa.Column(float, [pa.Check.gt(0), pa.Check.le(600_000)], coerce=True),
    "year": _year,
    "distance_nm": pa.Column(float, [pa.Check.gt(0), pa.Check.le(500_000)], coerce=True,
                             nullable=True, required=False),
    "aer": pa.Column(float, [pa.Check.gt(0), pa.Check.le(1e3)], coerce=True, nullable=True,
                     required=False),  # g CO2 / dwt-nm, as reported
    "outstanding": pa.Column(float, [pa.Check.ge(0), pa.Check.le(1e13)], coerce=True),
    "portfolio": pa.Column(str, coerce=True, required=False),
})
FUEL_USE = pa.DataFrameSchema({
    "imo_number": pa.Column(str, pa.Check.str_matches(r"^\d{7}$"), coerce=True),
    "year": _year,
    "fuel": pa.Column(str, pa.Check.isin(list(FUELS)), coerce=True),
    "tonnes": pa.Column(float, [pa.Check.ge(0), pa.Check.le(1e6)], coerce=True),
})


def check_imo_numbers(numbers: pd.Series, source: str) -> None:
    """IMO numbers carry a check digit: the sum of the first six digits times 7, 6, ..., 2
    ends in the seventh digit."""
    digits = np.array([[int(c) for c in n] for n in numbers]).reshape(-1, 7)
    ok = (digits[:, :6] @ np.arange(7, 1, -1)) % 10 == digits[:, 6]
    if not ok.all():
        bad = numbers.iloc[int(np.argmin(ok))]
        raise InputError(source, "imo_number", f"{bad!r} fails the IMO check digit",
                         allowed="a 7-digit IMO number whose last digit checks")


def read_vessels(vessels: pd.DataFrame, fuel_use: pd.DataFrame | None,
                 source: str = "vessels") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validated vessel-years and fuel use; each vessel-year needs an AER or fuel and
    distance."""
    vessels = validate_frame(vessels, VESSELS, source)
    check_imo_numbers(vessels["imo_number"], source)
    if vessels.duplicated(["imo_number", "year"]).any():
        first = vessels.loc[vessels.duplicated(["imo_number", "year"]), "imo_number"].iloc[0]
        raise InputError(source, "imo_number", f"vessel {first} appears twice in one year",
                         allowed="one row per IMO number and year")
    fuel = (validate_frame(fuel_use, FUEL_USE, f"{source} fuel") if fuel_use is not None
            else pd.DataFrame(columns=["imo_number", "year", "fuel", "tonnes"]))
    has_fuel = pd.MultiIndex.from_frame(vessels[["imo_number", "year"]]).isin(
        pd.MultiIndex.from_frame(fuel[["imo_number", "year"]].astype({"year": int})))
    distance = vessels.get("distance_nm", pd.Series(np.nan, vessels.index))
    aer = vessels.get("aer", pd.Series(np.nan, vessels.index))
    usable = aer.notna() | (has_fuel & distance.notna())
    if not usable.all():
        row = int(np.argmin(usable.to_numpy()))
        raise InputError(source, "aer", f"vessel {vessels['imo_number'].iloc[row]} in "
                         f"{vessels['year'].iloc[row]} has neither an AER nor fuel use and "
                         "distance", allowed="aer, or fuel use and distance_nm")
    return vessels.assign(distance_nm=distance, aer=aer), fuel


def attained(vessels: pd.DataFrame, fuel: pd.DataFrame) -> pd.DataFrame:
    """AER (tank-to-wake CO2) and well-to-wake CO2e per dwt-nm of each vessel-year."""
    factors = pd.DataFrame(FUELS, index=["cf", "lcv", "wtt", "ch4", "n2o", "slip"]).T
    use = fuel.join(factors, on="fuel")
    grams = use["tonnes"] * 1e6
    slip = use["slip"] / 100
    tank_to_wake = (1 - slip) * (use["cf"] + use["ch4"] * GWP_CH4 + use["n2o"] * GWP_N2O) + (
        slip * GWP_CH4)
    use = use.assign(co2=grams * use["cf"],
                     co2e=grams * (use["lcv"] * use["wtt"] + tank_to_wake))
    totals = use.groupby(["imo_number", "year"])[["co2", "co2e"]].sum()
    frame = vessels.join(totals, on=["imo_number", "year"])
    work = frame["dwt"] * frame["distance_nm"]
    from_fuel = frame["co2"].notna() & frame["distance_nm"].notna()
    aer = (frame["co2"] / work).where(from_fuel, frame["aer"])
    wtw = (frame["co2e"] / work).where(from_fuel, frame["aer"])
    return frame.assign(aer=aer, aer_wtw=wtw, source=np.where(from_fuel, "fuel", "reported"))


def reference_line(ship_type: pd.Series, dwt: pd.Series) -> pd.Series:
    """a x min(dwt, cap)^-c of each vessel (g CO2 / dwt-nm, 2019)."""
    value = pd.Series(np.nan, index=dwt.index)
    for kind, bands in REFERENCE_LINES.items():
        for low, high, a, c, cap in bands:
            here = (ship_type == kind) & (dwt >= low) & (dwt < high)
            value[here] = a * np.minimum(dwt[here], cap) ** (-c)
    return value


def factors(table: pd.DataFrame, years: pd.Series, ambition: str) -> np.ndarray:
    """The trajectory factor of ``ambition`` in each year (linear between table years)."""
    rows = table[table["ambition"] == ambition].sort_values("year")
    if rows.empty:
        raise InputError("trajectory factors", "ambition", f"no rows for {ambition!r}",
                         allowed=list(AMBITIONS))
    return np.interp(years.to_numpy(dtype=float), rows["year"], rows["factor"])


def alignment(vessels: pd.DataFrame, fuel: pd.DataFrame,
              trajectory: pd.DataFrame = TRAJECTORY_FACTORS) -> tuple[pd.DataFrame,
                                                                      pd.DataFrame]:
    """Vessel and portfolio climate alignment for both ambitions.

    Returns (vessels: imo_number, year, ship_type, dwt, aer, aer_wtw, ambition, trajectory,
    delta (on AER), delta_wtw; portfolios: portfolio, year, ambition, delta, delta_wtw,
    outstanding)."""
    frame = attained(vessels, fuel)
    line = reference_line(frame["ship_type"], frame["dwt"])
    parts = []
    for ambition in AMBITIONS:
        target = line * factors(trajectory, frame["year"], ambition)
        if (target <= 0).any():
            year = int(frame.loc[target <= 0, "year"].iloc[0])
            raise InputError("trajectory factors", "factor", f"the {ambition} trajectory is 0 "
                             f"in {year}: a delta against it is undefined",
                             allowed="vessel years before the trajectory reaches zero")
        parts.append(frame.assign(
            ambition=ambition, trajectory=target,
            delta=(frame["aer"] - target) / target.where(target > 0),
            delta_wtw=(frame["aer_wtw"] - target) / target.where(target > 0)))
    rows = pd.concat(parts, ignore_index=True)
    rows = rows.assign(portfolio=rows.get("portfolio", "portfolio"))
    total = rows.groupby(["portfolio", "year", "ambition"])["outstanding"].transform("sum")
    if (total <= 0).any():
        where = rows.loc[total <= 0].iloc[0]
        raise InputError("vessels", "outstanding", f"portfolio {where['portfolio']!r} has no "
                         f"outstanding debt in {where['year']}: its weights would be 0/0",
                         allowed="a total outstanding > 0 per portfolio and year")
    weight = rows["outstanding"] / total
    scored = rows.assign(delta=rows["delta"] * weight, delta_wtw=rows["delta_wtw"] * weight)
    portfolios = scored.groupby(["portfolio", "year", "ambition"], as_index=False).agg(
        delta=("delta", lambda s: s.sum(min_count=len(s))),
        delta_wtw=("delta_wtw", lambda s: s.sum(min_count=len(s))),
        outstanding=("outstanding", "sum"))
    columns = ["portfolio", "imo_number", "year", "ship_type", "dwt", "source", "aer",
               "aer_wtw", "ambition", "trajectory", "delta", "delta_wtw", "outstanding"]
    return rows[columns], portfolios

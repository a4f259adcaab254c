"""The package's numerical tolerances in one place, each named by what it protects."""

NONZERO = 1e-12
"""Floor of a denominator that may be zero where its numerator is zero too (shares, weighted
means of nothing): the result is then 0, not NaN."""

ROUNDING = 1e-9
"""Two quantities that should be equal up to floating-point rounding (shares summing to 1,
a gap that should be closed)."""

AMOUNT = 1e-6
"""The smallest amount that counts, in the quantity's own unit (Mt, PJ, Mt CO2): abatement,
allocation slack, relative tolerance of a run's balances."""

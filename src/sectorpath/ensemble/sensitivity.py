"""Global sensitivity: Sobol' first-order (S1) and total (ST) indices with SALib.

The runs must come from ``sampling.unit_design("sobol", ...)`` (Saltelli's scheme, N x (D + 2)
rows, in design order). Indices are invariant under the monotone maps from the unit design to
each parameter's distribution, so SALib analyses the unit problem directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sectorpath.ensemble.sampling import unit_problem

INDEX_COLUMNS = ["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"]


def sobol_indices(outputs: pd.DataFrame, names: list[str], seed: int = 0) -> pd.DataFrame:
    """S1 and ST (with 95% bootstrap confidence half-widths) of each column of ``outputs``
    (one row per run of the design, in order) to each parameter in ``names``."""
    from SALib.analyze import sobol

    runs, per_base = len(outputs), len(names) + 2
    if runs == 0 or runs % per_base:
        raise ValueError(f"a Sobol design of {len(names)} parameters has a multiple of "
                         f"{per_base} runs, not {runs}; is a run missing?")
    problem = unit_problem(len(names), names)
    rows = []
    for output in outputs.columns:
        values = outputs[output].to_numpy(float)
        result = sobol.analyze(problem, values, calc_second_order=False, seed=seed)
        for k, name in enumerate(names):
            rows.append([output, name, result["S1"][k], result["S1_conf"][k], result["ST"][k],
                         result["ST_conf"][k]])
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def sobol_chart(indices: pd.DataFrame, title: str) -> go.Figure:
    """One panel per output: first-order and total index of each parameter, with confidence."""
    outputs = list(dict.fromkeys(indices["output"]))
    figure = make_subplots(rows=len(outputs), cols=1, subplot_titles=outputs,
                           vertical_spacing=0.3 / max(len(outputs), 1))
    for row, output in enumerate(outputs, start=1):
        rows = indices[indices["output"] == output]
        for column, colour in (("S1", "rgb(31, 119, 180)"), ("ST", "rgb(255, 127, 14)")):
            figure.add_bar(x=rows["parameter"], y=rows[column], name=column,
                           marker_color=colour, legendgroup=column, showlegend=row == 1,
                           error_y={"type": "data", "array": rows[f"{column}_conf"]},
                           row=row, col=1)
    figure.update_layout(title=title, template="plotly_white", barmode="group",
                         height=320 * max(len(outputs), 1))
    values = indices[["S1", "ST"]].to_numpy(float)
    low = min(0.0, float(np.nanmin(values, initial=0.0)) - 0.05)  # estimates can dip below 0
    high = max(1.05, float(np.nanmax(values, initial=0.0)) + 0.05)
    figure.update_yaxes(title_text="Sobol index", range=[low, high])
    return figure

"""Sharing a capped resource among sectors that each asked for some of it."""

from __future__ import annotations

import numpy as np

from sectorpath.tolerances import NONZERO


def allocate(requests: dict[str, np.ndarray], cap: np.ndarray, rule: str,
             priority: list[str]) -> dict[str, np.ndarray]:
    """Each sector's share of a world cap, year by year (same unit as the cap).

    ``requests`` are what each sector would use unconstrained, (Y,) each. Under ``priority``
    sectors are served in the order given (unlisted sectors after, alphabetically), each up to
    its request; under ``proportional`` every sector gets the same fraction of its request.
    Where the cap covers all requests everyone gets what they asked for.
    """
    names = [s for s in priority if s in requests] + sorted(set(requests) - set(priority))
    if rule == "proportional":
        total = np.maximum(np.sum(list(requests.values()), axis=0), NONZERO)
        fraction = np.minimum(cap / total, 1.0)
        return {name: requests[name] * fraction for name in names}
    left = cap.astype(float).copy()
    out = {}
    for name in names:
        out[name] = np.minimum(requests[name], np.maximum(left, 0.0))
        left = left - out[name]
    return out

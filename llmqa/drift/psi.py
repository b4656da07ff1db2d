"""Population Stability Index over quantile bins of the reference.

PSI = sum over bins of (c - r) * ln(c / r), with r and c the shares of reference and
current in each bin. Bins are the reference deciles (merged where values tie), so each
holds about a tenth of the reference. No p-value; 0.1 is the usual "moderate shift" mark.
"""

from __future__ import annotations

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, finite_pair, standalone, undefined

BINS = 10
FLOOR = 1e-4  # share given to an empty bin so the logarithm stays finite


def psi(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """PSI of current against reference, on the reference's quantile bins."""
    ref, cur, dropped = finite_pair(reference, current)
    if not ref.size or not cur.size:
        return undefined(ref.size, cur.size, **dropped)
    with np.errstate(over="ignore", invalid="ignore"):  # interpolating near the float limit overflows
        inner = np.unique(np.quantile(ref, np.linspace(0, 1, BINS + 1)[1:-1]))
    inner = inner[inner > ref.min()]  # an edge at the minimum would open an always-empty bin
    ref_share = np.bincount(np.searchsorted(inner, ref, side="right"), minlength=inner.size + 1)
    cur_share = np.bincount(np.searchsorted(inner, cur, side="right"), minlength=inner.size + 1)
    r = np.maximum(ref_share / ref.size, FLOOR)
    c = np.maximum(cur_share / cur.size, FLOOR)
    value = float(np.sum((c - r) * np.log(c / r)))
    detail = dropped | {"bins": int(inner.size + 1)}
    return DriftResult(value, None, value, standalone(None, value, threshold), ref.size, cur.size, detail)


TEST = DriftTest(
    name="psi",
    kind="numeric",
    threshold=0.1,
    min_samples=1000,
    compute=psi,
    summary="Population Stability Index on reference quantile bins.",
    has_p_value=False,
)

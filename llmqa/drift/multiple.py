"""Benjamini-Hochberg adjustment: many tests a day, and a false discovery rate held at alpha."""

from __future__ import annotations

import numpy as np


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """BH step-up adjusted p-values, in input order; NaN entries stay NaN and do not count.

    p_adj(i) = min over j >= i of p(j) * m / j, with p sorted ascending and m the number of
    finite p-values; rejecting p_adj < alpha keeps the expected share of false drifts <= alpha.
    """
    p = np.asarray(p_values, dtype=np.float64)
    adjusted = np.full(p.shape, np.nan)
    present = np.flatnonzero(np.isfinite(p))
    if not present.size:
        return adjusted
    order = present[np.argsort(p[present], kind="stable")]
    scaled = p[order] * present.size / np.arange(1, present.size + 1)
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return adjusted

"""Jensen-Shannon distance between the two category distributions (base 2, so in [0, 1]).

No p-value: 0 means identical shares, 1 means no category in common. Evidently's default
threshold of 0.1 applies.
"""

from __future__ import annotations

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, standalone, undefined
from llmqa.drift.categories import biggest_changes, count_categories


def jensen_shannon(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """Jensen-Shannon distance of the category shares."""
    from scipy.spatial import distance

    counts = count_categories(reference, current)
    n_ref, n_cur = int(counts.reference.sum()), int(counts.current.sum())
    if not n_ref or not n_cur:
        return undefined(n_ref, n_cur)
    raw = distance.jensenshannon(counts.reference / n_ref, counts.current / n_cur, base=2)
    value = float(np.clip(np.nan_to_num(raw), 0.0, 1.0))  # rounding can make identical shares NaN
    detail = biggest_changes(counts)
    return DriftResult(value, None, value, standalone(None, value, threshold), n_ref, n_cur, detail)


TEST = DriftTest(
    name="jensen_shannon",
    kind="categorical",
    threshold=0.1,
    min_samples=100,
    compute=jensen_shannon,
    summary="Jensen-Shannon distance between category shares.",
    has_p_value=False,
)

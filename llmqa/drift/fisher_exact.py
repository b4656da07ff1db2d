"""Fisher's exact test on the 2x2 table of successes and failures, for rates with small counts.

Null hypothesis: the reference and current rates are equal (conditional on the margins).
The statistic is the sample odds ratio (current over reference); the effect size, as for
`two_proportion_z`, is the rate difference in points.
"""

from __future__ import annotations

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, standalone, undefined
from llmqa.drift.proportions import count, describe


def fisher_exact(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """Odds ratio and two-sided exact p-value for equal rates."""
    from scipy import stats

    counts = count(reference, current)
    if not counts.ref_trials or not counts.cur_trials:
        return undefined(counts.ref_trials, counts.cur_trials)
    table = [
        [counts.cur_successes, counts.cur_trials - counts.cur_successes],
        [counts.ref_successes, counts.ref_trials - counts.ref_successes],
    ]
    result = stats.fisher_exact(table)
    p_value = float(np.clip(result.pvalue, 0.0, 1.0))
    difference = counts.difference
    drifted = standalone(p_value, difference, threshold)
    return DriftResult(
        float(result.statistic), p_value, difference, drifted,
        counts.ref_trials, counts.cur_trials, describe(counts),
    )  # fmt: skip


TEST = DriftTest(
    name="fisher_exact",
    kind="rate",
    threshold=0.005,
    min_samples=10,
    compute=fisher_exact,
    summary="Fisher's exact test for small counts; effect = rate difference.",
    signed=True,
)

"""Pearson's chi-square test of homogeneity on the 2 x K table of category counts.

Null hypothesis: both samples share one categorical distribution. The effect size is
Cramér's V (sqrt(chi2 / n) for two samples), so the threshold does not grow with volume.
"""

from __future__ import annotations

import math

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, standalone, undefined
from llmqa.drift.categories import biggest_changes, count_categories


def chi_square(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """Chi-square statistic, p-value and Cramér's V over the union of categories."""
    from scipy import stats

    counts = count_categories(reference, current)
    n_ref, n_cur = int(counts.reference.sum()), int(counts.current.sum())
    if not n_ref or not n_cur:
        return undefined(n_ref, n_cur)
    detail = biggest_changes(counts)
    if counts.categories.size < 2:
        return DriftResult(0.0, 1.0, 0.0, False, n_ref, n_cur, detail)
    result = stats.chi2_contingency(np.vstack([counts.reference, counts.current]), correction=False)
    statistic = float(result.statistic)
    p_value = float(np.clip(result.pvalue, 0.0, 1.0))
    cramers_v = math.sqrt(statistic / (n_ref + n_cur))
    drifted = standalone(p_value, cramers_v, threshold)
    return DriftResult(statistic, p_value, cramers_v, drifted, n_ref, n_cur, detail)


TEST = DriftTest(
    name="chi_square",
    kind="categorical",
    threshold=0.05,
    min_samples=30,
    compute=chi_square,
    summary="Chi-square test of homogeneity; effect = Cramér's V.",
)

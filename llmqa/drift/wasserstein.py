"""Wasserstein (earth mover's) distance divided by the reference standard deviation.

No p-value: the distance says how far, in reference standard deviations, the mass moved.
Normalised as Evidently does (std floored at 0.001) so the two engines agree; its default
threshold of 0.1 is Evidently's too.
"""

from __future__ import annotations

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, finite_pair, standalone, undefined
from llmqa.drift.ecdf import area_between, ecdf

MIN_STD = 0.001


def wasserstein(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """First Wasserstein distance between the samples over max(std(reference), 0.001)."""
    ref, cur, dropped = finite_pair(reference, current)
    if not ref.size or not cur.size:
        return undefined(ref.size, cur.size, **dropped)
    with np.errstate(over="ignore", invalid="ignore"):  # values near the float limit overflow
        scale = max(float(np.std(ref)), MIN_STD)
        distance = area_between(ecdf(ref), ecdf(cur)) / scale
    if not np.isfinite(distance):
        return undefined(ref.size, cur.size, **dropped, overflow=True)
    drifted = standalone(None, distance, threshold)
    return DriftResult(distance, None, distance, drifted, ref.size, cur.size, dropped)


TEST = DriftTest(
    name="wasserstein",
    kind="numeric",
    threshold=0.1,
    min_samples=1000,
    compute=wasserstein,
    summary="Wasserstein distance in reference standard deviations.",
    has_p_value=False,
)

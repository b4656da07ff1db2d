"""The shape every drift test shares: a registered record and a pure function of two samples."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np

Kind = Literal["numeric", "rate", "categorical", "text"]
KINDS: tuple[Kind, ...] = ("numeric", "rate", "categorical", "text")
STANDALONE_ALPHA = 0.05


class DriftResult(NamedTuple):
    """One test of reference against current; `drifted` is the verdict of this test alone.

    `effect_size` is what thresholds apply to; `p_value` is None for tests without one and
    every field but the counts is NaN when a sample is empty after cleaning.
    """

    statistic: float
    p_value: float | None
    effect_size: float
    drifted: bool
    n_reference: int
    n_current: int
    detail: dict[str, Any]


ComputeFn = Callable[[np.ndarray, np.ndarray, float], DriftResult]


@dataclass(frozen=True)
class DriftTest:
    """A registered drift test.

    `compute(reference, current, threshold)` takes 1-D arrays of the test's kind: floats for
    numeric, booleans for rate, strings for categorical and text. `threshold` applies to the
    effect size (to its absolute value when `signed`). `learns`: whether the threshold may be
    learned from reference days (too costly for some tests).
    """

    name: str
    kind: Kind
    threshold: float
    min_samples: int
    compute: ComputeFn
    summary: str
    has_p_value: bool = True
    signed: bool = False
    learns: bool = True


def finite_pair(reference: np.ndarray, current: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Both samples as finite float64 values, and how many NaN or infinite values each lost."""
    ref = np.asarray(reference, dtype=np.float64)
    cur = np.asarray(current, dtype=np.float64)
    ref_keep, cur_keep = np.isfinite(ref), np.isfinite(cur)
    dropped = {
        "dropped_reference": int(ref.size - ref_keep.sum()),
        "dropped_current": int(cur.size - cur_keep.sum()),
    }
    return ref[ref_keep], cur[cur_keep], dropped


def undefined(n_reference: int, n_current: int, **detail: Any) -> DriftResult:
    """The result of a test that cannot be computed (an empty or degenerate sample)."""
    nan = float("nan")
    return DriftResult(nan, None, nan, False, n_reference, n_current, detail)


def standalone(p_value: float | None, effect: float, threshold: float) -> bool:
    """The verdict of one test on its own: significant (if it has a p-value) and large enough."""
    significant = p_value is None or p_value < STANDALONE_ALPHA
    return bool(significant and abs(effect) >= threshold)

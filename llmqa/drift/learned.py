"""Thresholds learned from the reference window: how much an effect moves between ordinary days."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from llmqa.drift.base import DriftTest


class LearnedRange(NamedTuple):
    """mean +- k * sd of the effect of each reference day against the rest of the window."""

    low: float
    high: float
    days: int


def learned_range(
    test: DriftTest,
    values: np.ndarray,
    days: np.ndarray,
    *,
    threshold: float,
    k: float,
    min_days: int,
    min_samples: int,
) -> LearnedRange | None:
    """Leave one reference day out at a time; None when fewer than `min_days` days qualify.

    A day qualifies when it and the rest hold at least `min_samples` values each.
    """  # fmt: skip
    unique = np.unique(days)
    if unique.size < min_days:
        return None
    effects = []
    for day in unique:
        held_out = days == day
        if min(int(held_out.sum()), int((~held_out).sum())) < min_samples:
            continue
        effect = test.compute(values[~held_out], values[held_out], threshold).effect_size
        if np.isfinite(effect):
            effects.append(effect)
    if len(effects) < min_days:
        return None
    mean, sd = float(np.mean(effects)), float(np.std(effects, ddof=1))
    return LearnedRange(mean - k * sd, mean + k * sd, len(effects))

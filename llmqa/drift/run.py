"""Run the chosen tests of every feature of one comparison, with learned thresholds."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from llmqa.drift.base import DriftTest, Kind
from llmqa.drift.config import DriftConfig
from llmqa.drift.features import feature_values, sampled_values
from llmqa.drift.learned import LearnedRange, learned_range
from llmqa.drift.plan import Comparison
from llmqa.drift.proportions import count
from llmqa.drift.registry import REGISTRY, choose_rate_test

LEARN = "_learn"  # a row's private key: what learning its bounds needs


def _tests(kind: Kind, reference: np.ndarray, current: np.ndarray, config: DriftConfig) -> list[DriftTest]:
    if kind == "rate":
        return [choose_rate_test(count(reference, current))]
    return [REGISTRY[name] for name in config.tests(kind)]


def _bounds(test: DriftTest, threshold: float, learned: LearnedRange | None) -> tuple[float | None, float]:
    """The effect sizes beyond which a result counts: (low for signed effects, high)."""
    high = threshold if learned is None else max(threshold, learned.high)
    if not test.signed:
        return None, high
    return (-threshold if learned is None else min(-threshold, learned.low)), high


def run_test(
    test: DriftTest,
    comparison: Comparison,
    feature: str,
    reference: tuple[np.ndarray, np.ndarray],
    current: np.ndarray,
    config: DriftConfig,
) -> dict[str, Any]:
    """One row: the test's result, whether there was enough data, and its default effect bounds.

    Under LEARN, the row keeps what `learn_bounds` needs to widen the bounds later.
    """  # fmt: skip
    ref_values, ref_days = reference
    threshold, min_samples = config.threshold(test.name), config.min_sample(test.name)
    row: dict[str, Any] = {
        "prompt_version": comparison.prompt_version, "comparison": comparison.name,
        "feature": feature, "test": test.name, "n_reference": ref_values.size,
        "n_current": current.size, "enough": False, "detail": {}, LEARN: None,
    }  # fmt: skip
    if min(ref_values.size, current.size) < min_samples:
        return row
    result = test.compute(ref_values, current, threshold)
    enough = min(result.n_reference, result.n_current) >= min_samples
    low, high = _bounds(test, threshold, None)
    learnable = enough and comparison.learn and test.learns
    return row | {
        "statistic": result.statistic, "p_value": result.p_value, "effect_size": result.effect_size,
        "low": low, "high": high, "enough": enough, "n_reference": result.n_reference,
        "n_current": result.n_current, "detail": dict(result.detail),
        LEARN: (test, ref_values, ref_days) if learnable else None,
    }  # fmt: skip


def learn_bounds(row: dict[str, Any], config: DriftConfig) -> None:
    """Widen a row's effect bounds to the reference's day-to-day range, where one can be learned.

    Learned bounds only ever widen the default ones, so only rows that would otherwise drift
    need them; the range goes into the row's detail.
    """
    if row.get(LEARN) is None:
        return
    test, values, days = row[LEARN]
    threshold = config.threshold(test.name)
    learned = learned_range(
        test, values, days, threshold=threshold, k=config.k,
        min_days=config.min_reference_days, min_samples=config.min_sample(test.name),
    )  # fmt: skip
    if learned is not None:
        row["low"], row["high"] = _bounds(test, threshold, learned)
        row["detail"] |= {
            "reference_range": [learned.low, learned.high],
            "reference_days": learned.days,
        }


def run_comparison(
    comparison: Comparison, kinds: dict[str, Kind], config: DriftConfig
) -> list[dict[str, Any]]:
    """Rows for every feature x chosen test of a comparison (numeric ones by Evidently if asked)."""
    rows = []
    for feature, kind in kinds.items():
        if feature in comparison.skip or (kind == "text" and not comparison.text):
            continue
        if kind == "numeric" and config.engine == "evidently":
            continue
        values = partial(sampled_values, limit=config.text_max_samples) if kind == "text" else feature_values
        reference = values(comparison.reference, feature)
        current, _ = values(comparison.current, feature)
        for test in _tests(kind, reference[0], current, config):
            # Without a p-value, only a learned range tells noise from change: no such test in A/B.
            if test.has_p_value or comparison.learn:
                rows.append(run_test(test, comparison, feature, reference, current, config))
    if config.engine == "evidently":
        from llmqa.drift.evidently_engine import evidently_rows

        numeric = [f for f, kind in kinds.items() if kind == "numeric" and f not in comparison.skip]
        rows.extend(evidently_rows(comparison, numeric, config))
    return rows

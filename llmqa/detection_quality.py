"""How well an evaluator's scores separate labeled failures: AUROC and balanced accuracy.

Label 1 is a trace with the failure (one the evaluator should fail), 0 one without. A score
is 1 when good, so AUROC is read of 1 - score. Used by `llmqa eval --label` and by the
detection bench on the public datasets.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.stats import rankdata


class Quality(NamedTuple):
    """How well a score separates the labels: rows with a score, AUROC, balanced accuracy."""

    n: int
    auroc: float | None
    balanced_accuracy: float | None


def auroc(label: np.ndarray, risk: np.ndarray) -> float | None:
    """Area under the ROC curve of `risk` for `label` (Mann-Whitney U, ties averaged)."""
    positives = int(label.sum())
    negatives = len(label) - positives
    if positives == 0 or negatives == 0:
        return None
    ranks = rankdata(risk)
    return float((ranks[label == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def balanced_accuracy(label: np.ndarray, flagged: np.ndarray) -> float | None:
    """Mean of the true-positive and true-negative rates."""
    if len(label) == 0 or label.min() == label.max():
        return None
    return float((flagged[label == 1].mean() + (~flagged[label == 0]).mean()) / 2)


def quality(label: np.ndarray, score: np.ndarray, flagged: np.ndarray) -> Quality:
    """AUROC of 1 - score and balanced accuracy of `flagged` (the evaluator failed the trace),
    over the rows with a score (not NaN)."""
    scored = ~np.isnan(score)
    label, score, flagged = label[scored], score[scored], flagged[scored]
    if len(label) == 0:
        return Quality(0, None, None)
    return Quality(len(label), auroc(label, 1.0 - score), balanced_accuracy(label, flagged))

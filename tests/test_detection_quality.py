"""AUROC and balanced accuracy of evaluator scores against labeled failures, checked by hand."""

from __future__ import annotations

import numpy as np

from llmqa.detection_quality import Quality, auroc, quality


def test_auroc_matches_a_hand_count() -> None:
    # pairs (positive, negative): (0.9, 0.1) win, (0.9, 0.5) win, (0.4, 0.1) win, (0.4, 0.5) loss -> 3/4
    assert auroc(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.1, 0.5])) == 0.75


def test_quality_reads_risk_as_one_minus_score_and_leaves_unscored_rows_out() -> None:
    label = np.array([1, 1, 0, 0, 1])
    score = np.array([0.1, 0.6, 0.9, 0.5, np.nan])  # the last row has no score
    flagged = np.array([True, False, False, True, False])
    # AUROC: failure 0.1 is below both good rows, failure 0.6 below 0.9 only -> 3/4;
    # one of two failures flagged, one of two good rows passed -> 1/2
    assert quality(label, score, flagged) == Quality(4, 0.75, 0.5)


def test_one_label_only_has_no_auroc_and_no_balanced_accuracy() -> None:
    assert quality(np.array([0, 0]), np.array([0.2, 0.9]), np.array([True, False])) == Quality(2, None, None)

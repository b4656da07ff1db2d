"""How well semantic_similarity tells truthful from untruthful TruthfulQA answers, and its speed.

Needs the 'embeddings' extra. Run: PYTHONPATH=. python bench/semantic_similarity_truthfulqa.py
Label 1 = humans judged the answer untruthful; a low similarity to the reference should flag it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

from llmqa.evaluators.semantic_similarity import EVALUATOR, SemanticSimilarityOptions

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "labeled" / "truthfulqa.jsonl"


def roc_auc(flag_score: pl.Series, label: pl.Series) -> float:
    """Mann-Whitney AUC: the chance a random positive scores above a random negative."""
    ranks = flag_score.rank("average")
    positives = int(label.sum())
    negatives = label.len() - positives
    return float((ranks.filter(label == 1).sum() - positives * (positives + 1) / 2) / (positives * negatives))


def balanced_accuracy(flagged: pl.Series, label: pl.Series) -> float:
    """Mean of the true-positive and true-negative rates."""
    tpr = (flagged & (label == 1)).sum() / (label == 1).sum()
    tnr = (~flagged & (label == 0)).sum() / (label == 0).sum()
    return float((tpr + tnr) / 2)


def main(path: Path = DATA) -> None:
    """Score the dev half of TruthfulQA and print AUC, balanced accuracy and throughput."""
    rows = pl.read_ndjson(path).select("input", "output", "reference", "label", "group")
    start = time.perf_counter()
    scores = EVALUATOR.compute(rows, SemanticSimilarityOptions())["score"]
    seconds = time.perf_counter() - start
    label = rows["label"]
    print(f"rows: {rows.height} (untruthful {int(label.sum())}), scored: {scores.is_not_null().sum()}")
    print(f"ROC AUC (low similarity flags untruthful): {roc_auc(-scores, label):.3f}")
    for threshold in (0.3, 0.4, EVALUATOR.threshold, 0.6, 0.7):
        flagged = scores < threshold
        print(f"threshold {threshold:.1f}: balanced accuracy {balanced_accuracy(flagged, label):.3f}")
    rate = rows.height / seconds
    print(f"time: {seconds:.1f} s, {rate:.0f} rows/s (2-core CPU, model load included)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)

"""How well semantic_similarity tells truthful from untruthful TruthfulQA answers, and its speed.

Needs the 'embeddings' extra. Run: PYTHONPATH=. python bench/semantic_similarity_truthfulqa.py
Label 1 = humans judged the answer untruthful; a low similarity to the reference should flag it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

from llmqa.detection_quality import quality
from llmqa.evaluators.semantic_similarity import EVALUATOR, SemanticSimilarityOptions

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "labeled" / "truthfulqa.jsonl"


def main(path: Path = DATA) -> None:
    """Score the dev half of TruthfulQA and print AUC, balanced accuracy and throughput."""
    rows = pl.read_ndjson(path).select("input", "output", "reference", "label", "group")
    start = time.perf_counter()
    scores = EVALUATOR.compute(rows, SemanticSimilarityOptions())["score"]
    seconds = time.perf_counter() - start
    label, score = rows["label"].to_numpy(), scores.fill_null(float("nan")).to_numpy()
    print(f"rows: {rows.height} (untruthful {int(label.sum())}), scored: {scores.is_not_null().sum()}")
    print(
        f"ROC AUC (low similarity flags untruthful): {quality(label, score, score < EVALUATOR.threshold).auroc:.3f}"
    )
    for threshold in (0.3, 0.4, EVALUATOR.threshold, 0.6, 0.7):
        accuracy = quality(label, score, score < threshold).balanced_accuracy
        print(f"threshold {threshold:.1f}: balanced accuracy {accuracy:.3f}")
    rate = rows.height / seconds
    print(f"time: {seconds:.1f} s, {rate:.0f} rows/s (2-core CPU, model load included)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)

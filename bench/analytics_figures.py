"""Figures for the LLMOps analytics: each measured on data whose right answer is known.

1. Repeat detection: exact and near repeats seeded into random questions, measured back,
   and the throughput of flag_repeats.
2. The A/B power calculation: simulated days with the traffic it asks for should reach
   about the promised power, and days without a difference should be called at about alpha.
3. Human review: the precision, recall and kappa that review_agreement reports for two
   evaluators against the human labels of /work/shared/data (HaluEval QA, XSTest), and
   how often the drop flag fires for a given fall in agreement.
Run: PYTHONPATH=. python bench/analytics_figures.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from llmqa.analytics import stats
from llmqa.analytics.repeats import flag_repeats
from llmqa.analytics.review_agreement import review_agreement
from llmqa.analytics.settings import ReviewConfig
from llmqa.config import AppConfig
from llmqa.eval_file import read_traces
from llmqa.evaluate import evaluate_batch

DAY = dt.date(2026, 1, 31)
LABELED = Path("/work/shared/data/labeled")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.test_analytics_repeats import _traffic  # noqa: E402  (the tests' seeded generator)


def repeats() -> None:
    for n in (20_000, 200_000):
        traffic = _traffic(n, exact=0.2, near=0.1, seed=11)
        started = time.perf_counter()
        flags = traffic.join(flag_repeats(traffic, 0.8), on="trace_id")
        seconds = time.perf_counter() - started
        found = flags.group_by("kind").agg(
            (pl.col("exact_repeat") | pl.col("near_repeat")).mean().alias("flagged"),
            pl.col("near_repeat").mean().alias("near"),
            pl.len(),
        )
        shares = dict(found.select("kind", "flagged").iter_rows())
        print(f"repeats n={n:,}: seeded exact+near share {1 - flags['kind'].eq('new').mean():.3f}, "
              f"measured {(flags['exact_repeat'] | flags['near_repeat']).mean():.3f}; "
              f"flagged: exact {shares['exact']:.4f}, near {shares['near']:.4f}, new {shares['new']:.4f}; "
              f"{n / seconds:,.0f} traces/s")  # fmt: skip


def power(replicates: int = 2000) -> None:
    rng = np.random.default_rng(5)
    for p_a, p_b in ((0.70, 0.74), (0.90, 0.93)):
        n = int(stats.proportion_sample_size(p_a, p_b) or 0)
        hits = sum(
            stats.two_proportion_z(rng.binomial(n, p_a), n, rng.binomial(n, p_b), n).p_value < 0.05
            for _ in range(replicates)
        )
        null = sum(
            stats.two_proportion_z(rng.binomial(n, p_a), n, rng.binomial(n, p_a), n).p_value < 0.05
            for _ in range(replicates)
        )
        print(f"A/B {p_a:.0%} vs {p_b:.0%}: asks {n:,} traces per version; at that traffic the test called "
              f"{hits / replicates:.3f} of {replicates} days (promised 0.80), and {null / replicates:.3f} of days "
              f"without a difference (alpha 0.05)")  # fmt: skip


def _agreement(path: Path, task: str, evaluator: str) -> None:
    rows = pl.read_ndjson(path, infer_schema_length=None).filter(pl.col("task") == task)
    tmp = Path("/tmp") / f"llmqa-bench-{task}.jsonl"
    rows.write_ndjson(tmp)
    batch, _ = read_traces(tmp)
    scores = evaluate_batch(batch, AppConfig(evaluators={evaluator: {}}))
    labelled = scores.select(
        pl.lit(DAY).alias("day"), "evaluator", "passed", (rows["label"] == 0).alias("human_passed"),
        pl.lit(1.0).alias("weight"),
    ).drop_nulls("passed")  # fmt: skip
    row = review_agreement(DAY, task, labelled, ReviewConfig()).row(0, named=True)
    kappa = _kappa_as_judge(labelled)
    print(f"review {evaluator} vs {path.stem} {task} labels (n={row['labels']:,}): precision {row['precision']:.3f}, "
          f"recall {row['recall']:.3f}, agreement {row['agreement']:.3f}, Cohen's kappa {kappa:.3f}")  # fmt: skip


def _kappa_as_judge(labelled: pl.DataFrame) -> float:
    """Kappa as review_agreement computes it for judges: the same rows under a judge_ name."""
    renamed = labelled.with_columns(pl.lit("judge_x").alias("evaluator"))
    return float(review_agreement(DAY, "x", renamed, ReviewConfig()).row(0, named=True)["kappa"])


def drop_flag(weeks: int = 4, labels_per_week: int = 60, replicates: int = 300) -> None:
    rng = np.random.default_rng(9)
    for fall in (0.0, 0.1, 0.2, 0.3):
        fired = 0
        for _ in range(replicates):
            parts = []
            for week in range(weeks):
                agree = 0.9 - (fall if week == 0 else 0.0)
                passed = rng.random(labels_per_week) < 0.7
                same = rng.random(labels_per_week) < agree
                parts.append(pl.DataFrame({
                    "day": DAY - dt.timedelta(days=7 * week), "evaluator": "judge_x", "passed": passed,
                    "human_passed": np.where(same, passed, ~passed), "weight": 1.0,
                }))  # fmt: skip
            fired += bool(review_agreement(DAY, "x", pl.concat(parts), ReviewConfig())["flagged"].any())
        print(
            f"drop flag, {labels_per_week} labels a week, agreement 0.90 -> {0.9 - fall:.2f}: "
            f"flagged in {fired / replicates:.3f} of {replicates} simulated weeks"
        )


if __name__ == "__main__":
    repeats()
    power()
    _agreement(LABELED / "halueval.jsonl", "grounded_qa", "groundedness")
    _agreement(LABELED / "xstest.jsonl", "refusal", "refusal")
    drop_flag()

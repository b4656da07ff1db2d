"""Detection quality of the evaluators on the labeled public datasets in shared/data/labeled.

Prints, per dataset/task, the rows scored, AUROC and balanced accuracy at the evaluator's
default threshold (label 1 = the bad property; an evaluator's score 1 = good, so AUROC is
of 1 - score), the same two figures on each half of the rows (alternate groups: a change
that helps one half only is tuned to rows, not to the task), then one JSON line with every
figure. HaluEval's QA pairs are also scored length-matched, so that answer length cannot
explain the score: on a sample with as many right as hallucinated answers at every word count,
and on every pair of a right and a hallucinated answer of the same word count. With the
'embeddings' extra installed it also scores TruthfulQA by embedding similarity to the
reference, to set reference_match beside what an embedding model sees, and context and answer
relevance by embeddings (`method: embeddings`) beside the same tasks by words. Four
kinds of task are constructed, since no public set labels them: HaluEval's answers framed as
RAG apps word them ("According to the provided documents, ...", "... [1].", `framed_answers`),
so that framing is seen to cost the score nothing where llmqa knows it; false abstention, each
answered with an abstention once beside its own passages (which hold the answer) and once
beside another question's (`abstention_pairs`); context relevance, each beside its own passages
and beside the other question's that share most of its words (`context_pairs`), both from
HaluEval's questions; answer relevance, each HaluEval or
TruthfulQA question with its own right answer and with another question's (`swapped_answers`).
With `--judge FILE` (a YAML file of judge options) it also scores the grounded QA and summary
tasks by judge_groundedness and TruthfulQA by judge_correctness, through the endpoint the file
names. Run:
    PYTHONPATH=. python bench/detection.py [--data-dir ../shared/data/labeled] [--sample N] [--judge judge.yaml]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import polars as pl
import yaml
from pydantic import ValidationError

from llmqa.contract import TRACE_SCHEMA
from llmqa.detection_quality import Quality, auroc, quality
from llmqa.embeddings import embeddings_installed
from llmqa.evaluators import REGISTRY
from llmqa.evaluators.words import units
from llmqa.judge import JudgeOptions

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "labeled"


class Task(NamedTuple):
    """A labeled task and the evaluator that should detect its label."""

    file: str
    task: str
    evaluator: str
    name: str
    needs_embeddings: bool = False  # scored only where the 'embeddings' extra is installed
    construct: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # rows built from the task's rows
    options: dict[str, Any] | None = None  # the evaluator's options, where not its defaults
    needs_judge: bool = False  # scored only with --judge: it calls the judge model that file names


ANSWER_WORDS = pl.col("output").str.count_matches(r"\S+")  # the length length-matched pairs match
ABSTENTION = "I couldn't find any information about that in the provided documents."


def context_pairs(frame: pl.DataFrame) -> pl.DataFrame:
    """Every question with its own passages (label 0) and with the other question's passages that
    share most of its words (label 1: retrieval that found the wrong text on the same topic)."""
    questions = frame.filter(pl.col("context").is_not_null()).unique(
        "group", keep="first", maintain_order=True
    )
    asked = [set(words) for words in units(questions, "input")["words"].to_list()]
    held = [set(words) for words in units(questions, "context")["words"].to_list()]
    nearest = [
        max((j for j in range(len(held)) if j != i), key=lambda j: len(words & held[j]))
        for i, words in enumerate(asked)
    ]
    own = questions.with_columns(pl.lit(0, pl.Int64).alias("label"))
    other = questions.with_columns(
        pl.Series("context", questions["context"].gather(nearest)), pl.lit(1, pl.Int64).alias("label")
    )
    return pl.concat([own, other])


def abstention_pairs(frame: pl.DataFrame) -> pl.DataFrame:
    """An abstention to every question of `context_pairs`: beside its own context the answer is
    there and the abstention is false (label 1), beside the other one it is right (label 0)."""
    return context_pairs(frame).with_columns(
        pl.lit(ABSTENTION).alias("output"), (1 - pl.col("label")).alias("label")
    )


def swapped_answers(frame: pl.DataFrame) -> pl.DataFrame:
    """Each question with its own right answer (label 0) and with another question's, picked at
    random (label 1: an answer about something else)."""
    own = frame.filter(pl.col("label") == 0).unique("group", keep="first", maintain_order=True)
    count = own.height
    other = (np.arange(count) + np.random.default_rng(0).integers(1, count, size=count)) % count
    swapped = own.with_columns(own["output"].gather(other), pl.lit(1, pl.Int64).alias("label"))
    return pl.concat([own, swapped])


# ways a RAG app words an answer around its claim; the last one is none that llmqa's framing knows
FRAMINGS = (
    "According to the provided documents, {}.",
    "{} [1].",
    "Based on the context, {}.",
    "Sure! {}.",
    "{} (source: knowledge base).",
    "Here's what I found: {}.",
)


def framed_answers(frame: pl.DataFrame) -> pl.DataFrame:
    """Every answer framed as a RAG app might frame it: one of `FRAMINGS` in turn among the right
    answers and in turn among the hallucinated ones, so that each class carries each as often."""
    turn = pl.int_range(pl.len()).over("label") % len(FRAMINGS)
    answer = pl.col("output").str.strip_chars().str.strip_chars_end(".")
    framed = pl.coalesce(*(pl.when(turn == i).then(pl.format(f, answer)) for i, f in enumerate(FRAMINGS)))
    return frame.with_columns(framed.alias("output"))


TASKS = (
    Task("halueval.jsonl", "grounded_qa", "groundedness", "halueval/grounded_qa"),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "groundedness",
        "halueval/grounded_qa, answers framed (constructed)",
        construct=framed_answers,
    ),
    Task("halueval.jsonl", "chat_hallucination", "groundedness", "halueval/chat_hallucination"),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "false_abstention",
        "halueval/false_abstention (constructed)",
        construct=abstention_pairs,
    ),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "context_relevance",
        "halueval/context_relevance (constructed)",
        construct=context_pairs,
    ),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "context_relevance",
        "halueval/context_relevance, embeddings (constructed)",
        needs_embeddings=True,
        construct=context_pairs,
        options={"method": "embeddings"},
    ),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "answer_relevance",
        "halueval/answer_relevance (constructed)",
        construct=swapped_answers,
    ),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "answer_relevance",
        "halueval/answer_relevance, embeddings (constructed)",
        needs_embeddings=True,
        construct=swapped_answers,
        options={"method": "embeddings"},
    ),
    Task("faithbench.jsonl", "grounded_summary", "faithfulness", "faithbench/grounded_summary"),
    Task("xstest.jsonl", "refusal", "refusal", "xstest/refusal"),
    Task("xstest.jsonl", "over_refusal", "over_refusal", "xstest/over_refusal"),
    Task("truthfulqa.jsonl", "reference_truth", "reference_match", "truthfulqa/reference_truth"),
    Task(
        "truthfulqa.jsonl",
        "reference_truth",
        "answer_relevance",
        "truthfulqa/answer_relevance (constructed)",
        construct=swapped_answers,
    ),
    Task(
        "truthfulqa.jsonl",
        "reference_truth",
        "answer_relevance",
        "truthfulqa/answer_relevance, embeddings (constructed)",
        needs_embeddings=True,
        construct=swapped_answers,
        options={"method": "embeddings"},
    ),
    Task(
        "truthfulqa.jsonl",
        "reference_truth",
        "semantic_similarity",
        "truthfulqa/reference_truth/semantic_similarity",
        needs_embeddings=True,
    ),
    Task(
        "halueval.jsonl",
        "grounded_qa",
        "judge_groundedness",
        "halueval/grounded_qa (judge)",
        needs_judge=True,
    ),
    Task(
        "faithbench.jsonl",
        "grounded_summary",
        "judge_groundedness",
        "faithbench/grounded_summary (judge)",
        needs_judge=True,
    ),
    Task(
        "truthfulqa.jsonl",
        "reference_truth",
        "judge_correctness",
        "truthfulqa/reference_truth (judge)",
        needs_judge=True,
    ),
)


class Scored(NamedTuple):
    """The quality on all rows and on each half (alternate groups of rows)."""

    all: Quality
    halves: tuple[Quality, Quality]


def load(path: Path, task: str, sample: int | None = None) -> pl.DataFrame:
    """Rows of one labeled task with every trace-contract column (absent ones null)."""
    source_task = "refusal" if task == "over_refusal" else task
    frame = pl.read_ndjson(path, infer_schema_length=None).filter(pl.col("task") == source_task)
    if task == "over_refusal":  # XSTest prompts whose type is not contrast_* are safe to answer
        safe = ~pl.col("prompt_type").str.starts_with("contrast_")
        frame = frame.with_columns((safe & (pl.col("label") == 1)).cast(pl.Int64).alias("label"))
    if sample is not None and frame.height > sample:
        frame = frame.sample(sample, seed=0)
    missing = [pl.lit(None, dtype).alias(c) for c, dtype in TRACE_SCHEMA.items() if c not in frame.columns]
    return frame.with_columns(missing).with_columns(
        pl.col(c).cast(TRACE_SCHEMA[c]) for c in ("input", "output", "context", "reference")
    )


def halves(frame: pl.DataFrame) -> np.ndarray:
    """0 or 1 per row: alternate distinct `group`s (or ids), so that paired rows stay together."""
    key = "group" if "group" in frame.columns and frame["group"].null_count() == 0 else "id"
    return (frame[key].rank("dense") % 2).cast(pl.Int8).to_numpy()


def on_halves(frame: pl.DataFrame, measure: Callable[[np.ndarray], Quality]) -> Scored:
    """`measure` (given a mask of rows) on all rows of `frame` and on each of its two halves."""
    half = halves(frame)
    return Scored(measure(np.ones(frame.height, dtype=bool)), (measure(half == 0), measure(half == 1)))


def scored(frame: pl.DataFrame, score: np.ndarray, threshold: float) -> Scored:
    """`quality` of `score` on all rows of `frame` and on each of its two halves."""
    label, flagged = frame["label"].to_numpy(), score < threshold
    return on_halves(frame, lambda rows: quality(label[rows], score[rows], flagged[rows]))


def every_equal_length_pair(frame: pl.DataFrame, score: np.ndarray, threshold: float) -> Scored:
    """`equal_length_pairs` on all rows of `frame` and on each of its two halves."""
    label, length = frame["label"].to_numpy(), frame.select(ANSWER_WORDS).to_series().to_numpy()
    return on_halves(
        frame, lambda rows: equal_length_pairs(label[rows], score[rows], length[rows], threshold)
    )


def score(frame: pl.DataFrame, evaluator: str, options: dict[str, Any] | None = None) -> np.ndarray:
    """The evaluator's scores (default options unless given) for every row, NaN where not applicable."""
    spec = REGISTRY[evaluator]
    out = spec.compute(frame, spec.options.model_validate(options or {}))
    return out["score"].fill_null(float("nan")).to_numpy()


def length_matched(frame: pl.DataFrame, seed: int = 0) -> np.ndarray:
    """Positions of equal numbers of label-0 and label-1 rows at every answer word count (length
    says nothing)."""
    words = frame.select(pl.int_range(pl.len()).alias("row"), "label", ANSWER_WORDS.alias("words"))
    parts = []
    for (_,), group in words.group_by("words"):
        good, bad = group.filter(pl.col("label") == 0), group.filter(pl.col("label") == 1)
        k = min(good.height, bad.height)
        if k:
            parts += [good.sample(k, seed=seed)["row"], bad.sample(k, seed=seed)["row"]]
    return pl.concat(parts).to_numpy() if parts else np.zeros(0, dtype=np.int64)


def equal_length_pairs(label: np.ndarray, score: np.ndarray, length: np.ndarray, threshold: float) -> Quality:
    """`quality` over every (label 0, label 1) pair of rows whose answers have the same length, not
    a sample of them: AUROC is the share of those pairs ranked right, balanced accuracy weighs each
    row by the pairs it is in. Rows without a score or without a partner are left out."""
    scored = ~np.isnan(score)
    label, score, length = label[scored], score[scored], length[scored]
    pairs = right = flagged_bad = passed_good = 0.0
    rows = 0
    for words in np.unique(length):
        same = length == words
        bad, good = int(label[same].sum()), int((label[same] == 0).sum())
        if bad and good:
            pairs += bad * good
            right += bad * good * (auroc(label[same], 1.0 - score[same]) or 0.0)
            flagged_bad += good * (score[same & (label == 1)] < threshold).sum()
            passed_good += bad * (score[same & (label == 0)] >= threshold).sum()
            rows += bad + good
    if not pairs:
        return Quality(0, None, None)
    return Quality(rows, right / pairs, float((flagged_bad + passed_good) / (2 * pairs)))


def peer_quality(frame: pl.DataFrame) -> dict[str, Scored]:
    """The published detectors' verdicts in `peer_predictions` (1 = consistent), scored alike."""
    peers = frame["peer_predictions"].struct.unnest()
    return {
        name: scored(frame, peers[name].cast(pl.Float64).fill_null(float("nan")).to_numpy(), 0.5)
        for name in peers.columns
    }


def evaluate(
    data_dir: Path, sample: int | None = None, judge: dict[str, Any] | None = None
) -> dict[str, Scored]:
    """Quality of every task's evaluator (plus length-matched pairs and peers), keyed by name;
    the judge tasks too where `judge` holds the judge options."""
    results: dict[str, Scored] = {}
    for task in TASKS:
        path = data_dir / task.file
        skipped = (task.needs_embeddings and not embeddings_installed()) or (
            task.needs_judge and judge is None
        )
        if not path.exists() or skipped:
            continue
        frame = load(path, task.task, sample)
        if task.construct is not None:
            frame = task.construct(frame)
        threshold = REGISTRY[task.evaluator].threshold
        options = judge if task.needs_judge else task.options
        scores = score(frame, task.evaluator, options)
        results[task.name] = scored(frame, scores, threshold)
        if task.task == "grounded_qa" and task.construct is None:
            matched = length_matched(frame)
            results[f"{task.name}/length_matched"] = scored(frame[matched], scores[matched], threshold)
            results[f"{task.name}/every_equal_length_pair"] = every_equal_length_pair(
                frame, scores, threshold
            )
        if "peer_predictions" in frame.columns and not task.needs_judge:
            for peer, figures in peer_quality(frame).items():
                results[f"{task.name}/peer:{peer}"] = figures
    return results


def _fmt(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


def main(argv: list[str] | None = None) -> int:
    """Print the table and the closing JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--sample", type=int, default=None, help="rows per task (default: all)")
    parser.add_argument(
        "--judge", type=Path, default=None, help="YAML file of judge options: also score the judge tasks"
    )
    args = parser.parse_args(argv)
    if not args.data_dir.exists():
        print(f"no labeled data at {args.data_dir}", file=sys.stderr)
        return 2
    judge = None
    if args.judge is not None:
        judge = yaml.safe_load(args.judge.read_text(encoding="utf-8")) or {}
        try:
            JudgeOptions.model_validate(judge)
        except ValidationError as error:
            print(f"{args.judge}: {error}", file=sys.stderr)
            return 2
    results = evaluate(args.data_dir, args.sample, judge)
    print(
        f"{'dataset/task (evaluator or peer)':52} {'rows':>6} {'AUROC':>6} {'bal.acc':>7}"
        f"   {'half A: AUROC':>13} {'bal.acc':>7}   {'half B: AUROC':>13} {'bal.acc':>7}"
    )
    for name, figures in results.items():
        a, b = figures.halves
        print(
            f"{name:52} {figures.all.n:6d} {_fmt(figures.all.auroc)} {_fmt(figures.all.balanced_accuracy):>7}"
            f"   {_fmt(a.auroc):>13} {_fmt(a.balanced_accuracy):>7}   {_fmt(b.auroc):>13} {_fmt(b.balanced_accuracy):>7}"
        )
    datasets = {name: figures.all._asdict() for name, figures in results.items()}
    print(json.dumps({"datasets": datasets}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Repeated questions: a seeded share of exact and near repeats is measured back, and cache savings follow."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from llmqa.analytics.repeats import flag_repeats, repeat_summary
from tests.conftest import DAY

VOCABULARY = np.array([f"w{i}" for i in range(3000)])


def _traffic(n: int, exact: float, near: float, seed: int = 3) -> pl.DataFrame:
    """Questions of 12 random words; a share repeats an earlier one verbatim (case, punctuation aside)
    or with one word added at the end. `kind` says which, by construction."""
    rng = np.random.default_rng(seed)
    asked: list[str] = []
    rows = []
    for i in range(n):
        draw = rng.random()
        if asked and draw < exact:
            text, kind = asked[rng.integers(len(asked))].upper() + "?!", "exact"
        elif asked and draw < exact + near:
            text, kind = asked[rng.integers(len(asked))] + " please", "near"
        else:
            text, kind = " ".join(rng.choice(VOCABULARY, 12)), "new"
            asked.append(text)
        rows.append((f"t{i:05d}", dt.datetime.combine(DAY, dt.time()) + dt.timedelta(seconds=i), text, kind))
    frame = pl.DataFrame(rows, schema=["trace_id", "ts", "input", "kind"], orient="row")
    return frame.with_columns(prompt_version=pl.lit("v1"), cost_usd=pl.lit(0.002))


def test_the_seeded_exact_and_near_repeat_shares_are_measured_back() -> None:
    traffic = _traffic(6000, exact=0.2, near=0.1)
    flagged = traffic.join(flag_repeats(traffic, 0.8), on="trace_id")
    exact = flagged.filter(pl.col("kind") == "exact")
    assert exact["exact_repeat"].all()
    assert (
        not flagged.filter(pl.col("kind") == "new")
        .select(pl.col("exact_repeat") | pl.col("near_repeat"))
        .to_series()
        .any()
    )
    # a near copy of a question already near-copied is an exact repeat of that copy: either flag is right
    near = (
        flagged.filter(pl.col("kind") == "near")
        .select(pl.col("exact_repeat") | pl.col("near_repeat"))
        .to_series()
    )
    assert near.mean() > 0.99


def test_cache_savings_are_the_cost_of_the_repeats() -> None:
    traffic = _traffic(3000, exact=0.25, near=0.1)
    summary = (
        repeat_summary(DAY, "bot", traffic, 0.8).filter(pl.col("prompt_version") == "*").row(0, named=True)
    )
    repeats = summary["exact_repeats"] + summary["near_repeats"]
    assert summary["repeat_share"] == pytest.approx(repeats / 3000)
    assert summary["exact_cache_savings_usd"] == pytest.approx(summary["exact_repeats"] * 0.002)
    assert summary["semantic_cache_savings_usd"] == pytest.approx(repeats * 0.002)
    assert summary["repeat_share"] == pytest.approx(0.35, abs=0.03)


def test_a_question_about_another_plan_is_not_a_near_repeat() -> None:
    texts = ["How much does the Pro plan cost per month?", "How much does the Team plan cost per month?",
             "how much does the pro plan cost per month", "How much does the Pro plan cost per month please?"]  # fmt: skip
    frame = pl.DataFrame({"trace_id": ["a", "b", "c", "d"], "input": texts, "prompt_version": ["v1"] * 4,
                          "ts": [dt.datetime(2026, 1, 1, 0, 0, i) for i in range(4)]})  # fmt: skip
    flags = flag_repeats(frame, 0.8).sort("trace_id")
    assert flags["exact_repeat"].to_list() == [False, False, True, False]
    assert flags["near_repeat"].to_list() == [False, False, False, True]


def test_repeats_count_within_a_prompt_version_only() -> None:
    frame = pl.DataFrame({"trace_id": ["a", "b"], "input": ["same question"] * 2, "prompt_version": ["v1", "v2"],
                          "ts": [dt.datetime(2026, 1, 1, 0, 0, i) for i in range(2)]})  # fmt: skip
    assert not flag_repeats(frame, 0.8)["exact_repeat"].any()

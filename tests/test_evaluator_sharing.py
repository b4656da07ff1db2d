"""Shared derived columns: built once per batch inside sharing(), never kept outside it."""

from __future__ import annotations

import datetime as dt

import polars as pl
from evaluator_helpers import traces
from polars.testing import assert_frame_equal

from llmqa.evaluators.base import on_rows
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.evaluators.shared import derived, sharing
from llmqa.evaluators.words import units
from llmqa.synthetic import generate_traces


def counting_build(calls: list[int]):
    def build(batch: pl.DataFrame) -> int:
        calls.append(batch.height)
        return len(calls)

    return build


def test_inside_sharing_a_derived_value_is_built_once_per_batch_and_key():
    batch, other, calls = traces(output=["a", "b"]), traces(output=["c"]), []
    build = counting_build(calls)
    with sharing():
        first, again = derived(batch, "k", build), derived(batch, "k", build)
        elsewhere, other_key = derived(other, "k", build), derived(batch, "k2", build)
    assert (first, again) == (1, 1)
    assert (elsewhere, other_key) == (2, 3)


def test_outside_sharing_nothing_is_kept():
    batch, calls = traces(output=["a"]), []
    build = counting_build(calls)
    with sharing():
        derived(batch, "k", build)
    derived(batch, "k", build)
    derived(batch, "k", build)
    assert len(calls) == 3


def test_every_evaluator_scores_the_same_with_and_without_sharing():
    batch = generate_traces(dt.date(2024, 11, 30), days=1, traces_per_day=300, seed=3)
    evaluators = deterministic_evaluators()
    alone = {name: e.compute(batch, e.options()) for name, e in evaluators.items()}
    with sharing():
        shared = {name: e.compute(batch, e.options()) for name, e in evaluators.items()}
    for name, frame in alone.items():
        assert_frame_equal(shared[name], frame, check_exact=False)


def test_units_fold_plurals_drop_stopwords_and_keep_pairs_inside_a_clause():
    batch = traces(output=["The seats cost $12, and the films are free.", None, "the of"])
    words, pairs = units(batch, "output").get_columns()
    assert words.to_list() == [["seat", "cost", "12", "film", "free"], [], []]
    # seat-cost and cost-12 in the first clause, film-free in the second: none across the comma
    assert pairs.list.len().to_list() == [3, 0, 0]


def test_units_split_sentences_joined_without_a_space_but_not_abbreviations():
    batch = traces(
        output=[
            "Founded in Toronto.Toronto is large.",
            "Released in 1989.Donald sang.",
            "Ruled by the UK.Robert Anthony",
            "He joined the U.S.Navy.",
        ]
    )
    words, _ = units(batch, "output").get_columns()
    assert words.to_list() == [
        ["founded", "toronto", "toronto", "large"],
        ["released", "1989", "donald", "sang"],
        ["ruled", "uk", "robert", "anthony"],
        ["joined", "u.s.navy"],
    ]


def test_on_rows_computes_only_where_applicable_and_keeps_row_order():
    batch = traces(output=["short", "a long answer", None, "another long one"])
    seen: list[int] = []

    def upper(rows: pl.DataFrame) -> pl.DataFrame:
        seen.append(rows.height)
        return rows.select(pl.col("output").str.to_uppercase().alias("u"))

    out = on_rows(batch, pl.col("output").str.len_chars() > 5, upper)
    assert out["u"].to_list() == [None, "A LONG ANSWER", None, "ANOTHER LONG ONE"]
    assert seen == [2]

"""The bulk synthetic day: the shape the benchmark asks for, in the trace contract's types."""

from __future__ import annotations

import json

import polars as pl

from llmqa.contract import TRACE_SCHEMA
from llmqa.synthetic.bulk import BULK_APPS, MAX_OUTPUT, RAG_KINDS, bulk_day
from tests.conftest import DAY

N = 3_000


def test_a_bulk_day_has_the_requested_rows_in_the_contract_types() -> None:
    frame = bulk_day(DAY, N)
    assert frame.height == N
    assert frame.schema == TRACE_SCHEMA
    assert frame["ts"].dt.date().unique().to_list() == [DAY]


def test_five_apps_with_three_prompt_versions_each() -> None:
    versions = bulk_day(DAY, N).group_by("app_id").agg(pl.col("prompt_version").n_unique())
    assert sorted(versions["app_id"]) == sorted(app.app_id for app in BULK_APPS)
    assert versions["prompt_version"].to_list() == [3] * 5


def test_outputs_run_up_to_two_thousand_characters() -> None:
    lengths = bulk_day(DAY, N).filter(pl.col("status") == "ok")["output"].str.len_chars()
    assert lengths.max() <= MAX_OUTPUT + 100  # a leaked PII sentence may follow a full output
    assert lengths.quantile(0.95) > 1_000 and lengths.median() >= 50


def test_rag_apps_carry_a_json_list_of_passages_and_the_others_none() -> None:
    frame = bulk_day(DAY, N)
    rag = [app.app_id for app in BULK_APPS if app.kind in RAG_KINDS]
    passages = [json.loads(text) for text in frame.filter(pl.col("app_id").is_in(rag))["context"]]
    assert all(isinstance(p, list) and len(p) >= 2 for p in passages)
    assert (
        frame.filter(~pl.col("app_id").is_in(rag))["context"].null_count()
        == frame.filter(~pl.col("app_id").is_in(rag)).height
    )


def test_each_app_has_rows_that_break_the_contract() -> None:
    frame = bulk_day(DAY, N)
    assert frame.filter(pl.col("latency_ms") < 0).height == 5
    assert frame.filter(pl.col("status") == "unknown_status").height == 5
    assert frame["trace_id"].n_unique() == N - 5


def test_the_same_seed_gives_the_same_day() -> None:
    assert bulk_day(DAY, 500, seed=3).equals(bulk_day(DAY, 500, seed=3))

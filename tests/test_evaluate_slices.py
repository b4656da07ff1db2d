"""A batch is scored in slices of rows side by side, and the slices add up to the whole batch's scores."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import llmqa.evaluate
from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch, row_slices
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.synthetic import generate_traces

BATCH = generate_traces(dt.date(2024, 11, 30), days=1, traces_per_day=400, seed=5)
APP = AppConfig(evaluators={name: {} for name in deterministic_evaluators()})


def test_slices_cover_every_row_once_in_order() -> None:
    slices = row_slices(BATCH, 3)
    assert len(slices) == 1  # 400 rows are fewer than two slices' worth
    frame = pl.DataFrame({"i": range(25_000)})
    slices = row_slices(frame, 3)
    assert [s.height for s in slices] == [12_500, 12_500]
    assert pl.concat(slices)["i"].to_list() == list(range(25_000))
    assert [s.height for s in row_slices(pl.DataFrame({"i": range(90_000)}), 3)] == [30_000] * 3


def test_a_batch_scored_in_slices_gets_the_scores_it_gets_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llmqa.evaluate, "THREADS", 1)
    whole = evaluate_batch(BATCH, APP)
    monkeypatch.setattr(llmqa.evaluate, "THREADS", 4)
    monkeypatch.setattr(llmqa.evaluate, "SLICE_ROWS", 60)
    assert len(row_slices(BATCH, 4)) == 4
    sliced = evaluate_batch(BATCH, APP)
    assert whole.height == BATCH.height * len(APP.evaluators)
    assert sliced.sort(whole.columns, nulls_last=True).equals(whole.sort(whole.columns, nulls_last=True))

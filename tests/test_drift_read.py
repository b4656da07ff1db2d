"""Reading drift's two sides chunk by chunk: the same drift rows as the whole frames, texts only for a sample."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from llmqa.config import Config
from llmqa.drift.compare import compare_app_day, compare_features
from llmqa.drift.features import COLUMNS_READ, HASH, VERSION
from llmqa.drift.read import DriftSides, read_drift_sides
from llmqa.pipeline import evaluate_app_day
from llmqa.reference import stored_scores_wide, valid_trace_chunks
from llmqa.warehouse import Warehouse
from tests.conftest import DAY

APP = "support-bot"
FIRST = DAY - dt.timedelta(days=2)


@pytest.fixture
def evaluated(config: Config, seeded: Warehouse) -> Config:
    """The seeded days of APP evaluated, with a drift text sample smaller than a day."""
    for offset in range(3):
        evaluate_app_day(config, seeded, FIRST + dt.timedelta(days=offset), APP)
    return _drift(config, text_max_samples=100)


def _drift(cfg: Config, **changes: object) -> Config:
    return cfg.model_copy(update={"drift": cfg.drift.model_copy(update=changes)})


def _sides(cfg: Config, chunk_rows: int) -> DriftSides:
    traces = cfg.traces.model_copy(update={"chunk_rows": chunk_rows})
    return read_drift_sides(Warehouse(cfg.warehouse.resolved_url(), traces), cfg, DAY, APP)


def _whole(wh: Warehouse, first: dt.date, last: dt.date) -> pl.DataFrame:
    """The old way: every valid trace of the window in one frame, joined to its stored scores."""
    traces = pl.concat(list(valid_trace_chunks(wh, APP, first, last, COLUMNS_READ)))
    return traces.join(stored_scores_wide(wh, APP, first, last), on="trace_id", how="left")


def test_small_chunks_read_the_same_sides_as_large_ones(evaluated: Config) -> None:
    small, large = _sides(evaluated, 29), _sides(evaluated, 50_000)
    assert small.wanted == large.wanted
    assert small.current.height > 29 and small.reference.height > 29
    assert small.current.sort(HASH).equals(large.current.sort(HASH))
    assert small.reference.sort(HASH).equals(large.reference.sort(HASH))


def test_a_side_keeps_each_text_only_for_the_lowest_hashes_of_each_version(evaluated: Config) -> None:
    reference = _sides(evaluated, 29).reference
    whole = _whole(Warehouse(evaluated.warehouse.resolved_url()), FIRST, DAY - dt.timedelta(days=1))
    expected = (
        whole.filter(pl.col("output").is_not_null())
        .with_columns(pl.col("trace_id").hash(evaluated.drift.seed).alias(HASH))
        .filter(pl.col(HASH).rank("ordinal").over("prompt_version") <= 100)
    )
    assert reference.height == whole.height > expected.height
    kept = reference.filter(pl.col("output").is_not_null())
    assert kept.group_by(VERSION).len()["len"].max() == 100
    assert sorted(kept[HASH]) == sorted(expected[HASH])


def test_a_side_is_tested_on_the_max_rows_traces_with_the_lowest_hashes(evaluated: Config) -> None:
    cfg = _drift(evaluated, max_rows=150)
    sides = _sides(cfg, 29)
    whole = _whole(Warehouse(cfg.warehouse.resolved_url()), FIRST, DAY - dt.timedelta(days=1))
    lowest = whole["trace_id"].hash(cfg.drift.seed).sort().head(150)
    assert sides.reference_traces == whole.height > 150
    assert sorted(sides.reference[HASH]) == lowest.to_list()


@pytest.mark.parametrize("max_rows", [None, 150])
def test_drift_of_the_chunked_sides_equals_drift_of_the_whole_frames(
    evaluated: Config, max_rows: int | None
) -> None:
    cfg = _drift(evaluated, max_rows=max_rows)
    wh = Warehouse(cfg.warehouse.resolved_url())
    current, reference = _whole(wh, DAY, DAY), _whole(wh, FIRST, DAY - dt.timedelta(days=1))
    expected = compare_app_day(DAY, APP, current, reference, cfg.drift)
    sides = _sides(cfg, 29)
    rows = compare_features(DAY, APP, sides.current, sides.reference, sides.wanted, cfg.drift)
    assert rows.filter(pl.col("feature") == "output").height > 0
    assert rows.equals(expected)

"""Which traces the judge samples: stable across reruns, at the rate asked, capped per segment."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import polars as pl
import pytest
from pytest_httpserver import HTTPServer
from scipy import stats

from llmqa.judge import HELPFULNESS, judge_batch
from llmqa.judge.run import NOT_SAMPLED
from llmqa.judge.sampling import draw, sample
from llmqa.synthetic import generate_traces
from tests.judge.chat_server import CHAT, overlap_judge, traces


@pytest.fixture(scope="module")
def day_of_traces() -> pl.DataFrame:
    return generate_traces(dt.date(2024, 5, 2), days=1, traces_per_day=2000, seed=3)


def _sampled_ids(batch: pl.DataFrame, **options: Any) -> set[str]:
    picked = sample(batch, pl.Series([True] * batch.height), **options)
    return set(batch.filter(picked["sampled"])["trace_id"].to_list())


def test_same_traces_are_sampled_whatever_the_row_order(day_of_traces: pl.DataFrame) -> None:
    shuffled = day_of_traces.sample(fraction=1.0, shuffle=True, seed=11)
    options: dict[str, Any] = {"rate": 0.3, "max_per_segment": 40}
    assert _sampled_ids(day_of_traces, **options) == _sampled_ids(shuffled, **options)


def test_draws_are_uniform_in_the_unit_interval() -> None:
    draws = draw(pl.Series([f"trace-{i}" for i in range(5000)]))
    assert draws.min() >= 0.0 and draws.max() < 1.0  # type: ignore[operator]
    assert stats.kstest(draws.to_numpy(), "uniform").pvalue > 0.001


def test_rate_samples_that_share_of_traces(day_of_traces: pl.DataFrame) -> None:
    n, rate = day_of_traces.height, 0.2
    count = len(_sampled_ids(day_of_traces, rate=rate, max_per_segment=None))
    tolerance = 4 * math.sqrt(n * rate * (1 - rate))  # four binomial standard deviations
    assert abs(count - n * rate) < tolerance


def test_cap_applies_per_app_and_prompt_version(day_of_traces: pl.DataFrame) -> None:
    picked = sample(day_of_traces, pl.Series([True] * day_of_traces.height), rate=1.0, max_per_segment=25)
    per_segment = day_of_traces.filter(picked["sampled"]).group_by("app_id", "prompt_version").len()["len"]
    segments = day_of_traces.select("app_id", "prompt_version").unique().height
    assert per_segment.max() == 25
    assert len(per_segment) == segments


def test_only_eligible_traces_are_sampled_and_count_toward_the_cap() -> None:
    batch = traces(app_id=["a"] * 6, prompt_version=["v1"] * 6)
    eligible = pl.Series([False, True, False, True, True, False])
    picked = sample(batch, eligible, rate=1.0, max_per_segment=2)
    assert picked["sampled"].sum() == 2
    assert not (picked["sampled"] & ~eligible).any()


def test_unsampled_traces_get_null_score(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    batch = traces(app_id=["a"] * 5, prompt_version=["v1"] * 5, input=["what?"] * 5, output=["what"] * 5)
    result = judge_batch(batch, make_options(max_per_segment=2), prompt=HELPFULNESS)
    assert result["score"].is_not_null().sum() == 2
    assert result["reason"].to_list().count(NOT_SAMPLED) == 3
    assert len(server.log) == 1  # the two sampled traces share their content

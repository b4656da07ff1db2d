"""The judge's cache, daily budget and concurrency bound, against a real endpoint on loopback."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import polars as pl
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from llmqa.judge import GROUNDEDNESS, judge_batch
from llmqa.judge.run import BUDGET_EXHAUSTED
from llmqa.judge.store import JudgeStore
from tests.judge.chat_server import CHAT, completion, overlap_judge, traces

CONTEXT = "The Pro plan costs 12 dollars a month and includes 5 seats."


def _batch(n: int, day: dt.date = dt.date(2024, 5, 2)) -> pl.DataFrame:
    outputs = ["The Pro plan costs 12 dollars a month.", "The Pro plan costs 30 dollars a month."]
    return traces(
        trace_id=[f"t{i}" for i in range(n)],
        ts=[dt.datetime.combine(day, dt.time(9, i)) for i in range(n)],
        input=[f"How much is Pro? ({i})" for i in range(n)],
        output=[outputs[i % 2] for i in range(n)],
        context=[CONTEXT] * n,
    )


def test_rerun_is_answered_from_the_cache(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    first = judge_batch(_batch(4), make_options(), prompt=GROUNDEDNESS)
    requests_after_first_run = len(server.log)
    second = judge_batch(_batch(4), make_options(), prompt=GROUNDEDNESS)
    assert requests_after_first_run == 4
    assert len(server.log) == requests_after_first_run
    assert second.equals(first)


def test_cache_is_keyed_by_judge_model(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    judge_batch(_batch(2), make_options(model="judge-a"), prompt=GROUNDEDNESS)
    judge_batch(_batch(2), make_options(model="judge-b"), prompt=GROUNDEDNESS)
    assert len(server.log) == 4


def test_identical_traces_cost_one_call(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    batch = traces(input=["q"] * 3, output=["The Pro plan costs 12 dollars."] * 3, context=[CONTEXT] * 3)
    result = judge_batch(batch, make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [1.0, 1.0, 1.0]
    assert len(server.log) == 1


def test_failed_call_is_not_cached(server: HTTPServer, make_options: Any) -> None:
    server.expect_oneshot_request(CHAT).respond_with_json({"error": {"message": "down"}}, status=500)
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    failed = judge_batch(_batch(1), make_options(), prompt=GROUNDEDNESS)
    retried = judge_batch(_batch(1), make_options(), prompt=GROUNDEDNESS)
    assert failed["score"].to_list() == [None]
    assert retried["score"].to_list() == [1.0]


def test_call_budget_leaves_the_rest_null(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    result = judge_batch(_batch(5), make_options(max_calls_per_day=2), prompt=GROUNDEDNESS)
    assert result["score"].is_not_null().sum() == 2
    assert result["reason"].to_list().count(BUDGET_EXHAUSTED) == 3
    assert len(server.log) == 2


def test_budget_is_per_day_and_survives_reruns(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    options = make_options(max_calls_per_day=2)
    judge_batch(_batch(2), options, prompt=GROUNDEDNESS)
    same_day = judge_batch(_batch(4), options, prompt=GROUNDEDNESS)
    next_day = judge_batch(_batch(4, dt.date(2024, 5, 3)), options, prompt=GROUNDEDNESS)
    assert same_day["score"].is_not_null().sum() == 2  # the two cached from the first run
    assert next_day["score"].is_not_null().sum() == 4  # two cached, two newly paid
    assert len(server.log) == 4


def test_rows_without_a_time_are_charged_to_the_day_they_are_judged(
    server: HTTPServer, make_options: Any
) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    options = make_options(max_calls_per_day=2)
    dated = _batch(4)
    undated = dated.with_columns(pl.lit(None, dated.schema["ts"]).alias("ts"))
    days = {dt.datetime.now(dt.UTC).date().isoformat()}
    judge_batch(undated, options, prompt=GROUNDEDNESS)
    days.add(dt.datetime.now(dt.UTC).date().isoformat())  # in case midnight passed meanwhile
    store = JudgeStore(options.resolved_cache_path())
    calls = sum(store.spent(day, GROUNDEDNESS.name).calls for day in days)
    store.close()
    assert calls == 2


def test_cost_budget_stops_calls_once_spent(server: HTTPServer, make_options: Any) -> None:
    # each answer bills 1000 prompt tokens at 10 USD per million: 0.01 USD a call
    server.expect_request(CHAT).respond_with_json(
        completion('{"score": 5, "reason": "ok"}', prompt_tokens=1000, completion_tokens=0)
    )
    options = make_options(
        max_calls_per_day=None,
        max_cost_per_day_usd=0.025,
        usd_per_million_input_tokens=10.0,
        max_concurrency=1,
    )
    result = judge_batch(_batch(6), options, prompt=GROUNDEDNESS)
    assert len(server.log) == 3  # spent 0, 0.01, 0.02 before each: the fourth finds 0.03
    assert result["reason"].to_list().count(BUDGET_EXHAUSTED) == 3


def test_concurrent_calls_reach_but_never_exceed_the_bound(server: HTTPServer, make_options: Any) -> None:
    bound = 3
    together = threading.Barrier(bound, timeout=5.0)
    lock = threading.Lock()
    in_flight = [0]
    peak = [0]

    def answer(request: Request) -> Response:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        try:
            together.wait()  # passes only when `bound` calls are open at once
            return overlap_judge(request)
        except threading.BrokenBarrierError:
            return Response("{}", status=400)
        finally:
            with lock:
                in_flight[0] -= 1

    server.expect_request(CHAT).respond_with_handler(answer)
    result = judge_batch(_batch(9), make_options(max_concurrency=bound), prompt=GROUNDEDNESS)
    assert result["score"].is_not_null().all()
    assert peak[0] == bound


def test_malformed_answer_is_cached_like_any_answer(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_json(completion("no idea"))
    first = judge_batch(_batch(1), make_options(), prompt=GROUNDEDNESS)
    second = judge_batch(_batch(1), make_options(), prompt=GROUNDEDNESS)
    assert second.equals(first)
    assert len(server.log) == 1

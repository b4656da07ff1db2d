"""Judge calls through the real openai client against a real HTTP endpoint on loopback."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from llmqa.judge import CORRECTNESS, GROUNDEDNESS, HELPFULNESS, judge_batch
from tests.judge.chat_server import CHAT, completion, overlap_judge, traces

CONTEXT = "Refunds are issued within 14 days of purchase on every plan."
SUPPORTED = "Refunds are issued within 14 days of purchase."
UNSUPPORTED = "Refunds are issued within 90 days, no questions asked."


def _one_trace(output: str = SUPPORTED) -> Any:
    return traces(input=["How long do refunds take?"], output=[output], context=[CONTEXT])


def test_supported_answer_passes_and_unsupported_fails(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT, method="POST").respond_with_handler(overlap_judge)
    batch = traces(
        input=["How long do refunds take?"] * 2,
        output=[SUPPORTED, UNSUPPORTED],
        context=[CONTEXT] * 2,
    )
    result = judge_batch(batch, make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [1.0, 0.0]
    assert result["reason"].to_list() == [
        "judge: 5/5 overlap verdict 5",
        "judge: 1/5 overlap verdict 1",
    ]


def test_each_judge_shows_the_fields_it_needs(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    batch = traces(input=["q"], output=["a"], context=["c"], reference=["r"])
    for prompt, shown in [
        (GROUNDEDNESS, "CONTEXT"), (CORRECTNESS, "REFERENCE"), (HELPFULNESS, "QUESTION"),
    ]:  # fmt: skip
        judge_batch(batch, make_options(), prompt=prompt)
        user = json.loads(server.log[-1][0].get_data())["messages"][-1]["content"]
        assert f"{shown}:\n<data>" in user


def test_trace_without_needed_field_is_not_judged(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    batch = traces(input=["q", "q"], output=[None, "an answer"], context=[CONTEXT, "  "])
    result = judge_batch(batch, make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [None, None]
    assert result["reason"].to_list() == ["no output to judge", "no context to judge"]
    assert server.log == []


def test_rate_limit_is_retried_after_the_delay_the_server_asks(server: HTTPServer, make_options: Any) -> None:
    arrivals: list[float] = []

    def answer(request: Request) -> Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Response("{}", status=429, headers={"Retry-After": "1"})
        return overlap_judge(request)

    server.expect_request(CHAT).respond_with_handler(answer)
    result = judge_batch(_one_trace(), make_options(max_retries=2), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [1.0]
    assert len(arrivals) == 2
    # the client's own backoff for a first retry is at most 0.5 s, so >= 1 s means Retry-After ruled
    assert arrivals[1] - arrivals[0] >= 0.95


def test_server_error_is_retried_with_backoff(server: HTTPServer, make_options: Any) -> None:
    server.expect_oneshot_request(CHAT).respond_with_json({"error": {"message": "boom"}}, status=500)
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    result = judge_batch(_one_trace(), make_options(max_retries=1), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [1.0]
    assert len(server.log) == 2


def test_endpoint_that_keeps_failing_gives_null_with_reason(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_json({"error": {"message": "overloaded"}}, status=503)
    result = judge_batch(_one_trace(), make_options(max_retries=1), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [None]
    assert result["reason"].to_list() == ["judge call failed: Error code: 503 - overloaded"]
    assert len(server.log) == 2


def test_slow_endpoint_times_out_into_null_with_reason(server: HTTPServer, make_options: Any) -> None:
    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(3.0)
        return overlap_judge(request)

    server.expect_request(CHAT).respond_with_handler(stall)
    try:
        result = judge_batch(_one_trace(), make_options(timeout_seconds=0.5), prompt=GROUNDEDNESS)
    finally:
        release.set()
    assert result["score"].to_list() == [None]
    assert result["reason"].to_list() == ["judge call failed: timed out after 0.5 s"]


def test_timeout_then_answer_succeeds_on_retry(server: HTTPServer, make_options: Any) -> None:
    release = threading.Event()
    calls: list[int] = []

    def stall_once(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            release.wait(3.0)
        return overlap_judge(request)

    server.expect_request(CHAT).respond_with_handler(stall_once)
    try:
        options = make_options(timeout_seconds=0.5, max_retries=1)
        result = judge_batch(_one_trace(), options, prompt=GROUNDEDNESS)
    finally:
        release.set()
    assert result["score"].to_list() == [1.0]
    assert len(calls) == 2


def test_malformed_answer_is_recorded_not_passed(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_json(completion("Looks good to me, I'd say high."))
    result = judge_batch(_one_trace(), make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [None]
    assert result["reason"][0].startswith("judge answer malformed: no JSON object with a score")


def test_answer_in_code_fence_with_prose_is_read(server: HTTPServer, make_options: Any) -> None:
    fenced = 'Here is my verdict:\n```json\n{"score": 4, "reason": "mostly supported"}\n```'
    server.expect_request(CHAT).respond_with_json(completion(fenced))
    result = judge_batch(_one_trace(), make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [0.75]
    assert result["reason"].to_list() == ["judge: 4/5 mostly supported"]


def test_unreachable_endpoint_gives_null_with_reason(make_options: Any) -> None:
    options = make_options(base_url="http://127.0.0.1:9/v1")
    result = judge_batch(_one_trace(), options, prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [None]
    assert result["reason"].to_list() == ["judge call failed: cannot connect to the endpoint"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("hello", "text/plain"), ("[1, 2]", "application/json"), ("{bad json", "application/json")],
)
def test_answer_that_is_not_a_completion_gives_null_with_reason(
    server: HTTPServer, make_options: Any, body: str, content_type: str
) -> None:
    server.expect_request(CHAT).respond_with_data(body, content_type=content_type)
    result = judge_batch(_one_trace(), make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [None]
    assert result["reason"][0].startswith("judge call failed: answer is not a chat completion")


def test_completion_without_text_is_malformed(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT).respond_with_json(completion(None))
    result = judge_batch(_one_trace(), make_options(), prompt=GROUNDEDNESS)
    assert result["score"].to_list() == [None]
    assert result["reason"].to_list() == ["judge answer malformed: empty answer"]

"""Judge throughput against a local OpenAI-compatible server that answers after a fixed delay.

Prints calls per second for several max_concurrency values, then the time of a rerun that
the cache answers. Traffic stays on 127.0.0.1; the run is bounded (a few hundred calls).
Run: PYTHONPATH=. python bench/judge_throughput.py
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import time
from pathlib import Path

import polars as pl
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from llmqa.judge import HELPFULNESS, JudgeOptions, judge_batch
from llmqa.synthetic import generate_traces

DELAY_SECONDS = 0.05
ANSWER = {
    "id": "bench",
    "object": "chat.completion",
    "created": 0,
    "model": "bench",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": '{"score": 4, "reason": "fine"}'},
        }
    ],
    "usage": {"prompt_tokens": 300, "completion_tokens": 20, "total_tokens": 320},
}


def _answer(request: Request) -> Response:
    time.sleep(DELAY_SECONDS)
    return Response(json.dumps(ANSWER), content_type="application/json")


def main() -> None:
    """Time judge_batch at several concurrency bounds, then a fully cached rerun."""
    batch = generate_traces(dt.date(2024, 5, 2), days=1, traces_per_day=200, seed=1)
    batch = batch.filter(pl.col("output").str.len_chars() > 0).with_columns(
        pl.format("{} ({})", "input", "trace_id").alias("input")  # every trace a distinct call
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request("/v1/chat/completions").respond_with_handler(_answer)
    server.start()
    os.environ["LLMQA_BENCH_KEY"] = "bench"
    try:
        with tempfile.TemporaryDirectory() as folder:
            print(f"{batch.height} traces, server delay {DELAY_SECONDS * 1000:.0f} ms per call")
            for concurrency in (1, 4, 16):
                options = JudgeOptions(
                    base_url=server.url_for("/v1"),
                    api_key_env="LLMQA_BENCH_KEY",
                    cache_path=str(Path(folder) / f"c{concurrency}.sqlite"),
                    max_concurrency=concurrency,
                    max_calls_per_day=None,
                )
                before = len(server.log)
                start = time.perf_counter()
                judge_batch(batch, options, prompt=HELPFULNESS)
                seconds = time.perf_counter() - start
                calls = len(server.log) - before
                print(f"max_concurrency {concurrency:2d}: {calls} calls in {seconds:.2f} s, "
                      f"{calls / seconds:.0f} calls/s")  # fmt: skip
            start = time.perf_counter()
            before = len(server.log)
            judge_batch(batch, options, prompt=HELPFULNESS)
            seconds = time.perf_counter() - start
            print(f"cached rerun: {len(server.log) - before} calls, {seconds:.3f} s")
    finally:
        server.stop()


if __name__ == "__main__":
    main()

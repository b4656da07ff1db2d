"""An OpenAI-compatible chat endpoint's answers for the judge tests, and trace batches."""

from __future__ import annotations

import json
import re
from typing import Any

import polars as pl
from werkzeug import Request, Response

from llmqa.contract import TRACE_SCHEMA

CHAT = "/v1/chat/completions"
KEY_ENV = "LLMQA_TEST_JUDGE_KEY"
SECRET = "sk-test-0123456789abcdef"


def completion(content: str | None, prompt_tokens: int = 200, completion_tokens: int = 25) -> dict[str, Any]:
    """An OpenAI chat.completion body."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "judge-test",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def sections(request: Request) -> dict[str, str]:
    """The labelled <data> sections of the judge prompt in a chat request."""
    user = json.loads(request.get_data())["messages"][-1]["content"]
    return dict(re.findall(r"([A-Z]+):\n<data>(.*?)</data>", user, flags=re.DOTALL))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def overlap_judge(request: Request) -> Response:
    """A stand-in judge model: 5 when every answer word is in the context or reference, else 1."""
    parts = sections(request)
    source = parts.get("CONTEXT") or parts.get("REFERENCE") or parts["QUESTION"]
    score = 5 if words(parts["ANSWER"]) <= words(source) else 1
    body = completion(json.dumps({"score": score, "reason": f"overlap verdict {score}"}))
    return Response(json.dumps(body), status=200, content_type="application/json")


def traces(**columns: list[Any]) -> pl.DataFrame:
    """A batch in the trace contract: the given columns, numbered trace ids, the rest null."""
    height = len(next(iter(columns.values())))
    columns.setdefault("trace_id", [f"t{i}" for i in range(height)])
    return pl.DataFrame(
        {c: pl.Series(c, columns.get(c, [None] * height), dtype=t) for c, t in TRACE_SCHEMA.items()}
    )

"""Cost per segment and per successful answer, token growth, and routing candidates with their savings."""

from __future__ import annotations

import polars as pl
import pytest

from llmqa.analytics.cost import cost_breakdown, cost_findings, reference_tokens
from llmqa.analytics.routing import routing_candidates
from llmqa.analytics.settings import DEFAULT_PRICES, RoutingConfig
from llmqa.metrics import ALL, METRICS_SCHEMA
from tests.conftest import DAY


def _outcomes(model: str, n: int, *, good: int, version: str = "v1", input_chars: int = 40) -> pl.DataFrame:
    return pl.DataFrame({
        "trace_id": [f"{version}-{model}-{i}" for i in range(n)], "prompt_version": [version] * n,
        "model": [model] * n, "input": ["q" * input_chars] * n, "success": [i < good for i in range(n)],
        "prompt_tokens": [300] * n, "completion_tokens": [100] * n, "tokens": [400] * n,
        "cost_usd": [0.3 * DEFAULT_PRICES[model].prompt + 0.1 * DEFAULT_PRICES[model].completion] * n,
    })  # fmt: skip


def test_cost_per_successful_answer_divides_spend_by_successes() -> None:
    outcomes = _outcomes("gpt-4o", 100, good=80)
    no_history = pl.DataFrame(schema=METRICS_SCHEMA)
    row = (
        cost_breakdown(DAY, "bot", outcomes, reference_tokens(no_history))
        .filter((pl.col("prompt_version") == ALL) & (pl.col("model") == ALL))
        .row(0, named=True)
    )
    assert row["successes"] == 80
    assert row["cost_per_success"] == pytest.approx(outcomes["cost_usd"].sum() / 80)


def test_token_growth_is_against_the_traffic_weighted_reference() -> None:
    history = pl.DataFrame({
        "prompt_version": ["v1", "v1"], "model": ["gpt-4o", "gpt-4o"], "metric": ["tokens_per_trace"] * 2,
        "value": [300.0, 340.0], "n": [100, 300],
    })  # fmt: skip
    frame = cost_breakdown(DAY, "bot", _outcomes("gpt-4o", 10, good=10), reference_tokens(history))
    row = frame.filter((pl.col("prompt_version") == "v1") & (pl.col("model") == "gpt-4o")).row(0, named=True)
    assert row["reference_tokens_per_trace"] == pytest.approx(330.0)  # (300 * 100 + 340 * 300) / 400
    assert row["token_growth"] == pytest.approx(400 / 330 - 1)


def test_the_cost_finding_names_token_growth_worth_a_look() -> None:
    history = pl.DataFrame({"prompt_version": ["v1"], "model": [ALL], "metric": ["tokens_per_trace"],
                            "value": [200.0], "n": [50]})  # fmt: skip
    texts = [
        t
        for _, t in cost_findings(
            cost_breakdown(DAY, "bot", _outcomes("gpt-4o", 10, good=9), reference_tokens(history))
        )
    ]
    assert any("100% more than the reference window" in t for t in texts)


def test_short_requests_on_an_expensive_model_are_routing_candidates_priced_by_tokens() -> None:
    outcomes = pl.concat(
        [_outcomes("gpt-4o", 200, good=190), _outcomes("gpt-4o-mini", 200, good=192, version="v2")]
    )
    rows = routing_candidates(DAY, "bot", outcomes, DEFAULT_PRICES, RoutingConfig())
    assert rows.height == 1
    row = rows.row(0, named=True)
    assert (row["model"], row["cheaper_model"]) == ("gpt-4o", "gpt-4o-mini")
    mini = DEFAULT_PRICES["gpt-4o-mini"]
    assert row["cost_on_cheaper_usd"] == pytest.approx(200 * (0.3 * mini.prompt + 0.1 * mini.completion))
    assert row["savings_usd"] == pytest.approx(row["cost_usd"] - row["cost_on_cheaper_usd"])


def test_no_candidate_when_the_cheaper_model_does_worse_or_requests_are_long() -> None:
    worse = pl.concat(
        [_outcomes("gpt-4o", 200, good=190), _outcomes("gpt-4o-mini", 200, good=170, version="v2")]
    )
    assert routing_candidates(DAY, "bot", worse, DEFAULT_PRICES, RoutingConfig()).height == 0
    long = pl.concat(
        [_outcomes("gpt-4o", 200, good=190, input_chars=900), _outcomes("gpt-4o-mini", 200, good=200)]
    )
    assert routing_candidates(DAY, "bot", long, DEFAULT_PRICES, RoutingConfig()).height == 0

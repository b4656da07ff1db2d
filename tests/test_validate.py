"""Validation: each row that breaks the contract is quarantined with its reason; the rest go on."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import polars as pl
import pytest

from llmqa.contract import KNOWN_STATUSES, TRACE_SCHEMA
from llmqa.validate import validate_batch
from tests.conftest import DAY

NOON = dt.datetime.combine(DAY, dt.time(12))


def _row(trace_id: str, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {c: None for c in TRACE_SCHEMA}
    row |= {"trace_id": trace_id, "ts": NOON, "app_id": "a", "prompt_version": "v1", "model": "m",
            "output": "fine", "status": "ok", "latency_ms": 10.0, "cost_usd": 0.001,
            "prompt_tokens": 5, "completion_tokens": 3, "metadata": '{"resolved": true}'}  # fmt: skip
    return row | changes


def _validate(*rows: dict[str, Any]) -> Any:
    return validate_batch(pl.DataFrame(list(rows), schema=TRACE_SCHEMA), DAY, "a", KNOWN_STATUSES)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"trace_id": None}, "trace_id is missing"),
        ({"model": None}, "model is missing"),
        ({"ts": NOON + dt.timedelta(days=1)}, "ts outside the day"),
        ({"latency_ms": -1.0}, "latency_ms is negative"),
        ({"completion_tokens": -3}, "completion_tokens is negative"),
        ({"cost_usd": float("nan")}, "cost_usd is not finite"),
        ({"latency_ms": float("inf")}, "latency_ms is not finite"),
        ({"status": "exploded"}, "unknown status"),
        ({"metadata": "{resolved: yes"}, "metadata is not valid JSON"),
        ({"context": '["a passage", 3]'}, "context JSON is not a list of strings"),
        ({"context": "[not json"}, "context JSON is not a list of strings"),
    ],
)
def test_a_broken_row_is_quarantined_with_its_reason(changes: dict[str, Any], reason: str) -> None:
    result = _validate(_row("good"), _row("bad") | changes)
    assert result.valid["trace_id"].to_list() == ["good"]
    assert result.quarantine["reason"].to_list() == [reason]
    assert result.quarantine["trace_id"].to_list() == [changes.get("trace_id", "bad")]


def test_a_row_breaking_two_rules_gives_both_reasons() -> None:
    result = _validate(_row("bad", latency_ms=-5.0, status="weird"))
    assert set(result.quarantine["reason"][0].split("; ")) == {"latency_ms is negative", "unknown status"}


def test_a_duplicate_id_keeps_the_first_copy() -> None:
    result = _validate(_row("t1", output="first"), _row("t1", output="second"))
    assert result.valid["output"].to_list() == ["first"]
    assert result.quarantine["reason"].to_list() == ["duplicate trace_id"]


def test_plain_text_context_and_null_optional_fields_are_valid() -> None:
    result = _validate(_row("t1", context="A plain passage.", metadata=None, output=None, latency_ms=None))
    assert result.valid.height == 1 and result.quarantine.height == 0


def test_the_quarantined_row_keeps_its_content() -> None:
    result = _validate(_row("bad", status="exploded", output="<b>kept</b>"))
    assert '"output":"<b>kept</b>"' in result.quarantine["row_json"][0]


def test_counts_add_up_and_checks_are_reported() -> None:
    rows = [_row(f"t{i}") for i in range(20)] + [_row("x", latency_ms=-1.0), _row("t0")]
    result = _validate(*rows)
    assert result.valid.height + result.quarantine.height == len(rows)
    failed = result.checks.filter(~pl.col("success"))
    assert sorted(failed["column_name"].to_list()) == ["latency_ms", "trace_id"]
    assert result.checks["element_count"].unique().to_list() == [len(rows)]


def test_an_empty_day_validates_to_nothing() -> None:
    result = _validate()
    assert result.valid.height == 0 and result.quarantine.height == 0 and result.checks.height == 0


def test_batches_validated_in_threads_at_once_get_their_own_verdicts() -> None:
    batches = [
        [_row("good"), _row("bad", latency_ms=-1.0)],
        [_row("good"), _row("bad", status="exploded")],
        [_row("good"), _row(None)],  # type: ignore[arg-type]
        [_row("good"), _row("bad", model=None)],
    ] * 6
    alone = [_validate(*rows).quarantine["reason"].to_list() for rows in batches]
    with ThreadPoolExecutor(4) as pool:
        side_by_side = list(pool.map(lambda rows: _validate(*rows).quarantine["reason"].to_list(), batches))
    assert side_by_side == alone

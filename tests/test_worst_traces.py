"""The worst traces kept for reports and alerts: what of a failing trace leaves the warehouse."""

from __future__ import annotations

import datetime as dt
import re

from evaluator_helpers import traces

from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch
from llmqa.examples import failing_candidates, worst_traces
from llmqa.report.render import highlight

LEAK = "Refunds take 90 days. Call +1 415 555 0134 or write to jane.miller@example.com."


def worst(output: str) -> dict:
    batch = traces(
        trace_id=["t1"], prompt_version=["v1"], model=["m"], input=["How long do refunds take?"],
        context=["Refunds take 14 days from the day the return arrives."], output=[output],
    )  # fmt: skip
    scores = evaluate_batch(batch, AppConfig(evaluators={"groundedness": {}}))
    return failing_candidates(batch, scores, per_version=5).row(0, named=True)


def test_a_reason_that_lists_words_names_the_kind_of_pii_in_place_of_its_pieces():
    found = worst(LEAK)
    for piece in ("415", "0134", "jane.miller", "example.com"):
        assert not re.search(rf"\b{re.escape(piece)}\b", found["reasons"]), piece
    assert "[PHONE]" in found["reasons"] and "[EMAIL]" in found["reasons"] and "90" in found["reasons"]


def test_the_marked_spans_of_a_worst_trace_leave_its_pii_out():
    assert worst(LEAK)["unsupported"] == "90 | call [PHONE] or write to [EMAIL]"


def test_the_spans_of_a_worst_trace_are_marked_in_its_redacted_answer():
    found = worst(LEAK)
    marked = str(highlight(found["output_excerpt"], found["unsupported"]))
    assert marked == "Refunds take <mark>90</mark> days. <mark>Call [PHONE] or write to [EMAIL]</mark>."


def test_one_trace_of_each_failing_combination_ranks_before_a_second_of_any():
    blank, hallucinated = [""] * 5, ["Refunds take 90 days from the day the return arrives."]
    batch = traces(
        trace_id=[f"t{i}" for i in range(6)], prompt_version=["v1"] * 6, model=["m"] * 6,
        input=["How long do refunds take?"] * 6,
        context=["Refunds take 14 days from the day the return arrives."] * 6, output=blank + hallucinated,
    )  # fmt: skip
    scores = evaluate_batch(batch, AppConfig(evaluators={"empty_output": {}, "groundedness": {}}))
    candidates = [failing_candidates(batch.slice(start, 3), scores, per_version=2) for start in (0, 3)]
    worst = worst_traces(dt.date(2026, 11, 30), "bot", candidates, per_version=2)
    assert sorted(worst["failed"].to_list()) == ["empty_output", "groundedness"]

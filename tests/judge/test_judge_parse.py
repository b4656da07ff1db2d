"""Reading a judge's answer: the 1-5 score maps onto [0, 1]; anything else is malformed."""

from __future__ import annotations

import pytest

from llmqa.judge.parse import MALFORMED, parse_verdict


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ('{"score": 5, "reason": "fine"}', 1.0),
        ('{"score": 1, "reason": "wrong"}', 0.0),
        ('{"score": "3", "reason": "half"}', 0.5),
        ('```json\n{"score": 4, "reason": "ok"}\n```', 0.75),
        (
            'Sure! {"note": "draft"} My verdict: {"score": 2, "reason": "thin"} Hope this helps.',
            0.25,
        ),
        ('{"score": 4.5, "reason": "close", "details": {"claims": 3}}', 0.875),
    ],
)
def test_score_is_read_from_json_anywhere_in_the_answer(answer: str, score: float) -> None:
    assert parse_verdict(answer).score == score


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "   ",
        "The answer is well supported.",
        '{"score": 7, "reason": "off the scale"}',
        '{"score": 0, "reason": "below the scale"}',
        '{"score": true, "reason": "a boolean"}',
        '{"score": "high", "reason": "a word"}',
        '{"score": NaN, "reason": "not a number"}',
        '{"reason": "no score"}',
        '{"score": 5, "reason": "cut off',
    ],
)
def test_anything_else_is_malformed_with_null_score(answer: str | None) -> None:
    verdict = parse_verdict(answer)
    assert verdict.score is None
    assert verdict.reason.startswith(MALFORMED)


def test_reason_carries_the_judges_words_and_score() -> None:
    assert parse_verdict('{"score": 2, "reason": " invents a date "}').reason == ("judge: 2/5 invents a date")

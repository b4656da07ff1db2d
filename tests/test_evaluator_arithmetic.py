"""arithmetic: written-out calculations in an answer are re-computed."""

from __future__ import annotations

import pytest
from evaluator_helpers import reasons, scores, traces

RIGHT = [
    "The Team plan is 5 seats × $12 = $60 per month.",
    "Three seats cost 3 * 49 = 147, so 147 + 20 = 167 with the add-on.",
    "Your discount is 20% of $150 = $30.",
    "Split three ways: 100 / 3 = 33.33 each.",
    "That is 1,200 x 3 = 3,600 requests a day.",
    "The rate rises 12.5% + 2.5% = 15%.",
    "3 × 4 + 2 = 12 + 2 = 14",
    "It's 7 - 2 = 5 and 2 - 7 = -5.",
]
# the first two calculations are from HaluEval general-chat answers (MIT), one labelled correct
WRONG = [
    ("122 × 47.88 = 5,834.16", "wrong calculation: 122 × 47.88 = 5,834.16 (is 5,841.36)"),
    (
        "Total: $1,500 + $500 + $600 + $350 + $150 + $150 = $2,300",
        "wrong calculation: $1,500 + $500 + $600 + $350 + $150 + $150 = $2,300 (is 3,250)",
    ),
    ("The Team plan is 5 seats × $12 = $65 per month.", "wrong calculation: 5 seats × $12 = $65 (is 60)"),
    ("3 × 4 + 2 = 12 + 2 = 15", "wrong calculation: 3 × 4 + 2 = 12 + 2 = 15 (is 14)"),
]
# equals signs that are no calculation, and calculations that are part of longer algebra
NOT_CALCULATIONS = [
    "Set x = 5 and y = 10 in the config.",
    "Version 3.1 = the stable release.",
    "In 2019-2021 = two years of growth.",
    "Solve y + 5 = 20 / 5 = 4 for y.",
    "Since 3^2 × 5 = 45, the area is 45.",
    "LCM(3, 5, 7) = 3 x 5 x 7 = 105.",
    "It costs 10 / 0 = 5",
    "The meeting is at 10:00 on 2024-11-30.",
]


@pytest.mark.parametrize("text", RIGHT)
def test_a_right_calculation_passes(text):
    assert scores("arithmetic", traces(output=[text])) == [1.0]


@pytest.mark.parametrize(("text", "reason"), WRONG)
def test_a_wrong_calculation_fails_and_shows_the_right_result(text, reason):
    batch = traces(output=[text])
    assert scores("arithmetic", batch) == [0.0]
    assert reasons("arithmetic", batch) == [reason]


@pytest.mark.parametrize("text", NOT_CALCULATIONS)
def test_text_without_a_checkable_calculation_is_not_applicable(text):
    assert scores("arithmetic", traces(output=[text])) == [None]


def test_a_result_rounded_to_the_decimals_it_shows_is_right_and_one_beyond_them_is_not():
    batch = traces(output=["100 / 3 = 33.3", "100 / 3 = 33.4", "2 / 3 = 67%", "2 / 3 = 66%"])
    assert scores("arithmetic", batch) == [1.0, 0.0, 1.0, 0.0]


def test_a_calculation_must_stay_on_one_line():
    batch = traces(output=["28/32 + 18/8\n= 7/8 + 2"])
    assert scores("arithmetic", batch) == [None]

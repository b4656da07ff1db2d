"""chi_square: homogeneity of category counts, with Cramér's V as effect size."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.drift.chi_square import chi_square


def _categories(**counts: int) -> np.ndarray:
    return np.array([name for name, n in counts.items() for _ in range(n)], dtype=object)


def test_two_by_two_table_matches_the_shortcut_formula() -> None:
    # N (ad - bc)^2 / (row and column totals) = 200 * 2000^2 / (100 * 100 * 120 * 80) = 8.333.
    result = chi_square(_categories(a=50, b=50), _categories(a=70, b=30), 0.05)
    assert result.statistic == pytest.approx(25 / 3)
    assert result.p_value == pytest.approx(0.0038924, abs=1e-6)
    assert result.effect_size == pytest.approx(np.sqrt(25 / 3 / 200))


def test_a_category_new_today_is_counted_and_named() -> None:
    result = chi_square(_categories(gpt=300), _categories(gpt=150, claude=150), 0.05)
    assert result.drifted
    assert result.detail["shares"][0]["category"] in {"gpt", "claude"}
    assert {s["category"] for s in result.detail["shares"]} == {"gpt", "claude"}


def test_a_single_shared_category_is_no_drift() -> None:
    result = chi_square(_categories(stop=40), _categories(stop=60), 0.05)
    assert (result.statistic, result.p_value, result.drifted) == (0.0, 1.0, False)


def test_is_symmetric() -> None:
    a, b = _categories(x=30, y=20, z=5), _categories(x=10, y=25, z=15)
    forward, backward = chi_square(a, b, 0.05), chi_square(b, a, 0.05)
    assert (forward.statistic, forward.p_value) == pytest.approx((backward.statistic, backward.p_value))

"""The shared tests and sample sizes, checked against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from llmqa.analytics import stats


def test_two_proportion_z_matches_the_pooled_formula() -> None:
    # 45/100 vs 60/100: pooled 0.525, se = sqrt(0.525 * 0.475 * 0.02) = 0.07062, z = 0.15 / 0.07062 = 2.124
    z, p = stats.two_proportion_z(45, 100, 60, 100)
    assert z == pytest.approx(2.124, abs=1e-3) and p == pytest.approx(0.0337, abs=1e-3)


def test_sample_size_for_50_vs_60_percent_is_the_textbook_388() -> None:
    # (1.96 * sqrt(2 * .55 * .45) + 0.8416 * sqrt(.25 + .24))^2 / 0.1^2 = 387.3, rounded up
    assert stats.proportion_sample_size(0.5, 0.6) == 388
    assert stats.proportion_sample_size(0.5, 0.5) is None


def test_shift_sample_size_is_the_t_test_size_over_the_efficiency_of_ranks() -> None:
    # 2 * (1.96 + 0.8416)^2 * 1 / 0.5^2 = 62.8, divided by 3/pi = 65.8
    assert stats.shift_sample_size(0.5, 1.0) == 66
    assert stats.shift_sample_size(0.0, 1.0) is None


def test_mcnemar_is_the_exact_binomial_on_discordant_pairs() -> None:
    # 1 vs 9 discordant pairs: 2 * P(X <= 1 | n = 10, 1/2) = 2 * 11 / 1024
    assert stats.mcnemar(9, 1).p_value == pytest.approx(22 / 1024)
    assert stats.mcnemar(0, 0).p_value == 1.0


def test_wilcoxon_with_no_differences_is_not_significant() -> None:
    scores = np.array([0.2, 0.5, 0.9])
    assert stats.wilcoxon_paired(scores, scores.copy()).p_value == 1.0


def test_holm_multiplies_by_rank_and_keeps_order() -> None:
    # sorted 0.01, 0.02, 0.04 times 3, 2, 1 -> 0.03, 0.04, 0.04 (monotone); nan stays nan
    adjusted = stats.holm([0.04, 0.01, math.nan, 0.02])
    assert adjusted[0] == pytest.approx(0.04) and adjusted[1] == pytest.approx(0.03)
    assert math.isnan(adjusted[2]) and adjusted[3] == pytest.approx(0.04)

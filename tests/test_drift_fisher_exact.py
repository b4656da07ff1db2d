"""fisher_exact: rates with small counts."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.drift.fisher_exact import fisher_exact


def test_lady_tasting_tea_table_gives_the_textbook_p_value() -> None:
    # Table [[3, 1], [1, 3]]: two-sided p = (1 + 16 + 16 + 1) / 70 = 34/70, odds ratio 9.
    result = fisher_exact(np.array([1, 0, 0, 0], bool), np.array([1, 1, 1, 0], bool), 0.005)
    assert result.p_value == pytest.approx(34 / 70)
    assert result.statistic == pytest.approx(9.0)
    assert result.effect_size == pytest.approx(0.5)
    assert not result.drifted


def test_p_value_is_symmetric_in_the_samples() -> None:
    a, b = np.arange(20) < 2, np.arange(15) < 9
    assert fisher_exact(a, b, 0.005).p_value == pytest.approx(fisher_exact(b, a, 0.005).p_value)

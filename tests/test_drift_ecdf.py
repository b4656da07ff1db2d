"""ecdf: a sample's distribution function on its distinct values, and the gap and area between two."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.drift.ecdf import area_between, ecdf, largest_gap


def test_shares_are_cumulative_over_distinct_values() -> None:
    distribution = ecdf(np.array([2.0, 1.0, 2.0, 3.0]))
    assert distribution.values.tolist() == [1.0, 2.0, 3.0]
    assert distribution.shares.tolist() == [0.25, 0.75, 1.0]


def test_share_at_a_point_counts_the_values_at_or_below_it() -> None:
    distribution = ecdf(np.array([1.0, 2.0, 2.0, 3.0]))
    assert distribution.at(np.array([0.5, 1.0, 2.5, 9.0])).tolist() == [0.0, 0.25, 0.75, 1.0]


def test_gap_between_disjoint_samples_is_one() -> None:
    assert largest_gap(ecdf(np.array([1.0, 2.0])), ecdf(np.array([5.0, 6.0]))) == 1.0


def test_area_between_a_sample_and_its_shift_is_the_shift() -> None:
    sample = np.array([0.0, 1.0, 1.0, 4.0])
    assert area_between(ecdf(sample), ecdf(sample + 0.5)) == pytest.approx(0.5)

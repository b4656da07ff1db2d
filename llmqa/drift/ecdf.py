"""Empirical distribution functions of numeric samples, on their distinct values.

Most numeric features take few distinct values (evaluator scores, token counts), so a sample
of 200,000 values is a few dozen (value, count) pairs: the Kolmogorov-Smirnov gap and the
Wasserstein distance are then sums over those pairs, not over every value.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Ecdf(NamedTuple):
    """A sample's distinct values in increasing order and the share of the sample at or below each."""

    values: np.ndarray
    shares: np.ndarray

    def at(self, points: np.ndarray) -> np.ndarray:
        """The share of the sample at or below each point."""
        below = np.searchsorted(self.values, points, side="right")
        return np.where(below > 0, self.shares[below - 1], 0.0)


def ecdf(sample: np.ndarray) -> Ecdf:
    """The empirical distribution function of a non-empty sample of finite floats."""
    values, counts = np.unique(sample, return_counts=True)
    return Ecdf(values, np.cumsum(counts) / sample.size)


def largest_gap(a: Ecdf, b: Ecdf) -> float:
    """The Kolmogorov-Smirnov statistic: the largest gap between two distribution functions.

    Both are steps that change only at their own values, so the gap is largest at one of them.
    """
    return float(max(np.abs(a.shares - b.at(a.values)).max(), np.abs(a.at(b.values) - b.shares).max()))


def area_between(a: Ecdf, b: Ecdf) -> float:
    """The first Wasserstein distance: the area between two distribution functions."""
    points = np.union1d(a.values, b.values)
    return float(np.sum(np.diff(points) * np.abs(a.at(points[:-1]) - b.at(points[:-1]))))

"""What both rate tests share: counting successes, the difference and its Newcombe interval."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from llmqa.intervals import newcombe_interval

MIN_EXPECTED = 5.0  # below this expected count in any cell, the normal approximation is off


class Counts(NamedTuple):
    """Successes and trials in the reference and the current sample."""

    ref_successes: int
    ref_trials: int
    cur_successes: int
    cur_trials: int

    @property
    def difference(self) -> float:
        """Current rate minus reference rate; NaN when a side is empty."""
        if not self.ref_trials or not self.cur_trials:
            return float("nan")
        return self.cur_successes / self.cur_trials - self.ref_successes / self.ref_trials

    @property
    def min_expected(self) -> float:
        """The smallest expected cell count of the 2x2 table under equal rates."""
        total = self.ref_trials + self.cur_trials
        if not total:
            return 0.0
        successes = self.ref_successes + self.cur_successes
        margins = np.outer([self.ref_trials, self.cur_trials], [successes, total - successes])
        return float(margins.min() / total)


def count(reference: np.ndarray, current: np.ndarray) -> Counts:
    """Count the True values of two boolean samples."""
    ref = np.asarray(reference, dtype=bool)
    cur = np.asarray(current, dtype=bool)
    return Counts(int(ref.sum()), ref.size, int(cur.sum()), cur.size)


def describe(counts: Counts) -> dict[str, Any]:
    """Both rates, and the difference with its 95% Newcombe interval, for a result's detail."""
    interval = newcombe_interval(*counts) if counts.ref_trials and counts.cur_trials else None
    return {
        "reference_rate": counts.ref_successes / counts.ref_trials if counts.ref_trials else None,
        "current_rate": counts.cur_successes / counts.cur_trials if counts.cur_trials else None,
        "difference_ci95": None if interval is None else [float(b) for b in interval],
    }

"""Trend plots drawn in threads at once come out as they do one at a time."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import polars as pl

from llmqa.report.plots import trend_svgs

DAY = dt.date(2026, 11, 22)
DAYS = [DAY - dt.timedelta(days=k) for k in range(14)]


def _svgs(seed: int) -> list[tuple[str, str]]:
    """The panels of a 14-day history whose values depend on `seed`, with one alert day."""
    history = pl.DataFrame(
        {
            "day": DAYS * 2,
            "metric": ["pass_rate.groundedness"] * 14 + ["latency_p95_ms"] * 14,
            "value": [0.8 + ((k * seed) % 7) / 50 for k in range(14)]
            + [900.0 + 40 * ((k + seed) % 5) for k in range(14)],
        }
    )
    alerts = pl.DataFrame({"day": [DAYS[seed % 14]], "metric": ["pass_rate.groundedness"]})
    return trend_svgs(history, alerts, day=DAY, reference=(DAYS[7], DAYS[1]), since=DAYS[-1])


def test_plots_drawn_side_by_side_equal_plots_drawn_alone() -> None:
    seeds = list(range(1, 13))
    alone = [_svgs(seed) for seed in seeds]
    with ThreadPoolExecutor(4) as pool:
        side_by_side = list(pool.map(_svgs, seeds))
    assert all(len(svgs) == 2 for svgs in alone)
    assert side_by_side == alone

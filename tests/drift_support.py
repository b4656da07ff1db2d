"""Small trace-contract frames for the drift tests, built with numpy so every knob is explicit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from llmqa.contract import TRACE_SCHEMA

QUESTIONS = (
    "How do I reset my password?",
    "What does the Team plan cost?",
    "Can I export my data?",
)
ANSWERS = (
    "Open Settings and click Reset.",
    "The Team plan costs $29 a month.",
    "Yes, as CSV or JSON.",
)


def traces(
    day: dt.date,
    n: int,
    *,
    seed: int,
    latency_factor: float = 1.0,
    versions: tuple[str, ...] = ("v1", "v2"),
    models: tuple[str, ...] = ("gpt-4o-mini",),
    fail_rate: float = 0.1,
) -> pl.DataFrame:
    """`n` traces on `day`, with a `quality` evaluator's score and passed columns."""  # fmt: skip
    rng = np.random.default_rng(seed)
    pick = rng.integers(len(QUESTIONS), size=n)
    passed = rng.random(n) >= fail_rate
    frame = pl.DataFrame({
        "trace_id": [f"{day}-{seed}-{i}" for i in range(n)],
        "ts": [dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=int(s))
               for s in rng.integers(86_400, size=n)],
        "app_id": "app",
        "prompt_version": rng.choice(versions, size=n),
        "model": rng.choice(models, size=n),
        "input": np.array(QUESTIONS)[pick],
        "output": np.array(ANSWERS)[pick],
        "latency_ms": rng.lognormal(np.log(900), 0.35, size=n) * latency_factor,
        "cost_usd": rng.uniform(0.0001, 0.001, size=n),
        "prompt_tokens": rng.integers(150, 250, size=n),
        "completion_tokens": rng.integers(5, 40, size=n),
        "status": np.where(rng.random(n) < 0.01, "error", "ok"),
        "finish_reason": "stop",
        "feedback_score": np.where(rng.random(n) < 0.2, 1.0, np.nan),
        "quality_score": np.where(passed, rng.uniform(0.6, 1, n), rng.uniform(0, 0.5, n)),
        "quality_passed": passed,
    }, strict=False)  # fmt: skip
    missing = [pl.lit(None, dtype).alias(c) for c, dtype in TRACE_SCHEMA.items() if c not in frame.columns]
    frame = frame.with_columns(*missing, pl.col("feedback_score").fill_nan(None))
    return frame.cast(TRACE_SCHEMA)  # type: ignore[arg-type]


def window(last: dt.date, n: int, factors: list[float], seed: int = 0, **options: object) -> pl.DataFrame:
    """One day of traces per latency factor, ending on `last`."""
    days = [last - dt.timedelta(days=len(factors) - 1 - i) for i in range(len(factors))]
    parts = [
        traces(day, n, seed=seed + i, latency_factor=factor, **options)  # type: ignore[arg-type]
        for i, (day, factor) in enumerate(zip(days, factors, strict=True))
    ]
    return pl.concat(parts)

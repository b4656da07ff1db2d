"""Small frames and configs for the alert tests: metrics, drift verdicts, worst traces, settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from llmqa.alerts.evidence import AlertInputs
from llmqa.alerts.stage import DRIFT_COLUMNS, EXAMPLE_COLUMNS, PREVIOUS_COLUMNS
from llmqa.config import Config, parse_config
from llmqa.metrics import ALL, METRICS_SCHEMA
from tests.conftest import DAY

GROUNDEDNESS = {"metric": "pass_rate.groundedness", "op": "<", "value": 0.9, "min_traces": 100}


def metric_rows(*rows: tuple[dt.date, str, str, float, int], model: str = ALL) -> pl.DataFrame:
    """Daily metric rows (day, prompt version, metric, value, n) over all models unless `model`."""
    return pl.DataFrame(
        [{"day": d, "app_id": "a", "prompt_version": v, "model": model, "metric": m, "n": n, "value": x,
          "ci_low": None, "ci_high": None} for d, v, m, x, n in rows],
        schema=METRICS_SCHEMA,
    )  # fmt: skip


def days_before(n: int) -> list[dt.date]:
    """The n days before DAY, oldest first."""
    return [DAY - dt.timedelta(days=i) for i in range(n, 0, -1)]


def inputs(
    today: pl.DataFrame | None = None,
    history: pl.DataFrame | None = None,
    drift: list[dict[str, Any]] | None = None,
    examples: list[dict[str, Any]] | None = None,
    previous: list[dict[str, Any]] | None = None,
) -> AlertInputs:
    """What the alert stage would read, from whatever the test gives (empty otherwise)."""
    empty = pl.DataFrame(schema=METRICS_SCHEMA)
    return AlertInputs(
        today=empty if today is None else today,
        history=empty if history is None else history,
        drift=pl.DataFrame(drift or [], schema=DRIFT_COLUMNS),
        examples=pl.DataFrame(examples or [], schema=EXAMPLE_COLUMNS),
        previous=pl.DataFrame(previous or [], schema=PREVIOUS_COLUMNS),
    )


def drift_row(feature: str, verdict: str, version: str = ALL, **extra: Any) -> dict[str, Any]:
    """One llmqa_drift row as the alert stage reads it."""
    row = {"prompt_version": version, "comparison": "reference", "feature": feature, "test": "ks",
           "effect_size": 0.4, "threshold": 0.1, "p_adjusted": 0.001, "verdict": verdict,
           "n_current": 500, "detail": "{}"}  # fmt: skip
    return row | extra


def example(version: str, rank: int, text_in: str, text_out: str, reasons: str) -> dict[str, Any]:
    """One of the worst traces, as llmqa_examples keeps it."""
    return {"prompt_version": version, "model": "m1", "rank": rank, "failed": "groundedness",
            "reasons": reasons, "input_excerpt": text_in, "output_excerpt": text_out}  # fmt: skip


def alert_config(url: str, rules: list[dict[str, Any]] | None = None, **slack: Any) -> Config:
    """A one-app config (app 'a', groundedness) on warehouse `url`, with fast retries unless overridden."""
    settings = {"max_attempts": 3, "backoff_seconds": 0.01, "timeout_seconds": 1} | slack
    return parse_config({
        "warehouse": {"url": url}, "slack": settings,
        "apps": {"a": {"evaluators": ["groundedness"], "alerts": rules or [GROUNDEDNESS]}},
    })  # fmt: skip

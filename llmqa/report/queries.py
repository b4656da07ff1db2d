"""What a report page reads from the warehouse for one (day, app)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from llmqa.alerts import ALERTS_SCHEMA
from llmqa.examples import EXAMPLES_SCHEMA
from llmqa.metrics import METRICS_SCHEMA
from llmqa.validate import CHECKS_SCHEMA
from llmqa.warehouse import Warehouse


@dataclass(frozen=True)
class AppDayData:
    """Everything stored about one app on one day, plus its metric history."""

    metrics: pl.DataFrame
    history: pl.DataFrame
    examples: pl.DataFrame
    checks: pl.DataFrame
    quarantine: pl.DataFrame
    reasons: pl.DataFrame
    alerts: pl.DataFrame


def load_app_day(wh: Warehouse, day: dt.date, app_id: str, history_days: int) -> AppDayData:
    """Read the stored results a report page needs."""
    params = {"day": day, "app_id": app_id}
    history = wh.read(
        wh.render("metrics_history"),
        {"app_id": app_id, "start": day - dt.timedelta(days=history_days - 1), "end": day},
        METRICS_SCHEMA,
    )
    return AppDayData(
        metrics=history.filter(pl.col("day") == day),
        history=history,
        examples=wh.read(wh.render("report_examples"), params, EXAMPLES_SCHEMA),
        checks=wh.read(wh.render("report_checks"), params, CHECKS_SCHEMA),
        quarantine=wh.read(wh.render("report_quarantine"), params),
        reasons=wh.read(wh.render("report_failure_reasons"), params),
        alerts=wh.read(wh.render("report_alerts"), params, ALERTS_SCHEMA),
    )

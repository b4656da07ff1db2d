"""What a report page reads from the warehouse for one (day, app): aggregates only, never raw traces."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import polars as pl

from llmqa.alerts import ALERTS_SCHEMA
from llmqa.drift import DRIFT_SCHEMA
from llmqa.examples import EXAMPLES_SCHEMA
from llmqa.metrics import METRICS_SCHEMA
from llmqa.redact import redact_expr
from llmqa.validate import CHECKS_SCHEMA
from llmqa.warehouse import Warehouse

TOP_REASONS = 5
COUNTS_SCHEMA = pl.Schema({"n": pl.Int64()})
INTAKE_SCHEMA = pl.Schema({"pulled": pl.Int64(), "evaluated": pl.Int64()})


def scrub(text: pl.Expr) -> pl.Expr:
    """Redact evaluator reasons, which quote the answer in fragments (an email split at its dots escapes
    the email pattern, so any token holding an @ goes too)."""
    return redact_expr(text).str.replace_all(r"[^\s|]*@[^\s|]*", "[EMAIL]")


@dataclass(frozen=True)
class DaySummary:
    """What the day's index needs about one app: the day's metrics, alerts and drift results."""

    metrics: pl.DataFrame
    alerts: pl.DataFrame
    drift: pl.DataFrame
    quarantine: pl.DataFrame
    intake: pl.DataFrame

    def counts(self) -> dict[str, int] | None:
        """Traces pulled, evaluated and quarantined (pulled = evaluated + quarantined); None if never run."""
        if self.intake.height == 0:
            return None
        quarantined = int(self.quarantine["n"].sum()) if self.quarantine.height else 0
        pulled, evaluated = self.intake.row(0)
        return {"pulled": pulled, "evaluated": evaluated, "quarantined": quarantined}


@dataclass(frozen=True)
class AppDayData:
    """Everything stored about one app on one day, plus its metric and alert history."""

    summary: DaySummary
    history: pl.DataFrame
    alert_days: pl.DataFrame
    examples: pl.DataFrame
    checks: pl.DataFrame
    reasons: pl.DataFrame
    unscored: pl.DataFrame
    successes: pl.DataFrame


Read = Callable[[str, Mapping[str, Any], Mapping[str, pl.DataType]], pl.DataFrame]


@contextmanager
def _reader(wh: Warehouse) -> Iterator[Read]:
    """Run the page's queries on one connection (opening one per query costs more than most queries)."""
    with wh.engine.connect() as conn:
        yield lambda name, params, schema: wh.read(wh.render(name), params, schema, conn)


def _summary(read: Read, day: dt.date, app_id: str) -> DaySummary:
    params = {"day": day, "app_id": app_id}
    return DaySummary(
        metrics=read("metrics_history", {"app_id": app_id, "start": day, "end": day}, METRICS_SCHEMA),
        alerts=read("report_alerts", params, ALERTS_SCHEMA),
        drift=read("report_drift", params, DRIFT_SCHEMA),
        quarantine=read("report_quarantine", params, COUNTS_SCHEMA),
        intake=read("report_intake", params, INTAKE_SCHEMA),
    )


def load_day_summary(wh: Warehouse, day: dt.date, app_id: str) -> DaySummary:
    """Read the day's metrics, alerts, drift results and quarantine counts of one app."""
    with _reader(wh) as read:
        return _summary(read, day, app_id)


def load_app_day(wh: Warehouse, day: dt.date, app_id: str, since: dt.date) -> AppDayData:
    """Read what an app's pages need; history (metrics and alert days) goes back to `since`."""
    params = {"day": day, "app_id": app_id}
    window = {"app_id": app_id, "start": since, "end": day}
    with _reader(wh) as read:
        return AppDayData(
            summary=_summary(read, day, app_id),
            history=read("metrics_history", window, METRICS_SCHEMA),
            alert_days=read("report_alert_days", window, ALERTS_SCHEMA),
            examples=read("report_examples", params, EXAMPLES_SCHEMA).with_columns(scrub(pl.col("reasons"))),
            checks=read("report_checks", params, CHECKS_SCHEMA),
            reasons=read("report_failure_reasons", params | {"top": TOP_REASONS}, COUNTS_SCHEMA).with_columns(
                scrub(pl.col("reason"))
            ),
            unscored=read("report_unscored", params, COUNTS_SCHEMA).with_columns(scrub(pl.col("reason"))),
            successes=read("report_successes", params, COUNTS_SCHEMA),
        )

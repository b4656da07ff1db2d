"""The day's run, stage by stage: each stage writes its results for (day, app) in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import polars as pl
import sqlalchemy as sa

from llmqa.alerts.deliver import deliver_pending
from llmqa.alerts.outbox import record_alerts
from llmqa.alerts.stage import load_alert_inputs, plan_alerts
from llmqa.analytics.stage import analyse_day, export_review_files, write_analytics
from llmqa.config import Config, ConfigError
from llmqa.drift import compare_app_day
from llmqa.evaluate import evaluate_batch
from llmqa.examples import worst_traces
from llmqa.metrics import daily_metrics, trace_facts
from llmqa.reference import evaluated_traces, load_reference
from llmqa.source import pull_traces
from llmqa.timing import stage
from llmqa.validate import validate_batch
from llmqa.warehouse import Warehouse

Progress = Callable[[str], None]


class StageError(RuntimeError):
    """A stage failed for one (day, app); nothing it wrote is visible, since each stage commits once."""


@dataclass(frozen=True)
class StageSummary:
    """What one stage did for one (day, app): rows in, rows out, and stage-specific counts."""

    day: str
    app_id: str
    stage: str
    n_in: int
    n_out: int
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (for Airflow XCom and the CLI)."""
        return asdict(self)


def _record_stage(wh: Warehouse, conn: Any, summary: StageSummary) -> None:
    day = dt.date.fromisoformat(summary.day)
    frame = pl.DataFrame(
        [{"day": day, "app_id": summary.app_id, "stage": summary.stage, "n_in": summary.n_in,
          "n_out": summary.n_out, "detail": json.dumps(summary.detail, sort_keys=True)}]
    )  # fmt: skip
    wh.replace_partition_stage(conn, day, summary.app_id, summary.stage, frame)


def evaluate_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Pull, validate, evaluate and aggregate one app's traces for one day."""
    app = cfg.app(app_id)
    with stage("pull"):
        pulled = pull_traces(wh, day, app_id)
    with stage("validate"):
        checked = validate_batch(pulled, day, app_id, cfg.traces.statuses)
    with stage("evaluate"):
        scores = evaluate_batch(checked.valid, app)
    with stage("examples"):
        examples = worst_traces(day, app_id, checked.valid, scores, cfg.report.worst_traces)
    reasons = checked.quarantine.group_by("reason").len().sort("reason")
    summary = StageSummary(
        day.isoformat(), app_id, "evaluate", pulled.height, checked.valid.height,
        {"quarantined": checked.quarantine.height, "scores": scores.height,
         "quarantine_reasons": dict(reasons.iter_rows())},
    )  # fmt: skip
    day_app = [pl.lit(day).alias("day"), pl.lit(app_id).alias("app_id")]
    with stage("store"), wh.begin_partition(day, app_id) as conn:
        wh.replace_partition(conn, "llmqa_quarantine", day, app_id, checked.quarantine)
        wh.replace_partition(conn, "llmqa_validation", day, app_id, checked.checks)
        wh.replace_partition(conn, "llmqa_scores", day, app_id, scores.select(*day_app, pl.all()))
        wh.replace_partition(conn, "llmqa_trace_facts", day, app_id, trace_facts(day, app_id, checked.valid))
        conn.execute(sa.text(wh.render("delete_evaluated_metrics")), {"day": day, "app_id": app_id})
        with stage("metrics"):
            wh.write(conn, "llmqa_daily_metrics", daily_metrics(wh, conn, day, app_id))
        wh.replace_partition(conn, "llmqa_examples", day, app_id, examples)
        _record_stage(wh, conn, summary)
    return summary


def drift_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Compare the day against its reference window and prompt versions against each other."""
    current = evaluated_traces(wh, app_id, day, day)
    reference = load_reference(wh, cfg, day, app_id)
    results = compare_app_day(day, app_id, current, reference, cfg.drift)
    drifted = results.filter(pl.col("verdict") == "drift")
    summary = StageSummary(
        day.isoformat(), app_id, "drift", current.height, drifted.height,
        {"tests": results.height, "reference_traces": reference.height,
         "drifted_features": sorted(set(drifted["feature"].to_list()))},
    )  # fmt: skip
    with wh.begin_partition(day, app_id) as conn:
        wh.replace_partition(conn, "llmqa_drift", day, app_id, results)
        _record_stage(wh, conn, summary)
    return summary


def analyse_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Task metrics, prompt A/B, cost, caching, context and the human-review sample for one app-day."""
    result = analyse_day(cfg, wh, day, app_id)
    summary = StageSummary(
        day.isoformat(), app_id, "analyse", result.traces, result.review.height, result.counts()
    )
    with wh.begin_partition(day, app_id) as conn:
        write_analytics(wh, conn, day, app_id, result)
        _record_stage(wh, conn, summary)
    export_review_files(cfg, day, app_id, result)
    return summary


def alert_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Judge the app's alert rules on the day's results and record the outcome in the outbox."""
    rules = cfg.app(app_id).alerts
    alerts = plan_alerts(
        day, app_id, rules, cfg.slack, load_alert_inputs(wh, day, app_id, cfg.reference.days)
    )
    pending = alerts.filter(pl.col("status") == "pending")
    statuses = dict(alerts.group_by("status").len().sort("status").iter_rows())
    summary = StageSummary(day.isoformat(), app_id, "alert", len(rules), pending.height, statuses)
    with wh.begin_partition(day, app_id) as conn:
        record_alerts(wh, conn, day, app_id, alerts)
        _record_stage(wh, conn, summary)
    return summary


def report_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Render the app's pages for the day (one per prompt version)."""
    from llmqa.report import render_app_pages

    pages = render_app_pages(cfg, wh, day, app_id)
    summary = StageSummary(day.isoformat(), app_id, "report", len(pages), len(pages), {"pages": pages})
    with wh.begin_partition(day, app_id) as conn:
        _record_stage(wh, conn, summary)
    return summary


def report_day_index(cfg: Config, wh: Warehouse, day: dt.date) -> str:
    """Render the day's index page across all configured apps; returns its path."""
    from llmqa.report import render_day_index

    return render_day_index(cfg, wh, day)


StageFn = Callable[[Config, Warehouse, dt.date, str], StageSummary]
STAGES: tuple[tuple[str, StageFn], ...] = (
    ("evaluate", evaluate_app_day),
    ("drift", drift_app_day),
    ("analyse", analyse_app_day),
    ("alert", alert_app_day),
    ("report", report_app_day),
)


def run_stage(stage: str, cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Run one named stage for (day, app); any failure is re-raised as a StageError naming the stage."""
    try:
        return dict(STAGES)[stage](cfg, wh, day, app_id)
    except ConfigError:
        raise
    except Exception as error:
        cause = getattr(error, "orig", None) or error
        raise StageError(
            f"stage {stage!r} failed for app {app_id!r} on {day}: {type(cause).__name__}: {cause}".strip()
        ) from error


def run_day(
    cfg: Config, wh: Warehouse, day: dt.date, apps: Sequence[str], progress: Progress = lambda _: None
) -> list[StageSummary]:
    """Every stage for every app on one day, then the day's index."""
    wh.create_schema()
    summaries = []
    for i, app_id in enumerate(apps, 1):
        for name, _ in STAGES:
            with stage(name):
                summary = run_stage(name, cfg, wh, day, app_id)
            summaries.append(summary)
            progress(f"{day} [{i}/{len(apps)}] {app_id}: {name} {summary.n_in} -> {summary.n_out}")
    with stage("index"):
        index = report_day_index(cfg, wh, day)
    progress(f"{day} index: {index}")
    with stage("deliver"):
        delivery = deliver_pending(cfg, wh)
    progress(
        f"{day} deliver: {delivery.alerts_sent} alerts sent, {delivery.messages_failed} messages pending"
    )
    return summaries

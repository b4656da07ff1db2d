"""The day's run, stage by stage: each stage writes its results for (day, app) in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import polars as pl
import sqlalchemy as sa

from llmqa.alerts.deliver import deliver_pending
from llmqa.alerts.outbox import record_alerts
from llmqa.alerts.stage import load_alert_inputs, plan_alerts
from llmqa.config import Config, ConfigError
from llmqa.drift import compare_app_day
from llmqa.evaluate import evaluate_batch
from llmqa.examples import failing_candidates, worst_traces
from llmqa.metrics import daily_metrics, trace_facts
from llmqa.reference import evaluated_traces, load_reference
from llmqa.source import trace_chunks
from llmqa.timing import stage
from llmqa.validate import merge_checks, validate_batch
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


EVALUATED_TABLES = (
    "llmqa_quarantine",
    "llmqa_validation",
    "llmqa_scores",
    "llmqa_trace_facts",
    "llmqa_examples",
)


def _timed(chunks: Iterator[pl.DataFrame], name: str) -> Iterator[pl.DataFrame]:
    """`chunks`, the time spent producing each counted as stage `name`."""
    while True:
        with stage(name):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def evaluate_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Pull, validate and evaluate one app's traces for one day chunk by chunk, then aggregate them.

    Each chunk's quarantine, scores and trace facts are written as it is done, all in the one
    partition transaction; the checks and worst traces are merged over the chunks, and the daily
    metrics are aggregated in the warehouse. Memory is bounded by `traces.chunk_rows`, not the day.
    """
    app, per_version = cfg.app(app_id), cfg.report.worst_traces
    day_app = [pl.lit(day).alias("day"), pl.lit(app_id).alias("app_id")]
    pulled = valid = scored = 0
    reasons: Counter[str] = Counter()
    checks, candidates = [], []
    with stage("store"), wh.begin_partition(day, app_id) as conn:
        for table in EVALUATED_TABLES:
            wh.delete_partition(conn, table, day, app_id)
        conn.execute(sa.text(wh.render("delete_evaluated_metrics")), {"day": day, "app_id": app_id})
        for chunk in _timed(trace_chunks(wh, day, app_id), "pull"):
            with stage("validate"):
                checked = validate_batch(chunk, day, app_id, cfg.traces.statuses)
            with stage("evaluate"):
                scores = evaluate_batch(checked.valid, app)
            with stage("examples"):
                candidates.append(failing_candidates(checked.valid, scores, per_version))
            wh.write(conn, "llmqa_quarantine", checked.quarantine)
            wh.write(conn, "llmqa_scores", scores.select(*day_app, pl.all()))
            wh.write(conn, "llmqa_trace_facts", trace_facts(day, app_id, checked.valid))
            checks.append(checked.checks)
            reasons.update(dict(checked.quarantine.group_by("reason").len().iter_rows()))
            pulled, valid, scored = (
                pulled + chunk.height,
                valid + checked.valid.height,
                scored + scores.height,
            )
        wh.write(conn, "llmqa_validation", merge_checks(checks, pulled))
        wh.write(conn, "llmqa_examples", worst_traces(day, app_id, candidates, per_version))
        with stage("metrics"):
            wh.write(conn, "llmqa_daily_metrics", daily_metrics(wh, conn, day, app_id))
        summary = StageSummary(
            day.isoformat(), app_id, "evaluate", pulled, valid,
            {"quarantined": pulled - valid, "scores": scored, "quarantine_reasons": dict(sorted(reasons.items()))},
        )  # fmt: skip
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
    from llmqa.analytics.stage import analyse_day, export_review_files, write_analytics

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

"""The day's run, stage by stage: each stage writes its results for (day, app) in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

import polars as pl
import sqlalchemy as sa

from llmqa.alerts.deliver import deliver_pending
from llmqa.alerts.outbox import record_alerts
from llmqa.alerts.stage import load_alert_inputs, plan_alerts
from llmqa.config import Config, ConfigError
from llmqa.drift.compare import compare_features
from llmqa.drift.read import read_drift_sides
from llmqa.evaluate import evaluate_batch
from llmqa.examples import failing_candidates, worst_traces
from llmqa.metrics import daily_metrics, trace_facts
from llmqa.source import PromptVersion, trace_chunks
from llmqa.timing import stage
from llmqa.validate import CHECK_COUNTS, merge_checks, validate_batch
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


SEGMENT_TABLES = ("llmqa_quarantine", "llmqa_scores", "llmqa_trace_facts", "llmqa_examples")
EVALUATED_TABLES = (*SEGMENT_TABLES, "llmqa_validation")
SEGMENT_RUNS = pl.Schema(
    {"stage": pl.String(), "n_in": pl.Int64(), "n_out": pl.Int64(), "detail": pl.String()}
)


def _timed(chunks: Iterator[pl.DataFrame], name: str) -> Iterator[pl.DataFrame]:
    """`chunks`, the time spent producing each counted as stage `name`."""
    while True:
        with stage(name):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def segment_stage(version: PromptVersion | None) -> str:
    """The llmqa_runs stage name of an evaluated segment: `evaluate[*]` for a whole app, else its version."""
    return f"evaluate[{'*' if version is None else json.dumps(version.value)}]"


def _clear_segment(
    wh: Warehouse, conn: Any, day: dt.date, app_id: str, version: PromptVersion | None
) -> None:
    """Delete what an earlier evaluation of the segment wrote: every segment's rows for a whole app."""
    params = {"day": day, "app_id": app_id}
    if version is None:
        for table in SEGMENT_TABLES:
            wh.delete_partition(conn, table, day, app_id)
        conn.execute(sa.text(wh.render("delete_segment_runs")), params)
        return
    for table in SEGMENT_TABLES:
        wh.delete_segment(conn, table, day, app_id, version.value)
    conn.execute(sa.text(wh.render("delete_stage_run")), params | {"stage": segment_stage(version)})


def clear_evaluation(wh: Warehouse, day: dt.date, app_id: str) -> None:
    """Delete every segment's evaluation of (day, app), before its prompt versions are evaluated apart."""
    with wh.begin_partition(day, app_id) as conn:
        _clear_segment(wh, conn, day, app_id, None)


def _evaluate_segment(
    cfg: Config, wh: Warehouse, conn: Any, day: dt.date, app_id: str, version: PromptVersion | None
) -> StageSummary:
    """Pull, validate and evaluate one segment chunk by chunk, writing its rows and its record on `conn`."""
    app, per_version = cfg.app(app_id), cfg.report.worst_traces
    keep = None if version is None else version.matches()
    day_app = [pl.lit(day).alias("day"), pl.lit(app_id).alias("app_id")]
    valid = scored = 0
    reasons: Counter[str] = Counter()
    checks, candidates = [], []
    _clear_segment(wh, conn, day, app_id, version)
    for chunk in _timed(trace_chunks(wh, day, app_id, version), "pull"):
        with stage("validate"):
            checked = validate_batch(chunk, day, app_id, cfg.traces.statuses, keep)
        with stage("evaluate"):
            scores = evaluate_batch(checked.valid, app)
        with stage("examples"):
            candidates.append(failing_candidates(checked.valid, scores, per_version))
        wh.write(conn, "llmqa_quarantine", checked.quarantine)
        wh.write(conn, "llmqa_scores", scores.select(*day_app, pl.all()))
        wh.write(conn, "llmqa_trace_facts", trace_facts(day, app_id, checked.valid))
        checks.append(checked.checks)
        reasons.update(dict(checked.quarantine.group_by("reason").len().iter_rows()))
        valid, scored = valid + checked.valid.height, scored + scores.height
    wh.write(conn, "llmqa_examples", worst_traces(day, app_id, candidates, per_version))
    pulled = valid + reasons.total()
    merged = merge_checks(checks, pulled).select("expectation", "column_name", "unexpected_count")
    summary = StageSummary(
        day.isoformat(), app_id, segment_stage(version), pulled, valid,
        {"scores": scored, "quarantine_reasons": dict(sorted(reasons.items())), "checks": merged.to_dicts()},
    )  # fmt: skip
    _record_stage(wh, conn, summary)
    return summary


def _summarise_evaluation(wh: Warehouse, conn: Any, day: dt.date, app_id: str) -> StageSummary:
    """Merge the app-day's segment records into its validation, daily metrics and `evaluate` record."""
    params = {"day": day, "app_id": app_id}
    segments = wh.read(wh.render("segment_runs"), params, SEGMENT_RUNS, conn)
    details = [json.loads(detail) for detail in segments["detail"]]
    pulled, valid = int(segments["n_in"].sum()), int(segments["n_out"].sum())
    reasons: Counter[str] = sum((Counter(d["quarantine_reasons"]) for d in details), Counter())
    day_app = [pl.lit(day).alias("day"), pl.lit(app_id).alias("app_id")]
    checks = [pl.DataFrame(d["checks"], schema=CHECK_COUNTS).select(*day_app, pl.all()) for d in details]
    wh.replace_partition(conn, "llmqa_validation", day, app_id, merge_checks(checks, pulled))
    conn.execute(sa.text(wh.render("delete_evaluated_metrics")), params)
    with stage("metrics"):
        wh.write(conn, "llmqa_daily_metrics", daily_metrics(wh, conn, day, app_id))
    summary = StageSummary(
        day.isoformat(), app_id, "evaluate", pulled, valid,
        {"quarantined": pulled - valid, "scores": sum(d["scores"] for d in details),
         "quarantine_reasons": dict(sorted(reasons.items()))},
    )  # fmt: skip
    _record_stage(wh, conn, summary)
    return summary


def evaluate_segment(
    cfg: Config, wh: Warehouse, day: dt.date, app_id: str, version: PromptVersion | None = None
) -> StageSummary:
    """Evaluate one prompt version of an app-day (or all of it) in one transaction; `summarise_evaluation` then merges.

    Memory is bounded by `traces.chunk_rows`, not the day; versions of one app run in parallel.
    """
    partition = (
        wh.begin_partition(day, app_id)
        if version is None
        else wh.begin_segment(day, app_id, segment_stage(version))
    )
    with stage("store"), partition as conn:
        return _evaluate_segment(cfg, wh, conn, day, app_id, version)


def summarise_evaluation(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Merge an app-day's evaluated segments: validation, daily metrics (aggregated in the warehouse), record."""
    with stage("store"), wh.begin_partition(day, app_id) as conn:
        return _summarise_evaluation(wh, conn, day, app_id)


def evaluate_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Pull, validate and evaluate one app's traces for one day chunk by chunk, then aggregate them.

    Each chunk's quarantine, scores and trace facts are written as it is done, all in the one
    partition transaction; the checks and worst traces are merged over the chunks, and the daily
    metrics are aggregated in the warehouse. Memory is bounded by `traces.chunk_rows`, not the day.
    """
    with stage("store"), wh.begin_partition(day, app_id) as conn:
        _evaluate_segment(cfg, wh, conn, day, app_id, None)
        return _summarise_evaluation(wh, conn, day, app_id)


def drift_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> StageSummary:
    """Compare the day against its reference window and prompt versions against each other."""
    sides = read_drift_sides(wh, cfg, day, app_id)
    results = compare_features(day, app_id, sides.current, sides.reference, sides.wanted, cfg.drift)
    drifted = results.filter(pl.col("verdict") == "drift")
    summary = StageSummary(
        day.isoformat(), app_id, "drift", sides.current_traces, drifted.height,
        {"tests": results.height, "reference_traces": sides.reference_traces,
         "tested_traces": [sides.current.height, sides.reference.height],
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


StageFn = Callable[..., StageSummary]
STAGES: tuple[tuple[str, StageFn], ...] = (
    ("evaluate", evaluate_app_day),
    ("drift", drift_app_day),
    ("analyse", analyse_app_day),
    ("alert", alert_app_day),
    ("report", report_app_day),
)
# As an orchestrator runs them: `evaluate` per segment (an app or one prompt version), `summarise` per app.
SEGMENTED_STAGES: dict[str, StageFn] = dict(STAGES) | {
    "evaluate": evaluate_segment,
    "summarise": summarise_evaluation,
}


def run_stage(
    stage: str,
    cfg: Config,
    wh: Warehouse,
    day: dt.date,
    app_id: str,
    version: PromptVersion | None = None,
    *,
    segmented: bool = False,
) -> StageSummary:
    """Run one named stage for (day, app), or of `SEGMENTED_STAGES` for a segment of it; any failure
    is re-raised as a StageError naming the stage and the segment."""
    stages = SEGMENTED_STAGES if segmented else dict(STAGES)
    try:
        return stages[stage](cfg, wh, day, app_id, *([version] if version else []))
    except ConfigError:
        raise
    except Exception as error:
        cause = getattr(error, "orig", None) or error
        where = f"app {app_id!r}" + (f" prompt version {version.value!r}" if version else "")
        raise StageError(
            f"stage {stage!r} failed for {where} on {day}: {type(cause).__name__}: {cause}".strip()
        ) from error


def _run_app(
    cfg: Config, wh: Warehouse, day: dt.date, app_id: str, label: str, progress: Progress
) -> list[StageSummary]:
    """Every stage for one app on one day, in order."""
    summaries = []
    for name, _ in STAGES:
        with stage(name):
            summary = run_stage(name, cfg, wh, day, app_id)
        summaries.append(summary)
        progress(f"{day} {label} {app_id}: {name} {summary.n_in} -> {summary.n_out}")
    return summaries


def run_day(
    cfg: Config,
    wh: Warehouse,
    day: dt.date,
    apps: Sequence[str],
    progress: Progress = lambda _: None,
    jobs: int = 1,
) -> list[StageSummary]:
    """Every stage for every app on one day, `jobs` apps at a time, then the day's index.

    With jobs > 1 the apps run in threads: DuckDB and polars work outside the GIL, so two apps
    keep two cores busy (each app's peak memory adds up). A stage clock then times only the index
    and delivery, since CPU seconds of stages running side by side cannot be told apart.
    """
    wh.create_schema()
    labelled = [(app_id, f"[{i}/{len(apps)}]") for i, app_id in enumerate(apps, 1)]
    if jobs == 1:
        per_app = [_run_app(cfg, wh, day, app_id, label, progress) for app_id, label in labelled]
    else:
        with ThreadPoolExecutor(jobs, thread_name_prefix="llmqa-app") as pool:
            futures = [pool.submit(_run_app, cfg, wh, day, a, label, progress) for a, label in labelled]
            try:
                per_app = [future.result() for future in futures]
            except BaseException:
                pool.shutdown(cancel_futures=True)  # apps not started yet do not start
                raise
    with stage("index"):
        index = report_day_index(cfg, wh, day)
    progress(f"{day} index: {index}")
    with stage("deliver"):
        delivery = deliver_pending(cfg, wh)
    progress(
        f"{day} deliver: {delivery.alerts_sent} alerts sent, {delivery.messages_failed} messages pending"
    )
    return [summary for summaries in per_app for summary in summaries]

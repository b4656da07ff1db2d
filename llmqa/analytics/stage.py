"""The analyse stage for one (day, app): read the day's traces and scores, run every analysis, store it all."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import polars as pl
import sqlalchemy as sa

from llmqa.analytics.ab_test import ab_findings, ab_tests
from llmqa.analytics.context_use import context_buckets, context_finding, unused_chars
from llmqa.analytics.cost import cost_breakdown, cost_findings, reference_tokens
from llmqa.analytics.outcomes import trace_outcomes
from llmqa.analytics.repeats import repeat_findings, repeat_summary
from llmqa.analytics.review_agreement import PERIOD_DAYS, review_agreement
from llmqa.analytics.review_export import export_review, review_rows
from llmqa.analytics.review_sample import quota, review_sample, sample_rank, strata
from llmqa.analytics.routing import routing_candidates, routing_findings
from llmqa.analytics.task_metrics import task_metrics
from llmqa.config import Config
from llmqa.lowest import keep_lowest
from llmqa.metrics import METRICS_SCHEMA
from llmqa.reference import stored_scores_wide, valid_trace_chunks
from llmqa.warehouse import Warehouse

FINDINGS_SCHEMA = pl.Schema(
    {"day": pl.Date(), "app_id": pl.String(), "prompt_version": pl.String(), "analysis": pl.String(),
     "finding": pl.String()}
)  # fmt: skip
RANK = "_review_rank"
LABELLED_SCHEMA = {
    "day": pl.Date(),
    "weight": pl.Float64(),
    "human_passed": pl.Boolean(),
    "passed": pl.Boolean(),
}


@dataclass(frozen=True)
class DayAnalytics:
    """Everything the analyse stage computed for one (day, app): rows per result table."""

    traces: int
    task_metrics: pl.DataFrame
    tables: dict[str, pl.DataFrame]
    review: pl.DataFrame

    def counts(self) -> dict[str, int]:
        """Rows per result table, for the stage summary."""
        return {name.removeprefix("llmqa_"): frame.height for name, frame in self.tables.items()} | {
            "task_metrics": self.task_metrics.height
        }


def _findings(day: dt.date, app_id: str, parts: dict[str, list[tuple[str, str]]]) -> pl.DataFrame:
    rows = [
        (day, app_id, version, analysis, text) for analysis, items in parts.items() for version, text in items
    ]
    return pl.DataFrame(rows, schema=FINDINGS_SCHEMA, orient="row")


def _labelled(wh: Warehouse, day: dt.date, app_id: str, days: int) -> pl.DataFrame:
    params = {"app_id": app_id, "start": day - dt.timedelta(days=days - 1), "end": day}
    return wh.read(wh.render("review_labels_window"), params, LABELLED_SCHEMA)


def analyse_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> DayAnalytics:
    """Run every analysis on the day's valid traces and the scores the evaluate stage stored.

    The traces are read chunk by chunk: each is cut to its outcomes and context use at once, and
    only the texts of the traces that may go to review are kept.
    """
    app, settings = cfg.app(app_id), cfg.analytics
    scores = stored_scores_wide(wh, app_id, day, day)
    stratified = strata(scores)
    parts, usages, reviewable = [], [], None
    for chunk in valid_trace_chunks(wh, app_id, day, day):
        scored = chunk.join(scores, on="trace_id", how="left")
        parts.append(trace_outcomes(scored, app.task_metrics))
        usages.append(unused_chars(chunk))
        candidates = scored.join(stratified, on="trace_id").with_columns(sample_rank().alias(RANK))
        reviewable = keep_lowest(reviewable, candidates, RANK, "stratum", quota(settings.review))
    outcomes, usage = pl.concat(parts), pl.concat(usages)
    history = wh.read(
        wh.render("metrics_history"),
        {"app_id": app_id, "start": day - dt.timedelta(days=cfg.reference.days), "end": day - dt.timedelta(days=1)},
        METRICS_SCHEMA,
    )  # fmt: skip
    ab = ab_tests(day, app_id, outcomes, alpha=settings.alpha, power=settings.power)
    cost = cost_breakdown(day, app_id, outcomes, reference_tokens(history))
    repeats = repeat_summary(day, app_id, outcomes, settings.near_duplicate_similarity)
    routing = routing_candidates(day, app_id, outcomes, settings.model_prices, settings.routing)
    context = context_buckets(day, app_id, outcomes, usage)
    sample = review_sample(day, app_id, outcomes, stratified, settings.review)
    weeks = math.ceil(cfg.report.trend_days / PERIOD_DAYS) * PERIOD_DAYS
    agreement = review_agreement(
        day, app_id, _labelled(wh, day, app_id, weeks), settings.review, alpha=settings.alpha
    )
    finding = context_finding(outcomes, usage, settings.alpha)
    findings = _findings(day, app_id, {
        "prompt A/B": [("*", text) for text in ab_findings(ab, settings.alpha)],
        "cost": cost_findings(cost), "caching": repeat_findings(repeats), "routing": routing_findings(routing),
        "context": [("*", finding)] if finding else [],
        "review": [("*", f"{r['evaluator']}: {r['note']}") for r in agreement.filter("flagged").iter_rows(named=True)],
    })  # fmt: skip
    tables = {"llmqa_ab_tests": ab, "llmqa_cost": cost, "llmqa_repeats": repeats, "llmqa_routing": routing,
              "llmqa_context": context, "llmqa_review_sample": sample, "llmqa_review_agreement": agreement,
              "llmqa_findings": findings}  # fmt: skip
    assert reviewable is not None  # the day yields a chunk, if an empty one
    return DayAnalytics(
        outcomes.height,
        task_metrics(day, app_id, outcomes, app.task_metrics),
        tables,
        review_rows(sample, reviewable),
    )


def write_analytics(
    wh: Warehouse, conn: sa.Connection, day: dt.date, app_id: str, result: DayAnalytics
) -> None:
    """Replace what an earlier run of the stage stored for (day, app), inside the caller's transaction."""
    conn.execute(sa.text(wh.render("delete_task_metrics")), {"day": day, "app_id": app_id})
    wh.write(conn, "llmqa_daily_metrics", result.task_metrics)
    for table, frame in result.tables.items():
        wh.replace_partition(conn, table, day, app_id, frame)


def export_review_files(cfg: Config, day: dt.date, app_id: str, result: DayAnalytics) -> tuple[str, str]:
    """Write the day's review sample as a CSV to fill in and an HTML page to read."""
    return export_review(cfg.report.dir, day, app_id, result.review)

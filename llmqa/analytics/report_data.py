"""What the report's analytics section reads for one (day, app), sliced per prompt version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from llmqa.analytics.ab_test import AB_SCHEMA
from llmqa.analytics.context_use import CONTEXT_SCHEMA
from llmqa.analytics.cost import COST_SCHEMA
from llmqa.analytics.repeats import REPEATS_SCHEMA
from llmqa.analytics.review_agreement import AGREEMENT_SCHEMA
from llmqa.analytics.routing import ROUTING_SCHEMA
from llmqa.analytics.stage import FINDINGS_SCHEMA
from llmqa.metrics import ALL, METRICS_SCHEMA, TASK_PREFIX
from llmqa.report.render import page_name
from llmqa.warehouse import Warehouse

TABLES = {"ab": ("llmqa_ab_tests", AB_SCHEMA), "cost": ("llmqa_cost", COST_SCHEMA),
          "repeats": ("llmqa_repeats", REPEATS_SCHEMA), "routing": ("llmqa_routing", ROUTING_SCHEMA),
          "context": ("llmqa_context", CONTEXT_SCHEMA), "agreement": ("llmqa_review_agreement", AGREEMENT_SCHEMA),
          "findings": ("llmqa_findings", FINDINGS_SCHEMA)}  # fmt: skip


@dataclass(frozen=True)
class AppAnalytics:
    """The stored analyses of one app-day and its task-metric history."""

    day: dt.date
    app_id: str
    frames: dict[str, pl.DataFrame]
    task_history: pl.DataFrame

    def for_version(self, version: str) -> dict[str, Any]:
        """Rows for one prompt version's page; app-wide rows (`*`) are shown on every page."""
        mine = pl.col("prompt_version").is_in([version, ALL])
        f = self.frames
        history = self.task_history.filter((pl.col("prompt_version") == version) & (pl.col("model") == ALL))
        return {
            "findings": f["findings"].filter(mine).sort("analysis")["finding"].to_list(),
            "task_metrics": history.filter(pl.col("day") == self.day).sort("metric").to_dicts(),
            "ab": f["ab"].filter((pl.col("version_a") == version) | (pl.col("version_b") == version)).to_dicts(),
            "cost": f["cost"].filter(pl.col("prompt_version") == version).sort("model").to_dicts(),
            "repeats": f["repeats"].filter(pl.col("prompt_version") == version).to_dicts(),
            "routing": f["routing"].filter(pl.col("prompt_version") == version).to_dicts(),
            "context": f["context"].filter(pl.col("prompt_version") == version).sort("bucket_order").to_dicts(),
            "agreement": f["agreement"].sort("evaluator", "period_start").to_dicts(),
            "review_page": f"review/{page_name(self.app_id, 'review')}",
        }  # fmt: skip


def load_analytics(wh: Warehouse, day: dt.date, app_id: str, trend_days: int) -> AppAnalytics:
    """Read every analytics table for (day, app) and the task metrics of the trend window."""
    params = {"day": day, "app_id": app_id}
    frames = {key: wh.read(wh.render("analytics_rows", table=wh.quote(table)), params, schema)
              for key, (table, schema) in TABLES.items()}  # fmt: skip
    window = {"app_id": app_id, "start": day - dt.timedelta(days=trend_days - 1), "end": day}
    history = wh.read(wh.render("metrics_history"), window, METRICS_SCHEMA)
    task_history = history.filter(pl.col("metric").str.starts_with(TASK_PREFIX))
    return AppAnalytics(day, app_id, frames, task_history)

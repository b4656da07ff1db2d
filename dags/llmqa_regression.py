"""
### llmqa_regression

Every night, after the day's report, grow the regression dataset from production failures.

Runs when `llmqa_daily` updates the `llmqa_daily_report` Asset (for each reported day in the
triggering events), or for the `day` param when triggered by hand. For each app, the traces
that failed an evaluator or got negative feedback are de-duplicated by normalised input,
PII-redacted and stored in `regression_set.table` (default `llmqa_regression_set`); when
`regression_set.parquet` is set, the whole set is also written there, ready for a pre-deploy
`llmqa compare`. All logic lives in `llmqa.regression_set`; `llmqa regression-set` runs it without Airflow.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from airflow.sdk import Asset, dag, get_current_context, task

from llmqa.airflow_callbacks import dag_settings, retry_only_transient

CONFIG = os.environ.get("LLMQA_CONFIG", str(Path(__file__).resolve().parent.parent / "llmqa.yaml"))


@dag(
    dag_id="llmqa_regression",
    schedule=[Asset.ref(name="llmqa_daily_report")],
    doc_md=__doc__,
    **dag_settings(CONFIG, day_help="Day to curate (default: the days the report events name)"),
)
def llmqa_regression() -> None:
    @task(execution_timeout=dt.timedelta(minutes=10))
    def plan() -> list[dict[str, str]]:
        from llmqa.orchestration import curation_days, plan_segments

        context = get_current_context()
        events = context["triggering_asset_events"]
        reported = [str(e.extra["day"]) for found in events.values() for e in found if "day" in e.extra]
        days = curation_days(context["params"].get("day"), reported, context["dag_run"].run_after)
        with retry_only_transient():
            return [s for day in days for s in plan_segments(CONFIG, day, context["params"].get("apps"))]

    @task(map_index_template="{{ app_id }}")
    def curate(segment: dict[str, str]) -> dict[str, Any]:
        from llmqa.orchestration import curate_regression_set

        get_current_context()["app_id"] = segment["app_id"]  # type: ignore[typeddict-unknown-key]
        with retry_only_transient():
            return curate_regression_set(CONFIG, segment)

    @task(execution_timeout=dt.timedelta(minutes=30))
    def export(curated: list[dict[str, Any]]) -> str | None:
        from llmqa.orchestration import export_regression_set

        with retry_only_transient():
            return export_regression_set(CONFIG)

    export(curate.expand(segment=plan()))


llmqa_regression()

if __name__ == "__main__":
    llmqa_regression().test()

"""
### llmqa_daily

Every morning, check yesterday's LLM traces for fluent, confident, wrong answers.

For the day before the run's logical date (or the `day` param), one mapped evaluate task per app,
or per app and prompt version for an app whose config sets `fan_out: prompt_version`, pulls and
validates the traces and runs the app's evaluators; a summarise task per app merges them into the
validation and the daily metrics (aggregated in the warehouse);
the drift task tests it against the reference window, and the analyse task adds task
metrics, prompt A/B tests, cost, caching, context and the
human-review sample; then alert rules are checked into the outbox, the HTML reports are written,
and pending alerts are delivered (a delivery failure leaves them pending; it never fails the run).
All logic lives in the `llmqa` package; this file only wires it into tasks.

- **Retries**: warehouse outages (connection refused or dropped, locks, timeouts) are retried with
  exponential backoff; anything else (a bad config, a missing column) fails at once.
- **Pool** `llmqa_llm_judge`: the evaluate tasks, which call the LLM judges, run in it, so its size
  caps how many segments call judges at once (create it: `airflow pools set llmqa_llm_judge 4 "LLM judges"`).
- **Failure notice**: a task that fails for good posts "llmqa monitoring failed" to the default Slack
  channel (`slack.airflow_conn_id`, else the webhook in `slack.webhook_url_env`).
- **Asset** `llmqa_daily_report`: updated by the index task, with `{"day", "index"}` in the event's
  extra; `llmqa_regression` and any downstream DAG can be scheduled on it.

Config: the file named by the `LLMQA_CONFIG` environment variable (default: `llmqa.yaml`
beside this folder).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from airflow.sdk import Asset, dag, get_current_context, task

from llmqa.airflow_callbacks import dag_settings, retry_only_transient

CONFIG = os.environ.get("LLMQA_CONFIG", str(Path(__file__).resolve().parent.parent / "llmqa.yaml"))
JUDGE_POOL = "llmqa_llm_judge"
REPORT = Asset(name="llmqa_daily_report", uri="x-llmqa://reports/daily")


def _stage(stage: str) -> Any:
    """A mapped task that runs one llmqa stage for one segment; evaluate (which calls the judges) in the judge pool."""
    pool = {"pool": JUDGE_POOL} if stage == "evaluate" else {}

    @task(task_id=stage, map_index_template="{{ segment_name }}", **pool)
    def run(segment: dict[str, Any]) -> dict[str, Any]:
        from llmqa.orchestration import run_stage, segment_name

        get_current_context()["segment_name"] = segment_name(segment)  # type: ignore[typeddict-unknown-key]
        with retry_only_transient():
            return run_stage(CONFIG, stage, segment)

    return run


@dag(
    dag_id="llmqa_daily",
    schedule="0 4 * * *",
    doc_md=__doc__,
    **dag_settings(CONFIG, day_help="Day to report on (default: the day before the logical date)"),
)
def llmqa_daily() -> None:
    @task(execution_timeout=dt.timedelta(minutes=10))
    def plan() -> list[dict[str, Any]]:
        from llmqa.orchestration import plan_segments, report_day

        context = get_current_context()
        logical = context.get("logical_date") or context["dag_run"].run_after
        day = report_day(logical, context["params"].get("day"))
        with retry_only_transient():
            return plan_segments(CONFIG, day, context["params"].get("apps"))

    @task(execution_timeout=dt.timedelta(minutes=10))
    def fan_out(segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from llmqa.orchestration import evaluation_segments

        with retry_only_transient():
            return evaluation_segments(CONFIG, segments)

    @task(outlets=[REPORT], execution_timeout=dt.timedelta(minutes=30))
    def index(segments: list[dict[str, str]]) -> str:
        from llmqa.orchestration import write_index

        if not segments:
            return ""
        with retry_only_transient():
            path = write_index(CONFIG, segments[0]["day"])
        get_current_context()["outlet_events"][REPORT].extra = {"day": segments[0]["day"], "index": path}
        return path

    @task(execution_timeout=dt.timedelta(minutes=15))
    def deliver() -> dict[str, Any]:
        from llmqa.orchestration import deliver_alerts

        with retry_only_transient():
            return deliver_alerts(CONFIG)

    segments = plan()
    evaluate = _stage("evaluate").expand(segment=fan_out(segments))
    summarise, drift, analyse, alert, report = (
        _stage(name).expand(segment=segments) for name in ("summarise", "drift", "analyse", "alert", "report")
    )
    evaluate >> summarise >> [drift, analyse] >> alert >> report >> index(segments) >> deliver()


llmqa_daily()

if __name__ == "__main__":
    llmqa_daily().test()

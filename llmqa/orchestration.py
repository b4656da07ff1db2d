"""The glue an orchestrator calls: plan the day's segments, run one stage on one segment.

Airflow tasks (dags/) call these with plain, JSON-serialisable arguments; so can any other
scheduler. Nothing here imports Airflow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from llmqa.config import load_config
from llmqa.connections import open_warehouse
from llmqa.pipeline import clear_evaluation, report_day_index
from llmqa.pipeline import run_stage as run_segment_stage
from llmqa.source import PromptVersion, prompt_versions_in_day

Segment = dict[str, Any]


def report_day(logical_date: dt.datetime | dt.date, day_param: str | None) -> dt.date:
    """The day a run reports on: the `day` param if given, else the day before the logical date."""
    if day_param:
        return dt.date.fromisoformat(day_param)
    if isinstance(logical_date, dt.datetime):
        logical_date = logical_date.astimezone(dt.UTC).date()
    return logical_date - dt.timedelta(days=1)


def plan_segments(config_path: str, day: dt.date, apps: Sequence[str] | None) -> list[Segment]:
    """One segment per app to process on `day`; also makes sure the result tables exist."""
    cfg = load_config(config_path)
    chosen = list(apps) if apps else list(cfg.apps)
    for app_id in chosen:
        cfg.app(app_id)
    open_warehouse(cfg).create_schema()
    return [{"day": day.isoformat(), "app_id": app_id} for app_id in chosen]


def evaluation_segments(config_path: str, apps: Sequence[Segment]) -> list[Segment]:
    """What the evaluate tasks take: each app segment as it is or, for an app whose `fan_out` is
    prompt_version, one segment per prompt version it logged that day.

    Clears a fanned-out app's earlier evaluation, so that a version gone from the day keeps no rows.
    """
    cfg = load_config(config_path)
    wh = open_warehouse(cfg)
    evaluate: list[Segment] = []
    for segment in apps:
        if cfg.app(segment["app_id"]).fan_out == "app":
            evaluate.append(segment)
            continue
        day = dt.date.fromisoformat(segment["day"])
        clear_evaluation(wh, day, segment["app_id"])
        versions = prompt_versions_in_day(wh, day, segment["app_id"])
        # a day without traces is still evaluated, whole: its report says so, and downstream tasks run
        evaluate += [segment | {"prompt_version": v.value} for v in versions] or [segment]
    return evaluate


def segment_name(segment: Segment) -> str:
    """A segment as a person reads it: the app, and its prompt version when fanned out."""
    if "prompt_version" not in segment:
        return str(segment["app_id"])
    return f"{segment['app_id']} {segment['prompt_version'] or '(no prompt version)'}"


def run_stage(config_path: str, stage: str, segment: Segment) -> dict[str, Any]:
    """Run one named stage of the day's run for one segment; returns its summary.

    `evaluate` evaluates a segment (an app, or one of its prompt versions) and `summarise` merges
    an app's segments; the stages after them take whole apps.
    """
    cfg = load_config(config_path)
    day = dt.date.fromisoformat(segment["day"])
    version = PromptVersion(segment["prompt_version"]) if "prompt_version" in segment else None
    summary = run_segment_stage(
        stage, cfg, open_warehouse(cfg), day, segment["app_id"], version, segmented=True
    )
    return summary.as_dict()


def write_index(config_path: str, day: str) -> str:
    """Render the day's index page; returns its path."""
    cfg = load_config(config_path)
    return report_day_index(cfg, open_warehouse(cfg), dt.date.fromisoformat(day))


def deliver_alerts(config_path: str) -> dict[str, Any]:
    """Post every pending alert (inside Airflow, `slack.airflow_conn_id` names the webhook's connection)."""
    from llmqa.alerts.deliver import deliver_pending

    cfg = load_config(config_path)
    return deliver_pending(cfg, open_warehouse(cfg)).as_dict()


def curation_days(
    day_param: str | None, asset_days: Sequence[str], run_after: dt.datetime | dt.date
) -> list[dt.date]:
    """Days to curate: the `day` param, else the days of the report events that triggered the run, else yesterday."""
    if day_param:
        return [dt.date.fromisoformat(day_param)]
    if asset_days:
        return sorted({dt.date.fromisoformat(day) for day in asset_days})
    return [report_day(run_after, None)]


def curate_regression_set(config_path: str, segment: dict[str, str]) -> dict[str, Any]:
    """Add one (day, app)'s new production failures to the regression set; returns what it did."""
    from llmqa.regression_set import create_table, curate_app_day

    cfg = load_config(config_path)
    wh = open_warehouse(cfg)
    wh.create_schema()
    create_table(wh, cfg)
    return curate_app_day(cfg, wh, dt.date.fromisoformat(segment["day"]), segment["app_id"]).as_dict()


def export_regression_set(config_path: str) -> str | None:
    """Copy the whole regression set to `regression_set.parquet` when the config names a file."""
    from llmqa.regression_set import export_parquet

    cfg = load_config(config_path)
    return export_parquet(cfg, open_warehouse(cfg))

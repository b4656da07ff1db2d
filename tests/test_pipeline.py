"""The day's run on a real warehouse: results written, counts adding up, reruns idempotent."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from llmqa.config import Config, ConfigError
from llmqa.pipeline import run_day
from llmqa.warehouse import Warehouse
from tests.conftest import DAY

RESULT_TABLES = ("llmqa_runs", "llmqa_quarantine", "llmqa_validation", "llmqa_scores", "llmqa_drift",
                 "llmqa_trace_facts", "llmqa_daily_metrics", "llmqa_examples", "llmqa_alerts")  # fmt: skip


def snapshot(wh: Warehouse) -> dict[str, pl.DataFrame]:
    """Every result table, sorted on all columns, for comparing two runs."""
    tables = {}
    for table in RESULT_TABLES:
        frame = wh.read(f"SELECT * FROM {table}", {})
        tables[table] = frame.sort(frame.columns, nulls_last=True) if frame.height else frame
    return tables


def test_a_day_writes_every_result_table(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, list(config.apps))
    tables = snapshot(seeded)
    for table in RESULT_TABLES:
        assert tables[table].height > 0, table
    assert set(tables["llmqa_scores"]["app_id"]) == set(config.apps)


def test_pulled_traces_are_evaluated_or_quarantined(config: Config, seeded: Warehouse) -> None:
    summaries = run_day(config, seeded, DAY, ["support-bot"])
    evaluate = next(s for s in summaries if s.stage == "evaluate")
    quarantined = seeded.read("SELECT COUNT(*) AS n FROM llmqa_quarantine", {})["n"][0]
    scored = seeded.read("SELECT COUNT(DISTINCT trace_id) AS n FROM llmqa_scores", {})["n"][0]
    assert evaluate.n_in == evaluate.n_out + quarantined
    assert quarantined == evaluate.detail["quarantined"] > 0
    assert scored == evaluate.n_out


def test_running_a_day_twice_leaves_the_same_rows(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, list(config.apps))
    once = snapshot(seeded)
    run_day(config, seeded, DAY, list(config.apps))
    twice = snapshot(seeded)
    for table in RESULT_TABLES:
        assert once[table].equals(twice[table]), table


def test_apps_run_side_by_side_write_what_they_write_one_after_another(
    config: Config, seeded: Warehouse
) -> None:
    apps = list(config.apps)
    one_by_one = run_day(config, seeded, DAY, apps)
    before = snapshot(seeded)
    side_by_side = run_day(config, seeded, DAY, apps, jobs=3)
    after = snapshot(seeded)
    assert len(apps) > 3
    assert [(s.app_id, s.stage, s.n_in, s.n_out) for s in side_by_side] == [
        (s.app_id, s.stage, s.n_in, s.n_out) for s in one_by_one
    ]
    for table in RESULT_TABLES:
        assert before[table].equals(after[table]), table


def test_an_app_failing_side_by_side_fails_the_run(config: Config, seeded: Warehouse) -> None:
    with pytest.raises(ConfigError, match=r"apps\.not-an-app"):
        run_day(config, seeded, DAY, ["support-bot", "not-an-app", "docs-qa"], jobs=2)


def test_a_backfill_equals_separate_daily_runs(config: Config, seeded: Warehouse) -> None:
    days = [DAY - dt.timedelta(days=2), DAY - dt.timedelta(days=1), DAY]
    for day in days:
        run_day(config, seeded, day, list(config.apps))
    daily = snapshot(seeded)
    for day in reversed(days):  # a backfill in another order, over results already there
        run_day(config, seeded, day, list(config.apps))
    assert all(daily[t].equals(snapshot(seeded)[t]) for t in RESULT_TABLES)


def test_a_day_without_traces_runs_and_reports_nothing_failed(config: Config, seeded: Warehouse) -> None:
    empty_day = DAY + dt.timedelta(days=30)
    summaries = run_day(config, seeded, empty_day, ["support-bot"])
    assert [s.n_in for s in summaries if s.stage == "evaluate"] == [0]
    runs = seeded.read("SELECT detail FROM llmqa_runs WHERE stage = 'evaluate'", {})
    assert json.loads(runs["detail"][0])["quarantined"] == 0


def test_the_injected_hallucination_incident_fires_a_critical_alert(
    config: Config, seeded: Warehouse
) -> None:
    run_day(config, seeded, DAY, ["support-bot"])
    alerts = seeded.read("SELECT * FROM llmqa_alerts WHERE status = 'pending'", {})
    fired = alerts.filter((pl.col("prompt_version") == "v3") & (pl.col("metric") == "pass_rate.groundedness"))
    assert fired.height == 1 and fired["severity"][0] == "critical"


def test_the_drift_stage_finds_the_worse_prompt_version(config: Config, seeded: Warehouse) -> None:
    for day in (DAY - dt.timedelta(days=2), DAY - dt.timedelta(days=1), DAY):
        run_day(config, seeded, day, ["support-bot"])
    drift = seeded.read("SELECT * FROM llmqa_drift WHERE day = :day", {"day": DAY})
    moved = drift.filter((pl.col("verdict") == "drift") & (pl.col("feature") == "groundedness_passed"))
    assert moved.height > 0
    assert set(drift["verdict"]) <= {"drift", "no_drift", "not_enough_data"}

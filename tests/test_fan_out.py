"""Fan-out per prompt version: evaluating each version of an app-day apart, then summarising the app,
writes exactly what evaluating the app whole writes, duplicates across versions and missing versions included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import polars as pl
import pytest
import sqlalchemy as sa
from polars.testing import assert_frame_equal

from llmqa.config import Config, load_config
from llmqa.orchestration import evaluation_segments, plan_segments, run_stage
from llmqa.pipeline import clear_evaluation, evaluate_app_day, evaluate_segment, segment_stage
from llmqa.seed import seed_warehouse
from llmqa.source import prompt_versions_in_day
from llmqa.warehouse import Warehouse
from tests.conftest import (
    DAY,
    _drop_postgres,
    _postgres_url,
    app_day_traces,
    config_dict,
    evaluated_partition,
    write_config,
)

APP = "support-bot"


def _add_awkward_rows(wh: Warehouse) -> None:
    """Copies of three traces, a second later, one under another prompt version, and two traces without a version."""
    day = app_day_traces(wh, APP)
    versions = sorted(set(day["prompt_version"]))
    other = pl.col("prompt_version").replace_strict(
        dict(zip(versions, versions[1:] + versions[:1], strict=True))
    )
    again = (
        day.head(2)
        .vstack(day.slice(2, 1).with_columns(other))
        .with_columns(pl.col("ts") + pl.duration(seconds=1))
    )
    unversioned = day.slice(3, 2).with_columns(
        pl.lit(None, pl.String).alias("prompt_version"), pl.concat_str(pl.col("trace_id"), pl.lit("-nv"))
    )
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, pl.concat([again, unversioned]))


def _fanned_out_config(url: str, tmp_path: Path) -> str:
    data = config_dict(url, tmp_path / "reports")
    data["apps"][APP]["fan_out"] = "prompt_version"
    return str(write_config(tmp_path / "fanned.yaml", data))


def _run_fanned_out(config_path: str) -> list[dict]:
    """What the daily DAG runs for the app: plan, evaluate each version, summarise the app."""
    apps = plan_segments(config_path, DAY, [APP])
    evaluated = [run_stage(config_path, "evaluate", s) for s in evaluation_segments(config_path, apps)]
    for segment in apps:
        run_stage(config_path, "summarise", segment)
    return evaluated


def test_a_fanned_out_app_has_one_evaluate_segment_per_prompt_version_of_its_day(
    config: Config, seeded: Warehouse, tmp_path: Path
) -> None:
    _add_awkward_rows(seeded)
    config_path = _fanned_out_config(config.warehouse.resolved_url(), tmp_path)
    segments = evaluation_segments(config_path, plan_segments(config_path, DAY, [APP, "docs-qa"]))
    fanned = [s for s in segments if s["app_id"] == APP]
    assert [s["prompt_version"] for s in fanned] == [
        v.value for v in prompt_versions_in_day(seeded, DAY, APP)
    ]
    assert len(fanned) >= 3 and fanned[-1]["prompt_version"] is None
    assert [s for s in segments if s["app_id"] == "docs-qa"] == [{"day": str(DAY), "app_id": "docs-qa"}]


def test_a_fanned_out_app_without_traces_that_day_is_evaluated_whole(
    config: Config, seeded: Warehouse, tmp_path: Path
) -> None:
    config_path = _fanned_out_config(config.warehouse.resolved_url(), tmp_path)
    quiet = DAY + dt.timedelta(days=1)
    segments = evaluation_segments(config_path, plan_segments(config_path, quiet, [APP]))
    assert segments == [{"day": str(quiet), "app_id": APP}]
    assert run_stage(config_path, "evaluate", segments[0])["n_in"] == 0


def test_evaluating_each_prompt_version_apart_writes_what_evaluating_the_app_whole_writes(
    config: Config, seeded: Warehouse, tmp_path: Path
) -> None:
    _add_awkward_rows(seeded)
    evaluate_app_day(config, seeded, DAY, APP)
    whole = evaluated_partition(seeded, APP)
    evaluated = _run_fanned_out(_fanned_out_config(config.warehouse.resolved_url(), tmp_path))
    assert sum(segment["n_in"] for segment in evaluated) == whole["llmqa_validation"]["element_count"][0]
    assert whole["llmqa_quarantine"]["reason"].str.contains("duplicate trace_id").sum() >= 3
    assert whole["llmqa_quarantine"]["reason"].str.contains("prompt_version is missing").sum() >= 2
    fanned = evaluated_partition(seeded, APP)
    segments = pl.col("stage").str.starts_with("evaluate[")
    assert fanned["llmqa_runs"].filter(segments)["n_in"].to_list() == [s["n_in"] for s in evaluated]
    fanned["llmqa_runs"], whole["llmqa_runs"] = (t["llmqa_runs"].filter(~segments) for t in (fanned, whole))
    for table, frame in fanned.items():
        assert_frame_equal(frame, whole[table], rel_tol=1e-12, abs_tol=1e-12)  # sums taken in another order


def test_rerunning_one_prompt_version_replaces_only_its_own_rows(
    config: Config, seeded: Warehouse, tmp_path: Path
) -> None:
    config_path = _fanned_out_config(config.warehouse.resolved_url(), tmp_path)
    _run_fanned_out(config_path)
    before = evaluated_partition(seeded, APP)
    version = prompt_versions_in_day(seeded, DAY, APP)[0].value
    run_stage(config_path, "evaluate", {"day": str(DAY), "app_id": APP, "prompt_version": version})
    run_stage(config_path, "summarise", {"day": str(DAY), "app_id": APP})
    for table, frame in evaluated_partition(seeded, APP).items():
        assert_frame_equal(frame, before[table], rel_tol=1e-12, abs_tol=1e-12)


def test_a_fanned_out_run_leaves_no_rows_of_a_version_gone_from_the_day(
    config: Config, seeded: Warehouse, tmp_path: Path
) -> None:
    config_path = _fanned_out_config(config.warehouse.resolved_url(), tmp_path)
    _run_fanned_out(config_path)
    version = prompt_versions_in_day(seeded, DAY, APP)[0].value
    with seeded.begin() as conn:
        for table in ("llmqa_scores", "llmqa_trace_facts"):
            retire = f"UPDATE {table} SET prompt_version = 'retired' WHERE prompt_version = :v"
            conn.execute(sa.text(retire), {"v": version})
    _run_fanned_out(config_path)
    for table in ("llmqa_scores", "llmqa_trace_facts"):
        assert "retired" not in evaluated_partition(seeded, APP)[table]["prompt_version"].to_list(), table


@pytest.fixture
def postgres_seeded(tmp_path: Path) -> Iterator[tuple[Config, Warehouse]]:
    """A PostgreSQL warehouse with a seeded day (the only one with locks a segment can share)."""
    url = _postgres_url()
    cfg = load_config(_fanned_out_config(url, tmp_path))
    wh = Warehouse(url, cfg.traces)
    seed_warehouse(wh, DAY, days=1, traces_per_day=400, seed=5)
    wh.create_schema()
    yield cfg, wh
    wh.engine.dispose()
    _drop_postgres(url)


def test_on_postgresql_versions_evaluate_side_by_side_and_the_whole_app_waits_for_them(
    postgres_seeded: tuple[Config, Warehouse],
) -> None:
    cfg, wh = postgres_seeded
    first, second = prompt_versions_in_day(wh, DAY, APP)[:2]
    with ThreadPoolExecutor(2) as pool:
        with wh.begin_segment(DAY, APP, segment_stage(first)):  # the first version's evaluation is under way
            assert pool.submit(evaluate_segment, cfg, wh, DAY, APP, second).result(timeout=300).n_in > 0
            # submitted after: PostgreSQL queues a later shared lock behind a waiting exclusive one
            whole = pool.submit(clear_evaluation, wh, DAY, APP)
            with pytest.raises(FutureTimeout):
                whole.result(timeout=2)
        whole.result(timeout=300)


def test_an_unknown_fan_out_is_named_with_its_key(config: Config, tmp_path: Path) -> None:
    from llmqa.config import ConfigError, parse_config

    data = config_dict(config.warehouse.resolved_url(), tmp_path)
    data["apps"][APP]["fan_out"] = "model"
    with pytest.raises(ConfigError, match=f"apps.{APP}.fan_out"):
        parse_config(data)


def test_a_warehouse_created_before_fan_out_gains_the_quarantine_prompt_version(
    config: Config, seeded: Warehouse
) -> None:
    with seeded.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE llmqa_quarantine DROP COLUMN prompt_version")
    seeded.create_schema()
    evaluate_app_day(config, seeded, DAY, APP)
    quarantine = evaluated_partition(seeded, APP)["llmqa_quarantine"]
    assert quarantine.height > 0 and quarantine["prompt_version"].is_not_null().any()

"""The regression set: a day's failures, one per normalised input, redacted, in the warehouse and Parquet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from llmqa.cli import main
from llmqa.config import Config, load_config
from llmqa.pipeline import evaluate_app_day
from llmqa.regression_set import curate_days, read_set, select_failures
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, config_dict, write_config

APP = "bot"
REFUND = "What is the refund policy? Mail me at ann@example.com"


def _traces(day: dt.date, rows: list[tuple[str, str, float]]) -> pl.DataFrame:
    """Traces of APP on `day`, one per (input, output, feedback_score); an empty output fails empty_output."""
    start = dt.datetime.combine(day, dt.time(9))
    return pl.DataFrame(
        [
            {
                "trace_id": f"{day}-{i}",
                "ts": start + dt.timedelta(minutes=i),
                "app_id": APP,
                "prompt_version": "v1",
                "model": "m",
                "input": text,
                "output": output,
                "latency_ms": 120.0,
                "cost_usd": 0.001,
                "prompt_tokens": 10,
                "completion_tokens": 5,
                "status": "ok",
                "finish_reason": "stop",
                "feedback_score": feedback,
            }
            for i, (text, output, feedback) in enumerate(rows)
        ]
    )


def _setup(url: str, tmp_path: Path) -> tuple[Config, Warehouse]:
    apps = {APP: {"evaluators": ["empty_output"]}}
    cfg = load_config(
        write_config(tmp_path / "llmqa.yaml", config_dict(url, tmp_path / "reports", apps=apps))
    )
    wh = Warehouse(url, cfg.traces)
    wh.create_traces_table()
    wh.create_schema()
    yesterday = DAY - dt.timedelta(days=1)
    with wh.begin() as conn:
        wh.write(
            conn,
            "llm_traces",
            _traces(yesterday, [("WHAT is the refund policy?? mail me at bo@example.org", "", 1.0)]),
        )
        wh.write(conn, "llm_traces", _traces(DAY, [
            (REFUND, "", 1.0),                                        # failed empty_output, seen yesterday
            ("How do I reset my password?", "", 1.0),                 # failed empty_output
            ("how do I   reset my password", "", -1.0),               # the same question, failed twice
            ("Which plan includes SSO?", "Enterprise.", 0.0),         # thumbs down
            ("Which regions do you serve?", "EU and US.", 1.0),       # fine: not a failure
        ]))  # fmt: skip
    for day in (yesterday, DAY):
        evaluate_app_day(cfg, wh, day, APP)
    return cfg, wh


def test_duplicates_are_one_row_per_normalised_input_keeping_the_worst_trace() -> None:
    candidates = pl.DataFrame(
        {"trace_id": ["a", "b", "c"], "input": ["Reset password?", "reset   PASSWORD", "Call +1 415 555 0100"],
         "output": ["", "", "x"], "n_failed": [1, 2, None], "feedback_score": [1.0, 1.0, 0.0]}
    ).with_columns(pl.lit(None, pl.String).alias(c) for c in ("context", "reference", "reasons", "feedback_text"))  # fmt: skip
    kept, duplicates, over_cap = select_failures(candidates, set(), cap=10)
    assert sorted(kept["trace_id"].to_list()) == ["b", "c"]
    assert (duplicates, over_cap) == (1, 0)
    assert kept.filter(pl.col("trace_id") == "c")["input"].item() == "Call [PHONE]"


def test_the_cap_keeps_the_traces_that_failed_most() -> None:
    candidates = pl.DataFrame(
        {"trace_id": ["a", "b"], "input": ["one", "two"], "output": ["", ""], "n_failed": [1, 3],
         "feedback_score": [None, None]}
    ).with_columns(pl.lit(None, pl.String).alias(c) for c in ("context", "reference", "reasons", "feedback_text"))  # fmt: skip
    kept, _, over_cap = select_failures(candidates, set(), cap=1)
    assert kept["trace_id"].to_list() == ["b"] and over_cap == 1


def test_a_day_adds_its_new_failures_redacted_and_not_an_input_an_earlier_day_holds(
    warehouse_url: str, tmp_path: Path
) -> None:
    cfg, wh = _setup(warehouse_url, tmp_path)
    curated = curate_days(cfg, wh, [DAY - dt.timedelta(days=1), DAY], [APP])
    stored = read_set(cfg, wh)
    today = stored.filter(pl.col("day") == DAY)
    assert set(today["input"]) == {
        "how do I   reset my password",
        "Which plan includes SSO?",
    }  # worst of a pair
    assert [c.failures for c in curated] == [1, 4] and curated[1].duplicates == 2
    assert stored.filter(pl.col("day") != DAY)["input"].to_list() == [
        "WHAT is the refund policy?? mail me at [EMAIL]"
    ]
    assert (
        today.filter(pl.col("input").str.contains("password"))["failed_evaluators"].item() == "empty_output"
    )


def test_curating_a_day_again_changes_nothing(warehouse_url: str, tmp_path: Path) -> None:
    cfg, wh = _setup(warehouse_url, tmp_path)
    first = curate_days(cfg, wh, [DAY], [APP])
    before = read_set(cfg, wh)
    again = curate_days(cfg, wh, [DAY], [APP])
    assert first == again
    assert read_set(cfg, wh).equals(before)


def test_the_command_writes_the_set_to_parquet(duckdb_url: str, tmp_path: Path) -> None:
    cfg, wh = _setup(duckdb_url, tmp_path)
    out = tmp_path / "sets" / "regression.parquet"
    status = main(
        ["--config", str(tmp_path / "llmqa.yaml"), "regression-set", "--day", str(DAY), "--parquet", str(out)]
    )
    assert status == 0
    assert pl.read_parquet(out).equals(read_set(cfg, wh))


@pytest.mark.usefixtures("airflow_db")
def test_the_regression_dag_curates_the_day_it_is_given(
    duckdb_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils.state import DagRunState

    cfg, wh = _setup(duckdb_url, tmp_path)
    monkeypatch.setenv("LLMQA_CONFIG", str(tmp_path / "llmqa.yaml"))
    dag = DagBag(dag_folder=str(Path(__file__).parent.parent / "dags" / "llmqa_regression.py")).get_dag(
        "llmqa_regression"
    )
    run = dag.test(logical_date=None, run_conf={"day": DAY.isoformat()})
    assert run.state == DagRunState.SUCCESS
    assert read_set(cfg, wh)["day"].unique().to_list() == [DAY]

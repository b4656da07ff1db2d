"""Task metrics declared in the config: safe field tests, task.<name> daily rates, config checks."""

from __future__ import annotations

import json

import polars as pl
import pytest

from llmqa.analytics.task_metrics import TaskMetricSpec, task_metrics, with_task_outcomes
from llmqa.config import ConfigError, parse_config
from llmqa.intervals import wilson_interval
from llmqa.metrics import ALL, is_known_metric
from tests.conftest import DAY


def _traces(metadata: list[dict | str | None], **columns: list) -> pl.DataFrame:
    n = len(metadata)
    return pl.DataFrame({
        "trace_id": [f"t{i}" for i in range(n)], "prompt_version": ["v1"] * n, "model": ["m"] * n,
        "metadata": [m if m is None or isinstance(m, str) else json.dumps(m) for m in metadata], **columns,
    })  # fmt: skip


def _outcome(spec: dict, frame: pl.DataFrame) -> list[bool | None]:
    return with_task_outcomes(frame, {"x": TaskMetricSpec(**spec)})["task.x"].to_list()


def test_a_metadata_flag_is_true_false_or_missing() -> None:
    frame = _traces([{"resolved": True}, {"resolved": False}, {"other": 1}, None, {"resolved": None}])
    assert _outcome({"metadata_key": "resolved", "equals": True}, frame) == [True, False, None, None, None]


def test_numbers_strings_and_nested_keys_compare_by_the_configured_type() -> None:
    frame = _traces([{"survey": {"score": 5}}, {"survey": {"score": 2}}, {"survey": {"score": "n/a"}}])
    assert _outcome({"metadata_key": "survey.score", "op": ">=", "value": 4}, frame) == [True, False, False]
    frame = _traces([None, None, None], finish_reason=["stop", "length", None])
    assert _outcome({"column": "finish_reason", "one_of": ["stop", "tool_calls"]}, frame) == [
        True,
        False,
        None,
    ]


def test_a_hostile_metadata_value_is_data_not_code() -> None:
    frame = _traces([{"resolved": "__import__('os').system('false')"}])
    assert _outcome({"metadata_key": "resolved", "equals": True}, frame) == [False]


def test_task_rates_are_daily_metrics_with_wilson_intervals() -> None:
    metadata = [{"resolved": True}] * 30 + [{"resolved": False}] * 10 + [{}] * 5
    specs = {"resolution_rate": TaskMetricSpec(metadata_key="resolved", equals=True)}
    rows = task_metrics(DAY, "bot", with_task_outcomes(_traces(metadata), specs), specs)
    app_level = rows.filter((pl.col("prompt_version") == ALL) & (pl.col("model") == ALL)).row(0, named=True)
    low, high = wilson_interval(pl.lit(30), pl.lit(40))
    assert app_level["metric"] == "task.resolution_rate" and app_level["n"] == 40
    assert app_level["value"] == pytest.approx(0.75)
    assert (app_level["ci_low"], app_level["ci_high"]) == pytest.approx(
        (pl.select(low).item(), pl.select(high).item())
    )


@pytest.mark.parametrize(
    "spec",
    [{"metadata_key": "a", "column": "status", "equals": 1}, {"metadata_key": "a"},
     {"metadata_key": "a", "equals": 1, "one_of": [1]}, {"metadata_key": "a'] or 1", "equals": 1},
     {"column": "not_a_column", "equals": 1}, {"metadata_key": "a", "op": ">"}],
)  # fmt: skip
def test_a_spec_needs_one_field_and_one_test(spec: dict) -> None:
    with pytest.raises(ConfigError, match=r"task_metrics\.m"):
        parse_config({"apps": {"bot": {"task_metrics": {"m": spec}}}})


def test_alert_rules_on_task_metrics_need_the_metric_configured() -> None:
    assert is_known_metric("task.resolution_rate")
    rule = {"metric": "task.resolution_rate", "op": "<", "value": 0.6}
    with pytest.raises(ConfigError, match=r"needs task_metrics\.resolution_rate"):
        parse_config({"apps": {"bot": {"alerts": [rule]}}})
    spec = {"resolution_rate": {"metadata_key": "resolved", "equals": True}}
    assert parse_config({"apps": {"bot": {"alerts": [rule], "task_metrics": spec}}}).apps["bot"].alerts

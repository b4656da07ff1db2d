"""Alert settings in llmqa.yaml: the three rule kinds, named channels, and no secrets in the file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from llmqa.alerts.settings import AlertRule
from llmqa.config import ConfigError, parse_config
from tests.conftest import REPO, config_dict


def _error_for(data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(data)
    return str(caught.value)


def _readme_alerts_example() -> dict[str, Any]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Alerts") :]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))  # type: ignore[union-attr]


def test_the_readme_alerts_example_is_a_valid_config(tmp_path: Path) -> None:
    example = _readme_alerts_example()
    data = config_dict("duckdb:///x.duckdb", tmp_path) | {"slack": example["slack"]}
    data["apps"]["support-bot"]["alerts"] = example["apps"]["support-bot"]["alerts"]
    rules = parse_config(data).app("support-bot").alerts
    assert {rule.kind for rule in rules} == {"threshold", "drift", "regression"}


def test_a_rule_naming_an_unknown_channel_is_named(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["docs-qa"]["alerts"][0]["channel"] = "#ops"
    assert "apps.docs-qa.alerts.0.channel: unknown channel '#ops'; configured: ['default']" in _error_for(
        data
    )


def test_a_rule_has_exactly_one_kind(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["docs-qa"]["alerts"][0]["drift"] = "any"
    assert "exactly one of" in _error_for(data)


def test_a_regression_needs_a_metric_with_a_direction(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["docs-qa"]["alerts"] = [{"regression": {"metric": "traces"}}]
    assert "'traces' has no better or worse direction" in _error_for(data)


def test_a_secret_written_into_the_file_is_refused(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["slack"]["webhook_url"] = "https://hooks.slack.com/services/T0/B0/XYZ"
    assert "slack.webhook_url" in _error_for(data)


def test_a_channel_of_an_unknown_type_or_option_is_refused(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["slack"]["channels"] = {"pd": {"type": "pagerduty"}}
    assert "unknown channel type 'pagerduty'" in _error_for(data)
    data["slack"]["channels"] = {"pd": {"type": "signed_webhook", "url": "https://example.com"}}
    assert (
        "signed_webhook options: url_env: Field required; secret_env: Field required; url: Extra"
        in _error_for(data)
    )


def test_two_identical_rules_are_refused(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["docs-qa"]["alerts"] *= 2
    assert "two rules are the same" in _error_for(data)


def test_every_rule_names_the_metric_it_watches() -> None:
    drift, regression = (
        AlertRule(drift={"feature": "latency_ms"}),
        AlertRule(regression={"metric": "error_rate"}),
    )
    assert (drift.metric, drift.measured) == ("drift:latency_ms", None)
    assert (regression.metric, regression.measured) == ("error_rate", "error_rate")

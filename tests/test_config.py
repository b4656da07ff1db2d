"""The config file: valid files load; a bad one fails before any work, naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmqa.config import ConfigError, load_config, parse_config
from llmqa.evaluators import REGISTRY
from tests.conftest import REPO, config_dict


def _error_for(data: dict) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(data)
    return str(caught.value)


def test_the_repository_config_is_valid() -> None:
    cfg = load_config(REPO / "llmqa.yaml")
    assert set(cfg.apps) == {"support-bot", "docs-qa", "code-assistant", "sales-email"}
    assert cfg.app("support-bot").threshold("groundedness") == REGISTRY["groundedness"].threshold


def test_an_app_sets_its_own_threshold_for_an_evaluator(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["support-bot"]["evaluators"]["groundedness"] = {"threshold": 0.7}
    cfg = parse_config(data)
    assert cfg.app("support-bot").threshold("groundedness") == 0.7
    assert cfg.app("support-bot").threshold("refusal") == REGISTRY["refusal"].threshold


def test_an_unknown_evaluator_is_named_with_its_app(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["support-bot"]["evaluators"]["groundednes"] = {}
    message = _error_for(data)
    assert "apps.support-bot.evaluators" in message and "'groundednes'" in message


def test_a_misspelt_top_level_key_is_named(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["refrence"] = {"days": 7}
    assert "refrence" in _error_for(data)


def test_a_wrong_type_names_the_nested_key(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["reference"]["days"] = "a week"
    assert "reference.days" in _error_for(data)


def test_an_alert_on_an_unknown_metric_is_named(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["docs-qa"]["alerts"][0]["metric"] = "latency_p99"
    assert "apps.docs-qa.alerts.0.metric" in _error_for(data)


def test_an_alert_needs_its_evaluator_enabled(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["sales-email"]["alerts"] = [{"metric": "pass_rate.groundedness", "op": "<", "value": 0.9}]
    assert "needs evaluator 'groundedness'" in _error_for(data)


def test_a_regex_option_that_does_not_compile_is_named(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["support-bot"]["evaluators"]["groundedness"] = {"options": {"framing_phrases": ["(?<=x)y"]}}
    message = _error_for(data)
    assert "groundedness.options: framing_phrases: bad regex '(?<=x)y'" in message


def test_evaluator_options_are_validated_by_name(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["apps"]["support-bot"]["evaluators"]["groundedness"] = {"options": {"min_support": 2}}
    message = _error_for(data)
    assert "groundedness.options" in message and "min_support" in message


def test_unknown_contract_column_mapping_is_rejected(tmp_path: Path) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["traces"] = {"columns": {"timestamp": "created_at"}}
    assert "traces.columns" in _error_for(data)


def test_no_apps_is_an_error() -> None:
    assert "apps" in _error_for({"apps": {}})


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_invalid_yaml_says_so(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("apps: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(path)


def test_relative_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "llmqa.yaml"
    path.parent.mkdir()
    path.write_text((REPO / "llmqa.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cfg = load_config(path)
    assert cfg.report.dir == str(path.parent / "reports")
    assert cfg.warehouse.url == f"duckdb:///{path.parent / 'llmqa.duckdb'}"


def test_the_environment_overrides_the_warehouse_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMQA_WAREHOUSE_URL", "postgresql+psycopg://u@h/db")
    assert load_config(REPO / "llmqa.yaml").warehouse.resolved_url() == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize("rows", [0, -5, "many"])
def test_a_chunk_size_that_is_not_a_positive_count_is_named(tmp_path: Path, rows: object) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["traces"]["chunk_rows"] = rows
    assert "traces.chunk_rows" in _error_for(data)

"""Rules judged on one day: thresholds, regressions against the previous version, drift verdicts."""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.alerts.drift_rules import drift_checks
from llmqa.alerts.regression import regression_checks
from llmqa.alerts.rules import threshold_checks
from llmqa.alerts.settings import AlertRule
from tests.alert_support import days_before, drift_row, metric_rows
from tests.conftest import DAY

ERRORS = AlertRule(metric="error_rate", op=">", value=0.05, min_traces=100, severity="critical")
REGRESSION = AlertRule(regression={"metric": "pass_rate.groundedness", "by": 0.05}, min_traces=100)


def _today(version: str, metric: str, value: float, n: int) -> pl.DataFrame:
    return metric_rows((DAY, version, metric, value, n), (DAY, version, "traces", n, n))


def test_a_threshold_fires_per_prompt_version_with_its_figures() -> None:
    history = metric_rows(*((d, "v1", "error_rate", 0.01, 400) for d in days_before(3)))
    [check] = threshold_checks(ERRORS, _today("v1", "error_rate", 0.2, 500), history)
    assert (check.outcome, check.value, check.threshold, check.n) == ("firing", 0.2, 0.05, 500)
    assert check.reference == 0.01


def test_a_threshold_without_enough_traces_says_so_instead_of_firing() -> None:
    [check] = threshold_checks(ERRORS, _today("v1", "error_rate", 0.2, 20), metric_rows())
    assert check.outcome == "not_enough_data"
    assert "not enough traces (20 < 100)" in check.message


def test_a_healthy_metric_is_judged_ok() -> None:
    [check] = threshold_checks(ERRORS, _today("v1", "error_rate", 0.01, 500), metric_rows())
    assert check.outcome == "ok"


def test_a_version_worse_than_its_predecessor_by_more_than_the_margin_regresses() -> None:
    # v1 ran the first four days of the window, v2 took over since; today v2 is 0.10 below v1.
    window = days_before(7)
    history = metric_rows(
        *((d, "v1", m, x, 300) for d in window[:4] for m, x in (("traces", 300), ("pass_rate.groundedness", 0.95))),
        *((d, "v2", m, x, 300) for d in window[4:] for m, x in (("traces", 300), ("pass_rate.groundedness", 0.9))),
    )  # fmt: skip
    [check] = regression_checks(REGRESSION, _today("v2", "pass_rate.groundedness", 0.85, 300), history)
    assert check.outcome == "firing"
    assert check.facts["previous_version"] == "v1"
    assert check.reference == 0.95 and abs(check.threshold - 0.90) < 1e-9  # type: ignore[operator]


def test_a_version_within_the_margin_of_its_predecessor_is_ok() -> None:
    history = metric_rows(*((d, "v1", m, 0.95 if m != "traces" else 300, 300) for d in days_before(2)
                            for m in ("traces", "pass_rate.groundedness")))  # fmt: skip
    [check] = regression_checks(REGRESSION, _today("v2", "pass_rate.groundedness", 0.93, 300), history)
    assert check.outcome == "ok"


def test_a_regression_rule_without_an_earlier_version_says_so() -> None:
    [check] = regression_checks(REGRESSION, _today("v1", "pass_rate.groundedness", 0.5, 300), metric_rows())
    assert check.outcome == "not_enough_data"
    assert "no earlier prompt version" in check.message


def test_latency_regresses_upwards() -> None:
    rule = AlertRule(regression={"metric": "latency_p95_ms", "by": 100}, min_traces=10)
    history = metric_rows(*((DAY - dt.timedelta(days=1), "v1", m, x, 50)
                            for m, x in (("traces", 50), ("latency_p95_ms", 1000))))  # fmt: skip
    [check] = regression_checks(rule, _today("v2", "latency_p95_ms", 1200, 50), history)
    assert check.outcome == "firing" and check.threshold == 1100


def test_a_drift_rule_on_one_feature_fires_on_its_drift_verdict_only() -> None:
    rule = AlertRule(drift={"feature": "latency_ms"})
    rows = [drift_row("latency_ms", "drift"), drift_row("cost_usd", "drift")]
    [check] = drift_checks(rule, pl.DataFrame(rows))
    assert check.outcome == "firing"
    assert check.facts["features"] == ["latency_ms"]


def test_a_drift_any_rule_names_every_drifting_feature_and_the_input_terms() -> None:
    rule = AlertRule(drift="any")
    rows = [drift_row("latency_ms", "drift"), drift_row("input", "drift", detail='{"terms_up": ["refund", "visa"]}'),
            drift_row("cost_usd", "no_drift")]  # fmt: skip
    [check] = drift_checks(rule, pl.DataFrame(rows))
    assert check.facts["features"] == ["input", "latency_ms"]
    assert check.facts["terms"] == ["refund", "visa"]


def test_drift_between_versions_on_the_same_day_is_not_drift_over_time() -> None:
    rows = [drift_row("latency_ms", "drift", comparison="ab:v1_vs_v2")]
    [check] = drift_checks(AlertRule(drift="any"), pl.DataFrame(rows))
    assert check.outcome == "not_enough_data" and "no drift results" in check.message


def test_a_drift_rule_whose_tests_lacked_data_says_so() -> None:
    rows = [drift_row("latency_ms", "not_enough_data")]
    [check] = drift_checks(AlertRule(drift={"feature": "latency_ms"}), pl.DataFrame(rows))
    assert check.outcome == "not_enough_data" and "not enough traces" in check.message

"""What an alert says: redacted evidence, the suspected cause, and a response naming the way back."""

from __future__ import annotations

import json

import polars as pl

from llmqa.alerts.settings import AlertRule, SlackConfig
from llmqa.alerts.stage import plan_alerts
from tests.alert_support import GROUNDEDNESS, days_before, drift_row, example, inputs, metric_rows
from tests.conftest import DAY

WINDOW = days_before(7)
# v1 served the first four days of the window at 0.95; v2 (on model m1) took over since at 0.91.
HISTORY = pl.concat([
    metric_rows(*((d, "v1", m, x, 300) for d in WINDOW[:4] for m, x in (("traces", 300), ("pass_rate.groundedness", 0.95)))),
    metric_rows(*((d, "v2", m, x, 300) for d in WINDOW[4:] for m, x in (("traces", 300), ("pass_rate.groundedness", 0.91)))),
    metric_rows(*((d, "v2", "traces", 300, 300) for d in WINDOW[4:]), model="m1"),
])  # fmt: skip
PII_INPUT = "My card is 4111 1111 1111 1111, email jane.doe@example.com"


def _evidence(today_model: str = "m1", **extra: object) -> dict[str, list]:
    today = pl.concat([
        metric_rows((DAY, "v2", "pass_rate.groundedness", 0.7, 400), (DAY, "v2", "traces", 400, 400)),
        metric_rows((DAY, "v2", "traces", 400, 400), model=today_model),
    ])  # fmt: skip
    alerts = plan_alerts(
        DAY, "a", [AlertRule(**GROUNDEDNESS)], SlackConfig(), inputs(today, HISTORY, **extra)
    )  # type: ignore[arg-type]
    return json.loads(alerts["evidence"][0])


def test_the_response_names_the_last_healthy_version_with_its_figures() -> None:
    response = _evidence()["response"][0]
    assert response == (f"Roll back to prompt version v1 (pass_rate.groundedness 0.95 on 1200 traces, "
                        f"{WINDOW[0]} to {WINDOW[3]}).")  # fmt: skip


def test_the_cause_names_the_prompt_change_and_the_failing_evaluator() -> None:
    cause = _evidence()["cause"]
    assert "prompt version v2 replaced v1 in the reference window" in cause
    assert "evaluator groundedness fails on 30% of 400 traces" in cause


def test_a_model_change_is_suspected_and_swapping_it_back_suggested() -> None:
    evidence = _evidence(today_model="m2")
    assert "model changed: m2 (before: m1)" in evidence["cause"]
    assert "Swap the model back to m1." in evidence["response"]


def test_examples_are_short_and_carry_no_pii() -> None:
    worst = [
        example(
            "v2",
            1,
            PII_INPUT,
            "Call +1 415 555 0100 " + "x" * 400,
            "groundedness: unsupported: refund in 90 days",
        )
    ]
    evidence = _evidence(examples=worst)
    [pair] = evidence["examples"]
    assert "4111" not in pair["input"] and "jane.doe" not in pair["input"] and "[CARD]" in pair["input"]
    assert "555" not in pair["output"] and len(pair["output"]) <= 140
    assert evidence["reasons"] == ["groundedness: unsupported: refund in 90 days"]


def test_drifting_input_terms_are_a_suspected_cause() -> None:
    drift = [drift_row("input", "drift", detail=json.dumps({"top_terms": ["visa", "refund policy"]}))]
    evidence = _evidence(drift=drift)
    assert "input topic drift toward: visa, refund policy" in evidence["cause"]

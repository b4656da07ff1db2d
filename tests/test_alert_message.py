"""The Slack message: one per app and day, Block Kit within Slack's limits, nothing unescaped from traces."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from llmqa.alerts.message import build_message
from llmqa.alerts.settings import AlertRule, SlackConfig
from llmqa.alerts.stage import plan_alerts
from llmqa.report.render import page_name
from tests.alert_support import example, inputs, metric_rows
from tests.conftest import DAY

SLACK = SlackConfig(report_base_url="https://reports.example.com/llmqa/")
RULES = [
    AlertRule(metric="pass_rate.groundedness", op="<", value=0.9, min_traces=10, severity="critical"),
    AlertRule(metric="error_rate", op=">", value=0.05, min_traces=10, severity="warning"),
]
HOSTILE = "<!channel> click <https://evil.example|here> & win"


def _rows() -> pl.DataFrame:
    today = metric_rows(*((DAY, "v1", m, x, 200) for m, x in
                          (("pass_rate.groundedness", 0.6), ("error_rate", 0.2), ("traces", 200))))  # fmt: skip
    worst = [example("v1", 1, "what is the refund window?", HOSTILE, f"groundedness: unsupported: {HOSTILE}")]
    return plan_alerts(DAY, "a", RULES, SLACK, inputs(today, examples=worst))


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    found = []
    for block in blocks:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [element["text"] for element in block.get("elements", [])]
    return found


def test_every_rule_that_fired_goes_in_one_message_worst_first() -> None:
    message = build_message(_rows(), SLACK)
    assert message.blocks[0]["type"] == "header"
    assert "2 alert(s)" in message.text
    titles = [t for t in _texts(message.blocks[1:]) if t.startswith(":")]
    assert [t.split("*")[1] for t in titles] == ["CRITICAL", "WARNING"]


def test_blocks_stay_within_slack_limits() -> None:
    message = build_message(_rows(), SLACK)
    assert len(message.blocks) <= 50
    assert all(len(text) <= 3000 for text in _texts(message.blocks))
    assert len(message.blocks[0]["text"]["text"]) <= 150


def test_text_from_traces_cannot_mention_or_link() -> None:
    texts = "\n".join(_texts(build_message(_rows(), SLACK).blocks))
    assert "<!channel>" not in texts and "<https://evil" not in texts
    assert "&lt;!channel&gt;" in texts


def test_each_alert_links_to_its_report_page() -> None:
    links = [t for t in _texts(build_message(_rows(), SLACK).blocks) if "Open the report" in t]
    assert links == [f"<https://reports.example.com/llmqa/{DAY}/{page_name('a', 'v1')}|Open the report>"] * 2


def test_the_json_form_carries_the_same_alerts_for_webhooks() -> None:
    data = build_message(_rows(), SLACK).data
    assert json.loads(json.dumps(data))["app_id"] == "a"
    assert sorted(a["rule"] for a in data["alerts"]) == sorted(r.name for r in RULES)

"""One Slack message per app, day and channel: Block Kit sections for every alert, then recoveries."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from llmqa.alerts.channels import Message
from llmqa.alerts.check import short
from llmqa.alerts.schema import SEVERITY_RANK
from llmqa.alerts.settings import SlackConfig
from llmqa.metrics import ALL

EMOJI = {"critical": ":red_circle:", "warning": ":large_yellow_circle:", "info": ":white_check_mark:"}
SECTION_LIMIT = 2900  # Slack rejects section text over 3000 characters


def escape(text: object) -> str:
    """Text safe inside Slack mrkdwn: no links, mentions (<!channel>) or markup from the data."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def report_link(slack: SlackConfig, day: str, app_id: str, version: str) -> str | None:
    """The report page of an app × prompt version (the day's index for app-wide alerts)."""
    if not slack.report_base_url:
        return None
    from llmqa.report.render import page_name

    page = "index.html" if version == ALL else page_name(app_id, version)
    return f"{slack.report_base_url.rstrip('/')}/{day}/{page}"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT]}}


def _figures(row: dict[str, Any]) -> str:
    parts = [f"value {short(row['value'])}"]
    if row["threshold"] is not None:
        parts.append(f"threshold {short(row['threshold'])}")
    if row["reference"] is not None:
        parts.append(f"reference {short(row['reference'])}")
    return " · ".join(parts) + (f" · {row['n']} traces" if row["n"] else "")


def _details(evidence: dict[str, Any]) -> str:
    lines = []
    if evidence.get("reasons"):
        lines.append("*Evidence:* " + escape("; ".join(evidence["reasons"])))
    for pair in evidence.get("examples", []):
        lines.append(f">_in:_ {escape(pair['input'])}\n>_out:_ {escape(pair['output'])}")
    if evidence.get("cause"):
        lines.append("*Suspected cause:* " + escape("; ".join(evidence["cause"])))
    lines.append("*Suggested response:* " + escape(" ".join(evidence.get("response", []))))
    return "\n".join(lines)


def _alert_blocks(row: dict[str, Any], slack: SlackConfig) -> list[dict[str, Any]]:
    title = (f"{EMOJI[row['severity']]} *{row['severity'].upper()}* · `{escape(row['prompt_version'])}` · "
             f"*{escape(row['rule'])}*\n{escape(row['message'])}\n{_figures(row)}")  # fmt: skip
    blocks = [_section(title), _section(_details(json.loads(row["evidence"] or "{}")))]
    link = report_link(slack, row["day"].isoformat(), row["app_id"], row["prompt_version"])
    if link:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"<{link}|Open the report>"}]}
        )
    return [*blocks, {"type": "divider"}]


def build_message(rows: pl.DataFrame, slack: SlackConfig) -> Message:
    """The message for one (day, app, channel): the worst alerts first, recoveries last."""
    ranked = rows.with_columns(
        pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int64).alias("rank")
    )
    alerts = ranked.filter(pl.col("kind") == "alert").sort(
        ["rank", "prompt_version", "rule"], descending=[True, False, False]
    )
    recoveries = ranked.filter(pl.col("kind") == "recovery").sort("prompt_version", "subject")
    day, app_id = rows["day"][0].isoformat(), rows["app_id"][0]
    worst = "info" if alerts.height == 0 else alerts["severity"][0]
    summary = f"{app_id} on {day}: {alerts.height} alert(s)" + (
        f", {recoveries.height} recovered" if recoveries.height else "")  # fmt: skip
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"{EMOJI[worst]} llmqa · {summary}"[:150]}}
    ]
    shown = alerts.head(slack.max_alerts_per_message)
    for row in shown.iter_rows(named=True):
        blocks += _alert_blocks(row, slack)
    if alerts.height > shown.height:
        blocks.append(_section(f"…and {alerts.height - shown.height} more alert(s): see the report."))
    if recoveries.height:
        lines = [f"{EMOJI['info']} `{escape(r['prompt_version'])}` {escape(r['message'])}"
                 for r in recoveries.iter_rows(named=True)]  # fmt: skip
        blocks.append(_section("*Recovered*\n" + "\n".join(lines)))
    keep = ["alert_key", "prompt_version", "kind", "rule", "severity", "metric", "value", "threshold",
            "reference", "n", "message"]  # fmt: skip
    data = {"day": day, "app_id": app_id, "alerts": [
        r | {"evidence": json.loads(e or "{}")} for r, e in zip(ranked.select(keep).to_dicts(), ranked["evidence"], strict=True)
    ]}  # fmt: skip
    return Message(f"llmqa · {summary}", blocks, data)


def probe_message(channel: str) -> Message:
    """A harmless message that proves a channel is wired up."""
    text = f"llmqa test message for channel '{channel}': alerts will arrive here."
    return Message(text, [_section(f":wave: {escape(text)}")], {"test": True, "channel": channel})

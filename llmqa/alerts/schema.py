"""The alerts table (the outbox): its columns, and the life of a row.

status: `not_enough_data` (a rule could not be judged), `suppressed` (still firing, already
notified), `pending` (to deliver), `sending` (claimed by a delivery, outcome not yet recorded),
`sent`, `unconfirmed` (a delivery stopped between claiming and recording; never resent).
kind: `alert` for a rule's verdict, `recovery` for a condition that cleared.
"""

from __future__ import annotations

import polars as pl

ALERTS_SCHEMA = pl.Schema(
    {
        "alert_key": pl.String(),
        "day": pl.Date(),
        "app_id": pl.String(),
        "prompt_version": pl.String(),
        "kind": pl.String(),
        "rule": pl.String(),
        "subject": pl.String(),
        "severity": pl.String(),
        "metric": pl.String(),
        "value": pl.Float64(),
        "threshold": pl.Float64(),
        "reference": pl.Float64(),
        "n": pl.Int64(),
        "message": pl.String(),
        "evidence": pl.String(),
        "channel": pl.String(),
        "status": pl.String(),
        "notified_on": pl.Date(),
        "attempts": pl.Int64(),
        "last_error": pl.String(),
        "sent_at": pl.Datetime("us"),
    }
)
SEVERITY_RANK = {"info": 0, "warning": 1, "critical": 2}
# Rows in these states may have reached the channel: a rerun of the day keeps them as they are.
DELIVERED = ("sent", "sending", "unconfirmed")


def alert_key(day: str, app_id: str, prompt_version: str, name: str) -> str:
    """The deterministic identity of an alert: the same condition on the same day has one key."""
    return f"{day}|{app_id}|{prompt_version}|{name}"

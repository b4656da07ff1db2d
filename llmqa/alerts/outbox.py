"""The alerts table as an outbox: alerts are recorded before any delivery, once per key."""

from __future__ import annotations

import datetime as dt

import polars as pl
import sqlalchemy as sa

from llmqa.warehouse import Warehouse


def record_alerts(wh: Warehouse, conn: sa.Connection, day: dt.date, app_id: str, alerts: pl.DataFrame) -> int:
    """Replace the unsent alerts of (day, app) with `alerts`; alerts already sent are kept as sent."""
    sent = wh.read(wh.render("sent_alert_keys"), {"day": day, "app_id": app_id}, conn=conn)
    conn.execute(sa.text(wh.render("delete_unsent_alerts")), {"day": day, "app_id": app_id})
    fresh = alerts.filter(~pl.col("alert_key").is_in(sent["alert_key"].to_list() if sent.height else []))
    wh.write(conn, "llmqa_alerts", fresh)
    return fresh.height

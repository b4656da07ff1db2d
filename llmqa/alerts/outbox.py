"""The alerts table as an outbox: recorded before any delivery, once per key, claimed before sending.

Delivery is at-most-once. A message's alerts are claimed (`sending`, committed) before the
POST and settled after it; a run that dies in between leaves them `sending`, and the next
delivery marks them `unconfirmed` instead of posting them again: a crash in that window can
cost a notification (the report and the log still show it) but never duplicates one.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import sqlalchemy as sa

from llmqa.alerts.schema import ALERTS_SCHEMA
from llmqa.warehouse import Warehouse

INTERRUPTED = "delivery interrupted after claiming: may or may not have been posted; not resent"


def record_alerts(wh: Warehouse, conn: sa.Connection, day: dt.date, app_id: str, alerts: pl.DataFrame) -> int:
    """Replace the undelivered alerts of (day, app) with `alerts`; delivered ones stay as they are."""
    params = {"day": day, "app_id": app_id}
    delivered = wh.read(wh.render("sent_alert_keys"), params, conn=conn)["alert_key"].to_list()
    conn.execute(sa.text(wh.render("delete_unsent_alerts")), params)
    fresh = alerts.filter(~pl.col("alert_key").is_in(delivered))
    wh.write(conn, "llmqa_alerts", fresh.select(ALERTS_SCHEMA.names()))
    return fresh.height


def unconfirm_interrupted(wh: Warehouse) -> list[str]:
    """Mark claims left by an interrupted delivery `unconfirmed`; returns their keys."""
    with wh.begin() as conn:
        rows = conn.execute(sa.text(wh.render("alerts_unconfirm")), {"reason": INTERRUPTED}).fetchall()
    return [row[0] for row in rows]


def pending_messages(wh: Warehouse, day: dt.date | None) -> list[tuple[dt.date, str, str]]:
    """(day, app, channel) of every message waiting to go out, oldest first."""
    frame = wh.read(wh.render("alerts_pending"), {"day": day})
    return [(row[0], row[1], row[2]) for row in frame.iter_rows()]


def claim(wh: Warehouse, day: dt.date, app_id: str, channel: str) -> pl.DataFrame:
    """Atomically move one message's pending alerts to `sending` and return them."""
    with wh.begin() as conn:
        result = conn.execute(
            sa.text(wh.render("alerts_claim")), {"day": day, "app_id": app_id, "channel": channel}
        )
        rows = [dict(row._mapping) for row in result]
    return pl.DataFrame(rows, schema=ALERTS_SCHEMA, strict=False)


def settle(wh: Warehouse, keys: list[str], *, sent: bool, tries: int, error: str | None) -> None:
    """Record a delivery's outcome: `sent`, or back to `pending` with its error, adding the tries."""
    statement = sa.text(wh.render("alerts_settle")).bindparams(sa.bindparam("keys", expanding=True))
    params = {"status": "sent" if sent else "pending", "tries": tries, "last_error": error, "keys": keys}
    with wh.begin() as conn:
        conn.execute(statement, params)


def outbox_of_day(wh: Warehouse, day: dt.date) -> pl.DataFrame:
    """Every alert recorded for a day, whatever its state."""
    return wh.read(wh.render("alerts_list"), {"day": day}, ALERTS_SCHEMA)

"""`llmqa alerts ...`: prove each channel works, and show a day's outbox."""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.alerts.deliver import Attempt, send_with_retries
from llmqa.alerts.message import probe_message
from llmqa.alerts.outbox import outbox_of_day
from llmqa.config import Config
from llmqa.warehouse import Warehouse

LIST_COLUMNS = ("app_id", "prompt_version", "kind", "severity", "rule", "status", "attempts", "channel",
                "last_error")  # fmt: skip


def probe_channels(cfg: Config) -> dict[str, Attempt]:
    """Send a test message to every configured channel; how each went, by channel name."""
    return {
        name: send_with_retries(spec, probe_message(name), cfg.slack)
        for name, spec in cfg.slack.destinations().items()
    }


def outbox_table(wh: Warehouse, day: dt.date, apps: list[str] | None = None) -> str:
    """The outbox of a day as a plain-text table, one alert per line."""
    frame = outbox_of_day(wh, day)
    if apps:
        frame = frame.filter(pl.col("app_id").is_in(apps))
    if frame.height == 0:
        return f"no alerts recorded for {day}"
    rows = frame.select(LIST_COLUMNS).with_columns(pl.all().cast(pl.String).fill_null("")).rows()
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(LIST_COLUMNS)]
    widths[-1] = len(LIST_COLUMNS[-1])  # the last column is not padded
    lines = ["  ".join(c.ljust(w) for c, w in zip(LIST_COLUMNS, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)

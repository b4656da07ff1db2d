"""The deliver stage: post every pending message, oldest first, retrying with backoff; never raise.

A failed message stays `pending` with its attempts and last error, so the next run posts it;
see llmqa.alerts.outbox for the at-most-once rule around a crash mid-send.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from llmqa.alerts.channels import REGISTRY, DeliveryError, Message
from llmqa.alerts.channels.base import NotConfigured, scrub
from llmqa.alerts.message import build_message
from llmqa.alerts.outbox import claim, pending_messages, settle, unconfirm_interrupted
from llmqa.alerts.settings import ChannelSpec, SlackConfig
from llmqa.config import Config
from llmqa.warehouse import Warehouse

log = logging.getLogger(__name__)
Sleep = Callable[[float], None]


@dataclass(frozen=True)
class Attempt:
    """How sending one message went: delivered or not, HTTP tries, the waits between them, the error."""

    ok: bool
    tries: int
    waits: tuple[float, ...]
    error: str | None


@dataclass(frozen=True)
class DeliverySummary:
    """What a delivery run did: messages and alerts sent, messages left pending, claims unconfirmed."""

    messages_sent: int
    alerts_sent: int
    messages_failed: int
    unconfirmed: int

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (for Airflow XCom and the CLI)."""
        return asdict(self)


def send_with_retries(
    spec: ChannelSpec, message: Message, slack: SlackConfig, sleep: Sleep = time.sleep
) -> Attempt:
    """Send through one channel: retry what may succeed later, waiting Retry-After or an exponential backoff."""
    channel = REGISTRY[spec.type]
    options = channel.options.model_validate(spec.options)
    waits: list[float] = []
    for tries in range(1, slack.max_attempts + 1):
        try:
            channel.send(options, message, slack.timeout_seconds)
            return Attempt(True, tries, tuple(waits), None)
        except NotConfigured as error:
            return Attempt(False, tries - 1, tuple(waits), str(error))
        except DeliveryError as error:
            reason = str(error)
            wait = (
                error.retry_after
                if error.retry_after is not None
                else slack.backoff_seconds * 2 ** (tries - 1)
            )
            if not error.retryable or tries == slack.max_attempts:
                return Attempt(False, tries, tuple(waits), reason)
            if wait > slack.max_wait_seconds:
                return Attempt(
                    False, tries, tuple(waits), f"{reason} (asked to wait {wait:g}s; left for the next run)"
                )
        except Exception as error:  # a channel library's surprise must not fail the quality run
            return Attempt(False, tries, tuple(waits), scrub(f"{type(error).__name__}: {error}"))
        log.info("retrying in %.3gs after: %s", wait, reason)
        waits.append(wait)
        sleep(wait)
    raise AssertionError("unreachable: the last try returns")


def _deliver_one(
    wh: Warehouse, cfg: Config, day: dt.date, app_id: str, channel: str, sleep: Sleep
) -> tuple[int, bool]:
    rows = claim(wh, day, app_id, channel)
    if rows.height == 0:  # another delivery took them
        return 0, True
    keys = rows["alert_key"].to_list()
    spec = cfg.slack.destinations().get(channel)
    if spec is None:
        attempt = Attempt(False, 0, (), f"channel {channel!r} is not configured")
    else:
        attempt = send_with_retries(spec, build_message(rows, cfg.slack), cfg.slack, sleep)
    settle(wh, keys, sent=attempt.ok, tries=attempt.tries, error=attempt.error)
    if attempt.ok:
        log.info("sent %d alert(s) of %s on %s to %s", len(keys), app_id, day, channel)
    else:
        log.warning("alerts of %s on %s not delivered to %s after %d tries, left pending: %s",
                    app_id, day, channel, attempt.tries, attempt.error)  # fmt: skip
    return (len(keys) if attempt.ok else 0), attempt.ok


def deliver_pending(
    cfg: Config, wh: Warehouse, day: dt.date | None = None, *, sleep: Sleep = time.sleep
) -> DeliverySummary:
    """Deliver every pending message (of `day`, or of every day), oldest first; failures stay pending."""
    interrupted = unconfirm_interrupted(wh)
    for key in interrupted:
        log.warning("alert %s was being sent when a delivery stopped; marked unconfirmed, not resent", key)
    sent = messages = failed = 0
    for message_day, app_id, channel in pending_messages(wh, day):
        alerts, ok = _deliver_one(wh, cfg, message_day, app_id, channel, sleep)
        sent += alerts
        messages += ok and alerts > 0
        failed += not ok
    return DeliverySummary(messages, sent, failed, len(interrupted))

"""What every delivery channel shares: the message, the error that says whether to retry, secret hygiene."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from llmqa.redact import redact

# Handed to slack_sdk clients: its DEBUG lines carry the webhook URL, so this logger never emits them.
TRANSPORT_LOG = logging.getLogger("llmqa.alerts.transport")
TRANSPORT_LOG.setLevel(logging.INFO)
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class ChannelOptions(BaseModel):
    """A channel type's options; secrets appear only as the names of environment variables."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Message:
    """One notification: Slack Block Kit (`text` is the fallback) and the same content as plain JSON."""

    text: str
    blocks: list[dict[str, Any]]
    data: dict[str, Any] = field(default_factory=dict)


class DeliveryError(Exception):
    """A send that did not go through; `retryable` when trying again may help, after `retry_after` s."""

    def __init__(self, reason: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retryable = retryable
        self.retry_after = retry_after


class NotConfigured(DeliveryError):
    """The channel lacks a secret or connection: nothing was sent, and retrying now will not help."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, retryable=False)


@dataclass(frozen=True)
class Channel:
    """A registered channel type: its options model and how it sends a message within a timeout."""

    name: str
    options: type[BaseModel]
    send: Callable[[Any, Message, int], None]


def _pieces(secret: str) -> list[str]:
    """A secret and, for a URL, the path segments and query that carry its token (longest first)."""
    if "://" not in secret:
        return [secret]
    url = urlsplit(secret)
    segments = [part for part in url.path.split("/") if len(part) >= 16 or any(c.isdigit() for c in part)]
    return sorted({secret, url.query, *segments} - {""}, key=len, reverse=True)


def scrub(text: str, *secrets: str) -> str:
    """`text` without the given secrets (or a secret URL's token) and without PII or key-like strings."""
    for secret in secrets:
        for piece in _pieces(secret) if secret else []:
            text = text.replace(piece, "[secret]")
    return redact(text)[:500]


def secret_from_env(variable: str) -> str:
    """The value of a secret's environment variable; a non-retryable error naming it when unset."""
    value = os.environ.get(variable, "").strip()
    if not value:
        raise NotConfigured(f"environment variable {variable} is not set")
    return value


def retry_after(headers: Mapping[str, Any]) -> float | None:
    """Seconds from a Retry-After header (case-insensitive), when it holds a number."""
    for key, value in headers.items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return None
    return None


def check_status(status: int, headers: Mapping[str, Any], body: str, *secrets: str) -> None:
    """Raise a DeliveryError for a non-2xx answer: retryable for 429, 5xx and timeouts-by-proxy."""
    if 200 <= status < 300:
        return
    reason = scrub(f"HTTP {status}: {body.strip()[:200]}", *secrets)
    raise DeliveryError(reason, retryable=status in RETRYABLE_STATUS, retry_after=retry_after(headers))


def network_error(error: Exception, *secrets: str) -> DeliveryError:
    """A transport failure (refused, reset, timed out, DNS) as a retryable DeliveryError."""
    return DeliveryError(scrub(f"{type(error).__name__}: {error}", *secrets), retryable=True)

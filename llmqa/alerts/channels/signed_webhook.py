"""A generic JSON webhook signed with HMAC-SHA256, for PagerDuty, Teams or incident tools behind a relay.

The receiver recomputes `sha256=` + hex(HMAC-SHA256(secret, "<timestamp>.<body>")) from the
`X-Llmqa-Timestamp` header and the raw body, compares it with the signature header in constant
time, and rejects old timestamps to stop replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from llmqa.alerts.channels.base import (
    Channel,
    ChannelOptions,
    Message,
    check_status,
    network_error,
    secret_from_env,
)

TIMESTAMP_HEADER = "X-Llmqa-Timestamp"


class SignedWebhookOptions(ChannelOptions):
    """`url_env` and `secret_env`: variables holding the endpoint and the signing key."""

    url_env: str
    secret_env: str
    signature_header: str = "X-Llmqa-Signature"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header's value for a body sent at `timestamp`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def send(options: SignedWebhookOptions, message: Message, timeout: int) -> None:
    """POST the message's JSON form with its signature."""
    url, secret = secret_from_env(options.url_env), secret_from_env(options.secret_env)
    body = json.dumps(message.data | {"text": message.text}, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        options.signature_header: signature(secret, timestamp, body),
    }
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            check_status(response.status, dict(response.headers.items()), "", url, secret)
    except urllib.error.HTTPError as error:
        check_status(
            error.code, dict(error.headers.items()), error.read().decode(errors="replace"), url, secret
        )
    except OSError as error:
        raise network_error(error, url, secret) from None


CHANNEL = Channel("signed_webhook", SignedWebhookOptions, send)

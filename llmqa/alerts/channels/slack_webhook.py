"""Slack incoming webhook through slack_sdk's WebhookClient; the URL comes from an environment variable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmqa.alerts.channels.base import (
    TRANSPORT_LOG,
    Channel,
    ChannelOptions,
    Message,
    check_status,
    network_error,
    secret_from_env,
)

if TYPE_CHECKING:
    from slack_sdk.webhook import WebhookClient


class SlackWebhookOptions(ChannelOptions):
    """`url_env`: the environment variable holding the webhook URL (a secret)."""

    url_env: str = "LLMQA_SLACK_WEBHOOK_URL"


def post_to_webhook(client: WebhookClient, message: Message) -> None:
    """POST the Block Kit message once; map Slack's answer onto DeliveryError."""
    try:
        response = client.send_dict({"text": message.text, "blocks": message.blocks})
    except Exception as error:  # urllib raises URLError, TimeoutError, OSError, ...
        raise network_error(error, client.url) from None
    check_status(response.status_code, response.headers, str(response.body), client.url)


def send(options: SlackWebhookOptions, message: Message, timeout: int) -> None:
    """Send through the webhook named by the environment, without slack_sdk's own retries."""
    from slack_sdk.webhook import WebhookClient

    url = secret_from_env(options.url_env)
    post_to_webhook(WebhookClient(url, timeout=timeout, logger=TRANSPORT_LOG, retry_handlers=[]), message)


CHANNEL = Channel("slack_webhook", SlackWebhookOptions, send)

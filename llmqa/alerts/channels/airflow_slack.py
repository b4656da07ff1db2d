"""Slack incoming webhook whose URL lives in an Airflow connection (the Slack provider's SlackWebhookHook)."""

from __future__ import annotations

from llmqa.alerts.channels.base import TRANSPORT_LOG, Channel, ChannelOptions, Message, NotConfigured, scrub
from llmqa.alerts.channels.slack_webhook import post_to_webhook


class AirflowSlackOptions(ChannelOptions):
    """`conn_id`: an Airflow connection of type `slackwebhook`."""

    conn_id: str


def send(options: AirflowSlackOptions, message: Message, timeout: int) -> None:
    """Send through the hook's WebhookClient, so that a 429's Retry-After reaches our retry loop."""
    from airflow.providers.slack.hooks.slack_webhook import SlackWebhookHook

    hook = SlackWebhookHook(
        slack_webhook_conn_id=options.conn_id, timeout=timeout, retry_handlers=[], logger=TRANSPORT_LOG
    )
    try:
        client = hook.get_conn()
    except Exception as error:  # missing connection or token: retrying will not help
        reason = f"Airflow connection {options.conn_id!r}: {type(error).__name__}: {error}"
        raise NotConfigured(scrub(reason)) from None
    post_to_webhook(client, message)


CHANNEL = Channel("airflow_slack", AirflowSlackOptions, send)

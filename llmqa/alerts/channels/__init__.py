"""Delivery channels by type name: adding one is a module with a CHANNEL and a line here."""

from llmqa.alerts.channels import airflow_slack, signed_webhook, slack_bot, slack_webhook
from llmqa.alerts.channels.base import Channel, DeliveryError, Message

REGISTRY: dict[str, Channel] = {
    channel.name: channel
    for channel in (
        slack_webhook.CHANNEL,
        slack_bot.CHANNEL,
        airflow_slack.CHANNEL,
        signed_webhook.CHANNEL,
    )
}

__all__ = ["REGISTRY", "Channel", "DeliveryError", "Message"]

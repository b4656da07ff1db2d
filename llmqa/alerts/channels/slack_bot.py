"""Slack Web API `chat.postMessage` with a bot token (from an environment variable) and a channel."""

from __future__ import annotations

from llmqa.alerts.channels.base import (
    TRANSPORT_LOG,
    Channel,
    ChannelOptions,
    DeliveryError,
    Message,
    check_status,
    network_error,
    scrub,
    secret_from_env,
)


class SlackBotOptions(ChannelOptions):
    """`token_env`: the variable holding the bot token; `channel`: where to post; `base_url`: the API."""

    token_env: str = "LLMQA_SLACK_BOT_TOKEN"
    channel: str
    base_url: str = "https://slack.com/api/"


def send(options: SlackBotOptions, message: Message, timeout: int) -> None:
    """Post once; HTTP errors and Slack's `ok: false` answers become DeliveryErrors."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    token = secret_from_env(options.token_env)
    client = WebClient(
        token, base_url=options.base_url, timeout=timeout, logger=TRANSPORT_LOG, retry_handlers=[]
    )
    try:
        client.chat_postMessage(channel=options.channel, text=message.text, blocks=message.blocks)
    except SlackApiError as error:
        response = error.response
        body = str(response.data.get("error") if isinstance(response.data, dict) else response.data)
        check_status(response.status_code, response.headers, body, token)
        raise DeliveryError(scrub(f"Slack error: {body}", token), retryable=body == "ratelimited") from None
    except Exception as error:
        raise network_error(error, token) from None


CHANNEL = Channel("slack_bot", SlackBotOptions, send)

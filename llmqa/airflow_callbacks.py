"""When an Airflow task of llmqa fails: retry only what may pass later, and tell Slack the monitoring failed.

Imported by the DAG files at parse time, so it imports nothing heavy (and never Airflow) at module level.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import Any

log = logging.getLogger(__name__)


def dag_settings(config_path: str, day_help: str) -> dict[str, Any]:
    """What llmqa's DAGs share: start date, no catch-up, one run at a time, `day` and `apps` params, task defaults."""
    import pendulum
    from airflow.sdk import Param

    return {
        "start_date": pendulum.datetime(2026, 1, 1, tz="UTC"),
        "catchup": False,
        "max_active_runs": 1,
        "tags": ["llmqa"],
        "params": {
            "day": Param(None, type=["null", "string"], format="date", description=day_help),
            "apps": Param([], type="array", description="Only these apps (default: every configured app)"),
        },
        "default_args": task_defaults(config_path),
    }


def task_defaults(config_path: str) -> dict[str, Any]:
    """`default_args` of llmqa's DAGs: backoff retries (1, 2, 4 min) for outages, a timeout, the failure notice."""
    return {
        "retries": 3,
        "retry_delay": dt.timedelta(minutes=1),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": dt.timedelta(minutes=30),
        "execution_timeout": dt.timedelta(hours=2),
        "on_failure_callback": partial(notify_monitoring_failed, config_path),
    }


def is_transient(error: BaseException) -> bool:
    """Whether trying again may succeed: the warehouse unreachable, a dropped connection, a lock or timeout.

    Looks through wrapping errors (`raise StageError(...) from error`) at their causes.
    """
    import sqlalchemy as sa

    transient = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError, sa.exc.TimeoutError,
                 ConnectionError, TimeoutError)  # fmt: skip
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, transient):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@contextmanager
def retry_only_transient() -> Iterator[None]:
    """Let warehouse outages reach Airflow's retries; fail anything else at once (a bad config stays bad)."""
    try:
        yield
    except Exception as error:
        if is_transient(error):
            raise
        from airflow.sdk.exceptions import AirflowFailException

        raise AirflowFailException(f"{type(error).__name__}: {error}") from error


def failure_text(context: Mapping[str, Any]) -> str:
    """One line naming the DAG, task, app segment, run and error of a failed task instance (PII-redacted)."""
    from llmqa.alerts.channels.base import scrub

    ti = context.get("ti") or context.get("task_instance")
    dag_id = getattr(ti, "dag_id", "?")
    task = getattr(ti, "task_id", "?")
    map_index = getattr(ti, "map_index", -1)
    if map_index is not None and map_index >= 0:
        task = f"{task}[{map_index}]"
    error = context.get("exception")
    reason = f"{type(error).__name__}: {error}" if error is not None else "no error recorded"
    run_id = getattr(context.get("dag_run"), "run_id", None) or getattr(ti, "run_id", "?")
    return scrub(f"llmqa monitoring failed: {dag_id}.{task} in run {run_id}: {reason}")


def notify_monitoring_failed(
    config_path: str, context: Mapping[str, Any], *, sleep: Callable[[float], None] | None = None
) -> bool:
    """Post a failed task's notice to the default Slack channel; never raises, returns whether it was sent.

    The channel is the Slack provider's connection (`slack.airflow_conn_id`) when the provider is
    installed, else the webhook named by `slack.webhook_url_env`.
    """
    try:
        import time

        from llmqa.alerts.channels import Message
        from llmqa.alerts.deliver import send_with_retries
        from llmqa.alerts.message import escape
        from llmqa.alerts.settings import DEFAULT_CHANNEL, ChannelSpec
        from llmqa.config import load_config

        slack = load_config(config_path).slack
        spec = slack.destinations()[DEFAULT_CHANNEL]
        if spec.type == "airflow_slack" and not _slack_provider_installed():
            spec = ChannelSpec(type="slack_webhook", options={"url_env": slack.webhook_url_env})
        text = failure_text(context)
        ti = context.get("ti") or context.get("task_instance")
        link = getattr(ti, "log_url", None)
        body = f":rotating_light: {escape(text)}" + (f"\n<{link}|Task log>" if link else "")
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": body[:2900]}}]
        message = Message(text, blocks, {"kind": "monitoring_failed"})
        attempt = send_with_retries(spec, message, slack, sleep or time.sleep)
    except Exception:  # the notice is best effort: it must never hide the task's own failure
        log.exception("could not build or send the monitoring-failed notice")
        return False
    if not attempt.ok:
        log.warning("monitoring-failed notice not delivered: %s", attempt.error)
    return attempt.ok


def _slack_provider_installed() -> bool:
    from importlib.util import find_spec

    try:
        return find_spec("airflow.providers.slack") is not None
    except ModuleNotFoundError:
        return False

"""Talking to the judge model through the official openai client, with secrets kept out of sight.

The openai client retries 408/409/429/5xx answers, connection errors and timeouts itself
(`max_retries`): it waits as long as a Retry-After (or retry-after-ms) header says, up to
two minutes, and otherwise backs off exponentially from 0.5 s with jitter.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from llmqa.judge.options import JudgeOptions

if TYPE_CHECKING:
    from openai import OpenAI

NO_KEY = "no-key-needed"


class JudgeSetupError(RuntimeError):
    """The judge cannot be reached as configured (no key, no such connection)."""


class NotACompletion(RuntimeError):
    """The endpoint answered 200 with something that is not a chat completion."""


class Reply(NamedTuple):
    """The judge model's text and the tokens it was billed for."""

    text: str | None
    prompt_tokens: int
    completion_tokens: int


def _airflow_credentials(conn_id: str) -> tuple[str | None, str | None]:
    """(api key, base url) from an Airflow connection: its password, and extra base_url or host."""
    try:
        from airflow.sdk import Connection

        conn = Connection.get(conn_id)
    except ImportError:
        raise JudgeSetupError("airflow_conn_id needs Airflow installed") from None
    except Exception as error:  # Airflow raises several types for a missing or bad connection
        raise JudgeSetupError(f"Airflow connection {conn_id!r}: {type(error).__name__}") from None
    return conn.password, conn.extra_dejson.get("base_url") or conn.host or None


class JudgeClient:
    """One OpenAI-compatible endpoint, safe to share between threads."""

    def __init__(self, options: JudgeOptions) -> None:
        from openai import OpenAI

        base_url = options.base_url
        if options.airflow_conn_id:
            key, conn_url = _airflow_credentials(options.airflow_conn_id)
            base_url = base_url or conn_url
        elif options.api_key_env:
            key = os.environ.get(options.api_key_env)
            if not key:
                raise JudgeSetupError(f"environment variable {options.api_key_env} is not set")
        else:
            key = None
        self._secret = key
        self._options = options
        self._client: OpenAI = OpenAI(
            api_key=key or NO_KEY,
            base_url=base_url,
            timeout=options.timeout_seconds,
            max_retries=options.max_retries,
        )

    def ask(self, system: str, user: str) -> Reply:
        """One chat completion at temperature 0; raises openai.OpenAIError or NotACompletion."""
        try:
            completion = self._client.chat.completions.create(
                model=self._options.model,
                messages=[
                    {"role": "system", "content": system},
                    {"role": "user", "content": user},
                ],
                temperature=0.0,
                max_tokens=self._options.max_tokens,
            )
            usage = completion.usage
            return Reply(
                completion.choices[0].message.content if completion.choices else None,
                (usage.prompt_tokens or 0) if usage else 0,
                (usage.completion_tokens or 0) if usage else 0,
            )
        except (ValueError, TypeError, AttributeError, LookupError) as error:
            raise NotACompletion(f"answer is not a chat completion ({type(error).__name__})") from None

    def describe(self, error: Exception) -> str:
        """A short, secret-free reason for a failed call."""
        import openai

        if isinstance(error, openai.APITimeoutError):
            what = f"timed out after {self._options.timeout_seconds:g} s"
        elif isinstance(error, openai.APIStatusError):
            what = error.message
        elif isinstance(error, openai.APIConnectionError):
            what = "cannot connect to the endpoint"
        elif isinstance(error, NotACompletion):
            what = str(error)
        else:
            what = f"{type(error).__name__}: {error}"
        return f"judge call failed: {self.redact(what)[:300]}"

    def redact(self, text: str) -> str:
        """`text` with the API key blanked out, should an endpoint echo it."""
        return text.replace(self._secret, "[redacted]") if self._secret else text

    def __enter__(self) -> JudgeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

"""Judge options: endpoint, sampling, daily budget, cache and concurrency, validated by configs."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

CACHE_DIR_ENV = "LLMQA_CACHE_DIR"


def cache_dir() -> Path:
    """The llmqa cache dir: $LLMQA_CACHE_DIR, else $XDG_CACHE_HOME/llmqa, else ~/.cache/llmqa."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "llmqa"


class JudgeOptions(BaseModel):
    """How one judge evaluator reaches its model and how much it may spend per day.

    The API key comes from the environment variable `api_key_env` (null: the endpoint needs
    none) or, when `airflow_conn_id` is set, from that connection's password (its host is the
    base URL unless `base_url` is given). Prices are in USD per million tokens.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field("gpt-4o-mini", description="the judge model's name at the endpoint")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint (null: OpenAI's)")
    api_key_env: str | None = Field("OPENAI_API_KEY", description="environment variable holding the key")
    airflow_conn_id: str | None = Field(None, description="Airflow connection with the key (and URL)")
    sample_rate: float = Field(1.0, ge=0.0, le=1.0, description="share of eligible traces judged")
    max_per_segment: int | None = Field(None, ge=0, description="traces judged per app x prompt version")
    max_calls_per_day: int | None = Field(1000, ge=0, description="calls per day, reruns included")
    max_cost_per_day_usd: float | None = Field(None, ge=0.0, description="spend per day (needs prices)")
    usd_per_million_input_tokens: float = Field(0.0, ge=0.0, description="price of prompt tokens")
    usd_per_million_output_tokens: float = Field(0.0, ge=0.0, description="price of completion tokens")
    cache_path: str | None = Field(
        None, description="answer cache file (null: judge.sqlite in the cache dir)"
    )
    max_concurrency: int = Field(4, ge=1, le=64, description="calls in flight at once")
    timeout_seconds: float = Field(30.0, gt=0.0, description="per call")
    max_retries: int = Field(3, ge=0, le=10, description="retries on 429, 5xx and timeouts")
    max_tokens: int = Field(300, ge=16, description="completion tokens the judge may write")

    @model_validator(mode="after")
    def _usable(self) -> JudgeOptions:
        if importlib.util.find_spec("openai") is None:
            raise ValueError("judge evaluators need the 'judge' extra: pip install 'llmqa[judge]'")
        priced = self.usd_per_million_input_tokens > 0 or self.usd_per_million_output_tokens > 0
        if self.max_cost_per_day_usd is not None and not priced:
            raise ValueError(
                "max_cost_per_day_usd needs usd_per_million_input_tokens or "
                "usd_per_million_output_tokens to estimate what a call costs"
            )
        return self

    def resolved_cache_path(self) -> Path:
        """The judge cache file: `cache_path`, or judge.sqlite under the llmqa cache dir."""
        return Path(self.cache_path) if self.cache_path else cache_dir() / "judge.sqlite"

    def cost_usd(self, prompt_tokens: int, completion_tokens: int) -> float:
        """The estimated price of one call from its token usage."""
        return (
            prompt_tokens * self.usd_per_million_input_tokens
            + completion_tokens * self.usd_per_million_output_tokens
        ) / 1e6

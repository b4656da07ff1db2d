"""The `analytics:` section of llmqa.yaml: model prices, review sampling, cache and routing knobs."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelPrice(_Strict):
    """USD per 1,000 prompt and completion tokens."""

    prompt: float = Field(ge=0.0)
    completion: float = Field(ge=0.0)


DEFAULT_PRICES = {  # list prices per 1k tokens, late 2024; override under analytics.model_prices
    "gpt-4o-mini": ModelPrice(prompt=0.00015, completion=0.0006),
    "gpt-4o": ModelPrice(prompt=0.0025, completion=0.01),
    "gpt-4.1-mini": ModelPrice(prompt=0.0004, completion=0.0016),
    "gpt-4.1": ModelPrice(prompt=0.002, completion=0.008),
    "claude-3-5-haiku": ModelPrice(prompt=0.0008, completion=0.004),
    "claude-3-5-sonnet": ModelPrice(prompt=0.003, completion=0.015),
}


class ReviewConfig(_Strict):
    """The daily human-review sample: failing traces per evaluator, plus passing ones."""

    failing_per_evaluator: int = Field(20, ge=0, le=1000)
    passing: int = Field(20, ge=0, le=1000)
    agreement_drop: float = Field(0.1, gt=0.0, le=1.0)
    min_labels: int = Field(20, ge=1)


class RoutingConfig(_Strict):
    """When a request counts as simple, and how good the cheaper model must be on such requests."""

    simple_max_input_chars: int = Field(200, ge=1)
    max_pass_rate_drop: float = Field(0.01, ge=0.0, le=1.0)
    min_traces: int = Field(50, ge=1)


class AnalyticsConfig(_Strict):
    """Settings of the analyse stage."""

    model_prices: dict[str, ModelPrice] = Field(default_factory=lambda: dict(DEFAULT_PRICES))
    near_duplicate_similarity: float = Field(0.8, gt=0.0, le=1.0)
    alpha: float = Field(0.05, gt=0.0, lt=1.0)
    power: float = Field(0.8, gt=0.0, lt=1.0)
    review: ReviewConfig = Field(default_factory=ReviewConfig)
    routing: RoutingConfig = Field(default_factory=RoutingConfig)

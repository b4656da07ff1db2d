"""Alert configuration: rules (threshold, drift, regression) and where alerts are delivered."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from llmqa.alerts.channels import REGISTRY as CHANNELS
from llmqa.metrics import PASS_RATE_PREFIX, is_known_metric

Severity = Literal["warning", "critical"]
DEFAULT_CHANNEL = "default"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def higher_is_better(metric: str) -> bool:
    """Pass rates get worse as they fall; rates of errors, latency, tokens and cost as they rise."""
    return metric.startswith(PASS_RATE_PREFIX)


def _known(metric: str) -> str:
    if not is_known_metric(metric):
        raise ValueError(f"unknown metric {metric!r}")
    return metric


class DriftSpec(_Strict):
    """Which drift verdicts fire: one feature or any, in today-versus-the-past comparisons by default."""

    feature: str | None = None
    comparisons: tuple[str, ...] = ("reference", "replaces")

    @property
    def label(self) -> str:
        """The feature, or 'any'."""
        return self.feature or "any"


class RegressionSpec(_Strict):
    """Fire when a version's metric is worse than the previous version's by more than `by`."""

    metric: str
    by: float = Field(0.0, ge=0.0)

    @field_validator("metric")
    @classmethod
    def _comparable(cls, value: str) -> str:
        if _known(value) == "traces":
            raise ValueError("'traces' has no better or worse direction")
        return value


class AlertRule(_Strict):
    """One alert rule: a threshold (`metric op value`), a drift verdict, or a version regression.

    `metric` is always set: for a drift rule it reads `drift:<feature or any>`, for a regression
    rule it is the metric compared, so code that lists rules by metric works for every kind.
    """

    metric: str
    op: Literal["<", "<=", ">", ">="] | None = None
    value: float | None = None
    drift: DriftSpec | None = None
    regression: RegressionSpec | None = None
    min_traces: int = Field(50, ge=1)
    severity: Severity = "warning"
    channel: str | None = None
    prompt_version: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        if not isinstance(data, dict) or ("drift" not in data and "regression" not in data):
            return data
        if ("drift" in data and "regression" in data) or {"metric", "op", "value"} & set(data):
            raise ValueError("a rule has exactly one of: metric/op/value, drift, regression")
        if "regression" in data:
            spec = data["regression"]
            return data | {"metric": spec.get("metric") if isinstance(spec, dict) else spec.metric}
        spec = data["drift"]
        feature = spec.get("feature") if isinstance(spec, dict) else getattr(spec, "feature", None)
        return data | {"metric": f"drift:{feature or 'any'}"}

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        return value if value.startswith("drift:") else _known(value)

    @field_validator("drift", mode="before")
    @classmethod
    def _drift_any(cls, value: Any) -> Any:
        return {} if value == "any" else value

    @model_validator(mode="after")
    def _complete_threshold(self) -> AlertRule:
        if self.kind == "threshold" and (self.op is None or self.value is None):
            raise ValueError("a threshold rule needs metric, op and value")
        if self.kind == "threshold" and self.metric.startswith("drift:"):
            raise ValueError(f"unknown metric {self.metric!r}")
        return self

    @property
    def kind(self) -> Literal["threshold", "drift", "regression"]:
        """Which of the three rule kinds this is."""
        return "drift" if self.drift else "regression" if self.regression else "threshold"

    @property
    def measured(self) -> str | None:
        """The daily metric the rule reads (None for drift rules)."""
        return None if self.drift else self.metric

    @property
    def name(self) -> str:
        """A stable name for the rule, used in alert keys."""
        if self.drift:
            return f"drift {self.drift.label}"
        if self.regression:
            return f"{self.regression.metric} regression > {self.regression.by:g}"
        return f"{self.metric} {self.op} {self.value:g}"

    @property
    def subject(self) -> str:
        """What the rule watches; rules on one subject form one condition (e.g. warning and critical)."""
        if self.drift:
            return f"drift {self.drift.label}"
        return f"regression {self.metric}" if self.regression else self.metric


class ChannelSpec(_Strict):
    """A named destination: its `type` (a registered channel) and that channel's options."""

    type: str
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _flat(cls, value: Any) -> Any:
        if isinstance(value, dict) and "options" not in value:
            return {"type": value.get("type"), "options": {k: v for k, v in value.items() if k != "type"}}
        return value

    @model_validator(mode="after")
    def _registered(self) -> ChannelSpec:
        if self.type not in CHANNELS:
            raise ValueError(f"unknown channel type {self.type!r}; known: {sorted(CHANNELS)}")
        try:
            CHANNELS[self.type].options.model_validate(self.options)
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
            raise ValueError(f"{self.type} options: {problems}") from None
        return self


class SlackConfig(_Strict):
    """Delivery: the default Slack channel, extra named channels, noise control and retry limits.

    Secrets are never in this file: the default channel reads its webhook URL from the
    environment variable named by `webhook_url_env`, or from the Airflow connection `airflow_conn_id`.
    """

    webhook_url_env: str = "LLMQA_SLACK_WEBHOOK_URL"
    airflow_conn_id: str | None = None
    report_base_url: str | None = None
    channels: dict[str, ChannelSpec] = Field(default_factory=dict)
    renotify_days: int = Field(3, ge=1)
    max_attempts: int = Field(3, ge=1, le=10)
    backoff_seconds: float = Field(2.0, ge=0.0)
    max_wait_seconds: float = Field(60.0, ge=0.0)
    timeout_seconds: int = Field(10, ge=1)
    max_alerts_per_message: int = Field(10, ge=1, le=40)

    @field_validator("channels")
    @classmethod
    def _not_default(cls, value: dict[str, ChannelSpec]) -> dict[str, ChannelSpec]:
        if DEFAULT_CHANNEL in value:
            raise ValueError(f"{DEFAULT_CHANNEL!r} is the channel set by webhook_url_env/airflow_conn_id")
        return value

    def destinations(self) -> dict[str, ChannelSpec]:
        """Every configured channel by name, the default one first."""
        default = (
            ChannelSpec(type="airflow_slack", options={"conn_id": self.airflow_conn_id})
            if self.airflow_conn_id
            else ChannelSpec(type="slack_webhook", options={"url_env": self.webhook_url_env})
        )
        return {DEFAULT_CHANNEL: default, **self.channels}

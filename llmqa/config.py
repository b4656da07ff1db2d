"""The llmqa.yaml file: pydantic models, and loading that fails fast naming the bad key."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from llmqa.alerts.settings import AlertRule, SlackConfig
from llmqa.analytics.settings import AnalyticsConfig
from llmqa.analytics.task_metrics import TaskMetricSpec
from llmqa.contract import KNOWN_STATUSES, TRACE_COLUMNS
from llmqa.drift.config import DriftConfig
from llmqa.evaluators import REGISTRY
from llmqa.metrics import TASK_PREFIX

WAREHOUSE_URL_ENV = "LLMQA_WAREHOUSE_URL"


class ConfigError(ValueError):
    """The config file is missing, unreadable or invalid; the message names the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WarehouseConfig(_Strict):
    """Where traces live and results go: a SQLAlchemy URL or an Airflow connection id."""

    url: str | None = "duckdb:///llmqa.duckdb"
    airflow_conn_id: str | None = None

    def resolved_url(self) -> str:
        """The URL to connect to; the LLMQA_WAREHOUSE_URL environment variable wins."""
        url = os.environ.get(WAREHOUSE_URL_ENV) or self.url
        if not url:
            raise ConfigError(f"warehouse.url: not set (and {WAREHOUSE_URL_ENV} is empty)")
        return url


class TracesConfig(_Strict):
    """The traces table and how its columns map onto the trace contract."""

    table: str = "llm_traces"
    columns: dict[str, str] = Field(default_factory=dict)
    statuses: tuple[str, ...] = KNOWN_STATUSES
    chunk_rows: int = Field(50_000, ge=1)  # rows an app-day is pulled, validated and evaluated in at a time

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(TRACE_COLUMNS))
        if unknown:
            raise ValueError(f"unknown contract column(s) {unknown}; known: {list(TRACE_COLUMNS)}")
        return value

    def source_column(self, name: str) -> str:
        """The warehouse column that holds contract column `name`."""
        return self.columns.get(name, name)


class Baseline(_Strict):
    """A pinned reference range of days, inclusive."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Baseline:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class ReferenceConfig(_Strict):
    """The reference window that today is compared against."""

    days: int = Field(7, ge=1, le=90)
    baselines: dict[str, dict[str, Baseline]] = Field(default_factory=dict)


class EvaluatorSpec(_Strict):
    """One evaluator enabled for an app: its pass threshold and options."""

    threshold: float | None = Field(None, ge=0.0, le=1.0)
    options: dict[str, Any] = Field(default_factory=dict)


def _check_options(evaluator: str, options: Any) -> None:
    try:
        REGISTRY[evaluator].options.model_validate(options)
    except ValidationError as error:
        raise ValueError(f"{evaluator}.options: {_describe(error).strip()}") from None


class AppConfig(_Strict):
    """One monitored application: its evaluators and alert rules."""

    evaluators: dict[str, EvaluatorSpec] = Field(default_factory=dict)
    alerts: list[AlertRule] = Field(default_factory=list)
    task_metrics: dict[Annotated[str, Field(pattern=r"^[A-Za-z0-9_]+$")], TaskMetricSpec] = Field(
        default_factory=dict
    )
    # "prompt_version": an orchestrator evaluates each prompt version of the day in a task of its own
    fan_out: Literal["app", "prompt_version"] = "app"

    @field_validator("evaluators", mode="before")
    @classmethod
    def _known_evaluators(cls, value: Any) -> Any:
        if isinstance(value, list):
            value = {name: {} for name in value}
        if isinstance(value, dict):
            unknown = sorted(set(value) - set(REGISTRY))
            if unknown:
                raise ValueError(f"unknown evaluator(s) {unknown}; known: {sorted(REGISTRY)}")
            for name, spec in value.items():
                if isinstance(spec, dict):
                    _check_options(name, spec.get("options", {}))
            value = {name: spec if spec is not None else {} for name, spec in value.items()}
        return value

    @model_validator(mode="after")
    def _rules_use_enabled_evaluators(self) -> AppConfig:
        for i, rule in enumerate(self.alerts):
            metric = rule.measured or ""
            if metric.startswith("pass_rate.") and metric[10:] not in self.evaluators:
                raise ValueError(
                    f"alerts[{i}].metric: {metric!r} needs evaluator {metric[10:]!r} enabled for this app"
                )
            if metric.startswith(TASK_PREFIX) and metric[len(TASK_PREFIX) :] not in self.task_metrics:
                raise ValueError(
                    f"alerts[{i}].metric: {metric!r} needs task_metrics.{metric[len(TASK_PREFIX) :]}"
                )
        names = [rule.name for rule in self.alerts]
        if len(set(names)) < len(names):
            raise ValueError(
                f"alerts: two rules are the same: {sorted(n for n in names if names.count(n) > 1)[0]!r}"
            )
        return self

    def threshold(self, evaluator: str) -> float:
        """The pass threshold of `evaluator` for this app."""
        spec = self.evaluators[evaluator].threshold
        return REGISTRY[evaluator].threshold if spec is None else spec


class ReportConfig(_Strict):
    """Where and how reports are written: `dir` is a folder or an fsspec URL (s3://, gs://, ...)."""

    dir: str = "reports"
    trend_days: int = Field(28, ge=1, le=366)
    worst_traces: int = Field(20, ge=0, le=500)

    @field_validator("dir")
    @classmethod
    def _known_protocol(cls, value: str) -> str:
        import fsspec
        from fsspec.core import split_protocol

        protocol = split_protocol(value)[0]
        if protocol is not None:
            try:
                fsspec.get_filesystem_class(protocol)
            except (ValueError, ImportError) as error:
                raise ValueError(f"cannot write reports to {protocol}:// ({error})") from None
        return value

    def relative_to(self, base: Path) -> ReportConfig:
        """A relative folder resolved against `base`; URLs and absolute paths are kept as they are."""
        from fsspec.core import split_protocol

        if split_protocol(self.dir)[0] is not None:
            return self
        return self.model_copy(update={"dir": str(base / self.dir)})


class RegressionSetConfig(_Strict):
    """The regression dataset curated nightly from production failures: its table, a Parquet copy, a cap."""

    table: str = "llmqa_regression_set"
    parquet: str | None = None
    max_per_app_day: int = Field(200, ge=1, le=100_000)


class Config(_Strict):
    """The whole llmqa.yaml."""

    warehouse: WarehouseConfig = Field(default_factory=WarehouseConfig)
    traces: TracesConfig = Field(default_factory=TracesConfig)
    reference: ReferenceConfig = Field(default_factory=ReferenceConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    slack: SlackConfig = Field(default_factory=SlackConfig)
    drift: DriftConfig = Field(default_factory=DriftConfig)
    analytics: AnalyticsConfig = Field(default_factory=AnalyticsConfig)
    regression_set: RegressionSetConfig = Field(default_factory=RegressionSetConfig)
    apps: dict[str, AppConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def _rules_name_channels(self) -> Config:
        known = self.slack.destinations()
        for app_id, app in self.apps.items():
            for i, rule in enumerate(app.alerts):
                if rule.channel is not None and rule.channel not in known:
                    raise ValueError(f"apps.{app_id}.alerts.{i}.channel: unknown channel {rule.channel!r}; "
                                     f"configured: {sorted(known)}")  # fmt: skip
        return self

    def app(self, app_id: str) -> AppConfig:
        """The config of one app; a clear error when it is not configured."""
        try:
            return self.apps[app_id]
        except KeyError:
            raise ConfigError(f"apps.{app_id}: not configured; known: {sorted(self.apps)}") from None


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)


def parse_config(data: Any, *, source: str = "config") -> Config:
    """Validate a config mapping; raise ConfigError naming every bad key."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping at the top level")
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{source} is invalid:\n{_describe(error)}") from None


def _relative_to(config: Config, base: Path) -> Config:
    """Resolve the report folder, a DuckDB file and the regression Parquet path against the config file's folder."""
    report = config.report.relative_to(base)
    url = config.warehouse.url
    prefix = "duckdb:///"
    if url and url.startswith(prefix) and not url[len(prefix) :].startswith(("/", ":memory:")):
        url = prefix + str(base / url[len(prefix) :])
    warehouse = config.warehouse.model_copy(update={"url": url})
    parquet = config.regression_set.parquet
    if parquet and "://" not in parquet:
        parquet = str(base / parquet)
    regression_set = config.regression_set.model_copy(update={"parquet": parquet})
    return config.model_copy(
        update={"report": report, "warehouse": warehouse, "regression_set": regression_set}
    )


def load_config(path: str | Path) -> Config:
    """Read and validate a YAML config file; relative paths in it are relative to the file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    return _relative_to(parse_config(data, source=str(path)), path.resolve().parent)

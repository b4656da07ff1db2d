"""How a metric reads on a page: its name for a reader, and its value in its unit."""

from __future__ import annotations

from llmqa.metrics import PASS_RATE_PREFIX

LABELS = {
    "traces": "Traces",
    "thumbs_down_rate": "Thumbs-down rate",
    "error_rate": "Error rate",
    "latency_p50_ms": "Latency p50",
    "latency_p95_ms": "Latency p95",
    "tokens_per_trace": "Tokens per trace",
    "cost_usd": "Cost",
    "cost_per_trace": "Cost per trace",
}


def label(metric: str) -> str:
    """A reader's name for a metric."""
    if metric.startswith(PASS_RATE_PREFIX):
        return f"{metric.removeprefix(PASS_RATE_PREFIX).replace('_', ' ')} pass rate"
    return LABELS.get(metric, metric)


def is_percent(metric: str) -> bool:
    """Whether a metric is a proportion shown as a percentage."""
    return metric.startswith(PASS_RATE_PREFIX) or metric.endswith("_rate")


def fmt(metric: str, value: float | None, *, unit: bool = True) -> str:
    """A metric's value in its unit: percentages, milliseconds, dollars, counts."""
    if value is None:
        return "–"
    if is_percent(metric):
        return f"{value:.1%}" if unit else f"{value * 100:.1f}"
    if metric.startswith("cost"):
        text = f"{value:,.2f}" if abs(value) >= 1 else f"{value:.3g}"
        return f"${text}" if unit else text
    text = f"{value:,.0f}"
    return f"{text} ms" if unit and metric.endswith("_ms") else text


def fmt_range(metric: str, low: float, high: float) -> str:
    """A range of a metric's values with the unit written once: 58.7–66.6%, 1,068–1,133 ms."""
    text = f"{fmt(metric, low, unit=False)}–{fmt(metric, high, unit=False)}"
    if is_percent(metric):
        return text + "%"
    if metric.startswith("cost"):
        return "$" + text
    return text + " ms" if metric.endswith("_ms") else text

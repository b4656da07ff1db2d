"""Rendering the day's HTML pages: one per app × prompt version, and an index per day."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import polars as pl
from markupsafe import Markup, escape

from llmqa.config import Config
from llmqa.metrics import ALL, PASS_RATE_PREFIX
from llmqa.report.plots import trend_svg
from llmqa.report.queries import AppDayData, load_app_day
from llmqa.warehouse import Warehouse

VERDICT_ORDER = {"failing": 0, "watch": 1, "healthy": 2}
TILE_METRICS = ("traces", "error_rate", "thumbs_down_rate", "latency_p50_ms", "latency_p95_ms",
                "tokens_per_trace", "cost_usd")  # fmt: skip


def page_name(app_id: str, prompt_version: str) -> str:
    """A file name for an app × prompt version page that is safe whatever the ids contain."""
    raw = f"{app_id}--{prompt_version}"
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", raw)
    if safe != raw:
        safe += "-" + hashlib.sha1(raw.encode()).hexdigest()[:8]
    return f"{safe}.html"


def highlight(text: str | None, spans: str | None) -> Markup:
    """Escape `text` and mark the unsupported spans (` | `-separated) found in it."""
    escaped = str(escape(text or ""))
    for span in sorted(
        {s.strip() for s in (spans or "").split(" | ") if len(s.strip()) > 3}, key=len, reverse=True
    ):
        escaped = escaped.replace(str(escape(span)), f"<mark>{escape(span)}</mark>")
    return Markup(escaped)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("llmqa.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    return env


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that readers see the old page or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as tmp:
        tmp.write(text)
    os.replace(tmp.name, path)


def _format(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric.startswith(PASS_RATE_PREFIX) or metric.endswith("_rate"):
        return f"{value:.1%}"
    if metric.startswith("cost"):
        return f"${value:,.4f}" if value < 1 else f"${value:,.2f}"
    return f"{value:,.0f}"


def _tiles(data: AppDayData, version: str, reference_start: dt.date, day: dt.date) -> list[dict[str, Any]]:
    today = data.metrics.filter((pl.col("prompt_version") == version) & (pl.col("model") == ALL))
    reference = (
        data.history.filter(
            (pl.col("prompt_version") == version) & (pl.col("model") == ALL)
            & pl.col("day").is_between(reference_start, day - dt.timedelta(days=1))
        ).group_by("metric").agg(pl.col("value").mean().alias("reference"))
    )  # fmt: skip
    rows = today.join(reference, on="metric", how="left")
    tiles = []
    order = [*TILE_METRICS, *sorted(m for m in rows["metric"] if m.startswith(PASS_RATE_PREFIX))]
    by_metric = {row["metric"]: row for row in rows.iter_rows(named=True)}
    for metric in order:
        row = by_metric.get(metric)
        if row is None:
            continue
        ci = None
        if row["ci_low"] is not None:
            ci = f"{_format(metric, row['ci_low'])} – {_format(metric, row['ci_high'])}"
        change = None
        if row["reference"] is not None and row["value"] is not None:
            change = f"ref {_format(metric, row['reference'])}"
        tiles.append({"label": metric.removeprefix(PASS_RATE_PREFIX), "metric": metric,
                      "value": _format(metric, row["value"]), "ci": ci, "reference": change, "n": row["n"]})  # fmt: skip
    return tiles


def _verdict(alerts: pl.DataFrame, version: str) -> tuple[str, str]:
    firing = alerts.filter((pl.col("prompt_version") == version) & (pl.col("status") != "not_enough_data"))
    if firing.filter(pl.col("severity") == "critical").height:
        return "failing", "; ".join(firing.filter(pl.col("severity") == "critical")["message"].to_list())
    if firing.height:
        return "watch", "; ".join(firing["message"].to_list())
    return "healthy", "no alert rule fired"


def _versions(data: AppDayData) -> list[str]:
    return sorted(v for v in data.metrics["prompt_version"].unique().to_list() if v != ALL)


def render_app_pages(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> list[str]:
    """Write one page per prompt version of `app_id` on `day`; returns their paths."""
    from llmqa.analytics.report_data import load_analytics  # it imports this module
    data = load_app_day(wh, day, app_id, cfg.report.trend_days)
    analytics = load_analytics(wh, day, app_id, cfg.report.trend_days, cfg.reference.days)
    reference_start = day - dt.timedelta(days=cfg.reference.days)
    template = _environment().get_template("app.html.j2")
    out = Path(cfg.report.dir) / day.isoformat()
    paths = []
    for version in _versions(data):
        history = data.history.filter((pl.col("prompt_version") == version) & (pl.col("model") == ALL))
        pass_rates = sorted(m for m in history["metric"].unique() if m.startswith(PASS_RATE_PREFIX))
        verdict, reason = _verdict(data.alerts, version)
        html = template.render(
            day=day, app_id=app_id, version=version, verdict=verdict, verdict_reason=reason,
            tiles=_tiles(data, version, reference_start, day),
            trend_quality=Markup(trend_svg(history, pass_rates, day=day, reference_start=reference_start,
                                           title="Evaluator pass rates")),
            trend_traffic=Markup(trend_svg(history, ["latency_p95_ms"], day=day, reference_start=reference_start,
                                           title="Latency p95 (ms)")),
            models=data.metrics.filter((pl.col("prompt_version") == version) & (pl.col("model") != ALL)
                                       & pl.col("metric").is_in(["traces", "cost_usd", "latency_p95_ms"]))
            .pivot(on="metric", index="model", values="value").sort("model").to_dicts(),
            reasons=data.reasons.filter(pl.col("prompt_version") == version).to_dicts(),
            examples=data.examples.filter(pl.col("prompt_version") == version).to_dicts(),
            checks=data.checks.to_dicts(),
            quarantine=data.quarantine.to_dicts(),
            alerts=data.alerts.filter(pl.col("prompt_version") == version).to_dicts(),
            analytics=analytics.for_version(version),
        )  # fmt: skip
        path = out / page_name(app_id, version)
        write_atomically(path, html)
        paths.append(str(path))
    return paths


def render_day_index(cfg: Config, wh: Warehouse, day: dt.date) -> str:
    """Write reports/<day>/index.html: every app × prompt version with its verdict."""
    rows: list[dict[str, Any]] = []
    for app_id in sorted(cfg.apps):
        data = load_app_day(wh, day, app_id, 1)
        for version in _versions(data):
            verdict, reason = _verdict(data.alerts, version)
            traces = data.metrics.filter((pl.col("prompt_version") == version) & (pl.col("model") == ALL)
                                         & (pl.col("metric") == "traces"))["value"]  # fmt: skip
            rows.append({"app_id": app_id, "version": version, "verdict": verdict, "reason": reason,
                         "traces": int(traces[0]) if len(traces) else 0,
                         "page": page_name(app_id, version),
                         "quarantined": int(data.quarantine["n"].sum()) if data.quarantine.height else 0})  # fmt: skip
    rows.sort(key=lambda r: (VERDICT_ORDER[r["verdict"]], r["app_id"], r["version"]))
    html = _environment().get_template("index.html.j2").render(day=day, rows=rows)
    path = Path(cfg.report.dir) / day.isoformat() / "index.html"
    write_atomically(path, html)
    return str(path)

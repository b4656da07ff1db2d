"""Rendering the day's HTML pages: one per app × prompt version, the day's index, and the index of days."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import cache
from typing import Any

import jinja2
import polars as pl
from markupsafe import Markup, escape

from llmqa.config import Config
from llmqa.evaluators.spans import span_regex
from llmqa.metrics import ALL, PASS_RATE_PREFIX
from llmqa.report.compare import compare_to_reference
from llmqa.report.destination import Destination
from llmqa.report.plots import trend_svgs
from llmqa.report.queries import AppDayData, DaySummary, load_app_day, load_day_summary
from llmqa.report.sections import cost_rows, drift_rows, evaluator_rows
from llmqa.report.tiles import headline_metrics, tiles
from llmqa.report.verdict import VERDICT_ORDER, finding, judge, metric_states
from llmqa.warehouse import Warehouse


def page_name(app_id: str, prompt_version: str) -> str:
    """A file name for an app × prompt version page that is safe whatever the ids contain."""
    raw = f"{app_id}--{prompt_version}"
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", raw)
    if safe != raw:
        safe += "-" + hashlib.sha1(raw.encode()).hexdigest()[:8]
    return f"{safe}.html"


def highlight(text: str | None, spans: str | None) -> Markup:
    """Escape `text` and mark the unsupported spans (as `evaluators.spans.unsupported_spans` writes them) in it."""
    found = span_regex(spans or "")
    if found is None:
        return escape(text or "")
    marked, end = Markup(""), 0
    for match in found.finditer(text or ""):
        marked += escape(match.string[end : match.start()]) + Markup("<mark>%s</mark>") % match.group()
        end = match.end()
    return marked + escape((text or "")[end:])


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("llmqa.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    env.filters["num"] = lambda v, fmt="{:,.0f}": "–" if v is None else fmt.format(v)
    return env


def reference_window(cfg: Config, app_id: str, version: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The days today is compared with: a pinned baseline of the version, else the days just before."""
    pinned = cfg.reference.baselines.get(app_id, {}).get(version)
    if pinned is not None:
        return pinned.start, pinned.end
    return day - dt.timedelta(days=cfg.reference.days), day - dt.timedelta(days=1)


def _versions(summary: DaySummary) -> list[str]:
    return sorted(v for v in summary.metrics["prompt_version"].unique().to_list() if v != ALL)


def _segment(frame: pl.DataFrame, version: str) -> pl.DataFrame:
    return frame.filter((pl.col("prompt_version") == version) & (pl.col("model") == ALL))


def _page(cfg: Config, app_id: str, data: AppDayData, day: dt.date, version: str) -> dict[str, Any]:
    """Everything app.html.j2 shows for one prompt version."""
    summary, (ref_start, ref_end) = data.summary, reference_window(cfg, app_id, version, day)
    history = _segment(data.history, version)
    compared = compare_to_reference(
        _segment(summary.metrics, version), history.filter(pl.col("day").is_between(ref_start, ref_end))
    )
    states = metric_states(cfg.app(app_id), summary.alerts, version)
    pass_rates = sorted(m for m in compared["metric"] if m.startswith(PASS_RATE_PREFIX))
    drifted, steady = drift_rows(summary.drift, version)
    return {
        "day": day, "app_id": app_id, "version": version, "judgement": judge(summary.alerts, summary.drift, version),
        "reference": (ref_start, ref_end), "tiles": tiles(compared, states, headline_metrics(compared)),
        "evaluators": evaluator_rows(tiles(compared, states, pass_rates), data.reasons, version),
        "unscored": data.unscored.filter(pl.col("prompt_version") == version).to_dicts(),
        "plots": [(title, Markup(svg)) for title, svg in trend_svgs(
            history, data.alert_days.filter(pl.col("prompt_version") == version), day=day,
            reference=(ref_start, ref_end), since=day - dt.timedelta(days=cfg.report.trend_days - 1))],
        "drifted": drifted, "steady": steady,
        "examples": data.examples.filter(pl.col("prompt_version") == version).to_dicts(),
        "checks": data.checks.to_dicts(), "quarantine": summary.quarantine.to_dicts(), "intake": summary.counts(),
        "costs": cost_rows(summary.metrics, data.successes, version),
        "alerts": [a | {"finding": finding(a)} for a in summary.alerts.filter(pl.col("prompt_version") == version).to_dicts()],
    }  # fmt: skip


def render_app_pages(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> list[str]:
    """Write one page per prompt version of `app_id` on `day`; returns where they went."""
    baselines = cfg.reference.baselines.get(app_id, {}).values()
    since = min([day - dt.timedelta(days=max(cfg.report.trend_days - 1, cfg.reference.days)),
                 *(b.start for b in baselines)])  # fmt: skip
    from llmqa.analytics.report_data import load_analytics  # it imports this module

    data = load_app_day(wh, day, app_id, since)
    analytics = load_analytics(wh, day, app_id, cfg.report.trend_days)
    template, destination = _environment().get_template("app.html.j2"), Destination(cfg.report.dir)
    return [
        destination.write(
            f"{day}/{page_name(app_id, version)}",
            template.render(
                _page(cfg, app_id, data, day, version) | {"analytics": analytics.for_version(version)}
            ),
        )
        for version in _versions(data.summary)
    ]


def _index_rows(cfg: Config, wh: Warehouse, day: dt.date) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows, intake = [], {}
    for app_id in sorted(cfg.apps):
        summary = load_day_summary(wh, day, app_id)
        intake[app_id] = summary.counts()
        quarantined = int(summary.quarantine["n"].sum()) if summary.quarantine.height else 0
        for version in _versions(summary):
            values = dict(_segment(summary.metrics, version).select("metric", "value").iter_rows())
            judgement = judge(summary.alerts, summary.drift, version)
            rows.append({"app_id": app_id, "version": version, "verdict": judgement.verdict,
                         "reason": judgement.reason, "traces": values.get("traces"),
                         "thumbs_down": values.get("thumbs_down_rate"), "page": page_name(app_id, version),
                         "quarantined": quarantined})  # fmt: skip
    return sorted(rows, key=lambda r: (VERDICT_ORDER[r["verdict"]], r["app_id"], r["version"])), intake


def render_day_index(cfg: Config, wh: Warehouse, day: dt.date) -> str:
    """Write <day>/index.html (every app × prompt version with its verdict), the index of days and latest/."""
    env, destination = _environment(), Destination(cfg.report.dir)
    rows, intake = _index_rows(cfg, wh, day)
    counts = {v: sum(r["verdict"] == v for r in rows) for v in VERDICT_ORDER}
    index = env.get_template("index.html.j2")
    page = {"day": day, "rows": rows, "counts": counts, "intake": intake}
    path = destination.write(f"{day}/index.html", index.render(page, prefix=""))
    days = destination.days()
    if day == max(days):
        destination.write("latest/index.html", index.render(page, prefix=f"../{day}/"))
    destination.write("index.html", env.get_template("days.html.j2").render(days=sorted(days, reverse=True)))
    return path

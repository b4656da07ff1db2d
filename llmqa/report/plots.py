"""Trend plots as inline SVG, drawn with matplotlib (no script, no network): one figure per page, reused."""

from __future__ import annotations

import datetime as dt
import io
from typing import NamedTuple

import polars as pl

from llmqa.metrics import PASS_RATE_PREFIX
from llmqa.report.units import label

ALERT_COLOUR = "#c53030"
LEGEND_COLUMNS = 3
MAX_TICKS = 6
ALERT_LABEL = "alert day"
STYLE = {"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
         "axes.prop_cycle": "cycler(color=['#2b6cb0','#dd6b20','#2f855a','#6b46c1','#b83280','#4a5568'])"}  # fmt: skip


class Panel(NamedTuple):
    """One small chart: a title, the metrics drawn in it, and whether they are proportions."""

    title: str
    metrics: list[str]
    percent: bool


def panels_for(metrics: list[str]) -> list[Panel]:
    """The page's charts: quality, user signals and errors, latency, cost; empty ones are left out."""
    panels = [
        Panel("Evaluator pass rates", sorted(m for m in metrics if m.startswith(PASS_RATE_PREFIX)), True),
        Panel("Thumbs-down and error rate", ["thumbs_down_rate", "error_rate"], True),
        Panel("Latency (ms)", ["latency_p50_ms", "latency_p95_ms"], False),
        Panel("Cost per day (USD)", ["cost_usd"], False),
    ]
    return [p._replace(metrics=[m for m in p.metrics if m in metrics]) for p in panels if set(p.metrics) & set(metrics)]


def trend_svgs(
    history: pl.DataFrame,
    alert_days: pl.DataFrame,
    *,
    day: dt.date,
    reference: tuple[dt.date, dt.date],
    since: dt.date,
) -> list[tuple[str, str]]:
    """(title, SVG) per panel over [since, day]: reference window shaded, alert days marked in red."""
    import matplotlib
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    history = history.filter(pl.col("day") >= since).sort("day")
    first = max(since, history["day"].min() or day)  # type: ignore[type-var]
    step = max(1, -(-(day - first).days // MAX_TICKS))
    ticks = [day - dt.timedelta(days=k * step) for k in range((day - first).days // step + 1)]
    svgs = []
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(4.6, 2.1))
        for i, panel in enumerate(panels_for(history["metric"].unique().to_list())):
            figure.clear()
            alerted = alert_days.filter(pl.col("metric").is_in(panel.metrics))
            legend_rows = -(-(len(panel.metrics) + (alerted.height > 0)) // LEGEND_COLUMNS)
            axis = figure.add_axes((0.11, 0.13, 0.87, 0.8 - 0.09 * legend_rows))
            axis.axvspan(date2num(reference[0]) - 0.5, date2num(reference[1]) + 0.5,
                         color="#9aa5b1", alpha=0.2, linewidth=0)  # fmt: skip
            alert_label: str | None = ALERT_LABEL
            for alert_day in alerted["day"].unique().to_list():
                axis.axvspan(date2num(alert_day) - 0.5, date2num(alert_day) + 0.5, color=ALERT_COLOUR,
                             alpha=0.10, linewidth=0)  # fmt: skip
            for metric in panel.metrics:
                series = history.filter(pl.col("metric") == metric)
                axis.plot(series["day"].to_list(), series["value"].to_list(), marker="o", markersize=2.5,
                          linewidth=1.3, label=label(metric).removesuffix(" pass rate"))  # fmt: skip
                hit = series.join(alerted.filter(pl.col("metric") == metric), on="day", how="semi")
                if hit.height:
                    axis.plot(hit["day"].to_list(), hit["value"].to_list(), linestyle="none", marker="o",
                              markersize=7, markerfacecolor="none", markeredgecolor=ALERT_COLOUR,
                              markeredgewidth=1.4, label=alert_label)  # fmt: skip
                    alert_label = None
            axis.set_xlim(date2num(first) - 0.7, date2num(day) + 0.7)
            axis.set_xticks([date2num(d) for d in ticks], [f"{d:%b} {d.day}" for d in ticks])
            if panel.percent:
                axis.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            axis.grid(alpha=0.3, linewidth=0.6)
            handles, labels = axis.get_legend_handles_labels()
            order = sorted(range(len(labels)), key=lambda k: labels[k] == ALERT_LABEL)  # alert last
            axis.legend([handles[k] for k in order], [labels[k] for k in order], loc="lower left",
                        bbox_to_anchor=(0, 1.0), fontsize=8, ncols=LEGEND_COLUMNS, frameon=False,
                        borderaxespad=0.2)  # fmt: skip
            buffer = io.StringIO()
            with matplotlib.rc_context({"svg.hashsalt": f"llmqa-{i}"}):  # ids unique within the page
                figure.savefig(buffer, format="svg", metadata={"Date": None})
            svg = buffer.getvalue()
            svgs.append((panel.title, svg[svg.index("<svg") :]))
    return svgs

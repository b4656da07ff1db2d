"""Trend plots as inline SVG, drawn with matplotlib (no script, no network): one figure per page, reused."""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Any, NamedTuple

import polars as pl

from llmqa.metrics import PASS_RATE_PREFIX, TASK_PREFIX
from llmqa.report.units import label

ALERT_COLOUR = "#c53030"
LEGEND_COLUMNS = 3
MAX_TICKS = 6
ALERT_LABEL = "alert day"
STYLE: dict[Any, Any] = {"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
         "axes.prop_cycle": "cycler(color=['#2b6cb0','#dd6b20','#2f855a','#6b46c1','#b83280','#4a5568'])"}  # fmt: skip
# rc_context sets process-wide parameters: apps reported side by side take turns
_MATPLOTLIB = threading.Lock()


class Panel(NamedTuple):
    """One small chart: a title, the metrics drawn in it, and whether they are proportions."""

    title: str
    metrics: list[str]
    percent: bool


def panels_for(metrics: list[str]) -> list[Panel]:
    """The page's charts: quality, user signals and errors, latency, cost; empty ones are left out."""
    panels = [
        Panel("Evaluator pass rates", sorted(m for m in metrics if m.startswith(PASS_RATE_PREFIX)), True),
        Panel("Task metrics", sorted(m for m in metrics if m.startswith(TASK_PREFIX)), True),
        Panel("Thumbs-down and error rate", ["thumbs_down_rate", "error_rate"], True),
        Panel("Latency (ms)", ["latency_p50_ms", "latency_p95_ms"], False),
        Panel("Cost per day (USD)", ["cost_usd"], False),
    ]
    return [
        p._replace(metrics=[m for m in p.metrics if m in metrics])
        for p in panels
        if set(p.metrics) & set(metrics)
    ]


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
    from matplotlib.ticker import MaxNLocator, PercentFormatter, ScalarFormatter

    history = history.filter(pl.col("day") >= since).sort("day")
    series = {key[0]: frame for key, frame in history.partition_by("metric", as_dict=True).items()}
    alerted = {
        key[0]: set(frame["day"]) for key, frame in alert_days.partition_by("metric", as_dict=True).items()
    }
    first = max(since, min(history["day"].to_list(), default=day))
    step = max(1, -(-(day - first).days // MAX_TICKS))
    ticks = [day - dt.timedelta(days=k * step) for k in range((day - first).days // step + 1)]
    svgs = []
    with _MATPLOTLIB, matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(4.6, 2.1))
        axis = figure.add_axes((0.14, 0.13, 0.84, 0.7))  # one axes for every panel: creating axes is slow
        axis.grid(alpha=0.3, linewidth=0.6)
        axis.yaxis.set_major_locator(MaxNLocator(5))
        for i, panel in enumerate(panels_for(list(series))):
            for artist in [*axis.lines, *axis.patches]:
                artist.remove()
            axis.set_prop_cycle(None)  # each panel starts from the first colour
            days = set().union(*(alerted.get(m, set()) for m in panel.metrics))
            legend_rows = -(-(len(panel.metrics) + bool(days)) // LEGEND_COLUMNS)
            axis.set_position((0.14, 0.13, 0.84, 0.8 - 0.09 * legend_rows))
            axis.axvspan(date2num(reference[0]) - 0.5, date2num(reference[1]) + 0.5,
                         color="#9aa5b1", alpha=0.2, linewidth=0)  # fmt: skip
            for alert_day in sorted(days):
                axis.axvspan(date2num(alert_day) - 0.5, date2num(alert_day) + 0.5, color=ALERT_COLOUR,
                             alpha=0.10, linewidth=0)  # fmt: skip
            alert_label: str | None = ALERT_LABEL
            for metric in panel.metrics:
                frame = series[metric]
                axis.plot(frame["day"].to_list(), frame["value"].to_list(), marker="o", markersize=2.5,
                          linewidth=1.3, label=label(metric).removesuffix(" pass rate"))  # fmt: skip
                hit = frame.filter(pl.col("day").is_in(list(alerted.get(metric, ()))))
                if hit.height:
                    axis.plot(hit["day"].to_list(), hit["value"].to_list(), linestyle="none", marker="o",
                              markersize=7, markerfacecolor="none", markeredgecolor=ALERT_COLOUR,
                              markeredgewidth=1.4, label=alert_label)  # fmt: skip
                    alert_label = None
            axis.relim()
            axis.autoscale_view()
            axis.set_xlim(date2num(first) - 0.7, date2num(day) + 0.7)
            axis.set_xticks([date2num(d) for d in ticks], [f"{d:%b} {d.day}" for d in ticks])
            axis.yaxis.set_major_formatter(
                PercentFormatter(1.0, decimals=0) if panel.percent else ScalarFormatter()
            )
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

"""Trend plots as inline SVG, drawn with matplotlib so a page needs no script or network."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl


def trend_svg(
    history: pl.DataFrame, metrics: list[str], *, day: dt.date, reference_start: dt.date, title: str
) -> str:
    """A small line chart of `metrics` over the days of `history`, reference window shaded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.dates import date2num

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "llmqa", "font.size": 8}):
        figure, axis = plt.subplots(figsize=(6.4, 2.2))
        for metric in metrics:
            series = history.filter(pl.col("metric") == metric).sort("day")
            if series.height:
                axis.plot(series["day"].to_list(), series["value"].to_list(), marker="o", markersize=2.5,
                          linewidth=1.2, label=metric.removeprefix("pass_rate."))  # fmt: skip
        axis.axvspan(
            float(date2num(reference_start)),
            float(date2num(day - dt.timedelta(days=1))),
            color="#9aa5b1",
            alpha=0.15,
            label="reference",
        )
        axis.axvline(float(date2num(day)), color="#d64545", linewidth=0.8)
        axis.set_title(title, loc="left")
        axis.grid(alpha=0.3)
        axis.legend(loc="lower left", fontsize=7, ncols=4, frameon=False)
        figure.autofmt_xdate()
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]

"""The reference a day is compared against: the previous N days, or a pinned baseline per prompt version."""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.config import Config
from llmqa.conform import CONFORM_COLUMN
from llmqa.evaluate import wide_scores
from llmqa.source import pull_traces
from llmqa.warehouse import Warehouse


def reference_ranges(cfg: Config, day: dt.date, app_id: str) -> dict[str, tuple[dt.date, dt.date]]:
    """Inclusive day ranges: key "*" is the default window, other keys pin a prompt version."""
    window = (day - dt.timedelta(days=cfg.reference.days), day - dt.timedelta(days=1))
    pinned = cfg.reference.baselines.get(app_id, {})
    return {"*": window} | {version: (b.start, b.end) for version, b in pinned.items()}


def evaluated_traces(wh: Warehouse, app_id: str, first: dt.date, last: dt.date) -> pl.DataFrame:
    """An app's traces on days [first, last] that passed validation, with their stored scores."""
    params = {"app_id": app_id, "start": first, "end": last}
    traces = pull_traces(wh, first, app_id, through=last).drop(CONFORM_COLUMN)
    traces = traces.filter(pl.col("trace_id").is_not_null())  # always quarantined, and no id to match on
    quarantined = wh.read(wh.render("quarantined_ids"), params)
    if quarantined.height:
        traces = traces.join(quarantined, on="trace_id", how="anti")
    traces = traces.unique("trace_id", keep="first", maintain_order=True)
    return wide_scores(traces, wh.read(wh.render("scores_range"), params))


def load_reference(wh: Warehouse, cfg: Config, day: dt.date, app_id: str) -> pl.DataFrame:
    """The reference rows for `day`: the default window, with pinned versions taken from their baselines."""
    ranges = reference_ranges(cfg, day, app_id)
    default = evaluated_traces(wh, app_id, *ranges.pop("*"))
    parts = [default.filter(~pl.col("prompt_version").is_in(list(ranges)))]
    parts += [
        evaluated_traces(wh, app_id, first, last).filter(pl.col("prompt_version") == version)
        for version, (first, last) in ranges.items()
    ]
    return pl.concat(parts, how="diagonal_relaxed")

"""Reading both sides of an app-day's drift comparisons from the warehouse as feature frames.

Traces stream past in chunks of `traces.chunk_rows` and are reduced to their features at once.
Each side keeps the features of its `drift.max_rows` traces with the lowest seeded trace-id
hash, and the texts of only a smaller sample: per text feature and prompt version, the
`text_max_samples` rows with the lowest hash. That holds every comparison's own sample, since
the lowest hashes of a union are among the lowest of its parts, so the rows are those that
`compare_app_day` tests on the whole frames.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import polars as pl

from llmqa.config import Config
from llmqa.drift.base import Kind
from llmqa.drift.compare import wanted_features
from llmqa.drift.config import DriftConfig
from llmqa.drift.features import COLUMNS_READ, HASH, VERSION, feature_frame
from llmqa.lowest import keep_lowest
from llmqa.reference import reference_ranges, stored_scores_wide, valid_trace_chunks
from llmqa.warehouse import Warehouse


class Window(NamedTuple):
    """Days [first, last] of an app's traces, the rows of them a side takes, and their stored scores."""

    first: dt.date
    last: dt.date
    rows: pl.Expr
    scores: pl.DataFrame


class DriftSides(NamedTuple):
    """The feature frames of the day and of its reference (samples of `drift.max_rows` traces at most),
    the features (name -> kind) they hold, and how many traces each side has."""

    current: pl.DataFrame
    reference: pl.DataFrame
    wanted: dict[str, Kind]
    current_traces: int
    reference_traces: int


def _windows(wh: Warehouse, app_id: str, ranges: list[tuple[dt.date, dt.date, pl.Expr]]) -> list[Window]:
    return [
        Window(first, last, rows, stored_scores_wide(wh, app_id, first, last)) for first, last, rows in ranges
    ]


def _reference_windows(wh: Warehouse, cfg: Config, day: dt.date, app_id: str) -> list[Window]:
    """The default window less the pinned versions, and each pinned version from its baseline."""
    ranges = reference_ranges(cfg, day, app_id)
    first, last = ranges.pop("*")
    pinned = pl.col("prompt_version").is_in(list(ranges)).fill_null(False)
    by_version = [
        (start, end, pl.col("prompt_version") == version) for version, (start, end) in ranges.items()
    ]
    return _windows(wh, app_id, [(first, last, ~pinned), *by_version])


def side_features(
    wh: Warehouse, app_id: str, windows: list[Window], wanted: dict[str, Kind], config: DriftConfig
) -> tuple[pl.DataFrame, int]:
    """One side's feature frame, sampled to `config.max_rows` traces, its texts kept only in the rows
    of their sample; and how many traces the side has."""
    texts = [name for name, kind in wanted.items() if kind == "text"]
    rows, traces = None, 0
    kept: dict[str, pl.DataFrame | None] = dict.fromkeys(texts)
    for window in windows:
        for chunk in valid_trace_chunks(wh, app_id, window.first, window.last, COLUMNS_READ):
            scored = chunk.filter(window.rows).join(window.scores, on="trace_id", how="left")
            part = feature_frame(scored, wanted, config.seed)
            for name in texts:
                present = part.filter(pl.col(name).is_not_null()).select(VERSION, HASH, name)
                kept[name] = keep_lowest(kept[name], present, HASH, VERSION, config.text_max_samples)
            rows = keep_lowest(rows, part.drop(texts), HASH, None, config.max_rows)
            traces += part.height
    assert rows is not None  # every window yields a chunk, if an empty one
    for sample in kept.values():
        assert sample is not None
        rows = rows.join(sample.drop(VERSION), on=HASH, how="left", maintain_order="left")
    return rows, traces


def read_drift_sides(wh: Warehouse, cfg: Config, day: dt.date, app_id: str) -> DriftSides:
    """The app-day's and its reference's feature frames, read chunk by chunk."""
    current = _windows(wh, app_id, [(day, day, pl.lit(True))])
    reference = _reference_windows(wh, cfg, day, app_id)
    wanted = wanted_features(cfg.drift, [c for w in [*current, *reference] for c in w.scores.columns])
    (cur, cur_traces), (ref, ref_traces) = (
        side_features(wh, app_id, w, wanted, cfg.drift) for w in (current, reference)
    )
    return DriftSides(cur, ref, wanted, cur_traces, ref_traces)

"""The reference a day is compared against: the previous N days, or a pinned baseline per prompt version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator

import polars as pl

from llmqa.config import Config
from llmqa.conform import CONFORM_COLUMN
from llmqa.contract import TRACE_COLUMNS, TRACE_SCHEMA
from llmqa.drift.features import PASSED_SUFFIX, SCORE_SUFFIX
from llmqa.source import pull_traces, trace_chunks
from llmqa.warehouse import Warehouse

QUARANTINED = {"trace_id": pl.String(), "row_json": pl.String()}


def reference_ranges(cfg: Config, day: dt.date, app_id: str) -> dict[str, tuple[dt.date, dt.date]]:
    """Inclusive day ranges: key "*" is the default window, other keys pin a prompt version."""
    window = (day - dt.timedelta(days=cfg.reference.days), day - dt.timedelta(days=1))
    pinned = cfg.reference.baselines.get(app_id, {})
    return {"*": window} | {version: (b.start, b.end) for version, b in pinned.items()}


def _with_row_json(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with its contract columns encoded as JSON, as the quarantine stores a row."""
    return frame.with_columns(pl.struct(pl.col(TRACE_COLUMNS)).struct.json_encode().alias("row_json"))


def _held_in(rows: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """The rows of `rows` whose id and content `stored` holds, copy for copy (two stored copies match two rows)."""
    copy = pl.int_range(pl.len()).over("trace_id", "row_json").alias("_copy")
    stored = stored.select("trace_id", "row_json").with_columns(copy)
    return (
        _with_row_json(rows).with_columns(copy).join(stored, on=["trace_id", "row_json", "_copy"], how="semi")
    )


def _set_aside(
    wh: Warehouse, app_id: str, first: dt.date, last: dt.date, wanted: Collection[str]
) -> pl.DataFrame:
    """trace_id, row_json of the rows validation set aside on days [first, last], as rows read with only
    the `wanted` columns encode: when not every column is wanted, the set-aside rows are read whole,
    matched against the stored quarantine, and cut to `wanted`."""
    stored = wh.read(
        wh.render("quarantined_rows"), {"app_id": app_id, "start": first, "end": last}, QUARANTINED
    )
    if not stored.height or set(wanted) >= set(TRACE_COLUMNS):
        return stored
    whole = pull_traces(wh, first, app_id, through=last, query="pull_set_aside_traces")
    unwanted = [pl.lit(None, TRACE_SCHEMA[c]).alias(c) for c in TRACE_COLUMNS if c not in wanted]
    return _with_row_json(_held_in(whole.drop(CONFORM_COLUMN), stored).with_columns(unwanted))


def _without_set_aside(chunk: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """The chunk less its copies that `stored` holds and its rows without an id, one row per id."""
    # a row without an id is always quarantined, and has no id to match on
    traces = chunk.filter(pl.col("trace_id").is_not_null()).with_row_index("_row")
    if stored.height:
        suspects = traces.join(stored.select("trace_id").unique(), on="trace_id", how="semi")
        traces = traces.filter(~pl.col("_row").is_in(_held_in(suspects, stored)["_row"].implode()))
    return traces.drop("_row").unique("trace_id", keep="first", maintain_order=True)


def valid_trace_chunks(
    wh: Warehouse, app_id: str, first: dt.date, last: dt.date, wanted: Collection[str] = TRACE_COLUMNS
) -> Iterator[pl.DataFrame]:
    """An app's traces on days [first, last] less the rows validation set aside, in chunks of at most
    `traces.chunk_rows` rows (the rows whose id recurs in the window come first, in one chunk);
    only the `wanted` columns are read, the others are null.

    A quarantined row is matched by its id and its stored content, so of two rows sharing an
    id only the copy that was set aside is left out; of the rest, the earliest copy is kept.
    """
    stored = _set_aside(wh, app_id, first, last, wanted)
    for chunk in trace_chunks(wh, first, app_id, through=last, wanted=wanted):
        yield _without_set_aside(chunk.drop(CONFORM_COLUMN), stored)


def stored_scores_wide(wh: Warehouse, app_id: str, first: dt.date, last: dt.date) -> pl.DataFrame:
    """trace_id with `<evaluator>_score` and `<evaluator>_passed` columns, pivoted by the warehouse."""
    params: dict[str, object] = {"app_id": app_id, "start": first, "end": last}
    found = wh.read(wh.render("scores_evaluators"), params, {"evaluator": pl.String()})["evaluator"]
    names = {f"e{i}": name for i, name in enumerate(sorted(found.to_list()))}
    columns = ", ".join(
        f"MAX(CASE WHEN evaluator = :{key} THEN score END) AS {wh.quote(f'{name}{SCORE_SUFFIX}')}, "
        f"BOOL_OR(CASE WHEN evaluator = :{key} THEN passed END) AS {wh.quote(f'{name}{PASSED_SUFFIX}')}"
        for key, name in names.items()
    )
    schema: dict[str, pl.DataType] = {"trace_id": pl.String()}
    for name in names.values():
        schema |= {f"{name}{SCORE_SUFFIX}": pl.Float64(), f"{name}{PASSED_SUFFIX}": pl.Boolean()}
    if not names:
        return pl.DataFrame(schema=schema)
    return wh.read(wh.render("scores_wide", columns=columns), params | names, schema)

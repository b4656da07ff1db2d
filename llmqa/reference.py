"""The reference a day is compared against: the previous N days, or a pinned baseline per prompt version."""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.config import Config
from llmqa.conform import CONFORM_COLUMN
from llmqa.contract import TRACE_COLUMNS
from llmqa.drift.features import PASSED_SUFFIX, SCORE_SUFFIX
from llmqa.source import pull_traces
from llmqa.warehouse import Warehouse

QUARANTINED = {"trace_id": pl.String(), "row_json": pl.String()}


def reference_ranges(cfg: Config, day: dt.date, app_id: str) -> dict[str, tuple[dt.date, dt.date]]:
    """Inclusive day ranges: key "*" is the default window, other keys pin a prompt version."""
    window = (day - dt.timedelta(days=cfg.reference.days), day - dt.timedelta(days=1))
    pinned = cfg.reference.baselines.get(app_id, {})
    return {"*": window} | {version: (b.start, b.end) for version, b in pinned.items()}


def valid_traces(wh: Warehouse, app_id: str, first: dt.date, last: dt.date) -> pl.DataFrame:
    """An app's traces on days [first, last] less the rows validation set aside.

    A quarantined row is matched by its id and its stored content, so of two rows sharing an
    id only the copy that was set aside is left out; one id per trace is kept across days.
    """
    params = {"app_id": app_id, "start": first, "end": last}
    traces = pull_traces(wh, first, app_id, through=last).drop(CONFORM_COLUMN)
    # a row without an id is always quarantined, and has no id to match on
    traces = traces.filter(pl.col("trace_id").is_not_null()).with_row_index("_row")
    quarantined = wh.read(wh.render("quarantined_rows"), params, QUARANTINED)
    if quarantined.height:
        copy = pl.int_range(pl.len()).over("trace_id", "row_json").alias("_copy")
        suspects = traces.join(quarantined.select("trace_id").unique(), on="trace_id", how="semi")
        encoded = suspects.select(
            "_row", "trace_id", pl.struct(pl.col(TRACE_COLUMNS)).struct.json_encode().alias("row_json")
        )
        dropped = encoded.with_columns(copy).join(
            quarantined.with_columns(copy), on=["trace_id", "row_json", "_copy"]
        )
        traces = traces.filter(~pl.col("_row").is_in(dropped["_row"].implode()))
    return traces.drop("_row").unique("trace_id", keep="first", maintain_order=True)


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


def evaluated_traces(wh: Warehouse, app_id: str, first: dt.date, last: dt.date) -> pl.DataFrame:
    """An app's traces on days [first, last] that passed validation, with their stored scores."""
    wide = stored_scores_wide(wh, app_id, first, last)
    traces = valid_traces(wh, app_id, first, last)
    return traces.join(wide, on="trace_id", how="left") if wide.height else traces


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

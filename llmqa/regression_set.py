"""The regression dataset: production failures of a day, de-duplicated and PII-redacted, kept for pre-deploy tests.

A trace is a failure when it failed an evaluator that day (llmqa_scores) or got negative feedback
(feedback_score <= 0). Each app keeps one row per normalised input: the first day that input
failed owns it, later failures of the same question are counted as duplicates. The selection
runs in the warehouse (sql/regression_candidates.sql); only the failures are pulled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

import polars as pl

from llmqa.config import Config
from llmqa.contract import TRACE_SCHEMA
from llmqa.redact import redact_expr
from llmqa.source import day_window, traces_query
from llmqa.warehouse import Warehouse, sql_file

TEXT_COLUMNS = ("input", "output", "context", "reference", "reasons", "feedback_text")
CANDIDATE_SCHEMA = {"n_failed": pl.Int64(), "feedback_score": pl.Float64()}
SET_SCHEMA = pl.Schema(
    {"day": pl.Date(), "app_id": pl.String(), "input_key": pl.String()}
    | {
        c: TRACE_SCHEMA[c]
        for c in ("trace_id", "prompt_version", "model", "input", "output", "context", "reference")
    }
    | {"failed_evaluators": pl.String(), "reasons": pl.String()}
    | {c: TRACE_SCHEMA[c] for c in ("feedback_score", "feedback_text")}
)


@dataclass(frozen=True)
class Curated:
    """What curation did for one (day, app): failures found, rows kept, and why the others were not."""

    day: str
    app_id: str
    failures: int
    added: int
    duplicates: int
    over_cap: int
    evaluated: bool

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (for Airflow XCom and the CLI)."""
        return asdict(self)


def normalised(text: pl.Expr) -> pl.Expr:
    """An input as it is compared for duplicates: lower case, punctuation dropped, whitespace collapsed."""
    lowered = text.str.to_lowercase().str.replace_all(r"[^\w\s]", " ")
    return lowered.str.replace_all(r"\s+", " ").str.strip_chars()


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def select_failures(
    candidates: pl.DataFrame, known_keys: set[str], cap: int
) -> tuple[pl.DataFrame, int, int]:
    """Redact, key by normalised input, keep the worst trace per new input, at most `cap`; (rows, dups, over cap)."""
    keyed = (
        candidates.with_columns(redact_expr(pl.col(c)).alias(c) for c in TEXT_COLUMNS)
        .with_columns(normalised(pl.col("input")).alias("input_key"))
        .filter(pl.col("input_key").str.len_chars() > 0)
        .with_columns(pl.col("input_key").map_elements(_key, return_dtype=pl.String))
        .sort(["n_failed", "feedback_score", "trace_id"], descending=[True, False, False], nulls_last=True)
    )
    distinct = keyed.unique("input_key", keep="first", maintain_order=True)
    new = distinct.filter(~pl.col("input_key").is_in(sorted(known_keys)))
    kept = new.head(cap)
    return kept, keyed.height - new.height, new.height - kept.height


def create_table(wh: Warehouse, cfg: Config) -> None:
    """Create the regression set's table if it does not exist."""
    with wh.begin() as conn:
        conn.exec_driver_sql(wh.render("regression_set_schema", table=wh.quote(cfg.regression_set.table)))


def _candidates(wh: Warehouse, day: dt.date, app_id: str) -> pl.DataFrame:
    sql = traces_query(wh, "regression_candidates")
    start, end = day_window(day)
    return wh.read(sql, {"app_id": app_id, "day": day, "start": start, "end": end}, CANDIDATE_SCHEMA)


def curate_app_day(cfg: Config, wh: Warehouse, day: dt.date, app_id: str) -> Curated:
    """Replace the set's rows of (day, app) with that day's new, distinct, redacted failures."""
    cfg.app(app_id)
    table = wh.quote(cfg.regression_set.table)
    candidates = _candidates(wh, day, app_id)
    known = wh.read(wh.render("regression_keys", table=table), {"app_id": app_id, "day": day})
    kept, duplicates, over_cap = select_failures(
        candidates,
        set(known["input_key"].to_list()) if known.height else set(),
        cfg.regression_set.max_per_app_day,
    )
    rows = kept.with_columns(pl.lit(day).alias("day"), pl.lit(app_id).alias("app_id"))
    with wh.begin() as conn:
        wh.replace_partition(
            conn, cfg.regression_set.table, day, app_id, rows.select(list(SET_SCHEMA)).cast(SET_SCHEMA)
        )
    evaluated = wh.read(sql_file("regression_evaluated"), {"day": day, "app_id": app_id})["n"][0] > 0
    return Curated(day.isoformat(), app_id, candidates.height, kept.height, duplicates, over_cap, evaluated)


def read_set(cfg: Config, wh: Warehouse) -> pl.DataFrame:
    """The whole regression set, ordered by app, day and input."""
    return wh.read(wh.render("regression_set", table=wh.quote(cfg.regression_set.table)), {}, SET_SCHEMA)


def export_parquet(cfg: Config, wh: Warehouse, path: str | None = None) -> str | None:
    """Write the whole set to `path` (default `regression_set.parquet`; a path or fsspec URL); None when neither."""
    import fsspec

    target = path or cfg.regression_set.parquet
    if not target:
        return None
    with fsspec.open(target, "wb", auto_mkdir=True) as handle:
        read_set(cfg, wh).write_parquet(handle)
    return target


def curate_days(cfg: Config, wh: Warehouse, days: list[dt.date], apps: list[str]) -> list[Curated]:
    """Curate every (day, app), days in order; creates the tables first (a day not evaluated yet has only feedback)."""
    wh.create_schema()
    create_table(wh, cfg)
    return [curate_app_day(cfg, wh, day, app_id) for day in days for app_id in apps]

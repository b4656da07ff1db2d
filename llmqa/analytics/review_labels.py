"""Bringing reviewers' labels back: parse a filled-in review CSV and store it in llmqa_review_labels.

A label says whether a person found that a trace meets one evaluator's criterion. Rows
with `human_passed` left blank are skipped; a label for the same (app, trace, evaluator)
replaces the earlier one, so importing a file twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import sqlalchemy as sa

from llmqa.warehouse import Warehouse

LABELS_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "trace_id": pl.String(), "evaluator": pl.String(),
        "human_passed": pl.Boolean(), "stratum": pl.String(), "weight": pl.Float64(),
        "reviewer": pl.String(), "note": pl.String(),
    }
)  # fmt: skip
REQUIRED = ("day", "app_id", "trace_id", "evaluator", "human_passed")
ANSWERS = {"pass": True, "passed": True, "yes": True, "y": True, "true": True, "1": True, "ok": True, "good": True,
           "fail": False, "failed": False, "no": False, "n": False, "false": False, "0": False, "bad": False}  # fmt: skip


class LabelFileError(ValueError):
    """The labels file cannot be read or a row cannot be understood; the message says where."""


def read_labels(path: str | Path) -> pl.DataFrame:
    """The filled-in rows of a review CSV as labels; blank `human_passed` rows are left out."""
    try:
        raw = pl.read_csv(path, infer_schema=False)
    except (OSError, pl.exceptions.PolarsError) as error:
        raise LabelFileError(f"{path}: cannot read: {error}") from None
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise LabelFileError(f"{path}: missing column(s) {missing}")
    raw = raw.with_columns([pl.lit(None, pl.String).alias(c) for c in LABELS_SCHEMA if c not in raw.columns])
    answer = pl.col("human_passed").str.strip_chars().str.to_lowercase()
    filled = raw.with_row_index("line", offset=2).filter(answer.fill_null("") != "")
    labelled = filled.with_columns(answer.replace_strict(ANSWERS, default=None, return_dtype=pl.Boolean).alias("human_passed"),
                                   pl.col("day").str.to_date(strict=False))  # fmt: skip
    bad = labelled.filter(pl.col("human_passed").is_null() | pl.col("day").is_null())
    if bad.height:
        line = bad["line"][0]
        raise LabelFileError(
            f"{path}, line {line}: human_passed must be one of pass/fail, yes/no, 1/0, and day a date"
        )
    return (
        labelled.unique(["app_id", "trace_id", "evaluator"], keep="last", maintain_order=True)
        .select(list(LABELS_SCHEMA))
        .cast(LABELS_SCHEMA)
    )


def store_labels(wh: Warehouse, labels: pl.DataFrame) -> int:
    """Replace the stored labels of the same (app, trace, evaluator) with these; returns how many."""
    keys = labels.select("app_id", "trace_id", "evaluator").to_dicts()
    with wh.begin() as conn:
        if keys:
            conn.execute(sa.text(wh.render("delete_review_label")), keys)
        wh.write(conn, "llmqa_review_labels", labels)
    return labels.height

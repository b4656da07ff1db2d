"""Truncation: the answer was cut off by the token limit or stops mid-sentence."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.regex import ascii_bounded

CUT_END = ascii_bounded(
    r"(?:[\p{Ll},\-–(]|\b(?:and|or|but|the|a|an|of|to|with|for|in|on|that|which|is|are))$"
)
MID_SENTENCE_SCORE = 0.25


class TruncatedOptions(BaseModel):
    """How long an answer must be before an unfinished last line counts as a cut (an open code fence always does)."""

    model_config = ConfigDict(extra="forbid")
    min_chars: int = Field(80, ge=1, description="shorter answers may end without punctuation")


def stopped_at_limit() -> pl.Expr:
    """Whether the model stopped at its token limit (finish_reason 'length' or 'max_tokens')."""
    return pl.col("finish_reason").str.to_lowercase().is_in(["length", "max_tokens"]).fill_null(False)


def truncated(batch: pl.DataFrame, options: TruncatedOptions) -> pl.DataFrame:
    """Score 0 for finish_reason 'length', 0.25 for a long answer ending mid-sentence, else 1.

    Mid-sentence: the last line is prose (six words or more) ending in a lower-case letter,
    comma, hyphen or a function word, or a code fence was opened and never closed.
    """
    output = pl.col("output").str.strip_chars()
    by_limit = stopped_at_limit()
    last_line = output.str.split("\n").list.last()
    prose_cut = last_line.str.contains(CUT_END) & last_line.str.contains(r"(?:\S+\s+){5}\S")
    open_fence = output.str.count_matches("```") % 2 == 1
    mid_sentence = ((output.str.len_chars() >= options.min_chars) & prose_cut) | open_fence
    verdict = batch.select(
        pl.when(pl.col("output").is_null()).then(None).when(by_limit).then(0.0)
        .when(mid_sentence).then(MID_SENTENCE_SCORE).otherwise(1.0).alias("score")
    )  # fmt: skip
    cut = on_rows(
        batch,
        pl.lit(verdict["score"] == MID_SENTENCE_SCORE),
        lambda rows: rows.select(pl.format('ends mid-sentence: "…{}"', output.str.slice(-30)).alias("r")),
    )
    reason = (
        pl.when(pl.lit(verdict["score"]) == 0.0)
        .then(pl.lit("stopped at the token limit"))
        .otherwise(pl.lit(cut["r"]))
    )
    return verdict.select(result(pl.col("score"), reason))


EVALUATOR = Evaluator(
    name="truncated",
    columns=("output", "finish_reason"),
    threshold=0.5,
    compute=truncated,
    summary="Flags answers cut off by the token limit or ending mid-sentence.",
    options=TruncatedOptions,
)

"""Encoding garbage: mojibake, replacement characters and control characters in the answer."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.patterns import kinds_where
from llmqa.regex import any_of

GARBAGE: dict[str, str] = {
    "replacement_char": "\ufffd",
    "control_char": r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    "mojibake": r"Ã[\x80-\xbf¡-ÿ]|â€[™œ\x9d“”˜¦¢¡]|Â[\xa0-\xbf]|Ð[\x80-\xbf¡-¿]|ï»¿",
    "private_use": r"[\p{Co}]",
}


class EncodingGarbageOptions(BaseModel):
    """How many garbage characters bring the score to 0."""

    model_config = ConfigDict(extra="forbid")
    max_hits: int = Field(3, ge=1, description="garbage characters at which the score reaches 0")


def encoding_garbage(batch: pl.DataFrame, options: EncodingGarbageOptions) -> pl.DataFrame:
    """Score 1 - hits / max_hits over all garbage kinds; null without output. Counts only rows with any."""
    output = pl.col("output")
    hits = pl.sum_horizontal([output.str.count_matches(p) for p in GARBAGE.values()])
    kinds = kinds_where({name: output.str.contains(p) for name, p in GARBAGE.items()})
    dirty = on_rows(
        batch,
        output.str.contains(any_of(GARBAGE)),
        lambda rows: rows.select(
            result(
                1.0 - hits / options.max_hits, pl.format("{}: {} character(s)", kinds.list.join(", "), hits)
            )
        ),
    )
    clean = pl.when(output.is_not_null()).then(1.0)
    return batch.select(result(pl.coalesce(pl.lit(dirty["score"]), clean), pl.lit(dirty["reason"])))


EVALUATOR = Evaluator(
    name="encoding_garbage",
    columns=("output",),
    threshold=0.5,
    compute=encoding_garbage,
    summary="Flags answers with mojibake, replacement or control characters.",
    options=EncodingGarbageOptions,
)

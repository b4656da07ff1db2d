"""Encoding garbage: mojibake, replacement characters and control characters in the answer."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.patterns import found_kinds

GARBAGE: dict[str, str] = {
    "replacement_char": "\ufffd",
    "control_char": r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    "mojibake": r"Ã[\x80-\xbf¡-ÿ]|â€[™œ\x9d“”˜¦¢¡]|Â[\xa0-\xbf]|Ð[\x80-\xbf¡-¿]|ï»¿",
    "private_use": r"[\p{Co}]",
}


class EncodingGarbageOptions(BaseModel):
    """How many garbage characters bring the score to 0."""

    model_config = ConfigDict(extra="forbid")
    max_hits: int = Field(3, ge=1)


def encoding_garbage(batch: pl.DataFrame, options: EncodingGarbageOptions) -> pl.DataFrame:
    """Score 1 - hits / max_hits over all garbage kinds; null without output."""
    output = pl.col("output")
    hits = pl.sum_horizontal([output.str.count_matches(p) for p in GARBAGE.values()])
    kinds = found_kinds(output, GARBAGE)
    return batch.select(
        result(
            pl.when(output.is_null()).then(None).otherwise(1.0 - hits / options.max_hits),
            pl.when(hits > 0).then(pl.format("{}: {} character(s)", kinds.list.join(", "), hits)),
        )
    )


EVALUATOR = Evaluator(
    name="encoding_garbage",
    columns=("output",),
    threshold=0.5,
    compute=encoding_garbage,
    summary="Flags answers with mojibake, replacement or control characters.",
    options=EncodingGarbageOptions,
)

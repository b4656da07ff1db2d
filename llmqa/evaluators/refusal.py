"""Refusal: the model declined to answer (the user got no help)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel

from llmqa.evaluators.base import Evaluator, NoOptions, result

REFUSAL_PATTERN = (
    r"(?i)\b("
    r"i(?:'m| am) (?:sorry|afraid),? (?:but )?(?:i|that)|"
    r"i (?:can(?:not|'t)|won't|will not|am unable to|'m unable to|am not able to) "
    r"(?:help|assist|provide|answer|comply|do that|share|fulfil|support|discuss)|"
    r"i must (?:decline|refuse)|"
    r"(?:as an ai|as a language model)|"
    r"i(?:'m| am) not (?:able|allowed|permitted) to|"
    r"(?:this|that) (?:request|question) (?:goes against|violates)|"
    r"i don't have (?:access|information|the ability)"
    r")"
)


def refusal(batch: pl.DataFrame, options: BaseModel) -> pl.DataFrame:
    """Score 0 when the output uses refusal phrasing, 1 otherwise; null when there is no output."""
    phrase = pl.col("output").str.extract(REFUSAL_PATTERN, 1)
    return batch.select(
        result(
            pl.when(pl.col("output").is_null())
            .then(None)
            .when(phrase.is_not_null())
            .then(0.0)
            .otherwise(1.0),
            pl.when(phrase.is_not_null()).then(pl.format('refused: "{}"', phrase)),
        )
    )


EVALUATOR = Evaluator(
    name="refusal",
    columns=("output",),
    threshold=0.5,
    compute=refusal,
    summary="Flags answers that decline the request.",
    options=NoOptions,
)

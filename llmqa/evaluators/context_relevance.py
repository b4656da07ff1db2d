"""Context relevance: the retrieved context is about the question (retrieval found the right text).

Two shares, read by words: of the question's key words, and, where the question names someone or
something (capitalised words inside a sentence), of its names. A passage about another entity
on the same topic shares the question's common words ("won the Nobel Prize in Physics") but
not its names ("Otto Stern"), so where there are names the score is the mean of the two.
"""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, on_rows
from llmqa.evaluators.overlap import covered_share, overlap_result, word_share
from llmqa.evaluators.words import names, units, words_and_parts


class ContextRelevanceOptions(BaseModel):
    """How many question key words the context must contain for full marks."""

    model_config = ConfigDict(extra="forbid")
    key_words: int = Field(3, ge=1, description="finding this many question words scores 1")
    max_terms: int = Field(6, ge=1, le=50, description="question words named in the reason")


def context_relevance(batch: pl.DataFrame, options: ContextRelevanceOptions) -> pl.DataFrame:
    """Score the share of (at most `key_words`) question words in the context, averaged with its names' share."""
    shares = covered_share(batch, "input", "context", options.key_words)
    words = pl.DataFrame(
        {
            # the question's names that are content words ("I" is capitalised, and no name)
            "named": names(batch, "input").list.set_intersection(units(batch, "input")["words"]),
            "context": words_and_parts(batch, "context"),
        }
    )
    found = on_rows(
        words,
        pl.col("named").list.len() > 0,
        lambda rows: rows.select(word_share(pl.col("named"), pl.col("context"), None).alias("found")),
    )["found"]
    return overlap_result(
        shares.with_columns(
            pl.when(pl.lit(found).is_not_null())
            .then((pl.col("share") + pl.lit(found)) / 2)
            .otherwise("share")
        ),
        options.max_terms,
        "context never mentions",
    )


EVALUATOR = Evaluator(
    name="context_relevance",
    columns=("input", "context"),
    threshold=0.5,
    compute=context_relevance,
    summary="Flags retrieved context that lacks the question's key words or the names it asks about.",
    options=ContextRelevanceOptions,
)

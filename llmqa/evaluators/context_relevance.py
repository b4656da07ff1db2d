"""Context relevance: the retrieved context is about the question (retrieval found the right text).

Two shares, read by words: of the question's key words, and, where the question names someone or
something (capitalised words inside a sentence), of its names. A passage about another entity
on the same topic shares the question's common words ("won the Nobel Prize in Physics") but
not its names ("Otto Stern"), so where there are names the score is the mean of the two.

Words miss a passage that paraphrases the question ("How long are logs retained?" beside "Log
retention is 90 days"). With the 'embeddings' extra, `method: embeddings` reads meaning instead:
the score is the cosine similarity between the question and the context's closest sentence,
scaled so that `full_cosine` scores 1.
"""

from __future__ import annotations

import polars as pl
from pydantic import Field

from llmqa.contract import is_blank
from llmqa.embeddings import cosine_pairs
from llmqa.evaluators.base import Evaluator, on_every_row, on_rows, result
from llmqa.evaluators.meaning import MeaningOptions
from llmqa.evaluators.overlap import covered_share, overlap_result, word_share
from llmqa.evaluators.words import names, units, words_and_parts

SENTENCE = r"[^.!?\n]*[^.!?\n\s][^.!?\n]*[.!?]*"
MAX_SENTENCES = 64  # sentences of one context compared with its question: a bound on the work


class ContextRelevanceOptions(MeaningOptions):
    """Read by words (how many question key words for full marks) or by sentence embeddings."""

    key_words: int = Field(3, ge=1, description="finding this many question words scores 1")
    max_terms: int = Field(6, ge=1, le=50, description="question words named in the reason")


def context_relevance(batch: pl.DataFrame, options: ContextRelevanceOptions) -> pl.DataFrame:
    """Score how much of the question the context holds, by words or by meaning (`options.method`)."""
    if options.method == "embeddings":
        return closest_sentence(batch, options)
    return word_relevance(batch, options)


def closest_sentence(batch: pl.DataFrame, options: ContextRelevanceOptions) -> pl.DataFrame:
    """Score the cosine similarity of the question and the context's closest sentence, / `full_cosine`."""
    sentences = (
        batch.select(
            pl.col("input"),
            pl.col("context").str.extract_all(SENTENCE).list.head(MAX_SENTENCES).alias("sentence"),
            (~is_blank(pl.col("input")) & ~is_blank(pl.col("context"))).alias("both"),
        )
        .with_row_index("row")
        .filter("both")
        .explode("sentence")
        .drop_nulls("sentence")
    )
    cosine = cosine_pairs(
        sentences["input"].to_list(), sentences["sentence"].to_list(), batch_size=options.batch_size
    )
    closest = (
        sentences.select("row", pl.Series("cosine", cosine, dtype=pl.Float64))
        .group_by("row")
        .agg(pl.col("cosine").max())
    )
    similarity = pl.col("cosine")
    return on_every_row(closest, batch.height).select(
        result(
            similarity / options.full_cosine,
            pl.when(similarity < options.full_cosine).then(
                pl.format("closest context sentence: {} similar to the question", similarity.round(2))
            ),
        )
    )


def word_relevance(batch: pl.DataFrame, options: ContextRelevanceOptions) -> pl.DataFrame:
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
    summary="Flags retrieved context that lacks the question's key words or names (or, by embeddings, its meaning).",
    options=ContextRelevanceOptions,
)

"""Groundedness: every sentence of the answer is supported by the retrieved context."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result

STOPWORDS = [
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was",
    "were", "be", "been", "it", "its", "this", "that", "these", "those", "you", "your", "we",
    "our", "can", "will", "would", "should", "could", "has", "have", "had", "do", "does", "at",
    "by", "from", "as", "if", "so", "not", "no", "yes", "but", "also", "there", "their", "they",
    "i", "me", "my", "he", "she", "his", "her", "them", "which", "who", "what", "when", "where",
    "how", "than", "then", "into", "about", "any", "all", "per", "up", "out",
]  # fmt: skip


class GroundednessOptions(BaseModel):
    """How much of a sentence must appear in the context for it to count as supported."""

    model_config = ConfigDict(extra="forbid")
    min_sentence_support: float = Field(0.6, ge=0.0, le=1.0)


def _tokens(expr: pl.Expr) -> pl.Expr:
    return expr.str.to_lowercase().str.extract_all(r"[\p{L}\p{N}][\p{L}\p{N}.,%$-]*[\p{L}\p{N}%]|\w")


def groundedness(batch: pl.DataFrame, options: GroundednessOptions) -> pl.DataFrame:
    """Score the share of answer sentences whose content words and numbers are in the context."""
    source = pl.concat_str([pl.col("context"), pl.col("input")], separator=" ", ignore_nulls=True)
    sentences = (
        batch.select(
            pl.int_range(pl.len()).alias("row"),
            _tokens(source).list.unique().alias("known"),
            pl.col("output").str.extract_all(r"[^.!?\n]+(?:[.!?]+|$)").alias("sentence"),
        )
        .explode("sentence")
        .with_columns(pl.col("sentence").str.strip_chars())
        .filter(pl.col("sentence").str.len_chars() > 0)
        .with_columns(_tokens(pl.col("sentence")).list.set_difference(STOPWORDS).alias("words"))
        .filter(pl.col("words").list.len() > 0)
        .with_columns(
            (pl.col("words").list.set_intersection("known").list.len() / pl.col("words").list.len()).alias(
                "support"
            ),
            pl.col("words")
            .list.eval(pl.element().filter(pl.element().str.contains(r"\d")))
            .list.set_difference("known")
            .list.len()
            .alias("unsupported_numbers"),
        )
        .with_columns(
            (
                (pl.col("support") >= options.min_sentence_support) & (pl.col("unsupported_numbers") == 0)
            ).alias("supported")
        )
        .group_by("row")
        .agg(
            pl.col("supported").mean().alias("score"),
            pl.col("sentence").filter(~pl.col("supported")).str.join(" | ").alias("unsupported"),
        )
    )
    scored = (
        batch.select(pl.int_range(pl.len()).alias("row"), pl.col("context"))
        .join(sentences, on="row", how="left")
        .sort("row")
    )
    has_context = pl.col("context").str.strip_chars().str.len_chars() > 0
    return scored.select(
        result(
            pl.when(has_context).then(pl.col("score")),
            pl.when(has_context & (pl.col("unsupported").str.len_chars() > 0)).then(
                pl.format("unsupported: {}", pl.col("unsupported"))
            ),
        )
    )


EVALUATOR = Evaluator(
    name="groundedness",
    columns=("output", "context", "input"),
    threshold=0.8,
    compute=groundedness,
    summary="Flags answer sentences whose words or numbers are not in the retrieved context.",
    options=GroundednessOptions,
)

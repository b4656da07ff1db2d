"""Reference match: the answer agrees with the expected answer (exact, token F1, character n-grams)."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.contradiction import antonym_swap, assertiveness, yes_no_clash
from llmqa.evaluators.support import support_frame, unit_columns
from llmqa.evaluators.text import NEGATIONS
from llmqa.evaluators.textsim import char_ngram_cosine, token_f1

ABSTAIN = r"(?i)\b(?:no comment|i (?:don't|do not) know|i(?:'m| am) not sure|cannot be determined|it depends|there is no (?:way to know|single answer))\b"
Method = Literal["combined", "exact", "f1", "char_cosine"]


class ReferenceMatchOptions(BaseModel):
    """Which agreement measure scores the answer."""

    model_config = ConfigDict(extra="forbid")
    method: Method = Field("combined", description="combined | exact | f1 | char_cosine")
    ngram: int = Field(3, ge=1, le=8, description="character n-gram size of char_cosine")


SOURCES = ("reference", "input")


def reference_match(batch: pl.DataFrame, options: ReferenceMatchOptions) -> pl.DataFrame:
    """Score agreement with `reference`; null without reference or output."""
    frame = batch.select("output", *SOURCES)
    if options.method in ("f1", "combined"):
        frame = frame.hstack(unit_columns(batch, "output", SOURCES))
    applicable = ~is_blank(pl.col("output")) & ~is_blank(pl.col("reference"))
    return on_rows(frame, applicable, lambda rows: _agreement(rows, options))


def _agreement(rows: pl.DataFrame, options: ReferenceMatchOptions) -> pl.DataFrame:
    """Agreement scores of rows that all have an output and a reference.

    `combined` averages the token F1 of the words beyond the question and the share of the
    answer's claims the reference and question back, then takes off for each contradiction
    cue (a yes/no opening against the reference's, an antonym swap) and for absolute rather
    than hedged wording, and weighs polarity: an answer that denies what the reference
    denies gains, one that affirms what the reference denies loses; an answer that abstains
    scores 1 (it asserts nothing false).
    """
    exact = (
        pl.col("output").str.strip_chars().str.to_lowercase()
        == pl.col("reference").str.strip_chars().str.to_lowercase()
    )
    answer, reference, question = pl.col("output_words"), pl.col("reference_words"), pl.col("input_words")
    frame = rows.lazy()  # lazily, so repeated subexpressions run once
    if options.method == "exact":
        score = exact.cast(pl.Float64)
    elif options.method == "char_cosine":
        score = char_ngram_cosine(pl.col("output"), pl.col("reference"), options.ngram)
    elif options.method == "f1":
        score = token_f1(answer, reference)
    else:
        claims = support_frame(rows, "output", SOURCES)
        rows = rows.with_columns((1.0 - claims["unsupported"] / (claims["units"] + 4.0)).alias("_backed"))
        agreement = pl.mean_horizontal(
            token_f1(answer.list.set_difference(question), reference.list.set_difference(question)),
            pl.col("_backed"),
        )
        contradiction = (
            0.5 * yes_no_clash(pl.col("output"), pl.col("reference")).cast(pl.Float64)
            + 0.25 * antonym_swap(answer, reference).cast(pl.Float64)
            - polarity_agreement(_negated(answer), _negated(reference))
        )
        # the branches as columns first: inside when/then/otherwise polars took twice as long
        frame = rows.lazy().with_columns(
            (exact | pl.col("output").str.contains(ABSTAIN)).alias("_exact_or_abstains"),
            (agreement - contradiction - 0.1 * assertiveness(pl.col("output"))).alias("_net"),
        )
        score = pl.when(pl.col("_exact_or_abstains")).then(1.0).otherwise(pl.col("_net"))
    scored = frame.select(score.alias("score")).collect()
    return scored.select(
        result(
            pl.col("score"),
            pl.format(
                "{} agreement with the reference: {}", pl.lit(options.method), pl.col("score").round(2)
            ),
        )
    )


def polarity_agreement(answer_negated: pl.Expr, reference_negated: pl.Expr) -> pl.Expr:
    """+0.1 where both texts deny, -0.05 where only the reference does, else 0.

    Asymmetric: a shared denial ("no", "not", "never") is agreement on the point most
    likely to be a misconception, an answer that affirms what the reference denies has
    accepted the question's premise, while a denial only the answer makes often just
    rejects the premise in other words than the reference's.
    """
    return (
        pl.when(answer_negated & reference_negated)
        .then(0.1)
        .when(reference_negated)
        .then(-0.05)
        .otherwise(0.0)
    )


def _negated(words: pl.Expr) -> pl.Expr:
    return words.list.set_intersection(pl.lit(list(NEGATIONS))).list.len() > 0


EVALUATOR = Evaluator(
    name="reference_match",
    columns=("output", "reference", "input"),
    threshold=0.5,
    compute=reference_match,
    summary="Flags answers that disagree with the expected answer.",
    options=ReferenceMatchOptions,
)

"""Answer relevance: the answer talks about what the question asks.

A right answer often repeats none of the question's words ("Who won a Nobel Prize in 1943 and
is associated with Max Volmer?" "Otto Stern"), so words are read three ways, and the best counts:
- the answer has the question's key words;
- or, with a retrieved context, the answer is drawn from a context that has them (the context is
  the bridge: "How do I paginate list endpoints?" "Pass the next_cursor value back as ?cursor=");
- or a yes/no question is answered yes or no.
A bare answer ("Paris.", "Eight.", "William Shakespeare") to a question that is not a yes/no one
shares no word with it, so without a context to bridge them words cannot tell it from one about
something else: it is not scored (null) unless `method: embeddings` reads its meaning. An
answer that refuses or abstains is not scored: refusal and false_abstention own it
(`declining_left_out`).

Words miss an answer that paraphrases the question. With the 'embeddings' extra, `method:
embeddings` averages the words score with the answer's similarity to the question (scaled so
that `full_cosine` scores 1): it reads full-sentence answers better, short names worse.
"""

from __future__ import annotations

import polars as pl
from pydantic import Field

from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.meaning import MeaningOptions
from llmqa.evaluators.overlap import covered_share, overlap_result, word_share
from llmqa.evaluators.refusal import declining_left_out
from llmqa.evaluators.semantic_similarity import SemanticSimilarityOptions, semantic_similarity
from llmqa.evaluators.text import NEGATIONS
from llmqa.evaluators.words import units, words_and_parts

YES_NO_QUESTION = (
    r"(?i)^\W*(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|must|"
    r"shall|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|won't)\b"
)
YES_NO_ANSWER = r"(?i)^\W*(?:yes|no)\b"
BARE = "a bare answer, no word of the question: words cannot tell"


class AnswerRelevanceOptions(MeaningOptions):
    """How many question key words the answer (or the context it draws on) must hold for full marks,
    and whether its similarity to the question counts too."""

    full_cosine: float = Field(0.5, gt=0.0, le=1.0, description="embeddings: this similarity scores 1")
    key_words: int = Field(2, ge=1, description="matching this many question words scores 1")
    max_terms: int = Field(6, ge=1, le=50, description="question words named in the reason")
    bare_words: int = Field(
        2,
        ge=0,
        description="answers of at most this many content words, none of the question's, without context: not scored by words",
    )


def answer_relevance(batch: pl.DataFrame, options: AnswerRelevanceOptions) -> pl.DataFrame:
    """Score the best of: question key words in the answer, the same through the context, a yes/no answer."""
    asked = covered_share(batch, "input", "output", options.key_words)
    asks_yes_no = batch["input"].str.contains(YES_NO_QUESTION).fill_null(False)
    yes_no = asks_yes_no & batch["output"].str.contains(YES_NO_ANSWER)
    shares = asked.with_columns(
        pl.when(pl.col("share").is_not_null())
        .then(
            pl.when(pl.lit(yes_no))
            .then(1.0)
            .otherwise(pl.max_horizontal("share", pl.lit(through_context(batch, asked["share"], options))))
        )
        .alias("share")
    )
    bare = pl.lit(bare_answers(batch, shares["share"], asks_yes_no, options))
    scored = overlap_result(shares, options.max_terms, "answer never mentions").select(
        pl.when(~bare).then(pl.col(c)).alias(c) for c in ("score", "reason")
    )
    if options.method == "embeddings":
        scored = with_meaning(batch, scored, options)
    else:
        scored = scored.with_columns(pl.when(bare).then(pl.lit(BARE)).otherwise("reason").alias("reason"))
    return declining_left_out(batch, scored)


def bare_answers(
    batch: pl.DataFrame, share: pl.Series, asks_yes_no: pl.Series, options: AnswerRelevanceOptions
) -> pl.Series:
    """Per row, whether the answer is bare: at most `bare_words` content words, none of the
    question's, to a question that is not a yes/no one ("Paris." answers none), with no context.

    Read by words alone, a short answer with a negation ("No comment", "I don't know") is a
    non-answer, not a bare one: words fail it. Meaning reads both kinds.
    """
    no_context = is_blank(pl.col("context"))
    words = pl.lit(units(batch, "output")["words"])
    short = words.list.len() <= options.bare_words
    if options.method == "words":
        short &= words.list.set_intersection(list(NEGATIONS)).list.len() == 0
    return batch.select(
        ((pl.lit(share) == 0.0) & short & ~pl.lit(asks_yes_no) & no_context).fill_null(False)
    ).to_series()


def with_meaning(batch: pl.DataFrame, scored: pl.DataFrame, options: AnswerRelevanceOptions) -> pl.DataFrame:
    """The words score averaged with the answer's similarity to the question / `full_cosine` (at most 1)."""
    similarity = semantic_similarity(
        batch, SemanticSimilarityOptions(against="input", batch_size=options.batch_size)
    )["score"]
    meaning = (pl.col("similarity") / options.full_cosine).clip(upper_bound=1.0)
    said = pl.format("similarity to the question: {}", pl.col("similarity").round(2))
    return scored.with_columns(similarity=similarity).select(
        result(
            pl.mean_horizontal("score", meaning),
            pl.when(meaning < 1.0)
            .then(pl.concat_str("reason", said, separator="; ", ignore_nulls=True))
            .otherwise("reason"),
        )
    )


def through_context(batch: pl.DataFrame, asked: pl.Series, options: AnswerRelevanceOptions) -> pl.Series:
    """Per row, the lesser of the question's key words in the context and the answer's words there.

    Read only where the answer misses a key word of the question (`asked` below 1) and there is
    a context; null elsewhere.
    """
    words = pl.DataFrame(
        {
            "input": units(batch, "input")["words"],
            "output": units(batch, "output")["words"],
            "context": words_and_parts(batch, "context"),
        }
    )
    retrieved = word_share(pl.col("input"), pl.col("context"), options.key_words)
    drawn = word_share(pl.col("output"), pl.col("context"), None)
    lesser = pl.when(retrieved.is_not_null() & drawn.is_not_null()).then(pl.min_horizontal(retrieved, drawn))
    return on_rows(
        words,
        pl.lit(asked < 1.0) & (pl.col("context").list.len() > 0),
        lambda rows: rows.select(lesser.alias("through_context")),
    )["through_context"]


EVALUATOR = Evaluator(
    name="answer_relevance",
    columns=("input", "output"),  # and the context where there is one
    threshold=0.5,
    compute=answer_relevance,
    summary="Flags answers about something other than what was asked (read through the context, if any).",
    options=AnswerRelevanceOptions,
)

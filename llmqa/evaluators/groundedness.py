"""Groundedness: the answer's words, word pairs, numbers and names all occur in the context or question.

A sentence that declines ("I'm afraid I can't help with that, but our support team can") or
abstains ("The provided documents do not mention a student discount") makes no claim: it is
what an answer should do when the context does not support one, and the refusal evaluator owns
declining. Nor does a courtesy ("Is there anything else I can help you with?", "I hope this
helps!"). Their words are left out, and an answer that only declines is not applicable (null).
Nor does the last word of an answer the token limit cut off ("...on the stan"): a fragment,
which the truncated evaluator owns. Nor do the words that point at the source ("According to
the provided documents, ..."): see `framing`.
"""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmqa.contract import is_blank
from llmqa.evaluators.arithmetic import calculations
from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.framing import FRAMING
from llmqa.evaluators.refusal import RefusalOptions, abstains, refusal_phrases
from llmqa.evaluators.refusal_phrases import ABSTENTION_PHRASES, REFUSAL_PHRASES
from llmqa.evaluators.spans import SEPARATOR, unsupported_spans
from llmqa.evaluators.support import support_frame, unit_columns
from llmqa.evaluators.text import apostrophes_folded, sentences_with
from llmqa.evaluators.truncated import stopped_at_limit
from llmqa.evaluators.words import UNITS_SCHEMA, classified_tokens, units
from llmqa.regex import ascii_bounded, checked_regexes

# whole sentences of courtesy, which claim nothing; written out in full, so that a sentence which
# opens with one and goes on to claim something ("let me know if the $59 plan suits") is rare
COURTESY_PHRASES: tuple[str, ...] = (
    r"\b(?:is there )?(?:anything|something) else (?:that )?(?:i|we) can (?:help|assist) (?:you )?with\b",
    r"\b(?:please )?(?:let|feel free to let) (?:me|us) know if (?:you )?(?:have|need) (?:any )?"
    r"(?:other|more|further|additional)? ?(?:questions?|help|assistance)\b",
    r"\b(?:please )?(?:feel free|don't hesitate|do not hesitate) to (?:ask|reach out|contact (?:me|us))\b",
    r"\b(?:i )?hope (?:this|that|it) helps\b",
    r"\b(?:happy|glad) to help\b",
)
COURTESY = ascii_bounded("(?i)" + "|".join(COURTESY_PHRASES))
# "No, they are not.", "Yes.": the answer to a yes/no question; not the "no" of "No refunds are offered"
OPENING_VERDICT = r"(?i)^\W*(yes|no)(?:[,.!;:—–-]|\s*$)"


class SupportOptions(BaseModel):
    """How many unsupported units a short answer may carry before its score drops far."""

    model_config = ConfigDict(extra="forbid")
    slack_units: float = Field(12.0, gt=0.0, description="units of allowance added to every answer")
    number_weight: float = Field(2.0, ge=0.0, description="extra weight of an unsupported number")
    name_weight: float = Field(2.0, ge=0.0, description="extra weight of an unsupported name")
    max_terms: int = Field(8, ge=1, le=50, description="unsupported spans named in the reason")
    framing_phrases: list[str] = Field(
        default_factory=list,
        description="more regexes of words that frame a claim rather than make one (case-blind)",
    )

    @field_validator("framing_phrases")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        return checked_regexes(patterns)


class GroundednessOptions(SupportOptions):
    """Support options, with how much the question backs a word and which sentences decline."""

    question_weight: float = Field(
        0.5, ge=0.0, le=1.0, description="weight of a unit only the question has (1 = unsupported)"
    )
    declining_phrases: list[str] = Field(
        default_factory=list, description="more regexes of declining sentences (as refusal's extra_phrases)"
    )


def unsupported_reason(batch: pl.DataFrame, novel: pl.Series, max_terms: int) -> pl.Series:
    """'unsupported: a b | c' naming the first `max_terms` spans that the `novel` words (a list
    column) make in each output, or null where there are none."""
    spans = unsupported_spans(classified_tokens(batch, "output"), novel)
    named = spans.str.split(SEPARATOR).list.head(max_terms).list.join(SEPARATOR)
    return pl.select(pl.format("unsupported: {}", named)).to_series()


def support_score(
    batch: pl.DataFrame,
    sources: tuple[str, ...],
    options: SupportOptions,
    weak: tuple[str, ...] = (),
    weak_weight: float = 1.0,
    claimless: pl.DataFrame | None = None,
    backed: pl.DataFrame | None = None,
    claimed: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Score 1 - unsupported / (units + slack) of the output against `sources` (and `weak` ones).

    A unit only a `weak` source has counts `weak_weight` of an unsupported one.
    Null without context or output. `claimless` (a `units` frame) holds per row output units that
    claim nothing (declining sentences); they are left out, and a row with no other unit is null
    with the reason 'the answer only declines'. `backed` (a `units` frame) holds per row the
    output units the answer backs itself (`backed_units`): they count as supported. `claimed`
    (a `units` frame, null rows where the whole output claims) holds per row the units of what
    the output claims (`claim_units`): they stand for the output's.
    """
    frame = unit_columns(batch, "output", (*sources, *weak))
    if claimed is not None:
        frame = frame.with_columns(
            pl.coalesce(pl.lit(claimed["words"]), "output_words").alias("output_words"),
            pl.coalesce(pl.lit(claimed["pairs"]), "output_pairs").alias("output_pairs"),
        )
    applicable = ~is_blank(pl.col("context")) & ~is_blank(pl.col("output"))
    only_claimless = pl.lit(False)
    if claimless is not None and claimless["words"].list.len().sum() > 0:
        frame = frame.with_columns(
            pl.col("output_words").list.set_difference(claimless["words"]),
            pl.col("output_pairs").list.set_difference(claimless["pairs"]),
        )
        only_claimless = pl.lit((claimless["words"].list.len() > 0) & (frame["output_words"].list.len() == 0))
        applicable = applicable & ~only_claimless
    if backed is not None:
        frame = frame.with_columns(backed_words=backed["words"], backed_pairs=backed["pairs"])
        sources = (*sources, "backed")
    support = support_frame(
        frame,
        "output",
        sources,
        number_weight=options.number_weight,
        name_weight=options.name_weight,
        weak_sources=weak,
        weak_weight=weak_weight,
    )
    scored = support.hstack(
        batch.select(applicable.alias("applicable"), only_claimless.alias("claims_nothing"))
    )
    novel = scored.select(pl.when("applicable").then("novel")).to_series()
    return scored.select(
        result(
            pl.when("applicable").then(1.0 - pl.col("unsupported") / (pl.col("units") + options.slack_units)),
            pl.when("claims_nothing")
            .then(pl.lit("the answer only declines"))
            .otherwise(pl.lit(unsupported_reason(batch, novel, options.max_terms))),
        )
    )


def declining_units(batch: pl.DataFrame, extra_phrases: list[str]) -> pl.DataFrame:
    """Per output, the content words and pairs of its sentences that decline (empty lists where none).

    A sentence declines when it holds a refusal, abstention or courtesy phrase, or one of
    `extra_phrases`.
    """
    phrases = "|".join([*REFUSAL_PHRASES, *ABSTENTION_PHRASES, *COURTESY_PHRASES, *extra_phrases])
    # both scans are shared: with the refusal evaluators and with false_abstention
    refuses = refusal_phrases(batch, RefusalOptions())["anywhere"].is_not_null()
    courteous = batch.select(
        apostrophes_folded(pl.col("output")).str.contains(COURTESY).fill_null(False)
    ).to_series()

    def sentence_units(rows: pl.DataFrame) -> pl.DataFrame:
        sentences = rows.select(sentences_with(pl.col("output"), phrases).list.join(" "))
        return units(sentences, "output")

    declines = pl.lit(refuses) | pl.lit(abstains(batch, extra_phrases)) | pl.lit(courteous)
    return _emptied(on_rows(batch, declines, sentence_units))


def backed_units(batch: pl.DataFrame) -> pl.DataFrame:
    """Per output, the units it backs itself: the results its right calculations reach ("36" of
    "3 × $12 = $36") and the yes or no it opens with, which words cannot check against a context."""
    verdict = batch.select(pl.col("output").str.extract(OPENING_VERDICT, 1)).to_series()
    backed = calculations(batch).select(
        pl.concat_str("results", pl.lit(verdict), separator=" ", ignore_nulls=True).alias("output")
    )
    return _emptied(on_rows(backed, pl.col("output").str.len_bytes() > 0, lambda rows: units(rows, "output")))


def claim_units(batch: pl.DataFrame, framing_phrases: list[str]) -> pl.DataFrame:
    """Per output that frames its claim or that the token limit cut off, the units of what it
    claims: its text less the framing ("According to the provided documents,", see `framing`,
    and `framing_phrases`) and less the last word the limit cut off ("...on the stan"); null
    rows elsewhere."""
    framing = "|".join([FRAMING, *framing_phrases])
    cut = stopped_at_limit() & pl.col("output").str.contains(r"\S\s+\S")
    framed = pl.col("output").str.contains(framing)
    whole = pl.when(cut).then(pl.col("output").str.replace(r"\s*\S+\s*$", "")).otherwise("output")
    claimed = whole.str.replace_all(framing, " ")
    return on_rows(batch, cut | framed, lambda rows: units(rows.select(claimed), "output"))


def _emptied(found: pl.DataFrame) -> pl.DataFrame:
    """A `units` frame with empty lists on the rows `on_rows` left out."""
    return found.select(pl.col(name).fill_null(pl.lit([], dtype)) for name, dtype in UNITS_SCHEMA.items())


def groundedness(batch: pl.DataFrame, options: GroundednessOptions) -> pl.DataFrame:
    """Score the answer's support by the context, the question weak evidence, declining sentences left out."""
    return support_score(
        batch,
        ("context",),
        options,
        weak=("input",),
        weak_weight=options.question_weight,
        claimless=declining_units(batch, options.declining_phrases),
        backed=backed_units(batch),
        claimed=claim_units(batch, options.framing_phrases),
    )


EVALUATOR = Evaluator(
    name="groundedness",
    columns=("output", "context", "input"),
    threshold=0.85,
    compute=groundedness,
    summary="Flags answers whose words, word pairs, numbers or names are not in the context or question.",
    options=GroundednessOptions,
)

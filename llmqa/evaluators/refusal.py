"""Refusal: the model declined the request, fully or in part (the user got no or partial help)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.refusal_phrases import ABSTENTION_PHRASES, REFUSAL_PHRASES
from llmqa.evaluators.running import runs
from llmqa.evaluators.shared import derived
from llmqa.evaluators.text import apostrophes_folded
from llmqa.regex import ascii_bounded

PARTIAL_SCORE = 0.75
REFUSED = "the answer refuses (see refusal)"
ABSTAINED = "the answer abstains (see false_abstention)"


class RefusalOptions(BaseModel):
    """Where a refusal phrase must stand to count as a full refusal, and extra phrases."""

    model_config = ConfigDict(extra="forbid")
    opening_chars: int = Field(300, ge=20, description="a phrase this close to the start refuses fully")
    extra_phrases: list[str] = Field(default_factory=list, description="more refusal regexes")


def refusal_phrases(batch: pl.DataFrame, options: RefusalOptions) -> pl.DataFrame:
    """Per output, the refusal phrase in its opening (`opening`) and the first one anywhere (`anywhere`).

    Null when there is none. The capturing search runs only on outputs that match at all,
    and inside `shared.sharing()` once for refusal and over-refusal alike.
    """
    pattern = ascii_bounded("(?i)(" + "|".join([*REFUSAL_PHRASES, *options.extra_phrases]) + ")")
    normal = apostrophes_folded(pl.col("output"))

    def phrases(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.select(
            normal.str.slice(0, options.opening_chars).str.extract(pattern, 1).alias("opening"),
            normal.str.extract(pattern, 1).alias("anywhere"),
        )

    key = ("refusal", pattern, options.opening_chars)
    return derived(batch, key, lambda b: on_rows(b, normal.str.contains(pattern), phrases))


def abstention_phrases(extra_phrases: list[str]) -> str:
    """The abstention phrases and `extra_phrases` as one alternation (no flags)."""
    return "|".join([*ABSTENTION_PHRASES, *extra_phrases])


def abstention_pattern(extra_phrases: list[str]) -> str:
    """The case-blind regex of the abstention phrases and `extra_phrases`."""
    return ascii_bounded("(?i)" + abstention_phrases(extra_phrases))


def abstains(batch: pl.DataFrame, extra_phrases: list[str]) -> pl.Series:
    """Per output, whether it holds an abstention phrase or one of `extra_phrases` (False where null).

    Inside `shared.sharing()` the scan runs once for groundedness and false_abstention alike.
    """
    pattern = abstention_pattern(extra_phrases)
    found = apostrophes_folded(pl.col("output")).str.contains(pattern).fill_null(False)
    return derived(batch, ("abstains", pattern), lambda b: b.select(found).to_series())


def refusal_score(batch: pl.DataFrame, options: RefusalOptions) -> tuple[pl.Expr, pl.Expr]:
    """Score 0 (refuses in the opening), PARTIAL_SCORE (refuses later), 1 (no refusal), and the phrase."""
    found = refusal_phrases(batch, options)
    opening, anywhere = pl.lit(found["opening"]), pl.lit(found["anywhere"])
    score = (
        pl.when(pl.col("output").is_null()).then(None).when(opening.is_not_null()).then(0.0)
        .when(anywhere.is_not_null()).then(PARTIAL_SCORE).otherwise(1.0)
    )  # fmt: skip
    return score, anywhere


def opens_abstaining(batch: pl.DataFrame) -> pl.Series:
    """Per output, whether its first sentence abstains ("The provided documents do not mention this.")."""
    first_sentence = apostrophes_folded(pl.col("output")).str.extract(r"^[^.!?\n]*", 0)
    opens = first_sentence.str.contains(abstention_pattern([]))
    found = on_rows(batch, pl.lit(abstains(batch, [])), lambda rows: rows.select(opens))
    return found.to_series().fill_null(False)


def declining_left_out(batch: pl.DataFrame, scored: pl.DataFrame) -> pl.DataFrame:
    """`scored` with no score where the output opens by refusing, or by abstaining beside a context.

    For evaluators that an answer fails by declining (it mentions neither the question nor the
    context): refusal and false_abstention own such answers, so that one refusal does not fail
    three evaluators. The reason (REFUSED, ABSTAINED) says which one to read. An owner that does
    not run (`running.runs`) owns nothing: its answers keep their scores.
    """
    if not (runs("refusal") or runs("false_abstention")):
        return scored
    refuses, abstaining = pl.lit(False), pl.lit(False)
    if runs("refusal"):
        refuses = pl.lit(refusal_phrases(batch, RefusalOptions())["opening"].is_not_null())
    if runs("false_abstention"):
        abstaining = pl.lit(opens_abstaining(batch)) & ~is_blank(pl.col("context"))
    why = pl.when(refuses).then(pl.lit(REFUSED)).when(abstaining).then(pl.lit(ABSTAINED))
    return scored.hstack(batch.select(why.alias("_declines"))).select(
        pl.when(pl.col("_declines").is_null()).then("score").alias("score"),
        pl.coalesce("_declines", "reason").alias("reason"),
    )


def refusal(batch: pl.DataFrame, options: RefusalOptions) -> pl.DataFrame:
    """Score 0 when the output opens with refusal phrasing, 0.25 when it refuses later, else 1."""
    score, phrase = refusal_score(batch, options)
    return batch.select(result(score, pl.when(phrase.is_not_null()).then(pl.format('refused: "{}"', phrase))))


EVALUATOR = Evaluator(
    name="refusal",
    columns=("output",),
    threshold=0.5,
    compute=refusal,
    summary="Flags answers that decline the request, fully or in part.",
    options=RefusalOptions,
)

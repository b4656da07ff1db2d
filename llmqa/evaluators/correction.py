"""Correction: the user's feedback text says the answer was wrong or corrects it (in English, Spanish,
French, German, Portuguese or Italian)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.text import apostrophes_folded

CORRECTION = (
    r"(?i)\b(?:that'?s|this is|it'?s|you(?:'re| are)|answer (?:is|was)) (?:wrong|incorrect|not (?:right|correct|true)|false|outdated|made up)"
    r"|\b(?:wrong|incorrect|inaccurate|not true|untrue|false)\b[^.?!]{0,40}\b(?:answer|info(?:rmation)?|figure|number|price|date)"
    r"|^\W*(?:no|nope|wrong|incorrect)\b[,.!]|\bactually,? (?:it|the|that|this)\b|\bit should (?:be|say)\b|\bshould have (?:said|been)\b"
    r"|\byou (?:said|wrote|claimed)\b[^.?!]{0,80}\bbut\b|\bthe (?:correct|right|real) (?:answer|figure|number|value) is\b|\bhallucinat"
    r"|^\W*(?:wrong|incorrect)\b|\b(?:misunderstood|misread|misinterpreted)\b"
    r"|\bit'?s (?:actually )?called\b|\b(?:wrong|incorrect) (?:name|plan|link|url|version|amount|address|steps?|instructions)\b"
    r"|\bnot what i (?:asked|meant)\b"
    # the languages whose refusals llmqa reads: Spanish, French, German, Portuguese, Italian
    r"|\b(?:eso|esto|la respuesta) (?:no es (?:correct[oa]|cierto|verdad)|es (?:incorrect[oa]|fals[oa]|erróne[oa]))"
    r"|\best(?:á|a) mal\b|\brespuesta (?:incorrecta|equivocada|errónea)\b|\bte equivocas\b"
    r"|\bc'est (?:faux|incorrect|inexact|une erreur)\b|\bce n'est pas (?:correct|vrai|juste|exact)\b"
    r"|\bmauvaise réponse\b|\b(?:vous vous trompez|tu te trompes)\b"
    r"|\bdas (?:ist|stimmt) (?:so )?(?:falsch|nicht)\b|\bfalsche antwort\b|\bnicht (?:korrekt|richtig)\b"
    r"|\b(?:isso|isto|a resposta) (?:está|é) (?:errad[oa]|incorret[oa]|fals[oa])\b|\bnão é (?:verdade|correto)\b"
    r"|\bresposta errada\b|\b(?:è|e') sbagliat[oa]\b|\bnon è (?:corrett[oa]|vero|giusto)\b"
    r"|\brisposta sbagliata\b|\bti sbagli\b"
)


class CorrectionOptions(BaseModel):
    """Extra correction phrases for an app (regexes)."""

    model_config = ConfigDict(extra="forbid")
    extra_phrases: list[str] = Field(default_factory=list, description="more correction regexes")


def correction(batch: pl.DataFrame, options: CorrectionOptions) -> pl.DataFrame:
    """Score 0 where the feedback text corrects the answer, 1 otherwise; null without feedback text."""
    pattern = "|".join([CORRECTION, *(f"(?i){p}" for p in options.extra_phrases)])
    text = apostrophes_folded(pl.col("feedback_text"))
    corrected = text.str.contains(pattern)
    return batch.select(
        result(
            pl.when(text.str.strip_chars().str.len_chars() > 0).then(
                pl.when(corrected).then(0.0).otherwise(1.0)
            ),
            pl.when(corrected).then(pl.lit("the user corrected the answer")),
        )
    )


EVALUATOR = Evaluator(
    name="correction",
    columns=("feedback_text",),
    threshold=0.5,
    compute=correction,
    summary="Flags answers the user's feedback text corrects.",
    options=CorrectionOptions,
)

"""False abstention: the answer says its sources lack something that the context does hold.

"The provided documents do not mention a student discount" is a claim about the context, and
a checkable one: when the context has the words and word pairs of what the answer calls
missing ('student discount'), the abstention is likely false. It is the failure a RAG user
reports as "the bot said it didn't know, and the answer was right there", and groundedness
cannot see it, since it leaves abstaining sentences out. An answer that names nothing ("I
don't know", "I couldn't find any information on that") is checked with the question's words
instead. Only answers that abstain are scored; the rest are null.
"""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.language import STOPWORDS
from llmqa.evaluators.refusal import abstains, abstention_phrases
from llmqa.evaluators.text import sentences_with
from llmqa.evaluators.words import units

# words that name a source, the act of answering or a softener, not what is missing, and the
# other languages' function words (English ones `units` drops itself, so "a" and "i" are not
# here to part "I'm"); replaced by a clause break, so that no word pair spans them
FILLER_WORDS = (
    "the|any|more|further|additional|specific|specifically|relevant|provided|given|available|supplied|"
    "information|details?|data|context|documents?|documentation|docs|sources?|passages?|excerpts?|text|"
    "knowledge base|answer|question|respond|confirm|determine|say|tell|know|find|found|sure|certain|"
    "able|unable|enough|sorry|unfortunately|afraid|however",
    "proporcionad[oa]s?|documentos?|documentación|información|contexto|fuentes?|textos?|datos|un|al|lo",
    "fourni(?:e|s|es)?|documentation|informations?|contexte|données|textes?|un|au|aux|d'",  # fr
    "bereitgestellten?|dokumente?n?|dokumentation|unterlagen|informationen|angaben|kontext|quellen?|daten|"
    "einen|einem|einer|dem|des",  # de
    "fornecid[oa]s?|documentação|informaç(?:ão|ões)|dados|fontes?|ao|na|no|nas|nos",  # pt
    "fornit[oaie]|documenti|documentazione|informazioni|contesto|fonti|dati|testi?|un|uno|la|le|al",  # it
    *(STOPWORDS[code].replace(" ", "|") for code in STOPWORDS if code != "en"),
)
FILLER = r"(?i)\b(?:" + "|".join(FILLER_WORDS) + r")\b"


class FalseAbstentionOptions(BaseModel):
    """Which sentences abstain, and how many found terms the reason names."""

    model_config = ConfigDict(extra="forbid")
    extra_phrases: list[str] = Field(
        default_factory=list,
        description="more regexes of abstaining sentences (as groundedness's declining_phrases)",
    )
    max_terms: int = Field(8, ge=1, le=50, description="context terms named in the reason")


def false_abstention(batch: pl.DataFrame, options: FalseAbstentionOptions) -> pl.DataFrame:
    """Score 1 - the share of what an abstaining answer calls missing that the context has."""
    phrases = abstention_phrases(options.extra_phrases)
    abstaining = pl.lit(abstains(batch, options.extra_phrases))
    checked = on_rows(
        batch,
        abstaining & ~is_blank(pl.col("context")),
        lambda rows: _checked(rows, phrases, options.max_terms),
    )
    return checked.with_columns(
        pl.when(abstaining).then("reason").otherwise(pl.lit("the answer does not abstain")).alias("reason")
    )


def _checked(rows: pl.DataFrame, phrases: str, max_terms: int) -> pl.DataFrame:
    """Scores of rows whose output abstains and that have a context."""
    calls_missing = rows.select(
        sentences_with(pl.col("output"), phrases)
        .list.eval(pl.element().str.replace_all(f"(?i){phrases}", ", ").str.replace_all(FILLER, ", "))
        .list.join(". ")
        .alias("missing")
    )
    said, question, context = units(calls_missing, "missing"), units(rows, "input"), units(rows, "context")
    named = pl.lit(said["words"].list.len() > 0)
    # a question's word pairs are the asker's phrasing, seldom the documents': its words alone count
    missing = said.select(
        pl.when(named).then(pl.col("words")).otherwise(pl.lit(question["words"])).alias("words"),
        pl.when(named).then(pl.col("pairs")).otherwise(pl.lit([], pl.List(pl.UInt64))).alias("pairs"),
    )
    found_words = missing["words"].list.set_intersection(context["words"])
    found_pairs = missing["pairs"].list.set_intersection(context["pairs"])
    claimed = missing["words"].list.n_unique() + missing["pairs"].list.n_unique()
    found = pl.DataFrame(
        {"words": found_words, "share": (found_words.list.len() + found_pairs.list.len()) / claimed}
    )
    label = (
        pl.when(named)
        .then(pl.lit("the context has what the answer calls missing"))
        .otherwise(pl.lit("the context has the question's terms"))
    )
    return found.select(
        result(
            pl.when(pl.lit(claimed) > 0).then(1.0 - pl.col("share")),
            pl.when(pl.col("words").list.len() > 0).then(
                pl.format(
                    "{}: {}",
                    label,
                    pl.col("words").list.head(max_terms).list.join(", "),
                )
            ),
        )
    )


EVALUATOR = Evaluator(
    name="false_abstention",
    columns=("output", "context", "input"),
    threshold=0.5,
    compute=false_abstention,
    summary="Flags answers that say the context lacks something the context does mention.",
    options=FalseAbstentionOptions,
)

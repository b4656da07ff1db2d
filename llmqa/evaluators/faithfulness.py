"""Summary faithfulness: a summary's words, word pairs and numbers all occur in its source.

As in groundedness, the last word of a summary the token limit cut off is a fragment, left out,
and so are the words that point at the source ("Here is a concise summary of the passage:").
"""

from __future__ import annotations

import polars as pl
from pydantic import Field

from llmqa.evaluators.base import Evaluator
from llmqa.evaluators.groundedness import SupportOptions, claim_units, support_score


class FaithfulnessOptions(SupportOptions):
    """Support options with the larger allowance a paraphrasing summary needs."""

    slack_units: float = Field(25.0, gt=0.0, description="units of allowance added to every summary")


def faithfulness(batch: pl.DataFrame, options: FaithfulnessOptions) -> pl.DataFrame:
    """Score the summary's support by its source alone (the instruction is no source of facts)."""
    return support_score(batch, ("context",), options, claimed=claim_units(batch, options.framing_phrases))


EVALUATOR = Evaluator(
    name="faithfulness",
    columns=("output", "context"),
    threshold=0.7,
    compute=faithfulness,
    summary="Flags summaries that carry words, word pairs or numbers their source does not have.",
    options=FaithfulnessOptions,
)

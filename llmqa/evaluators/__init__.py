"""The evaluator registry: configs name evaluators by these keys."""

from __future__ import annotations

from llmqa.evaluators import (
    empty_output,
    faithfulness,
    groundedness,
    judges,
    over_refusal,
    reference_match,
    refusal,
    semantic_similarity,
)
from llmqa.evaluators.base import Evaluator

REGISTRY: dict[str, Evaluator] = {
    e.name: e
    for e in (
        empty_output.EVALUATOR,
        refusal.EVALUATOR,
        over_refusal.EVALUATOR,
        groundedness.EVALUATOR,
        judges.JUDGE_GROUNDEDNESS,
        judges.JUDGE_CORRECTNESS,
        judges.JUDGE_HELPFULNESS,
        faithfulness.EVALUATOR,
        reference_match.EVALUATOR,
        semantic_similarity.EVALUATOR,
    )
}

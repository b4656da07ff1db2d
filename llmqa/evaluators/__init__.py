"""The evaluator registry: configs name evaluators by these keys."""

from __future__ import annotations

from llmqa.evaluators import empty_output, groundedness, judges, refusal, semantic_similarity
from llmqa.evaluators.base import Evaluator

REGISTRY: dict[str, Evaluator] = {
    e.name: e
    for e in (
        empty_output.EVALUATOR,
        refusal.EVALUATOR,
        groundedness.EVALUATOR,
        judges.JUDGE_GROUNDEDNESS,
        judges.JUDGE_CORRECTNESS,
        judges.JUDGE_HELPFULNESS,
        semantic_similarity.EVALUATOR,
    )
}

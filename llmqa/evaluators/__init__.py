"""The evaluator registry: configs name evaluators by these keys."""

from __future__ import annotations

from llmqa.evaluators import empty_output, groundedness, refusal
from llmqa.evaluators.base import Evaluator

REGISTRY: dict[str, Evaluator] = {
    e.name: e
    for e in (
        empty_output.EVALUATOR,
        refusal.EVALUATOR,
        groundedness.EVALUATOR,
    )
}

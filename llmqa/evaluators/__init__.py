"""The evaluator registry: configs name evaluators by these keys (built-ins, then installed plugins)."""

from __future__ import annotations

from llmqa.evaluators import (
    answer_relevance,
    arithmetic,
    context_relevance,
    context_use,
    correction,
    credentials,
    empty_output,
    encoding_garbage,
    faithfulness,
    false_abstention,
    groundedness,
    json_valid,
    judges,
    language_match,
    length,
    over_refusal,
    pattern,
    pii,
    prompt_injection,
    reference_match,
    refusal,
    repetition,
    semantic_similarity,
    system_prompt_leak,
    task_outcome,
    thumbs_down,
    toxicity,
    truncated,
)
from llmqa.evaluators.base import Evaluator
from llmqa.evaluators.plugins import plugin_evaluators

REGISTRY: dict[str, Evaluator] = {
    e.name: e
    for e in (
        empty_output.EVALUATOR,
        refusal.EVALUATOR,
        over_refusal.EVALUATOR,
        groundedness.EVALUATOR,
        false_abstention.EVALUATOR,
        judges.JUDGE_GROUNDEDNESS,
        judges.JUDGE_CORRECTNESS,
        judges.JUDGE_HELPFULNESS,
        faithfulness.EVALUATOR,
        answer_relevance.EVALUATOR,
        context_relevance.EVALUATOR,
        context_use.EVALUATOR,
        reference_match.EVALUATOR,
        arithmetic.EVALUATOR,
        semantic_similarity.EVALUATOR,
        pii.EVALUATOR,
        credentials.EVALUATOR,
        toxicity.EVALUATOR,
        prompt_injection.EVALUATOR,
        system_prompt_leak.EVALUATOR,
        json_valid.EVALUATOR,
        pattern.EVALUATOR,
        length.EVALUATOR,
        language_match.EVALUATOR,
        truncated.EVALUATOR,
        repetition.EVALUATOR,
        encoding_garbage.EVALUATOR,
        thumbs_down.EVALUATOR,
        correction.EVALUATOR,
        task_outcome.EVALUATOR,
    )
}
REGISTRY.update(plugin_evaluators(REGISTRY))

"""LLM-as-judge evaluators: groundedness, correctness and helpfulness rated by a judge model."""

from __future__ import annotations

from functools import partial

from llmqa.evaluators.base import Evaluator
from llmqa.judge import (
    CORRECTNESS,
    GROUNDEDNESS,
    HELPFULNESS,
    JudgeOptions,
    JudgePrompt,
    judge_batch,
)

SUMMARIES = {
    GROUNDEDNESS: "A judge model rates how well the answer is supported by the retrieved context.",
    CORRECTNESS: "A judge model rates whether the answer means the same as the reference answer.",
    HELPFULNESS: "A judge model rates whether the answer addresses the user's question.",
}


def _judge_evaluator(prompt: JudgePrompt) -> Evaluator:
    return Evaluator(
        name=prompt.name,
        columns=prompt.fields,
        threshold=0.5,
        compute=partial(judge_batch, prompt=prompt),
        summary=SUMMARIES[prompt],
        options=JudgeOptions,
    )


JUDGE_GROUNDEDNESS = _judge_evaluator(GROUNDEDNESS)
JUDGE_CORRECTNESS = _judge_evaluator(CORRECTNESS)
JUDGE_HELPFULNESS = _judge_evaluator(HELPFULNESS)

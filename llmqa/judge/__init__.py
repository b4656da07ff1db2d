"""LLM-as-judge: sampled, budgeted, cached calls to any OpenAI-compatible endpoint."""

from llmqa.judge.options import JudgeOptions
from llmqa.judge.prompts import CORRECTNESS, GROUNDEDNESS, HELPFULNESS, JudgePrompt
from llmqa.judge.run import judge_batch

__all__ = [
    "CORRECTNESS",
    "GROUNDEDNESS",
    "HELPFULNESS",
    "JudgeOptions",
    "JudgePrompt",
    "judge_batch",
]

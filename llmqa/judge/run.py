"""Judging a batch: which traces apply, which are sampled, cached, affordable, then the calls.

Every answer the model gives is cached, a malformed one too (asking again would cost the
same and, at temperature 0, most likely answer the same); failed calls are not cached.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import NamedTuple

import polars as pl

from llmqa.contract import missing_input
from llmqa.judge.client import JudgeClient, JudgeSetupError, NotACompletion
from llmqa.judge.options import JudgeOptions
from llmqa.judge.parse import Verdict, parse_verdict
from llmqa.judge.prompts import SYSTEM, JudgePrompt
from llmqa.judge.sampling import sample
from llmqa.judge.store import JudgeStore, Spend, content_key

log = logging.getLogger(__name__)

NOT_SAMPLED = "not sampled for judging"
BUDGET_EXHAUSTED = "judge budget exhausted"


class _Outcome(NamedTuple):
    verdict: Verdict
    spend: Spend | None
    cacheable: bool


class _Budget:
    """One judge's allowance for one day, shared by the worker threads."""

    def __init__(self, spent: Spend, options: JudgeOptions) -> None:
        self._lock = threading.Lock()
        self._calls, self._cost = spent
        self._max_calls = options.max_calls_per_day
        self._max_cost = options.max_cost_per_day_usd

    def try_start(self) -> bool:
        """Count a call about to start; False when the day's calls or cost are used up."""
        with self._lock:
            if self._max_calls is not None and self._calls >= self._max_calls:
                return False
            if self._max_cost is not None and self._cost >= self._max_cost:
                return False
            self._calls += 1
            return True

    def finish(self, cost_usd: float) -> None:
        """Add a finished call's cost (calls in flight can overshoot the cost by their own)."""
        with self._lock:
            self._cost += cost_usd


def budget_day(batch: pl.DataFrame) -> str:
    """The day a batch's calls are charged to: the UTC date of its latest trace, or today's for
    rows without a time (a file scored by `llmqa eval`), so that their budget is per day too."""
    latest = batch.select(pl.col("ts").max().dt.date()).item() if "ts" in batch.columns else None
    return (latest or dt.datetime.now(dt.UTC).date()).isoformat()


def _call(client: JudgeClient, budget: _Budget, options: JudgeOptions, user: str) -> _Outcome:
    import openai

    if not budget.try_start():
        return _Outcome(Verdict(None, BUDGET_EXHAUSTED), None, cacheable=False)
    try:
        reply = client.ask(SYSTEM, user)
    except (openai.OpenAIError, NotACompletion) as error:
        budget.finish(0.0)
        return _Outcome(Verdict(None, client.describe(error)), Spend(1, 0.0), cacheable=False)
    cost = options.cost_usd(reply.prompt_tokens, reply.completion_tokens)
    budget.finish(cost)
    return _Outcome(parse_verdict(reply.text), Spend(1, cost), cacheable=True)


def _ask_judge(
    texts: dict[str, str], store: JudgeStore, options: JudgeOptions, judge: str, day: str
) -> dict[str, Verdict]:
    """Verdicts for uncached contents (key -> user message), caching and charging each answer."""
    try:
        client = JudgeClient(options)
    except JudgeSetupError as error:
        log.warning("%s: not configured: %s", judge, error)
        return {key: Verdict(None, f"judge not configured: {error}") for key in texts}
    budget = _Budget(store.spent(day, judge), options)
    verdicts: dict[str, Verdict] = {}
    with client, ThreadPoolExecutor(max_workers=options.max_concurrency) as pool:
        futures = {pool.submit(_call, client, budget, options, t): key for key, t in texts.items()}
        for future in as_completed(futures):
            key = futures[future]
            outcome = future.result()
            verdicts[key] = outcome.verdict
            if outcome.spend is not None:
                store.charge(day, judge, outcome.spend)
            if outcome.cacheable:
                store.save(key, outcome.verdict)
    return verdicts


def judge_batch(batch: pl.DataFrame, options: JudgeOptions, *, prompt: JudgePrompt) -> pl.DataFrame:
    """Score sampled traces with the judge model; others get a null score and the reason why."""
    reasons = batch.select(missing_input(batch, prompt.needs) + " to judge").to_series()
    picked = sample(
        batch, reasons.is_null(), rate=options.sample_rate, max_per_segment=options.max_per_segment
    )
    rows = picked.with_row_index("row").filter("sampled").sort("draw")["row"].to_list()
    scores: list[float | None] = [None] * batch.height
    reason_list: list[str | None] = reasons.fill_null(NOT_SAMPLED).to_list()
    if rows:
        values = batch[rows].select(prompt.fields).rows(named=True)
        keys = [content_key(options.model, SYSTEM, prompt.template, v) for v in values]
        store = JudgeStore(options.resolved_cache_path())
        try:
            verdicts = store.lookup(keys)
            texts = {k: prompt.render(v) for k, v in zip(keys, values, strict=True) if k not in verdicts}
            log.info("%s: %d sampled, %d to ask", prompt.name, len(rows), len(texts))
            if texts:
                verdicts |= _ask_judge(texts, store, options, prompt.name, budget_day(batch))
        finally:
            store.close()
        for row, key in zip(rows, keys, strict=True):
            scores[row], reason_list[row] = verdicts[key]
    return pl.DataFrame(
        {"score": scores, "reason": reason_list}, schema={"score": pl.Float64, "reason": pl.String}
    )

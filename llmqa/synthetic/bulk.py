"""A day of synthetic traces at scale (a million rows in seconds), for benchmarks.

The texts come from the same templates as `generate_traces` (llmqa.synthetic.knowledge):
each app fills a pool of its templates once in Python, then every per-trace choice (pool
entry, version, model, failures, lengths, timings) is drawn with numpy and the columns are
assembled with polars expressions, so the cost grows with the rows, not with Python loops.
Outputs run from 50 to 2,000 characters (an answer, then whole sentences restating the app's
passages); RAG apps carry a JSON array of 2 to 8 retrieved passages.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import NamedTuple

import numpy as np
import polars as pl

from llmqa.contract import TRACE_SCHEMA
from llmqa.synthetic import knowledge as kb
from llmqa.synthetic.generate import MODELS, TYPOGRAPHIC_MODELS, Rates

POOL = 2_000  # filled templates per app
MIN_OUTPUT, MAX_OUTPUT = 50, 2_000
OPENERS = ("", "", "Hi, ", "Quick question: ", "Hello! ", "Please help: ")


class BulkApp(NamedTuple):
    """An app of the bulk day: its kind of text, its share of traffic, and three prompt versions."""

    app_id: str
    kind: str
    share: float
    models: tuple[str, ...]


BULK_APPS: tuple[BulkApp, ...] = (
    BulkApp("support-bot", "support", 0.3, ("gpt-4o-mini", "claude-3-5-haiku", "gpt-4o")),
    BulkApp("docs-qa", "docs", 0.25, ("claude-3-5-haiku", "gpt-4o-mini", "claude-3-5-sonnet")),
    BulkApp("billing-qa", "support", 0.15, ("gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet")),
    BulkApp("code-assistant", "code", 0.15, ("gpt-4o", "claude-3-5-sonnet", "gpt-4o-mini")),
    BulkApp("sales-email", "email", 0.15, ("gpt-4o-mini", "claude-3-5-haiku", "gpt-4o")),
)
VERSIONS = ("v1", "v2", "v3")
RAG_KINDS = ("support", "docs")


@cache
def _slots(template: str) -> tuple[tuple[str, tuple[object, ...]], ...]:
    return tuple((k, v) for k, v in kb.SLOTS.items() if "{" + k + "}" in template)


def _fill(template: str, rng: np.random.Generator) -> str:
    slots = _slots(template)
    draws = rng.random(len(slots))
    return kb.filled(template, {k: v[int(d * len(v))] for (k, v), d in zip(slots, draws, strict=True)})


def _pool(kind: str, rng: np.random.Generator) -> pl.DataFrame:
    """POOL filled templates of one kind: question, context, answer, hallucination, reference."""
    rows: list[tuple[str, str | None, str, str, str | None]] = []
    for _ in range(POOL):
        if kind in RAG_KINDS:
            facts = kb.SUPPORT_FACTS if kind == "support" else kb.DOCS_FACTS
            fact = facts[rng.integers(len(facts))]
            own = [_fill(part, rng) for part in fact]
            extra = [_fill(facts[i].context, rng) for i in rng.integers(len(facts), size=rng.integers(1, 8))]
            passages = [own[1], *extra]
            rng.shuffle(passages)
            rows.append((own[0], json.dumps(passages, ensure_ascii=False), own[2], own[3], None))
        elif kind == "code":
            question, answer = kb.CODE_TASKS[rng.integers(len(kb.CODE_TASKS))]
            rows.append((question, None, answer, answer.replace("return", "print"), answer))
        else:
            topic = kb.EMAIL_TOPICS[rng.integers(len(kb.EMAIL_TOPICS))]
            body = (f"Subject: {topic.capitalize()}\n\nHi there,\n\nI hope you are well. "
                    f"I am writing about {topic}. Let me know what works for you.")  # fmt: skip
            rows.append((f"Draft a short, friendly email: {topic}.", None, body, body, None))
    return pl.DataFrame(
        rows, schema=["question", "context", "answer", "wrong", "reference"], orient="row"
    ).cast(pl.String)


def _sentences(kind: str, rng: np.random.Generator) -> tuple[str, np.ndarray]:
    """A long text of whole sentences for padding outputs, and the offset where each sentence starts."""
    if kind in RAG_KINDS:
        facts = kb.SUPPORT_FACTS if kind == "support" else kb.DOCS_FACTS
        source = [_fill(facts[i % len(facts)].context, rng) for i in range(400)]
    elif kind == "code":
        source = [answer for _, answer in kb.CODE_TASKS] * 20
    else:
        source = [f"I would be glad to tell you more about {kb.EMAIL_TOPICS[i % 6]}." for i in range(60)]
        source += ["Looking forward to hearing from you.", "Thanks again for your time."] * 20
    rng.shuffle(source)
    text = " ".join(source)
    starts = np.cumsum([0] + [len(s) + 1 for s in source[:-1]])
    return text, starts


def _pick(options: tuple[str, ...] | list[str], index: np.ndarray) -> pl.Series:
    return pl.Series(list(options), dtype=pl.String).gather(index)


def _app_day(app: BulkApp, day: dt.date, n: int, rates: Rates, rng: np.random.Generator) -> pl.DataFrame:
    """n traces of one app on one day."""
    pool = _pool(app.kind, rng)
    pad_text, starts = _sentences(app.kind, rng)
    entry = rng.integers(POOL, size=n)
    version = rng.integers(len(VERSIONS), size=n)
    # version i serves mostly its own model, with a minority on the app's first
    model = np.where(rng.random(n) < 0.8, version, 0)
    hallucinated = rng.random(n) < rates.hallucination
    refused, leaked = rng.random(n) < rates.refusal, rng.random(n) < rates.pii
    truncated, empty = rng.random(n) < rates.truncated, rng.random(n) < rates.empty
    failed = rng.random(n) < rates.error
    target = np.clip(rng.lognormal(np.log(350), 0.9, size=n), MIN_OUTPUT, MAX_OUTPUT).astype(np.int64)
    first = rng.integers(len(starts), size=n)
    feedback = np.where(
        rng.random(n) < 0.25, (rng.random(n) > np.where(hallucinated, 0.6, 0.08)) * 1.0, np.nan
    )
    seconds = (rng.beta(2.2, 1.8, size=n) * 86_399).astype(np.int64)
    frame = pool[entry].with_columns(
        _pick(VERSIONS, version).alias("prompt_version"),
        _pick(app.models, model).alias("model"),
        pl.Series("hallucinated", hallucinated),
        pl.Series("pad_start", starts[first]),
        pl.Series("opener", _pick(OPENERS, rng.integers(len(OPENERS), size=n))),
        pl.Series("refusal", _pick(kb.REFUSALS, rng.integers(len(kb.REFUSALS), size=n))),
        pl.Series("leak", _pick(kb.PII_LEAKS, rng.integers(len(kb.PII_LEAKS), size=n))),
    )
    answer = pl.when(pl.col("hallucinated")).then(pl.col("wrong")).otherwise(pl.col("answer"))
    frame = frame.with_columns(answer.alias("answer"))
    # pad with whole sentences: from a sentence start to the last sentence end that fits
    need = np.clip(target - frame["answer"].str.len_chars().to_numpy() - 1, 0, None)
    ends = np.r_[starts[1:] - 1, len(pad_text)]
    stop = ends[np.clip(np.searchsorted(ends, starts[first] + need, "right") - 1, 0, None)]
    pad_length = pl.Series(np.clip(stop - starts[first], 0, None))
    padding = pl.lit(pad_text).str.slice(pl.col("pad_start"), pad_length)
    output = pl.when(pad_length > 0).then(pl.concat_str("answer", pl.lit(" "), padding)).otherwise("answer")
    output = pl.when(pl.Series(leaked)).then(pl.concat_str(output, pl.col("leak"))).otherwise(output)
    output = pl.when(pl.Series(refused)).then(pl.col("refusal")).otherwise(output)
    typeset = output.str.replace_all("'", "’", literal=True)
    output = pl.when(pl.col("model").is_in(TYPOGRAPHIC_MODELS)).then(typeset).otherwise(output)
    half = (output.str.len_chars() // 2).clip(8)
    output = pl.when(pl.Series(truncated)).then(output.str.slice(0, half)).otherwise(output)
    output = pl.when(pl.Series(empty)).then(pl.lit("")).otherwise(output)
    frame = frame.with_columns(output.alias("output"), pl.concat_str("opener", "question").alias("input"))
    return _numbers(app, day, frame, failed, truncated, feedback, seconds, rng)


def _numbers(
    app: BulkApp,
    day: dt.date,
    frame: pl.DataFrame,
    failed: np.ndarray,
    truncated: np.ndarray,
    feedback: np.ndarray,
    seconds: np.ndarray,
    rng: np.random.Generator,
) -> pl.DataFrame:
    """The trace contract's remaining columns: ids, times, tokens, cost, status, feedback, metadata."""
    n = frame.height
    median = pl.col("model").replace_strict({m: v[0] for m, v in MODELS.items()}, return_dtype=pl.Float64)
    usd_in = pl.col("model").replace_strict({m: v[1] for m, v in MODELS.items()}, return_dtype=pl.Float64)
    usd_out = pl.col("model").replace_strict({m: v[2] for m, v in MODELS.items()}, return_dtype=pl.Float64)
    prompt_tokens = (
        pl.col("input").str.len_chars() + pl.col("context").str.len_chars().fill_null(0)
    ) // 4 + 180
    completion = pl.when(pl.Series(failed)).then(0).otherwise(pl.col("output").str.len_chars() // 4 + 1)
    bad = pl.col("hallucinated") | pl.Series(truncated) | (pl.col("output") == "")
    tier = _pick(("free", "pro", "enterprise"), rng.integers(3, size=n))
    outcome = {"support": "resolved", "code": "accepted"}.get(app.kind)
    metadata = pl.concat_str(pl.lit('{"user_tier": "'), pl.lit(tier), pl.lit('"'))
    if outcome:
        flag = pl.when(~bad & pl.Series(rng.random(n) < 0.8)).then(pl.lit("true")).otherwise(pl.lit("false"))
        metadata = pl.concat_str(metadata, pl.lit(f', "{outcome}": '), flag)
    metadata = pl.concat_str(metadata, pl.lit("}"))
    start = dt.datetime.combine(day, dt.time())
    return frame.with_columns(
        pl.format("{}-{}-{}", pl.lit(app.app_id), pl.lit(f"{day:%Y%m%d}"), pl.int_range(n)).alias("trace_id"),
        (pl.lit(start) + pl.duration(seconds=pl.lit(pl.Series(seconds)))).alias("ts"),
        pl.lit(app.app_id).alias("app_id"),
        pl.when(pl.Series(failed)).then(None).otherwise(pl.col("output")).alias("output"),
        prompt_tokens.alias("prompt_tokens"),
        completion.alias("completion_tokens"),
        pl.when(pl.Series(failed)).then(pl.lit("error")).otherwise(pl.lit("ok")).alias("status"),
        pl.when(pl.Series(failed))
        .then(None)
        .otherwise(pl.when(pl.Series(truncated)).then(pl.lit("length")).otherwise(pl.lit("stop")))
        .alias("finish_reason"),
        pl.Series("feedback_score", feedback).fill_nan(None),
        pl.format("s-{}", pl.Series(rng.integers(1_000_000, size=n))).alias("session_id"),
        metadata.alias("metadata"),
        median.alias("_median"),
        usd_in.alias("_usd_in"),
        usd_out.alias("_usd_out"),
        pl.Series("_noise", rng.lognormal(0.0, 0.35, size=n)),
    ).with_columns(
        (pl.col("_median") * pl.col("_noise") * (0.5 + pl.col("completion_tokens") / 200)).alias(
            "latency_ms"
        ),
        (
            pl.col("prompt_tokens") / 1000 * pl.col("_usd_in")
            + pl.col("completion_tokens") / 1000 * pl.col("_usd_out")
        ).alias("cost_usd"),
        pl.when((pl.col("feedback_score") == 0) & bad)
        .then(pl.lit("That's wrong, the pricing page says otherwise."))
        .alias("feedback_text"),
    )


def _break_contract(frame: pl.DataFrame) -> pl.DataFrame:
    """Four rows of an app-day that break the contract, so quarantine has something to do."""
    if frame.height < 10:
        return frame
    row = pl.int_range(pl.len())
    first_id = frame["trace_id"][0]
    return frame.with_columns(
        pl.when(row == 1).then(-pl.col("latency_ms")).otherwise(pl.col("latency_ms")).alias("latency_ms"),
        pl.when(row == 2).then(pl.lit("unknown_status")).otherwise(pl.col("status")).alias("status"),
        pl.when(row == 3).then(pl.lit("{resolved: yes")).otherwise(pl.col("metadata")).alias("metadata"),
        pl.when(row == 4).then(pl.lit(first_id)).otherwise(pl.col("trace_id")).alias("trace_id"),
    )


def bulk_day(day: dt.date, n: int, *, seed: int = 0, rates: Rates | None = None) -> pl.DataFrame:
    """About `n` traces of the five bulk apps on `day` (exactly n), typed as the trace contract."""
    rng = np.random.default_rng([seed, day.toordinal()])
    counts = np.floor(np.array([app.share for app in BULK_APPS]) * n).astype(int)
    counts[0] += n - counts.sum()
    parts = [
        _break_contract(_app_day(app, day, int(count), rates or Rates(), rng))
        for app, count in zip(BULK_APPS, counts, strict=True)
    ]
    return pl.concat(parts).select([pl.col(c).cast(t) for c, t in TRACE_SCHEMA.items()])

"""Realistic synthetic traces with known, injected failures, for the demo, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

import numpy as np
import polars as pl

from llmqa.contract import TRACE_SCHEMA
from llmqa.synthetic import knowledge as kb

MODELS = {  # model -> (median latency ms, usd per 1k prompt tokens, usd per 1k completion tokens)
    "gpt-4o-mini": (900.0, 0.00015, 0.0006),
    "gpt-4o": (1800.0, 0.0025, 0.01),
    "claude-3-5-haiku": (1100.0, 0.0008, 0.004),
    "claude-3-5-sonnet": (2200.0, 0.003, 0.015),
}
# models whose answers set apostrophes typographically (’), as many real ones do: without any
# non-ASCII text the benchmarks would time a path real answers do not take
TYPOGRAPHIC_MODELS = ("gpt-4o", "claude-3-5-sonnet")


@dataclass(frozen=True)
class Rates:
    """Per-trace probabilities of each injected failure."""

    hallucination: float = 0.03
    refusal: float = 0.02
    pii: float = 0.004
    empty: float = 0.004
    truncated: float = 0.01
    error: float = 0.01
    off_topic: float = 0.0
    latency_factor: float = 1.0


@dataclass(frozen=True)
class Version:
    """A prompt version: when it serves traffic, on which models, and how well.

    Days count back from the last generated day: -1 is the last day, -2 the one before.
    """

    name: str
    models: dict[str, float]
    first_day: int = -10_000
    last_day: int = -1
    rates: Rates = field(default_factory=Rates)
    incidents: dict[int, Rates] = field(default_factory=dict)

    def live_on(self, offset: int) -> bool:
        """Whether this version serves traffic on the day `offset` days back."""
        return self.first_day <= offset <= self.last_day


@dataclass(frozen=True)
class App:
    """A synthetic application: what kind of text it produces and its share of traffic."""

    app_id: str
    kind: str
    share: float
    versions: tuple[Version, ...]


def default_apps() -> tuple[App, ...]:
    """Four apps with the incidents the demo report should surface on its last day."""
    base = Rates()
    return (
        App("support-bot", "support", 0.4, (
            Version("v1", {"gpt-4o-mini": 1.0}, last_day=-8),
            Version("v2", {"gpt-4o-mini": 0.7, "claude-3-5-haiku": 0.3}),
            Version("v3", {"gpt-4o": 1.0}, first_day=-7,
                    incidents={-1: replace(base, hallucination=0.3, off_topic=0.1)}),
        )),
        App("docs-qa", "docs", 0.25, (
            Version("v1", {"claude-3-5-haiku": 0.5, "gpt-4o-mini": 0.5},
                    incidents={-1: replace(base, latency_factor=1.9), -2: replace(base, latency_factor=1.8)}),
            Version("v2", {"claude-3-5-sonnet": 1.0}, first_day=-12),
        )),
        App("code-assistant", "code", 0.2, (
            Version("2024-10", {"gpt-4o": 1.0}, last_day=-5),
            Version("2024-11", {"gpt-4o": 0.5, "claude-3-5-sonnet": 0.5}, first_day=-10,
                    incidents={-1: replace(base, empty=0.08, truncated=0.08)}),
        )),
        App("sales-email", "email", 0.15, (
            Version("v1", {"gpt-4o-mini": 1.0}, rates=replace(base, pii=0.005, refusal=0.01),
                    incidents={-1: replace(base, pii=0.08, refusal=0.01)}),
        )),
    )  # fmt: skip


def _fill_fact(fact: kb.Fact, rng: np.random.Generator) -> tuple[str, str, str, str]:
    values = {k: v[rng.integers(len(v))] for k, v in kb.SLOTS.items()}
    return tuple(kb.filled(part, values) for part in fact)  # type: ignore[return-value]


def _content(app: App, rates: Rates, rng: np.random.Generator) -> dict[str, object]:
    """Input, output, context and reference of one trace, with the failures drawn from `rates`."""
    hallucinated = False
    if app.kind in ("support", "docs"):
        facts = kb.SUPPORT_FACTS if app.kind == "support" else kb.DOCS_FACTS
        question, context, answer, wrong = _fill_fact(facts[rng.integers(len(facts))], rng)
        if rng.random() < rates.off_topic:
            question = kb.OFF_TOPIC_QUESTIONS[rng.integers(len(kb.OFF_TOPIC_QUESTIONS))]
            wrong, hallucinated = "Yes, voice notes are fully supported offline on every plan.", True
        hallucinated = hallucinated or rng.random() < rates.hallucination
        passages = [context, _fill_fact(facts[rng.integers(len(facts))], rng)[1]]
        output = wrong if hallucinated else answer
        reference = None
        context_text: str | None = json.dumps(passages, ensure_ascii=False)
    elif app.kind == "code":
        question, output = kb.CODE_TASKS[rng.integers(len(kb.CODE_TASKS))]
        context_text, reference = None, output
    else:
        topic = kb.EMAIL_TOPICS[rng.integers(len(kb.EMAIL_TOPICS))]
        question = f"Draft a short, friendly email: {topic}."
        output = (
            f"Subject: {topic.capitalize()}\n\nHi there,\n\nI hope you are well. "
            f"I am writing about {topic}. Let me know what works for you.\n\nBest regards,\nAlex"
        )
        context_text, reference = None, None
    if rng.random() < rates.pii:
        output += kb.PII_LEAKS[rng.integers(len(kb.PII_LEAKS))]
    if rng.random() < rates.refusal:
        declines = kb.REFUSALS + kb.ABSTENTIONS if context_text else kb.REFUSALS
        output = declines[rng.integers(len(declines))]
    finish = "stop"
    if rng.random() < rates.truncated:
        output, finish = output[: max(8, len(output) // 2)], "length"
    if rng.random() < rates.empty:
        output = ""
    return {"input": question, "output": output, "context": context_text, "reference": reference,
            "finish_reason": finish, "hallucinated": hallucinated}  # fmt: skip


def _trace(
    app: App, version: Version, rates: Rates, day: dt.date, i: int, rng: np.random.Generator
) -> dict[str, object]:
    models = list(version.models)
    model = models[rng.choice(len(models), p=np.array(list(version.models.values())))]
    median, usd_in, usd_out = MODELS[model]
    row = _content(app, rates, rng)
    if model in TYPOGRAPHIC_MODELS:
        row["output"] = str(row["output"]).replace("'", "’")
    failed = rng.random() < rates.error
    prompt_tokens = int(len(str(row["input"])) / 4 + len(str(row["context"] or "")) / 4 + 180)
    completion_tokens = 0 if failed else int(len(str(row["output"])) / 4) + 1
    bad = bool(row.pop("hallucinated")) or row["finish_reason"] == "length" or row["output"] == ""
    feedback = None
    if rng.random() < 0.25:
        feedback = 0.0 if rng.random() < (0.6 if bad else 0.08) else 1.0
    seconds = int(rng.beta(2.2, 1.8) * 86_399)
    metadata: dict[str, object] = {"user_tier": ["free", "pro", "enterprise"][rng.integers(3)]}
    if app.kind == "support":
        metadata |= {"resolved": not bad and rng.random() < 0.8, "escalated": bad and rng.random() < 0.5}
    elif app.kind == "code":
        metadata |= {"accepted": not bad and rng.random() < 0.7}
    return row | {
        "trace_id": f"{app.app_id}-{day:%Y%m%d}-{i:06d}",
        "ts": dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds),
        "app_id": app.app_id,
        "prompt_version": version.name,
        "model": model,
        "output": None if failed else row["output"],
        "latency_ms": float(median * rates.latency_factor * rng.lognormal(0.0, 0.35) * (0.5 + completion_tokens / 200)),
        "cost_usd": prompt_tokens / 1000 * usd_in + completion_tokens / 1000 * usd_out,
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "status": "error" if failed else "ok",
        "finish_reason": None if failed else row["finish_reason"],
        "feedback_score": feedback,
        "feedback_text": "That's wrong, the pricing page says otherwise." if feedback == 0.0 and bad else None,
        "session_id": f"s-{rng.integers(1_000_000):06d}",
        "metadata": json.dumps(metadata),
    }  # fmt: skip


def _malformed(rows: list[dict[str, object]], rng: np.random.Generator) -> list[dict[str, object]]:
    """A few rows per app-day that break the contract, so quarantine has something to show."""
    if len(rows) < 10:
        return []
    picks = [dict(rows[i]) for i in rng.choice(len(rows), size=4, replace=False)]
    picks[0]["latency_ms"] = -float(str(picks[0]["latency_ms"]))
    picks[1]["status"] = "unknown_status"
    picks[2]["metadata"] = "{resolved: yes"
    picks[3]["trace_id"] = rows[0]["trace_id"]
    for n, row in enumerate(picks[:3]):
        row["trace_id"] = f"{row['trace_id']}-bad{n}"
    return picks


def generate_traces(
    end_day: dt.date,
    *,
    days: int = 16,
    traces_per_day: int = 3000,
    seed: int = 7,
    apps: tuple[App, ...] | None = None,
) -> pl.DataFrame:
    """Traces for the `days` days ending on `end_day` (inclusive), reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    apps = apps or default_apps()
    for offset in range(-days, 0):
        day = end_day + dt.timedelta(days=offset + 1)
        for app in apps:
            live = [v for v in app.versions if v.live_on(offset)]
            count = int(rng.poisson(traces_per_day * app.share))
            app_rows = []
            for i in range(count):
                version = live[rng.integers(len(live))]
                rates = version.incidents.get(offset, version.rates)
                app_rows.append(_trace(app, version, rates, day, i, rng))
            rows.extend(app_rows)
            rows.extend(_malformed(app_rows, rng))
    return pl.DataFrame(rows, schema=TRACE_SCHEMA, orient="row" if not rows else None).select(
        list(TRACE_SCHEMA)
    )

"""The hostile corpus: broken and malicious traces, each with the outcome the day's run must give it.

A row case is one app's day of traces in the contract's own table; each row names its outcome:
EVALUATED, NOT_PULLED (it belongs to another day) or the quarantine reason it must get.
A table case is a traces table of another shape (columns missing, extra or of other types).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import DAY

EVALUATED = "evaluated"
NOT_PULLED = "not pulled"
NOON = dt.datetime.combine(DAY, dt.time(12))
MIDNIGHT = dt.datetime.combine(DAY, dt.time())
SQL = "x'; DROP TABLE llm_traces; --"
SCRIPT = "<script>window.__pwned=1;alert('x')</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
JS_LINK = '[read more](javascript:window.__pwned=1) <a href="javascript:window.__pwned=1">click</a>'


def row(trace_id: str, **changes: Any) -> dict[str, Any]:
    """A trace that meets the contract, with `changes` applied."""
    good = {
        "trace_id": trace_id, "ts": NOON, "prompt_version": "v1", "model": "m", "input": "How do I reset it?",
        "output": "Open Settings and press Reset.", "context": "Press Reset in Settings.", "reference": None,
        "latency_ms": 120.0, "cost_usd": 0.001, "prompt_tokens": 12, "completion_tokens": 8, "status": "ok",
        "finish_reason": "stop", "feedback_score": 1.0, "feedback_text": None, "session_id": "s1",
        "metadata": '{"resolved": true}',
    }  # fmt: skip
    return good | changes


@dataclass(frozen=True)
class RowCase:
    """One app's traces on DAY (the app id is `app_id`, else the case name) and each row's outcome."""

    name: str
    rows: tuple[tuple[dict[str, Any], str], ...]
    app_id: str | None = None

    @property
    def app(self) -> str:
        """The app these traces belong to."""
        return self.app_id or self.name

    def pulled(self) -> int:
        """How many rows fall on DAY."""
        return sum(outcome != NOT_PULLED for _, outcome in self.rows)


ROW_CASES: tuple[RowCase, ...] = (
    RowCase("null-and-empty-output", (
        (row("null", output=None, status="error", finish_reason=None), EVALUATED),
        (row("empty", output=""), EVALUATED),
        (row("blank", output=" \n\t "), EVALUATED),
        (row("all-null-optional", input=None, output=None, context=None, latency_ms=None, cost_usd=None,
             prompt_tokens=None, completion_tokens=None, status=None, finish_reason=None,
             feedback_score=None, session_id=None, metadata=None), EVALUATED),
    )),
    RowCase("five-megabyte-output", (
        (row("huge", output="The answer is to press Reset. " * 175_000), EVALUATED),
        (row("huge-input", input="x" * 5_000_000, output="ok"), EVALUATED),
    )),
    RowCase("lone-surrogates-in-json", (
        (row("context", context='["\\ud800 passage", "\\udfff"]'), EVALUATED),
        (row("metadata", metadata='{"resolved": "\\ud83d", "note": "\\udc00"}'), EVALUATED),
        (row("escaped-output", output='{"answer": "\\ud800"}'), EVALUATED),
        (row("replacement-chars", output="mojibake: Ã©Ã¨ \ufffd\ufffd"), EVALUATED),
    )),
    RowCase("control-characters-and-bidi", (
        (row("ansi", output="\x1b[31mred\x1b[0m \x07bell \x08back \x7f"), EVALUATED),
        (row("rtl", output="invoice_\u202eexe.pdf \u2066isolate\u2069", input="\u202ereversed"), EVALUATED),
        (row("zero-width", output="pa\u200bss\u200dword \ufeff"), EVALUATED),
    )),
    RowCase("html-javascript-markdown", (
        (row("script", output=SCRIPT, input=IMG), EVALUATED),
        (row("links", output=JS_LINK, context=SCRIPT), EVALUATED),
        (row("<b>id</b>", session_id=SCRIPT, feedback_text=IMG), EVALUATED),
    )),
    RowCase("context-and-metadata-shapes", (
        (row("not-json", context="[not json"), "context JSON is not a list of strings"),
        (row("numbers", context="[1, 2]"), "context JSON is not a list of strings"),
        (row("nested", context='[["a"]]'), "context JSON is not a list of strings"),
        (row("object", context='{"passages": ["a"]}'), EVALUATED),  # plain text that looks like JSON
        (row("list", context='["a passage", "another"]'), EVALUATED),
        (row("metadata-not-json", metadata="{resolved: yes"), "metadata is not valid JSON"),
        (row("metadata-array", metadata="[1, 2]"), EVALUATED),
        (row("metadata-string", metadata='"resolved"'), EVALUATED),
    )),
    RowCase("duplicate-trace-ids", (
        (row("dup", output="first"), EVALUATED),
        (row("dup", output="second"), "duplicate trace_id"),
        (row("dup", output="third"), "duplicate trace_id"),
        (row("unique"), EVALUATED),
    )),
    RowCase("timestamps-at-the-edges", (
        (row("first-microsecond", ts=MIDNIGHT), EVALUATED),
        (row("last-microsecond", ts=MIDNIGHT + dt.timedelta(days=1, microseconds=-1)), EVALUATED),
        (row("day-before", ts=MIDNIGHT - dt.timedelta(microseconds=1)), NOT_PULLED),
        (row("day-after", ts=MIDNIGHT + dt.timedelta(days=1)), NOT_PULLED),
        (row("far-future", ts=dt.datetime(2999, 1, 1)), NOT_PULLED),
    )),
    RowCase("non-finite-and-negative-numbers", (
        (row("nan-latency", latency_ms=float("nan")), "latency_ms is not finite"),
        (row("inf-cost", cost_usd=float("inf")), "cost_usd is not finite"),
        (row("negative-latency", latency_ms=-1.0), "latency_ms is negative"),
        (row("negative-cost", cost_usd=-0.5), "cost_usd is negative"),
        (row("negative-tokens", prompt_tokens=-3), "prompt_tokens is negative"),
        (row("negative-completion", completion_tokens=-1), "completion_tokens is negative"),
        (row("zero", latency_ms=0.0, cost_usd=0.0, prompt_tokens=0, completion_tokens=0), EVALUATED),
        (row("nan-feedback", feedback_score=float("nan")), EVALUATED),
    )),
    RowCase("unknown-status", (
        (row("exploded", status="exploded"), "unknown status"),
        (row("upper", status="OK"), "unknown status"),
        (row("empty", status=""), "unknown status"),
        (row("sql", status=SQL), "unknown status"),
        (row("known", status="timeout", output=None), EVALUATED),
    )),
    RowCase("missing-required-values", (
        (row(None), "trace_id is missing"),  # type: ignore[arg-type]
        (row("no-model", model=None), "model is missing"),
        (row("no-version", prompt_version=None), "prompt_version is missing"),
        (row("two-reasons", model=None, latency_ms=-2.0), "model is missing; latency_ms is negative"),
    )),
    RowCase("sql-in-identifiers", (
        (row("quoted", prompt_version="v1'; DELETE FROM llmqa_scores; --", model='m"; DROP TABLE x; --'),
         EVALUATED),
        (row("x'; DROP TABLE llm_traces; --"), EVALUATED),
    ), app_id=SQL),
    RowCase("one-trace", ((row("only"), EVALUATED),)),
    RowCase("no-traces", ()),
)  # fmt: skip


@dataclass(frozen=True)
class TableCase:
    """A traces table of another shape: its DDL, rows as column → value, and each row's outcome."""

    name: str
    columns: dict[str, str]
    rows: tuple[tuple[dict[str, Any], str], ...]
    postgres_types: dict[str, str] = field(default_factory=dict)


REQUIRED = {
    "trace_id": "TEXT",
    "ts": "TIMESTAMP",
    "app_id": "TEXT",
    "prompt_version": "TEXT",
    "model": "TEXT",
}


def table_row(trace_id: str, **values: Any) -> dict[str, Any]:
    """A row of a table case: the required columns filled, then `values`."""
    return {
        "trace_id": trace_id,
        "ts": NOON,
        "app_id": "shaped",
        "prompt_version": "v1",
        "model": "m",
    } | values


TABLE_CASES: tuple[TableCase, ...] = (
    TableCase("only-required-columns", REQUIRED, ((table_row("bare"), EVALUATED),)),
    TableCase(
        "extra-columns",
        REQUIRED | {"output": "TEXT", "status": "TEXT", "internal_notes": "TEXT", "score_v2": "DOUBLE PRECISION"},
        ((table_row("extra", output="fine", status="ok", internal_notes="x", score_v2=1.5), EVALUATED),),
    ),
    TableCase(
        "wrong-column-types",
        REQUIRED | {"prompt_version": "INTEGER", "output": "BLOB", "latency_ms": "TEXT",
                    "prompt_tokens": "DOUBLE PRECISION", "cost_usd": "TEXT", "feedback_score": "TEXT",
                    "status": "TEXT"},
        (
            (table_row("numbers-as-text", prompt_version=3, output=b"fine", latency_ms=" 12.5 ",
                       prompt_tokens=7.0, cost_usd="0.002", feedback_score="1", status="ok"), EVALUATED),
            (table_row("invalid-utf8", prompt_version=3, output=b"caf\xe9 \xff\xfe ok \xc3\x28"), EVALUATED),
            (table_row("not-a-number", prompt_version=3, latency_ms="fast"), "latency_ms is not a number"),
            (table_row("fraction-of-a-token", prompt_version=3, prompt_tokens=3.7),
             "prompt_tokens is not a whole number"),
            (table_row("nan-text", prompt_version=3, cost_usd="NaN"), "cost_usd is not finite"),
            (table_row("two-bad", prompt_version=3, latency_ms="1e", feedback_score="great"),
             "feedback_score is not a number; latency_ms is not a number"),
        ),
        postgres_types={"BLOB": "BYTEA"},
    ),
    TableCase(
        "timestamps-with-zones",
        REQUIRED | {"ts": "TIMESTAMPTZ", "output": "TEXT"},
        (
            (table_row("late-in-plus-two", ts="2026-11-23 01:30:00+02"), EVALUATED),
            (table_row("early-in-plus-five", ts="2026-11-22 01:00:00+05"), NOT_PULLED),
            (table_row("utc-without-zone", ts="2026-11-22 12:00:00"), EVALUATED),
            (table_row("late-in-minus-eight", ts="2026-11-22 16:30:00-08"), NOT_PULLED),
        ),
    ),
)  # fmt: skip

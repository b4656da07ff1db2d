"""Reading a judge's answer: a JSON object with a 1-5 score, tolerating code fences and prose."""

from __future__ import annotations

import json
import math
from typing import NamedTuple

MALFORMED = "judge answer malformed"
MAX_REASON_CHARS = 500


class Verdict(NamedTuple):
    """A score in [0, 1] (null when there is none) and why."""

    score: float | None
    reason: str


def _objects(text: str) -> list[dict[str, object]]:
    """Every JSON object that starts at some '{' of the text, in order."""
    decoder = json.JSONDecoder()
    found = []
    start = text.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            found.append(value)
        start = text.find("{", start + 1)
    return found


def _number(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return math.nan
    try:
        return float(raw)
    except ValueError:
        return math.nan


def _malformed(problem: str, text: str) -> Verdict:
    return Verdict(None, f"{MALFORMED}: {problem}; answer began {text[:80]!r}")


def parse_verdict(text: str | None) -> Verdict:
    """The verdict in a judge's answer; a malformed answer gives a null score, never a pass."""
    if not text or not text.strip():
        return Verdict(None, f"{MALFORMED}: empty answer")
    candidates = [o for o in _objects(text) if "score" in o]
    if not candidates:
        return _malformed("no JSON object with a score", text)
    raw = candidates[0]["score"]
    score = _number(raw)
    if not 1.0 <= score <= 5.0:
        return _malformed(f"score {raw!r} is not a number from 1 to 5", text)
    reason = candidates[0].get("reason")
    reason_text = reason.strip()[:MAX_REASON_CHARS] if isinstance(reason, str) else ""
    return Verdict((score - 1.0) / 4.0, f"judge: {score:g}/5 {reason_text}".rstrip())

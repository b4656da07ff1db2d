"""Regex composition shared by the evaluators and redaction."""

from __future__ import annotations

from collections.abc import Mapping


def any_of(patterns: Mapping[str, str]) -> str:
    """One regex matching wherever any of `patterns` does (each keeps its own inline flags)."""
    return "|".join(f"(?:{p})" for p in patterns.values())

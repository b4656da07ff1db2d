"""Regex composition shared by the evaluators and redaction."""

from __future__ import annotations

import re
from collections.abc import Mapping

import polars as pl

UNICODE_BOUNDARY = re.compile(r"(?<!\\)\\b")


def any_of(patterns: Mapping[str, str]) -> str:
    """One regex matching wherever any of `patterns` does (each keeps its own inline flags)."""
    return "|".join(f"(?:{p})" for p in patterns.values())


def ascii_bounded(pattern: str) -> str:
    """`pattern` with each word boundary `\\b` an ASCII one, `(?-u:\\b)`, so that it stays fast.

    The regex engine under polars runs a Unicode `\\b` only on its slow path once a text holds
    a single non-ASCII character (a ’, an é, an em dash): 50-130× slower over a column of real
    answers. An ASCII boundary differs only beside a non-ASCII letter ("caf|é"); the patterns
    it is used on put none of theirs there.
    """
    return UNICODE_BOUNDARY.sub(lambda _: r"(?-u:\b)", pattern)


def checked_regexes(patterns: list[str]) -> list[str]:
    """`patterns` as given, once each compiles both in Python and in polars (Rust regex syntax, no
    look-around); a ValueError names the first that does not, so that a bad config fails at load."""
    for pattern in patterns:
        try:
            re.compile(pattern)
            pl.select(pl.lit("").str.contains(pattern))
        except (re.error, pl.exceptions.ComputeError) as error:
            raise ValueError(f"bad regex {pattern!r}: {str(error).splitlines()[0]}") from None
    return patterns

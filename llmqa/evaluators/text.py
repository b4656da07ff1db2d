"""Shared text vocabulary and expressions: stopwords, negations, the token pattern, normalisation."""

from __future__ import annotations

import polars as pl

from llmqa.regex import ascii_bounded

STOPWORDS: tuple[str, ...] = (
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was",
    "were", "be", "been", "being", "am", "it", "its", "this", "that", "these", "those", "you",
    "your", "we", "our", "us", "can", "will", "would", "should", "could", "may", "might", "must",
    "shall", "has", "have", "had", "do", "does", "did", "at", "by", "from", "as", "if", "so",
    "but", "also", "there", "their", "they", "i", "me", "my", "he", "she", "him", "his", "her",
    "them", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "than",
    "then", "into", "about", "any", "all", "per", "up", "out", "both", "each", "such", "just",
    "very", "here", "over", "only", "own", "same", "some", "too", "yes", "s", "i'm", "i've",
    "i'll", "i'd", "it's", "that's", "there's", "you're", "we're", "they're", "let's",
)  # fmt: skip
NEGATIONS: tuple[str, ...] = (
    "no", "not", "never", "none", "nothing", "nobody", "neither", "nor", "cannot", "without",
)  # fmt: skip

_FOLDS = {
    "can't": "cannot", "can’t": "cannot", "won't": "will not", "won’t": "will not",
    "n't": " not", "n’t": " not", "’": "'",
    "\\n": " ", "\\r": " ", "\\t": " ", "\\u": " ", '\\"': " ",
}  # fmt: skip
TOKEN = r"[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*"


def normalised(text: pl.Expr) -> pl.Expr:
    """Lowercase text with ’ as ', JSON escapes blanked, n't and thousands separators folded (1,200 -> 1200)."""
    return (
        text.str.to_lowercase()
        .str.replace_many(_FOLDS, leftmost=True)
        .str.replace_all(ascii_bounded(r"(\d),(\d{3})\b"), "${1}${2}")
    )


def apostrophes_folded(text: pl.Expr) -> pl.Expr:
    """The text with typographic apostrophes (’) as ASCII ones, so that one phrase pattern reads both."""
    return text.str.replace_all("’", "'", literal=True)


def sentences_with(text: pl.Expr, phrases: str) -> pl.Expr:
    """Per text, the list of its sentences (up to . ! ? or a line break) that hold one of `phrases`."""
    return apostrophes_folded(text).str.extract_all(rf"(?i)[^.!?\n]*(?:{phrases})[^.!?\n]*")

"""Shared text expressions: tokens, content words, word bigrams and sentences, on whole columns."""

from __future__ import annotations

import polars as pl

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

TOKEN = r"[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*"
_STOPWORD_RE = r"\b(?:" + "|".join(sorted(STOPWORDS, key=len, reverse=True)) + r")\b"
_FIRST_OF_CLAUSE = r"(^|\|) *" + TOKEN
PLURAL = r"\b(\p{L}{2,}[^su\W])s\b"
_SENTENCE = r"[^.!?\n]+(?:[.!?]+|$)"


def normalised(text: pl.Expr) -> pl.Expr:
    """Lowercase text with JSON escapes blanked, thousands separators and n't folded (1,200 -> 1200)."""
    return (
        text.str.to_lowercase()
        .str.replace_all(r"\\[nrtu\"]", " ")
        .str.replace_all(r"(\d),(\d{3})\b", "${1}${2}")
        .str.replace_all(r"\bcan['’]t\b", "cannot")
        .str.replace_all(r"\bwon['’]t\b", "will not")
        .str.replace_all(r"(\w)n['’]t\b", "${1} not")
    )


def tokens(text: pl.Expr) -> pl.Expr:
    """The word and number tokens of a text column, lowercased, in order (null stays null)."""
    return normalised(text).str.extract_all(TOKEN)


def claim_text(text: pl.Expr) -> pl.Expr:
    """Text reduced to stemmed content words, clauses separated by ' | ' (all string-level, fast).

    Stopwords go, plurals and possessives fold ('films' meets 'film', a deliberately light
    stemmer), and clause punctuation becomes a break so that word pairs never span clauses.
    """
    return (
        normalised(text)
        .str.replace_all(r"['’]s\b", "")
        .str.replace_all(r"[,;:.!?()\[\]\n]+(?:\s|$)|^\s+", " | ")
        .str.replace_all(r"[^\p{L}\p{N}\s|'’.\-]", " ")
        .str.replace_all(_STOPWORD_RE, " ")
        .str.replace_all(PLURAL, "${1}")
        .str.replace_all(r"\s+", " ")
    )


def content_words(text: pl.Expr) -> pl.Expr:
    """Stemmed tokens without stopwords, in order: the words that carry a claim."""
    return claim_text(text).str.extract_all(TOKEN)


def names(text: pl.Expr) -> pl.Expr:
    """Stemmed lowercase forms of the capitalised words that do not start a sentence or line."""
    inner = text.str.extract_all(r"[\p{L}\p{N},;:)] +\p{Lu}[\p{L}\p{N}]*(?:['’.\-][\p{L}\p{N}]+)*")
    return inner.list.eval(
        pl.element()
        .str.replace(r"^.*? +", "")
        .str.to_lowercase()
        .str.replace(r"['’]s$", "")
        .str.replace(PLURAL, "${1}")
    )


def word_pairs(claims: pl.Expr) -> pl.Expr:
    """Adjacent content-word pairs within each clause of a `claim_text` column, as 'a b' strings."""
    pair = rf"(?:{TOKEN}) +(?:{TOKEN})"
    odd = claims.str.replace_all(_FIRST_OF_CLAUSE, "${1}")
    return pl.concat_list([claims.str.extract_all(pair), odd.str.extract_all(pair)])


def sentences(text: pl.Expr) -> pl.Expr:
    """The sentences of a text column, stripped, as a list."""
    return text.str.extract_all(_SENTENCE).list.eval(pl.element().str.strip_chars())


def is_blank(text: pl.Expr) -> pl.Expr:
    """True where a text column is null or only whitespace."""
    return text.is_null() | (text.str.strip_chars().str.len_chars() == 0)

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

_TOKEN = r"[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*"
BREAK = "|"
_TOKEN_OR_BREAK = _TOKEN + r"|[,;:.!?()\[\]\n]+"
PLURAL = r"^(\p{L}{2,}[^su])s$"
_SENTENCE = r"[^.!?\n]+(?:[.!?]+|$)"


def normalised(text: pl.Expr) -> pl.Expr:
    """Lowercase text with JSON escapes blanked and thousands separators removed (1,200 -> 1200)."""
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
    return normalised(text).str.extract_all(_TOKEN)


def stem(token_list: pl.Expr) -> pl.Expr:
    """Fold plurals and possessives so that 'films' meets 'film' (a deliberately light stemmer)."""
    return token_list.list.eval(
        pl.element().str.replace(r"['’]s$", "").str.replace(PLURAL, "${1}")
    )


def content_words(text: pl.Expr, *, breaks: bool = False) -> pl.Expr:
    """Stemmed tokens without stopwords, in order: the words that carry a claim.

    With `breaks`, clause punctuation stays in the list as BREAK, so that word pairs are
    not formed across clauses.
    """
    if not breaks:
        return stem(tokens(text).list.eval(pl.element().filter(~pl.element().is_in(STOPWORDS))))
    marked = normalised(text).str.extract_all(_TOKEN_OR_BREAK).list.eval(
        pl.when(pl.element().str.contains(r"^[\p{L}\p{N}]")).then(pl.element()).otherwise(pl.lit(BREAK))
    )
    return stem(marked.list.eval(pl.element().filter(~pl.element().is_in(STOPWORDS))))


def names(text: pl.Expr) -> pl.Expr:
    """Stemmed lowercase forms of the capitalised words that do not start a sentence or line."""
    inner = text.str.extract_all(r"[\p{L}\p{N},;:)] +\p{Lu}[\p{L}\p{N}]*(?:['’.\-][\p{L}\p{N}]+)*")
    return stem(inner.list.eval(pl.element().str.replace(r"^.*? +", "").str.to_lowercase()))


def bigrams(words: pl.Expr) -> pl.Expr:
    """Adjacent pairs of a token list, as 'a b' strings, none spanning a BREAK."""
    pair = pl.concat_str([pl.element(), pl.element().shift(-1)], separator=" ")
    return words.list.eval(pair.filter(~pair.str.contains(BREAK, literal=True)).drop_nulls())


def sentences(text: pl.Expr) -> pl.Expr:
    """The sentences of a text column, stripped, as a list."""
    return text.str.extract_all(_SENTENCE).list.eval(pl.element().str.strip_chars())


def is_blank(text: pl.Expr) -> pl.Expr:
    """True where a text column is null or only whitespace."""
    return text.is_null() | (text.str.strip_chars().str.len_chars() == 0)

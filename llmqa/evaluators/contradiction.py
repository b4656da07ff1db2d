"""Cues that an answer contradicts a reference, and how confidently it asserts, on whole columns.

A confident wrong answer often says the opposite of the expected one in a few words: it
opens with "Yes" where the reference opens with "No", or puts an antonym in place of the
reference's word ("increased" for "declined"). Misconceptions also tend to be stated in
absolute terms ("always", "proven") where a careful answer hedges ("may", "often").
"""

from __future__ import annotations

import polars as pl

ANTONYMS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"), ("increased", "decreased"), ("increase", "decline"), ("increased", "declined"),
    ("rise", "fall"), ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("larger", "smaller"),
    ("bigger", "smaller"), ("better", "worse"), ("true", "false"), ("safe", "dangerous"), ("legal", "illegal"),
    ("always", "never"), ("possible", "impossible"), ("good", "bad"), ("hot", "cold"), ("before", "after"),
    ("real", "fake"), ("effective", "ineffective"), ("healthy", "unhealthy"), ("everyone", "nobody"),
    ("everything", "nothing"), ("positive", "negative"), ("male", "female"), ("win", "lose"),
    ("alive", "dead"), ("accept", "reject"), ("allowed", "forbidden"), ("beneficial", "harmful"),
)  # fmt: skip
# each word gets a code 2·pair + side, so that code xor 1 is its antonym
_CODES: dict[str, int] = {
    word: 2 * i + side for i, pair in enumerate(ANTONYMS) for side, word in enumerate(pair)
}
_YES, _NO = r"(?i)^\W*yes\b", r"(?i)^\W*no\b"
HEDGES = r"\b(?:may|might|can|could|some|sometimes|often|usually|depends|necessarily|likely|unlikely|varies|vary|possible)\b"
ABSOLUTES = r"\b(?:always|never|all|every|everyone|definitely|certainly|guaranteed|only|must|will|proven|proves|causes?)\b"


def antonym_swap(answer_words: pl.Expr, reference_words: pl.Expr) -> pl.Expr:
    """True where the answer has a content word whose antonym the reference has and the word itself it lacks."""
    answer, reference = _antonym_codes(answer_words), _antonym_codes(reference_words)
    opposite = reference.list.eval(pl.element().xor(1))
    return answer.list.set_difference(reference).list.set_intersection(opposite).list.len() > 0


def _antonym_codes(words: pl.Expr) -> pl.Expr:
    return words.list.eval(
        pl.element().replace_strict(_CODES, default=None, return_dtype=pl.Int64)
    ).list.drop_nulls()


def yes_no_clash(answer: pl.Expr, reference: pl.Expr) -> pl.Expr:
    """True where one text opens with 'yes' and the other with 'no' (case-insensitive)."""
    return (answer.str.contains(_YES) & reference.str.contains(_NO)) | (
        answer.str.contains(_NO) & reference.str.contains(_YES)
    )


def assertiveness(text: pl.Expr, cap: int = 2) -> pl.Expr:
    """Absolute words minus hedging words in `text`, each count capped at `cap`: above 0 = sure of itself."""
    lower = text.str.to_lowercase()
    absolute, hedged = (lower.str.count_matches(p).cast(pl.Int64).clip(0, cap) for p in (ABSOLUTES, HEDGES))
    return absolute - hedged

"""Deterministic text similarity on whole columns: token F1 and character n-gram cosine."""

from __future__ import annotations

import polars as pl


def token_f1(answer: pl.Expr, reference: pl.Expr) -> pl.Expr:
    """F1 of the distinct tokens of two token-list columns (0 when either is empty)."""
    common = answer.list.set_intersection(reference).list.len()
    precision = common / answer.list.n_unique()
    recall = common / reference.list.n_unique()
    return pl.when(common > 0).then(2 * precision * recall / (precision + recall)).otherwise(0.0)


def char_ngrams(text: pl.Expr, n: int) -> pl.Expr:
    """The distinct overlapping character n-grams of whitespace-normalised lowercase text."""
    clean = pl.concat_str(
        [
            pl.lit(" "),
            text.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars(),
            pl.lit(" "),
        ]
    )
    # extract_all finds non-overlapping matches; n shifted copies together give every n-gram
    shifted = [clean.str.slice(offset).str.extract_all("." * n) for offset in range(n)]
    return pl.concat_list(shifted).list.unique()


def char_ngram_cosine(a: pl.Expr, b: pl.Expr, n: int = 3) -> pl.Expr:
    """Cosine similarity of the binary character n-gram sets of two text columns."""
    left, right = char_ngrams(a, n), char_ngrams(b, n)
    common = left.list.set_intersection(right).list.len()
    return pl.when(common > 0).then(common / (left.list.len() * right.list.len()).sqrt()).otherwise(0.0)

"""Checksums that tell real card numbers and IBANs from look-alike digit runs, on whole columns."""

from __future__ import annotations

import polars as pl


def luhn_valid(digits: pl.Expr) -> pl.Expr:
    """True where a string of digits passes the Luhn check used by payment cards."""
    values = digits.str.reverse().str.split("").list.eval(pl.element().cast(pl.Int64))
    doubled = values.list.eval(
        pl.when(pl.int_range(pl.len()) % 2 == 1)
        .then(pl.element() * 2 - pl.when(pl.element() > 4).then(9).otherwise(0))
        .otherwise(pl.element())
    )
    return (doubled.list.sum() % 10 == 0) & (digits.str.len_chars() >= 12)


def iban_valid(candidate: pl.Expr) -> pl.Expr:
    """True where an IBAN (spaces removed, upper case) passes its ISO 13616 mod-97 check."""
    rearranged = pl.concat_str([candidate.str.slice(4), candidate.str.slice(0, 4)])
    letters = {chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)}
    numeric = rearranged.str.replace_many(list(letters), list(letters.values()))
    padded = numeric.str.zfill(84)  # leading zeros leave the remainder unchanged
    remainder = pl.lit(0, pl.Int64)
    for start in range(0, 84, 7):  # 7 digits at a time keeps every step inside Int64
        remainder = (remainder * 10_000_000 + padded.str.slice(start, 7).cast(pl.Int64, strict=False)) % 97
    return remainder == 1

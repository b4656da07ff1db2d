"""Checksums that tell real card, IBAN and national id numbers from look-alikes, on whole columns."""

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


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_valid(candidate: pl.Expr) -> pl.Expr:
    """True where a Spanish DNI or NIE (12345678Z, X1234567L) ends in its control letter."""
    number = (
        candidate.str.head(-1).str.replace_many(["X", "Y", "Z"], ["0", "1", "2"]).cast(pl.Int64, strict=False)
    )
    expected = (number % 23).replace_strict(
        range(23), list(DNI_LETTERS), default=None, return_dtype=pl.String
    )
    return expected == candidate.str.tail(1)


def cpf_valid(digits: pl.Expr) -> pl.Expr:
    """True where a Brazilian CPF's 11 digits end in its two mod-11 check digits (not all one digit)."""
    d = [digits.str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(11)]
    first = sum(d[i] * (10 - i) for i in range(9)) * 10 % 11 % 10
    second = sum(d[i] * (11 - i) for i in range(10)) * 10 % 11 % 10
    return (first == d[9]) & (second == d[10]) & (digits.str.split("").list.n_unique() > 1)


def nir_valid(candidate: pl.Expr) -> pl.Expr:
    """True where a French NIR's 13 characters (Corsica's 2A/2B counted as 19/18) match its 2-digit key."""
    body = candidate.str.head(13).str.replace_many(["2A", "2B"], ["19", "18"]).cast(pl.Int64, strict=False)
    return 97 - body % 97 == candidate.str.tail(2).cast(pl.Int64, strict=False)


_DIGITS_AND_LETTERS = [*"0123456789", *(chr(c) for c in range(ord("A"), ord("Z") + 1))]
# the values of a character in an odd (1st, 3rd, ...) position of an Italian codice fiscale
_CF_ODD = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21,  # 0-9
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,  # A-Z
]  # fmt: skip
_CF_EVEN = [*range(10), *range(26)]


def codice_fiscale_valid(candidate: pl.Expr) -> pl.Expr:
    """True where an Italian codice fiscale ends in the check letter of its first 15 characters."""
    total = pl.sum_horizontal(
        candidate.str.slice(i, 1).replace_strict(
            _DIGITS_AND_LETTERS, _CF_EVEN if i % 2 else _CF_ODD, default=None, return_dtype=pl.Int64
        )
        for i in range(15)
    )
    expected = (total % 26).replace_strict(
        range(26), _DIGITS_AND_LETTERS[10:], default=None, return_dtype=pl.String
    )
    return expected == candidate.str.tail(1)

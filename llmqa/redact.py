"""PII redaction for any text that leaves the warehouse (reports, Slack, exports)."""

from __future__ import annotations

import polars as pl

from llmqa.national_ids import NATIONAL_IDS
from llmqa.regex import any_of, ascii_bounded
from llmqa.secret_patterns import PRIVATE_KEY_BLOCK, SECRET_PATTERNS

PII_PATTERNS: dict[str, str] = {
    # credentials first: a connection string holds an '@', a Slack token runs of digits
    "SECRET": any_of(
        {
            **SECRET_PATTERNS,
            "private_key": PRIVATE_KEY_BLOCK,
            "token": r"\b(?:sk|pk|rk|xox[abprs]|ghp|gho|AKIA)[-_]?[A-Za-z0-9_-]{12,}\b",
        }
    ),
    "EMAIL": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "IBAN": r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
    "NATIONAL_ID": any_of({kind: pattern for kind, pattern in NATIONAL_IDS.items() if kind != "us_ssn"}),
    "CARD": r"\b(?:\d[ -]?){12,18}\d\b",
    "SSN": r"\b\d{3}-\d{2}-\d{4}\b",
    "IP": r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
    "PHONE": r"(?:\+\d{1,3}[ .-]?)?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}\b",
}


def redact_expr(text: pl.Expr) -> pl.Expr:
    """Replace emails, card and phone numbers, IBANs, ids, IPs and keys with [KIND] markers."""
    for kind, pattern in PII_PATTERNS.items():
        text = text.str.replace_all(ascii_bounded(pattern), f"[{kind}]")
    return text


def redact(text: str) -> str:
    """Redact one string (for messages built outside a frame)."""
    return str(pl.select(redact_expr(pl.lit(text, pl.String))).item())


# Control characters and bidirectional overrides: they can make an excerpt read as something else.
UNSAFE_CHARACTERS = r"[\p{Cc}\x{202A}-\x{202E}\x{2066}-\x{2069}]"


def excerpt_expr(text: pl.Expr, length: int = 400) -> pl.Expr:
    """A redacted excerpt of at most `length` characters, ending in an ellipsis when cut.

    Only a bounded prefix is redacted, so a 5 MB answer costs no more than a short one; the bound
    is far past the cut to leave room for what redaction shortens.
    """
    bounded = text.str.slice(0, 4 * length + 1000).str.replace_all(r"\s+", " ")
    cleaned = redact_expr(bounded.str.replace_all(UNSAFE_CHARACTERS, "\ufffd"))
    return (
        pl.when(cleaned.str.len_chars() > length)
        .then(pl.concat_str(cleaned.str.slice(0, length), pl.lit("…")))
        .otherwise(cleaned)
    )

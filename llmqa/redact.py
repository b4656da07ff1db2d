"""PII redaction for any text that leaves the warehouse (reports, Slack, exports)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import polars as pl

from llmqa.evaluators.words import WORD
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
    "PHONE": r"(?:\+\d{1,3}[ .-]?)?\(?\d{2,4}\)?[ ./-]?\d{3,4}[ .-]?\d{3,4}\b|\b0[1-9](?:[ .-]\d{2}){4}\b",
}


def redact_expr(text: pl.Expr) -> pl.Expr:
    """Replace emails, card and phone numbers, IBANs, ids, IPs and keys with [KIND] markers."""
    for kind, pattern in PII_PATTERNS.items():
        text = text.str.replace_all(ascii_bounded(pattern), f"[{kind}]")
    return text


REASON_SOURCES = ("input", "output", "context")  # the texts whose words evaluator reasons list


def pii_words(texts: pl.Series) -> list[dict[str, str]]:
    """Per text, each lowercase word inside its PII, with the PII's kind: what a reason may quote of it.

    Reasons in normalised words ("unsupported: call 1 415 555 0134") carry a phone number or
    address in pieces that no PII pattern matches any more; these are the pieces to take out.
    """
    frame = pl.DataFrame({"t": texts})
    found: list[dict[str, str]] = [{} for _ in range(len(texts))]
    for kind, pattern in reversed(PII_PATTERNS.items()):  # reversed: the first kind listed wins
        pieces = frame.select(
            pl.col("t")
            .str.extract_all(ascii_bounded(pattern))
            .list.join(" ")
            .str.to_lowercase()
            .str.extract_all(WORD)
        )
        for words, row in zip(pieces.to_series().to_list(), found, strict=True):
            row.update(dict.fromkeys(words or [], kind))
    return found


def redact_words(text: str, words: Mapping[str, str]) -> str:
    """`text` with every whole word that is a key of `words` (any case) replaced by its [KIND] marker.

    Markers of one kind that follow each other become one: "415, 555, 0134" reads "[PHONE]".
    """
    if not text or not words:
        return text
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w.@])({alternatives})(?![\w@]|\.\w)", re.IGNORECASE)
    marked = pattern.sub(lambda match: f"[{words[match.group(1).lower()]}]", text)
    return re.sub(r"(\[[A-Z_]+\])(?:[ ,]+\1)+", r"\1", marked)  # a number's pieces: one marker


def reasons_redacted(batch: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """`scores` (long form) with the words of each trace's PII in its reasons as [KIND] markers.

    Only the reasons with a digit or a dotted word, of the traces whose texts hold PII (few in
    any batch), are read word by word.
    """
    pattern = ascii_bounded(any_of(PII_PATTERNS))
    texts = batch.filter(pl.any_horizontal(pl.col(c).str.contains(pattern) for c in REASON_SOURCES)).select(
        "trace_id", pl.concat_str(REASON_SOURCES, separator="\n", ignore_nulls=True).alias("text")
    )
    if texts.height == 0:
        return scores
    words = dict(zip(texts["trace_id"], pii_words(texts["text"]), strict=True))
    affected = (
        scores.with_row_index("at")
        .filter(pl.col("trace_id").is_in(texts["trace_id"].implode()))
        .filter(pl.col("reason").str.contains(r"[0-9]|\w\.\w"))
    )
    redacted = {
        at: new
        for at, trace, reason in affected.select("at", "trace_id", "reason").iter_rows()
        if (new := redact_words(reason, words[trace])) != reason
    }
    if not redacted:
        return scores
    return scores.with_columns(
        scores["reason"].clone().scatter(list(redacted), pl.Series(list(redacted.values()), dtype=pl.String))
    )


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

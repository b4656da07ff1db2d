"""`words.units`: the content words and within-clause word pairs of a text column, per row.

The specification is a per-row reading written out in plain Python (the `regex` module
speaks the same Unicode classes as polars): the flat, columnar tokeniser must agree with
it on every row of a varied sample.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
import regex
from evaluator_helpers import traces

from llmqa.evaluators.text import STOPWORDS, normalised
from llmqa.evaluators.words import (
    BREAK,
    CALCULATION,
    MAX_CHARS,
    NUMBER_WORDS,
    PLURAL,
    WORD,
    figures_alike,
    pair_hash,
    units,
)
from llmqa.synthetic import generate_traces

EDGE_CASES = [
    None,
    "",
    "   ",
    "The, and; of.",
    "Paris is the capital of France. It's on the Seine, which flows west.",
    "The company's revenue rose 12% to $1,200 million in 2023; analysts' forecasts were 1,150.",
    "I can't say. Won’t say! She didn't—no (really) [not] won't.",
    "Buses, classes and gas prices: films, cats' toys, U.S. policies, e.g. up-to-date data.",
    "line one\nline two\n\nline three.\n",
    'JSON-ish: {"answer": "yes", "score": 0.93}\\n next \\"quoted\\" part',
    "Ünïcödé naïve café — Größe straße; Москва столица России. 東京は日本の首都です。",
    "3.14 and 2.0.1 versions, v2.5 vs. 10.5% (approx.) at 09:30.",
    "word " * 50,
    "3 extra seats cost 3 × $8 = $24 per month, or 10% of $200 = $20 - a saving; 2 + 2 = 4 ÷ 1.",
    "Thirty days for five users, no one else; twenty-two seats, zero fees, one plan.",
    "Open 9:00 AM to 5 p.m. on 2024-03-03, 20 percent off, 49 USD or 1k credits with v2.5.",
]


def spec_units(text: str | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Content words in order, and pairs of content words next to each other within a clause."""
    if text is None:
        return [], []
    words: list[str] = []
    pairs: list[tuple[str, str]] = []
    previous: str | None = None
    for token in regex.findall(f"{WORD}|{BREAK}".replace("$", r"\Z"), text):
        if regex.match(BREAK.replace("$", r"\Z"), token):
            previous = None
            continue
        word = token.removesuffix("'s")
        if not regex.match(r"[\p{L}\p{N}]", word) or word in STOPWORDS:
            continue
        if regex.search(PLURAL.replace("$", r"\Z"), word):
            word = word[:-1]
        word = NUMBER_WORDS.get(word, word)
        words.append(word)
        if previous is not None:
            pairs.append((previous, word))
        previous = word
    return words, pairs


def pair_hashes(pairs: list[tuple[str, str]]) -> list[int]:
    """The 64-bit hashes `units` stands in for pairs with."""
    frame = pl.DataFrame(
        {"w": [a for a, _ in pairs], "next": [b for _, b in pairs]},
        schema={"w": pl.String, "next": pl.String},
    )
    return frame.select(pair_hash(pl.col("w").hash(), pl.col("next").hash())).to_series().to_list()


@pytest.fixture(scope="module")
def sample() -> pl.DataFrame:
    """Synthetic traces of every app (questions, contexts, answers, references) plus edge cases."""
    generated = generate_traces(dt.date(2024, 11, 30), days=1, traces_per_day=400, seed=5)
    texts = pl.concat([generated[c] for c in ("input", "output", "context", "reference")]).to_list()
    return traces(output=texts + EDGE_CASES)


def test_units_agree_with_the_per_row_reading_on_every_row(sample):
    found = units(sample, "output")
    # figures are written one way, and a written calculation is set apart as a clause of its own,
    # before the text is read
    alike = figures_alike(sample["output"].str.slice(0, MAX_CHARS))
    parted = [None if t is None else regex.sub(CALCULATION, r"; \1 ;", t) for t in alike]
    normal = pl.select(normalised(pl.Series(parted, dtype=pl.String))).to_series().to_list()
    for text, words, pairs in zip(normal, found["words"].to_list(), found["pairs"].to_list(), strict=True):
        expected_words, expected_pairs = spec_units(text)
        assert (words, pairs) == (expected_words, pair_hashes(expected_pairs)), text

"""Content words, word pairs and names of a text column, tokenised once per batch in flat form.

The text is read up to `MAX_CHARS` characters, figures are written one way ('9:00 AM' as
'9am'), sentences joined without a space are parted ("action.Affirmative"), the text is
normalised (lowercase, n't folded) and split by one regex into tokens and clause breaks.
Everything after that runs on one flat column of tokens rather than per row: possessives and
stopwords go, plurals fold ('films' meets 'film', a deliberately light stemmer), number words
read as digits ('thirty' meets '30'), and adjacent content words of a clause form pairs, so
that a pair never spans a comma or a sentence end. Inside `shared.sharing()` each column is
tokenised once however many evaluators read it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence

import polars as pl

from llmqa.evaluators.arithmetic import EXPRESSION
from llmqa.evaluators.base import on_every_row, on_rows
from llmqa.evaluators.shared import derived
from llmqa.evaluators.text import STOPWORDS, normalised
from llmqa.regex import ascii_bounded

MAX_CHARS = 20_000  # longer texts are read up to here: a bound on the work per trace
WORD = r"[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*"  # hyphens split: 'up-to-date' meets 'up to date'
# a clause ends at punctuation, a dash, and an operator of a written calculation ("3 × $8 = $24")
BREAK = r"(?:[,;:.!?()\[\]\n]+(?:\s|$)|[=×÷—–]|\s[-+*/−]\s)"
# a written calculation is a clause of its own: "seats cost 3 × $8" does not pair 'cost' with '3'
CALCULATION = rf"({EXPRESSION}(?:[ \t]*=[ \t]*-?{EXPRESSION})+)"
DOTTED = r"\p{L}\.\p{L}"  # a word with a dot inside: 'JSON.parse', 'U.S.'
GLUED_SENTENCE = r"(\p{Ll}{2}[.!?])(\p{Lu})"  # 'action.Affirmative': joined passages lost the space
# after a figure, a closing bracket or quote, or a capital not inside a dotted abbreviation, only
# before a capitalised word: '1989.Donald', '(ATP).Raffaella', 'El-P.Jaime', not 'U.S.Navy'
GLUED_AFTER_OTHER = r"([^.]\p{Lu}[.!?]|[\p{N})\]\"'”’][.!?])(\p{Lu}\p{Ll})"
PLURAL = r"^(?:[\p{L}\p{N}]+['.])*\p{L}{2,}[^su\W]s$"


# a number written out meets its digits ("thirty days", "30 days"); "one" is left alone, mostly a
# pronoun ("no one", "the one that")
_TO_NINETEEN = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
# ordinals as digits too; "second" is left alone, mostly a unit of time
_ORDINALS = (
    "first:1st third:3rd fourth:4th fifth:5th sixth:6th seventh:7th eighth:8th ninth:9th tenth:10th "
    "eleventh:11th twelfth:12th thirteenth:13th fourteenth:14th fifteenth:15th sixteenth:16th "
    "seventeenth:17th eighteenth:18th nineteenth:19th twentieth:20th"
)
NUMBER_WORDS = {
    **{word: str(value) for value, word in enumerate(_TO_NINETEEN.split()) if word != "one"},
    **{word: str(10 * value) for value, word in enumerate(_TENS.split(), start=2)},
    **dict(pair.split(":") for pair in _ORDINALS.split()),
}
# figures written one way however the text writes them: '9:00 AM' as '9am', '20 percent' as '20%',
# '49 USD' as '49' (as '$49' reads), '1k' as '1000', 'v2.5' as '2.5', '2024-03-03' as 'March 3, 2024';
# a slash date goes through ISO: '25/03/2024' day first, '03/04/2024' month first (the US reading,
# which a text that writes all its dates one way meets either way)
FIGURE_FORMS: tuple[tuple[str, str], ...] = tuple(
    (ascii_bounded(pattern), replacement)
    for pattern, replacement in (
        (r"(?i)(\d)(?::00)?\s*([ap])\.?m\b\.?", "${1}${2}m"),
        (r"(?i)(\d)\s*(?:percent|per cent)\b", "${1}%"),
        (r"(?i)(\d)\s*(?:usd|eur|gbp|dollars?|euros?)\b", "${1}"),
        (r"(?i)\b(\d+)k\b", "${1}000"),
        (r"(?i)\bv(\d)", "${1}"),
        (r"\b(1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])/(\d{4})\b", "${3}-${2}-${1}"),
        (r"\b(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/(\d{4})\b", "${3}-${1}-${2}"),
        *(
            (rf"\b(\d{{4}})-0?{month}-0?(\d{{1,2}})\b", f"{name} ${{2}}, ${{1}}")
            for month, name in enumerate(calendar.month_name[1:], 1)
        ),
    )
)
HAS_FIGURE_FORM = "|".join(f"(?:{pattern})" for pattern, _ in FIGURE_FORMS)
PAIR_MIX = 0x9E3779B97F4A7C15  # an odd 64-bit constant (the golden ratio's), multiplied with wrapping
UNITS_SCHEMA = {"words": pl.List(pl.String), "pairs": pl.List(pl.UInt64)}


def units(batch: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per row of `column`: its content `words` in order and hashes of its within-clause word `pairs`.

    Pairs are only ever compared, never shown, so a 64-bit hash stands for each. Both are
    empty lists where the text is null or has no content word.
    """
    return derived(batch, ("units", column), lambda b: _units(_tokens_for_units(b, column), b.height))


def classified_tokens(batch: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per token of `column`, in order: its `row`, text `t`, clause `break` flag, content-word form
    `w` and that form's hash `wh`. Inside `sharing()` the output's are built once, for its units
    and its unsupported spans alike."""
    return derived(batch, ("tokens", column), lambda b: _classify(tokens(b.get_column(column))))


def _tokens_for_units(batch: pl.DataFrame, column: str) -> pl.DataFrame:
    # only the answer's tokens are kept: spans are read in it alone, and the context's would hold
    # twice the memory
    return classified_tokens(batch, column) if column == "output" else _classify(tokens(batch[column]))


def words_and_parts(batch: pl.DataFrame, column: str) -> pl.Series:
    """Per row, the content words of `column` and the parts of its dotted ones ('json.parse' also
    as 'json' and 'parse'): what a text covers, so that an answer's `JSON.parse` meets a
    question's 'parse'."""
    return derived(batch, ("parts", column), lambda b: _words_and_parts(b, column))


def _words_and_parts(batch: pl.DataFrame, column: str) -> pl.Series:
    words = pl.DataFrame({"w": units(batch, column)["words"]})
    part = pl.element().filter(pl.element().str.contains(".", literal=True)).str.split(".").explode()
    dotted = batch.select(pl.col(column).str.contains(DOTTED))
    with_parts = on_rows(
        words,
        pl.lit(dotted.to_series()),
        lambda rows: rows.select(pl.concat_list("w", pl.col("w").list.eval(part))),
    )
    return with_parts.to_series().fill_null(words.to_series()).alias("words")


def figures(batch: pl.DataFrame, column: str) -> pl.Series:
    """Per row, the content-word forms of the tokens of `column` written in digits: '30' of '30 days'
    but not of 'thirty days', since a count spelled out ("two different films") is more often read
    off the text than a figure changed."""
    return derived(batch, ("figures", column), lambda b: _figures(classified_tokens(b, column), b.height))


def _figures(tokens: pl.DataFrame, rows: int) -> pl.Series:
    written = tokens.filter(pl.col("t").str.contains(r"^\d")).group_by("row", maintain_order=True).agg("w")
    return on_every_row(written, rows)["w"].fill_null([])


def names(batch: pl.DataFrame, column: str) -> pl.Series:
    """Per row, the content-word forms of the capitalised words that do not start a sentence or line."""
    return derived(batch, ("names", column), lambda b: _names(b.get_column(column)))


def _units(items: pl.DataFrame, rows: int) -> pl.DataFrame:
    next_in_clause = (pl.col("row") == pl.col("row").shift(-1)) & (
        pl.col("clause") == pl.col("clause").shift(-1)
    )
    words = (
        items.with_columns(pl.col("break").fill_null(False).cum_sum().alias("clause"))
        .filter(pl.col("w").is_not_null())
        .with_columns(
            pl.when(next_in_clause).then(pair_hash(pl.col("wh"), pl.col("wh").shift(-1))).alias("p")
        )
        .group_by("row", maintain_order=True)
        .agg(pl.col("w").alias("words"), pl.col("p").drop_nulls().alias("pairs"))
    )
    # rows without any content word were filtered out above: put them back, empty
    return on_every_row(words, rows).select(
        pl.col(name).fill_null(pl.lit([], dtype)) for name, dtype in UNITS_SCHEMA.items()
    )


def _classify(items: pl.DataFrame) -> pl.DataFrame:
    """`tokens` rows with each token's clause `break` flag, content-word form `w` (null for stopwords
    and breaks) and that form's 64-bit hash `wh`."""
    # each distinct token is classified once: far fewer distinct tokens than tokens in a batch;
    # tokens meet their class by a 64-bit hash, a cheaper join key than the string
    vocabulary = (
        items.select(pl.col("t").unique().drop_nulls())
        .with_columns(
            pl.col("t").hash().alias("h"),
            is_break(pl.col("t")).alias("break"),
            content_word(pl.col("t")).alias("w"),
        )
        .with_columns(pl.when(pl.col("w").is_not_null()).then(pl.col("w").hash()).alias("wh"))
        .drop("t")
    )
    keys = items.with_columns(pl.col("t").hash().alias("h"))
    return keys.join(vocabulary, on="h", how="left", maintain_order="left").drop("h")


def tokens(text: pl.Series) -> pl.DataFrame:
    """One row per normalised token or clause break of each text, in order, with the text's `row`."""
    return (
        pl.DataFrame(
            {"t": calculations_parted(_sentences_spaced(figures_alike(text.str.slice(0, MAX_CHARS))))}
        )
        .select(normalised(pl.col("t")).str.extract_all(f"{WORD}|{BREAK}"))
        .with_row_index("row")
        .explode("t")
    )


def pair_hash(first: pl.Expr, second: pl.Expr) -> pl.Expr:
    """The 64-bit hash of an ordered word pair from its words' 64-bit hashes: (a, b) and (b, a) differ."""
    return first ^ (second * PAIR_MIX + 1)


def figures_alike(text: pl.Series) -> pl.Series:
    """The texts with their figures written one way (`FIGURE_FORMS`): '9:00 AM' meets '9am'."""
    return _rewritten(text, HAS_FIGURE_FORM, FIGURE_FORMS)


def _sentences_spaced(text: pl.Series) -> pl.Series:
    return _rewritten(text, r"[.!?]\p{Lu}", ((GLUED_SENTENCE, "$1 $2"), (GLUED_AFTER_OTHER, "$1 $2")))


def calculations_parted(text: pl.Series) -> pl.Series:
    """The texts with a clause break before and after each written-out calculation."""
    return _rewritten(text, "=", ((CALCULATION, "; $1 ;"),), literal=True)


def _rewritten(
    text: pl.Series, holds: str, rewrites: Sequence[tuple[str, str]], *, literal: bool = False
) -> pl.Series:
    """`text` with the (pattern, replacement) `rewrites` applied in order on the rows that contain
    `holds`: the cheap test rules out most rows before the capturing replacements run."""
    held = text.str.contains(holds, literal=literal).fill_null(False)
    if not held.any():
        return text
    rewritten = text.filter(held)
    for pattern, replacement in rewrites:
        rewritten = rewritten.str.replace_all(pattern, replacement)
    return text.clone().scatter(held.arg_true(), rewritten)


def is_break(token: pl.Expr) -> pl.Expr:
    """Whether a token of `tokens` is a clause break rather than a word."""
    return token.str.contains(f"^{BREAK}")


def content_word(token: pl.Expr) -> pl.Expr:
    """A token's content-word form: possessive and plural -s dropped, a number word as digits
    ('thirty' -> '30'); null for stopwords and breaks."""
    word = token.str.strip_suffix("'s")
    form = stemmed(word).replace(NUMBER_WORDS)
    return pl.when(word.str.contains(r"^[\p{L}\p{N}]") & ~word.is_in(STOPWORDS)).then(form)


def stemmed(word: pl.Expr) -> pl.Expr:
    """A lowercase word with a plural -s dropped ('films' -> 'film'; 'bus', 'class', 'gas' stay)."""
    return pl.when(word.str.contains(PLURAL)).then(word.str.head(-1)).otherwise(word)


def _names(text: pl.Series) -> pl.Series:
    capitalised = r"[\p{L}\p{N},;:)] +\p{Lu}[\p{L}\p{N}]*(?:['’.][\p{L}\p{N}]+)*"
    inner = text.str.slice(0, MAX_CHARS).str.extract_all(capitalised)
    # each distinct match is turned into its word form once
    distinct = inner.explode().unique().drop_nulls()
    forms = pl.select(
        stemmed(normalised(pl.lit(distinct).str.replace(r"^.*? +", "")).str.strip_suffix("'s"))
    ).to_series()
    return inner.list.eval(pl.element().replace_strict(distinct, forms)).fill_null([])

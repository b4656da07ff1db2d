"""A small offline language detector: writing system first, then stopword counts for Latin script."""

from __future__ import annotations

import polars as pl

from llmqa.evaluators.base import on_rows
from llmqa.regex import any_of

SCRIPTS: dict[str, str] = {
    "ru": r"\p{Cyrillic}", "el": r"\p{Greek}", "he": r"\p{Hebrew}", "ar": r"\p{Arabic}",
    "hi": r"\p{Devanagari}", "ko": r"\p{Hangul}", "zh": r"\p{Han}",
    "ja": r"[\p{Hiragana}\p{Katakana}\p{Han}]", "th": r"\p{Thai}",
}  # fmt: skip
STOPWORDS: dict[str, str] = {
    "en": "the and is are was of to in that it you for with this have not be what how",
    "es": "el la los las que de y es en por para una con del se como pero más está mi cómo puedo",
    "fr": "le la les des est et que une pour dans pas qui sur avec vous ce sont il du de je mon ne",
    "de": "der die das und ist nicht ein eine zu mit den sich auf für ich sie wie auch mein kann",
    "it": "il lo gli che di è per una sono non con della del mio come anche questo ma nel posso",
    "pt": "o os que de e é em um uma para com não por mais como são você está do da minha posso",
    "nl": "de het een en is van dat niet op te zijn met voor ik je wat er ook hoe kan mijn",
}
LANGUAGES: tuple[str, ...] = (*SCRIPTS, *STOPWORDS)


# every stopword packed into one integer: 8 bits per language (bit field i counts language i), so
# summing a text's codes counts its stopwords of every language at once (a sample has < 256 words)
_FIELD = 8
STOPWORD_CODES: dict[str, int] = {
    word: sum(1 << (_FIELD * i) for i, code in enumerate(STOPWORDS) if word in STOPWORDS[code].split())
    for word in sorted({*" ".join(STOPWORDS.values()).split()})
}
STOPWORD_PATTERN = r"\b(?:" + "|".join(STOPWORD_CODES) + r")\b"


def detect_language(texts: pl.Series, *, min_hits: int = 2, sample_chars: int = 200) -> pl.Series:
    """ISO 639-1 code of the most likely language of each text, null when too little evidence.

    A non-Latin script wins when it is over a third of the letters (Japanese counts kana and
    Han, so any kana tips Han text to Japanese); otherwise the Latin-script language with most
    stopwords, needing `min_hits` of them and a clear lead. Only the first `sample_chars`
    characters are read, and letters are counted per script only in texts that have a
    non-Latin one.
    """
    frame = pl.DataFrame({"t": texts.str.slice(0, sample_chars)})
    text = pl.col("t")
    scripts = on_rows(
        frame,
        text.str.contains(any_of(SCRIPTS)),
        lambda rows: rows.select(
            text.str.count_matches(r"\p{L}").alias("_letters"),
            *[text.str.count_matches(p).alias(code) for code, p in SCRIPTS.items()],
        ),
    )
    counts = pl.concat([scripts.fill_null(0), stopword_counts(frame)], how="horizontal").lazy()
    script, script_count = _best(list(SCRIPTS))
    language, top = _best(list(STOPWORDS))
    counts = counts.with_columns(
        script.alias("_script"),
        script_count.alias("_sc"),
        language.alias("_lang"),
        top.alias("_top"),
    )
    runner_up = pl.max_horizontal(
        [pl.when(pl.col("_lang") != code).then(pl.col(code)).otherwise(0) for code in STOPWORDS]
    )
    detected = (
        pl.when(pl.col("_sc") > pl.col("_letters") / 3).then(pl.col("_script"))
        .when((pl.col("_top") >= min_hits) & (pl.col("_top") >= 1.5 * runner_up)).then(pl.col("_lang"))
    )  # fmt: skip
    return counts.select(detected.alias(texts.name)).collect().to_series()


def stopword_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """Per row of `frame`'s text column `t`, how many of its words are stopwords of each language."""
    # a whole word (\w run) that is a stopword is matched directly: the other words are never
    # cut out of the text, cheaper than splitting it into every word
    codes = (
        pl.col("t")
        .str.to_lowercase()
        .str.extract_all(STOPWORD_PATTERN)
        .list.eval(pl.element().replace_strict(STOPWORD_CODES, return_dtype=pl.Int64))
        .list.sum()
    )
    packed = frame.select(codes.fill_null(0).alias("packed"))
    return packed.select(
        (pl.col("packed") // (1 << (_FIELD * i)) % (1 << _FIELD)).alias(code)
        for i, code in enumerate(STOPWORDS)
    )


def _best(codes: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """The first of `codes` whose column has the highest count, and that count."""
    top = pl.max_horizontal(codes)
    return pl.coalesce([pl.when(pl.col(code) == top).then(pl.lit(code)) for code in codes]), top

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
    "en": "the and is are was were of to in that it you for with this have has not be what how my your "
    "can do does will would should could from about which there they we he she his her their our at by "
    "on an or if been into than them",
    "es": "el la los las que de y es en por para una con del se como pero más está mi cómo puedo al lo su "
    "sus este esta esto hay qué cuál cuando dónde donde muy también porque sobre entre tiene hacer ya yo "
    "fue nos les son ser han sin",
    "fr": "le la les des est et que une pour dans pas qui sur avec vous ce sont il du de je mon ne au aux "
    "en où nous leur elle ils être peut quel quelle pourquoi tout cette ces mais ou plus comme sans",
    "de": "der die das und ist nicht ein eine zu mit den sich auf für ich sie wie auch mein kann dem im von "
    "wir er sind wird werden hat haben bei aus nach oder aber wenn wo warum welche noch nur sehr dass "
    "einen einem einer kein keine über diese dieser gibt man ohne",
    "it": "il lo gli che di per una sono non con della del mio come anche questo ma nel posso alla alle "
    "dei delle degli ci ho hanno essere cosa quale dove perché più molto sempre tutto questa quello "
    "quella suo sua io noi voi loro nella uno fare può",
    "pt": "o os que de e em um uma para com não por mais como são você está do da minha posso no na nas "
    "dos ao aos seu seus ele ela eles isso isto foi ter tem muito também onde porque quais há já eu "
    "meu pelo pela ou sem",
    "nl": "de het een en is van dat niet op te zijn met voor ik je wat er ook hoe kan mijn aan bij door naar "
    "maar uit nog wel geen wordt worden werd heeft hebben wij jij hun hij zij ze deze dit waar waarom "
    "welke moet kunnen",
}
# letters that each language writes and some of the others do not (Italian "è" and Portuguese
# "é" count as letters, not as words)
LETTERS: dict[str, str] = {
    "en": "", "es": "ñ¿¡áíóú", "fr": "œçèêëîïûùâ", "de": "ßäöü", "it": "òìèàù", "pt": "ãõçêâôáíóú", "nl": "",
}  # fmt: skip
# evidence of a Latin-script language the detector does not know, so that such a text is not
# called Spanish or German: letters none of the seven writes (each counts twice: "wersję do" is
# Polish, not Portuguese), and function words of Catalan, Hungarian, Polish, Czech, Romanian,
# Turkish and the Nordic languages
FOREIGN_LETTERS = "ąćęłńśźżčďěňřšťůğışőűåøæățș·"
FOREIGN_WORDS = (
    "amb els dels als més fins seva són això cal heu teniu aquest aquesta però pel és "  # ca
    "az hogy nem egy meg vagy jest się nie że jak dla oraz jsou pro jako není "  # hu, pl, cs
    "și nu pentru sunt acest ve bir bu için ile olarak değil "  # ro, tr
    "och att är som för inte og ikke af til"  # sv, da, no
)
LANGUAGES: tuple[str, ...] = (*SCRIPTS, *STOPWORDS)


# every stopword and letter packed into one 128-bit integer of 8-bit fields: field i counts the
# stopwords of language i, field `_FOREIGN` the foreign evidence, field `_LETTERS` + i the
# letters of language i; summing a text's codes counts all its evidence at once (a 200-character
# sample has < 256 words and letters)
_FIELD = 8
_FOREIGN = len(STOPWORDS)
_LETTERS = _FOREIGN + 1
STOPWORD_CODES: dict[str, int] = {
    word: sum(1 << (_FIELD * i) for i, code in enumerate(STOPWORDS) if word in STOPWORDS[code].split())
    for word in sorted({*" ".join(STOPWORDS.values()).split()})
} | {word: 1 << (_FIELD * _FOREIGN) for word in FOREIGN_WORDS.split()}
LETTER_CODES: dict[str, int] = {
    letter: sum(1 << (_FIELD * (_LETTERS + i)) for i, code in enumerate(STOPWORDS) if letter in LETTERS[code])
    for letter in sorted({*"".join(LETTERS.values())})
} | {letter: 2 << (_FIELD * _FOREIGN) for letter in FOREIGN_LETTERS}
# a stopword whole, else a telling letter inside any other word
STOPWORD_PATTERN = r"\b(?:" + "|".join(STOPWORD_CODES) + r")\b|[" + "".join(LETTER_CODES) + "]"


def detect_language(texts: pl.Series, *, min_hits: int = 2, sample_chars: int = 200) -> pl.Series:
    """ISO 639-1 code of the most likely language of each text, null when too little evidence.

    A non-Latin script wins when it is over a third of the letters (Japanese counts kana and
    Han, so any kana tips Han text to Japanese); otherwise the Latin-script language with most
    evidence (stopwords, and letters such as "ß" or "ã" in other words), needing one stopword
    at least, `min_hits` in all, a clear lead, and more than the text's evidence of a language
    the detector does not know. Only the first `sample_chars` characters are read, and letters
    are counted per script only in texts that have a non-Latin one.
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
        pl.coalesce(pl.when(language == code).then(pl.col(f"{code}_words")) for code in STOPWORDS).alias(
            "_words"
        ),
    )
    runner_up = pl.max_horizontal(
        [pl.when(pl.col("_lang") != code).then(pl.col(code)).otherwise(0) for code in STOPWORDS]
    )
    detected = (
        pl.when(pl.col("_sc") > pl.col("_letters") / 3).then(pl.col("_script"))
        .when(pl.col("foreign") >= pl.col("_top")).then(None)
        .when(
            (pl.col("_words") >= 1) & (pl.col("_top") >= min_hits) & (pl.col("_top") >= 1.5 * runner_up)
        ).then(pl.col("_lang"))
    )  # fmt: skip
    return counts.select(detected.alias(texts.name)).collect().to_series()


def stopword_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """Per row of `frame`'s text column `t`, its evidence for each language: its stopwords
    (`<code>_words`), those and the telling letters of its other words (`<code>`), and its
    `foreign` letters and words."""
    # a whole word (\w run) that is a stopword is matched directly: the other words are never
    # cut out of the text, cheaper than splitting it into every word
    codes = STOPWORD_CODES | LETTER_CODES
    packed = (
        pl.col("t")
        .str.to_lowercase()
        .str.extract_all(STOPWORD_PATTERN)
        .list.eval(
            pl.element().replace_strict(
                pl.Series(list(codes)), pl.Series(list(codes.values()), dtype=pl.Int128), default=0
            )
        )
        .list.sum()
    )
    sums = frame.select(packed.fill_null(0).alias("packed"))

    def field(i: int) -> pl.Expr:
        return (pl.col("packed") // (1 << (_FIELD * i)) % (1 << _FIELD)).cast(pl.Int64)

    return sums.select(
        *[(field(i) + field(_LETTERS + i)).alias(code) for i, code in enumerate(STOPWORDS)],
        *[field(i).alias(f"{code}_words") for i, code in enumerate(STOPWORDS)],
        field(_FOREIGN).alias("foreign"),
    )


def _best(codes: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """The first of `codes` whose column has the highest count, and that count."""
    top = pl.max_horizontal(codes)
    return pl.coalesce([pl.when(pl.col(code) == top).then(pl.lit(code)) for code in codes]), top

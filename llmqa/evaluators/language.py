"""A small offline language detector: writing system first, then stopword counts for Latin script."""

from __future__ import annotations

import polars as pl

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


def detect_language(text: pl.Expr, *, min_hits: int = 2) -> pl.Expr:
    """ISO 639-1 code of the most likely language of each text, null when too little evidence.

    A non-Latin script wins when it is over a third of the letters (Japanese counts kana and
    Han, so any kana tips Han text to Japanese); otherwise the Latin-script language with most stopwords, needing
    `min_hits` of them and a clear lead.
    """
    letters = text.str.count_matches(r"\p{L}")
    counts = [text.str.count_matches(pattern) for pattern in SCRIPTS.values()]
    lower = text.str.to_lowercase()
    counts += [lower.str.count_matches(r"\b(?:" + words.replace(" ", "|") + r")\b") for words in STOPWORDS.values()]
    scores = pl.concat_list([c.cast(pl.Float64) for c in counts])
    script_share = scores.list.head(len(SCRIPTS)).list.max() / letters
    best = scores.list.slice(len(SCRIPTS)).list.arg_max() + len(SCRIPTS)
    top = scores.list.slice(len(SCRIPTS)).list.sort(descending=True)
    script_best = scores.list.head(len(SCRIPTS)).list.arg_max()
    code = pl.lit(list(LANGUAGES), pl.List(pl.String))
    return (
        pl.when(script_share > 1 / 3).then(code.list.get(script_best))
        .when((top.list.get(0) >= min_hits) & (top.list.get(0) >= 1.5 * top.list.get(1)))
        .then(code.list.get(best))
    )  # fmt: skip

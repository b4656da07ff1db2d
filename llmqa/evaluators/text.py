"""Shared text vocabulary and expressions: stopwords, negations, the token pattern, normalisation."""

from __future__ import annotations

import polars as pl

from llmqa.evaluators.language import STOPWORDS as FUNCTION_WORDS
from llmqa.regex import ascii_bounded

ENGLISH_STOPWORDS: tuple[str, ...] = (
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was",
    "were", "be", "been", "being", "am", "it", "its", "this", "that", "these", "those", "you",
    "your", "we", "our", "us", "can", "will", "would", "should", "could", "may", "might", "must",
    "shall", "has", "have", "had", "do", "does", "did", "at", "by", "from", "as", "if", "so",
    "but", "also", "there", "their", "they", "i", "me", "my", "he", "she", "him", "his", "her",
    "them", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "than",
    "then", "into", "about", "any", "all", "per", "up", "out", "both", "each", "such", "just",
    "very", "here", "over", "only", "own", "same", "some", "too", "yes", "s", "i'm", "i've",
    "i'll", "i'd", "it's", "that's", "there's", "you're", "we're", "they're", "let's",
    "you'll", "you've", "you'd", "we'll", "we've", "we'd", "they'll", "they've", "they'd", "he'll",
    "she'll", "he'd", "she'd", "it'll", "that'll",
)  # fmt: skip
# the other languages' function words, so that a Spanish answer's "pero" or "para" is no claim of
# its own, but not those that are English words ("die", "son") or parts of names in English text
# ("Los Angeles", "Leonardo da Vinci"): an answer naming "Las Vegas" beside a context on
# "Los Angeles" still differs
CONTENT_IN_ENGLISH = (
    "al com come den die door dove fare hat hay hoe hun man met mit no non os pas plus pour pro sans "
    "sin son sur tout um uno van eu la lo ma mi ne e o et er "
    "da das de del della der di do dos du el le les los las von su wo ho y"
)
# more of their function words than language detection needs (it wants telling ones)
MORE_FUNCTION_WORDS = (
    "además pues cada ti tu aquí allí así ahora sólo todos toda todas otro otra otros otras mismo misma "
    "hasta desde hacia según durante mediante bajo tras cual cuales quien quienes aunque sino mientras "
    "entonces luego "  # es
    "aussi donc alors ainsi chaque très tous toute toutes autre autres même depuis vers chez selon sous "
    "lui moi toi cela ceci dont lorsque quand "  # fr
    "dann doch jede jeder jedes alle andere anderen selbst seit zwischen während gegen unter durch dabei "
    "dafür damit hier dort jetzt immer ihm ihn ihr ihre ihren unser unsere euch uns zum zur vom beim "  # de
    "outros outras mesma até após aqui agora lhe nós quem qual cujo então depois "  # pt
    "ogni tutti tutte altro altra altri stesso stessa fino verso tra fra sotto dopo qui qua ora già "
    "quindi allora però mentre"  # it
)
STOPWORDS: tuple[str, ...] = (
    *ENGLISH_STOPWORDS,
    *sorted(
        {word for code, words in FUNCTION_WORDS.items() if code != "en" for word in words.split()}.union(
            MORE_FUNCTION_WORDS.split()
        ).difference(CONTENT_IN_ENGLISH.split(), ENGLISH_STOPWORDS)
    ),
)
NEGATIONS: tuple[str, ...] = (
    "no", "not", "never", "none", "nothing", "nobody", "neither", "nor", "cannot", "without",
)  # fmt: skip

_FOLDS = {
    "can't": "cannot", "can’t": "cannot", "won't": "will not", "won’t": "will not",
    "n't": " not", "n’t": " not", "’": "'",
    "\\n": " ", "\\r": " ", "\\t": " ", "\\u": " ", '\\"': " ",
}  # fmt: skip
TOKEN = r"[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*"


def normalised(text: pl.Expr) -> pl.Expr:
    """Lowercase text with ’ as ', JSON escapes blanked, n't and thousands separators folded (1,200 -> 1200)."""
    return (
        text.str.to_lowercase()
        .str.replace_many(_FOLDS, leftmost=True)
        .str.replace_all(ascii_bounded(r"(\d),(\d{3})\b"), "${1}${2}")
    )


def apostrophes_folded(text: pl.Expr) -> pl.Expr:
    """The text with typographic apostrophes (’) as ASCII ones, so that one phrase pattern reads both."""
    return text.str.replace_all("’", "'", literal=True)


def sentences_with(text: pl.Expr, phrases: str) -> pl.Expr:
    """Per text, the list of its sentences (up to . ! ? or a line break) that hold one of `phrases`."""
    return apostrophes_folded(text).str.extract_all(rf"(?i)[^.!?\n]*(?:{phrases})[^.!?\n]*")

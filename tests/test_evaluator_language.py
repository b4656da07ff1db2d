"""`language.stopword_counts`: per text, how many of its words are stopwords of each language.

The specification is a per-row reading in plain Python: split the lowercase text into its
`\\w+` words and look each one up in every language's stopword list.
"""

from __future__ import annotations

import polars as pl
import regex

from llmqa.evaluators.language import STOPWORDS, stopword_counts

TEXTS = [
    None,
    "",
    "What is the capital of France, and how is it governed?",
    "¿Cómo puedo cambiar mi contraseña? Es para una cuenta de la empresa, pero no sé más.",
    "Je ne sais pas où est le livre de mon frère; il est dans la maison avec vous?",
    "Ich kann nicht sagen, wie das Wetter morgen in Berlin ist, aber es ist auch mein Problem.",
    "Il gatto è sul tavolo della cucina, ma non posso dire come anche questo sia successo.",
    "Você está em casa? Não, eu estou no trabalho com a minha equipe para mais uma reunião.",
    "Ik weet niet wat er met mijn fiets is gebeurd, maar het is ook niet erg.",
    "Москва — столица России. 東京は日本の首都です。The end, de la fin; del_mar the_end dell'arte l'è.",
    "THE AND IS ARE, la-la-land de/del/della 3de 2 the2 ÉS Ès È è.",
]


def spec_counts(text: str | None) -> dict[str, int]:
    """Stopwords of each language among the `\\w+` words of an already lowercase text."""
    words = regex.findall(r"\w+", text or "")
    return {code: sum(w in STOPWORDS[code].split() for w in words) for code in STOPWORDS}


def test_counts_agree_with_the_per_row_reading_on_every_text():
    frame = pl.DataFrame({"t": TEXTS}, schema={"t": pl.String})
    lowercase = frame["t"].str.to_lowercase().to_list()
    assert stopword_counts(frame).to_dicts() == [spec_counts(text) for text in lowercase]

"""`language`: per text, its evidence for each language, and the language that evidence calls.

The specification is a per-row reading in plain Python: split the lowercase text into its
`\\w+` words; a word that is a stopword (or a foreign function word) counts for its languages,
and every telling letter of the rest of the text (other words, "¿") counts for its languages; a
letter no known language writes counts twice as foreign evidence.
"""

from __future__ import annotations

import polars as pl
import pytest
import regex

from llmqa.evaluators.language import (
    FOREIGN_LETTERS,
    FOREIGN_WORDS,
    LETTERS,
    STOPWORDS,
    detect_language,
    stopword_counts,
)

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
    "Herr Müller grüßt überall für Grüße; überall ÜBER über.",
    "Siparişim henüz gelmedi ve bu hafta için değil; Col·lapsar el panell amb els detalls dels.",
]


def spec_counts(text: str | None) -> dict[str, int]:
    """Evidence per language (`<code>`: stopwords and letters, `<code>_words`: stopwords) and
    `foreign` evidence, among the `\\w+` words of an already lowercase text."""
    words = regex.findall(r"\w+", text or "")
    stop = {code: [w for w in words if w in STOPWORDS[code].split()] for code in STOPWORDS}
    listed = {*" ".join(STOPWORDS.values()).split(), *FOREIGN_WORDS.split()}
    others = regex.sub(r"\w+", lambda word: "" if word.group() in listed else word.group(), text or "")
    counts = {code: len(stop[code]) + sum(c in LETTERS[code] for c in others) for code in STOPWORDS}
    foreign = sum(w in FOREIGN_WORDS.split() for w in words) + 2 * sum(c in FOREIGN_LETTERS for c in others)
    return counts | {f"{code}_words": len(stop[code]) for code in STOPWORDS} | {"foreign": foreign}


def test_counts_agree_with_the_per_row_reading_on_every_text():
    frame = pl.DataFrame({"t": TEXTS}, schema={"t": pl.String})
    lowercase = frame["t"].str.to_lowercase().to_list()
    assert stopword_counts(frame).to_dicts() == [spec_counts(text) for text in lowercase]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quelle est la capitale de la France ?", "fr"),
        ("How do I reset my password?", "en"),
        ("Dove posso trovare il mio ordine?", "it"),
        ("Onde fica a minha encomenda?", "pt"),
        ("Waar is mijn bestelling?", "nl"),
        ("Meine Bestellung ist noch nicht angekommen.", "de"),
        ("¿Cuál es la capital de Francia?", "es"),
    ],
)
def test_a_short_question_is_called_by_its_function_words_and_letters(text, language):
    assert detect_language(pl.Series([text])).to_list() == [language]


@pytest.mark.parametrize(
    "text",
    [
        "Siparişim henüz gelmedi, bu hafta için değil.",  # Turkish: ü and ö would say German
        "Moje zamówienie jeszcze nie dotarło do mnie.",  # Polish
        "Min beställning har inte kommit än, och det är för sent.",  # Swedish
        "A következő változó törlésére készül, hogy nem.",  # Hungarian
    ],
)
def test_a_language_the_detector_does_not_know_is_not_called_one_it_knows(text):
    assert detect_language(pl.Series([text])).to_list() == [None]


def test_telling_letters_alone_call_no_language():
    assert detect_language(pl.Series(["Grüße Müller Köln Düsseldorf"])).to_list() == [None]

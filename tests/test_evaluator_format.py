"""JSON validity and schema, required/forbidden patterns, length limits, language match."""

from __future__ import annotations

import polars as pl
import pytest
from evaluator_helpers import reasons, scores, traces

from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch

SCHEMA = {"type": "object", "required": ["name", "age"], "properties": {"age": {"type": "integer"}}}


def test_json_valid_accepts_json_and_a_fenced_block_but_not_prose():
    batch = traces(output=['{"a": 1}', '```json\n{"a": 1}\n```', "Here you go: {a: 1}", None])
    assert scores("json_valid", batch) == [1.0, 1.0, 0.0, None]


def test_json_valid_checks_the_schema_and_says_where_it_fails():
    batch = traces(output=['{"name": "Ann", "age": 41}', '{"name": "Ann", "age": "41"}'])
    assert scores("json_valid", batch, json_schema=SCHEMA) == [1.0, 0.0]
    assert "age" in reasons("json_valid", batch, json_schema=SCHEMA)[1]


def test_pattern_scores_the_share_of_rules_met():
    batch = traces(output=["Ticket #123 closed. Regards", "No ticket here, and I promise a refund"])
    rules = {"required": [r"#\d+", "Regards"], "forbidden": ["(?i)promise"]}
    assert scores("pattern", batch, **rules) == [1.0, 0.0]
    assert "forbidden" in reasons("pattern", batch, **rules)[1]


def test_length_scores_the_ratio_to_the_violated_bound():
    batch = traces(output=["one two three four", "x" * 200])
    assert scores("length", batch, max_words=2) == [0.5, 1.0]
    assert scores("length", batch, max_chars=100)[1] == 0.5


def test_length_leaves_a_blank_answer_to_empty_output():
    batch = traces(output=["", "   "])
    assert scores("length", batch, min_words=3) == [None, None]
    assert reasons("length", batch) == ["the answer is blank (see empty_output)"] * 2


def test_length_scores_a_blank_answer_where_empty_output_does_not_run():
    blank = traces(trace_id=["t1"], prompt_version=["v1"], model=["m"], output=[""])
    length = {"length": {"options": {"min_words": 3}}}
    alone = evaluate_batch(blank, AppConfig(evaluators=length))
    beside_owner = evaluate_batch(blank, AppConfig(evaluators={**length, "empty_output": {}}))
    assert alone["score"].to_list() == [0.0]
    assert beside_owner.filter(pl.col("evaluator") == "length")["score"].to_list() == [None]


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        (
            "How do I reset my password in the app?",
            "Open the settings and choose the reset option for the password.",
            1.0,
        ),
        (
            "¿Cómo puedo cambiar la contraseña de mi cuenta?",
            "Open the settings and choose the reset option for the password.",
            0.0,
        ),
        (
            "Wie kann ich das Passwort für mein Konto ändern?",
            "Öffnen Sie die Einstellungen und wählen Sie das Passwort aus.",
            1.0,
        ),
        ("Как изменить пароль?", "Откройте настройки и выберите пароль.", 1.0),
        ("パスワードを変更するにはどうすればいいですか", "如何更改我的密码", 0.0),
    ],
)
def test_language_match_compares_answer_and_question_languages(question, answer, expected):
    assert scores("language_match", traces(input=[question], output=[answer])) == [expected]


def test_language_match_is_null_when_a_text_is_too_short_to_tell_and_can_fix_the_expected_language():
    assert scores(
        "language_match",
        traces(input=["ok?"], output=["Open the settings and choose the password."]),
    ) == [None]
    batch = traces(input=["ok?"], output=["Open the settings and choose the password."])
    assert scores("language_match", batch, expected="fr") == [0.0]

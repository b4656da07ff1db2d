"""domain_classifier: text drift found by a classifier, and the new topic's terms named."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from llmqa.drift.domain_classifier import HASH_FEATURES, domain_classifier, hashed_char_ngrams
from llmqa.synthetic import App, Rates, Version, generate_traces

DAY = dt.date(2025, 3, 1)


def _inputs(seed: int, off_topic: float, traces: int = 3000) -> np.ndarray:
    """Questions to a support bot; `off_topic` of them about voice features it never covered."""
    app = App(
        "bot",
        "support",
        1.0,
        (Version("v1", {"gpt-4o-mini": 1.0}, rates=Rates(off_topic=off_topic)),),
    )
    frame = generate_traces(DAY, days=1, traces_per_day=traces, seed=seed, apps=(app,))
    return frame["input"].to_numpy()


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    return _inputs(seed=1, off_topic=0.0)


def test_a_new_topic_in_a_tenth_of_questions_is_drift(reference: np.ndarray) -> None:
    result = domain_classifier(reference, _inputs(seed=2, off_topic=0.1), 0.04)
    assert result.drifted
    assert result.statistic > result.detail["permutation_auc_95"]
    assert result.p_value is not None and result.p_value < 1e-6


def test_the_new_topic_is_named_by_its_terms(reference: np.ndarray) -> None:
    result = domain_classifier(reference, _inputs(seed=2, off_topic=0.1), 0.04)
    assert "voice" in result.detail["terms_up"]


def test_more_of_the_same_questions_is_not_drift(reference: np.ndarray) -> None:
    result = domain_classifier(reference, _inputs(seed=3, off_topic=0.0), 0.04)
    assert not result.drifted
    assert result.effect_size < 0.04


def test_too_few_texts_for_cross_validation_is_undefined() -> None:
    result = domain_classifier(np.array(["a", "b"], dtype=object), np.array(["c"] * 10, dtype=object), 0.04)
    assert result.p_value is None and not result.drifted


def test_character_ngrams_summed_over_words_are_the_vectorizers_own() -> None:
    from sklearn.feature_extraction.text import HashingVectorizer

    texts = ["Reset my PASSWORD, reset it now", "tabs\tand\nnew  lines", "", "a", "ΟΔΟΣ Straße"]
    vectorizer = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=HASH_FEATURES, alternate_sign=False
    )
    expected, found = vectorizer.transform(texts), hashed_char_ngrams(texts)
    assert (found.indptr.tolist(), found.indices.tolist(), found.data.tolist()) == (
        expected.indptr.tolist(),
        expected.indices.tolist(),
        expected.data.tolist(),
    )

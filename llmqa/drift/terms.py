"""The terms that most separate two sets of texts: log-odds of appearing in a document."""

from __future__ import annotations

from typing import Any

import numpy as np

TOP_TERMS = 10
MIN_DOCUMENTS = 3
MIN_Z = 3.0  # a term must separate the samples at least this clearly to be named


def separating_terms(reference: list[str], current: list[str]) -> dict[str, Any]:
    """Word 1-2-grams most over- (`terms_up`) and under-represented (`terms_down`) in current.

    Each term's z-score compares the log-odds that a document contains it in current against
    reference (with 0.5 added to every cell); only terms with |z| >= 3 are named.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(ngram_range=(1, 2), binary=True, stop_words="english", min_df=MIN_DOCUMENTS)
    try:
        matrix = vectorizer.fit_transform(reference + current).tocsc()
    except ValueError:  # no term appears in enough documents
        return {"terms_up": [], "terms_down": []}
    n_ref, n_cur = len(reference), len(current)
    in_ref = np.asarray(matrix[:n_ref].sum(axis=0)).ravel() + 0.5
    in_cur = np.asarray(matrix[n_ref:].sum(axis=0)).ravel() + 0.5
    out_ref, out_cur = n_ref + 1.0 - in_ref, n_cur + 1.0 - in_cur
    log_odds = np.log(in_cur / out_cur) - np.log(in_ref / out_ref)
    z = log_odds / np.sqrt(1 / in_cur + 1 / out_cur + 1 / in_ref + 1 / out_ref)
    names = vectorizer.get_feature_names_out()
    order = np.argsort(-z, kind="stable")
    return {
        "terms_up": [str(names[i]) for i in order[:TOP_TERMS] if z[i] >= MIN_Z],
        "terms_down": [str(names[i]) for i in order[::-1][:TOP_TERMS] if z[i] <= -MIN_Z],
    }

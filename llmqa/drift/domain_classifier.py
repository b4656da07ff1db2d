"""Text drift: can a classifier tell today's texts from the reference's?

A logistic regression (fitted by SGD, fast on sparse data) on hashed word 1-2-grams and
character 3-5-grams is scored by cross-validated ROC AUC. Null hypothesis: the texts are
exchangeable, so out-of-fold scores rank the two samples at random; the p-value is the
Mann-Whitney test on those scores (the limit of permuting the labels), and the threshold the
(1 - 0.05) quantile of 200 label permutations. The effect size is the Gini coefficient
2 * AUC - 1. When p < 0.05 the detail names the terms whose document frequency differs most
(log-odds z-scores), so a new topic is named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from llmqa.drift.base import STANDALONE_ALPHA, DriftResult, DriftTest, standalone, undefined
from llmqa.drift.terms import separating_terms

if TYPE_CHECKING:
    from scipy import sparse

FOLDS = 5
PERMUTATIONS = 200
SEED = 0
HASH_FEATURES = 2**17
EPOCHS = 8  # a fixed number of SGD passes: enough to rank, and a predictable cost


def hashed_char_ngrams(texts: list[str]) -> sparse.csr_matrix:
    """Hashed, L2-normalised character 3-5-grams within words, as HashingVectorizer's char_wb
    gives them, computed once per distinct word: a text's counts are the sum of its words'."""
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for row, text in enumerate(texts):
        for word in text.lower().split():  # char_wb's words: lowercased, split on whitespace
            rows.append(row)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
    words_in_texts = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(texts), len(vocabulary))
    )
    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=HASH_FEATURES,
        alternate_sign=False, lowercase=False, norm=None,
    )  # fmt: skip
    counts = (words_in_texts @ chars.transform(list(vocabulary))).tocsr()
    counts.sort_indices()
    return normalize(counts, copy=False)


def _out_of_fold_scores(texts: list[str], labels: np.ndarray) -> np.ndarray:
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    words = HashingVectorizer(ngram_range=(1, 2), n_features=HASH_FEATURES, alternate_sign=False)
    features = sparse.hstack([words.transform(texts), hashed_char_ngrams(texts)]).tocsr()
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    model = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=EPOCHS, tol=None, random_state=SEED)
    scores = cross_val_predict(model, features, labels, cv=folds, method="decision_function")
    return np.asarray(scores, dtype=np.float64)


def _permutation_threshold(ranks: np.ndarray, labels: np.ndarray) -> float:
    """The (1 - alpha) quantile of the AUC when the labels are shuffled over fixed scores."""
    rng = np.random.default_rng(SEED)
    n_pos = int(labels.sum())
    n_neg = labels.size - n_pos
    shuffled = np.array([rng.permutation(labels) for _ in range(PERMUTATIONS)], dtype=np.float64)
    aucs = (shuffled @ ranks - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    return float(np.quantile(aucs, 1 - STANDALONE_ALPHA))


def domain_classifier(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """Cross-validated AUC of reference-vs-current, its p-value, and the separating terms."""
    from scipy import stats

    ref = [str(t) for t in reference if t is not None]
    cur = [str(t) for t in current if t is not None]
    if min(len(ref), len(cur)) < FOLDS:
        return undefined(len(ref), len(cur))
    labels = np.r_[np.zeros(len(ref), dtype=np.int64), np.ones(len(cur), dtype=np.int64)]
    scores = _out_of_fold_scores(ref + cur, labels)
    test = stats.mannwhitneyu(scores[labels == 1], scores[labels == 0], alternative="greater")
    auc = float(test.statistic) / (len(ref) * len(cur))
    p_value = float(np.clip(test.pvalue, 0.0, 1.0))
    null_auc = _permutation_threshold(stats.rankdata(scores), labels)
    gini = 2 * auc - 1
    drifted = standalone(p_value, gini, max(threshold, 2 * null_auc - 1))
    detail = {"auc": auc, "permutation_auc_95": null_auc}
    if p_value < STANDALONE_ALPHA:  # naming terms costs a second pass: only when there is a signal
        detail |= separating_terms(ref, cur)
    return DriftResult(auc, p_value, gini, drifted, len(ref), len(cur), detail)


TEST = DriftTest(
    name="domain_classifier",
    kind="text",
    threshold=0.04,
    min_samples=100,
    compute=domain_classifier,
    summary="Classifier AUC between reference and current texts; names the separating terms.",
    learns=False,
)

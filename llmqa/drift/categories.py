"""What both categorical tests share: counts over the union of categories, and what moved most."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

TOP_CHANGES = 5


class CategoryCounts(NamedTuple):
    """Counts of each category (sorted by name) in the reference and the current sample."""

    categories: np.ndarray
    reference: np.ndarray
    current: np.ndarray


def count_categories(reference: np.ndarray, current: np.ndarray) -> CategoryCounts:
    """Count each category of either sample in both, as text (None counts as "None")."""
    ref = np.asarray(reference, dtype=str)
    cur = np.asarray(current, dtype=str)
    categories, codes = np.unique(np.concatenate([ref, cur]), return_inverse=True)
    size = categories.size
    return CategoryCounts(
        categories,
        np.bincount(codes[: ref.size], minlength=size),
        np.bincount(codes[ref.size :], minlength=size),
    )


def biggest_changes(counts: CategoryCounts) -> dict[str, Any]:
    """The categories whose share moved most, for a result's detail."""
    ref_share = counts.reference / max(int(counts.reference.sum()), 1)
    cur_share = counts.current / max(int(counts.current.sum()), 1)
    order = np.argsort(-np.abs(cur_share - ref_share), kind="stable")[:TOP_CHANGES]
    return {
        "shares": [
            {"category": str(counts.categories[i]), "reference": float(ref_share[i]),
             "current": float(cur_share[i])}
            for i in order
        ]
    }  # fmt: skip

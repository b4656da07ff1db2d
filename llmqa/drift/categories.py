"""What both categorical tests share: counts over the union of categories, and what moved most."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import polars as pl

TOP_CHANGES = 5


class CategoryCounts(NamedTuple):
    """Counts of each category (sorted by name) in the reference and the current sample."""

    categories: np.ndarray
    reference: np.ndarray
    current: np.ndarray


def count_categories(reference: np.ndarray, current: np.ndarray) -> CategoryCounts:
    """Count each category (a string; None counts as "None") of either sample in both."""
    sides = [
        pl.Series("category", np.asarray(sample).tolist(), pl.String)
        .fill_null("None")
        .value_counts(name=side)
        for side, sample in (("reference", reference), ("current", current))
    ]
    counts = (
        sides[0]
        .join(sides[1], on="category", how="full", coalesce=True)
        .fill_null(0)
        .cast({"reference": pl.Int64, "current": pl.Int64})
        .sort("category")
    )
    return CategoryCounts(
        counts["category"].to_numpy(), counts["reference"].to_numpy(), counts["current"].to_numpy()
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

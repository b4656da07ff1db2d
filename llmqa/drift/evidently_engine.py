"""Evidently as a second engine: its DataDriftPreset on the same numeric features.

Evidently is imported only when this engine is chosen. Its per-column score is a p-value for
p-value methods (which then join the day's Benjamini-Hochberg adjustment) and a distance
otherwise, compared with Evidently's own threshold.
"""

from __future__ import annotations

import warnings
from typing import Any

import polars as pl

from llmqa.drift.config import DriftConfig
from llmqa.drift.plan import Comparison

P_VALUE_METHODS = frozenset(
    {"ks", "chisquare", "z", "t_test", "mannw", "anderson", "cramer_von_mises", "g_test",
     "fisher_exact", "es", "empirical_mmd"}
)  # fmt: skip
MIN_ROWS = 2


def evidently_scores(
    reference: pl.DataFrame, current: pl.DataFrame, columns: list[str], method: str | None
) -> list[dict[str, Any]]:
    """Evidently's ValueDrift results per column: column, method, threshold and score."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # evidently touches numpy.core
        from evidently import DataDefinition, Dataset, Report
        from evidently.legacy.calculations.stattests.registry import _registered_stat_tests
        from evidently.presets import DataDriftPreset

    # A method Evidently chose itself is reported by display name ("K-S p_value"): map it back.
    names = {
        t.display_name: name for name, by_type in _registered_stat_tests.items() for t in by_type.values()
    }

    definition = DataDefinition(numerical_columns=columns)
    report = Report([DataDriftPreset(columns=columns, num_method=method)])
    snapshot = report.run(
        Dataset.from_pandas(current.select(columns).to_pandas(), data_definition=definition),
        Dataset.from_pandas(reference.select(columns).to_pandas(), data_definition=definition),
    )
    drifts = [m for m in snapshot.dict()["metrics"] if m["config"]["type"].endswith(":ValueDrift")]
    return [
        {"column": config["column"], "method": names.get(config["method"], config["method"]),
         "threshold": float(config["threshold"]), "score": float(m["value"])}
        for m in drifts
        for config in [m["config"]]
    ]  # fmt: skip


def evidently_rows(comparison: Comparison, features: list[str], config: DriftConfig) -> list[dict[str, Any]]:
    """Drift rows for the numeric `features` of a comparison, computed by Evidently."""
    reference = comparison.reference.select(features).cast(pl.Float64).fill_nan(None)
    current = comparison.current.select(features).cast(pl.Float64).fill_nan(None)
    n_ref = {f: reference[f].drop_nulls().len() for f in features}
    n_cur = {f: current[f].drop_nulls().len() for f in features}
    usable = [f for f in features if min(n_ref[f], n_cur[f]) >= MIN_ROWS]
    scores = evidently_scores(reference, current, usable, config.evidently_method) if usable else []
    rows = []
    for score in scores:
        is_p = score["method"] in P_VALUE_METHODS
        feature = score["column"]
        rows.append({
            "prompt_version": comparison.prompt_version, "comparison": comparison.name,
            "feature": feature, "test": f"evidently_{score['method']}",
            "statistic": score["score"], "p_value": score["score"] if is_p else None,
            "effect_size": None if is_p else score["score"], "low": None,
            "high": None if is_p else score["threshold"], "enough": True,
            "n_reference": n_ref[feature], "n_current": n_cur[feature],
            "detail": {"evidently_threshold": score["threshold"]},
        })  # fmt: skip
    return rows

"""Which comparisons an app-day gets: today against the reference, A/B, and new versions."""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

import polars as pl

from llmqa.drift.config import DriftConfig
from llmqa.drift.features import DAY, MODEL, VERSION

ALL = "*"
REFERENCE = "reference"


class Comparison(NamedTuple):
    """Two feature frames to test against each other, and how.

    `learn`: thresholds may be learned from the reference's days (it is a past window);
    `text`: text features are tested; `skip`: features that differ by construction.
    """

    prompt_version: str
    name: str
    reference: pl.DataFrame
    current: pl.DataFrame
    learn: bool
    text: bool
    skip: tuple[str, ...] = ()


def _versions(frame: pl.DataFrame) -> list[str]:
    return sorted(frame[VERSION].drop_nulls().unique().to_list())


def _where(column: str, frame: pl.DataFrame, value: str) -> pl.DataFrame:
    return frame.filter(pl.col(column) == value)


def predecessor(reference: pl.DataFrame, current_versions: list[str]) -> str | None:
    """The version a new one replaced: the last seen of those gone today, else the busiest."""
    seen = reference.group_by(VERSION).agg(pl.col(DAY).max().alias("last"), pl.len().alias("n"))
    retired = seen.filter(~pl.col(VERSION).is_in(current_versions))
    candidates = retired if retired.height else seen
    if not candidates.height:
        return None
    return str(candidates.sort(["last", "n", VERSION], descending=[True, True, False])[VERSION][0])


def plan_comparisons(current: pl.DataFrame, reference: pl.DataFrame, config: DriftConfig) -> list[Comparison]:
    """All comparisons for one app-day, app level first."""
    plans = [Comparison(ALL, REFERENCE, reference, current, learn=True, text=True)]
    today, before = _versions(current), _versions(reference)
    for version in today:
        cur = _where(VERSION, current, version)
        if version in before:
            plans.append(Comparison(version, REFERENCE, _where(VERSION, reference, version), cur,
                                    learn=True, text=config.text_per_version))  # fmt: skip
        else:
            old = predecessor(reference, today)
            if old is not None:
                plans.append(Comparison(version, f"replaces:{old}", _where(VERSION, reference, old), cur,
                                        learn=True, text=config.text_per_version))  # fmt: skip
    if config.ab:
        for a, b in combinations(today, 2):
            plans.append(Comparison(ALL, f"ab:{a}_vs_{b}", _where(VERSION, current, a),
                                    _where(VERSION, current, b), learn=False, text=False))  # fmt: skip
    if config.ab_models:
        for version in today:
            cur = _where(VERSION, current, version)
            for a, b in combinations(sorted(cur[MODEL].unique().to_list()), 2):
                plans.append(Comparison(version, f"ab_model:{a}_vs_{b}", _where(MODEL, cur, a),
                                        _where(MODEL, cur, b), learn=False, text=False,
                                        skip=("model",)))  # fmt: skip
    return plans

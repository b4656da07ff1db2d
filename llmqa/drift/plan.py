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


def _against_reference(
    current: pl.DataFrame, reference: pl.DataFrame, today: list[str], text: bool
) -> list[Comparison]:
    """Each version today against its own past, or a new one against the version it replaced."""
    plans = []
    before = _versions(reference)
    for version in today:
        cur = _where(VERSION, current, version)
        past = version if version in before else predecessor(reference, today)
        if past is not None:
            name = REFERENCE if past == version else f"replaces:{past}"
            ref = _where(VERSION, reference, past)
            plans.append(Comparison(version, name, ref, cur, learn=True, text=text))
    return plans


def _ab(frame: pl.DataFrame, column: str, prompt_version: str, prefix: str) -> list[Comparison]:
    """Each pair of values of `column` (versions or models) against each other, same day."""
    values = sorted(frame[column].drop_nulls().unique().to_list())
    skip = ("model",) if column == MODEL else ()
    return [
        Comparison(prompt_version, f"{prefix}:{a}_vs_{b}", _where(column, frame, a),
                   _where(column, frame, b), learn=False, text=False, skip=skip)
        for a, b in combinations(values, 2)
    ]  # fmt: skip


def plan_comparisons(current: pl.DataFrame, reference: pl.DataFrame, config: DriftConfig) -> list[Comparison]:
    """All comparisons for one app-day, app level first."""
    today = _versions(current)
    plans = [Comparison(ALL, REFERENCE, reference, current, learn=True, text=True)]
    plans += _against_reference(current, reference, today, config.text_per_version)
    if config.ab:
        plans += _ab(current, VERSION, ALL, "ab")
    if config.ab_models:
        for version in today:
            plans += _ab(_where(VERSION, current, version), MODEL, version, "ab_model")
    return plans

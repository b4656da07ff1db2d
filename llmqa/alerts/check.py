"""A rule judged on one prompt version of one day: what every rule kind returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from llmqa.alerts.settings import AlertRule

Outcome = Literal["firing", "ok", "not_enough_data"]


@dataclass(frozen=True)
class Check:
    """The verdict of `rule` on `prompt_version`, with the figures that back it.

    `value` is what was measured, `threshold` the bound it crossed (or did not), `reference`
    what it is usually (the version's own past, or the previous version); `facts` holds what
    the rule kind knows beyond that (e.g. the previous version, the drifting features).
    """

    rule: AlertRule
    prompt_version: str
    outcome: Outcome
    message: str
    metric: str | None = None
    value: float | None = None
    threshold: float | None = None
    reference: float | None = None
    n: int = 0
    facts: Mapping[str, Any] = field(default_factory=dict)


def short(value: float | None) -> str:
    """A metric value in four significant digits, or 'n/a'."""
    return "n/a" if value is None else f"{value:.4g}"

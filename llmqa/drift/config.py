"""DriftConfig: which features are tested with which tests, and when a result is an alarm."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from llmqa.drift.base import Kind
from llmqa.drift.features import FEATURES
from llmqa.drift.registry import REGISTRY, tests_of_kind

FEATURE_FIELDS: dict[str, Kind] = {
    "numeric": "numeric", "rates": "rate", "categorical": "categorical", "text": "text",
}  # fmt: skip
TEST_FIELDS: dict[str, Kind] = {
    "numeric_tests": "numeric", "categorical_tests": "categorical", "text_tests": "text",
}  # fmt: skip


class DriftConfig(BaseModel):
    """The `drift:` section of llmqa.yaml.

    A test result is a drift when its BH-adjusted p-value is below `alpha` (a distance without
    a p-value takes that of its feature's p-value test) and its effect size lies outside both
    the test's threshold and the range mean +- k * sd that the effect takes between single
    reference days and the rest of the window.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: Literal["llmqa", "evidently"] = "llmqa"
    numeric: tuple[str, ...] = tuple(FEATURES["numeric"])
    rates: tuple[str, ...] = tuple(FEATURES["rate"])
    categorical: tuple[str, ...] = tuple(FEATURES["categorical"])
    text: tuple[str, ...] = tuple(FEATURES["text"])
    evaluator_features: bool = True
    numeric_tests: tuple[str, ...] = tests_of_kind("numeric")
    categorical_tests: tuple[str, ...] = tests_of_kind("categorical")
    text_tests: tuple[str, ...] = tests_of_kind("text")
    thresholds: dict[str, float] = Field(default_factory=dict)
    min_samples: dict[str, int] = Field(default_factory=dict)
    alpha: float = Field(default=0.01, gt=0.0, lt=1.0)
    k: float = Field(default=3.0, gt=0.0)
    min_reference_days: int = Field(default=3, ge=2)
    ab: bool = True
    ab_models: bool = True
    text_per_version: bool = False
    text_max_samples: int = Field(default=2000, ge=100)
    max_rows: int | None = Field(default=200_000, ge=100)
    seed: int = 0
    evidently_method: str | None = None

    @field_validator(*FEATURE_FIELDS, *TEST_FIELDS, "thresholds", "min_samples")
    @classmethod
    def _known_names(cls, value: Any, info: ValidationInfo) -> Any:
        key = info.field_name or ""
        if key in FEATURE_FIELDS:
            known, what = tuple(FEATURES[FEATURE_FIELDS[key]]), "feature(s)"
        else:
            known, what = (
                tests_of_kind(TEST_FIELDS[key]) if key in TEST_FIELDS else tuple(REGISTRY),
                "test(s)",
            )
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise ValueError(f"unknown {what} {unknown}; known: {sorted(known)}")
        return value

    def threshold(self, test: str) -> float:
        """The effect-size threshold of `test`: configured, else the test's default."""
        return self.thresholds.get(test, REGISTRY[test].threshold)

    def min_sample(self, test: str) -> int:
        """The fewest values per side for which `test` gives a verdict."""
        return self.min_samples.get(test, REGISTRY[test].min_samples)

    def tests(self, kind: Kind) -> tuple[str, ...]:
        """The configured tests of a kind; none for rates, whose test is chosen per sample."""
        return tuple(getattr(self, f"{kind}_tests", ()))

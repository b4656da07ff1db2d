"""DriftConfig: which features are tested with which tests, and when a result is an alarm."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from llmqa.drift.base import Kind
from llmqa.drift.features import FEATURES
from llmqa.drift.registry import REGISTRY, tests_of_kind

FEATURE_FIELDS: dict[str, Kind] = {
    "numeric": "numeric", "rates": "rate", "categorical": "categorical", "text": "text",
}  # fmt: skip
TEST_FIELDS: dict[str, Kind] = {
    "numeric_tests": "numeric", "categorical_tests": "categorical", "text_tests": "text",
}  # fmt: skip


def _check_known(key: str, names: Iterable[str], known: tuple[str, ...], what: str) -> None:
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValueError(f"{key}: unknown {what} {unknown}; known: {sorted(known)}")


class DriftConfig(BaseModel):
    """The `drift:` section of llmqa.yaml.

    A test result is a drift when its BH-adjusted p-value is below `alpha` (for tests with a
    p-value) and its effect size lies outside both the test's threshold and the range
    mean +- k * sd that the effect takes between single reference days and the rest.
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
    alpha: float = Field(0.01, gt=0.0, lt=1.0)
    k: float = Field(3.0, gt=0.0)
    min_reference_days: int = Field(3, ge=2)
    ab: bool = True
    ab_models: bool = True
    text_per_version: bool = False
    text_max_samples: int = Field(2000, ge=100)
    seed: int = 0
    evidently_method: str | None = None

    @model_validator(mode="after")
    def _known_names(self) -> DriftConfig:
        for key, kind in FEATURE_FIELDS.items():
            _check_known(key, getattr(self, key), tuple(FEATURES[kind]), "feature(s)")
        for key, kind in TEST_FIELDS.items():
            _check_known(key, getattr(self, key), tests_of_kind(kind), "test(s)")
        for key in ("thresholds", "min_samples"):
            _check_known(key, getattr(self, key), tuple(REGISTRY), "test(s)")
        return self

    def threshold(self, test: str) -> float:
        """The effect-size threshold of `test`: configured, else the test's default."""
        return self.thresholds.get(test, REGISTRY[test].threshold)

    def min_sample(self, test: str) -> int:
        """The fewest values per side for which `test` gives a verdict."""
        return self.min_samples.get(test, REGISTRY[test].min_samples)

    def tests(self, kind: Kind) -> tuple[str, ...]:
        """The configured tests of a kind (rate tests are chosen per sample, so both)."""
        if kind == "rate":
            return tests_of_kind("rate")
        return tuple(getattr(self, f"{kind}_tests"))

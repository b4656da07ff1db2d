"""The drift test registry (configs name tests by these keys) and the choice among rate tests."""

from __future__ import annotations

from llmqa.drift import (
    chi_square,
    domain_classifier,
    fisher_exact,
    jensen_shannon,
    ks,
    psi,
    two_proportion_z,
    wasserstein,
)
from llmqa.drift.base import DriftTest, Kind
from llmqa.drift.proportions import MIN_EXPECTED, Counts

REGISTRY: dict[str, DriftTest] = {
    t.name: t
    for t in (
        two_proportion_z.TEST,
        fisher_exact.TEST,
        ks.TEST,
        wasserstein.TEST,
        psi.TEST,
        chi_square.TEST,
        jensen_shannon.TEST,
        domain_classifier.TEST,
    )
}


def choose_rate_test(counts: Counts) -> DriftTest:
    """The z test when every expected cell count reaches 5, else Fisher's exact test."""
    name = "two_proportion_z" if counts.min_expected >= MIN_EXPECTED else "fisher_exact"
    return REGISTRY[name]


def tests_of_kind(kind: Kind) -> tuple[str, ...]:
    """The names of the registered tests that apply to `kind`."""
    return tuple(name for name, test in REGISTRY.items() if test.kind == kind)

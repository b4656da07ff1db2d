"""DriftConfig: the drift section of llmqa.yaml, and the choice of tests it drives."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.config import ConfigError, parse_config
from llmqa.drift import DriftConfig
from llmqa.drift.proportions import count
from llmqa.drift.registry import choose_rate_test


def test_defaults_are_part_of_the_whole_config() -> None:
    config = parse_config({"apps": {"bot": {}}})
    assert config.drift == DriftConfig()
    assert config.drift.engine == "llmqa"


@pytest.mark.parametrize(
    ("drift", "key"),
    [({"numeric_tests": ["kss"]}, "drift.numeric_tests"), ({"rates": ["latency"]}, "drift.rates"),
     ({"thresholds": {"nope": 0.1}}, "drift.thresholds"), ({"alpha": 2}, "drift.alpha"),
     ({"engine": "spark"}, "drift.engine"), ({"typo": 1}, "drift.typo")],
)  # fmt: skip
def test_a_bad_key_is_named(drift: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        parse_config({"apps": {"bot": {}}, "drift": drift})


def test_thresholds_and_minimum_sizes_can_be_overridden_per_test() -> None:
    config = DriftConfig(thresholds={"ks": 0.2}, min_samples={"psi": 5000})
    assert (config.threshold("ks"), config.threshold("psi")) == (0.2, 0.1)
    assert config.min_sample("psi") == 5000


def test_small_expected_counts_choose_fisher_and_large_ones_z() -> None:
    few = count(np.arange(40) < 2, np.arange(30) < 1)
    many = count(np.arange(4000) < 200, np.arange(3000) < 180)
    assert choose_rate_test(few).name == "fisher_exact"
    assert choose_rate_test(many).name == "two_proportion_z"

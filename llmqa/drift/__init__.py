"""Drift and comparison: today against a reference window, versions against each other.

One module per test, registered by name in `registry.REGISTRY`; `compare_app_day` is the
entry point the pipeline calls.
"""

from llmqa.drift.compare import DRIFT_SCHEMA, compare_app_day
from llmqa.drift.config import DriftConfig
from llmqa.drift.registry import REGISTRY

__all__ = ["DRIFT_SCHEMA", "REGISTRY", "DriftConfig", "compare_app_day"]

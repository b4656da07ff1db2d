"""The catalogue as a person configuring an app reads it: every evaluator, and one in full."""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic.fields import FieldInfo

from llmqa.evaluators import REGISTRY
from llmqa.evaluators.base import Evaluator
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.evaluators.plugins import plugin_module


def catalogue_table() -> str:
    """One line per registered evaluator: name, kind, default threshold, columns read, what it flags."""
    deterministic = deterministic_evaluators()
    rows = [
        (
            name,
            "text" if name in deterministic else "model",
            f"{evaluator.threshold:g}",
            ", ".join(evaluator.columns),
            evaluator.summary + _origin(evaluator),
        )
        for name, evaluator in sorted(REGISTRY.items())
    ]
    header = ("evaluator", "kind", "threshold", "reads", "flags")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4]
             for row in [header, *rows]]  # fmt: skip
    kinds = (
        "kind: text runs offline on the traces alone; model calls a judge endpoint (pip install "
        "'llmqa[judge]') or a local embedding model ('llmqa[embeddings]')"
    )
    return "\n".join([*lines, "", kinds, "llmqa evaluators NAME shows one evaluator's options."])


def describe_evaluator(name: str) -> str:
    """An evaluator's summary, columns, threshold and options, and the config lines that enable it."""
    evaluator = REGISTRY[name]
    options = evaluator.options.model_fields
    lines = [
        f"{name}: {evaluator.summary}{_origin(evaluator)}",
        f"reads: {', '.join(evaluator.columns)}",
        f"default threshold: {evaluator.threshold:g} (a trace passes when its score is at least this)",
        "options:" if options else "options: none",
        *(
            f"  {key} = {_default(field)}  {field.description or ''}".rstrip()
            for key, field in options.items()
        ),
        "",
        "in llmqa.yaml, under apps.<app>.evaluators:",
        f"  {name}: {_config_example(evaluator)}",
    ]
    return "\n".join(lines)


def _origin(evaluator: Evaluator) -> str:
    module = plugin_module(evaluator)
    return f" (plugin {module})" if module else ""


def _default(field: FieldInfo) -> str:
    return "(required)" if field.is_required() else json.dumps(field.get_default(call_default_factory=True))


def _config_example(evaluator: Evaluator) -> str:
    options = {
        key: value
        for key, field in evaluator.options.model_fields.items()
        if not field.is_required()
        and not isinstance(value := field.get_default(call_default_factory=True), list | dict | None)
    }
    example: dict[str, Any] = {"threshold": evaluator.threshold}
    if options:
        example["options"] = options
    return yaml.safe_dump(example, default_flow_style=True, sort_keys=False, width=1_000_000).strip()

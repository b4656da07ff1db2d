"""Evaluators other installed packages register, under the entry-point group `llmqa.evaluators`.

A team adds its own check without forking llmqa: its package declares

    [project.entry-points."llmqa.evaluators"]
    ticket_reference = "acme_checks.ticket:EVALUATOR"

where `EVALUATOR` is an `llmqa.evaluators.base.Evaluator` named like the entry point. Apps
then enable it by that name, like any built-in. A plugin that fails to load, is no
`Evaluator`, or takes a name already in use stops llmqa at start with a message naming it:
a check that silently went missing would pass every trace it should have flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import EntryPoint, entry_points

from llmqa.evaluators.base import Evaluator

ENTRY_POINT_GROUP = "llmqa.evaluators"


class PluginError(RuntimeError):
    """An installed evaluator plugin cannot be used; the message names its entry point and package."""


def plugin_evaluators(taken: Mapping[str, Evaluator]) -> dict[str, Evaluator]:
    """The evaluators installed packages register, keyed by name; none of them may reuse a name in `taken`."""
    found: dict[str, Evaluator] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        evaluator = _load(point)
        if evaluator.name in taken or evaluator.name in found:
            raise PluginError(f"{_where(point)}: the evaluator name {evaluator.name!r} is already taken")
        found[evaluator.name] = evaluator
    return found


def plugin_module(evaluator: Evaluator) -> str | None:
    """The module a plugin evaluator's code lives in; None for one of llmqa's own."""
    return None if evaluator.module.startswith("llmqa.") else evaluator.module


def _load(point: EntryPoint) -> Evaluator:
    try:
        evaluator = point.load()
    except Exception as error:  # a plugin's import can fail in any way; name the plugin, keep the cause
        raise PluginError(f"{_where(point)}: cannot be loaded: {type(error).__name__}: {error}") from error
    if not isinstance(evaluator, Evaluator):
        raise PluginError(f"{_where(point)}: is a {type(evaluator).__name__}, not an llmqa Evaluator")
    if evaluator.name != point.name:
        raise PluginError(f"{_where(point)}: the evaluator is named {evaluator.name!r}; name both alike")
    return evaluator


def _where(point: EntryPoint) -> str:
    package = f" of package {point.dist.name!r}" if point.dist is not None else ""
    return f"evaluator plugin {point.name!r} ({point.value}){package}"

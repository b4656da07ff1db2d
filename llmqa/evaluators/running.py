"""Which evaluators score the current batch: one leaves a fault to another only if that one runs.

An answer that refuses fails `refusal`; `answer_relevance` leaves it out so that one refusal
does not fail three evaluators. If the app does not run `refusal`, nothing would flag it, so
inside `running(names)` an evaluator asks `runs(owner)` before leaving a fault to its owner.
Outside such a block (an evaluator called on its own, as the benchmarks do) every owner is
taken to run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_RUNNING: ContextVar[frozenset[str] | None] = ContextVar("llmqa_running_evaluators", default=None)


@contextmanager
def running(names: Iterable[str]) -> Iterator[None]:
    """A scope in which the evaluators `names` score the batch."""
    token = _RUNNING.set(frozenset(names))
    try:
        yield
    finally:
        _RUNNING.reset(token)


def runs(name: str) -> bool:
    """Whether evaluator `name` scores the current batch (True outside a `running` block)."""
    names = _RUNNING.get()
    return names is None or name in names

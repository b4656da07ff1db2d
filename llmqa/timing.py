"""A stage clock: wall and CPU seconds spent in each named stage of a run.

Code marks its stages with `with stage("validate"):`; that costs nothing unless a caller
opened a clock with `with StageClock() as clock:`. Time spent in a nested stage counts for
the nested stage only, so the stages of a run add up to its total. CPU seconds are the
process's (every thread), so on a busy machine they say more than wall seconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import NamedTuple


class Spent(NamedTuple):
    """Wall and CPU seconds."""

    wall: float
    cpu: float

    def __add__(self, other: tuple[float, ...]) -> Spent:  # type: ignore[override]
        return Spent(self.wall + other[0], self.cpu + other[1])

    def __sub__(self, other: tuple[float, ...]) -> Spent:
        return Spent(self.wall - other[0], self.cpu - other[1])


def _now() -> Spent:
    return Spent(time.perf_counter(), time.process_time())


@dataclass
class StageClock:
    """Seconds per stage (nested stages excluded from their parent), in the order first seen."""

    spent: dict[str, Spent] = field(default_factory=dict)
    _open: list[tuple[str, Spent, Spent]] = field(default_factory=list)  # name, start, children

    def __enter__(self) -> StageClock:
        self._token = _CLOCK.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _CLOCK.reset(self._token)

    def enter(self, name: str) -> None:
        """Start timing `name` (inside whatever stage is open)."""
        self._open.append((name, _now(), Spent(0.0, 0.0)))

    def leave(self) -> Spent:
        """Stop timing the innermost open stage; returns its own time (children excluded)."""
        name, start, children = self._open.pop()
        total = _now() - start
        own = total - children
        self.spent[name] = self.spent.get(name, Spent(0.0, 0.0)) + own
        if self._open:
            parent, parent_start, parent_children = self._open[-1]
            self._open[-1] = (parent, parent_start, parent_children + total)
        return total

    def total(self) -> Spent:
        """All stages together."""
        return sum(self.spent.values(), Spent(0.0, 0.0))


_CLOCK: ContextVar[StageClock | None] = ContextVar("llmqa_stage_clock", default=None)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time inside the block against stage `name` of the open clock, if there is one."""
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    clock.enter(name)
    try:
        yield
    finally:
        clock.leave()

"""Per-batch derived columns shared by evaluators: inside `sharing()` each is computed once.

Several evaluators read the same derived data (the content words of the output, the
context's word pairs, the refusal phrase of the output). `derived(batch, key, build)`
builds it on first use and, inside a `sharing()` block, returns the same value to every
later caller with the same batch object and key. Outside a block nothing is kept, so a
single evaluator called on its own behaves exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import polars as pl

T = TypeVar("T")
_CACHE: ContextVar[dict[tuple[int, Hashable], tuple[pl.DataFrame, Any]] | None] = ContextVar(
    "llmqa_shared_derivations", default=None
)


@contextmanager
def sharing() -> Iterator[None]:
    """A scope in which derived columns of the same batch are built once (dropped on exit)."""
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def derived(batch: pl.DataFrame, key: Hashable, build: Callable[[pl.DataFrame], T]) -> T:
    """`build(batch)`, reused for the same batch object and key inside `sharing()`."""
    cache = _CACHE.get()
    if cache is None:
        return build(batch)
    slot = (id(batch), key)
    hit = cache.get(slot)
    # the entry holds the batch itself, so its id cannot be reused by another frame meanwhile
    if hit is None or hit[0] is not batch:
        hit = (batch, build(batch))
        cache[slot] = hit
    value: T = hit[1]
    return value

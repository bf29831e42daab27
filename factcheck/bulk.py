"""Bulk work that builds many long-lived objects at once (a full re-match, a matching index).

CPython's cyclic garbage collector runs after every few hundred new container objects and walks
every tracked object of the oldest generation each time; a re-match of 100k claims builds millions
of tuples, frozensets and dataclasses that all live until the end, and spent over a third of its time
in those walks without freeing anything. Nothing in this work makes reference cycles, so the collector
is paused for its duration (and in forked workers, which inherit the paused state).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

__all__ = ["CacheTrim", "gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block; restore the caller's setting after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_LRU_CACHE = type(functools.lru_cache(maxsize=1)(len))


class CacheTrim:
    """Called after each batch of a long run in a worker process: every ``every`` calls, empties each
    ``functools.lru_cache`` of the process that holds ``min_entries`` or more, and calls ``also`` (the
    clearing functions of caches kept in plain dicts, such as the extraction lexicon's).

    The per-value caches of extraction and matching (names, words, numbers: up to 100,000-200,000
    entries each) fill with an archive's vocabulary, so a worker grew by about 10 MB every 1,000
    articles it read; emptied now and then, they stay a batch's worth. Their values are pure functions
    of their keys, so results are the same; a cache of a few entries (a lexicon loaded once) is kept.
    """

    def __init__(self, every: int, min_entries: int = 1_000, also: Sequence[Callable[[], None]] = ()) -> None:
        self.every = every
        self.min_entries = min_entries
        self.also = also
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        if self.calls % self.every:
            return
        for cache in gc.get_objects():
            if isinstance(cache, _LRU_CACHE) and cache.cache_info().currsize >= self.min_entries:
                cache.cache_clear()
        for clear in self.also:
            clear()

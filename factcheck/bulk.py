"""Bulk work that builds many long-lived objects at once (a full re-match, a matching index).

CPython's cyclic garbage collector runs after every few hundred new container objects and walks
every tracked object of the oldest generation each time; a re-match of 100k claims builds millions
of tuples, frozensets and dataclasses that all live until the end, and spent over a third of its time
in those walks without freeing anything. Nothing in this work makes reference cycles, so the collector
is paused for its duration (and in forked workers, which inherit the paused state).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


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

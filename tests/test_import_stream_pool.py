"""The import's extraction workers: results in item order, and a worker that dies or fails never
changes the result (its share is computed again in the caller)."""

from __future__ import annotations

import os
import sys
from functools import lru_cache

import pytest

from factcheck.bulk import CacheTrim
from factcheck.workpool import MIN_SPLIT, WorkPool

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork")


def test_results_come_back_in_item_order_from_worker_processes() -> None:
    caller = os.getpid()
    items = list(range(50))
    with WorkPool(lambda n: (n * n, os.getpid() != caller), 2) as pool:
        results = pool.submit(items).result()
        assert results == [(n * n, True) for n in items]
        few = pool.submit(items[: MIN_SPLIT - 1]).result()  # too few to be worth sending
        assert few == [(n * n, False) for n in items[: MIN_SPLIT - 1]]


def test_a_worker_that_dies_has_its_share_done_in_the_caller() -> None:
    caller = os.getpid()

    def square(n: int) -> int:
        if n == 40 and os.getpid() != caller:
            os._exit(9)  # killed in the middle of its share
        return n * n

    with WorkPool(square, 2) as pool:
        assert pool.submit(list(range(50))).result() == [n * n for n in range(50)]
        assert pool.submit(list(range(50))).result() == [n * n for n in range(50)]  # one worker left


def test_an_error_in_a_worker_is_raised_in_the_caller() -> None:
    def parse(text: str) -> int:
        return int(text)

    with WorkPool(parse, 2) as pool:
        job = pool.submit([str(n) for n in range(20)] + ["twelve"])
        with pytest.raises(ValueError, match="twelve"):
            job.result()


@lru_cache(maxsize=1_000)
def _cached_square(n: int) -> int:
    return n * n


@lru_cache(maxsize=1)
def _loaded_once() -> str:
    return "lexicon"


def _filled(n: int) -> tuple[int, int, int]:
    """The square, the entries its cache holds right after this item, and how often the lexicon was loaded."""
    _loaded_once()
    return _cached_square(n), _cached_square.cache_info().currsize, _loaded_once.cache_info().misses


def test_workers_empty_their_large_caches_between_batches() -> None:
    items = list(range(20))  # ten an item to each of the two workers
    with WorkPool(_filled, 2, tidy=CacheTrim(every=1, min_entries=5)) as pool:
        first, again = pool.submit(items).result(), pool.submit(items).result()
    with WorkPool(_filled, 2) as pool:
        kept = [pool.submit(items).result() for _ in range(2)][1]
    assert [square for square, _, _ in again] == [n * n for n in items]
    # Emptied after the first batch: the same items fill the cache again from one entry; the cache of
    # one entry (a lexicon) is kept. Without the trim, the second batch finds all ten.
    assert [size for _, size, _ in first] == [size for _, size, _ in again] == [*range(1, 11), *range(1, 11)]
    assert {loaded for _, _, loaded in again} == {1}  # loaded once by each worker, never again
    assert [size for _, size, _ in kept] == [10] * 20

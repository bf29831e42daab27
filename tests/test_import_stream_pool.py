"""The import's extraction workers: results in item order, and a worker that dies or fails never
changes the result (its share is computed again in the caller)."""

from __future__ import annotations

import os
import sys

import pytest

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

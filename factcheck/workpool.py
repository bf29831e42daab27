"""A function mapped over batches by forked worker processes, while the caller does other work.

An import extracts claims from one batch of articles while it stores and matches the previous one;
extraction of each article is independent, so each batch is split between the workers. The pool is
small on purpose (``factcheck.forking`` explains why fork rather than ``multiprocessing``):

- each worker has at most one batch in hand and the caller reads a batch's results in full before it
  sends the next, so neither side can block the other on a full pipe;
- the function is inherited through fork (a closure or a lambda is fine), only items and results are
  pickled;
- workers ignore Ctrl-C (the caller decides what an interruption means) and leave as soon as the
  caller's end of their pipe closes, even when the caller was killed;
- ``tidy``, if given, runs in each worker after every batch it sends back (the import bounds the
  workers' caches with it);
- a worker that dies or fails is dropped and its share is computed again in the caller, so the result
  (or the error) is always the one-process one. Without fork (Windows) or for small batches the caller computes
  everything itself.

Fork is used only by a single-threaded caller (the command line, a benchmark).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["Job", "WorkPool"]

T = TypeVar("T")
R = TypeVar("R")
_HEADER = struct.Struct("<Q")
MIN_SPLIT = 8  # a batch smaller than this is not worth the pickling


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _receive(fd: int) -> bytes | None:
    header = _read_exact(fd, _HEADER.size)
    if header is None:
        return None
    return _read_exact(fd, _HEADER.unpack(header)[0])


def _send(fd: int, payload: bytes) -> None:
    _write_all(fd, _HEADER.pack(len(payload)) + payload)


class _Worker:
    def __init__(self, pid: int, requests: int, results: int) -> None:
        self.pid, self.requests, self.results = pid, requests, results
        self.alive = True


def _serve(fn: Callable[[Any], Any], requests: int, results: int, tidy: Callable[[], None] | None) -> None:
    """The worker's loop: items in, results out, until the caller closes the pipe; ``tidy`` after each batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The cyclic collector, left running, walks the worker's long-lived caches again and again while
    # a batch is built (much of an import's extraction time); a batch is bounded, so its own cycles,
    # if any, are collected once it is sent, without walking what lived before it.
    gc.disable()
    while (payload := _receive(requests)) is not None:
        items = pickle.loads(payload)
        _send(results, pickle.dumps([fn(item) for item in items], pickle.HIGHEST_PROTOCOL))
        del items
        gc.collect(1)
        if tidy is not None:
            tidy()


class Job(Generic[R]):
    """A batch in progress: ``result()`` waits for the workers and returns results in item order."""

    def __init__(self, pool: WorkPool[Any, R], shares: list[tuple[_Worker | None, Sequence[Any]]]) -> None:
        self._pool = pool
        self._shares = shares

    def result(self) -> list[R]:
        out: list[R] = []
        for worker, items in self._shares:
            got = self._pool._collect(worker) if worker is not None else None
            out.extend(got if got is not None and len(got) == len(items) else self._pool._local(items))
        return out


class WorkPool(Generic[T, R]):
    """``fn`` over batches of items with up to ``workers`` forked processes (started on first need)."""

    def __init__(self, fn: Callable[[T], R], workers: int, *, tidy: Callable[[], None] | None = None) -> None:
        self._fn = fn
        self._tidy = tidy
        self._wanted = workers if hasattr(os, "fork") and sys.platform != "win32" else 0
        self._workers: list[_Worker] = []
        self._started = False

    def __enter__(self) -> WorkPool[T, R]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def submit(self, items: Sequence[T]) -> Job[R]:
        """Start ``items`` on the workers; computed right here when too few or no workers."""
        if len(items) < MIN_SPLIT or not self._start():
            return Job(self, [(None, items)])
        alive = [w for w in self._workers if w.alive]
        step = -(-len(items) // len(alive))
        shares: list[tuple[_Worker | None, Sequence[T]]] = []
        for worker, start in zip(alive, range(0, len(items), step), strict=False):
            share = items[start : start + step]
            try:
                _send(worker.requests, pickle.dumps(list(share), pickle.HIGHEST_PROTOCOL))
            except OSError:  # the worker is gone
                self._drop(worker)
                shares.append((None, share))
                continue
            shares.append((worker, share))
        return Job(self, shares)

    def _local(self, items: Sequence[T]) -> list[R]:
        return [self._fn(item) for item in items]

    def _start(self) -> bool:
        if not self._started:
            self._started = True
            for _ in range(self._wanted):
                try:
                    self._workers.append(self._fork())
                except OSError:
                    break  # no fork or no pipe here: fewer workers, or none
        return any(w.alive for w in self._workers)

    def _fork(self) -> _Worker:
        requests_r, requests_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: only its own two pipe ends stay open
            status = 1
            try:
                for fd in [requests_w, results_r] + [f for w in self._workers for f in (w.requests, w.results)]:
                    os.close(fd)
                _serve(self._fn, requests_r, results_w, self._tidy)
                status = 0
            except BaseException:  # the caller computes the share again, and raises the error there
                status = 1
            finally:
                os._exit(status)
        os.close(requests_r)
        os.close(results_w)
        return _Worker(pid, requests_w, results_r)

    def _collect(self, worker: _Worker) -> list[R] | None:
        if not worker.alive:
            return None
        try:
            payload = _receive(worker.results)
        except OSError:
            payload = None
        if payload is None:  # it died or failed: its share is done again by the caller
            self._drop(worker)
            return None
        result: list[R] = pickle.loads(payload)
        return result

    def _drop(self, worker: _Worker) -> None:
        if worker.alive:
            worker.alive = False
            for fd in (worker.requests, worker.results):
                os.close(fd)
            _reap(worker.pid, kill=True)

    def close(self) -> None:
        """Stop the workers: closing their pipe ends them; an interrupted caller does not wait for them."""
        for worker in self._workers:
            self._drop(worker)


def _reap(pid: int, *, kill: bool) -> None:
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)

"""Work handed to a forked copy of this process, its results read back piece by piece.

``multiprocessing.Pool`` waits for its workers to exit when it closes, and a worker that shares a
large heap with its parent takes a long time to tear down (half a second after a 100k-claim
re-match). Nothing needs that wait: the children here are reaped later, without blocking and
without a helper thread (forking a process that runs threads is unsafe). Results arrive in pieces,
so the parent can use each one while the child works on the next. POSIX only; callers check.
"""

from __future__ import annotations

import os
import select
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable

__all__ = ["Forked", "reap"]

_MESSAGE = "<QQ"  # offset and length of a piece in the spool file
_DONE = (1 << 64) - 1  # the offset that marks the end: without it, the child failed
_UNREAPED: list[int] = []


def reap() -> None:
    """Collect the exit status of earlier children that have finished (never waits)."""
    for pid in list(_UNREAPED):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _UNREAPED.remove(pid)


class Forked:
    """``work()`` running in a forked child from the moment this is created; it yields byte pieces.

    Pieces go to an unlinked spool file and only their place in it through the pipe: a child writing
    megabytes into a pipe would stall whenever the parent is busy between reads.
    """

    def __init__(self, work: Callable[[], Iterable[bytes]]) -> None:
        reap()
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed once the child is done)
        try:
            read, write = os.pipe()
        except OSError:
            self._spool.close()
            raise
        try:
            pid = os.fork()
        except OSError:
            for fd in (read, write):
                os.close(fd)
            self._spool.close()
            raise
        if pid == 0:  # the child: do the work, send it, leave without running the parent's cleanup
            os.close(read)
            status = 1
            try:
                spool, offset = self._spool.fileno(), 0
                for piece in work():
                    view = memoryview(piece)
                    while view:
                        written = os.pwrite(spool, view, offset + len(piece) - len(view))
                        view = view[written:]
                    os.write(write, struct.pack(_MESSAGE, offset, len(piece)))
                    offset += len(piece)
                os.write(write, struct.pack(_MESSAGE, _DONE, 0))
                status = 0
            except BaseException:
                traceback.print_exc(file=sys.stderr)
            finally:
                os._exit(status)
        os.close(write)
        self._pid = pid
        self._read = read
        self._buffer = b""
        self._open = True
        self.finished = False  # the child sent everything and said so

    def ready(self) -> list[bytes]:
        """The pieces that have arrived so far (never waits)."""
        while self._open and select.select([self._read], [], [], 0)[0]:
            self._receive()
        return self._pieces()

    def rest(self) -> list[bytes]:
        """Every piece not taken yet, waiting for the child to finish; check ``finished`` after."""
        while self._open:
            self._receive()
        return self._pieces()

    def _receive(self) -> None:
        chunk = os.read(self._read, 1 << 16)
        if chunk:
            self._buffer += chunk
            return
        os.close(self._read)
        self._open = False
        _UNREAPED.append(self._pid)
        reap()

    def _pieces(self) -> list[bytes]:
        pieces = []
        size = struct.calcsize(_MESSAGE)
        while len(self._buffer) >= size:
            offset, length = struct.unpack(_MESSAGE, self._buffer[:size])
            self._buffer = self._buffer[size:]
            if offset == _DONE:
                self.finished = True
                continue
            pieces.append(os.pread(self._spool.fileno(), length, offset))
        if not self._open:
            self._spool.close()
        return pieces

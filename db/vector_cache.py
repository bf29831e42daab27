"""The archive's sentence vectors in memory, for the nearest-vector half of the candidate step.

Loaded once per process and database (about 2 KiB a fact-check as float32), and loaded again only
when the archive changed: every change bumps ``ARCHIVE_VERSION`` in the meta table, so a check is
one primary-key read. A brute-force product over the matrix is exact and, at 100,000 fact-checks,
a few milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlmodel import Session, col, select

from db.models import FactCheck, Meta

__all__ = ["ARCHIVE_VERSION", "bump_archive_version", "nearest", "vectors_of"]

ARCHIVE_VERSION = "factcheck_archive_version"


@dataclass(slots=True)
class _Matrix:
    version: str
    ids: npt.NDArray[np.int64]
    vectors: npt.NDArray[np.float32]


_CACHE: dict[str, _Matrix] = {}
_LOCK = threading.Lock()


def bump_archive_version(session: Session) -> None:
    """Mark the archive changed (call in the transaction that changed it)."""
    row = session.get(Meta, ARCHIVE_VERSION) or Meta(key=ARCHIVE_VERSION, value="0")
    row.value = str(int(row.value) + 1)
    session.add(row)


def _matrix(session: Session) -> _Matrix:
    key = str(session.get_bind().engine.url)
    meta = session.get(Meta, ARCHIVE_VERSION)
    version = meta.value if meta else "0"
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached.version == version:
            return cached
        rows = session.exec(
            select(FactCheck.id, FactCheck.vector).where(col(FactCheck.vector).is_not(None)).order_by(col(FactCheck.id))
        ).all()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        blob = b"".join(r[1] for r in rows if r[1] is not None)
        vectors = (
            np.frombuffer(blob, dtype="<f2").astype(np.float32).reshape(len(rows), -1)
            if rows
            else np.zeros((0, 0), dtype=np.float32)
        )
        cached = _Matrix(version, ids, vectors)
        _CACHE[key] = cached
        return cached


def nearest(session: Session, vector: npt.NDArray[np.float32], k: int) -> list[int]:
    """Ids of the ``k`` archived fact-checks whose vectors are closest to ``vector``."""
    matrix = _matrix(session)
    n = len(matrix.ids)
    if n == 0 or k <= 0:
        return []
    scores = matrix.vectors @ vector.astype(np.float32)
    top = np.argpartition(-scores, k)[:k] if n > k else np.arange(n)
    return [int(i) for i in matrix.ids[top]]


def vectors_of(session: Session, ids: Sequence[int]) -> dict[int, npt.NDArray[np.float32]]:
    """The stored vectors of ``ids`` (those that have one), as float32."""
    rows = session.exec(
        select(FactCheck.id, FactCheck.vector).where(
            col(FactCheck.id).in_(list(ids)), col(FactCheck.vector).is_not(None)
        )
    ).all()
    return {int(i): np.frombuffer(v, dtype="<f2").astype(np.float32) for i, v in rows if i is not None and v}

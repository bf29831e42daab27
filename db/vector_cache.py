"""The archive's retrieval index (``factcheck.prior.index``) in memory, loaded from the database.

Loaded once per process and database, and again only when the archive changed: every change bumps
``ARCHIVE_VERSION`` in the meta table, so the check is one primary-key read. The lexical half (terms)
loads on first use; the vectors (float16, 1 KiB a fact-check, plus a 256-byte projection) only when a
look-up has a sentence vector, so the import's lexical-only look-ups never read them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from sqlmodel import Session, col, select

from db.models import FactCheck, Meta
from factcheck.prior.index import ArchiveIndex, VectorIndex

__all__ = ["ARCHIVE_VERSION", "archive_index", "bump_archive_version", "forget"]

ARCHIVE_VERSION = "factcheck_archive_version"


@dataclass(slots=True)
class _Cached:
    version: str
    index: ArchiveIndex


_CACHE: dict[str, _Cached] = {}
_LOCK = threading.Lock()


def bump_archive_version(session: Session) -> None:
    """Mark the archive changed (call in the transaction that changed it)."""
    row = session.get(Meta, ARCHIVE_VERSION) or Meta(key=ARCHIVE_VERSION, value="0")
    row.value = str(int(row.value) + 1)
    session.add(row)


def forget() -> None:
    """Drop every cached index (a benchmark timing a cold load)."""
    with _LOCK:
        _CACHE.clear()


def _load_terms(session: Session) -> ArchiveIndex:
    rows = session.exec(select(FactCheck.id, FactCheck.terms, FactCheck.title_terms).order_by(col(FactCheck.id))).all()
    return ArchiveIndex(
        [int(r[0]) for r in rows if r[0] is not None],
        [tuple(r[1].split()) for r in rows if r[0] is not None],
        [tuple(r[2].split()) for r in rows if r[0] is not None],
    )


def _load_vectors(session: Session, index: ArchiveIndex) -> VectorIndex:
    from factcheck.text.encoder import DIMENSIONS

    vectors = np.zeros((len(index), DIMENSIONS), dtype=np.float16)
    present = np.zeros(len(index), dtype=np.bool_)
    titles = np.zeros((len(index), DIMENSIONS), dtype=np.float16)
    titled = np.zeros(len(index), dtype=np.bool_)
    rows = session.exec(
        select(FactCheck.id, FactCheck.vector, FactCheck.title_vector).where(col(FactCheck.vector).is_not(None))
    )
    for fid, blob, title in rows:
        position = index.position(int(fid)) if fid is not None else None
        if position is not None and blob:
            vectors[position] = np.frombuffer(blob, dtype="<f2")
            present[position] = True
            if title:
                titles[position] = np.frombuffer(title, dtype="<f2")
                titled[position] = True
    return VectorIndex(vectors, present, titles, titled)


def archive_index(session: Session, *, vectors: bool = False) -> ArchiveIndex:
    """The current archive's index; with ``vectors``, its vector half loaded too."""
    key = str(session.get_bind().engine.url)
    meta = session.get(Meta, ARCHIVE_VERSION)
    version = meta.value if meta else "0"
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is None or cached.version != version:
            cached = _CACHE[key] = _Cached(version, _load_terms(session))
        if vectors and cached.index.vectors is None:
            cached.index.vectors = _load_vectors(session, cached.index)
        return cached.index

"""The vectors pass: sentence vectors for claims an import matched without them, and their pairs decided again.

An import matches new claims on lexical features alone (the encoder runs at about 70 sentences/s on a
2-core machine, far below the import's rate). This pass then walks the claims the import stored, in
id order and in chunks, and replays their incremental matching with the same candidate window
(``db.links.window_before``): claims in a candidate pair that have no vector are encoded (once:
vectors are stored per claim), every candidate pair is decided again by the model with the cosine,
and a suggested link or open contradiction the lexical decision made and this one does not is
dropped; reviewer decisions stay. Each chunk commits with the id it reached (``VECTORS_DONE`` in the
meta table), so an interrupted pass keeps what it finished and the next run goes on from there.
After each chunk the prior fact-check retrieval is refreshed with vectors (``db.pipeline``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np
from sqlalchemy import func, select
from sqlmodel import Session

from db.engine import Database
from db.link_store import MatchSummary, store_findings
from db.links import CLAIMS, encode_and_store, load_match_claims, window_before
from db.models import Meta
from db.pipeline import after_claim_vectors
from db.store import take_import_lock
from factcheck.contradictions import findings
from factcheck.matching import MatchClaim, MatchIndex, match_new

__all__ = ["CHUNK", "VECTORS_DONE", "VectorsReport", "mark_done", "pending", "run_vectors"]

VECTORS_DONE = "vectors_done_through_claim"
CHUNK = 256  # claims per transaction: a few seconds of encoding, so an interruption loses little


@dataclass(slots=True)
class VectorsReport:
    claims: int = 0  # claims whose pairs were decided again
    encoded: int = 0  # claims that got a sentence vector
    links_added: int = 0
    links_updated: int = 0
    links_dropped: int = 0
    contradictions_added: int = 0
    contradictions_dropped: int = 0
    seconds: float = 0.0

    def add(self, summary: MatchSummary) -> None:
        for name in ("links_added", "links_updated", "links_dropped", "contradictions_added"):
            setattr(self, name, getattr(self, name) + getattr(summary, name))
        self.contradictions_dropped += summary.contradictions_dropped

    def to_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def done_through(session: Session) -> int:
    """The highest claim id the pass has finished (0 when it never ran)."""
    row = session.get(Meta, VECTORS_DONE)
    return int(row.value) if row is not None else 0


def mark_done(session: Session, claim_id: int | None = None) -> None:
    """Record that every claim up to ``claim_id`` (default: every stored claim) needs no pass."""
    if claim_id is None:
        claim_id = int(session.execute(select(func.coalesce(func.max(CLAIMS.c.id), 0))).scalar_one())
    row = session.get(Meta, VECTORS_DONE) or Meta(key=VECTORS_DONE, value="0")
    row.value = str(max(int(row.value), claim_id))
    session.add(row)


def pending(database: Database) -> int:
    """Claims the pass has still to go through."""
    with database.session() as session:
        after = done_through(session)
        return int(session.execute(select(func.count()).where(CLAIMS.c.id > after)).scalar_one())


def _counting(session: Session, counts: list[int]) -> Callable[[Sequence[MatchClaim]], dict[int, np.ndarray]]:
    """``encode_and_store`` in ``session``, counting the vectors it made."""

    def encode(claims: Sequence[MatchClaim]) -> dict[int, np.ndarray]:
        vectors = encode_and_store(session, claims)
        counts.append(len(vectors))
        return vectors

    return encode


def run_vectors(
    database: Database,
    *,
    chunk: int = CHUNK,
    on_chunk: Callable[[int, int], None] | None = None,
    max_claims: int | None = None,
) -> VectorsReport:
    """Run the pass to the newest claim (or over ``max_claims`` more); ``on_chunk(claims, encoded)``
    after each committed chunk."""
    report = VectorsReport()
    start = time.perf_counter()
    index: MatchIndex | None = None
    while max_claims is None or report.claims < max_claims:
        if max_claims is not None:
            chunk = min(chunk, max_claims - report.claims)
        with database.transaction() as session:
            take_import_lock(session)  # an import stores its claims whole before the pass reads past them
            after = done_through(session)
            ids = list(
                session.execute(
                    select(CLAIMS.c.id).where(CLAIMS.c.id > after).order_by(CLAIMS.c.id).limit(chunk)
                ).scalars()
            )
            if not ids:
                break
            if index is None:
                index = window_before(session, ids[0])
            claims = sorted(load_match_claims(session, ids=(ids[0], ids[-1])), key=lambda c: c.id)
            encoded: list[int] = []
            result = match_new(index, claims, encode=_counting(session, encoded), report_pairs=True)
            summary = store_findings(
                session, findings(result), result.candidates, len(claims), full=False, redecided=result.pairs
            )
            after_claim_vectors(session, ids)
            mark_done(session, ids[-1])
        report.claims += len(ids)
        report.encoded += sum(encoded)
        report.add(summary)
        report.seconds = time.perf_counter() - start
        if on_chunk is not None:
            on_chunk(len(ids), sum(encoded))
    report.seconds = time.perf_counter() - start
    return report

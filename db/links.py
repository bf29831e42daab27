"""Matching runs over the stored claims: incremental after an import, complete on demand.

Matching is incremental after an import (new claims against everything stored, in the import's
transaction) and complete on demand (``match_all``). ``db.link_store`` writes what a run found
without overriding reviewers; ``db.link_review`` holds the reviewers' decisions and lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import Table, delete, event, func, insert, select
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.link_store import MatchSummary, store_findings
from factcheck.bulk import gc_paused
from factcheck.contradictions import findings, rematch
from factcheck.matching import ClaimFeatures, MatchClaim, MatchIndex, features_of, match_new
from factcheck.matching.blocking import candidate_pairs
from factcheck.matching.context import ClaimSpan, sentence_contexts
from factcheck.model import Slots
from factcheck.text.encoder import encode, from_bytes, to_bytes

__all__ = [
    "MATCH_WINDOW",
    "MatchSummary",
    "encode_and_store",
    "load_match_claims",
    "match_all",
    "match_new_claims",
    "window_before",
]

# Claims the import's candidate index holds: the newest ones (about 7 KB each in memory), so an
# archive of any size imports in flat memory; older claims meet new ones in ``factcheck match --all``.
MATCH_WINDOW = 100_000

ARTICLES: Table = SQLModel.metadata.tables["article"]
CLAIMS: Table = SQLModel.metadata.tables["claim"]
VECTORS: Table = SQLModel.metadata.tables["claim_vector"]


def load_match_claims(
    session: Session, article_ids: Iterable[int] | None = None, *, ids: tuple[int, int] | None = None
) -> list[MatchClaim]:
    """Stored claims (of ``article_ids``, or all; ``ids``: only those from the first id to the second,
    both included) with their sentence context and stored vector (when it was computed from the
    claim's current version), as matching sees them."""
    stmt = (
        select(
            CLAIMS.c.id,
            CLAIMS.c.article_id,
            CLAIMS.c.text,
            CLAIMS.c.start,
            CLAIMS.c.slots,
            CLAIMS.c.negated,
            CLAIMS.c.end,
            VECTORS.c.vector,
        )
        .outerjoin(VECTORS, (VECTORS.c.claim_id == CLAIMS.c.id) & (VECTORS.c.version == CLAIMS.c.version))
        .order_by(CLAIMS.c.article_id, CLAIMS.c.start, CLAIMS.c.id)
    )
    article_stmt = select(ARTICLES.c.id, ARTICLES.c.language, ARTICLES.c.body, ARTICLES.c.published)
    if article_ids is not None:
        wanted = sorted(set(article_ids))
        stmt = stmt.where(CLAIMS.c.article_id.in_(wanted))
        article_stmt = article_stmt.where(ARTICLES.c.id.in_(wanted))
    if ids is not None:
        in_range = CLAIMS.c.id.between(*ids)
        stmt = stmt.where(in_range)
        article_stmt = article_stmt.where(ARTICLES.c.id.in_(select(CLAIMS.c.article_id).where(in_range).distinct()))
    by_article: defaultdict[int, list[Any]] = defaultdict(list)
    for row in session.execute(stmt):
        by_article[row.article_id].append(row)
    out: list[MatchClaim] = []
    for article_id, language, body, published in session.execute(article_stmt):
        rows = by_article.get(article_id)
        if not rows:
            continue
        spans = [ClaimSpan(r.id, r.start, r.end, Slots.from_dict(r.slots or {})) for r in rows]
        contexts = sentence_contexts(body, spans)
        for span, row in zip(spans, rows, strict=True):
            context, context_slots = contexts[span.id]
            out.append(
                MatchClaim(
                    id=row.id,
                    article_id=article_id,
                    text=row.text,
                    language=language or "und",
                    slots=span.slots,
                    negated=bool(row.negated),
                    context=context,
                    context_slots=context_slots,
                    vector=None if row.vector is None else from_bytes(row.vector),
                    published=published,
                )
            )
    return out


@dataclass(slots=True)
class _CachedIndex:
    fingerprint: tuple[int, int, int]
    index: MatchIndex
    since: int  # the lowest claim id the index holds: the fingerprint covers the claims from it on


# One blocking index per open database, reused by later imports in the same process while the
# claims it holds are unchanged (from its lowest id on: same count, highest id and sum of versions, so
# an edit, a deletion or another process's import invalidates it). It is only updated once the import
# has committed. Claims older than the index are left out of the fingerprint: it reads the window,
# not the whole table, so each batch of an archive's import costs the same however large the store.
_INDEXES: dict[str, _CachedIndex] = {}


def _cache_key(session: Session) -> str:
    engine = session.get_bind().engine
    return f"{engine.url}#{id(engine)}"


def _fingerprint(session: Session, exclude: set[int], since: int = 0) -> tuple[int, int, int]:
    stmt = select(func.count(), func.coalesce(func.max(CLAIMS.c.id), 0), func.coalesce(func.sum(CLAIMS.c.version), 0))
    if since:
        stmt = stmt.where(CLAIMS.c.id >= since)
    if exclude:
        low, high = min(exclude), max(exclude)
        # An import's new claims are one run of ids: a range, not thousands of bound parameters (that
        # query took about half a millisecond of CPU an article to compile and run).
        leave_out = CLAIMS.c.id.between(low, high) if high - low + 1 == len(exclude) else CLAIMS.c.id.in_(exclude)
        stmt = stmt.where(~leave_out)
    count, highest, versions = session.execute(stmt).one()
    return int(count), int(highest), int(versions)


def _lowest_id(index: MatchIndex) -> int:
    return index.features[0].claim.id if len(index) else 0


def _stored_index(session: Session, new_ids: set[int]) -> MatchIndex:
    """The index of the newest ``MATCH_WINDOW`` stored claims but the new ones: from the cache when still valid."""
    cached = _INDEXES.pop(_cache_key(session), None)  # taken out: it is about to grow
    if cached is not None and cached.fingerprint == _fingerprint(session, new_ids, cached.since):
        return cached.index
    return window_before(session, None, exclude=new_ids)


def window_before(
    session: Session, claim_id: int | None, *, exclude: set[int] | frozenset[int] = frozenset()
) -> MatchIndex:
    """A fresh index of the ``MATCH_WINDOW`` newest claims stored before ``claim_id`` (None: of all),
    added in id order as an import would have added them."""
    newest = select(CLAIMS.c.id).order_by(CLAIMS.c.id.desc())
    if claim_id is not None:
        newest = newest.where(CLAIMS.c.id < claim_id)
    if exclude:
        newest = newest.where(CLAIMS.c.id.not_in(exclude))
    floor = session.execute(newest.offset(MATCH_WINDOW - 1).limit(1)).scalar()
    top = session.execute(select(func.max(CLAIMS.c.id))).scalar() or 0
    last = top if claim_id is None else claim_id - 1
    with gc_paused():
        index = MatchIndex(window=MATCH_WINDOW)
        claims = [c for c in load_match_claims(session, ids=(floor or 0, last)) if c.id not in exclude]
        index.extend(features_of(c) for c in sorted(claims, key=lambda c: c.id))
    return index


def match_new_claims(
    session: Session,
    claim_ids: Sequence[int],
    *,
    vectors: bool = False,
    features: Sequence[ClaimFeatures] | None = None,
) -> MatchSummary:
    """Match newly stored claims against the newest ``MATCH_WINDOW`` stored claims (the import hook).

    With ``vectors``, claims of the candidate pairs that have no sentence vector yet are encoded in
    one batch and stored (``claim_vector``); without (an import: the encoder runs at about 70
    sentences/s here, ``db.claim_vectors`` runs it afterwards), pairs lacking one are scored by the
    model fitted without the cosine. ``features`` are the new claims' own (``features_of``), when the
    caller has them: they are not read back from the database then.
    """
    if not claim_ids:
        return MatchSummary(0, 0, 0, 0, 0, 0, 0)
    new_ids = set(claim_ids)
    index = _stored_index(session, new_ids)
    if features is None:
        articles = session.execute(select(CLAIMS.c.article_id).where(CLAIMS.c.id.in_(new_ids)).distinct()).scalars()
        features = [features_of(c) for c in load_match_claims(session, list(articles)) if c.id in new_ids]
    result = match_new(index, features, encode=partial(encode_and_store, session) if vectors else None)
    summary = store_findings(session, findings(result), result.candidates, len(new_ids), full=False)
    since = _lowest_id(index)
    key, fingerprint = _cache_key(session), _fingerprint(session, set(), since)

    def remember(_session: Session) -> None:
        _INDEXES[key] = _CachedIndex(fingerprint, index, since)

    event.listen(session, "after_commit", remember, once=True)
    return summary


def encode_and_store(session: Session, claims: Sequence[MatchClaim]) -> dict[int, np.ndarray]:
    """Sentence vectors of ``claims``, stored with each claim's current version (replacing a stale one)."""
    if not claims:
        return {}
    rows = session.execute(select(CLAIMS.c.id, CLAIMS.c.version).where(CLAIMS.c.id.in_([c.id for c in claims])))
    versions = {int(r.id): int(r.version) for r in rows}
    wanted = [c for c in claims if c.id in versions]
    vectors = encode([c.text for c in wanted])
    session.execute(delete(VECTORS).where(VECTORS.c.claim_id.in_(list(versions))))
    session.execute(
        insert(VECTORS),
        [
            {"claim_id": c.id, "version": versions[c.id], "vector": to_bytes(v)}
            for c, v in zip(wanted, vectors, strict=True)
        ],
    )
    return {c.id: v for c, v in zip(wanted, vectors, strict=True)}


def match_all(session: Session, *, workers: int = 1, vectors: bool = True) -> MatchSummary:
    """Re-match every stored claim; reviewer decisions are kept, stale suggestions dropped.

    ``workers > 1`` verifies candidate pairs in forked processes: only for single-threaded callers.
    With ``vectors``, claims that have candidates and no stored vector are encoded (once) first.
    """
    with gc_paused():
        claims = load_match_claims(session)
        if vectors:
            claims = _with_missing_vectors(session, claims)
        found, candidates = rematch(claims, workers=workers)
    return store_findings(session, found, candidates, len(claims), full=True)


def _with_missing_vectors(session: Session, claims: list[MatchClaim]) -> list[MatchClaim]:
    """``claims`` with vectors for those in a candidate pair that have none (encoded and stored)."""
    if all(c.vector is not None for c in claims):
        return claims
    left, right = candidate_pairs([features_of(c) for c in claims])
    positions = set(left.tolist()) | set(right.tolist())
    missing = [claims[p] for p in sorted(positions) if claims[p].vector is None]
    vectors = encode_and_store(session, missing)
    return [replace(c, vector=vectors[c.id]) if c.id in vectors else c for c in claims]

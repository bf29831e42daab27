"""Claim links and contradiction flags in the database: matching runs and reviewer decisions.

Matching is incremental after an import (new claims against everything stored, in the import's
transaction) and complete on demand (``match_all``). Re-running never overrides a reviewer: a
confirmed or rejected link and a confirmed or dismissed contradiction stay as decided; suggestions
the matcher no longer makes are dropped only while undecided. Contradictions are not re-raised on a
link a reviewer rejected. Every decision is written to the audit log with before and after.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import Table, bindparam, delete, event, func, insert, select, update
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers the tables)
from db import audit
from db.models import ClaimLink, Contradiction
from db.types import utcnow
from factcheck.bulk import gc_paused
from factcheck.contradictions import ContradictionFlag, Findings, findings, rematch
from factcheck.errors import InvalidValueError, NotFoundError
from factcheck.matching import Link, MatchClaim, MatchIndex, features_of, match_new
from factcheck.matching import clusters as cluster_ids
from factcheck.matching.blocking import candidate_pairs
from factcheck.matching.context import ClaimSpan, sentence_contexts
from factcheck.model import Slots
from factcheck.text.encoder import encode, from_bytes, to_bytes

__all__ = [
    "CONTRADICTION_REASONS",
    "MatchSummary",
    "decide_contradiction",
    "decide_link",
    "list_clusters",
    "list_contradictions",
    "load_match_claims",
    "match_all",
    "match_new_claims",
]

CONTRADICTION_REASONS = ("real_conflict", "different_event", "different_period", "later_correction")
LINK_DECISIONS = {"confirm": "confirmed", "reject": "rejected"}
CONTRADICTION_DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}

ARTICLES: Table = SQLModel.metadata.tables["article"]
CLAIMS: Table = SQLModel.metadata.tables["claim"]
LINKS: Table = SQLModel.metadata.tables["claim_link"]
CONTRADICTIONS: Table = SQLModel.metadata.tables["contradiction"]
VECTORS: Table = SQLModel.metadata.tables["claim_vector"]


@dataclass(frozen=True, slots=True)
class MatchSummary:
    claims: int  # claims matched (new ones, or all for a full re-match)
    candidates: int  # pairs proposed by blocking
    links_added: int
    links_updated: int
    links_dropped: int
    contradictions_added: int
    contradictions_dropped: int

    def to_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


def load_match_claims(session: Session, article_ids: Iterable[int] | None = None) -> list[MatchClaim]:
    """Stored claims (of ``article_ids``, or all) with their sentence context and stored vector (when
    it was computed from the claim's current version), as matching sees them."""
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
    article_stmt = select(ARTICLES.c.id, ARTICLES.c.language, ARTICLES.c.body)
    if article_ids is not None:
        wanted = sorted(set(article_ids))
        stmt = stmt.where(CLAIMS.c.article_id.in_(wanted))
        article_stmt = article_stmt.where(ARTICLES.c.id.in_(wanted))
    by_article: defaultdict[int, list[Any]] = defaultdict(list)
    for row in session.execute(stmt):
        by_article[row.article_id].append(row)
    out: list[MatchClaim] = []
    for article_id, language, body in session.execute(article_stmt):
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
                )
            )
    return out


@dataclass(slots=True)
class _CachedIndex:
    fingerprint: tuple[int, int, int]
    index: MatchIndex


# One blocking index per open database, reused by later imports in the same process while the
# stored claims are unchanged (same count, highest id and sum of versions, so an edit, a deletion
# or another process's import invalidates it). It is only updated once the import has committed.
_INDEXES: dict[str, _CachedIndex] = {}


def _cache_key(session: Session) -> str:
    engine = session.get_bind().engine
    return f"{engine.url}#{id(engine)}"


def _fingerprint(session: Session, exclude: set[int]) -> tuple[int, int, int]:
    stmt = select(func.count(), func.coalesce(func.max(CLAIMS.c.id), 0), func.coalesce(func.sum(CLAIMS.c.version), 0))
    if exclude:
        stmt = stmt.where(CLAIMS.c.id.not_in(exclude))
    count, highest, versions = session.execute(stmt).one()
    return int(count), int(highest), int(versions)


def _stored_index(session: Session, new_ids: set[int]) -> MatchIndex:
    """The index of every stored claim but the new ones: from the cache when still valid."""
    cached = _INDEXES.pop(_cache_key(session), None)  # taken out: it is about to grow
    if cached is not None and cached.fingerprint == _fingerprint(session, new_ids):
        return cached.index
    with gc_paused():
        index = MatchIndex()
        index.extend(features_of(c) for c in load_match_claims(session) if c.id not in new_ids)
    return index


def match_new_claims(session: Session, claim_ids: Sequence[int], *, vectors: bool = True) -> MatchSummary:
    """Match newly stored claims against every other stored claim (the import hook).

    With ``vectors``, claims of the candidate pairs that have no sentence vector yet are encoded in
    one batch and stored (``claim_vector``); without, pairs lacking one are scored by the model
    fitted without the cosine (faster: the encoder runs at about 70 sentences/s here).
    """
    if not claim_ids:
        return MatchSummary(0, 0, 0, 0, 0, 0, 0)
    new_ids = set(claim_ids)
    index = _stored_index(session, new_ids)
    articles = session.execute(select(CLAIMS.c.article_id).where(CLAIMS.c.id.in_(new_ids)).distinct()).scalars()
    new = [c for c in load_match_claims(session, list(articles)) if c.id in new_ids]
    result = match_new(index, new, encode=partial(_encode_and_store, session) if vectors else None)
    summary = _store(session, findings(result), result.candidates, len(new_ids), full=False)
    key, fingerprint = _cache_key(session), _fingerprint(session, set())

    def remember(_session: Session) -> None:
        _INDEXES[key] = _CachedIndex(fingerprint, index)

    event.listen(session, "after_commit", remember, once=True)
    return summary


def _encode_and_store(session: Session, claims: Sequence[MatchClaim]) -> dict[int, np.ndarray]:
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
    return _store(session, found, candidates, len(claims), full=True)


def _with_missing_vectors(session: Session, claims: list[MatchClaim]) -> list[MatchClaim]:
    """``claims`` with vectors for those in a candidate pair that have none (encoded and stored)."""
    if all(c.vector is not None for c in claims):
        return claims
    left, right = candidate_pairs([features_of(c) for c in claims])
    positions = set(left.tolist()) | set(right.tolist())
    missing = [claims[p] for p in sorted(positions) if claims[p].vector is None]
    vectors = _encode_and_store(session, missing)
    return [replace(c, vector=vectors[c.id]) if c.id in vectors else c for c in claims]


def _link_row(link: Link, now: Any) -> dict[str, Any]:
    return {
        "claim_a_id": link.claim_a_id,
        "claim_b_id": link.claim_b_id,
        "score": link.score,
        "text_score": link.text_score,
        "slot_score": link.slot_score,
        "method": link.method,
        "status": "suggested",
        "created_at": now,
    }


def _flag_row(flag: ContradictionFlag, now: Any) -> dict[str, Any]:
    return {
        "claim_a_id": flag.claim_a_id,
        "claim_b_id": flag.claim_b_id,
        "kind": str(flag.kind),
        "value_a": flag.value_a,
        "value_b": flag.value_b,
        "explanation": flag.explanation,
        "status": "open",
        "created_at": now,
    }


def _touching(table: Table, ids: set[int] | None) -> Any:
    stmt = select(table)
    if ids is not None:
        stmt = stmt.where(table.c.claim_a_id.in_(ids) | table.c.claim_b_id.in_(ids))
    return stmt


def _store(session: Session, found: Findings, candidates: int, claims: int, *, full: bool) -> MatchSummary:
    now = utcnow()
    ids = None if full else {i for link in found.links for i in (link.claim_a_id, link.claim_b_id)}
    existing = {(r.claim_a_id, r.claim_b_id): r for r in session.execute(_touching(LINKS, ids))}
    produced = {(link.claim_a_id, link.claim_b_id): link for link in found.links}

    new_links = [_link_row(link, now) for pair, link in produced.items() if pair not in existing]
    updated = [
        {"row_id": existing[pair].id, **{f"new_{k}": getattr(link, k) for k in _SCORE_FIELDS}}
        for pair, link in produced.items()
        if pair in existing
        and existing[pair].status == "suggested"
        and any(getattr(existing[pair], k) != getattr(link, k) for k in _SCORE_FIELDS)
    ]
    stale_links = [r.id for pair, r in existing.items() if pair not in produced and r.status == "suggested"]
    if new_links:
        session.execute(insert(LINKS), new_links)
    if updated:
        session.execute(
            update(LINKS)
            .where(LINKS.c.id == bindparam("row_id"))
            .values({name: bindparam(f"new_{name}") for name in _SCORE_FIELDS}),
            updated,
        )
    if full and stale_links:
        session.execute(delete(LINKS).where(LINKS.c.id.in_(stale_links)))

    rejected = {pair for pair, r in existing.items() if r.status == "rejected"}
    flags = {
        (f.claim_a_id, f.claim_b_id, str(f.kind)): f
        for f in found.flags
        if (f.claim_a_id, f.claim_b_id) not in rejected
    }
    old_flags = {(r.claim_a_id, r.claim_b_id, r.kind): r for r in session.execute(_touching(CONTRADICTIONS, ids))}
    new_flags = [_flag_row(f, now) for key, f in flags.items() if key not in old_flags]
    refreshed = [
        {"row_id": old_flags[key].id, "new_a": f.value_a, "new_b": f.value_b, "new_text": f.explanation}
        for key, f in flags.items()
        if key in old_flags
        and old_flags[key].status == "open"
        and (old_flags[key].value_a, old_flags[key].value_b, old_flags[key].explanation)
        != (f.value_a, f.value_b, f.explanation)
    ]
    stale_flags = [r.id for key, r in old_flags.items() if key not in flags and r.status == "open"]
    if new_flags:
        session.execute(insert(CONTRADICTIONS), new_flags)
    if refreshed:
        session.execute(
            update(CONTRADICTIONS)
            .where(CONTRADICTIONS.c.id == bindparam("row_id"))
            .values(
                value_a=bindparam("new_a", type_=CONTRADICTIONS.c.value_a.type),
                value_b=bindparam("new_b", type_=CONTRADICTIONS.c.value_b.type),
                explanation=bindparam("new_text"),
            ),
            refreshed,
        )
    if full and stale_flags:
        session.execute(delete(CONTRADICTIONS).where(CONTRADICTIONS.c.id.in_(stale_flags)))
    return MatchSummary(
        claims=claims,
        candidates=candidates,
        links_added=len(new_links),
        links_updated=len(updated),
        links_dropped=len(stale_links) if full else 0,
        contradictions_added=len(new_flags),
        contradictions_dropped=len(stale_flags) if full else 0,
    )


_SCORE_FIELDS = ("score", "text_score", "slot_score", "method")


def decide_link(session: Session, link_id: int, *, decision: str, reviewer: str) -> ClaimLink:
    """Confirm or reject a suggested link; rejecting withdraws its open contradictions."""
    status = LINK_DECISIONS.get(decision)
    if status is None:
        raise InvalidValueError(f"unknown link decision {decision!r}; use confirm or reject")
    link = session.get(ClaimLink, link_id)
    if link is None:
        raise NotFoundError(f"no link with id {link_id}")
    before = {"status": link.status, "reviewer": link.reviewer}
    if link.status == status:
        return link
    withdrawn: list[int] = []
    if status == "rejected":
        open_flags = session.execute(
            select(CONTRADICTIONS.c.id).where(
                CONTRADICTIONS.c.claim_a_id == link.claim_a_id,
                CONTRADICTIONS.c.claim_b_id == link.claim_b_id,
                CONTRADICTIONS.c.status == "open",
            )
        )
        withdrawn = list(open_flags.scalars())
        if withdrawn:
            session.execute(delete(CONTRADICTIONS).where(CONTRADICTIONS.c.id.in_(withdrawn)))
    link.status, link.reviewer, link.decided_at = status, reviewer, utcnow()
    session.add(link)
    after: dict[str, Any] = {"status": status, "reviewer": reviewer}
    if withdrawn:
        after["withdrawn_contradictions"] = withdrawn
    audit.record(
        session,
        reviewer=reviewer,
        action=f"link.{decision}",
        entity="claim_link",
        entity_id=link_id,
        claim_id=link.claim_a_id,
        before=before,
        after=after,
    )
    session.flush()
    return link


def decide_contradiction(
    session: Session, contradiction_id: int, *, decision: str, reason: str, reviewer: str
) -> Contradiction:
    """Confirm or dismiss a contradiction with one of ``CONTRADICTION_REASONS``."""
    status = CONTRADICTION_DECISIONS.get(decision)
    if status is None:
        raise InvalidValueError(f"unknown contradiction decision {decision!r}; use confirm or dismiss")
    if reason not in CONTRADICTION_REASONS:
        raise InvalidValueError(f"unknown reason {reason!r}; use one of {', '.join(CONTRADICTION_REASONS)}")
    row = session.get(Contradiction, contradiction_id)
    if row is None:
        raise NotFoundError(f"no contradiction with id {contradiction_id}")
    before = {"status": row.status, "reason": row.reason, "reviewer": row.reviewer}
    row.status, row.reason, row.reviewer, row.decided_at = status, reason, reviewer, utcnow()
    session.add(row)
    audit.record(
        session,
        reviewer=reviewer,
        action=f"contradiction.{decision}",
        entity="contradiction",
        entity_id=contradiction_id,
        claim_id=row.claim_a_id,
        before=before,
        after={"status": status, "reason": reason, "reviewer": reviewer},
    )
    session.flush()
    return row


def _claim_sides(session: Session, claim_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = sorted(set(claim_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(
            CLAIMS.c.id,
            CLAIMS.c.text,
            CLAIMS.c.start,
            CLAIMS.c.end,
            CLAIMS.c.article_id,
            ARTICLES.c.title,
            ARTICLES.c.outlet,
            ARTICLES.c.language,
        )
        .join(ARTICLES, ARTICLES.c.id == CLAIMS.c.article_id)
        .where(CLAIMS.c.id.in_(ids))
    )
    return {
        r.id: {
            "id": r.id,
            "text": r.text,
            "start": r.start,
            "end": r.end,
            "article_id": r.article_id,
            "article": r.title,
            "outlet": r.outlet,
            "language": r.language,
        }
        for r in rows
    }


def _link_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "claim_a_id": row.claim_a_id,
        "claim_b_id": row.claim_b_id,
        "score": row.score,
        "text_score": row.text_score,
        "slot_score": row.slot_score,
        "method": row.method,
        "status": row.status,
        "reviewer": row.reviewer,
    }


def list_clusters(session: Session) -> list[dict[str, Any]]:
    """Clusters of claims joined by links a reviewer has not rejected, biggest first.

    ``reported_by`` counts distinct outlets (an article without one counts as its own outlet).
    """
    rows = list(session.execute(select(LINKS).where(LINKS.c.status != "rejected").order_by(LINKS.c.id)))
    groups = cluster_ids((r.claim_a_id, r.claim_b_id) for r in rows)
    sides = _claim_sides(session, (i for group in groups for i in group))
    member_of = {claim_id: n for n, group in enumerate(groups) for claim_id in group}
    links_of: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        links_of[member_of[row.claim_a_id]].append(_link_json(row))
    out: list[dict[str, Any]] = []
    for n, group in enumerate(groups):
        claims = [sides[i] for i in group if i in sides]
        outlets = sorted({c["outlet"] or f"article {c['article_id']}" for c in claims})
        out.append(
            {
                "key": group[0],
                "size": len(group),
                "articles": sorted({c["article_id"] for c in claims}),
                "outlets": outlets,
                "reported_by": len(outlets),
                "claims": claims,
                "links": links_of[n],
            }
        )
    return out


def list_contradictions(session: Session, status: str | None = None) -> list[dict[str, Any]]:
    """Contradictions (optionally of one status) with both claims and the link between them."""
    if status is not None and status not in ("open", *CONTRADICTION_DECISIONS.values()):
        raise InvalidValueError(f"unknown status {status!r}; use open, confirmed or dismissed")
    stmt = select(CONTRADICTIONS).order_by(CONTRADICTIONS.c.id)
    if status is not None:
        stmt = stmt.where(CONTRADICTIONS.c.status == status)
    rows = list(session.execute(stmt))
    sides = _claim_sides(session, (i for r in rows for i in (r.claim_a_id, r.claim_b_id)))
    links = {
        (r.claim_a_id, r.claim_b_id): r
        for r in session.execute(select(LINKS).where(LINKS.c.claim_a_id.in_({r.claim_a_id for r in rows})))
    }
    out: list[dict[str, Any]] = []
    for r in rows:
        link = links.get((r.claim_a_id, r.claim_b_id))
        out.append(
            {
                "id": r.id,
                "kind": r.kind,
                "status": r.status,
                "reason": r.reason,
                "reviewer": r.reviewer,
                "decided_at": r.decided_at.isoformat() if r.decided_at else None,
                "value_a": r.value_a,
                "value_b": r.value_b,
                "explanation": r.explanation,
                "claim_a": sides.get(r.claim_a_id),
                "claim_b": sides.get(r.claim_b_id),
                "link": {"id": link.id, "status": link.status, "score": link.score} if link else None,
            }
        )
    return out

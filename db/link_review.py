"""Reviewer decisions on claim links and contradiction flags, and the lists a reviewer works from.

Every decision is written to the audit history with before and after; rejecting a link withdraws
its open contradictions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, delete, select
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers the tables)
from db import audit
from db.models import ClaimLink, Contradiction
from db.types import utcnow
from factcheck.errors import InvalidValueError, NotFoundError
from factcheck.matching import clusters as cluster_ids

__all__ = [
    "CONTRADICTION_REASONS",
    "decide_contradiction",
    "decide_link",
    "list_clusters",
    "list_contradictions",
]

CONTRADICTION_REASONS = ("real_conflict", "different_event", "different_period", "later_correction")
LINK_DECISIONS = {"confirm": "confirmed", "reject": "rejected"}
CONTRADICTION_DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}

ARTICLES: Table = SQLModel.metadata.tables["article"]
CLAIMS: Table = SQLModel.metadata.tables["claim"]
LINKS: Table = SQLModel.metadata.tables["claim_link"]
CONTRADICTIONS: Table = SQLModel.metadata.tables["contradiction"]


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

"""One claim with everything around it (links, flags, sources, verdict), and the contradiction list.

The contradiction list is a keyset page like the lists in ``db.queries``, ordered by the
``ix_contradiction_status`` index; the rows of a page carry both claims, loaded for that page only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session, col
from sqlmodel import select as model_select

from db.models import Article, AuditEntry, Claim, ClaimLink, ClaimSource, Contradiction, Meta, Source, Verdict
from db.queries import Direction
from factcheck.errors import NotFoundError

__all__ = [
    "ClaimDetail",
    "ContradictionPage",
    "ContradictionRow",
    "LinkRow",
    "SideRow",
    "SourceRow",
    "claim_detail",
    "contradiction_page",
    "contradiction_row",
    "count_contradictions",
    "meta_value",
]


def _rows(session: Session, stmt: Any) -> Any:
    """Run a Core select of columns (SQLModel's ``exec`` is typed for entity selects)."""
    return session.execute(stmt)


# ------------------------------------------------------------------------------------------ claim detail


@dataclass(frozen=True, slots=True)
class SideRow:
    """One claim as shown beside another: enough to draw it and mark its values."""

    claim_id: int
    article_id: int
    text: str
    start: int
    slots: dict[str, Any]
    outlet: str | None
    published: date | None
    language: str


@dataclass(frozen=True, slots=True)
class LinkRow:
    id: int
    other: SideRow
    score: float
    text_score: float
    slot_score: float
    method: str
    status: str


@dataclass(frozen=True, slots=True)
class ContradictionRow:
    id: int
    kind: str
    value_a: Any
    value_b: Any
    explanation: str
    status: str
    reason: str | None
    reviewer: str | None
    side_a: SideRow
    side_b: SideRow

    @property
    def key(self) -> int:
        return self.id


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    url: str
    title: str | None
    stance: str
    quote: str | None
    quote_found: bool | None
    note: str | None
    http_status: int | None
    error: str | None
    fetched_at: datetime | None
    reviewer: str


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    claim: Claim
    article: Article
    links: list[LinkRow]
    contradictions: list[ContradictionRow]
    sources: list[SourceRow]
    verdicts: list[Verdict]
    history: list[AuditEntry]


def _sides(session: Session, ids: Sequence[int]) -> dict[int, SideRow]:
    if not ids:
        return {}
    rows = _rows(
        session,
        select(
            col(Claim.id),
            col(Claim.article_id),
            col(Claim.text),
            col(Claim.start),
            col(Claim.slots),
            col(Article.outlet),
            col(Article.published),
            col(Article.language),
        )
        .join(Article, col(Article.id) == col(Claim.article_id))
        .where(col(Claim.id).in_(set(ids))),
    ).all()
    return {
        int(r[0]): SideRow(
            claim_id=r[0],
            article_id=r[1],
            text=r[2],
            start=r[3],
            slots=dict(r[4] or {}),
            outlet=r[5],
            published=r[6],
            language=r[7],
        )
        for r in rows
    }


def _contradiction_rows(session: Session, items: Sequence[Contradiction]) -> list[ContradictionRow]:
    sides = _sides(session, [c.claim_a_id for c in items] + [c.claim_b_id for c in items])
    return [
        ContradictionRow(
            id=int(c.id or 0),
            kind=c.kind,
            value_a=c.value_a,
            value_b=c.value_b,
            explanation=c.explanation,
            status=c.status,
            reason=c.reason,
            reviewer=c.reviewer,
            side_a=sides[c.claim_a_id],
            side_b=sides[c.claim_b_id],
        )
        for c in items
        if c.claim_a_id in sides and c.claim_b_id in sides
    ]


def claim_detail(*, session: Session, claim_id: int) -> ClaimDetail:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    article = session.get(Article, claim.article_id)
    if article is None:  # pragma: no cover - the foreign key forbids it
        raise NotFoundError(f"claim {claim_id}: its article {claim.article_id} is missing")
    links = list(
        session.exec(
            model_select(ClaimLink)
            .where(or_(col(ClaimLink.claim_a_id) == claim_id, col(ClaimLink.claim_b_id) == claim_id))
            .order_by(col(ClaimLink.score).desc(), col(ClaimLink.id))
        ).all()
    )
    others = [link.claim_b_id if link.claim_a_id == claim_id else link.claim_a_id for link in links]
    sides = _sides(session, others)
    link_rows = [
        LinkRow(
            id=int(link.id or 0),
            other=sides[other],
            score=link.score,
            text_score=link.text_score,
            slot_score=link.slot_score,
            method=link.method,
            status=link.status,
        )
        for link, other in zip(links, others, strict=True)
        if other in sides
    ]
    contradictions = list(
        session.exec(
            model_select(Contradiction)
            .where(or_(col(Contradiction.claim_a_id) == claim_id, col(Contradiction.claim_b_id) == claim_id))
            .order_by(col(Contradiction.id))
        ).all()
    )
    sources = session.exec(
        model_select(ClaimSource, Source)
        .join(Source, col(Source.id) == col(ClaimSource.source_id))
        .where(col(ClaimSource.claim_id) == claim_id)
        .order_by(col(ClaimSource.id))
    ).all()
    source_rows = [
        SourceRow(
            id=int(source.id or 0),
            url=source.url,
            title=source.title,
            stance=link.stance,
            quote=link.quote,
            quote_found=link.quote_found,
            note=link.note,
            http_status=source.http_status,
            error=source.error,
            fetched_at=source.fetched_at,
            reviewer=link.reviewer,
        )
        for link, source in sources
    ]
    verdicts = list(
        session.exec(model_select(Verdict).where(col(Verdict.claim_id) == claim_id).order_by(col(Verdict.id))).all()
    )
    history = list(
        session.exec(
            model_select(AuditEntry).where(col(AuditEntry.claim_id) == claim_id).order_by(col(AuditEntry.id))
        ).all()
    )
    return ClaimDetail(
        claim=claim,
        article=article,
        links=link_rows,
        contradictions=_contradiction_rows(session, contradictions),
        sources=source_rows,
        verdicts=verdicts,
        history=history,
    )


# ------------------------------------------------------------------------------------- contradictions


@dataclass(frozen=True, slots=True)
class ContradictionPage:
    rows: list[ContradictionRow]
    has_more: bool


def count_contradictions(*, session: Session, status: str | None = "open") -> int:
    stmt = select(func.count()).select_from(Contradiction)
    if status:
        stmt = stmt.where(col(Contradiction.status) == status)
    return int(_rows(session, stmt).one()[0])


def contradiction_page(
    *,
    session: Session,
    status: str | None = "open",
    after: int | None = None,
    direction: Direction = "next",
    limit: int = 200,
) -> ContradictionPage:
    """Flags in the order they were raised (``status, id`` index)."""
    stmt = model_select(Contradiction)
    if status:
        stmt = stmt.where(col(Contradiction.status) == status)
    if direction == "next":
        if after is not None:
            stmt = stmt.where(col(Contradiction.id) > after)
        stmt = stmt.order_by(col(Contradiction.id).asc())
    else:
        if after is not None:
            stmt = stmt.where(col(Contradiction.id) < after)
        stmt = stmt.order_by(col(Contradiction.id).desc())
    items = list(session.exec(stmt.limit(limit + 1)).all())
    has_more = len(items) > limit
    items = items[:limit]
    if direction == "prev":
        items.reverse()
    return ContradictionPage(rows=_contradiction_rows(session, items), has_more=has_more)


def contradiction_row(*, session: Session, contradiction_id: int) -> ContradictionRow:
    item = session.get(Contradiction, contradiction_id)
    if item is None:
        raise NotFoundError(f"no contradiction with id {contradiction_id}")
    rows = _contradiction_rows(session, [item])
    if not rows:  # pragma: no cover - the foreign keys forbid it
        raise NotFoundError(f"contradiction {contradiction_id}: a claim is missing")
    return rows[0]


def meta_value(*, session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None

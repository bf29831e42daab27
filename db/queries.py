"""Read queries behind the workbench's lists: small pages through keyset pagination, never offsets.

Every list is ordered by a key that a composite index serves (``ix_claim_status_cw``, ``ix_claim_cw``,
``ix_claim_article_span``, ``ix_article_published``), and a page is "the
next ``limit`` rows after this key", so page 500 costs what page 1 costs. Keys are compared as SQL
row values. Counts and per-row figures are computed for the rows of one page only.

Text search is ``db.search`` (the backend's own full-text index over ``claim.norm_text``); where SQL
differs between SQLite and PostgreSQL, the construct comes from ``db.dialect``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    case,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlmodel import Session, col

from db.assignment import assignee_condition
from db.dialect import TextKey
from db.models import (
    Article,
    Claim,
    Contradiction,
    FactCheck,
    PriorMatch,
    Verdict,
)
from db.search import claim_search_condition
from factcheck.errors import InvalidValueError
from factcheck.text.titles import TITLE_SOURCE_CHARS, stand_in_title

__all__ = [
    "REVIEWED_STATUSES",
    "ArticlePage",
    "ArticleRow",
    "ClaimFilter",
    "ClaimPage",
    "ClaimRow",
    "article_page",
    "claim_page",
    "count_articles",
    "count_claims",
    "next_unreviewed",
]

REVIEWED_STATUSES = ("drafted", "published", "dismissed")
ClaimSort = Literal["checkworthiness", "published", "position"]
CLAIM_SORTS: tuple[ClaimSort, ...] = ("checkworthiness", "published", "position")
Direction = Literal["next", "prev"]


def _rows(session: Session, stmt: Any) -> Any:
    """Run a Core select of columns (SQLModel's ``exec`` is typed for entity selects)."""
    return session.execute(stmt)


# --------------------------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str | None
    outlet: str | None
    published: date | None
    language: str
    claims: int
    reviewed: int
    open_contradictions: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.published.isoformat() if self.published else "", self.id)

    @property
    def reviewed_share(self) -> float:
        return self.reviewed / self.claims if self.claims else 0.0


@dataclass(frozen=True, slots=True)
class ArticlePage:
    rows: list[ArticleRow]
    has_more: bool


def _published_key() -> ColumnElement[Any]:
    return TextKey(col(Article.published))


def count_articles(*, session: Session) -> int:
    return int(_rows(session, select(func.count()).select_from(Article)).one()[0])


def article_page(
    *,
    session: Session,
    after: tuple[str, int] | None = None,
    direction: Direction = "next",
    limit: int = 200,
) -> ArticlePage:
    """Newest first: ``(published DESC, id DESC)``."""
    key = tuple_(_published_key(), col(Article.id))
    stmt = select(
        col(Article.id),
        func.coalesce(col(Article.title), func.substr(col(Article.body), 1, TITLE_SOURCE_CHARS)),
        col(Article.outlet),
        col(Article.published),
        col(Article.language),
        col(Article.title).is_(None),
    )
    if direction == "next":
        if after is not None:
            stmt = stmt.where(key < tuple_(literal(after[0]), literal(after[1])))
        stmt = stmt.order_by(_published_key().desc(), col(Article.id).desc())
    else:
        if after is not None:
            stmt = stmt.where(key > tuple_(literal(after[0]), literal(after[1])))
        stmt = stmt.order_by(_published_key().asc(), col(Article.id).asc())
    base = list(_rows(session, stmt.limit(limit + 1)).all())
    has_more = len(base) > limit
    base = base[:limit]
    if direction == "prev":
        base.reverse()
    ids = [row[0] for row in base]
    counts = _article_counts(session, ids)
    rows = [
        ArticleRow(
            id=r[0],
            title=stand_in_title(r[1]) if r[5] else r[1],
            outlet=r[2],
            published=r[3],
            language=r[4],
            claims=counts.get(r[0], (0, 0, 0))[0],
            reviewed=counts.get(r[0], (0, 0, 0))[1],
            open_contradictions=counts.get(r[0], (0, 0, 0))[2],
        )
        for r in base
    ]
    return ArticlePage(rows=rows, has_more=has_more)


def _article_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    if not ids:
        return {}
    reviewed = func.sum(case((col(Claim.status).in_(REVIEWED_STATUSES), 1), else_=0))
    claim_counts = _rows(
        session,
        select(col(Claim.article_id), func.count(), reviewed)
        .where(col(Claim.article_id).in_(ids))
        .group_by(col(Claim.article_id)),
    ).all()
    out = {int(r[0]): (int(r[1]), int(r[2] or 0), 0) for r in claim_counts}
    open_counts = _rows(
        session,
        select(col(Claim.article_id), func.count(func.distinct(col(Contradiction.id))))
        .join(
            Contradiction,
            or_(
                col(Contradiction.claim_a_id) == col(Claim.id),
                col(Contradiction.claim_b_id) == col(Claim.id),
            ),
        )
        .where(col(Contradiction.status) == "open", col(Claim.article_id).in_(ids))
        .group_by(col(Claim.article_id)),
    ).all()
    for article_id, count in open_counts:
        claims, done, _ = out.get(int(article_id), (0, 0, 0))
        out[int(article_id)] = (claims, done, int(count))
    return out


# ----------------------------------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What the claims screen shows; ``search`` is the user's raw text."""

    article_id: int | None = None
    status: str | None = None
    kind: str | None = None
    min_checkworthiness: float | None = None
    has_contradiction: bool = False
    has_prior: bool = False  # a prior fact-check above the badge threshold
    search: str = ""
    sort: ClaimSort = "checkworthiness"
    assignee: str | None = None  # only claims assigned to this reviewer (db.assignment)
    unassigned: bool = False  # only claims assigned to nobody

    def with_(self, **changes: Any) -> ClaimFilter:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    article_id: int
    text: str
    kind: str
    status: str
    checkworthiness: float
    start: int
    outlet: str | None
    published: date | None
    language: str
    contradictions: int
    rating: str | None
    key: tuple[Any, ...] = field(default=())
    prior: str | None = None  # the rating of the best prior fact-check, when it earns a badge


@dataclass(frozen=True, slots=True)
class ClaimPage:
    rows: list[ClaimRow]
    has_more: bool


def _sort_columns(sort: ClaimSort) -> list[Any]:
    if sort == "checkworthiness":
        return [col(Claim.checkworthiness), col(Claim.id)]
    if sort == "published":
        return [_published_key(), col(Claim.id)]
    if sort == "position":
        return [col(Claim.article_id), col(Claim.start), col(Claim.id)]
    raise InvalidValueError(f"sort {sort!r} is not one of: {', '.join(CLAIM_SORTS)}")


def _descending(sort: ClaimSort) -> bool:
    return sort != "position"


def _open_contradiction_count() -> ColumnElement[Any]:
    return (
        select(func.count())
        .where(
            or_(col(Contradiction.claim_a_id) == col(Claim.id), col(Contradiction.claim_b_id) == col(Claim.id)),
            col(Contradiction.status) != "dismissed",
        )
        .correlate(Claim)
        .scalar_subquery()
    )


def _latest_rating() -> ColumnElement[Any]:
    return (
        select(col(Verdict.rating))
        .where(col(Verdict.claim_id) == col(Claim.id))
        .order_by(col(Verdict.id).desc())
        .limit(1)
        .correlate(Claim)
        .scalar_subquery()
    )


def _badge() -> list[ColumnElement[bool]]:
    from factcheck.prior.model import default_model

    return [col(PriorMatch.score) >= default_model().threshold, col(PriorMatch.status) != "rejected"]


def _best_prior() -> ColumnElement[Any]:
    return (
        select(col(FactCheck.rating))
        .join(PriorMatch, col(PriorMatch.factcheck_id) == col(FactCheck.id))
        .where(col(PriorMatch.claim_id) == col(Claim.id), *_badge())
        .order_by(col(PriorMatch.score).desc())
        .limit(1)
        .correlate(Claim)
        .scalar_subquery()
    )


def _claim_conditions(flt: ClaimFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.article_id is not None:
        conditions.append(col(Claim.article_id) == flt.article_id)
    if flt.status:
        conditions.append(col(Claim.status) == flt.status)
    if flt.kind:
        conditions.append(col(Claim.kind) == flt.kind)
    if flt.min_checkworthiness is not None:
        conditions.append(col(Claim.checkworthiness) >= flt.min_checkworthiness)
    if flt.has_contradiction:  # flags are few: collect their claims once rather than probe every claim
        live = col(Contradiction.status) != "dismissed"
        flagged = (
            select(col(Contradiction.claim_a_id)).where(live).union(select(col(Contradiction.claim_b_id)).where(live))
        )
        conditions.append(col(Claim.id).in_(flagged))
    if flt.has_prior:
        conditions.append(col(Claim.id).in_(select(col(PriorMatch.claim_id)).where(*_badge())))
    queue = assignee_condition(assignee=flt.assignee, unassigned=flt.unassigned)
    if queue is not None:
        conditions.append(queue)
    searched = claim_search_condition(flt.search)
    if searched is not None:
        conditions.append(searched)
    return conditions


def _claim_select(flt: ClaimFilter) -> Any:
    stmt = (
        select(
            col(Claim.id),
            col(Claim.article_id),
            col(Claim.text),
            col(Claim.kind),
            col(Claim.status),
            col(Claim.checkworthiness),
            col(Claim.start),
            col(Article.outlet),
            col(Article.published),
            col(Article.language),
            _open_contradiction_count(),
            _latest_rating(),
            *_sort_columns(flt.sort),
            _best_prior(),
        )
        .join(Article, col(Article.id) == col(Claim.article_id))
        .where(*_claim_conditions(flt))
    )
    return stmt


def count_claims(*, session: Session, flt: ClaimFilter) -> int:
    stmt = select(func.count()).select_from(Claim).where(*_claim_conditions(flt))
    if flt.sort == "published":
        stmt = stmt.join(Article, col(Article.id) == col(Claim.article_id))
    return int(_rows(session, stmt).one()[0])


def claim_page(
    *,
    session: Session,
    flt: ClaimFilter,
    after: tuple[Any, ...] | None = None,
    direction: Direction = "next",
    limit: int = 200,
) -> ClaimPage:
    """One page in the filter's order, starting after the row key ``after`` (a ``ClaimRow.key``)."""
    columns = _sort_columns(flt.sort)
    forward = (direction == "next") == _descending(flt.sort)
    # forward=True means "keys smaller than after", i.e. walking a descending order onwards.
    stmt = _claim_select(flt)
    if after is not None:
        key, bound = tuple_(*columns), tuple_(*(literal(v) for v in after))
        stmt = stmt.where(key < bound if forward else key > bound)
    stmt = stmt.order_by(*(c.desc() if forward else c.asc() for c in columns)).limit(limit + 1)
    raw = list(_rows(session, stmt).all())
    has_more = len(raw) > limit
    raw = raw[:limit]
    if direction == "prev":
        raw.reverse()
    n_key = len(columns)
    rows = [
        ClaimRow(
            id=r[0],
            article_id=r[1],
            text=r[2],
            kind=r[3],
            status=r[4],
            checkworthiness=float(r[5]),
            start=r[6],
            outlet=r[7],
            published=r[8],
            language=r[9],
            contradictions=int(r[10] or 0),
            rating=r[11],
            key=tuple(r[12 : 12 + n_key]),
            prior=r[12 + n_key],
        )
        for r in raw
    ]
    return ClaimPage(rows=rows, has_more=has_more)


def next_unreviewed(
    *, session: Session, after: tuple[float, int] | None = None, article_id: int | None = None
) -> tuple[float, int] | None:
    """Key ``(checkworthiness, id)`` of the most check-worthy ``new`` claim after ``after``.

    Walks ``ix_claim_status_cw`` downwards and wraps round to the top when the end is reached.
    """
    for bound in (after, None):
        stmt = select(col(Claim.checkworthiness), col(Claim.id)).where(col(Claim.status) == "new")
        if article_id is not None:
            stmt = stmt.where(col(Claim.article_id) == article_id)
        if bound is not None:
            stmt = stmt.where(
                tuple_(col(Claim.checkworthiness), col(Claim.id)) < tuple_(literal(bound[0]), literal(bound[1]))
            )
        found = _rows(session, stmt.order_by(col(Claim.checkworthiness).desc(), col(Claim.id).desc()).limit(1)).first()
        if found is not None:
            return (float(found[0]), int(found[1]))
        if bound is None:
            break
    return None

"""What the command line lists: articles with their claim counts, claims filtered and ranked, one claim.

Plain queries over the tables, so the command modules call ``db/`` instead of writing SQL themselves.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from db.assignment import assignee_condition
from db.models import Article, Claim
from factcheck.errors import NotFoundError

__all__ = ["articles_with_counts", "claim_and_article", "claim_ids", "list_claims"]


def articles_with_counts(session: Session) -> list[tuple[Article, int]]:
    """Every article in id order, with how many claims it has."""
    counts = select(Claim.article_id, func.count().label("n")).group_by(col(Claim.article_id)).subquery()
    rows = session.exec(
        select(Article, func.coalesce(counts.c.n, 0))
        .join(counts, counts.c.article_id == Article.id, isouter=True)
        .order_by(col(Article.id))
    ).all()
    return [(article, int(n)) for article, n in rows]


def list_claims(
    session: Session,
    *,
    article_id: int | None = None,
    status: str | None = None,
    limit: int | None = None,
    assignee: str | None = None,
    unassigned: bool = False,
    has_prior: bool = False,
) -> list[Claim]:
    """Claims, most check-worthy first; each filter narrows (``assignee``/``unassigned``: the queue)."""
    query = select(Claim)
    if has_prior:
        from db.prior_review import badged_claim_ids

        query = query.where(col(Claim.id).in_(badged_claim_ids()))
    condition = assignee_condition(assignee=assignee, unassigned=unassigned)
    if condition is not None:
        query = query.where(condition)
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    if status is not None:
        query = query.where(Claim.status == status)
    query = query.order_by(col(Claim.checkworthiness).desc(), col(Claim.id))
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query).all())


def claim_and_article(session: Session, claim_id: int) -> tuple[Claim, Article]:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    article = session.get(Article, claim.article_id)
    assert article is not None  # foreign key
    return claim, article


def claim_ids(session: Session, *, article_id: int | None = None) -> list[int]:
    """Ids of every claim, or of one article's claims (NotFoundError when there is no such article)."""
    query = select(Claim.id).order_by(col(Claim.id))
    if article_id is not None:
        if session.get(Article, article_id) is None:
            raise NotFoundError(f"no article {article_id}")
        query = query.where(col(Claim.article_id) == article_id)
    return [i for i in session.exec(query).all() if i is not None]

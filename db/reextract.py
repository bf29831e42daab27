"""Run extraction again over stored articles without losing reviewer work.

A claim a reviewer has touched (any status but new, an edit, a verdict, a source, a decided link or
contradiction, or any audit entry) is kept exactly as it is; untouched extracted claims are replaced by
what the current extractor finds, minus spans a kept claim already covers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, insert, or_
from sqlmodel import Session, col, select

from db.engine import Database
from db.models import Article, AuditEntry, Claim, ClaimLink, ClaimSource, Contradiction, Verdict
from db.pipeline import after_claims_stored
from db.store import CLAIMS, claim_row
from db.types import utcnow
from factcheck.model import ArticleText, ExtractedClaim

__all__ = ["ReextractReport", "reextract"]


@dataclass(slots=True)
class ReextractReport:
    articles: int = 0
    kept: int = 0
    removed: int = 0
    added: int = 0


def _touched(session: Session, claim_ids: list[int]) -> set[int]:
    """Claims carrying any reviewer work: verdicts, sources, audit entries, decided links or flags."""
    if not claim_ids:
        return set()
    found: set[int] = set()
    for column in (Verdict.claim_id, ClaimSource.claim_id, AuditEntry.claim_id):
        found.update(i for i in session.exec(select(column).where(col(column).in_(claim_ids))).all() if i is not None)
    for table, undecided in ((ClaimLink, "suggested"), (Contradiction, "open")):
        for a_id, b_id in session.exec(
            select(table.claim_a_id, table.claim_b_id).where(
                col(table.status) != undecided,
                or_(col(table.claim_a_id).in_(claim_ids), col(table.claim_b_id).in_(claim_ids)),
            )
        ).all():
            found.update((a_id, b_id))
    return found


def reextract(
    database: Database,
    *,
    extract: Callable[[ArticleText], list[ExtractedClaim]],
    article_ids: list[int] | None = None,
    extractor_name: str = "rules",
) -> ReextractReport:
    report = ReextractReport()
    with database.session() as session:
        query = select(Article.id)
        if article_ids:
            query = query.where(col(Article.id).in_(article_ids))
        ids = [i for i in session.exec(query.order_by(col(Article.id))).all() if i is not None]
    for article_id in ids:
        with database.transaction() as session:
            _reextract_one(session, article_id, extract, extractor_name, report)
    return report


def _reextract_one(
    session: Session,
    article_id: int,
    extract: Callable[[ArticleText], list[ExtractedClaim]],
    extractor_name: str,
    report: ReextractReport,
) -> None:
    article = session.get(Article, article_id)
    assert article is not None
    claims = list(session.exec(select(Claim).where(Claim.article_id == article_id)).all())
    touched_ids = _touched(session, [c.id for c in claims if c.id is not None])
    keep = [c for c in claims if c.id in touched_ids or c.status != "new" or c.origin != "extracted" or c.version > 1]
    drop = [c.id for c in claims if c not in keep and c.id is not None]
    if drop:
        session.execute(delete(Claim).where(col(Claim.id).in_(drop)))
    kept_spans = [(c.start, c.end) for c in keep]
    fresh = [
        claim
        for claim in extract(
            ArticleText(body=article.body, language=article.language, published=article.published, title=article.title)
        )
        if not any(claim.start < end and start < claim.end for start, end in kept_spans)
    ]
    now = utcnow()
    rows = [claim_row(article_id, claim, extractor_name, now) for claim in fresh]
    new_ids: list[int] = []
    if rows:
        new_ids = list(
            session.execute(insert(CLAIMS).returning(CLAIMS.c.id, sort_by_parameter_order=True), rows).scalars()
        )
    after_claims_stored(session, new_ids)
    report.articles += 1
    report.kept += len(keep)
    report.removed += len(drop)
    report.added += len(new_ids)

"""The compare-and-swap guard every claim edit goes through, and the claim's audit entry.

A reviewer's edit names the claim version they saw; ``bump_version`` claims the next one in one UPDATE,
so of two reviewers editing at once the second is refused with ``StaleEditError`` naming who changed
the claim and when, instead of overwriting them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from db import audit
from db.models import Article, AuditEntry, Claim
from db.types import utcnow
from factcheck.errors import NotFoundError, StaleEditError

__all__ = ["bump_version", "get_article", "get_claim", "locked_claim", "log_claim", "stale_error"]


def get_claim(*, session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def get_article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    return article


def stale_error(session: Session, claim_id: int, seen: int) -> StaleEditError:
    """The refusal, naming the last change from the audit log so the reviewer knows what moved."""
    session.expire_all()
    now = get_claim(session=session, claim_id=claim_id).version
    last = session.exec(
        select(AuditEntry).where(col(AuditEntry.claim_id) == claim_id).order_by(col(AuditEntry.id).desc()).limit(1)
    ).first()
    who = f"by {last.reviewer} at {last.at:%Y-%m-%d %H:%M:%S} UTC ({last.action})" if last else "by someone else"
    return StaleEditError(
        f"claim {claim_id} was changed {who} since you read it (you saw version {seen}, it is now "
        f"version {now}); nothing was saved: reload the claim and try again"
    )


def bump_version(session: Session, claim: Claim, expected: int | None) -> None:
    """Claim the next version in one compare-and-swap UPDATE; refuse if someone got there first."""
    assert claim.id is not None
    seen = claim.version if expected is None else expected
    if seen != claim.version:
        raise stale_error(session, claim.id, seen)
    result = session.exec(
        update(Claim)
        .where(col(Claim.id) == claim.id, col(Claim.version) == seen)
        .values(version=seen + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise stale_error(session, claim.id, seen)
    session.refresh(claim)


def locked_claim(session: Session, claim_id: int, expected: int | None) -> Claim:
    claim = get_claim(session=session, claim_id=claim_id)
    bump_version(session, claim, expected)
    return claim


def log_claim(session: Session, reviewer: str, action: str, claim_id: int | None, **change: Any) -> None:
    audit.record(
        session, reviewer=reviewer, action=action, entity="claim", entity_id=claim_id, claim_id=claim_id, **change
    )

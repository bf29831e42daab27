"""The review record in the database: sources, verdicts, statuses and claim edits, all audited.

Every function takes the caller's session (one transaction per user action) and writes an audit entry
with the reviewer, before and after. Edits to a claim are guarded by its ``version``: the version the
reviewer saw is compared-and-swapped in one UPDATE, so of two reviewers editing at once the second is
refused with ``StaleEditError`` naming who changed the claim and when, instead of overwriting them.

What re-import or re-extraction must respect: rows in verdict, claim_source, source, source_snapshot
and audit_log are never deleted, and a claim with any of them, or with ``version > 1``, a status other
than new or an origin other than extracted, is kept as it is (``db.reextract`` does this).

``db.review`` keeps the names callers import; the work is split by job: ``db.claim_lock`` (the
version guard), ``db.claim_edits`` (wording and spans), ``db.verdicts`` (verdicts, scale, status),
``db.claim_sources`` (sources and snapshots); the claim's history is here.
"""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, select

from db.claim_edits import add_claim, edit_claim, merge_claims, split_claim
from db.claim_lock import get_claim
from db.claim_sources import (
    AttachOutcome,
    FetchOutcome,
    SourceListing,
    attach_source,
    list_sources,
    record_fetch,
    snapshots,
    sources_for_claim,
    sources_to_retry,
)
from db.models import AuditEntry, ClaimSource
from db.verdicts import (
    SCALE_KEY,
    StatusOutcome,
    current_verdict,
    load_scale,
    save_scale,
    set_status,
    set_verdict,
    verdicts_for_claim,
)

__all__ = [
    "SCALE_KEY",
    "AttachOutcome",
    "FetchOutcome",
    "SourceListing",
    "StatusOutcome",
    "add_claim",
    "attach_source",
    "claim_history",
    "current_verdict",
    "edit_claim",
    "get_claim",
    "list_sources",
    "load_scale",
    "merge_claims",
    "record_fetch",
    "save_scale",
    "set_status",
    "set_verdict",
    "snapshots",
    "sources_for_claim",
    "sources_to_retry",
    "split_claim",
    "verdicts_for_claim",
]


def claim_history(*, session: Session, claim_id: int) -> list[AuditEntry]:
    """Every audited change of the claim, plus the fetches of its sources, oldest first."""
    get_claim(session=session, claim_id=claim_id)
    source_ids = select(ClaimSource.source_id).where(col(ClaimSource.claim_id) == claim_id)
    stmt = (
        select(AuditEntry)
        .where(
            or_(
                col(AuditEntry.claim_id) == claim_id,
                (col(AuditEntry.entity) == "source") & col(AuditEntry.entity_id).in_(source_ids),
            )
        )
        .order_by(col(AuditEntry.id))
    )
    return list(session.exec(stmt).all())

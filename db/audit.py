"""The audit log: every reviewer change goes through ``record`` in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from db.models import AuditEntry

__all__ = ["record"]


def record(
    session: Session,
    *,
    reviewer: str,
    action: str,
    entity: str,
    entity_id: int | None,
    claim_id: int | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    entry = AuditEntry(
        reviewer=reviewer,
        action=action,
        entity=entity,
        entity_id=entity_id,
        claim_id=claim_id,
        before=before,
        after=after,
    )
    session.add(entry)
    return entry

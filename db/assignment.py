"""Assigning claims to the desk's reviewers: who works which claim, and each reviewer's queue.

An assignment is not an edit of the claim, so it does not bump ``claim.version`` (a checker halfway
through a verdict is not refused because the editor re-assigned the claim); every change is one row
in the audit log (``claim.assign``, before/after assignee), written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, update
from sqlmodel import Session, col

from db.audit import record
from db.models import Claim
from db.types import utcnow
from factcheck.errors import InvalidValueError, NotFoundError

__all__ = ["AssignOutcome", "assign_claims", "assignee_condition", "assignee_counts", "select_claim_ids"]


@dataclass(frozen=True, slots=True)
class AssignOutcome:
    claim_id: int
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def assignee_condition(*, assignee: str | None = None, unassigned: bool = False) -> ColumnElement[bool] | None:
    """The claims assigned to ``assignee``, or assigned to nobody; None when neither is asked."""
    if assignee is not None and unassigned:
        raise InvalidValueError("a claim cannot be both assigned to someone and unassigned")
    if unassigned:
        return col(Claim.assignee).is_(None)
    if assignee is not None:
        return col(Claim.assignee) == assignee
    return None


def select_claim_ids(
    *,
    session: Session,
    article_id: int | None = None,
    status: str | None = None,
    assignee: str | None = None,
    unassigned: bool = False,
) -> list[int]:
    """Ids of the claims matching every filter given, in id order (a bulk assignment's targets)."""
    stmt = select(col(Claim.id)).order_by(col(Claim.id))
    if article_id is not None:
        stmt = stmt.where(col(Claim.article_id) == article_id)
    if status is not None:
        stmt = stmt.where(col(Claim.status) == status)
    condition = assignee_condition(assignee=assignee, unassigned=unassigned)
    if condition is not None:
        stmt = stmt.where(condition)
    return [int(i) for i in session.execute(stmt).scalars()]


def assign_claims(
    *, session: Session, claim_ids: Sequence[int], assignee: str | None, reviewer: str
) -> list[AssignOutcome]:
    """Assign every claim to ``assignee`` (None: unassign), all or none; unknown ids refuse the batch.

    Claims already assigned so are left untouched and not logged again (a repeated command is harmless).
    """
    if assignee is not None:
        assignee = " ".join(assignee.split())
        if not assignee:
            raise InvalidValueError("the assignee's name is empty")
    ids = list(dict.fromkeys(claim_ids))
    current: dict[int, str | None] = {}
    for start in range(0, len(ids), 500):  # stays under every backend's bound-parameter limit
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(col(Claim.id), col(Claim.assignee)).where(col(Claim.id).in_(chunk)).with_for_update()
        )
        current.update({int(i): a for i, a in rows})
    missing = [i for i in ids if i not in current]
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        raise NotFoundError(f"no claim with id {shown}; nothing was assigned")
    outcomes = [AssignOutcome(i, current[i], assignee) for i in ids]
    changed = [o.claim_id for o in outcomes if o.changed]
    now = utcnow()
    for start in range(0, len(changed), 500):
        chunk = changed[start : start + 500]
        session.execute(update(Claim).where(col(Claim.id).in_(chunk)).values(assignee=assignee, updated_at=now))
    for outcome in outcomes:
        if outcome.changed:
            record(
                session,
                reviewer=reviewer,
                action="claim.assign" if assignee is not None else "claim.unassign",
                entity="claim",
                entity_id=outcome.claim_id,
                claim_id=outcome.claim_id,
                before={"assignee": outcome.before},
                after={"assignee": outcome.after},
            )
    return outcomes


def assignee_counts(*, session: Session) -> dict[str | None, int]:
    """How many claims each reviewer holds (None: unassigned)."""
    rows = session.execute(select(col(Claim.assignee), func.count()).group_by(col(Claim.assignee)))
    return {a: int(n) for a, n in rows}

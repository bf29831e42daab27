"""Verdicts, the rating scale and the status workflow of claims, each change audited.

A verdict is appended (earlier ones stay as history); a status change is checked against the workflow
in ``factcheck.review`` and applied to a batch all or none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from db import audit
from db.claim_lock import bump_version, get_claim, locked_claim, log_claim
from db.claim_sources import sources_for_claim
from db.models import Meta, Verdict
from factcheck.errors import InvalidValueError, StaleEditError, WorkflowError
from factcheck.model import ClaimStatus
from factcheck.review import DEFAULT_SCALE, RatingScale, check_status_change, check_verdict_allowed

__all__ = [
    "SCALE_KEY",
    "StatusOutcome",
    "current_verdict",
    "load_scale",
    "save_scale",
    "set_status",
    "set_verdict",
    "verdicts_for_claim",
]

SCALE_KEY = "rating_scale"


def load_scale(*, session: Session) -> RatingScale:
    row = session.get(Meta, SCALE_KEY)
    if row is None:
        return DEFAULT_SCALE
    try:
        data = json.loads(row.value)
    except json.JSONDecodeError as exc:
        raise InvalidValueError(f"the stored rating scale is not valid JSON ({exc.msg})") from exc
    return RatingScale.from_dict(data)


def save_scale(*, session: Session, scale: RatingScale, reviewer: str) -> None:
    before = load_scale(session=session).to_dict()
    row = session.get(Meta, SCALE_KEY) or Meta(key=SCALE_KEY, value="")
    row.value = json.dumps(scale.to_dict(), ensure_ascii=False)
    session.add(row)
    audit.record(
        session,
        reviewer=reviewer,
        action="scale.set",
        entity="factcheck_meta",
        entity_id=None,
        before=before,
        after=scale.to_dict(),
    )


def verdicts_for_claim(*, session: Session, claim_id: int) -> list[Verdict]:
    """Every verdict of the claim, oldest first; the last is the current one."""
    return list(session.exec(select(Verdict).where(col(Verdict.claim_id) == claim_id).order_by(col(Verdict.id))))


def current_verdict(*, session: Session, claim_id: int) -> Verdict | None:
    stmt = select(Verdict).where(col(Verdict.claim_id) == claim_id).order_by(col(Verdict.id).desc()).limit(1)
    return session.exec(stmt).first()


def set_verdict(
    *,
    session: Session,
    claim_id: int,
    rating: str,
    rationale: str,
    reviewer: str,
    expected_version: int | None = None,
) -> Verdict:
    """Append a verdict (earlier ones stay as history) and move the claim to drafted."""
    rationale = rationale.strip()
    if not rationale:
        raise InvalidValueError("a verdict needs a rationale")
    claim = locked_claim(session, claim_id, expected_version)
    chosen = load_scale(session=session).lookup(rating)
    change = check_verdict_allowed(ClaimStatus(claim.status))
    previous = current_verdict(session=session, claim_id=claim_id)
    verdict = Verdict(claim_id=claim_id, rating=chosen.label, rationale=rationale, reviewer=reviewer)
    session.add(verdict)
    claim.status = change.after.value
    session.flush()
    audit.record(
        session,
        reviewer=reviewer,
        action="verdict.set",
        entity="verdict",
        entity_id=verdict.id,
        claim_id=claim_id,
        before={"rating": previous.rating if previous else None, "status": change.before.value},
        after={"rating": chosen.label, "rationale": rationale, "status": change.after.value},
    )
    return verdict


@dataclass(frozen=True, slots=True)
class StatusOutcome:
    claim_id: int
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def set_status(
    *,
    session: Session,
    claim_ids: Sequence[int],
    status: ClaimStatus,
    reviewer: str,
    expected_versions: Mapping[int, int] | None = None,
) -> list[StatusOutcome]:
    """Move claims to ``status``, all or none: one refused claim refuses the batch with every reason.

    Claims already there are left untouched (so a repeated bulk action is harmless).
    """
    expected = expected_versions or {}
    claims = [get_claim(session=session, claim_id=i) for i in dict.fromkeys(claim_ids)]
    problems: list[str] = []
    stale = False
    outcomes = []
    for claim in claims:
        assert claim.id is not None
        current = ClaimStatus(claim.status)
        if current is status:
            outcomes.append(StatusOutcome(claim.id, current.value, current.value))
            continue
        try:
            change = check_status_change(
                current,
                status,
                has_verdict=current_verdict(session=session, claim_id=claim.id) is not None,
                source_count=len(sources_for_claim(session=session, claim_id=claim.id)),
            )
            bump_version(session, claim, expected.get(claim.id))
        except StaleEditError as exc:
            stale = True
            problems.append(str(exc))
            continue
        except WorkflowError as exc:
            problems.append(f"claim {claim.id}: {exc}")
            continue
        claim.status = change.after.value
        outcomes.append(StatusOutcome(claim.id, change.before.value, change.after.value))
        log_claim(
            session,
            reviewer,
            change.action,
            claim.id,
            before={"status": change.before.value},
            after={"status": change.after.value},
        )
    if problems:  # a stale claim wins: reloading is what the reviewer must do first
        error = StaleEditError if stale else WorkflowError
        raise error("nothing was changed: " + "; ".join(problems))
    return outcomes

"""The claim workflow: which status changes a reviewer may make, and why not when refused.

    new ──► in_review ──► drafted ──► published
     │          │   ▲  (a verdict)  │      │
     └──────────┴───┼───────────────┘      │ reopen (recorded)
        dismissed ◄─┘◄─────────────────────┘ back to in_review

A claim becomes ``drafted`` only by setting a verdict; publishing needs a verdict and at least one
source; a published claim must be reopened (to ``in_review``) before anything else changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.errors import InvalidValueError, WorkflowError
from factcheck.model import ClaimStatus

__all__ = ["StatusChange", "check_edit_allowed", "check_status_change", "check_verdict_allowed", "parse_status"]

_ALIASES = {"in review": ClaimStatus.IN_REVIEW, "review": ClaimStatus.IN_REVIEW, "draft": ClaimStatus.DRAFTED}

_ALLOWED: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    ClaimStatus.NEW: frozenset({ClaimStatus.IN_REVIEW, ClaimStatus.DISMISSED}),
    ClaimStatus.IN_REVIEW: frozenset({ClaimStatus.NEW, ClaimStatus.DISMISSED}),
    ClaimStatus.DRAFTED: frozenset({ClaimStatus.IN_REVIEW, ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED}),
    ClaimStatus.PUBLISHED: frozenset({ClaimStatus.IN_REVIEW}),
    ClaimStatus.DISMISSED: frozenset({ClaimStatus.NEW, ClaimStatus.IN_REVIEW}),
}


@dataclass(frozen=True, slots=True)
class StatusChange:
    before: ClaimStatus
    after: ClaimStatus

    @property
    def action(self) -> str:
        """The audit action: reopening a published claim is recorded as such."""
        if self.before is ClaimStatus.PUBLISHED:
            return "claim.reopen"
        if self.after is ClaimStatus.PUBLISHED:
            return "claim.publish"
        return "claim.status"


def parse_status(value: str) -> ClaimStatus:
    key = " ".join(value.replace("-", " ").casefold().split())
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return ClaimStatus(key.replace(" ", "_"))
    except ValueError:
        valid = ", ".join(s.value for s in ClaimStatus)
        raise InvalidValueError(f"unknown status {value.strip()!r}; choose one of: {valid}") from None


def check_status_change(
    current: ClaimStatus, target: ClaimStatus, *, has_verdict: bool, source_count: int
) -> StatusChange:
    """The change from ``current`` to ``target``, or a WorkflowError saying what to do instead."""
    if current is target:
        raise WorkflowError(f"the claim is already {target.value}")
    if target is ClaimStatus.DRAFTED:
        raise WorkflowError("a claim becomes drafted by setting a verdict (factcheck verdict CLAIM_ID RATING)")
    if current is ClaimStatus.PUBLISHED and target is not ClaimStatus.IN_REVIEW:
        raise WorkflowError("the claim is published; reopen it first (set its status to in_review)")
    if target is ClaimStatus.PUBLISHED:
        if not has_verdict:
            raise WorkflowError("cannot publish a claim without a verdict")
        if source_count < 1:
            raise WorkflowError("cannot publish a claim without at least one source")
    if target not in _ALLOWED[current]:
        raise WorkflowError(f"a claim cannot go from {current.value} to {target.value}")
    return StatusChange(before=current, after=target)


def check_verdict_allowed(current: ClaimStatus) -> StatusChange:
    """Setting a verdict drafts the claim; published and dismissed claims must be reopened first."""
    if current is ClaimStatus.PUBLISHED:
        raise WorkflowError("the claim is published; reopen it (set its status to in_review) to change the verdict")
    if current is ClaimStatus.DISMISSED:
        raise WorkflowError("the claim is dismissed; set its status to in_review before giving a verdict")
    return StatusChange(before=current, after=ClaimStatus.DRAFTED)


def check_edit_allowed(current: ClaimStatus) -> None:
    """Text and span edits change what a verdict is about, so published claims are reopened first."""
    if current is ClaimStatus.PUBLISHED:
        raise WorkflowError("the claim is published; reopen it (set its status to in_review) before editing")

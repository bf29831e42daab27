"""A reviewer and the prior fact-checks: listing them, applying one's verdict, rejecting one, and
the verdict disagreements (a linked claim or a matched fact-check rated differently).

Applying is never silent: it goes through ``set_verdict`` (drafted, audited) with the rationale
"applied from fact-check #N by NAME", and the match is marked ``applied``. A rejection is kept, so
the pair is never suggested again and the benchmark can list it as an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, or_, select

from db import audit
from db.models import ClaimLink, FactCheck, PriorMatch, Verdict
from db.types import utcnow
from factcheck.errors import InvalidValueError, NotFoundError
from factcheck.prior.model import default_model
from factcheck.prior.records import NOT_GIVEN
from factcheck.review.scale import rating_key

__all__ = [
    "Disagreement",
    "PriorRow",
    "Reuse",
    "all_disagreements",
    "apply_prior",
    "badged_claim_ids",
    "badged_claims",
    "claim_priors",
    "disagreements",
    "prior_rows",
    "reject_prior",
    "reused_verdicts",
    "verdict_disagreements",
]


@dataclass(frozen=True, slots=True)
class PriorRow:
    """One prior fact-check of a claim, as the CLI and the workbench show it."""

    claim_id: int
    factcheck_id: int
    rank: int
    score: float
    status: str
    badge: bool  # above the model's decision threshold
    claim: str
    title: str | None
    rating: str
    rating_original: str | None
    fact_checker: str | None
    url: str | None
    review_date: date | None
    language: str
    features: dict[str, float]
    from_claim: int | None = None  # the workbench claim whose verdict this fact-check is

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "factcheck_id": self.factcheck_id,
            "rank": self.rank,
            "score": self.score,
            "status": self.status,
            "badge": self.badge,
            "claim": self.claim,
            "title": self.title,
            "rating": self.rating,
            "rating_original": self.rating_original,
            "fact_checker": self.fact_checker,
            "url": self.url,
            "date": self.review_date,
            "language": self.language,
            "features": self.features,
        }


def prior_rows(session: Session, claim_ids: Sequence[int], *, include_rejected: bool = False) -> list[PriorRow]:
    """The stored prior fact-checks of ``claim_ids``, each claim's best first."""
    threshold = default_model().threshold
    stmt = (
        select(PriorMatch, FactCheck)
        .join(FactCheck, col(FactCheck.id) == col(PriorMatch.factcheck_id))
        .where(col(PriorMatch.claim_id).in_(list(claim_ids)))
        .order_by(col(PriorMatch.claim_id), col(PriorMatch.score).desc(), col(PriorMatch.factcheck_id))
    )
    if not include_rejected:
        stmt = stmt.where(col(PriorMatch.status) != "rejected")
    return [
        PriorRow(
            claim_id=m.claim_id,
            factcheck_id=m.factcheck_id,
            rank=m.rank,
            score=m.score,
            status=m.status,
            badge=m.score >= threshold and m.status != "rejected",
            claim=f.claim,
            title=f.title,
            rating=f.rating,
            rating_original=f.rating_original,
            fact_checker=f.fact_checker,
            url=f.url,
            review_date=f.review_date,
            language=f.language,
            features=dict(m.features),
            from_claim=f.claim_id,
        )
        for m, f in session.exec(stmt).all()
    ]


def _match(session: Session, claim_id: int, factcheck_id: int) -> tuple[PriorMatch, FactCheck]:
    match = session.exec(
        select(PriorMatch).where(col(PriorMatch.claim_id) == claim_id, col(PriorMatch.factcheck_id) == factcheck_id)
    ).first()
    factcheck = session.get(FactCheck, factcheck_id)
    if factcheck is None:
        raise NotFoundError(f"no fact-check #{factcheck_id}")
    if match is None:  # applying a fact-check found by hand is allowed: record it as a match
        match = PriorMatch(claim_id=claim_id, factcheck_id=factcheck_id, rank=0, score=0.0, features={})
    return match, factcheck


def apply_prior(
    session: Session, *, claim_id: int, factcheck_id: int, reviewer: str, expected_version: int | None = None
) -> Verdict:
    """Give the claim the fact-check's verdict, recorded as applied from it."""
    from db.review import set_verdict

    match, factcheck = _match(session, claim_id, factcheck_id)
    if factcheck.rating == NOT_GIVEN:
        raise InvalidValueError(
            f"fact-check #{factcheck_id} gives no rating we can apply (original: {factcheck.rating_original or 'none'})"
        )
    who = factcheck.fact_checker or "an unnamed fact-checker"
    rationale = f"applied from fact-check #{factcheck_id} by {who}"
    if factcheck.url:
        rationale += f": {factcheck.url}"
    verdict = set_verdict(
        session=session,
        claim_id=claim_id,
        rating=factcheck.rating,
        rationale=rationale,
        reviewer=reviewer,
        expected_version=expected_version,
    )
    match.status, match.reviewer, match.decided_at = "applied", reviewer, utcnow()
    session.add(match)
    audit.record(
        session,
        reviewer=reviewer,
        action="prior.apply",
        entity="prior_match",
        entity_id=factcheck_id,
        claim_id=claim_id,
        after={"factcheck": factcheck_id, "fact_checker": factcheck.fact_checker, "rating": factcheck.rating},
    )
    return verdict


def reject_prior(session: Session, *, claim_id: int, factcheck_id: int, reviewer: str) -> PriorMatch:
    """Mark the fact-check as not the same claim: it is never suggested for this claim again."""
    match, _ = _match(session, claim_id, factcheck_id)
    before = match.status
    match.status, match.reviewer, match.decided_at = "rejected", reviewer, utcnow()
    session.add(match)
    audit.record(
        session,
        reviewer=reviewer,
        action="prior.reject",
        entity="prior_match",
        entity_id=factcheck_id,
        claim_id=claim_id,
        before={"status": before},
        after={"status": "rejected", "factcheck": factcheck_id},
    )
    return match


@dataclass(frozen=True, slots=True)
class Disagreement:
    """The claim's rating against another claim's verdict or a matched fact-check's rating."""

    claim_id: int
    rating: str
    other_kind: str  # claim | factcheck
    other_id: int
    other_rating: str
    other_by: str | None

    def message(self) -> str:
        who = f" by {self.other_by}" if self.other_by else ""
        what = "linked claim" if self.other_kind == "claim" else "prior fact-check"
        return (
            f"claim {self.claim_id} rated {self.rating!r}, but {what} #{self.other_id} "
            f"is rated {self.other_rating!r}{who}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "rating": self.rating,
            "other": self.other_kind,
            "other_id": self.other_id,
            "other_rating": self.other_rating,
            "other_by": self.other_by,
        }


def _current(session: Session, claim_ids: Sequence[int]) -> dict[int, Verdict]:
    out: dict[int, Verdict] = {}
    rows = session.exec(select(Verdict).where(col(Verdict.claim_id).in_(list(claim_ids))).order_by(col(Verdict.id)))
    for verdict in rows:
        out[verdict.claim_id] = verdict
    return out


def disagreements(session: Session, claim_id: int, rating: str | None = None) -> list[Disagreement]:
    """What disagrees with ``rating`` (default: the claim's current verdict) for this claim."""
    if rating is None:
        current = _current(session, [claim_id]).get(claim_id)
        if current is None:
            return []
        rating = current.rating
    key = rating_key(rating)
    out: list[Disagreement] = []
    links = session.exec(
        select(ClaimLink).where(
            or_(col(ClaimLink.claim_a_id) == claim_id, col(ClaimLink.claim_b_id) == claim_id),
            col(ClaimLink.status) != "rejected",
        )
    ).all()
    others = sorted({link.claim_b_id if link.claim_a_id == claim_id else link.claim_a_id for link in links})
    for other, verdict in sorted(_current(session, others).items()):
        if rating_key(verdict.rating) != key:
            out.append(Disagreement(claim_id, rating, "claim", other, verdict.rating, verdict.reviewer))
    for row in prior_rows(session, [claim_id]):
        if row.rating == NOT_GIVEN or not (row.status == "applied" or row.badge) or row.from_claim in others:
            continue
        if rating_key(row.rating) != key:
            out.append(Disagreement(claim_id, rating, "factcheck", row.factcheck_id, row.rating, row.fact_checker))
    return out


def all_disagreements(session: Session, claim_ids: Sequence[int] | None = None) -> list[Disagreement]:
    """Every claim (of ``claim_ids``, default all) whose current verdict disagrees with a linked claim or
    a matched fact-check."""
    rated = set(session.exec(select(Verdict.claim_id)).all())
    if claim_ids is not None:
        rated &= set(claim_ids)
    return [d for claim_id in sorted(rated) for d in disagreements(session, claim_id)]


@dataclass(frozen=True, slots=True)
class Reuse:
    """A verdict a reviewer applied from a prior fact-check (``apply_prior``): where it came from."""

    claim_id: int
    factcheck_id: int
    rating: str
    fact_checker: str | None
    url: str | None
    reviewer: str | None
    decided_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def reused_verdicts(session: Session, claim_ids: Sequence[int] | None = None) -> list[Reuse]:
    """The verdicts applied from prior fact-checks (of ``claim_ids``, default all), by claim."""
    stmt = (
        select(PriorMatch, FactCheck)
        .join(FactCheck, col(FactCheck.id) == col(PriorMatch.factcheck_id))
        .where(col(PriorMatch.status) == "applied")
        .order_by(col(PriorMatch.claim_id), col(PriorMatch.decided_at), col(PriorMatch.factcheck_id))
    )
    wanted = None if claim_ids is None else set(claim_ids)
    return [
        Reuse(m.claim_id, m.factcheck_id, f.rating, f.fact_checker, f.url, m.reviewer, m.decided_at)
        for m, f in session.exec(stmt).all()
        if wanted is None or m.claim_id in wanted
    ]


def badged_claim_ids() -> Any:
    """A subquery of the claims whose best prior fact-check crosses the decision threshold."""
    threshold = default_model().threshold
    return select(col(PriorMatch.claim_id)).where(
        col(PriorMatch.score) >= threshold, col(PriorMatch.status) != "rejected"
    )


def claim_priors(*, session: Session, claim_id: int) -> list[PriorRow]:
    """One claim's prior fact-checks (the workbench's reader shape)."""
    return prior_rows(session, [claim_id])


def badged_claims(session: Session) -> list[PriorRow]:
    """Each claim's best prior fact-check, for the claims where it crosses the decision threshold."""
    threshold = default_model().threshold
    ids = session.exec(
        select(PriorMatch.claim_id)
        .where(col(PriorMatch.score) >= threshold, col(PriorMatch.status) != "rejected")
        .distinct()
        .order_by(col(PriorMatch.claim_id))
    ).all()
    best: dict[int, PriorRow] = {}
    for row in prior_rows(session, list(ids)):
        best.setdefault(row.claim_id, row)
    return [best[i] for i in sorted(best)]


def verdict_disagreements(*, session: Session, claim_id: int, rating: str) -> list[Disagreement]:
    """``disagreements`` in the workbench's reader shape, for a rating about to be saved."""
    return disagreements(session, claim_id, rating)

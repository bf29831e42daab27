"""Reviewer edits to a claim's wording and span: edit, split, merge and add, each audited.

Spans are re-resolved against the article body so a claim always quotes its article exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session

from db.claim_lock import bump_version, get_article, get_claim, locked_claim, log_claim
from db.claim_sources import sources_for_claim
from db.models import Claim, ClaimSource
from db.pipeline import after_claims_changed
from factcheck.errors import InvalidValueError
from factcheck.model import ClaimKind, ClaimStatus
from factcheck.review import check_edit_allowed, find_span, merge_slots, slots_within, split_point, trim_span
from factcheck.text import normalize_for_matching

__all__ = ["add_claim", "edit_claim", "merge_claims", "split_claim"]


def _span_of(claim: Claim) -> dict[str, Any]:
    return {"text": claim.text, "start": claim.start, "end": claim.end}


def _resolve_span(body: str, *, text: str | None, start: int | None, end: int | None, near: int) -> tuple[int, int]:
    """A span from offsets (checked against ``text`` if given too) or from text located in the body."""
    if (start is None) != (end is None):
        raise InvalidValueError("give both start and end of the span")
    if start is not None and end is not None:
        start, end = trim_span(body, start, end)
        if text is not None and " ".join(text.split()) != " ".join(body[start:end].split()):
            raise InvalidValueError(f"the text does not match the article at {start}:{end}: {body[start:end]!r}")
        return start, end
    if text is None:
        raise InvalidValueError("give the claim text or its span")
    return find_span(body, text, near=near)


def _place(claim: Claim, body: str, start: int, end: int) -> None:
    claim.text = body[start:end]
    claim.norm_text = normalize_for_matching(claim.text)
    claim.start, claim.end = start, end


def edit_claim(
    *,
    session: Session,
    claim_id: int,
    reviewer: str,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Move a claim to a new span of its article; its text is always the article's text there."""
    claim = locked_claim(session, claim_id, expected_version)
    check_edit_allowed(ClaimStatus(claim.status))
    body = get_article(session, claim.article_id).body
    new_start, new_end = _resolve_span(body, text=text, start=start, end=end, near=claim.start)
    before = _span_of(claim)
    _place(claim, body, new_start, new_end)
    claim.slots = slots_within(claim.slots, new_start, new_end)
    if claim.origin == "extracted":
        claim.origin = "edited"
    log_claim(
        session,
        reviewer,
        "claim.edit",
        claim_id,
        before=before,
        after=_span_of(claim),
    )
    after_claims_changed(session, [claim_id])
    return claim


def split_claim(
    *,
    session: Session,
    claim_id: int,
    reviewer: str,
    at: int | None = None,
    before: str | None = None,
    expected_version: int | None = None,
) -> tuple[Claim, Claim]:
    """Cut a claim in two at ``at`` (offset in its text) or where ``before`` starts; the first keeps its id."""
    claim = locked_claim(session, claim_id, expected_version)
    check_edit_allowed(ClaimStatus(claim.status))
    body = get_article(session, claim.article_id).body
    cut = claim.start + split_point(claim.text, at=at, before=before)
    first, second = trim_span(body, claim.start, cut), trim_span(body, cut, claim.end)
    was = _span_of(claim)
    _place(claim, body, *first)
    original_slots = claim.slots
    claim.slots = slots_within(original_slots, *first)
    claim.origin = "split"
    part = Claim(
        article_id=claim.article_id,
        text="",
        norm_text="",
        start=0,
        end=0,
        kind=claim.kind,
        checkworthiness=claim.checkworthiness,
        negated=claim.negated,
        slots=slots_within(original_slots, *second),
        origin="split",
        extractor=claim.extractor,
        status=ClaimStatus.IN_REVIEW.value if claim.status == ClaimStatus.DRAFTED else claim.status,
    )
    _place(part, body, *second)
    session.add(part)
    session.flush()
    assert part.id is not None
    log_claim(
        session,
        reviewer,
        "claim.split",
        claim_id,
        before=was,
        after=_span_of(claim) | {"new_claim": part.id},
    )
    log_claim(
        session,
        reviewer,
        "claim.split",
        part.id,
        before={"split_from": claim_id} | was,
        after=_span_of(part),
    )
    after_claims_changed(session, [claim_id, part.id])
    return claim, part


def merge_claims(
    *,
    session: Session,
    claim_ids: Sequence[int],
    reviewer: str,
    expected_versions: Mapping[int, int] | None = None,
) -> Claim:
    """Join two claims of one article into the span covering both.

    The earlier claim keeps its id and takes the joined span; the later one is dismissed (never deleted)
    and its sources are attached to the joined claim too. Its verdicts stay with it as history.
    """
    if len(set(claim_ids)) != 2:
        raise InvalidValueError("merge takes two different claim ids")
    expected = expected_versions or {}
    claims = [get_claim(session=session, claim_id=i) for i in claim_ids]
    if claims[0].article_id != claims[1].article_id:
        raise InvalidValueError(
            f"claims {claims[0].id} and {claims[1].id} are in different articles "
            f"({claims[0].article_id} and {claims[1].article_id}); only claims of one article can be merged"
        )
    for claim in claims:
        check_edit_allowed(ClaimStatus(claim.status))
        assert claim.id is not None
        bump_version(session, claim, expected.get(claim.id))
    keep, gone = sorted(claims, key=lambda c: (c.start, c.id or 0))
    assert keep.id is not None and gone.id is not None
    body = get_article(session, keep.article_id).body
    was_keep, was_gone = _span_of(keep), _span_of(gone) | {"status": gone.status}
    _place(keep, body, *trim_span(body, min(keep.start, gone.start), max(keep.end, gone.end)))
    keep.slots = merge_slots(keep.slots, gone.slots)
    keep.origin = "merged"
    gone.status = ClaimStatus.DISMISSED.value
    copied = _copy_sources(session, gone.id, keep.id)
    log_claim(
        session,
        reviewer,
        "claim.merge",
        keep.id,
        before=was_keep,
        after=_span_of(keep) | {"merged_from": gone.id, "sources_copied": copied},
    )
    log_claim(
        session,
        reviewer,
        "claim.merge",
        gone.id,
        before=was_gone,
        after={"merged_into": keep.id, "status": gone.status},
    )
    return keep


def _copy_sources(session: Session, from_claim: int, to_claim: int) -> list[int]:
    have = {link.source_id for link, _ in sources_for_claim(session=session, claim_id=to_claim)}
    copied = []
    for link, _source in sources_for_claim(session=session, claim_id=from_claim):
        if link.source_id not in have:
            session.add(
                ClaimSource(
                    claim_id=to_claim,
                    source_id=link.source_id,
                    stance=link.stance,
                    quote=link.quote,
                    quote_found=link.quote_found,
                    note=link.note,
                    reviewer=link.reviewer,
                )
            )
            copied.append(link.source_id)
    return copied


def add_claim(
    *,
    session: Session,
    article_id: int,
    reviewer: str,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
    kind: str = ClaimKind.EVENT.value,
    checkworthiness: float = 1.0,
) -> Claim:
    """A claim the extractor missed, added by hand at a span of the article."""
    try:
        kind = ClaimKind(kind.strip().casefold()).value
    except ValueError:
        valid = ", ".join(k.value for k in ClaimKind)
        raise InvalidValueError(f"unknown claim kind {kind!r}; choose one of: {valid}") from None
    if not 0.0 <= checkworthiness <= 1.0:
        raise InvalidValueError(f"check-worthiness must be between 0 and 1, not {checkworthiness}")
    body = get_article(session, article_id).body
    span = _resolve_span(body, text=text, start=start, end=end, near=0)
    claim = Claim(
        article_id=article_id, text="", norm_text="", start=0, end=0, kind=kind, checkworthiness=checkworthiness
    )
    claim.origin = "manual"
    _place(claim, body, *span)
    session.add(claim)
    session.flush()
    log_claim(
        session,
        reviewer,
        "claim.add",
        claim.id,
        after=_span_of(claim) | {"article_id": article_id, "kind": kind},
    )
    return claim

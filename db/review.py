"""The review record in the database: sources, verdicts, statuses and claim edits, all audited.

Every function takes the caller's session (one transaction per user action) and writes an audit entry
with the reviewer, before and after. Edits to a claim are guarded by its ``version``: the version the
reviewer saw is compared-and-swapped in one UPDATE, so of two reviewers editing at once the second is
refused with ``StaleEditError`` naming who changed the claim and when, instead of overwriting them.

What re-import or re-extraction must respect: rows in verdict, claim_source, source, source_snapshot
and audit_log are never deleted, and a claim with any of them, or with ``version > 1``, a status other
than new or an origin other than extracted, is kept as it is (``db.reextract`` does this).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import Session, col, func, select

from db import audit
from db.models import Article, AuditEntry, Claim, ClaimSource, Meta, Source, SourceSnapshot, Verdict
from db.pipeline import after_claims_changed
from db.types import utcnow
from factcheck.errors import InvalidValueError, NotFoundError, StaleEditError, WorkflowError
from factcheck.model import ClaimKind, ClaimStatus
from factcheck.review import (
    DEFAULT_SCALE,
    RatingScale,
    Stance,
    check_edit_allowed,
    check_status_change,
    check_verdict_allowed,
    find_span,
    merge_slots,
    quote_found,
    slots_within,
    split_point,
    trim_span,
)
from factcheck.text import normalize_for_matching
from sources.fetch import FetchResult

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

SCALE_KEY = "rating_scale"


# ------------------------------------------------------------------------------------------- claims


def get_claim(*, session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def _article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    return article


def _stale(session: Session, claim_id: int, seen: int) -> StaleEditError:
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


def _bump(session: Session, claim: Claim, expected: int | None) -> None:
    """Claim the next version in one compare-and-swap UPDATE; refuse if someone got there first."""
    assert claim.id is not None
    seen = claim.version if expected is None else expected
    if seen != claim.version:
        raise _stale(session, claim.id, seen)
    result = session.exec(
        update(Claim)
        .where(col(Claim.id) == claim.id, col(Claim.version) == seen)
        .values(version=seen + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise _stale(session, claim.id, seen)
    session.refresh(claim)


def _locked_claim(session: Session, claim_id: int, expected: int | None) -> Claim:
    claim = get_claim(session=session, claim_id=claim_id)
    _bump(session, claim, expected)
    return claim


def _log_claim(session: Session, reviewer: str, action: str, claim_id: int | None, **change: Any) -> None:
    audit.record(
        session, reviewer=reviewer, action=action, entity="claim", entity_id=claim_id, claim_id=claim_id, **change
    )


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
    claim = _locked_claim(session, claim_id, expected_version)
    check_edit_allowed(ClaimStatus(claim.status))
    body = _article(session, claim.article_id).body
    new_start, new_end = _resolve_span(body, text=text, start=start, end=end, near=claim.start)
    before = _span_of(claim)
    _place(claim, body, new_start, new_end)
    claim.slots = slots_within(claim.slots, new_start, new_end)
    if claim.origin == "extracted":
        claim.origin = "edited"
    _log_claim(
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
    claim = _locked_claim(session, claim_id, expected_version)
    check_edit_allowed(ClaimStatus(claim.status))
    body = _article(session, claim.article_id).body
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
    _log_claim(
        session,
        reviewer,
        "claim.split",
        claim_id,
        before=was,
        after=_span_of(claim) | {"new_claim": part.id},
    )
    _log_claim(
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
        _bump(session, claim, expected.get(claim.id))
    keep, gone = sorted(claims, key=lambda c: (c.start, c.id or 0))
    assert keep.id is not None and gone.id is not None
    body = _article(session, keep.article_id).body
    was_keep, was_gone = _span_of(keep), _span_of(gone) | {"status": gone.status}
    _place(keep, body, *trim_span(body, min(keep.start, gone.start), max(keep.end, gone.end)))
    keep.slots = merge_slots(keep.slots, gone.slots)
    keep.origin = "merged"
    gone.status = ClaimStatus.DISMISSED.value
    copied = _copy_sources(session, gone.id, keep.id)
    _log_claim(
        session,
        reviewer,
        "claim.merge",
        keep.id,
        before=was_keep,
        after=_span_of(keep) | {"merged_from": gone.id, "sources_copied": copied},
    )
    _log_claim(
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
    body = _article(session, article_id).body
    span = _resolve_span(body, text=text, start=start, end=end, near=0)
    claim = Claim(
        article_id=article_id, text="", norm_text="", start=0, end=0, kind=kind, checkworthiness=checkworthiness
    )
    claim.origin = "manual"
    _place(claim, body, *span)
    session.add(claim)
    session.flush()
    _log_claim(
        session,
        reviewer,
        "claim.add",
        claim.id,
        after=_span_of(claim) | {"article_id": article_id, "kind": kind},
    )
    return claim


# ----------------------------------------------------------------------------------- verdicts, status


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
    claim = _locked_claim(session, claim_id, expected_version)
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
            _bump(session, claim, expected.get(claim.id))
        except StaleEditError as exc:
            stale = True
            problems.append(str(exc))
            continue
        except WorkflowError as exc:
            problems.append(f"claim {claim.id}: {exc}")
            continue
        claim.status = change.after.value
        outcomes.append(StatusOutcome(claim.id, change.before.value, change.after.value))
        _log_claim(
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


# ------------------------------------------------------------------------------------------ sources


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    source_id: int
    snapshot_id: int
    error: str | None
    changed: bool | None  # None: nothing to compare (first good fetch, or this one failed)


@dataclass(frozen=True, slots=True)
class AttachOutcome:
    source_id: int
    link_id: int
    created: bool
    quote_found: bool | None  # None: no quote, or no text to look in
    fetch: FetchOutcome | None


def _source_by_url(session: Session, url: str) -> Source | None:
    return session.exec(select(Source).where(col(Source.url) == url)).first()


def record_fetch(*, session: Session, source: Source, result: FetchResult, reviewer: str) -> FetchOutcome:
    """Keep the fetch as a snapshot and mirror it on the source; a failed fetch keeps the last good text."""
    assert source.id is not None
    previous = source.sha256
    snapshot = SourceSnapshot(
        source_id=source.id,
        final_url=result.final_url,
        http_status=result.http_status,
        content_type=result.content_type,
        title=result.title,
        text=result.text,
        sha256=result.sha256,
        error=result.error,
        fetched_at=result.fetched_at,
    )
    session.add(snapshot)
    before = {"sha256": previous, "error": source.error}
    source.error, source.fetched_at = result.error, result.fetched_at
    source.http_status, source.final_url = result.http_status, result.final_url or source.final_url
    changed: bool | None = None
    if result.ok:
        changed = None if previous is None else previous != result.sha256
        source.content_type, source.title, source.text = result.content_type, result.title, result.text
        source.sha256 = result.sha256
    session.add(source)
    session.flush()
    assert snapshot.id is not None
    audit.record(
        session,
        reviewer=reviewer,
        action="source.fetch",
        entity="source",
        entity_id=source.id,
        before=before,
        after={"sha256": source.sha256, "error": result.error, "changed": changed},
    )
    return FetchOutcome(source_id=source.id, snapshot_id=snapshot.id, error=result.error, changed=changed)


def attach_source(
    *,
    session: Session,
    claim_id: int,
    url: str,
    reviewer: str,
    stance: Stance = Stance.CONTEXT,
    quote: str | None = None,
    note: str | None = None,
    fetched: FetchResult | None = None,
    expected_version: int | None = None,
) -> AttachOutcome:
    """Attach a source (fetched, or offline when ``fetched`` is None) to a claim; attaching again updates
    the stance, quote and note. A failed fetch is recorded on the source and the attachment is kept."""
    claim = _locked_claim(session, claim_id, expected_version)
    url = url.strip()
    if not url:
        raise InvalidValueError("the source URL is empty")
    source = _source_by_url(session, url)
    if source is None:
        source = Source(url=url)
        session.add(source)
        session.flush()
    assert source.id is not None
    outcome = record_fetch(session=session, source=source, result=fetched, reviewer=reviewer) if fetched else None
    quote = quote.strip() if quote and quote.strip() else None
    found = quote_found(quote, source.text) if quote and source.text else None
    link = session.exec(
        select(ClaimSource).where(col(ClaimSource.claim_id) == claim_id, col(ClaimSource.source_id) == source.id)
    ).first()
    created = link is None
    before = None if link is None else {"stance": link.stance, "quote": link.quote, "note": link.note}
    if link is None:
        link = ClaimSource(claim_id=claim_id, source_id=source.id, reviewer=reviewer)
    link.stance, link.quote, link.quote_found, link.note = stance.value, quote, found, note
    session.add(link)
    session.flush()
    assert link.id is not None and claim.id is not None
    audit.record(
        session,
        reviewer=reviewer,
        action="source.attach" if created else "source.update",
        entity="claim_source",
        entity_id=link.id,
        claim_id=claim_id,
        before=before,
        after={"url": url, "stance": link.stance, "quote": quote, "quote_found": found, "note": note},
    )
    return AttachOutcome(source_id=source.id, link_id=link.id, created=created, quote_found=found, fetch=outcome)


def sources_for_claim(*, session: Session, claim_id: int) -> list[tuple[ClaimSource, Source]]:
    rows = session.exec(
        select(ClaimSource, Source)
        .join(Source, col(Source.id) == col(ClaimSource.source_id))
        .where(col(ClaimSource.claim_id) == claim_id)
        .order_by(col(ClaimSource.id))
    ).all()
    return [(link, source) for link, source in rows]


def sources_to_retry(*, session: Session, source_ids: Sequence[int] = ()) -> list[Source]:
    """The named sources (any state), else every source whose last fetch failed."""
    if source_ids:
        found = {s.id: s for s in session.exec(select(Source).where(col(Source.id).in_(source_ids))).all()}
        missing = [str(i) for i in source_ids if i not in found]
        if missing:
            raise NotFoundError(f"no source with id {', '.join(missing)}")
        return [found[i] for i in dict.fromkeys(source_ids)]
    return list(session.exec(select(Source).where(col(Source.error).is_not(None)).order_by(col(Source.id))).all())


def snapshots(*, session: Session, source_id: int) -> list[SourceSnapshot]:
    stmt = select(SourceSnapshot).where(col(SourceSnapshot.source_id) == source_id).order_by(col(SourceSnapshot.id))
    return list(session.exec(stmt).all())


@dataclass(frozen=True, slots=True)
class SourceListing:
    source: Source
    claim_ids: list[int]
    snapshot_count: int


def list_sources(*, session: Session, claim_id: int | None = None) -> list[SourceListing]:
    stmt = select(Source).order_by(col(Source.id))
    if claim_id is not None:
        get_claim(session=session, claim_id=claim_id)
        stmt = stmt.where(
            col(Source.id).in_(select(ClaimSource.source_id).where(col(ClaimSource.claim_id) == claim_id))
        )
    sources = list(session.exec(stmt).all())
    ids = [s.id for s in sources]
    claims: dict[int, list[int]] = {}
    for sid, cid in session.exec(
        select(ClaimSource.source_id, ClaimSource.claim_id).where(col(ClaimSource.source_id).in_(ids))
    ).all():
        claims.setdefault(sid, []).append(cid)
    counts = dict(
        session.exec(
            select(SourceSnapshot.source_id, func.count())
            .where(col(SourceSnapshot.source_id).in_(ids))
            .group_by(col(SourceSnapshot.source_id))
        ).all()
    )
    return [
        SourceListing(source=s, claim_ids=sorted(claims.get(s.id or 0, [])), snapshot_count=counts.get(s.id or 0, 0))
        for s in sources
    ]


# ------------------------------------------------------------------------------------------ history


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

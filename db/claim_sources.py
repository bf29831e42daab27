"""Sources attached to claims: fetching into snapshots, attaching with a stance and quote, listing.

A failed fetch is recorded on the source and keeps its last good text; snapshots are never deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from db import audit
from db.claim_lock import get_claim, locked_claim
from db.models import ClaimSource, Source, SourceSnapshot
from factcheck.errors import InvalidValueError, NotFoundError
from factcheck.records import FetchResult
from factcheck.review import Stance, quote_found

__all__ = [
    "AttachOutcome",
    "FetchOutcome",
    "SourceListing",
    "attach_source",
    "list_sources",
    "record_fetch",
    "snapshots",
    "sources_for_claim",
    "sources_to_retry",
]


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
    claim = locked_claim(session, claim_id, expected_version)
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

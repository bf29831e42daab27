"""The review record as ``--json`` prints it: sources with their fetch state, verdicts, history entries.

Stable shapes for scripts (``factcheck show --json`` embeds ``review_record``); the tables for people
are in ``cli.tables``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cli.tables import fetch_state
from factcheck.errors import InvalidValueError

if TYPE_CHECKING:
    from sqlmodel import Session

    from db.models import AuditEntry, ClaimSource, Source, Verdict
    from factcheck.review import RatingScale

__all__ = ["audit_json", "edited_claim_json", "fetch_json", "review_record", "source_json", "verdict_json"]


def source_json(link: ClaimSource, source: Source) -> dict[str, Any]:
    return {
        "source_id": source.id,
        "url": source.url,
        "final_url": source.final_url,
        "title": source.title,
        "stance": link.stance,
        "quote": link.quote,
        "quote_found": link.quote_found,
        "note": link.note,
        "reviewer": link.reviewer,
        "attached_at": link.created_at,
        "fetch": fetch_json(source),
    }


def fetch_json(source: Source) -> dict[str, Any]:
    return {
        "status": fetch_state(source),
        "error": source.error,
        "http_status": source.http_status,
        "content_type": source.content_type,
        "sha256": source.sha256,
        "fetched_at": source.fetched_at,
    }


def verdict_json(verdict: Verdict, scale: RatingScale) -> dict[str, Any]:
    try:
        rating = scale.lookup(verdict.rating)
        textual, value = rating.textual_rating, rating.value
    except InvalidValueError:  # a rating of a scale since replaced
        textual, value = verdict.rating, None
    return {
        "id": verdict.id,
        "rating": verdict.rating,
        "textual_rating": textual,
        "rating_value": value,
        "rationale": verdict.rationale,
        "reviewer": verdict.reviewer,
        "created_at": verdict.created_at,
    }


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "reviewer": entry.reviewer,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "claim_id": entry.claim_id,
        "before": entry.before,
        "after": entry.after,
    }


def review_record(session: Session, claim_id: int) -> dict[str, Any]:
    """A claim's review record for ``--json``: status, version, sources, verdicts (current last)."""
    from db import review

    claim = review.get_claim(session=session, claim_id=claim_id)
    scale = review.load_scale(session=session)
    verdicts = [verdict_json(v, scale) for v in review.verdicts_for_claim(session=session, claim_id=claim_id)]
    return {
        "status": claim.status,
        "version": claim.version,
        "sources": [
            source_json(link, src) for link, src in review.sources_for_claim(session=session, claim_id=claim_id)
        ],
        "verdicts": verdicts,
        "current_verdict": verdicts[-1] if verdicts else None,
    }


def edited_claim_json(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "status": claim.status,
        "origin": claim.origin,
        "version": claim.version,
    }

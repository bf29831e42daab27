"""The complete review record as plain frozen data.

One row class per stored table, field for field, so that a record gathered from one database can be
written into another unchanged (ids included). Renderers read only this; nothing here knows SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from factcheck.review.scale import Rating, RatingScale

__all__ = [
    "ROW_TABLES",
    "ArticleRow",
    "AuditRow",
    "ClaimRow",
    "ClaimSourceRow",
    "ContradictionRow",
    "LinkRow",
    "Rating",
    "RatingScale",
    "ReviewRecord",
    "Selection",
    "SnapshotRow",
    "SourceRow",
    "VerdictRow",
]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    language: str
    published: date | None
    body: str
    content_hash: str
    source_path: str | None
    encoding: str | None
    imported_at: datetime

    @property
    def label(self) -> str:
        """The outlet, or a stand-in naming the article when the outlet is unknown."""
        return self.outlet or f"article {self.id} (outlet unknown)"


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    article_id: int
    text: str
    norm_text: str
    start: int
    end: int
    kind: str
    checkworthiness: float
    negated: bool
    slots: dict[str, Any]
    status: str
    origin: str
    extractor: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    assignee: str | None = None  # who on the desk holds the claim (absent from records before team mode)


@dataclass(frozen=True, slots=True)
class LinkRow:
    id: int
    claim_a_id: int
    claim_b_id: int
    score: float
    text_score: float
    slot_score: float
    method: str
    status: str
    reviewer: str | None
    decided_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ContradictionRow:
    id: int
    claim_a_id: int
    claim_b_id: int
    kind: str
    value_a: Any
    value_b: Any
    explanation: str
    status: str
    reason: str | None
    reviewer: str | None
    decided_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    url: str
    final_url: str | None
    http_status: int | None
    content_type: str | None
    title: str | None
    text: str | None
    sha256: str | None
    fetched_at: datetime | None
    error: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    id: int
    source_id: int
    final_url: str | None
    http_status: int | None
    content_type: str | None
    title: str | None
    text: str | None
    sha256: str | None
    error: str | None
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class ClaimSourceRow:
    id: int
    claim_id: int
    source_id: int
    stance: str
    quote: str | None
    quote_found: bool | None
    note: str | None
    reviewer: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class VerdictRow:
    id: int
    claim_id: int
    rating: str
    rationale: str
    reviewer: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    reviewer: str
    action: str
    entity: str
    entity_id: int | None
    claim_id: int | None
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Selection:
    """Which claims were asked for; the record also carries the claims they link to, as context."""

    article_id: int | None
    status: str | None
    since: date | None
    claim_ids: tuple[int, ...]

    @property
    def is_everything(self) -> bool:
        return self.article_id is None and self.status is None and self.since is None


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    meta: dict[str, str]
    scale: RatingScale
    selection: Selection
    articles: tuple[ArticleRow, ...]
    claims: tuple[ClaimRow, ...]
    links: tuple[LinkRow, ...]
    contradictions: tuple[ContradictionRow, ...]
    sources: tuple[SourceRow, ...]
    snapshots: tuple[SnapshotRow, ...]
    claim_sources: tuple[ClaimSourceRow, ...]
    verdicts: tuple[VerdictRow, ...]
    audit: tuple[AuditRow, ...]


# Table name of each row class, in an order that satisfies foreign keys when inserting.
ROW_TABLES: tuple[tuple[str, str, type[Any]], ...] = (
    ("articles", "article", ArticleRow),
    ("claims", "claim", ClaimRow),
    ("links", "claim_link", LinkRow),
    ("contradictions", "contradiction", ContradictionRow),
    ("sources", "source", SourceRow),
    ("snapshots", "source_snapshot", SnapshotRow),
    ("claim_sources", "claim_source", ClaimSourceRow),
    ("verdicts", "verdict", VerdictRow),
    ("audit", "audit_log", AuditRow),
)

"""SQLModel tables: the whole review record.

Reviewer work (verdicts, sources, decisions, edits) lives in its own tables keyed by claim, and
extraction never deletes a claim that carries any of it. Timestamps are aware UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow

__all__ = [
    "Article",
    "AuditEntry",
    "Claim",
    "ClaimLink",
    "ClaimSource",
    "ClaimVector",
    "Contradiction",
    "FactCheck",
    "Meta",
    "PriorMatch",
    "Source",
    "SourceSnapshot",
    "Verdict",
]


def _ts(**kw: Any) -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kw)


class Meta(SQLModel, table=True):
    """Key/value settings of one database (schema marker, rating scale)."""

    __tablename__ = "factcheck_meta"
    key: str = Field(primary_key=True)
    value: str


class Article(SQLModel, table=True):
    __tablename__ = "article"
    __table_args__ = (Index("ix_article_published", "published", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "und"
    published: date | None = None
    body: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(unique=True, index=True)
    source_path: str | None = None
    encoding: str | None = None
    imported_at: datetime = _ts()


class Claim(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_status_cw", "status", "checkworthiness", "id"),
        Index("ix_claim_cw", "checkworthiness", "id"),
        Index("ix_claim_article_span", "article_id", "start"),
        Index("ix_claim_assignee", "assignee", "id"),
        {"sqlite_autoincrement": True},  # ids are never reused: the audit log and exports refer to them
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    text: str = Field(sa_column=Column(Text, nullable=False))
    norm_text: str = Field(sa_column=Column(Text, nullable=False, default=""))
    start: int
    end: int
    kind: str = "event"
    checkworthiness: float = 0.0
    negated: bool = False
    slots: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = "new"
    origin: str = "extracted"  # extracted | manual | edited | split | merged
    extractor: str | None = None
    version: int = 1  # optimistic concurrency: bumped on every reviewer edit
    assignee: str | None = None  # the desk member this claim is assigned to (db.assignment)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class ClaimVector(SQLModel, table=True):
    """A claim's sentence vector for matching (512 float16, 1 KiB), stored once, computed only for
    claims that had match candidates. ``version`` is the claim's version it was computed from: an
    edited claim's vector is stale and ignored. A side table, so that claim queries never carry it."""

    __tablename__ = "claim_vector"

    claim_id: int = Field(sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True))
    version: int
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ClaimLink(SQLModel, table=True):
    """Two claims in different articles judged to state the same fact (claim_a_id < claim_b_id)."""

    __tablename__ = "claim_link"
    __table_args__ = (
        UniqueConstraint("claim_a_id", "claim_b_id", name="uq_claim_link_pair"),
        Index("ix_claim_link_b", "claim_b_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_a_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    claim_b_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    score: float
    text_score: float = 0.0
    slot_score: float = 0.0
    method: str
    status: str = "suggested"  # suggested | confirmed | rejected
    reviewer: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _ts()


class Contradiction(SQLModel, table=True):
    __tablename__ = "contradiction"
    __table_args__ = (
        UniqueConstraint("claim_a_id", "claim_b_id", "kind", name="uq_contradiction_pair_kind"),
        Index("ix_contradiction_status", "status", "id"),
        Index("ix_contradiction_b", "claim_b_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_a_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    claim_b_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    kind: str  # date | number | place | negation | participants
    value_a: Any = Field(default=None, sa_column=Column(JSON))
    value_b: Any = Field(default=None, sa_column=Column(JSON))
    explanation: str = ""
    status: str = "open"  # open | confirmed | dismissed
    reason: str | None = None  # real_conflict | different_event | different_period | later_correction
    reviewer: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _ts()


class Source(SQLModel, table=True):
    """A URL or local file; the fields mirror its latest snapshot."""

    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, index=True)
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    title: str | None = None
    text: str | None = Field(default=None, sa_column=Column(Text))
    sha256: str | None = None
    fetched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = None
    created_at: datetime = _ts()


class SourceSnapshot(SQLModel, table=True):
    """Every fetch of a source, kept so a changed page can be shown against what was cited."""

    __tablename__ = "source_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    title: str | None = None
    text: str | None = Field(default=None, sa_column=Column(Text))
    sha256: str | None = None
    error: str | None = None
    fetched_at: datetime = _ts()


class ClaimSource(SQLModel, table=True):
    __tablename__ = "claim_source"
    __table_args__ = (UniqueConstraint("claim_id", "source_id", name="uq_claim_source"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", index=True)
    stance: str = "context"  # supports | refutes | context
    quote: str | None = None
    quote_found: bool | None = None
    note: str | None = None
    reviewer: str
    created_at: datetime = _ts()


class Verdict(SQLModel, table=True):
    """Append-only: the latest row of a claim is its current verdict."""

    __tablename__ = "verdict"
    __table_args__ = (Index("ix_verdict_claim", "claim_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    rating: str
    rationale: str = Field(sa_column=Column(Text, nullable=False))
    reviewer: str
    created_at: datetime = _ts()


class AuditEntry(SQLModel, table=True):
    """Every reviewer change: who, when, what it was before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_claim", "claim_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts()
    reviewer: str
    action: str  # e.g. verdict.set, claim.status, source.attach, link.confirm, contradiction.dismiss
    entity: str  # table name
    entity_id: int | None = None
    claim_id: int | None = Field(default=None, index=False)
    before: Any = Field(default=None, sa_column=Column(JSON))
    after: Any = Field(default=None, sa_column=Column(JSON))


class FactCheck(SQLModel, table=True):
    """A rated claim in the desk's archive: imported from a fact-checker, or a verdict made here.

    ``rating`` is a label of our scale, or "not given"; ``rating_original`` is the source's words
    verbatim. ``dedup_key`` (folded text + fact-checker) and ``url`` each identify a fact-check once.
    ``terms``/``title_terms`` are the stemmed content terms the retrieval index (FTS5) holds; ``vector`` is the sentence
    vector (float16 bytes), computed once when the fact-check is archived; ``title_vector`` its title's
    (a headline is often phrased as the claim circulates, "Did X say Y?").
    """

    __tablename__ = "factcheck"
    __table_args__ = (Index("ix_factcheck_claim", "claim_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    claim: str = Field(sa_column=Column(Text, nullable=False))
    title: str | None = Field(default=None, sa_column=Column(Text))
    rating: str = "not given"
    rating_original: str | None = None
    fact_checker: str | None = None
    url: str | None = Field(default=None, unique=True)
    review_date: date | None = None
    language: str = "und"
    external_id: str | None = None
    origin: str = "import"  # import | workbench
    claim_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="CASCADE")
    dedup_key: str = Field(unique=True)
    terms: str = Field(sa_column=Column(Text, nullable=False, default=""))
    title_terms: str = Field(sa_column=Column(Text, nullable=False, default=""))
    vector: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    title_vector: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    imported_at: datetime = _ts()


class PriorMatch(SQLModel, table=True):
    """A claim's ranked prior fact-check; a reviewer's "not the same claim" stays as ``rejected``."""

    __tablename__ = "prior_match"
    __table_args__ = (
        UniqueConstraint("claim_id", "factcheck_id", name="uq_prior_match_pair"),
        Index("ix_prior_match_factcheck", "factcheck_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    factcheck_id: int = Field(foreign_key="factcheck.id", ondelete="CASCADE")
    rank: int
    score: float
    features: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = "suggested"  # suggested | rejected | applied
    reviewer: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _ts()

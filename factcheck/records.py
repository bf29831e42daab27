"""Records that intake hands to storage: an article read from a file, a failed read, a fetched source.

They live in the core because both sides use them: ``sources/`` produces them and ``db/`` stores them,
so storage never has to import intake (and neither face of the application imports the other).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from factcheck.errors import FactcheckError

__all__ = ["ArticleRecord", "FetchResult", "ReadFailure"]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article as read, before it is stored: its text and the metadata found for it."""

    body: str
    title: str | None
    language: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    source_path: str | None = None
    line: int | None = None
    encoding: str | None = None

    @property
    def where(self) -> str:
        where = self.source_path or "<input>"
        return f"{where}:{self.line}" if self.line else where


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file or JSONL line that could not be read, reported and skipped while the rest imports."""

    path: str
    error: FactcheckError


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch found; ``error`` is set (and text is None) when it failed."""

    url: str
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    title: str | None = None
    text: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    error: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def ok(self) -> bool:
        return self.error is None

"""Plain-text pieces every renderer shares, so the formats word things the same way.

These return unescaped text: each renderer escapes for its own medium.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from factcheck.reports.record import ClaimRow, ContradictionRow, ReviewRecord
from factcheck.reports.summary import Report
from factcheck.text import strip_control

__all__ = [
    "clean",
    "clean_line",
    "contradiction_sides",
    "selection_text",
    "shorten",
    "time_text",
    "value_text",
]


def clean(text: str) -> str:
    """``strip_control``, skipped for the usual text that has nothing to strip (checked in C)."""
    return text if text.isprintable() else strip_control(text)


def clean_line(text: str) -> str:
    """Control characters stripped and whitespace runs (newlines included) folded to one space."""
    return text if text.isprintable() else " ".join(strip_control(text).split())


def time_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def value_text(value: Any) -> str:
    """A slot value as a reader would write it: plain scalars bare, lists comma-separated."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(value_text(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def shorten(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def contradiction_sides(report: Report, row: ContradictionRow) -> tuple[tuple[ClaimRow, str], tuple[ClaimRow, str]]:
    """Each side's claim with the value it gives."""
    a = report.claim_by_id[row.claim_a_id]
    b = report.claim_by_id[row.claim_b_id]
    return (a, value_text(row.value_a)), (b, value_text(row.value_b))


def selection_text(record: ReviewRecord) -> str:
    selection = record.selection
    parts = []
    if selection.article_id is not None:
        parts.append(f"article {selection.article_id}")
    if selection.status:
        parts.append(f"status {selection.status}")
    if selection.since:
        parts.append(f"changed since {selection.since.isoformat()}")
    return "all claims" if not parts else "claims with " + ", ".join(parts)

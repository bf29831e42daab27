"""A day or a month named without its year, placed in the year the publication date makes likely.

Pure calendar arithmetic, kept apart from ``dates`` (which reads dates from the text): "last March",
"next 5 May", or a bare "9 March" nearest the publication date, leaning to the past.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

__all__ = ["iso_day", "resolve_day", "resolve_month"]


def iso_day(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD, or None when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # pure, and articles of one day name the same few dates
def resolve_day(published: date, month: int, day: int, qualifier: str | None) -> str | None:
    """The day in the year before, of or after publication that ``qualifier`` asks for: past, next,
    current, or ahead (a future verb before it: the nearest, leaning to the future)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if qualifier == "past":
        past = [c for c in candidates if c < published]
        return max(past).isoformat() if past else None
    if qualifier == "next":
        future = [c for c in candidates if c > published]
        return min(future).isoformat() if future else None
    if qualifier == "current":
        same = [c for c in candidates if c.year == published.year]
        return same[0].isoformat() if same else None
    # No qualifier: the nearest, leaning to the past (news reports what happened); ahead: the other way.
    low, high = (-30, 330) if qualifier == "ahead" else (-300, 60)
    window = [c for c in candidates if low <= (c - published).days <= high]
    chosen = min(window or candidates, key=lambda c: abs((c - published).days))
    return chosen.isoformat()


def resolve_month(published: date, month: int, qualifier: str | None) -> str:
    """YYYY-MM of a month named without its year (the qualifiers as for ``resolve_day``)."""
    year = published.year
    if qualifier == "past":
        if month >= published.month:
            year -= 1
    elif qualifier == "next":
        if month <= published.month:
            year += 1
    elif qualifier is None and month > published.month + 1:
        year -= 1
    elif qualifier == "ahead" and month < published.month - 1:
        year += 1
    return f"{year:04d}-{month:02d}"

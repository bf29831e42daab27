"""Keeping claims tied to their article: locating text in a body, trimming and splitting spans.

A claim's text is always ``body[start:end]``; a reviewer's text is located in the body rather than
stored beside it, so edits keep the link to the article span.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.errors import InvalidValueError
from factcheck.text import normalize_for_matching

__all__ = ["find_span", "merge_slots", "quote_found", "slots_within", "split_point", "trim_span"]

# Separators that belong to neither side of a split (whitespace, commas, semicolons, colons, dashes).
_EDGE = " \t\r\n\u00a0,،;؛:-–—"


def find_span(body: str, text: str, *, near: int = 0) -> tuple[int, int]:
    """The occurrence of ``text`` in ``body`` closest to ``near``; any whitespace run matches any other.

    Articles are often hard-wrapped, so a sentence typed on one line still finds its wrapped span.
    """
    words = text.split()
    if not words:
        raise InvalidValueError("the claim text is empty")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    matches = [(m.start(), m.end()) for m in pattern.finditer(body)]
    if not matches:
        preview = " ".join(words)[:60]
        raise InvalidValueError(
            f"the text {preview!r} does not occur in the article; give its span with --start/--end instead"
        )
    return min(matches, key=lambda span: abs(span[0] - near))


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past separators at either edge; refuse spans that are outside or empty."""
    if not 0 <= start < end <= len(body):
        raise InvalidValueError(f"span {start}:{end} is outside the article (0:{len(body)}) or empty")
    while start < end and body[start] in _EDGE:
        start += 1
    while end > start and body[end - 1] in _EDGE:
        end -= 1
    if start == end:
        raise InvalidValueError("the span holds only spaces and punctuation")
    return start, end


def split_point(text: str, *, at: int | None = None, before: str | None = None) -> int:
    """Offset in ``text`` where the second part starts: ``at`` directly, or where ``before`` begins."""
    if (at is None) == (before is None):
        raise InvalidValueError("give exactly one of an offset or the text the second part starts with")
    if before is not None:
        words = before.split()
        match = re.search(r"\s+".join(re.escape(w) for w in words), text) if words else None
        if match is None:
            raise InvalidValueError(f"{before!r} does not occur in the claim text")
        at = match.start()
    assert at is not None
    if not 0 < at < len(text):
        raise InvalidValueError(f"split offset {at} must fall inside the claim text (1..{len(text) - 1})")
    return at


def slots_within(slots: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    """The slots whose spans still lie inside ``start:end``; participants follow the places and actors kept."""
    out: dict[str, Any] = {}
    for key, value in slots.items():
        if isinstance(value, list) and all(isinstance(v, dict) and "start" in v for v in value):
            out[key] = [v for v in value if start <= v["start"] and v["end"] <= end]
        else:
            out[key] = value
    if isinstance(slots.get("participants"), list):
        kept = {p.get("country") for p in out.get("places", [])} | {a.get("key") for a in out.get("actors", [])}
        out["participants"] = [p for p in slots["participants"] if p in kept]
    return out


def quote_found(quote: str, text: str) -> bool:
    """Whether ``quote`` occurs in ``text`` as whole words, after Arabic-aware normalisation."""
    needle = normalize_for_matching(quote)
    if not needle:
        return False
    return f" {needle} " in f" {normalize_for_matching(text)} "


def merge_slots(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """The slots of two claims joined into one: span lists merged in text order, participants united."""
    out: dict[str, Any] = dict(first)
    for key, value in second.items():
        mine = out.get(key)
        if isinstance(mine, list) and isinstance(value, list):
            joined = list(mine)
            joined.extend(v for v in value if v not in mine)
            if all(isinstance(v, dict) and "start" in v for v in joined):
                joined.sort(key=lambda v: v["start"])
            out[key] = joined
        elif mine is None:
            out[key] = value
    return out

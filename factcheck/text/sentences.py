"""Sentence spans by punctuation alone, for showing and grouping claims by their sentence.

Lighter than the extractor's segmenter (no headings, lists or boilerplate): it only has to say which
sentence a span of the stored body lies in. A run without stops is cut into pieces of at most
``MAX_SPAN`` characters (at a comma, else at a space), so a megabyte with no punctuation gives many
short "sentences", not one that every claim of it carries as its context (which made matching
quadratic). Real news sentences stay whole: one in 5,000 is longer than 2,000 characters.
"""

from __future__ import annotations

import re

__all__ = ["MAX_SPAN", "sentence_around", "sentence_spans"]

MAX_SPAN = 2000  # characters
_SOFT_BREAKS = ",،;؛"

# A sentence ends at . ! ? ؟ … followed by space or a closing quote, or at a blank line; single
# newlines are hard wraps (004_… wraps mid-sentence) and do not end a sentence.
_BOUNDARY_RE = re.compile(r"(?<!\d)[.!?؟…]+[\"”’»]?(?=\s|$)|\n[ \t]*\n")


def sentence_spans(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(body):
        _add(body, start, match.end(), spans)
        start = match.end()
    _add(body, start, len(body), spans)
    return spans


def _add(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``body[start:end]`` if it holds text, cut into pieces of at most ``MAX_SPAN``."""
    while end - start > MAX_SPAN:
        low, high = start + MAX_SPAN // 2, start + MAX_SPAN
        cut = max(body.rfind(mark, low, high) for mark in _SOFT_BREAKS) + 1
        if cut <= low:
            cut = max(body.rfind(" ", low, high), body.rfind("\n", low, high)) + 1
        if cut <= low:
            cut = high
        if body[start:cut].strip():
            spans.append((start, cut))
        start = cut
    if body[start:end].strip():
        spans.append((start, end))


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) covering ``body[start:end]``, without surrounding whitespace."""
    left, right = start, end
    for span_start, span_end in sentence_spans(body):
        if span_start <= start < span_end:
            left = span_start
        if span_start < end <= span_end:
            right = span_end
            break
    while left < start and body[left].isspace():
        left += 1
    while right > end and body[right - 1].isspace():
        right -= 1
    return left, right

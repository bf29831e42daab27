"""Sentence spans by punctuation alone, for showing and grouping claims by their sentence.

Lighter than the extractor's segmenter (no headings, lists or boilerplate): it only has to say which
sentence a span of the stored body lies in.
"""

from __future__ import annotations

import re

__all__ = ["sentence_around", "sentence_spans"]

# A sentence ends at . ! ? ؟ … followed by space or a closing quote, or at a blank line; single
# newlines are hard wraps (004_… wraps mid-sentence) and do not end a sentence.
_BOUNDARY_RE = re.compile(r"(?<!\d)[.!?؟…]+[\"”’»]?(?=\s|$)|\n[ \t]*\n")


def sentence_spans(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(body):
        if body[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if body[start:].strip():
        spans.append((start, len(body)))
    return spans


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

"""Compass words, one list for the extractor and the contradiction checks.

A distance before a compass word places something («118 كم غرب بغداد» is where, not how many), and
two compass words before one city name two places («شمال شرق بغداد» / «شمال غرب بغداد»), so their
counts and dates are not compared.
"""

from __future__ import annotations

__all__ = ["COMPASS_WORDS", "compass_point"]

COMPASS_WORDS = frozenset({
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western",
})  # fmt: skip


def compass_point(word: str) -> str:
    """One spelling per direction: «شمالي» is «شمال», "northern" is "north"."""
    for ending in ("ي", "ern"):
        if word.endswith(ending) and word[: -len(ending)] in COMPASS_WORDS:
            return word[: -len(ending)]
    return word

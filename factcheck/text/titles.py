"""A stand-in title for an article whose first line is not a heading."""

from __future__ import annotations

__all__ = ["TITLE_SOURCE_CHARS", "stand_in_title"]

TITLE_SOURCE_CHARS = 120  # how much of the body a stand-in title needs (lists read only this much)


def stand_in_title(body: str) -> str:
    """The article's first line, cut at a word: what a reader would call it."""
    line = " ".join(body.strip().split("\n", 1)[0].split()).rstrip("،,:")
    if len(line) < TITLE_SOURCE_CHARS - 20:
        return line
    cut = line.rfind(" ", 0, 80)
    return line[: cut if cut > 0 else 80].rstrip("،,") + "…"

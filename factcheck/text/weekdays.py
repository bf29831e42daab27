"""Weekday names (folded), one list for the extractor and the contradiction checks.

The extractor resolves a named weekday against the publication date; the checks need to know that a
date was *named* as a weekday: «يوم الأربعاء» and «أمس الخميس» are two days even when a crawl date a day
off could make two dates read off publication dates one.
"""

from __future__ import annotations

__all__ = ["WEEKDAYS", "names_weekday"]

WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip


_NAMES = frozenset(WEEKDAYS) | {w.removeprefix("ال") for w in WEEKDAYS}


def names_weekday(folded_words: list[str]) -> bool:
    """Whether one of the folded words (with or without «ال», «و» or «ب») names a weekday."""
    return any(w in _NAMES or (w[:1] in ("و", "ب") and w[1:] in _NAMES) for w in folded_words)

"""What a number in a claim admits: an exact count, a bound («أكثر من 60 ألف»), an estimate («نحو 50»).

Two reports of one count conflict only when no value satisfies both: "more than 60,000 jobs" and
"over 5,500 jobs" are both lower bounds and both true of 61,000; "about 50" holds 45. A count of
"others" («وإصابة ثلاثة آخرين») names nothing by itself, so two such counts are of two things. The
words are data (``number_bounds`` in ``data/contradiction_lexicon.json``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from factcheck.matching.features import NumberKey
from factcheck.text.contradiction_lexicon import fold, lexicon_data
from factcheck.text.normalize import matching_words
from factcheck.text.terms import stem_word

__all__ = ["anaphoric", "cumulative", "interval", "other_count", "two_durations"]

_BEFORE = 4  # words read before a number for its bound


@dataclass(frozen=True, slots=True)
class _Bounds:
    lower: tuple[tuple[str, ...], ...]
    upper: tuple[tuple[str, ...], ...]
    approximate: tuple[tuple[str, ...], ...]
    share: float
    anaphoric: frozenset[str]
    cumulative: tuple[tuple[str, ...], ...]
    rounding_from: float
    rounding_share: float
    most_ratio: float
    duration_units: frozenset[str]
    duration_fillers: frozenset[str]
    ages: frozenset[str]


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    """Folded word tuples, longest first (so «لا يتجاوز» is read before «يتجاوز»)."""
    out = {tuple(w for w in matching_words(p)) for p in items}
    return tuple(sorted((p for p in out if p), key=len, reverse=True))


@cache
def _bounds() -> _Bounds:
    b = lexicon_data()["number_bounds"]
    return _Bounds(
        lower=_phrases(b["lower"]),
        upper=_phrases(b["upper"]),
        approximate=_phrases(b["approximate"]),
        share=float(b["approximate_share"]),
        anaphoric=frozenset(fold(w) for w in b["anaphoric_units"]),
        cumulative=_phrases(b["cumulative"]),
        rounding_from=float(b["rounding"]["from"]),
        rounding_share=float(b["rounding"]["share"]),
        most_ratio=float(b["same_count_ratio"]["most"]),
        duration_units=frozenset(fold(w) for w in b["durations"]["units"]),
        duration_fillers=frozenset(w for p in b["durations"]["fillers"] for w in matching_words(p)),
        ages=frozenset(w for p in b["durations"]["ages"] for w in matching_words(p)),
    )


def anaphoric(unit: str | None) -> bool:
    """Whether the counted noun only points back («آخرين», "others")."""
    return unit is not None and fold(unit) in _bounds().anaphoric


def other_count(x: float, y: float) -> bool:
    """Whether two values are too far apart to be two reports of one count (``same_count_ratio``)."""
    low, high = sorted((abs(x), abs(y)))
    return low > 0 and high / low >= _bounds().most_ratio


def cumulative(text: str) -> bool:
    """Whether the claim counts since a start («منذ بدء المواجهات», "so far"): a running total."""
    words = matching_words(text)
    return any(tuple(words[i : i + len(p)]) == p for p in _bounds().cumulative for i in range(len(words) - len(p) + 1))


def _ends_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(len(p) <= len(words) and tuple(words[-len(p) :]) == p for p in phrases)


def interval(text: str, surface: str, value: float) -> tuple[float, float]:
    """The values the number written ``surface`` in ``text`` admits, from the words before it."""
    at = text.find(surface)
    before = matching_words(text[:at])[-_BEFORE:] if at > 0 else []
    bounds = _bounds()
    for phrases, span in (
        (bounds.upper, (-math.inf, value)),  # first: «لا يتجاوز» ends like «يتجاوز»
        (bounds.lower, (value, math.inf)),
    ):
        if _ends_with(before, phrases):
            return span
    if _ends_with(before, bounds.approximate):
        return value * (1 - bounds.share), value * (1 + bounds.share)
    if value >= bounds.rounding_from:  # a large amount is printed rounded (or converted and rounded)
        return value * (1 - bounds.rounding_share / 2), value * (1 + bounds.rounding_share / 2)
    return value, value


def two_durations(text_a: str, x: NumberKey, text_b: str, y: NumberKey) -> bool:
    """Whether two lengths of time measure two things: what lasts (the word before each number, past
    «على مدى», «لمدة», «حوالي») differs («إجازة 40 يوما» / «معسكر … حوالي 17 يوما»). Ages are
    compared («عن عمر يناهز 92 عاما» / «عن 50 عاما»)."""
    bounds = _bounds()
    if x.unit is None or fold(x.unit) not in bounds.duration_units:
        return False
    head_a, head_b = _head(text_a, x.surface), _head(text_b, y.surface)
    return bool(head_a and head_b and stem_word(head_a) != stem_word(head_b))


def _head(text: str, surface: str) -> str:
    at = text.find(surface)
    bounds = _bounds()
    skip = bounds.duration_fillers | {w for p in bounds.approximate for w in p}
    for word in reversed(matching_words(text[:at]) if at > 0 else []):
        if word in bounds.ages:
            return ""  # an age, compared as a count
        if word not in skip:
            return word
    return ""

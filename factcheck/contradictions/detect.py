"""Typed contradiction flags between two linked claims about the same event.

A false alarm costs a reviewer's time and trust, so every check asks for more than a differing value:
the pair must be linked and carry same-event evidence (a shared event word plus a shared person,
place, country or date), and the differing slot must be unambiguous (one value on each side). A
difference of precision ("2025-03" against "2025-03-09") and a containing place (Amman in Jordan,
Ankara in Turkey) agree. Dates further apart than ``DATE_WINDOW_DAYS`` are read as two occurrences
(different period), not as a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from factcheck.matching.agreement import DATE_WINDOW_DAYS, dates_compatible, days_apart
from factcheck.matching.features import ClaimFeatures, PlaceKey
from factcheck.matching.matcher import Candidate, Link, MatchResult
from factcheck.text.normalize import matching_words

__all__ = ["ContradictionFlag", "ContradictionKind", "Findings", "detect_contradictions", "findings", "flags_for"]

NEGATION_CORE_SIMILARITY = 85.0
NEGATION_MIN_WORDS = 4
WORKERS = 2


class ContradictionKind(StrEnum):
    DATE = "date"
    NUMBER = "number"
    PLACE = "place"
    NEGATION = "negation"
    PARTICIPANTS = "participants"


@dataclass(frozen=True, slots=True)
class ContradictionFlag:
    """One disagreeing slot; values are JSON-ready and ordered like the claim ids."""

    claim_a_id: int
    claim_b_id: int
    kind: ContradictionKind
    value_a: Any
    value_b: Any
    explanation: str


def _date_flag(a: ClaimFeatures, b: ClaimFeatures) -> tuple[Any, Any, str] | None:
    if len(a.dates) != 1 or len(b.dates) != 1:
        return None  # no dates, or several: which one is the event's date is a guess
    x, y = a.dates[0], b.dates[0]
    if dates_compatible(x, y):
        return None
    if days_apart(x, y) > DATE_WINDOW_DAYS:
        return None
    surface_a = next((d.surface for d in a.claim.slots.dates if d.value == x), x)
    surface_b = next((d.surface for d in b.claim.slots.dates if d.value == y), y)
    return x, y, f'The date disagrees: "{surface_a}" ({x}) in one report, "{surface_b}" ({y}) in the other.'


def _number_value(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _number_flags(a: ClaimFeatures, b: ClaimFeatures) -> list[tuple[Any, Any, str]]:
    out: list[tuple[Any, Any, str]] = []
    if not a.numbers or not b.numbers:
        return out
    if len(a.numbers) == 1 and len(b.numbers) == 1 and a.numbers[0].value == b.numbers[0].value:
        return out  # one count each, the same: nothing can disagree
    units = {n.unit for n in a.numbers if n.unit} & {n.unit for n in b.numbers if n.unit}
    for unit in sorted(u for u in units if u):
        xs = [n for n in a.numbers if n.unit == unit]
        ys = [n for n in b.numbers if n.unit == unit]
        if len({n.value for n in xs}) != 1 or len({n.value for n in ys}) != 1 or xs[0].value == ys[0].value:
            continue
        x, y = xs[0], ys[0]
        out.append(
            (
                _number_value(x.value),
                _number_value(y.value),
                f'The number of {unit} disagrees: "{x.surface}" ({x.value:g}) in one report, '
                f'"{y.surface}" ({y.value:g}) in the other.',
            )
        )
    return out


_LOCATIVE_BEFORE = frozenset({"في", "ب", "داخل", "عاصمه", "مدينه", "in", "at", "inside", "near", "capital", "city"})


@lru_cache(maxsize=100_000)
def _is_location(surface: str, claim_text: str) -> bool:
    """Whether the text names the place ``surface`` as where something happened («في الأردن», "in Damascus").

    «الدعم لدمشق» (support for Damascus) names a place that is not the event's location, and two
    such places never make a place contradiction. Cached: a claim meets many others.
    """
    position = claim_text.find(surface)
    if position < 0:
        return False
    if surface.startswith("بال"):  # «بالأردن», «بالعاصمة دمشق»: the clitic ب is "in"
        return True
    words = matching_words(claim_text[:position])
    return bool(words) and words[-1] in _LOCATIVE_BEFORE


def _single_place(f: ClaimFeatures) -> PlaceKey | None:
    if not f.places:
        return None
    if len(f.places) == 1:
        place = f.places[0]
        return place if place.key and _is_location(place.surface, f.claim.text) else None
    places = {p.key: p for p in f.places if p.key}
    if len(places) != 1:
        return None
    place = next(iter(places.values()))
    return place if _is_location(place.surface, f.claim.text) else None


def _place_flag(a: ClaimFeatures, b: ClaimFeatures) -> tuple[Any, Any, str] | None:
    x = _single_place(a)
    y = _single_place(b) if x is not None else None
    if x is None or y is None or x.key == y.key or not x.country or not y.country:
        return None
    if x.country == y.country and (x.is_country or y.is_country):
        return None  # one contains the other: Amman lies in Jordan
    if x.country == y.country and a.claim.language != b.claim.language:
        return None  # two city names in two scripts: equal keys are not guaranteed
    return (
        f"{x.surface} ({x.country})",
        f"{y.surface} ({y.country})",
        f'The place disagrees: "{x.surface}" ({x.country}) in one report, "{y.surface}" ({y.country}) '
        "in the other, and neither contains the other.",
    )


def _participants_flag(a: ClaimFeatures, b: ClaimFeatures) -> tuple[Any, Any, str] | None:
    xs, ys = list(dict.fromkeys(a.participants)), list(dict.fromkeys(b.participants))
    if len(xs) < 2 or len(ys) < 2 or set(xs) == set(ys) or len(set(xs) & set(ys)) < 2:
        return None
    only_a = sorted(set(xs) - set(ys))
    only_b = sorted(set(ys) - set(xs))
    detail = "; ".join(
        part
        for part in (
            f"only one report names {', '.join(only_a)}" if only_a else "",
            f"only the other names {', '.join(only_b)}" if only_b else "",
        )
        if part
    )
    return xs, ys, f"The participants disagree: {detail}."


def flags_for(candidate: Candidate, *, core_similarity: float = 0.0) -> list[ContradictionFlag]:
    """Contradictions between the two claims of one linked candidate pair."""
    a, b = candidate.a, candidate.b
    if a.claim.id > b.claim.id:
        a, b = b, a
    found: list[tuple[ContradictionKind, Any, Any, str]] = []
    if candidate.same_event is not None:
        if (date_flag := _date_flag(a, b)) is not None:
            found.append((ContradictionKind.DATE, *date_flag))
        found.extend((ContradictionKind.NUMBER, *flag) for flag in _number_flags(a, b))
        if candidate.link is not None and (place_flag := _place_flag(a, b)) is not None:
            found.append((ContradictionKind.PLACE, *place_flag))
        if (participants_flag := _participants_flag(a, b)) is not None:
            found.append((ContradictionKind.PARTICIPANTS, *participants_flag))
    if (
        candidate.link is not None
        and a.negated != b.negated
        and core_similarity >= NEGATION_CORE_SIMILARITY
        and min(len(a.core.split()), len(b.core.split())) >= NEGATION_MIN_WORDS
    ):
        says, denies = ("affirmed", "negated") if b.negated else ("negated", "affirmed")
        found.append(
            (
                ContradictionKind.NEGATION,
                says,
                denies,
                "The negation disagrees: one report says this happened, the other says it did not.",
            )
        )
    return [ContradictionFlag(a.claim.id, b.claim.id, kind, va, vb, text) for kind, va, vb, text in found]


def detect_contradictions(linked: Sequence[Candidate]) -> list[ContradictionFlag]:
    """Flags for linked or same-event pairs; negation needs a link and nearly the same other words."""
    negation = [
        i
        for i, c in enumerate(linked)
        if c.link is not None and c.a.negated != c.b.negated and c.a.claim.language == c.b.claim.language
    ]
    similarity = [0.0] * len(linked)
    if negation:
        scores = process.cpdist(
            [linked[i].a.core for i in negation],
            [linked[i].b.core for i in negation],
            scorer=fuzz.token_set_ratio,
            workers=WORKERS,
        )
        for i, value in zip(negation, scores.tolist(), strict=True):
            similarity[i] = float(value)
    flags: list[ContradictionFlag] = []
    for candidate, core in zip(linked, similarity, strict=True):
        if candidate.same_event is not None or core:
            flags.extend(flags_for(candidate, core_similarity=core))
    return flags


@dataclass(frozen=True, slots=True)
class Findings:
    links: list[Link]
    flags: list[ContradictionFlag]


def findings(result: MatchResult) -> Findings:
    """Links and flags to store: a same-event pair with a flag becomes a link too, so that every
    contradiction sits on a link a reviewer can reject ("not the same event")."""
    flags = detect_contradictions(result.kept)
    flagged = {(f.claim_a_id, f.claim_b_id) for f in flags}
    links = list(result.links)
    if flagged:
        for candidate in result.kept:
            if candidate.link is None:
                a, b = candidate.a.claim.id, candidate.b.claim.id
                if ((a, b) if a < b else (b, a)) in flagged:
                    links.append(candidate.event_link())
    return Findings(links=links, flags=flags)

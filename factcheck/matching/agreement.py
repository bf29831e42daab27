"""Slot agreement between two claims: how much their canonical slots say "same fact", and why.

Fuzzy text scores cannot see dates or numbers and are blind across languages; slots can. Agreement
only adds evidence (a conflicting date is not evidence against a link: two reports of one meeting
that disagree on its day must still be linked so the disagreement can be flagged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factcheck.matching.concepts import EVENT_CONCEPTS
from factcheck.matching.features import ClaimFeatures

__all__ = ["DATE_WINDOW_DAYS", "Agreement", "dates_compatible", "days_apart", "same_event", "slot_agreement"]

# Weights of each kind of shared evidence; the sum is capped at 1.
W_PERSON = 0.35
W_ACTOR = 0.15
W_EXTRA_ACTOR = 0.1
W_SAME_DAY = 0.3
W_SAME_MONTH = 0.15
W_SAME_YEAR = 0.05
W_PLACE = 0.2
W_COUNTRY = 0.1
W_NUMBER = 0.2
W_EVENT = 0.25
W_EXTRA_EVENT = 0.1
W_DESCRIPTOR = 0.05
W_PARTICIPANTS = 0.15
ANCHORS = frozenset({"actor", "date", "place", "number"})
DATE_WINDOW_DAYS = 45  # further apart, two dated reports describe two occurrences


@dataclass(frozen=True, slots=True)
class Agreement:
    score: float
    reasons: tuple[str, ...]  # readable, e.g. "actor Abu Qasra = أبو قصرة"
    categories: frozenset[str]  # actor, person, date, place, country, number, event, participants

    @property
    def anchored(self) -> bool:
        return bool(self.categories & ANCHORS)


def dates_compatible(a: str, b: str) -> bool:
    """ISO dates agree when one is a prefix of the other (2025-03 contains 2025-03-09)."""
    return a.startswith(b) or b.startswith(a)


def slot_agreement(a: ClaimFeatures, b: ClaimFeatures) -> Agreement:
    score = 0.0
    reasons: list[str] = []
    cats: set[str] = set()

    shared_actors = [(x, y) for x in a.actors for y in b.actors if x.keys & y.keys]
    if shared_actors:
        seen: set[str] = set()
        for index, (x, y) in enumerate(shared_actors):
            if x.surface in seen:
                continue
            seen.add(x.surface)
            person = x.person or y.person
            score += (W_PERSON if person else W_ACTOR) if index == 0 else W_EXTRA_ACTOR
            cats.add("actor")
            if person:
                cats.add("person")
            reasons.append(f"actor {x.surface} = {y.surface}" if x.surface != y.surface else f"actor {x.surface}")

    best_date = ""
    for da in a.dates:
        for db in b.dates:
            if dates_compatible(da, db):
                common = da if len(da) <= len(db) else db
                if len(common) > len(best_date):
                    best_date = common
    if best_date:
        score += W_SAME_DAY if len(best_date) == 10 else W_SAME_MONTH if len(best_date) == 7 else W_SAME_YEAR
        cats.add("date")
        if len(best_date) == 10:
            cats.add("day")
        reasons.append(f"date {best_date}")

    place_keys_b = {p.key for p in b.places if not p.is_country}
    shared_places = sorted({p.surface for p in a.places if not p.is_country and p.key in place_keys_b})
    if shared_places:
        score += W_PLACE
        cats.add("place")
        reasons.append("place " + ", ".join(shared_places))

    shared_countries = sorted(a.countries & b.countries)
    if shared_countries:
        score += min(2, len(shared_countries)) * W_COUNTRY
        cats.add("country")
        reasons.append("country " + ", ".join(shared_countries))

    for na in a.numbers:
        if any(na.value == nb.value and (na.unit == nb.unit or not na.unit or not nb.unit) for nb in b.numbers):
            score += W_NUMBER
            cats.add("number")
            reasons.append(f"number {na.value:g}")
            break

    shared_concepts = a.concepts & b.concepts
    events = sorted(shared_concepts & EVENT_CONCEPTS)
    if events:
        score += W_EVENT + W_EXTRA_EVENT * (len(events) - 1)
        cats.add("event")
        reasons.append("event " + ", ".join(events))
    descriptors = sorted(shared_concepts - EVENT_CONCEPTS)
    if descriptors:
        score += min(3, len(descriptors)) * W_DESCRIPTOR
        reasons.append("about " + ", ".join(descriptors))

    if len(set(a.participants) & set(b.participants)) >= 2:
        score += W_PARTICIPANTS
        cats.add("participants")
        reasons.append("participants " + ", ".join(sorted(set(a.participants) & set(b.participants))))

    return Agreement(score=min(1.0, score), reasons=tuple(reasons), categories=frozenset(cats))


def _day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def days_apart(a: str, b: str) -> int:
    """Days between two ISO dates of any precision (a month counts from its first day)."""
    return abs((_day(a) - _day(b)).days)


def _places_agree(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    keys_b = {p.key for p in b.places if p.key}
    return bool(a.countries & b.countries) or any(p.key in keys_b for p in a.places if p.key)


def same_event(a: ClaimFeatures, b: ClaimFeatures) -> str | None:
    """Why the sentences of ``a`` and ``b`` report one event, or None when the evidence is weak.

    Needs a shared event word (a visit, a meeting…) and either a shared person, or dates within
    ``DATE_WINDOW_DAYS`` of each other together with a shared place or country. Two reports that
    merely mention Turkey and a date are not enough.
    """
    fa, fb = a.event_frame, b.event_frame
    events = sorted(fa.events & fb.events)
    if not events:
        return None
    persons = sorted(x.surface for x in fa.actors for y in fb.actors if (x.person or y.person) and x.keys & y.keys)
    if persons:
        return f"same event ({', '.join(events)}) with {persons[0]}"
    near = any(days_apart(x, y) <= DATE_WINDOW_DAYS for x in fa.dates for y in fb.dates)
    if near and _places_agree(fa, fb):
        return f"same event ({', '.join(events)}) at the same time and place"
    return None

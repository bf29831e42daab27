"""Slot agreement between two claims: how much their canonical slots say "same fact", and why.

Fuzzy text scores cannot see dates or numbers and are blind across languages; slots can. Shared
slots add evidence; a slot both claims fill with values that cannot agree (two different people, two
days, two cities, two counts of the same thing) takes some away, because two same-day attacks in
one template of words are still two facts. Two reports of one event that disagree on a slot are
still brought together, by ``same_event`` over their sentences, so the disagreement can be flagged.

This runs for every candidate pair, so the score is computed from precomputed sets and the readable
reasons only when asked (``explain=True``, for the pairs that become links).
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.matching.concepts import EVENT_CONCEPTS
from factcheck.matching.features import ClaimFeatures, first_day

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
W_CONFLICT = 0.2
ANCHORS = frozenset({"actor", "date", "place", "number"})
DATE_WINDOW_DAYS = 45  # further apart, two dated reports describe two occurrences


@dataclass(frozen=True, slots=True)
class Agreement:
    score: float
    categories: frozenset[str]  # actor, person, date, day, place, country, number, event, participants
    conflicts: tuple[str, ...]  # slots both claims fill with values that cannot agree
    reasons: tuple[str, ...] = ()  # readable, e.g. "actor أبو قصرة = Abu Qasra"; only with explain=True

    @property
    def anchored(self) -> bool:
        return bool(self.categories & ANCHORS)


def dates_compatible(a: str, b: str) -> bool:
    """ISO dates agree when one is a prefix of the other (2025-03 contains 2025-03-09)."""
    return a.startswith(b) or b.startswith(a)


def days_apart(a: str, b: str) -> int:
    """Days between two ISO dates of any precision (a month counts from its first day)."""
    return abs(first_day(a) - first_day(b))


def _best_date(a: ClaimFeatures, b: ClaimFeatures) -> str:
    best = ""
    for x in a.dates:
        for y in b.dates:
            if (x.startswith(y) or y.startswith(x)) and min(len(x), len(y)) > len(best):
                best = x if len(x) <= len(y) else y
    return best


def _numbers(a: ClaimFeatures, b: ClaimFeatures) -> tuple[float | None, bool]:
    """A value both claims give (a missing unit matches any), and whether one unit has two values."""
    conflict = False
    for x in a.numbers:
        for y in b.numbers:
            if x.value == y.value and (x.unit == y.unit or not x.unit or not y.unit):
                return x.value, False
            if x.unit and x.unit == y.unit:
                conflict = True
    return None, conflict


def slot_agreement(a: ClaimFeatures, b: ClaimFeatures, *, explain: bool = False) -> Agreement:
    score = 0.0
    cats: set[str] = set()
    conflicts: list[str] = []
    reasons: list[str] = []

    persons = a.person_keys & b.person_keys
    actors = a.actor_keys & b.actor_keys
    if persons or actors:
        score += W_PERSON if persons else W_ACTOR
        cats.update(("actor", "person") if persons else ("actor",))
        shared = {x.surface: y.surface for x in a.actors for y in b.actors if x.keys & y.keys}
        score += W_EXTRA_ACTOR * (len(shared) - 1)
        if explain:
            reasons.extend(f"actor {x} = {y}" if x != y else f"actor {x}" for x, y in shared.items())
    elif a.person_keys and b.person_keys:
        conflicts.append("person")

    best = _best_date(a, b)
    if best:
        score += W_SAME_DAY if len(best) == 10 else W_SAME_MONTH if len(best) == 7 else W_SAME_YEAR
        cats.update(("date", "day") if len(best) == 10 else ("date",))
        if explain:
            reasons.append(f"date {best}")
    elif a.dates and b.dates:
        conflicts.append("date")

    places = a.place_keys & b.place_keys
    if places:
        score += W_PLACE
        cats.add("place")
        if explain:
            reasons.append("place " + ", ".join(sorted({p.surface for p in a.places if p.key in places})))
    elif a.place_keys and b.place_keys:
        conflicts.append("place")

    countries = a.countries & b.countries
    if countries:
        score += min(2, len(countries)) * W_COUNTRY
        cats.add("country")
        if explain:
            reasons.append("country " + ", ".join(sorted(countries)))

    value, number_conflict = _numbers(a, b) if a.numbers and b.numbers else (None, False)
    if value is not None:
        score += W_NUMBER
        cats.add("number")
        if explain:
            reasons.append(f"number {value:g}")
    elif number_conflict:
        conflicts.append("number")

    if a.events and b.events and not a.events & b.events:
        conflicts.append("event")  # "received a delegation" and "thanked" are two facts
    concepts = a.concepts & b.concepts
    if concepts:
        events = concepts & EVENT_CONCEPTS
        if events:
            score += W_EVENT + W_EXTRA_EVENT * (len(events) - 1)
            cats.add("event")
        score += min(3, len(concepts) - len(events)) * W_DESCRIPTOR
        if explain:
            if events:
                reasons.append("event " + ", ".join(sorted(events)))
            if concepts - events:
                reasons.append("about " + ", ".join(sorted(concepts - events)))

    if a.participants and b.participants:
        common = set(a.participants) & set(b.participants)
        if len(common) >= 2:
            score += W_PARTICIPANTS
            cats.add("participants")
            if explain:
                reasons.append("participants " + ", ".join(sorted(common)))

    if conflicts:
        score -= W_CONFLICT * len(conflicts)
        if explain:
            reasons.append("differ: " + ", ".join(conflicts))
    return Agreement(
        score=max(0.0, min(1.0, score)), categories=frozenset(cats), conflicts=tuple(conflicts), reasons=tuple(reasons)
    )


def _places_agree(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    return bool(a.countries & b.countries or a.place_keys & b.place_keys)


def same_event(a: ClaimFeatures, b: ClaimFeatures) -> str | None:
    """Why the sentences of ``a`` and ``b`` report one event, or None when the evidence is weak.

    Needs a shared event word (a visit, a meeting…) and either a shared person, or dates within
    ``DATE_WINDOW_DAYS`` of each other together with a shared place or country. Two reports that
    merely mention Turkey and a date are not enough.
    """
    fa, fb = a.event_frame, b.event_frame
    events = fa.events & fb.events
    if not events:
        return None
    persons = fa.person_keys & fb.person_keys
    if persons:
        name = next(x.surface for x in fa.actors if x.keys & persons)
        return f"same event ({', '.join(sorted(events))}) with {name}"
    near = any(abs(x - y) <= DATE_WINDOW_DAYS for x in fa.date_days for y in fb.date_days)
    if near and _places_agree(fa, fb):
        return f"same event ({', '.join(sorted(events))}) at the same time and place"
    return None

"""Slot agreement between two claims: which canonical slots they share, which conflict, and why.

The learned model reads slot agreement from the claims' atoms in bulk (``pair_features``); this
module gives the readable side for the pairs that become links (``actor أبو قصرة = Abu Qasra``,
``date 2025-03-09``) and ``same_event``, which the contradiction checks use: two reports of one event
that disagree on a slot are brought together so that the disagreement can be flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factcheck.matching.concepts import EVENT_CONCEPTS
from factcheck.matching.features import ActorKey, ClaimFeatures, first_day
from factcheck.quick_init import quick_init

__all__ = [
    "DATE_WINDOW_DAYS",
    "Agreement",
    "dates_compatible",
    "days_apart",
    "same_event",
    "shared_persons",
    "slot_agreement",
]

DATE_WINDOW_DAYS = 45  # further apart, two dated reports describe two occurrences
NEAR_DAYS = 10  # without a shared person, the sentences' days must be this close


@quick_init
@dataclass(frozen=True, slots=True)
class Agreement:
    score: float  # share of the slot kinds both claims fill that agree (0 when none is filled by both)
    categories: frozenset[str]  # actor, person, date, day, place, country, number, event, participants
    conflicts: tuple[str, ...]  # slots both claims fill with values that cannot agree
    reasons: tuple[str, ...] = ()  # readable, e.g. "actor أبو قصرة = Abu Qasra"; only with explain=True


def dates_compatible(a: str, b: str) -> bool:
    """ISO dates agree when one is a prefix of the other (2025-03 contains 2025-03-09)."""
    return a.startswith(b) or b.startswith(a)


def days_apart(a: str, b: str) -> int:
    """Days between two ISO dates of any precision (a month counts from its first day)."""
    return abs(first_day(a) - first_day(b))


def _best_date(a: ClaimFeatures, b: ClaimFeatures) -> str:
    """The most precise date both claims give (one may say the month, the other the day)."""
    if len(a.dates) == 1 and len(b.dates) == 1:  # the usual case, without the loops
        x, y = a.dates[0], b.dates[0]
        return y if x.startswith(y) else x if y.startswith(x) else ""
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


def _same_name(x: ActorKey, y: ActorKey) -> bool:
    """One name is the other or ends it ("Abu Qasra" ends "Murhaf Abu Qasra").

    In one script the spelled words must agree; only across scripts do consonant skeletons stand in
    for them, since "Lusha Niruji" and "Lozu Naraja" share a skeleton but not a person.
    """
    if x.arabic == y.arabic and x.words and y.words:
        wx, wy = x.words, y.words
    else:
        wx, wy = _skeleton_words(x.keys), _skeleton_words(y.keys)
    shorter, longer = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    return longer[len(longer) - len(shorter) :] == shorter


@lru_cache(maxsize=100_000)
def _skeleton_words(keys: frozenset[str]) -> tuple[str, ...]:
    """Words of a name's longest skeleton: computed once per name, not once per compared pair."""
    return tuple(max(keys, key=len).split())


def shared_persons(a: ClaimFeatures, b: ClaimFeatures) -> list[tuple[ActorKey, ActorKey]]:
    if not a.person_keys & b.person_keys:
        return []
    return [(x, y) for x in a.actors if x.person for y in b.actors if y.person and x.keys & y.keys and _same_name(x, y)]


def slot_agreement(
    a: ClaimFeatures,
    b: ClaimFeatures,
    *,
    explain: bool = False,
    persons: list[tuple[ActorKey, ActorKey]] | None = None,
) -> Agreement:
    """``persons`` is ``shared_persons(a, b)`` when the caller has it already (it runs per pair)."""
    agreed = 0
    cats = 0
    conflicts: list[str] = []
    reasons: list[str] = []

    if persons is None:
        persons = shared_persons(a, b)
    orgs = a.org_keys & b.org_keys if a.org_keys and b.org_keys else None
    if persons or orgs:
        agreed += 1
        cats |= _ACTOR | _PERSON if persons else _ACTOR
        shared = {x.surface: y.surface for x, y in persons}
        if orgs:
            shared.update(
                (x.surface, y.surface)
                for x in a.actors
                for y in b.actors
                if not (x.person or y.person) and x.keys & y.keys
            )
        if explain:
            reasons.extend(f"actor {x} = {y}" if x != y else f"actor {x}" for x, y in shared.items())
    elif a.person_keys and b.person_keys:
        conflicts.append("person")

    if a.dates and b.dates:
        best = _best_date(a, b)
        if best:
            agreed += 1
            cats |= _DATE | _DAY if len(best) == 10 else _DATE
            if explain:
                reasons.append(f"date {best}")
        else:
            conflicts.append("date")

    if a.place_keys and b.place_keys:
        places = a.place_keys & b.place_keys
        if places:
            agreed += 1
            cats |= _PLACE
            if explain:
                if len(a.places) == 1:  # then it is the shared place
                    reasons.append("place " + a.places[0].surface)
                else:
                    reasons.append("place " + ", ".join(sorted({p.surface for p in a.places if p.key in places})))
        else:
            conflicts.append("place")

    if a.countries and b.countries:
        countries = a.countries & b.countries
        if countries:
            agreed += 1
            cats |= _COUNTRY
            if explain:
                reasons.append("country " + ", ".join(sorted(countries)))

    if a.numbers and b.numbers:
        value, number_conflict = _numbers(a, b)
        if value is not None:
            agreed += 1
            cats |= _NUMBER
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
            agreed += 1
            cats |= _EVENT
        if explain:
            if events:
                reasons.append("event " + ", ".join(sorted(events)))
            if concepts - events:
                reasons.append("about " + ", ".join(sorted(concepts - events)))

    if a.participants and b.participants:
        common = set(a.participants) & set(b.participants)
        if len(common) >= 2:
            agreed += 1
            cats |= _PARTICIPANTS
            if explain:
                reasons.append("participants " + ", ".join(sorted(common)))

    if conflicts and explain:
        reasons.append("differ: " + ", ".join(conflicts))
    filled = agreed + len(conflicts)
    return Agreement(
        score=agreed / filled if filled else 0.0,
        categories=_categories(cats),
        conflicts=tuple(conflicts),
        reasons=tuple(reasons),
    )


# Categories as bits while scoring; each combination becomes its frozenset once.
_ACTOR, _PERSON, _DATE, _DAY, _PLACE, _COUNTRY, _NUMBER, _EVENT, _PARTICIPANTS = (1 << i for i in range(9))
_CATEGORY_NAMES = ("actor", "person", "date", "day", "place", "country", "number", "event", "participants")


@lru_cache(maxsize=512)
def _categories(bits: int) -> frozenset[str]:
    return frozenset(name for i, name in enumerate(_CATEGORY_NAMES) if bits >> i & 1)


def _places_agree(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    return bool(a.countries & b.countries or a.place_keys & b.place_keys)


def _within(a: ClaimFeatures, b: ClaimFeatures, days: int) -> bool:
    for x in a.date_days:
        for y in b.date_days:
            if -days <= x - y <= days:
                return True
    return False


def _near(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Dates that can be one occurrence: one contains the other, or two days ``NEAR_DAYS`` apart."""
    for x, dx in zip(a.dates, a.date_days, strict=True):
        for y, dy in zip(b.dates, b.date_days, strict=True):
            if x.startswith(y) or y.startswith(x) or (len(x) == len(y) == 10 and abs(dx - dy) <= NEAR_DAYS):
                return True
    return False


def same_event(
    a: ClaimFeatures, b: ClaimFeatures, *, persons: list[tuple[ActorKey, ActorKey]] | None = None
) -> str | None:
    """Why the sentences of ``a`` and ``b`` report one event, or None when the evidence is weak.

    Needs a shared event word (a visit, a meeting…) and either a shared person, or near dates
    (``_near``) with a shared place or country and something more in common (a descriptor such as
    "ministerial" or "delegation", two participants, or an organisation). Two reports that merely
    mention an attack in Syria in the same month are not enough. ``persons`` is
    ``shared_persons`` of the two sentences when the caller has it already.
    """
    fa, fb = a.event_frame, b.event_frame
    events = fa.events & fb.events
    if not events:
        return None
    if persons is None:
        persons = shared_persons(fa, fb)
    dated_apart = fa.dates and fb.dates and not _within(fa, fb, DATE_WINDOW_DAYS)
    if persons and not dated_apart:
        return f"same event ({', '.join(sorted(events))}) with {persons[0][0].surface}"
    if not (_near(fa, fb) and _places_agree(fa, fb)):
        return None
    more = (
        (fa.concepts & fb.concepts) - EVENT_CONCEPTS
        or len(set(fa.participants) & set(fb.participants)) >= 2
        or fa.org_keys & fb.org_keys
    )
    return f"same event ({', '.join(sorted(events))}) at the same time and place" if more else None

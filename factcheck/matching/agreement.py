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
from functools import lru_cache

from factcheck.matching.concepts import EVENT_CONCEPTS
from factcheck.matching.features import ActorKey, ClaimFeatures, first_day

__all__ = [
    "DATE_WINDOW_DAYS",
    "Agreement",
    "dates_compatible",
    "days_apart",
    "same_event",
    "shared_persons",
    "slot_agreement",
]

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
NEAR_DAYS = 10  # without a shared person, the sentences' days must be this close


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
    score = 0.0
    cats = 0
    conflicts: list[str] = []
    reasons: list[str] = []

    if persons is None:
        persons = shared_persons(a, b)
    orgs = a.org_keys & b.org_keys if a.org_keys and b.org_keys else None
    if persons or orgs:
        score += W_PERSON if persons else W_ACTOR
        cats |= _ACTOR | _PERSON if persons else _ACTOR
        shared = {x.surface: y.surface for x, y in persons}
        if orgs:
            shared.update(
                (x.surface, y.surface)
                for x in a.actors
                for y in b.actors
                if not (x.person or y.person) and x.keys & y.keys
            )
        score += W_EXTRA_ACTOR * (len(shared) - 1)
        if explain:
            reasons.extend(f"actor {x} = {y}" if x != y else f"actor {x}" for x, y in shared.items())
    elif a.person_keys and b.person_keys:
        conflicts.append("person")

    if a.dates and b.dates:
        best = _best_date(a, b)
        if best:
            size = len(best)
            score += W_SAME_DAY if size == 10 else W_SAME_MONTH if size == 7 else W_SAME_YEAR
            cats |= _DATE | _DAY if size == 10 else _DATE
            if explain:
                reasons.append(f"date {best}")
        else:
            conflicts.append("date")

    if a.place_keys and b.place_keys:
        places = a.place_keys & b.place_keys
        if places:
            score += W_PLACE
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
            score += (2 if len(countries) >= 2 else 1) * W_COUNTRY
            cats |= _COUNTRY
            if explain:
                reasons.append("country " + ", ".join(sorted(countries)))

    if a.numbers and b.numbers:
        value, number_conflict = _numbers(a, b)
        if value is not None:
            score += W_NUMBER
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
            score += W_EVENT + W_EXTRA_EVENT * (len(events) - 1)
            cats |= _EVENT
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
            cats |= _PARTICIPANTS
            if explain:
                reasons.append("participants " + ", ".join(sorted(common)))

    if conflicts:
        score -= W_CONFLICT * len(conflicts)
        if explain:
            reasons.append("differ: " + ", ".join(conflicts))
    return Agreement(
        score=0.0 if score < 0.0 else 1.0 if score > 1.0 else score,
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

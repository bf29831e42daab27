"""The date rule on an archive: one kind of event on different days is not a conflict.

Every town holds an Eid celebration («حفل معايدة») over the same few days, and a week of Saudi
papers reports dozens of them in nearly the same words. Two dates conflict only between claims the
matcher linked as one claim (in one language), and never between two different towns.
"""

from __future__ import annotations

from factcheck.contradictions.pair import Pair
from factcheck.contradictions.slot_checks import date_conflict
from factcheck.matching import MatchClaim, features_of
from factcheck.model import DateSlot, PlaceSlot, Slots


def _party(claim_id: int, town: str, day: str, surface: str) -> MatchClaim:
    text = f"أقامت لجنة التنمية الاجتماعية في {town} {surface} حفل معايدة للأهالي بمناسبة عيد الفطر المبارك"
    at = text.index(surface)
    place = text.index(town)
    return MatchClaim(
        id=claim_id,
        article_id=claim_id,
        text=text,
        language="ar",
        slots=Slots(
            dates=(DateSlot(surface, day, "day", at, at + len(surface), relative=True),),
            places=(PlaceSlot(town, town, "SA", "city", place, place + len(town)),),
        ),
    )


def _conflicts(a: MatchClaim, b: MatchClaim, *, linked: bool) -> list[tuple[object, object]]:
    pair = Pair(features_of(a), features_of(b), linked=linked, same_event=True)
    return [(c.value_a, c.value_b) for c in date_conflict(pair)]


def test_one_celebration_on_two_days_conflicts_when_linked() -> None:
    a = _party(1, "حائل", "2015-07-18", "يوم 18 يوليو")
    b = _party(2, "حائل", "2015-07-20", "يوم 20 يوليو")
    assert _conflicts(a, b, linked=True) == [("2015-07-18", "2015-07-20")]


def test_the_same_kind_of_event_not_linked_is_not_a_date_conflict() -> None:
    a = _party(1, "حائل", "2015-07-18", "يوم 18 يوليو")
    b = _party(2, "حائل", "2015-07-20", "يوم 20 يوليو")
    assert _conflicts(a, b, linked=False) == []


def test_celebrations_in_two_towns_are_two_events() -> None:
    a = _party(1, "حائل", "2015-07-18", "يوم 18 يوليو")
    b = _party(2, "بقيق", "2015-07-20", "يوم 20 يوليو")
    assert _conflicts(a, b, linked=True) == []

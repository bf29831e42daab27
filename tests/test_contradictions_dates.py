"""The date rule on an archive: one kind of event on different days is not a conflict.

Every town holds an Eid celebration («حفل معايدة») over the same few days, and a week of Saudi
papers reports dozens of them in nearly the same words. Two dates conflict only between claims the
matcher linked as one claim (in one language), and never between two different towns.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.contradictions.pair import Pair
from factcheck.contradictions.slot_checks import date_conflict, number_conflicts
from factcheck.extraction import extract_claims
from factcheck.matching import MatchClaim, features_of
from factcheck.model import ArticleText, DateSlot, PlaceSlot, Slots


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


def _read(claim_id: int, text: str, published: date, language: str = "ar") -> MatchClaim:
    """A sentence as the extractor reads it in an article published on ``published``."""
    claims = extract_claims(ArticleText(body=text, language=language, published=published))
    return MatchClaim(id=claim_id, article_id=claim_id, text=text, language=language, slots=claims[0].slots)


# Two reprints of one wire story (SaudiNewsNet, 23 July 2015): one dates the attack (Monday), the other
# only its source's statement («أمس», the Wednesday); the extractor reads one date in each.
ATTACK_MONDAY = (
    "أعلنت السلطات التركية أن شابا في العشرين هو منفذ الهجوم الانتحاري، الاثنين، الذي تبناه تنظيم داعش"
    " وأوقع 32 قتيلا على الأقل في سوروتش على الحدود مع سوريا"
)
SOURCE_YESTERDAY = (
    "اعلنت السلطات التركية ان شابا في العشرين هو منفذ الهجوم الانتحاري الذي تبناه تنظيم داعش وأوقع 32"
    " قتيلا على الاقل في سوروتش على الحدود مع سوريا، حسبما افاد مصدر رسمي امس"
)


def test_the_day_a_source_spoke_is_not_the_day_of_the_event() -> None:
    a = _read(1, ATTACK_MONDAY, date(2015, 7, 23))
    b = _read(2, SOURCE_YESTERDAY, date(2015, 7, 23))
    assert [d.value for d in b.slots.dates] == ["2015-07-22"]  # read, and kept on the claim
    assert _conflicts(a, b, linked=True) == []


def test_a_date_in_the_sentence_itself_still_conflicts() -> None:
    a = _read(1, ATTACK_MONDAY, date(2015, 7, 23))
    b = _read(2, SOURCE_YESTERDAY.replace("، حسبما افاد مصدر رسمي امس", " امس"), date(2015, 7, 23))
    assert _conflicts(a, b, linked=True) == [("2015-07-20", "2015-07-22")]


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (
            "The blast killed 30 people in Suruc on Monday, officials said",
            "The blast killed 30 people in Suruc, officials said on Wednesday",
            False,
        ),
        (
            "The blast killed 30 people in Suruc on Monday, officials said",
            "Officials said the blast killed 30 people in Suruc on Wednesday",
            True,
        ),
    ],
)
def test_english_statement_dates(a: str, b: str, conflict: bool) -> None:
    x = _read(1, a, date(2015, 7, 23), "en")
    y = _read(2, b, date(2015, 7, 23), "en")
    assert bool(_conflicts(x, y, linked=True)) is conflict


# Two papers on the coalition's strikes (SaudiNewsNet, 24 July 2015): one reports Wednesday's 18 in a
# statement dated Thursday, the other Thursday's 27.
STRIKES_WEDNESDAY = (
    "قالت قوة المهام المشتركة في بيان اليوم الخميس إن الولايات المتحدة وحلفاءها شنوا 18 غارة جوية على"
    " تنظيم الدولة الإسلامية في العراق وسوريا يوم الأربعاء"
)
STRIKES_THURSDAY = (
    "قال التحالف في بيان إن طائرات الولايات المتحدة والتحالف نفذت 27 غارة ضد تنظيم الدولة الإسلامية"
    " في سوريا والعراق أمس الخميس"
)


def _numbers(a: MatchClaim, b: MatchClaim) -> list[tuple[object, object]]:
    pair = Pair(features_of(a), features_of(b), linked=True, same_event=True)
    return [(c.value_a, c.value_b) for c in number_conflicts(pair)]


def test_counts_of_two_named_days_are_not_compared_past_the_statement_date() -> None:
    a = _read(1, STRIKES_WEDNESDAY, date(2015, 7, 23))
    b = _read(2, STRIKES_THURSDAY, date(2015, 7, 24))
    assert sorted(d.value for d in a.slots.dates) == ["2015-07-22", "2015-07-23"]  # statement, strikes
    assert _numbers(a, b) == []


def test_counts_of_one_named_day_are_compared() -> None:
    a = _read(1, STRIKES_WEDNESDAY, date(2015, 7, 23))
    b = _read(2, STRIKES_THURSDAY.replace("أمس الخميس", "يوم الأربعاء"), date(2015, 7, 24))
    assert _numbers(a, b) == [(18, 27)]

"""Contradiction rules on small, explicit claim pairs: what must and must not raise a flag."""

from __future__ import annotations

from factcheck.contradictions import ContradictionKind, findings
from factcheck.matching import MatchClaim, match_all
from factcheck.model import ActorSlot, DateSlot, NumberSlot, PlaceSlot, Slots


def _claim(
    claim_id: int,
    article: int,
    text: str,
    *,
    dates: tuple[str, ...] = (),
    places: tuple[tuple[str, str, str], ...] = (),
    numbers: tuple[tuple[str, float, str | None], ...] = (),
    person: str | None = "Abu Qasra",
    negated: bool = False,
    language: str = "en",
) -> MatchClaim:
    precision = {10: "day", 7: "month", 4: "year"}
    return MatchClaim(
        id=claim_id,
        article_id=article,
        text=text,
        language=language,
        negated=negated,
        slots=Slots(
            dates=tuple(DateSlot(v, v, precision[len(v)], 0, 1) for v in dates),
            places=tuple(PlaceSlot(s, s, cc, kind, 0, 1) for s, cc, kind in places),
            numbers=tuple(NumberSlot(s, v, u, 0, 1) for s, v, u in numbers),
            actors=(ActorSlot(person, person, "person", 0, 1),) if person else (),
        ),
    )


def _kinds(*claims: MatchClaim) -> set[str]:
    return {str(flag.kind) for flag in findings(match_all(claims)).flags}


def test_a_day_against_a_month_is_a_precision_difference_not_a_conflict() -> None:
    a = _claim(1, 1, "Abu Qasra visited Ankara on 9 March", dates=("2025-03-09",))
    b = _claim(2, 2, "Abu Qasra visited Ankara in March", dates=("2025-03",))
    assert _kinds(a, b) == set()


def test_two_days_of_one_visit_conflict() -> None:
    a = _claim(1, 1, "Abu Qasra visited Ankara on 9 March", dates=("2025-03-09",))
    b = _claim(2, 2, "Abu Qasra visited Ankara on 10 March", dates=("2025-03-10",))
    flags = findings(match_all([a, b])).flags
    assert [(f.kind, f.value_a, f.value_b) for f in flags] == [(ContradictionKind.DATE, "2025-03-09", "2025-03-10")]


def test_dates_months_apart_are_two_visits_not_a_conflict() -> None:
    a = _claim(1, 1, "Abu Qasra visited Ankara on 9 March", dates=("2025-03-09",))
    b = _claim(2, 2, "Abu Qasra visited Ankara on 12 October", dates=("2025-10-12",))
    assert "date" not in _kinds(a, b)


def test_without_a_shared_event_word_different_dates_are_not_compared() -> None:
    a = _claim(1, 1, "Abu Qasra spoke to reporters on 9 March", dates=("2025-03-09",))
    b = _claim(2, 2, "Abu Qasra thanked the army on 10 March", dates=("2025-03-10",))
    assert _kinds(a, b) == set()


def test_a_city_agrees_with_its_country() -> None:
    a = _claim(1, 1, "Abu Qasra visited Ankara", places=(("Ankara", "TR", "city"),))
    b = _claim(2, 2, "Abu Qasra visited Turkey", places=(("Turkey", "TR", "country"),))
    assert _kinds(a, b) == set()


def test_two_countries_as_the_place_of_one_visit_conflict() -> None:
    a = _claim(1, 1, "Abu Qasra visited officials in Ankara", places=(("Ankara", "TR", "city"),))
    b = _claim(2, 2, "Abu Qasra visited officials in Amman", places=(("Amman", "JO", "city"),))
    assert _kinds(a, b) == {"place"}


def test_numbers_of_different_things_are_not_compared() -> None:
    a = _claim(1, 1, "Abu Qasra visited Turkey three times", numbers=(("three times", 3, "times"),))
    b = _claim(2, 2, "Abu Qasra visited Turkey with four states", numbers=(("four states", 4, "states"),))
    assert "number" not in _kinds(a, b)


def test_numbers_of_the_same_thing_conflict() -> None:
    a = _claim(1, 1, "Abu Qasra visited Turkey three times", numbers=(("three times", 3, "times"),))
    b = _claim(2, 2, "Abu Qasra visited Turkey twice", numbers=(("twice", 2, None),))
    assert _kinds(a, b) == {"number"}


def test_negation_needs_the_same_statement() -> None:
    a = _claim(1, 1, "the ministers agreed to open a joint operations centre", person=None)
    b = _claim(2, 2, "the ministers did not agree to open a joint operations centre", person=None, negated=True)
    c = _claim(3, 3, "the ministers did not agree on refugees", person=None, negated=True)
    found = findings(match_all([a, b, c])).flags
    assert {(f.claim_a_id, f.claim_b_id, str(f.kind)) for f in found} == {(1, 2, "negation")}


def test_a_place_that_is_not_where_it_happened_is_not_compared() -> None:
    a = _claim(1, 1, "Abu Qasra visited officials to support Damascus", places=(("Damascus", "SY", "city"),))
    b = _claim(2, 2, "Abu Qasra visited officials in Amman", places=(("Amman", "JO", "city"),))
    assert "place" not in _kinds(a, b)


def test_different_lists_of_participants_conflict_only_when_they_overlap() -> None:
    def listing(claim_id: int, codes: tuple[str, ...]) -> MatchClaim:
        claim = _claim(claim_id, claim_id, "the ministers met in Amman with " + " ".join(codes), dates=("2025-03-09",))
        return MatchClaim(
            id=claim.id,
            article_id=claim.article_id,
            text=claim.text,
            language="en",
            slots=Slots(dates=claim.slots.dates, actors=claim.slots.actors, participants=codes),
        )

    five = listing(1, ("TR", "IQ", "SY", "LB", "JO"))
    four = listing(2, ("TR", "IQ", "SY", "JO"))
    other = listing(3, ("RU", "IR"))
    flags = findings(match_all([five, four, other])).flags
    assert [(f.claim_a_id, f.claim_b_id, str(f.kind)) for f in flags] == [(1, 2, "participants")]
    assert (flags[0].value_a, flags[0].value_b) == (["TR", "IQ", "SY", "LB", "JO"], ["TR", "IQ", "SY", "JO"])


def test_one_family_name_skeleton_is_not_one_person() -> None:
    a = _claim(1, 1, "Lusha Niruji visited Ankara on 9 March", dates=("2025-03-09",), person="Lusha Niruji")
    b = _claim(2, 2, "Lozu Naraja visited Ankara on 10 March", dates=("2025-03-10",), person="Lozu Naraja")
    arabic = _claim(3, 3, "زار أبو قصرة أنقرة", dates=("2025-03-10",), person="أبو قصرة", language="ar")
    latin = _claim(4, 4, "Abu Qasra visited Ankara on 9 March", dates=("2025-03-09",))
    assert _kinds(a, b) == set()  # same skeleton, different spelled names: two people
    assert _kinds(arabic, latin) == {"date"}  # across scripts the skeleton is the evidence


def test_impossible_or_malformed_stored_dates_are_ignored_not_fatal() -> None:
    a = _claim(1, 1, "Abu Qasra visited Ankara", dates=("2025-02-30",))
    b = _claim(2, 2, "Abu Qasra visited Ankara", dates=("2025-03-01",))
    odd = MatchClaim(3, 3, "Abu Qasra visited Ankara", "en", Slots(dates=(DateSlot("x", "soon", "day", 0, 1),)))
    assert _kinds(a, b, odd) == set()

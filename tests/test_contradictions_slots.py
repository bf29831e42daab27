"""Date and number flags on hand-written pairs: a day read off the publication date may be one day
off, and a word numeral that names a range («عشرات», "dozens") holds the numbers inside it."""

from __future__ import annotations

from factcheck.contradictions import findings
from factcheck.contradictions.pair import Pair
from factcheck.contradictions.slot_checks import date_conflict, number_conflicts
from factcheck.matching import MatchClaim, features_of, match_all
from factcheck.model import ActorSlot, DateSlot, NumberSlot, PlaceSlot, Slots


def _visit(claim_id: int, text: str, *, date: DateSlot | None = None, number: NumberSlot | None = None) -> MatchClaim:
    return MatchClaim(
        id=claim_id,
        article_id=claim_id,
        text=text,
        language="ar",
        slots=Slots(
            dates=(date,) if date else (),
            numbers=(number,) if number else (),
            actors=(ActorSlot("أبو قصرة", "أبو قصرة", "person", 0, 8),),
        ),
    )


def _flags(*claims: MatchClaim) -> list[tuple[str, object, object]]:
    return [(str(f.kind), f.value_a, f.value_b) for f in findings(match_all(claims)).flags]


def test_two_reprints_of_a_wire_story_a_day_apart_are_not_a_date_conflict() -> None:
    # The same «أمس» read against two publication dates one day apart.
    a = _visit(1, "زار أبو قصرة أنقرة أمس", date=DateSlot("أمس", "2015-07-20", "day", 18, 21, relative=True))
    b = _visit(2, "زار أبو قصرة أنقرة أمس", date=DateSlot("أمس", "2015-07-21", "day", 18, 21, relative=True))
    assert _flags(a, b) == []


def test_today_against_an_explicit_date_one_day_off_is_not_a_conflict() -> None:
    a = _visit(1, "زار أبو قصرة أنقرة اليوم", date=DateSlot("اليوم", "2015-07-21", "day", 18, 23, relative=True))
    b = _visit(2, "زار أبو قصرة أنقرة يوم 20 يوليو", date=DateSlot("20 يوليو", "2015-07-20", "day", 22, 30))
    assert _flags(a, b) == []


def test_a_relative_day_two_days_off_still_conflicts() -> None:
    a = _visit(1, "زار أبو قصرة أنقرة أمس", date=DateSlot("أمس", "2015-07-20", "day", 18, 21, relative=True))
    b = _visit(2, "زار أبو قصرة أنقرة يوم 22 يوليو", date=DateSlot("22 يوليو", "2015-07-22", "day", 22, 30))
    assert _flags(a, b) == [("date", "2015-07-20", "2015-07-22")]


def test_an_explicit_day_with_an_inferred_year_is_not_a_relative_day() -> None:
    # «9 مارس الماضي» is relative only in its year: the day is written, so one day off conflicts.
    written = DateSlot("9 مارس الماضي", "2025-03-09", "day", 22, 36, relative=True)
    a = _visit(1, "زار أبو قصرة أنقرة في 9 مارس الماضي", date=written)
    b = _visit(2, "زار أبو قصرة أنقرة يوم 10 مارس", date=DateSlot("10 مارس", "2025-03-10", "day", 22, 29))
    flags = findings(match_all([a, b])).flags
    assert [(str(f.kind), f.value_a, f.value_b) for f in flags] == [("date", "2025-03-09", "2025-03-10")]
    assert flags[0].explanation.startswith("The date disagrees:") and '"9 مارس الماضي"' in flags[0].explanation


def test_a_word_numeral_range_holds_the_number_inside_it() -> None:
    a = _visit(1, "قتل عشرات الأشخاص في هجوم زار أبو قصرة موقعه", number=NumberSlot("عشرات", 10, "أشخاص", 4, 9))
    b = _visit(2, "قتل 40 شخصا في هجوم زار أبو قصرة موقعه", number=NumberSlot("40", 40, "أشخاص", 4, 6))
    c = _visit(3, "قتل 400 شخص في هجوم زار أبو قصرة موقعه", number=NumberSlot("400", 400, "أشخاص", 4, 7))
    flags = _flags(a, b, c)
    assert ("number", 10, 40) not in flags
    assert ("number", 10, 400) in flags  # hundreds are not "dozens"


def test_english_dozens_hold_forty() -> None:
    def claim(claim_id: int, text: str, surface: str, value: float) -> MatchClaim:
        return MatchClaim(
            id=claim_id,
            article_id=claim_id,
            text=text,
            language="en",
            slots=Slots(
                numbers=(NumberSlot(surface, value, "people", 0, len(surface)),),
                actors=(ActorSlot("Abu Qasra", "Abu Qasra", "person", 0, 9),),
            ),
        )

    a = claim(1, "dozens of people met Abu Qasra during the visit", "dozens", 24)
    b = claim(2, "40 people met Abu Qasra during the visit", "40", 40)
    c = claim(3, "12 people met Abu Qasra during the visit", "12", 12)
    flags = _flags(a, b, c)
    assert ("number", 24, 40) not in flags
    assert ("number", 40, 12) in flags


def test_two_statements_that_carry_dates_are_not_a_date_conflict() -> None:
    """Checked with the gate open: one sentence dates the agreement, the other the vote on it."""
    signed = _visit(
        1, "أبرم أبو قصرة الاتفاق مع الوفد في 14 يوليو", date=DateSlot("14 يوليو", "2015-07-14", "day", 33, 41)
    )
    voted = _visit(
        2,
        "صوت مجلس الأمن بالإجماع أمس على قرار يمهد لرفع العقوبات بعد زيارة أبو قصرة",
        date=DateSlot("أمس", "2015-07-20", "day", 23, 26, relative=True),
    )
    signed_later = _visit(
        3, "أبرم أبو قصرة الاتفاق مع الوفد أمس", date=DateSlot("أمس", "2015-07-20", "day", 30, 33, True)
    )
    assert date_conflict(Pair(features_of(signed), features_of(voted), True, True)) == []
    found = date_conflict(Pair(features_of(signed), features_of(signed_later), True, True))
    assert [(c.value_a, c.value_b) for c in found] == [("2015-07-14", "2015-07-20")]


def _count(
    claim_id: int, text: str, surface: str, value: float, unit: str, *, date: DateSlot | None = None
) -> MatchClaim:
    start = text.index(surface)
    return _visit(claim_id, text, number=NumberSlot(surface, value, unit, start, start + len(surface)), date=date)


def _numbers(a: MatchClaim, b: MatchClaim) -> list[tuple[object, object]]:
    """The number check run with the gate open (as if the matcher had judged the pair one event)."""
    return [(c.value_a, c.value_b) for c in number_conflicts(Pair(features_of(a), features_of(b), True, True))]


def test_two_bounds_that_one_count_satisfies_are_not_a_number_conflict() -> None:
    """«أكثر من 60 ألف فرصة» and «تجاوزت 5500 فرصة» are both lower bounds: 61,000 satisfies both;
    «نحو 50» holds 45; an exact count below a lower bound still conflicts."""
    more = _count(1, "وفر برنامج أبو قصرة أكثر من 60 ألف فرصة عمل مؤقتة", "60 ألف", 60000, "فرصة")
    over = _count(2, "وفر برنامج أبو قصرة فرصا تجاوزت 5500 فرصة عمل مؤقتة", "5500", 5500, "فرصة")
    exact = _count(3, "وفر برنامج أبو قصرة 60 ألف فرصة عمل مؤقتة", "60 ألف", 60000, "فرصة")
    assert _numbers(more, over) == []
    assert _numbers(exact, over) == []  # 60,000 is over 5,500
    few = _count(4, "وفر برنامج أبو قصرة فرصا بلغت 4000 فرصة عمل مؤقتة", "4000", 4000, "فرصة")
    assert _numbers(over, few) == [(5500, 4000)]
    about = _count(5, "حضر نحو 50 شخصا لقاء أبو قصرة مع الوفد", "50", 50, "شخص")
    assert _numbers(about, _count(6, "حضر 45 شخصا لقاء أبو قصرة مع الوفد", "45", 45, "شخص")) == []
    assert _numbers(about, _count(7, "حضر 90 شخصا لقاء أبو قصرة مع الوفد", "90", 90, "شخص")) == [(50, 90)]


def test_counts_of_others_and_counts_of_two_days_are_not_a_number_conflict() -> None:
    wounded = _count(1, "أسفر هجوم أبو قصرة عن مقتل ضابط وإصابة ثلاثة آخرين", "ثلاثة", 3, "آخرين")
    killed = _count(2, "أسفر هجوم أبو قصرة عن مقتل سبعة مسلحين وخمسة آخرين", "خمسة", 5, "آخرين")
    assert _flags(wounded, killed) == []
    thursday = DateSlot("أمس الخميس", "2015-07-23", "day", 30, 40, relative=True)
    saturday = DateSlot("أمس السبت", "2015-07-25", "day", 30, 39, relative=True)
    a = _count(3, "نفذ تحالف أبو قصرة 27 غارة أمس الخميس", "27", 27, "غارة", date=thursday)
    b = _count(4, "نفذ تحالف أبو قصرة 20 غارة أمس السبت", "20", 20, "غارة", date=saturday)
    assert ("number", 27, 20) not in _flags(a, b)
    same_day = _count(5, "نفذ تحالف أبو قصرة 20 غارة أمس الخميس", "20", 20, "غارة", date=thursday)
    assert ("number", 27, 20) in _flags(a, same_day)
    # «قال اليوم الأحد إن التحالف نفذ 20 غارة أمس السبت»: the day it was said and the day it happened
    sunday = DateSlot("اليوم الأحد", "2015-07-26", "day", 4, 15, relative=True)
    said = MatchClaim(
        6, 6, "قال أبو قصرة اليوم الأحد إن التحالف نفذ 20 غارة أمس السبت", "ar",
        Slots(dates=(sunday, saturday), numbers=(NumberSlot("20", 20, "غارة", 40, 42),),
              actors=(ActorSlot("أبو قصرة", "أبو قصرة", "person", 4, 12),)),
    )  # fmt: skip
    assert _numbers(a, said) == []


def test_counts_of_two_places_in_two_directions_from_one_city_are_not_compared() -> None:
    """«شمال شرق بغداد» and «شمال غرب بغداد» are two attacks; «شمال شرقي» is the same direction."""
    baghdad = (PlaceSlot("بغداد", "Baghdad", "IQ", "city", 0, 5),)

    def attack(claim_id: int, text: str, surface: str, value: float) -> MatchClaim:
        start = text.index(surface)
        slots = Slots(places=baghdad, numbers=(NumberSlot(surface, value, "قتلى", start, start + len(surface)),))
        return MatchClaim(claim_id, claim_id, text, "ar", slots)

    east = attack(1, "قتل 5 من عناصر التنظيم في هجوم شمال شرق بغداد أمس", "5", 5)
    west = attack(2, "قتل 3 من عناصر التنظيم في هجوم شمال غرب بغداد أمس", "3", 3)
    assert _numbers(east, west) == []
    also_east = attack(3, "قتل 3 من عناصر التنظيم في هجوم شمال شرقي بغداد أمس", "3", 3)
    assert _numbers(east, also_east) == [(5, 3)]


def test_a_running_total_and_one_days_count_are_not_compared() -> None:
    since = _count(1, "قال أبو قصرة إن حصيلة القتلى منذ بدء المواجهات في المدينة بلغت 1000 قتيل", "1000", 1000, "قتيل")
    saturday = _count(2, "قال أبو قصرة إن حصيلة القتلى السبت في المدينة بلغت 17 قتيل", "17", 17, "قتيل")
    assert _numbers(since, saturday) == []
    sunday = _count(3, "قال أبو قصرة إن حصيلة القتلى الأحد في المدينة بلغت 25 قتيل", "25", 25, "قتيل")
    assert _numbers(saturday, sunday) == [(17, 25)]


def test_two_large_amounts_a_rounding_apart_are_one_figure() -> None:
    """«4.8 مليار دولار (18.5 مليار ريال)» / «18.5 مليار ريال (4.9 مليار دولار)»: one sum converted and
    rounded twice; a sum a tenth larger is another figure."""
    a = _count(1, "وقال أبو قصرة إن سداد القروض بلغ 4.8 مليار دولار", "4.8 مليار", 4.8e9, "دولار")
    b = _count(2, "وقال أبو قصرة إن سداد القروض بلغ 4.9 مليار دولار", "4.9 مليار", 4.9e9, "دولار")
    c = _count(3, "وقال أبو قصرة إن سداد القروض بلغ 5.4 مليار دولار", "5.4 مليار", 5.4e9, "دولار")
    assert _numbers(a, b) == []
    assert _numbers(a, c) == [(4800000000, 5400000000)]


def test_a_count_four_times_another_is_another_count() -> None:
    """«سقط ألف قتيل» (the war's toll) against «بلغت 17 قتيلا» (one day's): two counts, not one misreported;
    27 against 30 dead is one count reported twice."""
    total = _count(1, "قال أبو قصرة إن حصيلة القتلى في المدينة بلغت 1000 قتيل", "1000", 1000, "قتيل")
    day = _count(2, "قال أبو قصرة إن حصيلة القتلى في المدينة بلغت 17 قتيل", "17", 17, "قتيل")
    assert _numbers(total, day) == []
    first = _count(3, "قال أبو قصرة إن حصيلة القتلى في المدينة بلغت 27 قتيل", "27", 27, "قتيل")
    later = _count(4, "قال أبو قصرة إن حصيلة القتلى في المدينة بلغت 30 قتيل", "30", 30, "قتيل")
    assert _numbers(first, later) == [(27, 30)]


def test_a_weekday_read_off_two_publication_dates_a_week_apart_is_not_a_conflict() -> None:
    """«الخميس المقبل» in a Wednesday paper and in Thursday's reprint: one Thursday read two ways."""
    wednesday = _visit(
        1, "يبدأ أبو قصرة البرنامج الخميس المقبل", date=DateSlot("الخميس المقبل", "2015-07-23", "day", 21, 34, True)
    )
    thursday = _visit(
        2, "يبدأ أبو قصرة البرنامج الخميس المقبل", date=DateSlot("الخميس المقبل", "2015-07-30", "day", 21, 34, True)
    )
    assert date_conflict(Pair(features_of(wednesday), features_of(thursday), True, True)) == []
    later = _visit(3, "يبدأ أبو قصرة البرنامج يوم 29 يوليو", date=DateSlot("29 يوليو", "2015-07-29", "day", 21, 29))
    assert date_conflict(Pair(features_of(wednesday), features_of(later), True, True)) != []


def test_two_lengths_of_time_compare_only_what_lasts_the_same() -> None:
    """«إجازة 40 يوما» and «معسكر … حوالي 17 يوما» are two things (SaudiNewsNet); one detention
    reported as 15 and as 30 days, or one age as 92 and 50 years, is one figure printed two ways."""
    leave = _count(1, "بدأ فريق النصر تدريباته عقب إجازة 40 يوما استعدادا للموسم", "40", 40, "يوما")
    camp = _count(2, "ويستمر معسكر فريق النصر حوالي 17 يوما استعدادا للموسم", "17", 17, "يوما")
    assert _numbers(leave, camp) == []
    jailed = _count(3, "احتجاز صحفيين اثنين 15 يوما بتهمة نشر أخبار كاذبة", "15", 15, "يوما")
    longer = _count(4, "احتجاز صحفيين اثنين 30 يوما بتهمة نشر أخبار كاذبة", "30", 30, "يوما")
    assert _numbers(jailed, longer) == [(15, 30)]
    old = _count(5, "الإذاعية آمال فهمي تتوفى عن عمر يناهز 92 عاما", "92", 92, "عاما")
    young = _count(6, "وفاة الإذاعية آمال فهمي عن 50 عاما", "50", 50, "عاما")
    assert _numbers(old, young) == [(92, 50)]

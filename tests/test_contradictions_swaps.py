"""Near-duplicates with one value changed, and a refusal against the act it refuses.

Sentences written for this test in the style of Arabic and English news headlines; their slots come
from the real extractor, as an import reads them.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.contradictions import findings
from factcheck.contradictions.kinds import KINDS, Gate
from factcheck.contradictions.pair import Pair
from factcheck.contradictions.polarity import negation_conflict
from factcheck.contradictions.swaps import date_swap, number_swap, place_swap
from factcheck.extraction import extract_claims
from factcheck.matching import MatchClaim, features_of
from factcheck.matching.agreement import slot_agreement
from factcheck.matching.features import ClaimFeatures
from factcheck.matching.matcher import Candidate, MatchResult
from factcheck.model import ArticleText, Slots


def _features(claim_id: int, text: str, language: str = "ar") -> ClaimFeatures:
    claims = extract_claims(ArticleText(body=text, language=language, published=date(2015, 7, 21)))
    slots = claims[0].slots if claims else Slots()
    return features_of(MatchClaim(id=claim_id, article_id=claim_id, text=text, language=language, slots=slots))


def _linked(a: str, b: str, language: str = "ar") -> Pair:
    """The two texts as a pair the matcher linked but did not judge one event from its slots."""
    return Pair(_features(1, a, language), _features(2, b, language), linked=True, same_event=False)


SWAPS = [
    (
        number_swap,
        "احتجاز صحفيين اثنين 15 يوما بتهمة نشر أخبار كاذبة",
        "احتجاز صحفيين اثنين 30 يوما بتهمة نشر أخبار كاذبة",
        (15, 30),
    ),
    (
        number_swap,
        "الإنتاج النفطي يخسر 100 ألف برميل يوميا بعد هجوم على خط الأنابيب",
        "الإنتاج النفطي يخسر 20 ألف برميل يوميا بعد هجوم على خط الأنابيب",
        (100000, 20000),
    ),
    (
        date_swap,
        "الشركة تؤجل افتتاح المصنع الجديد إلى عام 2020",
        "الشركة تؤجل افتتاح المصنع الجديد إلى عام 2030",
        ("2020", "2030"),
    ),
    (
        number_swap,
        "وتأمل الحكومة في تحقيق عائدات إضافية بقيمة 4.2 مليار يورو اعتبارا من العام المقبل",
        "وتأمل الحكومة في تحقيق عائدات إضافية بقيمة 2.4 مليار يورو اعتبارا من العام المقبل",
        (4200000000, 2400000000),
    ),
    (
        place_swap,
        "إجراء عملية جراحية ناجحة لوزير الخارجية في فرنسا",
        "إجراء عملية جراحية ناجحة لوزير الخارجية في ألمانيا",
        ("فرنسا (FR)", "ألمانيا (DE)"),
    ),
]


@pytest.mark.parametrize(("check", "a", "b", "values"), SWAPS)
def test_one_value_changed_in_the_same_words_conflicts(
    check: object, a: str, b: str, values: tuple[object, object]
) -> None:
    assert callable(check)
    conflicts = check(_linked(a, b))
    assert [(c.value_a, c.value_b) for c in conflicts] == [values]


QUIET = [
    # One country named twice: Washington lies in the United States.
    (place_swap, "الولايات المتحدة تفرض رسوما جديدة على واردات الصلب", "واشنطن تفرض رسوما جديدة على واردات الصلب"),
    # Two cities of one country: regional bulletins say the same words of two places.
    (place_swap, "هطول أمطار غزيرة على مدينة جدة مساء اليوم", "هطول أمطار غزيرة على مدينة الدمام مساء اليوم"),
    # The number changed and so did the event: two reports of two things, not one count.
    (number_swap, "مقتل 5 أشخاص في انفجار سيارة مفخخة ببغداد", "إصابة 7 أشخاص في انفجار سيارة مفخخة ببغداد"),
    # A code in a paper's contact line (each writer has one), and two items of one list: no quantities.
    (
        number_swap,
        "للاستفسار أرسل رسالة نصية إلى 88000 تبدأ بالرمز 153 ثم نص الرسالة",
        "للاستفسار أرسل رسالة نصية إلى 88000 تبدأ بالرمز 259 ثم نص الرسالة",
    ),
    (
        number_swap,
        "3- في حال وجود خبرة سابقة في طبيعة العمل يلزم إثباتها",
        "4- في حال وجود خبرة سابقة في طبيعة العمل يلزم إثباتها",
    ),
    # A price quoted at two moments differs by a hair.
    (
        number_swap,
        "هبطت الفضة 0.5 في المائة إلى 14.78 دولار للأوقية",
        "هبطت الفضة 0.5 في المائة إلى 14.79 دولار للأوقية",
    ),
    # «العشرات» holds 40.
    (number_swap, "مقتل العشرات في انفجار سيارة مفخخة ببغداد", "مقتل 40 في انفجار سيارة مفخخة ببغداد"),
    # The date changed and so did the event.
    (date_swap, "الشركة تؤجل افتتاح المصنع الجديد إلى عام 2020", "الشركة تبدأ تشغيل المصنع الجديد في عام 2030"),
    # One date written two ways in two reprints of a wire story (the first is read without its year).
    (
        date_swap,
        "ويذكر هذا الحادث بحادث مماثل وقع في مارس (آذار) 2014 في الولاية نفسها",
        "ويذكر هذا الحادث بحادث مماثل وقع في آذار/مارس 2014 في الولاية نفسها",
    ),
    # A day and month with the year guessed (into the past) against the same day with its year written.
    (
        date_swap,
        "وسيترك بلاتر منصبه في 26 فبراير شباط وهو الموعد الذي حدده الفيفا لاجتماع غير عادي للجمعية العمومية",
        "وسيترك بلاتر منصبه في 26 شباط (فبراير) 2016، وهو الموعد الذي حدده الفيفا لاجتماع غير عادي للجمعية العمومية",
    ),
    # A day read off the publication date: «اليوم» and «اليوم الجمعة» in two reprints.
    (
        date_swap,
        "احتفل المسلمون في جميع أنحاء العالم صباح اليوم بحلول عيد الفطر المبارك",
        "احتفل المسلمون في جميع أنحاء العالم صباح اليوم الجمعة بحلول عيد الفطر المبارك",
    ),
    # Few words to compare: a place and one shared word are no evidence of one sentence.
    (place_swap, "قمة في فرنسا", "قمة في ألمانيا"),
    # One figure with and without a thousands dot.
    (
        number_swap,
        "أوضحت الجوازات أن عدد المصححة أوضاعهم بلغ 363.378 شخصا حتى مساء أمس",
        "أوضحت الجوازات أن عدد المصححة أوضاعهم بلغ 363378 شخصا حتى مساء أمس",
    ),
    # A long formula filled in twice: the same congratulatory cable to two countries on their own days.
    (
        place_swap,
        "وأعرب الملك باسمه واسم شعب وحكومة المملكة العربية السعودية عن أصدق التهاني وأطيب التمنيات بالصحة"
        " والسعادة لفخامته، ولحكومة وشعب جمهورية مصر العربية الشقيق اطراد التقدم والازدهار",
        "وأعرب الملك باسمه واسم شعب وحكومة المملكة العربية السعودية عن أصدق التهاني وأطيب التمنيات بالصحة"
        " والسعادة لفخامته، ولحكومة وشعب الجمهورية التونسية الشقيق اطراد التقدم والازدهار",
    ),
]


@pytest.mark.parametrize(("check", "a", "b"), QUIET)
def test_a_swap_is_not_flagged_unless_it_is_the_only_change(check: object, a: str, b: str) -> None:
    assert callable(check)
    assert check(_linked(a, b)) == []


def test_the_swap_rows_need_a_link_or_a_close_score() -> None:
    """A pair that is neither linked nor close is not checked; each swap row sits behind that gate."""
    swap_rows = [rule for rule in KINDS if rule.check in (number_swap, date_swap, place_swap)]
    assert len(swap_rows) == 3
    assert {rule.gate for rule in swap_rows} == {Gate.CLOSE}
    a, b = SWAPS[0][1], SWAPS[0][2]
    pair = Pair(_features(1, a), _features(2, b), linked=False, same_event=False, close=False)
    assert not any(rule.gate.admits(pair) for rule in swap_rows)


def test_a_swap_flag_reaches_the_findings_once_per_kind() -> None:
    """Through ``findings``: a linked near-duplicate gets one number flag with both surfaces quoted."""
    a, b = SWAPS[0][1], SWAPS[0][2]
    fa, fb = _features(1, a), _features(2, b)
    candidate = Candidate(fa, fb, 0.9, slot_agreement(fa, fb), None, None, probability=0.6, close=True)
    found = findings(MatchResult(links=[], kept=[candidate], candidates=1))
    assert [(str(f.kind), f.value_a, f.value_b) for f in found.flags] == [("number", 15, 30)]
    assert found.flags[0].explanation.startswith("The number disagrees between two reports in the same words")
    assert '"15" (15)' in found.flags[0].explanation and '"30" (30)' in found.flags[0].explanation
    assert len(found.links) == 1  # the flag makes the close pair a link a reviewer can reject


REFUSALS = [
    ("رئيس الوزراء يرفض الاستقالة بعد الاحتجاجات الكبيرة", "استقالة رئيس الوزراء بعد الاحتجاجات الكبيرة", "ar"),
    ("البرلمان يرفض إعادة فرز الأصوات في الانتخابات", "البرلمان يقرر إعادة فرز الأصوات في الانتخابات", "ar"),
    ("The minister refused to resign after the protests", "The minister resigned after the protests", "en"),
]


@pytest.mark.parametrize(("a", "b", "language"), REFUSALS)
def test_a_refusal_denies_the_act_the_other_report_states(a: str, b: str, language: str) -> None:
    conflicts = negation_conflict(_linked(a, b, language))
    assert len(conflicts) == 1
    refused = conflicts[0].value_a
    assert any(word in refused for word in ("يرفض", "refused"))


NOT_REFUSALS = [
    # Rejecting an accusation answers it: both reports are true reports of two statements.
    ("الوزير يرفض اتهامات المعارضة بالفساد", "المعارضة تتهم الوزير بالفساد", "ar"),
    ("The minister rejected the allegations of corruption", "The opposition accused the minister of corruption", "en"),
    # Two ways of saying no.
    ("الحكومة ترفض إعادة فتح المعبر", "الحكومة لن تعيد فتح المعبر", "ar"),
    # Both say «نقص» (a shortage); on the second a clitic the lexicon does not list («لنقص»).
    ("اليابان تبحث رفع سن التقاعد بسبب نقص العمالة", "لنقص العمالة: رفع سن التقاعد في اليابان", "ar"),
    # The refusal is about something the other text does not state.
    ("رئيس الوزراء يرفض التعليق على الاحتجاجات الكبيرة", "استقالة رئيس الوزراء بعد الاحتجاجات الكبيرة", "ar"),
]


@pytest.mark.parametrize(("a", "b", "language"), NOT_REFUSALS)
def test_a_refusal_that_answers_a_report_or_agrees_is_quiet(a: str, b: str, language: str) -> None:
    assert negation_conflict(_linked(a, b, language)) == []


def test_no_casualties_denies_a_reported_death_toll() -> None:
    """«دون وقوع ضحايا» (without victims) denies «مقتل 9» (9 killed): one term for the polarity checks."""
    a = "مقتل 9 من عناصر الحرس الوطني في هجوم مسلح شمال غربي البلاد"
    b = "هجوم مسلح شمال غربي البلاد دون وقوع ضحايا"
    conflicts = negation_conflict(_linked(a, b))
    assert [(c.value_a, c.value_b) for c in conflicts] == [("مقتل 9", "دون وقوع ضحايا")]
    # The same toll in other words is no denial, and a denial of something else stays quiet.
    assert negation_conflict(_linked(a, "سقوط 9 قتلى من عناصر الحرس الوطني في هجوم مسلح شمال غربي البلاد")) == []
    assert negation_conflict(_linked(a, "هجوم مسلح شمال غربي البلاد دون تبني أي جهة له")) == []

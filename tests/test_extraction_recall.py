"""Recall-first extraction (issue 15): every checkable sentence and headline is a claim, slots or not;
reported speech keeps its attribution; questions, greetings, prayers, opinion lines and page furniture
are not claims; word numerals and vague amounts are numbers; a named weekday fixes the day."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extraction import extract_claims
from factcheck.extraction.dates import find_dates
from factcheck.extraction.lexicon import tokenize
from factcheck.model import ArticleText, DateSlot, ExtractedClaim, NumberSlot, Slots

FRIDAY = date(2025, 10, 17)


def claims(text: str, language: str = "ar", published: date | None = FRIDAY) -> list[ExtractedClaim]:
    return extract_claims(ArticleText(text, language, published))


def texts(text: str, language: str = "ar") -> list[str]:
    return [c.text for c in claims(text, language)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("المحادثات تتواصل بين الطرفين.", "ar"),
        ("ارتفعت أسعار الخبز في الأسواق.", "ar"),
        ("Talks continue between the unions and the employers.", "en"),
        ("Prices of bread rose sharply.", "en"),
    ],
)
def test_declarative_sentence_without_slots_is_a_claim(text: str, language: str) -> None:
    found = claims(text, language)
    assert [c.text for c in found] == [text.rstrip(".")]
    slots = found[0].slots
    assert not (slots.dates or slots.numbers or slots.places or slots.actors or slots.attribution)


def test_headline_without_slots_is_a_claim_but_a_short_section_title_is_not() -> None:
    body = (
        "الحكومة تؤجل رفع أسعار الوقود\n\n"
        "قررت الحكومة تأجيل القرار بعد اعتراض النواب.\n\n"
        "أهداف القرار\n\n"
        "يهدف القرار إلى حماية الأسر من الغلاء."
    )
    found = texts(body)
    assert "الحكومة تؤجل رفع أسعار الوقود" in found
    assert "أهداف القرار" not in found
    english = texts("Government delays fuel price rise\n\nThe decision came after objections from lawmakers.", "en")
    assert english[0] == "Government delays fuel price rise"


@pytest.mark.parametrize(
    ("text", "language", "speaker", "cue"),
    [
        ("قال الوزير إن الحكومة ستبني مدارس جديدة.", "ar", "الوزير", "قال"),
        ("أكد المتحدث باسم الوزارة أن المحادثات مستمرة.", "ar", "المتحدث باسم الوزارة", "أكد"),
        ("أعلنت الوزارة أن الامتحانات تأجلت.", "ar", "الوزارة", "أعلنت"),
        ("The health minister said that the hospital will reopen.", "en", "health minister", "said"),
        ("Officials said the bridge was closed.", "en", "Officials", "said"),
    ],
)
def test_reported_speech_yields_the_claim_with_its_attribution(
    text: str, language: str, speaker: str, cue: str
) -> None:
    found = claims(text, language)
    assert len(found) == 1
    claim = found[0]
    assert str(claim.kind) == "quote"
    assert claim.slots.attribution is not None
    assert claim.slots.attribution.cue == cue
    assert claim.slots.attribution.speaker == speaker


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("هل ترتفع أسعار الوقود الشهر المقبل؟", "ar"),
        ("Will fuel prices rise next month?", "en"),
        ("صباح الخير يا أهل الخير", "ar"),
        ("Good morning everyone", "en"),
        ("اللهم ارحم شهداءنا واشف جرحانا", "ar"),
        ("رحم الله الفقيد وأسكنه فسيح جناته", "ar"),
        ("في رأيي أن القرار خاطئ تماما", "ar"),
        ("I think the decision is wrong", "en"),
        ("رابط الخبر", "ar"),
        ("اقرأ أيضا: الحكومة تؤجل رفع أسعار الوقود", "ar"),
        ("كتب: محمد علي", "ar"),
        ("تصوير: أحمد حسن", "ar"),
        ("صورة أرشيفية", "ar"),
        ("Link to the story", "en"),
        ("Reporting by John Smith; Editing by Jane Doe", "en"),
        ("Photo: Reuters", "en"),
        ("By John Smith", "en"),
        ("عين اليوم – الرياض", "ar"),
        ("عمر إبراهيم – عين اليوم", "ar"),
        ("للتواصل مع الكاتب ارسل رسالة SMS", "ar"),
        ("بسم الله الرحمن الرحيم", "ar"),
    ],
)
def test_non_claims_are_left_out(line: str, language: str) -> None:
    lead = "ارتفعت أسعار الخبز في الأسواق." if language == "ar" else "Prices of bread rose sharply."
    found = texts(f"{lead}\n\n{line}\n\n{lead}", language)
    assert found == [lead.rstrip(".")] * 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("شارك الرئيس في القمة العربية.", "ar"),  # «شارك» opens share prompts too
        ("كتب الرئيس رسالة إلى نظيره التركي.", "ar"),  # «كتب» opens bylines too
        ("By 2030 the new line will carry two million passengers a year.", "en"),
        ("Source code of the app was published on Monday.", "en"),
        ("مصر – السعودية: توقيع 5 اتفاقيات", "ar"),  # a dash as in datelines, but a headline
    ],
)
def test_claims_that_open_like_furniture_are_kept(text: str, language: str) -> None:
    assert texts(text, language) == [text.rstrip(".")]


@pytest.mark.parametrize(
    ("text", "language", "value", "upper", "unit"),
    [
        ("أهدى الرجل ألف وردة لزوجته.", "ar", 1000, None, "وردة"),
        ("قتل ثلاثة آلاف شخص في الزلزال.", "ar", 3000, None, "شخص"),
        ("بلغت الخسائر مليون دولار.", "ar", 10**6, None, "دولار"),
        ("تلقى 5 ملايين شخص اللقاح.", "ar", 5 * 10**6, None, "شخص"),
        ("خرج مئات المتظاهرين إلى الشوارع.", "ar", 200, 999, "المتظاهرين"),
        ("أصيب عشرات الجنود في الهجوم.", "ar", 20, 99, "الجنود"),
        ("نزح آلاف السكان من المدينة.", "ar", 2000, 9999, "السكان"),
        ("شارك عشرات الآلاف من المتظاهرين في المسيرة.", "ar", 20_000, 99_999, "المتظاهرين"),
        ("Two thousand soldiers crossed the border.", "en", 2000, None, "soldiers"),
        ("A million people signed the petition.", "en", 10**6, None, "people"),
        ("Dozens of people were injured in the blast.", "en", 24, 99, "people"),
        ("Hundreds of workers lost their jobs.", "en", 200, 999, "workers"),
        ("Tens of thousands of people marched in the capital.", "en", 20_000, 99_999, "people"),
    ],
)
def test_word_numerals_and_vague_amounts(text: str, language: str, value: int, upper: int | None, unit: str) -> None:
    (claim,) = claims(text, language)
    assert [(n.value, n.upper, n.unit) for n in claim.slots.numbers] == [(value, upper, unit)]
    if upper is not None:
        assert str(claim.kind) == "quantity"


def test_new_slot_fields_keep_the_json_backward_compatible() -> None:
    old = {"numbers": [{"surface": "5", "value": 5.0, "unit": None, "start": 0, "end": 1}]}
    old["dates"] = [{"surface": "اليوم", "value": "2025-10-17", "precision": "day", "start": 0, "end": 5}]
    slots = Slots.from_dict(old)
    assert slots.numbers[0] == NumberSlot("5", 5.0, None, 0, 1, None)
    assert slots.dates[0].from_published is False and slots.dates[0].relative is False
    (claim,) = claims("خرج مئات المتظاهرين أمس.")
    data = claim.to_dict()
    assert data["slots"]["numbers"][0]["upper"] == 999.0
    assert data["slots"]["dates"][0]["from_published"] is True
    assert ExtractedClaim.from_dict(data) == claim


def day(text: str, published: date) -> DateSlot:
    (slot,), _ = find_dates(text, tokenize(text), published)
    return slot


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2015, 7, 20), "2015-07-20"),  # published on the Monday
        (date(2015, 7, 21), "2015-07-20"),  # crawled a day late (Tuesday)
        (date(2015, 7, 23), "2015-07-20"),  # three days late (Thursday)
        (date(2015, 7, 19), "2015-07-20"),  # dated the day before (Sunday)
        (date(2015, 7, 24), "2015-07-20"),  # reprinted four days late (Friday): never the Monday after
        (date(2015, 7, 25), "2015-07-20"),  # five days late (Saturday)
    ],
)
def test_a_named_weekday_wins_over_the_publication_date(published: date, expected: str) -> None:
    slot = day("وصل الوفد اليوم الاثنين إلى الرياض", published)
    assert (slot.surface, slot.value) == ("اليوم الاثنين", expected)
    assert slot.relative and not slot.from_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [("وصل الوفد اليوم إلى الرياض", "2015-07-21"), ("وصل الوفد أمس إلى الرياض", "2015-07-20"),
     ("The delegation arrived today in Riyadh", "2015-07-21")],
)  # fmt: skip
def test_today_and_yesterday_are_marked_as_counted_from_the_publication_date(text: str, expected: str) -> None:
    slot = day(text, date(2015, 7, 21))
    assert slot.value == expected
    assert slot.relative and slot.from_published


def test_a_papers_name_is_not_today() -> None:
    """«عين اليوم – واشنطن»: the paper «عين اليوم» signs its dateline; «وصل الوفد اليوم» is today."""
    text = "عين اليوم – واشنطن أحالت الإدارة الاتفاق إلى الكونغرس"
    assert find_dates(text, tokenize(text), date(2015, 7, 25))[0] == []
    assert day("وصل الوفد اليوم إلى الرياض", date(2015, 7, 25)).value == "2015-07-25"

"""Lines of a news page that are not claims, clause cuts that made fragments, and counted days.

Sentences written for these tests in the style of Saudi papers (a week of them showed each case):
a subheading before a colon, a writer's note under an opinion piece, a section line of two city
names, «من حيث» ("in terms of") read as «حيث» ("where"), a sentence closed by its source
(«، كما قالت مصادر …»), «في إشارة إلى» ("referring to") cut off as a claim of its own.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extraction import extract_claims
from factcheck.extraction.dates import find_dates
from factcheck.extraction.lexicon import tokenize
from factcheck.model import ArticleText

PUBLISHED = date(2015, 7, 21)  # a Tuesday


def _texts(body: str, title: str | None = None) -> list[str]:
    return [c.text for c in extract_claims(ArticleText(body=body, language="ar", published=PUBLISHED, title=title))]


def test_a_short_subheading_before_a_colon_is_not_a_claim() -> None:
    body = (
        "تضم مدرسة بروكلين 200 تلميذ ومبنى تحت الإنشاء بلغت تكلفته 40 مليون دولار.\n"
        "* تكساس وفلوريدا أيضا:\n"
        "احتلت 5 مدارس من فلوريدا وتكساس مراكز في قائمة المدارس العشر الأكثر تحديا.\n"
        "من المتوقع أن يكون للمركز الجديد دور محوري في:\n"
        "- تدريب المعلمين"
    )
    texts = _texts(body)
    assert not any(t.startswith("تكساس وفلوريدا") for t in texts)
    assert any(t.startswith("احتلت 5 مدارس") for t in texts)
    assert any(t.startswith("من المتوقع أن يكون للمركز") for t in texts)  # a longer lead-in states something


def test_a_writer_note_under_an_opinion_piece_is_not_a_claim() -> None:
    body = (
        "تحتاج الأحزاب إلى التكيف مع تعقيدات الأنظمة السياسية في المنطقة.\n\n"
        "* أستاذ العلوم السياسية في جامعة محمد الخامس"
    )
    texts = _texts(body)
    assert texts and not any("أستاذ العلوم السياسية" in t for t in texts)
    bullet = "* قتل 30 شخصا في انفجار استهدف سوقا شعبية في بغداد"
    assert any("قتل 30 شخصا" in t for t in _texts(bullet))  # a bullet that states a fact stays


def test_a_section_line_of_place_names_is_not_a_claim() -> None:
    body = (
        "لاحظ السعوديون أن الولايات المتحدة أمة من المهاجرين.\n\n"
        "نيويورك وجدة\n\n"
        "انتقل كثير من الطلاب السعوديين من نيويورك إلى جدة بعد التخرج."
    )
    texts = _texts(body, title="السعوديون في أميركا")
    assert "نيويورك وجدة" not in texts
    assert any(t.startswith("انتقل كثير من الطلاب") for t in texts)


def test_in_terms_of_does_not_cut_the_sentence() -> None:
    body = "وظلت محافظة شمال سيناء البؤرة الأكثر اشتعالا من حيث كثافة العمليات الإرهابية، مشيرا إلى تراجعها."
    texts = _texts(body)
    assert any(t.endswith("من حيث كثافة العمليات الإرهابية") for t in texts)
    assert "كثافة العمليات الإرهابية" not in texts


def test_a_sentence_closed_by_its_source_keeps_the_source() -> None:
    body = "قتل عنصران من القوات الكردية في تفجير مستودع داخل كوباني، كما قالت مصادر سورية معارضة للصحيفة."
    texts = _texts(body)
    assert len(texts) == 1 and texts[0].startswith("قتل عنصران") and "كما قالت مصادر" in texts[0]
    reported = "وصل الوفد إلى عدن صباح اليوم، كما أكد وزير الداخلية أن الأمن مستتب في المدينة."
    assert any(t.startswith("أكد وزير الداخلية أن الأمن") for t in _texts(reported))  # a report after «كما» is a claim


def test_referring_to_stays_with_the_statement_it_explains() -> None:
    body = 'وقال كاميرون: "نحن ملتزمون بالعمل معكم من أجل هزيمة التنظيم في البلدين"، في إشارة إلى سوريا والعراق.'
    texts = _texts(body)
    assert not any(t.startswith("في إشارة") for t in texts)
    assert any(t.endswith("في إشارة إلى سوريا والعراق") for t in texts)


def _day(text: str) -> tuple[str, str | None, bool]:
    (slot,), _ = find_dates(text, tokenize(text), PUBLISHED)
    return slot.surface, slot.value, slot.from_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نظمت اللجنة مساء أمس الأول حفلا للأهالي", ("أمس الأول", "2015-07-19", True)),
        ("نظمت اللجنة مساء أول أمس حفلا للأهالي", ("أول أمس", "2015-07-19", True)),
        ("شن أفراد المقاومة مساء أول من أمس هجوما", ("أول من أمس", "2015-07-19", True)),
    ],
)
def test_the_day_before_yesterday_is_two_days_back(text: str, expected: tuple[str, str, bool]) -> None:
    assert _day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Published (crawled) on Tuesday: «أمس الأحد» names Sunday, the weekday wins over the count.
        ("شن أفراد المقاومة مساء أمس الأحد هجوما", ("أمس الأحد", "2015-07-19", False)),
        ("شن أفراد المقاومة مساء أول من أمس الأحد هجوما", ("أول من أمس الأحد", "2015-07-19", False)),
        ("تبدأ الحملة غدا (الأربعاء) في المدارس", ("غدا (الأربعاء", "2015-07-22", False)),
    ],
)
def test_a_weekday_after_a_counted_day_wins(text: str, expected: tuple[str, str, bool]) -> None:
    assert _day(text) == expected


def test_page_code_and_contact_lines_are_not_claims() -> None:
    body = (
        "وقالت الوزارة إن 30 شخصا قتلوا في الانفجار.\n"
        "float: left; width:260px\n"
        "z-webkit-border-radius: 5px\n"
        "writer@example.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (118) ثم مسافة ثم نص الرسالة إلى 88591\n\n"
        "وأكدت الشرطة الحصيلة صباح اليوم."
    )
    assert _texts(body) == ["وقالت الوزارة إن 30 شخصا قتلوا في الانفجار", "وأكدت الشرطة الحصيلة صباح اليوم"]
    english = "The ministry said 30 people were killed: police confirmed the toll on Monday."
    assert [c.text for c in extract_claims(ArticleText(body=english, language="en", published=PUBLISHED))] == [
        english.rstrip(".")
    ]


def test_tag_lines_and_recipe_ingredients_are_not_claims() -> None:
    """A paper's tag line («سمات …» under every story) and a recipe's ingredient list sat among the
    week's links once near-duplicates were proposed; they are page furniture, the story is not."""
    body = (
        "وانخفضت أسعار النفط في تعاملات الجمعة بعد ارتفاع مخزونات البنزين الأمريكية.\n\n"
        "سمات أسعار العقود الآجلة مخزونات البنزين\n\n"
        "المقادير:\n\n"
        "1/4 ملعقة صغيرة من الملح\n\n"
        "ربع كوب من اللبن\n\n"
        "3 / 4 كوب من اللبن الطازج\n\n"
        "ارتفع سعر كوب القهوة في الرياض إلى 20 ريالا."
    )
    assert _texts(body) == [
        "وانخفضت أسعار النفط في تعاملات الجمعة بعد ارتفاع مخزونات البنزين الأمريكية",
        "ارتفع سعر كوب القهوة في الرياض إلى 20 ريالا",
    ]
    english = "Mix the dough well.\n\n2 cups of flour\n\n1/2 teaspoon salt\n\nTags: recipes, baking"
    assert [c.text for c in extract_claims(ArticleText(body=english, language="en"))] == ["Mix the dough well"]

"""Dates without a year in sentences about what is still to come, and years that follow a dual month
or a year word («أكتوبر (تشرين الأول) 2011», «5 أكتوبر عام 1976»): sentences of a week of real news."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extraction.dates import find_dates
from factcheck.extraction.lexicon import fold, tokenize
from factcheck.extraction.tense import future_verb

TUESDAY = date(2015, 7, 21)


def dates(text: str) -> list[tuple[str, str | None]]:
    slots, _ = find_dates(text, tokenize(text), TUESDAY)
    return [(d.surface, d.value) for d in slots]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A future verb before the date: the coming one, not the one gone by.
        ("ووافق المجلس على أن الرئيس سيترك منصبه في 26 فبراير", [("26 فبراير", "2016-02-26")]),
        ("ويرى العلماء أن فرصة الهبوط ستسنح في 11 نوفمبر", [("11 نوفمبر", "2015-11-11")]),
        ("فان آخر موعد لتقديم طلبات الترشيح سيكون في 26 اكتوبر", [("26 اكتوبر", "2015-10-26")]),
        ("ومن المتوقع أن ترفع الوكالة بحلول 15 ديسمبر تقريرا", [("15 ديسمبر", "2015-12-15")]),
        ("وستجرى الانتخابات في شهر مايو", [("شهر مايو", "2016-05")]),
        ("وقال إن الوفد سيزور الرياض يوم الأحد", [("يوم الأحد", "2015-07-26")]),
        ("The minister will step down on 26 February", [("26 February", "2016-02-26")]),
        # A period word that ends the sentence.
        ("Officials said about 2,000 troops would be redeployed by next month", [("next month", "2015-08")]),
        # No future verb, or a noun shaped like one («سيارة»): news reports what happened.
        ("انفجرت سيارة مفخخة في 9 مارس قرب السفارة", [("9 مارس", "2015-03-09")]),
        ("والتقى الرئيس بالوفد يوم الأحد", [("يوم الأحد", "2015-07-19")]),
        # A plan due a few weeks ago stays in the past.
        ("والتي كان من المقرر أن تنتهي في 30 يونيو", [("30 يونيو", "2015-06-30")]),
        # The year, or the qualifier, after the bracketed alternative of a two-word month.
        ("دشن تمثال في 25 أكتوبر (تشرين الأول) 2011", [("25 أكتوبر (تشرين الأول) 2011", "2011-10-25")]),
        (
            "لانتهاء أعمال البرلمان الحالي، في 21 أكتوبر (تشرين الأول) المقبل",
            [("21 أكتوبر (تشرين الأول) المقبل", "2015-10-21")],
        ),
        ("بعد جلسات انطلقت في 29 سبتمبر (أيلول) الماضي", [("29 سبتمبر (أيلول) الماضي", "2014-09-29")]),
        # The year after its word.
        ("ولد قاديروف في 5 أكتوبر عام 1976", [("5 أكتوبر عام 1976", "1976-10-05")]),
        ("نشر الموقع في تاريخ 5 فبراير من العام 2013 تقريرا", [("5 فبراير من العام 2013", "2013-02-05")]),
        ("كانت الجذوة الأولى في 23 يناير من عام 1951", [("23 يناير من عام 1951", "1951-01-23")]),
    ],
)
def test_dates_read_as_the_sentence_means_them(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("word", "future"),
    [("ستكون", True), ("وسيتم", True), ("سنعمل", True), ("سيارة", False), ("سياسي", False), ("سنوات", False),
     ("سيناء", False), ("ستة", False)],
)  # fmt: skip
def test_future_verbs_are_told_from_nouns_of_their_shape(word: str, future: bool) -> None:
    assert future_verb(fold(word)) is future

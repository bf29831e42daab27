"""Date slots: Arabic (Egyptian/Gulf, Levantine/Iraqi, Maghrebi month names) and English dates.

Resolved against the publication date at the precision the text gives. Traps handled on purpose:
bare «تشرين» is never a month («سد تشرين» is a dam), «صلاة الجمعة» is a prayer, a bare year is a
year and not a day. A weekday the text names wins over the publication date: «اليوم الاثنين» is the
Monday nearest the publication date (within three days), because a crawl date or a reprint a day
later must not move the event. A day counted from the publication date alone («اليوم», «أمس»,
"today") is marked ``from_published``: it may be a day off when that date is uncertain.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from factcheck.extraction.date_resolution import iso_day, resolve_day, resolve_month
from factcheck.extraction.lexicon import (
    DATE,
    END,
    FLAGS,
    FUNCTION_WORDS,
    IS_NUM,
    KEY,
    RAW,
    START,
    Token,
    flagged,
    register,
    scan,
    words,
)
from factcheck.extraction.tense import speaks_ahead
from factcheck.model import DateSlot
from factcheck.text.weekdays import WEEKDAYS

__all__ = ["find_dates"]

_MONTHS_AR: dict[str, int] = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7,
    "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}  # fmt: skip
# Two-word Levantine months; bare «تشرين» or «كانون» is not a month.
_MONTHS_AR_TWO: dict[tuple[str, str], int] = {
    ("كانون", "الثاني"): 1, ("كانون", "ثاني"): 1, ("تشرين", "الاول"): 10, ("تشرين", "اول"): 10,
    ("تشرين", "الثاني"): 11, ("تشرين", "ثاني"): 11, ("كانون", "الاول"): 12, ("كانون", "اول"): 12,
}  # fmt: skip
# Month names that are also ordinary words: a month only with a day, a year, «شهر» or a qualifier.
_AMBIGUOUS_AR = frozenset({"مارس", "ماي", "اب", "تموز", "نيسان", "ايار", "اوت"})
_MONTHS_EN: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_AMBIGUOUS_EN = frozenset({"march", "may", "mar", "jan", "jun", "sep", "oct", "dec", "aug", "apr", "nov"})
_PAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "last", "past"})
_CURRENT = frozenset({"الجاري", "الجاريه", "الحالي", "الحاليه", "this", "current"})
_NEXT = frozenset({"المقبل", "المقبله", "القادم", "القادمه", "next", "coming"})
_DAY_CUES = frozenset({"يوم", "ويوم", "ليله", "مساء", "صباح", "فجر", "ظهر", "عصر", "ظهيره", "on", "by"})
_NOT_A_DAY = frozenset({"صلاه", "خطبه", "سوره", "صلوات", "good", "black", "holy"})
_MONTH_CUES_AR = words("في خلال منذ حتى مطلع اوايل اواخر منتصف نهايه بدايه اواسط بحلول قبل بعد شهر وفي")
_MONTH_CUES_EN = words("in during since until by early late mid last next this of from through")
_YEAR_CUES = frozenset({"عام", "العام", "سنه", "لعام", "وعام", "in", "since", "year", "until", "by"})
_TODAY = frozenset({"اليوم", "today"})
_YESTERDAY = frozenset({"امس", "بالامس", "yesterday"})
_TOMORROW = frozenset({"غدا", "tomorrow"})
_PERIODS = {"الشهر": "month", "العام": "year", "السنه": "year", "month": "month", "year": "year"}
_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th"})


def _vocabulary() -> frozenset[str]:
    starts = {first for first, _ in _MONTHS_AR_TWO}
    for table in (_MONTHS_AR, _MONTHS_EN, WEEKDAYS, _PERIODS):
        starts.update(table)
    return frozenset(starts | _TODAY | _YESTERDAY | _TOMORROW)  # years start from their digits


register(DATE, _vocabulary)


def find_dates(
    text: str, tokens: list[Token], published: date | None, candidates: list[int] | None = None
) -> tuple[list[DateSlot], set[int]]:
    """Date slots of one sentence and the indices of the tokens they use."""
    candidates = flagged(tokens) if candidates is None else candidates
    found = scan(tokens, candidates, DATE, partial(_date_at, text, tokens, published=published))
    used = {k for _, first, last in found for k in range(first, last)}
    return [slot for slot, _, _ in found], used


def _spaced(text: str, a: Token, b: Token) -> bool:
    between = text[a[END] : b[START]]
    return 0 < len(between) <= 3 and between.isspace()


def _slot(text: str, tokens: list[Token], i: int, j: int, value: str | None, precision: str, rel: bool) -> DateSlot:
    start, end = tokens[i][START], tokens[j - 1][END]
    return DateSlot(text[start:end], value, precision, start, end, rel)


def _month_at(text: str, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(month, next index) for a month name at ``i``, Arabic or English, single or two words."""
    tok = tokens[i]
    key = tok[KEY]
    if key.startswith("و") and key[1:] in _MONTHS_AR and len(key) > 3:
        key = key[1:]
    if i + 1 < len(tokens) and (key, tokens[i + 1][KEY]) in _MONTHS_AR_TWO and _spaced(text, tok, tokens[i + 1]):
        return _MONTHS_AR_TWO[(key, tokens[i + 1][KEY])], i + 2
    if key in _MONTHS_AR:
        if key == "اب" and "آ" not in tok[RAW]:
            return None  # «أب» is "father"; only «آب» is August
        return _MONTHS_AR[key], i + 1
    if key in _MONTHS_EN and tok[RAW][0].isupper():
        return _MONTHS_EN[key], i + 1
    return None


def _month_with_alternative(text: str, tokens: list[Token], i: int) -> tuple[int, int, bool] | None:
    """A month, possibly in the dual form «أكتوبر/تشرين الأول» or «أغسطس (آب)»: one month."""
    first = _month_at(text, tokens, i)
    if first is None:
        return None
    month, j = first
    if j < len(tokens):
        between = text[tokens[j - 1][END] : tokens[j][START]].strip()
        if between in ("/", "(", "-"):
            second = _month_at(text, tokens, j)
            if second is not None and (second[0] == month or between in ("/", "(")):
                return month, second[1], True
    return month, j, False


def _after_month(text: str, tokens: list[Token], j: int, *, comma: bool = True) -> bool:
    """Whether token ``j`` follows the word before it closely: a space, a comma (unless ``comma`` is
    False), or the closing bracket of a dual month's alternative («مارس (آذار) 2014», «أكتوبر
    (تشرين الأول) المقبل»)."""
    before, tok = tokens[j - 1], tokens[j]
    between = text[before[END] : tok[START]]
    if _spaced(text, before, tok) or (comma and between in (", ", " ، ", "، ")):
        return True
    opened = text[max(0, before[START] - 16) : before[START]]
    return (
        between.startswith(")")
        and not between[1:].strip(" ،,")
        and len(between) <= 4
        and opened.rfind("(") > opened.rfind(")")
    )


def _year_at(text: str, tokens: list[Token], j: int) -> int | None:
    """A year right after a month: spaced, after a comma, or after the bracketed alternative."""
    if j >= len(tokens) or not _after_month(text, tokens, j):
        return None
    tok = tokens[j]
    if tok[IS_NUM] and len(tok[KEY]) == 4 and tok[KEY].isdecimal():
        year = int(tok[KEY])
        if 1900 <= year <= 2100 and not _hijri(text, tokens, j):
            return year
    return None


_YEAR_AFTER_MONTH = frozenset({"عام", "العام", "سنه", "لعام"})


def _year_after(text: str, tokens: list[Token], j: int) -> tuple[int, int] | None:
    """(year, next index) after a month: «2014», or with its cue, «عام 1976», «من العام 2013»."""
    year = _year_at(text, tokens, j)
    if year is not None:
        return year, j + 1
    k = j
    if k < len(tokens) and tokens[k][KEY] == "من" and _after_month(text, tokens, k, comma=False):
        k += 1
    if k + 1 < len(tokens) and tokens[k][KEY] in _YEAR_AFTER_MONTH and _after_month(text, tokens, k, comma=False):
        year = _year_at(text, tokens, k + 1)
        if year is not None:
            return year, k + 2
    return None


def _hijri(text: str, tokens: list[Token], j: int) -> bool:
    return (j + 1 < len(tokens) and tokens[j + 1][KEY] in ("ه", "هـ")) or text[
        tokens[j][END] : tokens[j][END] + 2
    ].strip().startswith("ه")


def _qualifier(text: str, tokens: list[Token], j: int) -> tuple[str | None, int]:
    if j < len(tokens) and _after_month(text, tokens, j, comma=False):
        key = tokens[j][KEY]
        if key in _PAST:
            return "past", j + 1
        if key in _CURRENT:
            return "current", j + 1
        if key in _NEXT:
            return "next", j + 1
    return None, j


def _date_at(text: str, tokens: list[Token], i: int, published: date | None) -> tuple[DateSlot, int] | None:
    tok = tokens[i]
    key = tok[KEY]
    # Day and month: «9 مارس الماضي», «12 أكتوبر/تشرين الأول الجاري», "13 October 2025".
    if tok[IS_NUM] and (i + 1 >= len(tokens) or not tokens[i + 1][FLAGS] & DATE):
        # «عام 2024», "in 2024": a year after its cue word; otherwise a day needs a month after it.
        if len(key) == 4 and i > 0 and tokens[i - 1][KEY] in _YEAR_CUES:
            year = _year_at(text, tokens, i)
            if year is not None:
                start = i if tokens[i - 1][RAW].isascii() else i - 1  # «عام 2024» but "in 2024"
                return _slot(text, tokens, start, i + 1, str(year), "year", False), i + 1
        return None
    if tok[IS_NUM] and key.isdecimal() and len(key) <= 2 and 1 <= int(key) <= 31:
        if _spaced(text, tok, tokens[i + 1]):
            month = _month_with_alternative(text, tokens, i + 1)
            if month is not None:
                return _day_month(text, tokens, i, month[1], int(key), month[0], published)
        return None
    # Month first: "October 13, 2025", "October 13", «مارس 2025», «شهر أغسطس/آب الماضي».
    month = _month_with_alternative(text, tokens, i)
    if month is not None:
        return _month_first(text, tokens, i, month, published)
    if key in WEEKDAYS:
        return _weekday(text, tokens, i, i, published)
    if key in _TODAY:
        return _today(text, tokens, i, published)
    if key in _YESTERDAY or key in _TOMORROW:
        return _counted_day(text, tokens, i, published)
    if key in _PERIODS:  # "by next month" may end the sentence
        qualifier, j = _qualifier(text, tokens, i + 1)
        if key in ("month", "year"):
            prev = tokens[i - 1][KEY] if i > 0 else ""
            qualifier = {"last": "past", "this": "current", "next": "next"}.get(prev)
            if qualifier is None:
                return None
            return _period(text, tokens, i - 1, i + 1, _PERIODS[key], qualifier, published)
        if qualifier is not None:
            year = _year_at(text, tokens, i + 1) if key in ("العام",) else None
            if year is None:
                return _period(text, tokens, i, j, _PERIODS[key], qualifier, published)
    if key in _YEAR_CUES and i + 1 < len(tokens):  # «العام 2024»: «العام» is also a period word
        year = _year_at(text, tokens, i + 1)
        if year is not None:
            return _slot(text, tokens, i, i + 2, str(year), "year", False), i + 2
    return None


def _day_month(
    text: str, tokens: list[Token], i: int, j: int, day: int, month: int, published: date | None
) -> tuple[DateSlot, int] | None:
    dated = _year_after(text, tokens, j)
    if dated is not None:
        year, j = dated
        value = iso_day(year, month, day)
        return (_slot(text, tokens, i, j, value, "day", False), j) if value else None
    qualifier, j = _qualifier(text, tokens, j)
    if published is None:
        return _slot(text, tokens, i, j, None, "day", True), j
    if qualifier is None and speaks_ahead(tokens, i):
        qualifier = "ahead"
    resolved = resolve_day(published, month, day, qualifier)
    return _slot(text, tokens, i, j, resolved, "day", True), j


def _month_first(
    text: str, tokens: list[Token], i: int, month_info: tuple[int, int, bool], published: date | None
) -> tuple[DateSlot, int] | None:
    month, j, dual = month_info
    tok = tokens[i]
    english = tok[RAW].isascii()
    # "October 13" / "October 13, 2025" / "Oct. 13"
    if english and j < len(tokens):
        nxt = tokens[j]
        between = text[tokens[j - 1][END] : nxt[START]]
        if (
            nxt[IS_NUM]
            and nxt[KEY].isdecimal()
            and len(nxt[KEY]) <= 2
            and between in (" ", ". ")
            and 1 <= int(nxt[KEY]) <= 31
        ):
            day = int(nxt[KEY])
            k = j + 1
            if k < len(tokens) and tokens[k][KEY] in _ORDINAL_SUFFIX and tokens[k][START] == nxt[END]:
                k += 1
            return _day_month(text, tokens, i, k, day, month, published)
    start = i
    prev = tokens[i - 1][KEY] if i > 0 else ""
    if prev in ("شهر", "وشهر", "لشهر", "بشهر"):
        start = i - 1
    dated = _year_after(text, tokens, j)
    if dated is not None:
        return _slot(text, tokens, start, dated[1], f"{dated[0]:04d}-{month:02d}", "month", False), dated[1]
    qualifier, k = _qualifier(text, tokens, j)
    if english and prev in ("last", "next", "this") and qualifier is None:
        qualifier = {"last": "past", "next": "next", "this": "current"}[prev]
        start = i - 1
    ambiguous = tok[KEY] in _AMBIGUOUS_AR or (english and tok[KEY] in _AMBIGUOUS_EN)
    has_cue = start < i or qualifier is not None or dual
    if not has_cue:
        cues = _MONTH_CUES_EN if english else _MONTH_CUES_AR
        if ambiguous or prev not in cues:
            return None
    if published is None:
        return _slot(text, tokens, start, k, None, "month", True), k
    if qualifier is None and speaks_ahead(tokens, start):
        qualifier = "ahead"
    return _slot(text, tokens, start, k, resolve_month(published, month, qualifier), "month", True), k


def _weekday(text: str, tokens: list[Token], i: int, _: int, published: date | None) -> tuple[DateSlot, int] | None:
    tok = tokens[i]
    weekday = WEEKDAYS[tok[KEY]]
    english = tok[RAW].isascii()
    if english and not tok[RAW][0].isupper():
        return None
    prev = tokens[i - 1][KEY] if i > 0 else ""
    if prev in _NOT_A_DAY:
        return None
    start = i
    today = False
    if prev in _TODAY:
        start, today = i - 1, True
    elif prev in _DAY_CUES:
        start = i - 1 if not english else i
    qualifier, j = _qualifier(text, tokens, i + 1)
    if english and prev in ("last", "next", "this"):
        qualifier = {"last": "past", "next": "next", "this": "current"}[prev]
        start = i - 1
    if not english and start == i and qualifier is None:
        before = text[tokens[i - 1][END] : tok[START]] if i > 0 else ""
        after = text[tok[END] : tokens[i + 1][START]] if i + 1 < len(tokens) else "."
        if "،" not in before + after and "," not in before + after:
            return None  # a bare «الاثنين» may be "the two"; want a cue or commas around it
    if published is None:
        return _slot(text, tokens, start, j, None, "day", True), j
    if today:
        # The named weekday wins: a crawl date or a reprint is late, never early, so the weekday is the
        # last one up to five days before the publication date (or the day after it).
        value = published + timedelta(days=_named_shift(weekday, published))
    else:
        delta = (published.weekday() - weekday) % 7
        if qualifier == "next":
            value = published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
        elif qualifier == "past":
            value = published - timedelta(days=delta or 7)
        elif speaks_ahead(tokens, start):  # «سيزور … يوم الأحد»: the coming one
            value = published + timedelta(days=(weekday - published.weekday()) % 7)
        else:
            value = published - timedelta(days=delta)
    return _slot(text, tokens, start, j, value.isoformat(), "day", True), j


_LATE_DAYS = 5  # how far a publication date may lag the weekday the text names (a reprint, a crawl)


def _named_shift(weekday: int, day: date) -> int:
    """Days from ``day`` to the named ``weekday``: from ``_LATE_DAYS`` before it to one day after."""
    return (weekday - day.weekday() + _LATE_DAYS) % 7 - _LATE_DAYS


_NAMED_TODAY = frozenset({"عين"})  # «عين اليوم»: a Saudi paper whose name says "today"


def _today(text: str, tokens: list[Token], i: int, published: date | None) -> tuple[DateSlot, int] | None:
    if i > 0 and tokens[i - 1][KEY] in _NAMED_TODAY and _spaced(text, tokens[i - 1], tokens[i]):
        return None  # a paper's name («عين اليوم – واشنطن»), not today
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt[KEY] in WEEKDAYS:
        return _weekday(text, tokens, i + 1, i, published)
    if (
        nxt is not None
        and nxt[KEY].startswith("ال")
        and nxt[KEY] not in FUNCTION_WORDS
        and _spaced(text, tokens[i], nxt)
    ):
        return None  # «اليوم الوطني», «اليوم التالي»: not today
    value = published.isoformat() if published else None
    return _counted(_slot(text, tokens, i, i + 1, value, "day", True)), i + 1


def _counted_day(text: str, tokens: list[Token], i: int, published: date | None) -> tuple[DateSlot, int]:
    """«أمس», «أول أمس», «أول من أمس», «أمس الأول», «غدا», "yesterday"; a weekday named after it
    («أمس الأحد») wins over the count, as after «اليوم»."""
    key = tokens[i][KEY]
    offset = -1 if key in _YESTERDAY else 1
    start, end = i, i + 1
    before = [tok[KEY] for tok in tokens[max(0, i - 2) : i]]
    if key == "امس" and before[-1:] and before[-1] in ("اول", "واول"):
        start, offset = i - 1, -2  # «أول أمس»
    elif key == "امس" and before[-2:] in (["اول", "من"], ["واول", "من"]):
        start, offset = i - 2, -2  # «أول من أمس»
    elif key in _YESTERDAY and _followed_by(text, tokens, i, "الاول"):
        end, offset = i + 2, -2  # «أمس الأول»
    weekday = _weekday_after(text, tokens, end)
    if weekday is not None:
        named = None
        if published is not None:
            counted = published + timedelta(days=offset)
            named = (counted + timedelta(days=_named_shift(weekday, counted))).isoformat()
        return _slot(text, tokens, start, end + 1, named, "day", True), end + 1
    value = (published + timedelta(days=offset)).isoformat() if published else None
    return _counted(_slot(text, tokens, start, end, value, "day", True)), end


def _weekday_after(text: str, tokens: list[Token], j: int) -> int | None:
    """The weekday right after a day word («أمس الأحد», «اليوم (الاثنين)»), if one is named there."""
    if j >= len(tokens) or tokens[j][KEY] not in WEEKDAYS or tokens[j][RAW].isascii():
        return None
    between = text[tokens[j - 1][END] : tokens[j][START]]
    return WEEKDAYS[tokens[j][KEY]] if len(between) <= 3 and not between.strip(" (،,") else None


def _followed_by(text: str, tokens: list[Token], i: int, key: str) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1][KEY] == key and _spaced(text, tokens[i], tokens[i + 1])


def _counted(slot: DateSlot) -> DateSlot:
    """The same day, marked as counted from the publication date («اليوم», «أمس», "today")."""
    return DateSlot(slot.surface, slot.value, slot.precision, slot.start, slot.end, slot.relative, True)


def _period(
    text: str, tokens: list[Token], i: int, j: int, precision: str, qualifier: str, published: date | None
) -> tuple[DateSlot, int]:
    if published is None:
        return _slot(text, tokens, i, j, None, precision, True), j
    step = {"past": -1, "current": 0, "next": 1}[qualifier]
    if precision == "year":
        return _slot(text, tokens, i, j, str(published.year + step), "year", True), j
    month_index = published.year * 12 + published.month - 1 + step
    value = f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return _slot(text, tokens, i, j, value, "month", True), j

"""Number slots: digits in any script and word numerals («الدول الخمس» = 5, «مرتين» = 2, "three times").

Scale words stand alone too: «ألف وردة» is 1000 and "a million" 10**6. Vague amounts become ranges
(``NumberSlot.upper``): «عشرات» 20–99, «مئات» 200–999, «آلاف» and "thousands" 2000–9999, and
«عشرات الآلاف» / "tens of thousands" 20,000–99,999.
"""

from __future__ import annotations

from functools import partial

from factcheck.extraction.lexicon import (
    END,
    FUNCTION_WORDS,
    IS_NUM,
    KEY,
    NUMBER,
    RAW,
    START,
    VARIANTS,
    Token,
    flagged,
    register,
    scan,
)
from factcheck.model import NumberSlot
from factcheck.text.compass import COMPASS_WORDS

__all__ = ["find_numbers"]

_UNITS_AR: dict[str, int] = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
    "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip
_TENS_AR: dict[str, int] = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50,
    "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90, "ميه": 100, "مايه": 100, "ميتان": 200, "ميتين": 200, "مايتان": 200,
    "مايتين": 200, "ثلاثميه": 300, "ثلاثمايه": 300, "اربعميه": 400, "اربعمايه": 400, "خمسميه": 500,
    "خمسمايه": 500, "ستميه": 600, "ستمايه": 600, "سبعميه": 700, "سبعمايه": 700, "ثمانميه": 800,
    "ثمانمايه": 800, "تسعميه": 900, "تسعمايه": 900,
}  # fmt: skip
_MULTIPLIERS: dict[str, int] = {
    "الف": 1000, "الاف": 1000, "الوف": 1000, "مليون": 10**6, "ملايين": 10**6, "مليونا": 10**6,
    "مليار": 10**9, "مليارات": 10**9, "بليون": 10**9, "thousand": 1000, "million": 10**6,
    "billion": 10**9, "thousands": 1000, "millions": 10**6, "billions": 10**9,
}  # fmt: skip
# Duals that state a count: «مرتين» is twice. Anaphoric duals («الجانبين», «البلدين») are left out.
_DUALS: dict[str, str] = {
    "مرتين": "مرة", "مرتان": "مرة", "يومين": "يوم", "يومان": "يوم", "شهرين": "شهر", "شهران": "شهر",
    "عامين": "عام", "عامان": "عام", "سنتين": "سنة", "سنتان": "سنة", "اسبوعين": "أسبوع",
    "اسبوعان": "أسبوع", "ساعتين": "ساعة", "ساعتان": "ساعة", "الفين": "", "الفان": "",
}  # fmt: skip
_DUAL_VALUES = {"الفين": 2000, "الفان": 2000}
_EN_UNITS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_EN_TIMES = {"twice": 2, "thrice": 3}
# Scale words alone: «ألف وردة», "a million people".
_SCALE_ALONE: dict[str, int] = {"الف": 1000, "مليون": 10**6, "مليار": 10**9, "بليون": 10**9,
                                "thousand": 1000, "million": 10**6, "billion": 10**9}  # fmt: skip
# Vague amounts as (least, most); a scale plural after them multiplies both («عشرات الآلاف»).
_VAGUE: dict[str, tuple[int, int]] = {
    "عشرات": (20, 99), "مئات": (200, 999), "ميات": (200, 999), "مايات": (200, 999), "الاف": (2000, 9999),
    "الوف": (2000, 9999), "ملايين": (2 * 10**6, 10**7 - 1), "مليارات": (2 * 10**9, 10**10 - 1),
    "dozens": (24, 99), "tens": (20, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "millions": (2 * 10**6, 10**7 - 1), "billions": (2 * 10**9, 10**10 - 1),
}  # fmt: skip
_VAGUE.update({"ال" + word: bounds for word, bounds in _VAGUE.items() if not word.isascii()})
_SCALES: dict[str, int] = {"الاف": 1000, "الالاف": 1000, "الوف": 1000, "ملايين": 10**6, "الملايين": 10**6,
                           "thousands": 1000, "millions": 10**6, "billions": 10**9}  # fmt: skip


def _vocabulary() -> frozenset[str]:
    words = set(_UNITS_AR) | set(_TENS_AR) | set(_DUALS) | set(_EN_UNITS) | set(_EN_TIMES) | set(_SCALE_ALONE)
    words.update(_VAGUE)
    words.update("ال" + unit for unit in _UNITS_AR)
    return frozenset(words)


register(NUMBER, _vocabulary)
_PERCENT_WORDS = frozenset({"بالميه", "بالمايه", "percent", "pct"})
_IN_HUNDRED = frozenset({"الميه", "المايه"})  # after «في»
# A day of a Hijri month («10 شوال», «10 ذي القعدة») or a Hijri year («1436هـ») is a date, not a count.
_HIJRI_MONTHS = frozenset({"محرم", "صفر", "ربيع", "جمادي", "جمادى", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي"})
_HIJRI_YEAR = frozenset({"ه", "هـ"})
_CLOCK = frozenset({"الساعه", "ساعه"})
# A distance with a compass word after it says where («118 كم غرب بغداد»), not how much.
_DISTANCES = frozenset(
    {"كم", "كلم", "كيلومتر", "كيلومترا", "كيلومترات", "ميل", "km", "kilometres", "kilometers", "miles"}
)


def find_numbers(
    text: str, tokens: list[Token], skip: set[int], candidates: list[int] | None = None
) -> list[NumberSlot]:
    """Numbers of one sentence; tokens in ``skip`` (dates) are not numbers."""
    candidates = flagged(tokens) if candidates is None else candidates
    found = scan(tokens, candidates, NUMBER, partial(_number_at, text, tokens, skip=skip), skip)
    return [slot for slot, _, _ in found]


def _digits_value(key: str) -> float | None:
    """The value of written digits. A dot groups thousands where a decimal reading is implausible:
    «1.250.000» (two dots, groups of three) and «30.000» (three zero decimals): papers that print
    «30 ألف» also print «30.000» for thirty thousand."""
    if "." in key and "," not in key:
        head, *groups = key.split(".")
        if all(len(g) == 3 for g in groups) and (len(groups) > 1 or groups[0] == "000"):
            key = head + "".join(groups)
    if "," in key:
        head, *groups = key.split(",")
        key = head + "".join(groups) if all(len(g) == 3 for g in groups) else key.replace(",", ".", 1)
    try:
        return float(key)
    except ValueError:
        return None


def _unit_after(text: str, tokens: list[Token], j: int, skip: set[int]) -> str | None:
    if j >= len(tokens) or j in skip:
        return None
    between = text[tokens[j - 1][END] : tokens[j][START]]
    if "%" in between or "٪" in between:
        return "%"
    if not between.isspace() or len(between) > 2:
        return None
    tok = tokens[j]
    if tok[IS_NUM] or tok[KEY] in FUNCTION_WORDS:
        return None
    if tok[KEY] in _PERCENT_WORDS:
        return "%"
    return tok[RAW]


def _number_at(text: str, tokens: list[Token], i: int, skip: set[int]) -> tuple[NumberSlot, int] | None:
    tok = tokens[i]
    if tok[IS_NUM]:
        if _is_time_or_score(text, tokens, i) or _is_date_or_place(tokens, i) or _on_the_clock(tokens, i):
            return None
        decimal = _ra_decimal(text, tokens, i)
        if decimal is not None:
            return _finish(text, tokens, i, i + 3, decimal, skip)
        value = _digits_value(tok[KEY])
        if value is None:
            return None
        return _finish(text, tokens, i, i + 1, value, skip)
    base = next((b for _, b in tok[VARIANTS] if b in _VAGUE or b in _SCALE_ALONE), None)
    if base is not None:
        return _scale_word(text, tokens, i, base, skip)
    if tok[RAW].isascii():
        return _english(text, tokens, i, skip)
    return _arabic(text, tokens, i, skip)


def _scale_word(text: str, tokens: list[Token], i: int, base: str, skip: set[int]) -> tuple[NumberSlot, int] | None:
    """«ألف وردة» = 1000, «عشرات الآلاف» = 20,000–99,999, "hundreds of people" = 200–999."""
    j = i + 1
    if base in _SCALE_ALONE:
        low, high = _SCALE_ALONE[base], None
    else:
        low, most = _VAGUE[base]
        high = float(most)
        if j + 1 < len(tokens) and tokens[j][KEY] == "of" and tokens[j + 1][KEY] in _SCALES:
            j += 1  # "tens of thousands"
        if j < len(tokens) and j not in skip and tokens[j][KEY] in _SCALES and _near(text, tokens, j):
            scale = _SCALES[tokens[j][KEY]]
            low, high = low * scale, (most + 1) * scale - 1
            j += 1
    k = j + 1 if j < len(tokens) and tokens[j][KEY] in ("of", "من") else j  # "hundreds of people"
    unit = _unit_after(text, tokens, k, skip) if k < len(tokens) and _near(text, tokens, k) else None
    if (
        unit is None
        and base in ("thousand", "million", "billion")
        and (i == 0 or tokens[i - 1][KEY] not in ("a", "one"))
    ):
        return None  # a bare "thousand" with no count before it and nothing counted after it
    start, end = tokens[i][START], tokens[j - 1][END]
    return NumberSlot(text[start:end], float(low), unit, start, end, None if high is None else float(high)), j


def _is_date_or_place(tokens: list[Token], i: int) -> bool:
    """«10 شوال», «1436هـ», «118 كم غرب بغداد»: a Hijri date or a distance that places something."""
    after = tokens[i + 1][KEY] if i + 1 < len(tokens) else ""
    if after in _HIJRI_MONTHS or after in _HIJRI_YEAR:
        return True
    return after in _DISTANCES and i + 2 < len(tokens) and tokens[i + 2][KEY] in COMPASS_WORDS


def _on_the_clock(tokens: list[Token], i: int) -> bool:
    """«الساعة 9», «الساعة 47ر09» (09:47, the hour read after its minutes): a time of day."""
    if i >= 1 and tokens[i - 1][KEY] in _CLOCK:
        return True
    return i >= 3 and tokens[i - 1][RAW] == "ر" and tokens[i - 2][IS_NUM] and tokens[i - 3][KEY] in _CLOCK


def _ra_decimal(text: str, tokens: list[Token], i: int) -> float | None:
    """«6ر1 مليون» as some Saudi papers print 1.6 million: «ر» is the decimal comma, and the digits
    either side are stored in the order they are read right to left (fraction first)."""
    if i + 2 >= len(tokens) or tokens[i + 1][RAW] != "ر" or not tokens[i + 2][IS_NUM]:
        return None
    if text[tokens[i][END] : tokens[i + 2][START]] != "ر":
        return None
    return _digits_value(f"{tokens[i + 2][KEY]}.{tokens[i][KEY]}")


def _is_time_or_score(text: str, tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    after = text[tok[END] : tok[END] + 1]
    before = text[tok[START] - 1 : tok[START]] if tok[START] else ""
    return after in (":", "/") or before in (":", "/")


def _finish(text: str, tokens: list[Token], i: int, j: int, value: float, skip: set[int]) -> tuple[NumberSlot, int]:
    if j < len(tokens) and j not in skip and tokens[j][KEY] in _MULTIPLIERS and _near(text, tokens, j, ")"):
        value *= _MULTIPLIERS[tokens[j][KEY]]
        j += 1
    unit = _unit_after(text, tokens, j, skip)
    if j < len(tokens) and unit == "%" and tokens[j][KEY] in _PERCENT_WORDS:
        j += 1
    elif unit is None and _in_hundred(text, tokens, j):
        unit, j = "%", j + 2
    elif unit is not None and j + 1 < len(tokens) and _near(text, tokens, j + 1):
        two = (tokens[j][KEY], tokens[j + 1][KEY])
        if two == ("per", "cent"):  # "4 per cent"
            unit, j = "%", j + 2
        elif two in (("percentage", "point"), ("percentage", "points")):  # not a percentage itself
            unit, j = "percentage points", j + 2
    start, end = tokens[i][START], tokens[j - 1][END]
    return NumberSlot(text[start:end], value, unit, start, end), j


def _in_hundred(text: str, tokens: list[Token], j: int) -> bool:
    """«2.5 في المئة» / «في المائة»: the usual way Arabic news writes a percentage."""
    return (
        j + 1 < len(tokens)
        and tokens[j][KEY] == "في"
        and tokens[j + 1][KEY] in _IN_HUNDRED
        and _near(text, tokens, j)
        and _near(text, tokens, j + 1)
    )


def _near(text: str, tokens: list[Token], j: int, closing: str = "") -> bool:
    """Whether token ``j`` follows the one before it after a space (and ``closing``: «(69) مليون»)."""
    between = text[tokens[j - 1][END] : tokens[j][START]]
    if closing and between.startswith(closing):
        between = between[len(closing) :]
    return between.isspace() and len(between) <= 2


def _arabic(text: str, tokens: list[Token], i: int, skip: set[int]) -> tuple[NumberSlot, int] | None:
    tok = tokens[i]
    key = tok[KEY]
    if key in _DUALS:
        value = float(_DUAL_VALUES.get(key, 2))
        unit = _DUALS[key] or None
        return NumberSlot(tok[RAW], value, unit, tok[START], tok[END]), i + 1
    definite = key.startswith("ال") and key[2:] in _UNITS_AR
    if definite:
        # «الدول الخمس»: a definite numeral after a definite noun counts that noun.
        prev = tokens[i - 1] if i > 0 else None
        if prev is None or not prev[KEY].startswith("ال") or prev[KEY] in FUNCTION_WORDS or not _near(text, tokens, i):
            return None
        value = _UNITS_AR[key[2:]]
        return NumberSlot(tok[RAW], float(value), prev[RAW], tok[START], tok[END]), i + 1
    base = next((b for _, b in tok[VARIANTS] if b in _UNITS_AR or b in _TENS_AR), None)
    if base is None or (base != key and not key.startswith("و")):
        return None
    value = _UNITS_AR.get(base) or _TENS_AR[base]
    j = i + 1
    # «ثلاثة عشر» = 13, «خمسة وعشرون» = 25
    if j < len(tokens) and _near(text, tokens, j) and base in _UNITS_AR:
        nxt = tokens[j][KEY]
        if nxt in ("عشر", "عشره") and value < 10:
            value += 10
            j += 1
        elif nxt.startswith("و") and nxt[1:] in _TENS_AR:
            value += _TENS_AR[nxt[1:]]
            j += 1
    if j >= len(tokens) or not _near(text, tokens, j):
        return None  # a numeral word counts the noun that follows it
    nxt_tok = tokens[j]
    if nxt_tok[IS_NUM] or nxt_tok[KEY] in FUNCTION_WORDS or j in skip:
        return None
    return _finish(text, tokens, i, j, float(value), skip)


def _english(text: str, tokens: list[Token], i: int, skip: set[int]) -> tuple[NumberSlot, int] | None:
    tok = tokens[i]
    key = tok[KEY]
    if key in _EN_TIMES:
        return NumberSlot(tok[RAW], float(_EN_TIMES[key]), "times", tok[START], tok[END]), i + 1
    if key not in _EN_UNITS:
        return None
    value = _EN_UNITS[key]
    j = i + 1
    compound = j < len(tokens) and key.endswith("ty") and text[tokens[i][END] : tokens[j][START]] == "-"
    if compound and tokens[j][KEY] in _EN_UNITS and _EN_UNITS[tokens[j][KEY]] < 10:
        value += _EN_UNITS[tokens[j][KEY]]  # "twenty-five"
        j += 1
    if j >= len(tokens) or (tokens[j][KEY] in FUNCTION_WORDS and tokens[j][KEY] not in ("times",)):
        return None
    return _finish(text, tokens, i, j, float(value), skip)

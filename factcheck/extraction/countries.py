"""Country names: CLDR (through babel) in Arabic and English, plus aliases and demonyms.

Built once on first use (babel's locale data loads in a few milliseconds), never at import time.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["COUNTRY_ALIASES", "country_names", "demonyms"]

_SKIP_CODES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA", "CQ", "XA", "XB"})
# Country names that are ordinary words in the text: «مالي» is "financial", «بنين» "sons".
_NAME_STOPLIST = frozenset({"مالي", "بنين", "الجبل الأسود", "Jersey", "Guernsey", "Chad", "Man"})
_PAREN_RE = re.compile(r"\s*\(.*?\)")

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "SY": ("سورية", "الجمهورية العربية السورية", "Syrian Arab Republic"),
    "TR": ("تركيا", "تركيّا", "الجمهورية التركية", "Turkey", "Turkiye", "Türkiye"),
    "PS": ("فلسطين", "دولة فلسطين", "Palestine"),
    "US": (
        "أمريكا",
        "أميركا",
        "الولايات المتحدة الأمريكية",
        "الولايات المتحدة الأميركية",
        "America",
        "USA",
        "US",
    ),
    "GB": ("بريطانيا", "Britain", "Great Britain", "UK"),
    "SA": ("السعودية", "Saudi"),
    "AE": ("الإمارات", "UAE", "Emirates"),
    "IL": ("اسرائيل",),
    "IR": ("ايران", "Persia"),
    "RU": ("روسيا الاتحادية", "Russian Federation"),
    "OM": ("سلطنة عمان", "عمان"),
    "DE": ("المانيا",),
    "CZ": ("Czech Republic",),
    "CI": ("Ivory Coast",),
    "MM": ("Burma",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "CD": ("الكونغو الديمقراطية", "DR Congo"),
}

# Nisba stems (folded, without ال): «سوري» → «السوري», «السورية», «السوريين», «سوريون» …
_ARABIC_NISBA: dict[str, tuple[str, ...]] = {
    "SY": ("سوري",),
    "TR": ("تركي",),
    "IQ": ("عراقي",),
    "JO": ("اردني",),
    "LB": ("لبناني",),
    "EG": ("مصري",),
    "SA": ("سعودي",),
    "AE": ("اماراتي",),
    "QA": ("قطري",),
    "KW": ("كويتي",),
    "BH": ("بحريني",),
    "OM": ("عماني",),
    "YE": ("يمني",),
    "LY": ("ليبي",),
    "TN": ("تونسي",),
    "DZ": ("جزايري",),
    "MA": ("مغربي",),
    "SD": ("سوداني",),
    "PS": ("فلسطيني",),
    "IL": ("اسراييلي",),
    "IR": ("ايراني",),
    "RU": ("روسي",),
    "US": ("امريكي", "اميركي"),
    "GB": ("بريطاني",),
    "FR": ("فرنسي",),
    "DE": ("الماني",),
    "CN": ("صيني",),
    "UA": ("اوكراني",),
    "CY": ("قبرصي",),
    "GR": ("يوناني",),
    "IT": ("ايطالي",),
    "ES": ("اسباني",),
    "JP": ("ياباني",),
    "IN": ("هندي",),
    "PK": ("باكستاني",),
    "AF": ("افغاني",),
    "MR": ("موريتاني",),
    "SO": ("صومالي",),
    "AZ": ("اذربيجاني",),
}
_ARABIC_PLURALS: dict[str, str] = {"اتراك": "TR", "الاتراك": "TR", "روس": "RU", "الروس": "RU"}
_ENGLISH_DEMONYMS: dict[str, str] = {
    "syrian": "SY",
    "syrians": "SY",
    "turkish": "TR",
    "turks": "TR",
    "iraqi": "IQ",
    "jordanian": "JO",
    "lebanese": "LB",
    "egyptian": "EG",
    "saudi": "SA",
    "emirati": "AE",
    "qatari": "QA",
    "kuwaiti": "KW",
    "bahraini": "BH",
    "omani": "OM",
    "yemeni": "YE",
    "libyan": "LY",
    "tunisian": "TN",
    "algerian": "DZ",
    "moroccan": "MA",
    "sudanese": "SD",
    "palestinian": "PS",
    "israeli": "IL",
    "iranian": "IR",
    "russian": "RU",
    "american": "US",
    "british": "GB",
    "french": "FR",
    "german": "DE",
    "chinese": "CN",
    "ukrainian": "UA",
    "cypriot": "CY",
    "greek": "GR",
    "italian": "IT",
    "spanish": "ES",
    "japanese": "JP",
    "indian": "IN",
    "pakistani": "PK",
    "afghan": "AF",
}


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, str]]:
    """Surface name (as written) → (alpha-2, English name) for every country, both languages."""
    from babel import Locale

    english = Locale("en").territories
    arabic = Locale("ar").territories
    out: dict[str, tuple[str, str]] = {}
    for code, en_name in english.items():
        if len(code) != 2 or not code.isalpha() or code in _SKIP_CODES:
            continue
        for name in (en_name, arabic.get(code)):
            if not name or name in _NAME_STOPLIST or " - " in name:
                continue
            out[_PAREN_RE.sub("", name).replace("&", "and")] = (code, en_name)
    for code, aliases in COUNTRY_ALIASES.items():
        en_name = english.get(code, code)
        for alias in aliases:
            out[alias] = (code, en_name)
    return out


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded adjective or demonym form → alpha-2 («التركية» → TR, "Syrian" → SY)."""
    out: dict[str, str] = dict(_ARABIC_PLURALS)
    for code, stems in _ARABIC_NISBA.items():
        for stem in stems:
            for suffix in ("", "ه", "ين", "ون", "ان", "تين", "تان"):
                form = stem + suffix
                out[form] = code
                out["ال" + form] = code
    out.update(_ENGLISH_DEMONYMS)
    return out

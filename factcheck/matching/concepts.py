"""A small bilingual lexicon of event words and counted nouns.

Cross-lingual claims share no words, but they share what happened (a visit, a meeting, an agreement)
and what was counted (countries, times). Each concept is a regular expression over normalised words
(``normalize_for_matching`` forms) of both languages, matched against the whole word and the word
without Arabic clitics («والاتفاق» → «اتفاق»), so «وزارة» is never read as «زار» (visited).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from factcheck.text.normalize import matching_words

__all__ = ["DESCRIPTOR_CONCEPTS", "EVENT_CONCEPTS", "STOP_WORDS", "concepts_of", "unit_concept", "word_variants"]

_PREFIX_RE = re.compile(r"^(?:[وف]?(?:[بلك]?ال|لل)|[وفبلك])(?=\w{2,})")

# Event types: sharing one is evidence that two claims report the same happening.
_EVENTS: dict[str, str] = {
    "meeting": r"اجتماع\w*|اجتمع\w*|لقاء|لقاءات|التق\w+|يلتقي|مباحثات|meet|meets|meeting|meetings|met|talks",
    "visit": r"زار|زارت|زاروا|يزور|تزور|زيار\w*|visit\w*",
    "agreement": r"اتفاق\w*|اتفق\w*|يتفق\w*|تتفق\w*|توافق\w*|agree\w*|deal",
    "establish": r"انشاء|انشا\w*|تاسيس|تؤسس\w*|يؤسس\w*|establish\w*|founded|launch\w*",
    "reception": r"استقبل\w*|يستقبل\w*|استقبال|receiv\w*|hosted|hosts|host",
    "attack": r"هجوم\w*|هاجم\w*|قصف\w*|غاره|غارات|attack\w*|strike|strikes|shelling|bomb\w*",
    "death": r"قتل\w*|مقتل|قتيل|قتلى|killed|killing|dead|died",
    "thanks": r"شكر\w*|تقدير\w*|thank\w*|gratitude",
    "election": r"انتخاب\w*|elect\w*",
}
# Descriptors: weaker, they only add to agreement.
_DESCRIPTORS: dict[str, str] = {
    "delegation": r"وفد|وفدا|وفود|delegation\w*",
    "minister": r"وزير|وزيرا|وزراء|وزاري|وزاريا|وزاريه|minister\w*",
    "defence": r"دفاع\w*|defen[cs]e",
    "military": r"عسكري\w*|جيش|جيوش|جيشين|military|army|armies",
    "support": r"دعم|support\w*|backing",
    "intelligence": r"استخبار\w*|intelligence",
    "foreign": r"خارجيه|foreign",
    "centre": r"مركز|centre|center",
    "operations": r"عمليات|operations",
    "terrorism": r"ارهاب\w*|terror\w*",
}
_UNITS: dict[str, str] = {
    "times": r"مره|مرات|مرتين|مرتان|times|time|twice|once",
    "countries": r"دول|دوله|دولتين|دولتان|بلدان|بلدين|states|state|countries|country|nations|nation",
    "people": r"اشخاص|شخص|شخصا|افراد|مواطن\w*|people|persons|person",
    "deaths": r"قتيل|قتيلا|قتلى|killed|dead|deaths",
    "visits": r"زيار\w*|visits",
}

EVENT_CONCEPTS = frozenset(_EVENTS)
DESCRIPTOR_CONCEPTS = frozenset(_DESCRIPTORS)
# Left out of fuzzy text scores: function words, and month names (dates are compared as slots).
# Folded like the words they are compared with («على» → «علي», «التي» → «تي»).
_STOP_WORDS_TEXT = """the a an of on in at to for with and or by from as is was were be been has have had its it this
    that these those said says say also after before about into over than their his her they he she will
    would which who while there then
    في من على الى إلى عن أن ان إن مع هذا هذه ذلك تلك التي الذي الذين كان كانت قد تم يتم تتم بين حيث كما أو
    ثم لقد وقد وكان يوم هو هي
    january february march april may june july august september october november december
    يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان
    ايار حزيران تموز ايلول تشرين"""
STOP_WORDS = frozenset(matching_words(_STOP_WORDS_TEXT))
# One alternation per table: a word costs one regex call, and words repeat, so results are cached.
_CONCEPT_RE = re.compile("|".join(f"(?P<{n}>{p})" for n, p in {**_EVENTS, **_DESCRIPTORS}.items()))
_UNIT_RE = re.compile("|".join(f"(?P<{n}>{p})" for n, p in _UNITS.items()))


def word_variants(word: str) -> tuple[str, ...]:
    """The word and, for Arabic, the word without its leading clitics and article."""
    stripped = _PREFIX_RE.sub("", word)
    return (word, stripped) if stripped != word else (word,)


@lru_cache(maxsize=200_000)
def _concept(word: str) -> str | None:
    for variant in word_variants(word):
        match = _CONCEPT_RE.fullmatch(variant)
        if match:
            return match.lastgroup
    return None


def concepts_of(words: Iterable[str]) -> frozenset[str]:
    """Concept names found among normalised ``words``."""
    return frozenset(filter(None, map(_concept, words)))


def unit_concept(words: Iterable[str]) -> str | None:
    """What a number counts ("times", "countries" …) from normalised unit or surface words."""
    for word in words:
        for variant in word_variants(word):
            match = _UNIT_RE.fullmatch(variant)
            if match:
                return match.lastgroup
    return None

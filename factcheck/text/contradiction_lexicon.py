"""The contradiction lexicon (``data/contradiction_lexicon.json``) read once, as stemmed lookups.

The words are data so that a reviewer or linguist can grow them without reading code: negation
cues, pairs of opposite predicates (two sides of one scale, in Arabic and English), and word
numerals that name a range. Each listed word is folded like the text it is compared with
(``matching_words``) and stemmed (``stem_word``), so «يرتفع», «ارتفاعاً» and "rising" meet their
listed forms whatever their diacritics or clitics.

It lives with the text tools because two layers read it: the contradiction checks, and matching,
which aligns a word with its opposite and leaves a negation out when it compares two claims
(``factcheck.matching.polar_terms``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from factcheck.text.normalize import matching_words
from factcheck.text.terms import stem_word

__all__ = ["Lexicon", "Opposites", "fold", "lexicon", "lexicon_data"]


@lru_cache(maxsize=50_000)  # every text a contradiction check reads folds its words: most recur
def fold(word: str) -> str:
    """One word as the lexicon keys it: folded (alef forms, ta marbuta, the article), lowercase."""
    folded = matching_words(word)
    return folded[0] if len(folded) == 1 else "".join(folded)


@dataclass(frozen=True, slots=True)
class Opposites:
    """Two sides of one scale ("rise/fall"); each side as folded words and their stems."""

    name: str
    a: frozenset[str]
    b: frozenset[str]

    def side(self, folded: str, stem: str) -> str:
        """ "a", "b" or "" for a word given folded and stemmed."""
        if folded in self.a or stem in self.a:
            return "a"
        if folded in self.b or stem in self.b:
            return "b"
        return ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    negation_cues: frozenset[str]
    fillers: frozenset[str]  # words of a negation phrase that say nothing themselves («لا يوجد», "there is no")
    surface_cues: dict[str, str]  # cues compared as written (folded, «ألا» would be «إلا»: except) → base cue
    denials: frozenset[str]  # verbs that deny without a cue: «رفض أن تكون» says what «نفى أن تكون» says
    denial_answers: frozenset[str]  # a denial before one of these answers a report («يرفض اتهامات»)
    identifiers: frozenset[str]  # a number after one of these is a code, not a quantity («بالرمز 153»)
    equivalents: dict[str, str]  # folded word or stem → its group's one term («قتلى», «ضحايا» → casualties)
    not_after: dict[str, frozenset[str]]  # a cue followed by one of these does not negate («لا سيما»)
    not_before_definite: frozenset[str]  # cues that make a noun of a definite word («غير المسلمين»)
    dialect_cue: str  # a word that negates only before one of dialect_followed_by («ما فيه»)
    dialect_followed_by: frozenset[str]
    dialect_not_after: frozenset[str]  # ... and not after one of these («على ما فيه مصلحة»)
    moment_before: frozenset[str]  # an opposite word after one of these is a time («عند الإغلاق»)
    bound_phrases: frozenset[tuple[str, str]]  # «على الأقل»: a bound, not a direction
    undoing_verbs: frozenset[str]  # «يعوض خسائره»: the fall word after one of these is undone
    opposites: tuple[Opposites, ...]
    number_ranges: dict[str, tuple[float, float]]  # folded word numeral → (low, high)
    opposite_words: frozenset[str]  # every folded word and stem of every side: a quick pre-check


def _keys(words: list[str]) -> frozenset[str]:
    """Folded words, and their stems where a stem is safe to compare: four letters or more, or the
    listed word itself. Shorter stems of longer words collide («لأدنى» → «لاد» as in «البلاد»,
    «هوى» → «هو», «قبلت» → «قبل», before)."""
    folded = {fold(w) for w in words}
    stems = {stem for w in folded if w and ((stem := stem_word(w)) == w or len(stem) >= 4)}
    return frozenset(folded | stems)


@cache
def lexicon_data() -> dict[str, Any]:
    """The lexicon file as written (read once per process), for the sections other modules read."""
    data: dict[str, Any] = json.loads(
        (files("factcheck.data") / "contradiction_lexicon.json").read_text(encoding="utf-8")
    )
    return data


@cache
def lexicon() -> Lexicon:
    """The lexicon shipped with the package (read once per process)."""
    data = lexicon_data()
    negation = data["negation"]
    dialect = negation["dialect_cue"]
    opposites = tuple(Opposites(o["name"], _keys(o["a"]), _keys(o["b"])) for o in data["opposites"])
    ranges = {fold(k): (float(v[0]), float(v[1])) for k, v in data["number_ranges"].items() if k != "about"}
    return Lexicon(
        negation_cues=frozenset(fold(w) for w in negation["cues"]),
        fillers=_keys(negation["fillers"]),
        surface_cues=dict(negation["surface_cues"]),
        denials=_keys(negation["denials"]),
        denial_answers=_keys(negation["denial_answers"]["words"]),
        identifiers=_keys(data["identifiers"]["words"]),
        equivalents={
            key: f"={name}" for name, words in negation["equivalents"]["groups"].items() for key in _keys(words)
        },
        not_before_definite=frozenset(fold(w) for w in negation["not_before_definite"]),
        dialect_cue=fold(dialect["cue"]),
        dialect_followed_by=frozenset(fold(w) for w in dialect["followed_by"]),
        dialect_not_after=frozenset(fold(w) for w in dialect["not_after"]),
        moment_before=frozenset(fold(w) for w in negation["moment_before"]["words"]),
        bound_phrases=frozenset((fold(a), fold(b)) for a, b in negation["bound_phrases"]["pairs"]),
        undoing_verbs=frozenset(fold(w) for w in negation["undoing_verbs"]["words"]),
        not_after={fold(k): frozenset(fold(w) for w in v) for k, v in negation["not_after"].items()},
        opposites=opposites,
        number_ranges=ranges,
        opposite_words=frozenset(w for o in opposites for w in o.a | o.b),
    )

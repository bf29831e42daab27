"""Two statements laid side by side: which words they share, which negation or opposite sets them apart.

A contradiction of polarity is one statement said twice with one change: a negation added or
removed, or one word replaced by its opposite, while the rest agrees. So each text is read once into
its words (surface, folded and stemmed), its negation cues and its words from the opposites lexicon;
a pair then compares sets. "The rest agrees" means most content terms are shared, and the change
sits beside shared words (its *scope*): "prices rose … talks stopped" against "prices fell … talks
continued" compares the verbs where they stand, not two antonyms anywhere in the texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz

from factcheck.quick_init import quick_init
from factcheck.text.contradiction_lexicon import Lexicon, Opposites, fold, lexicon
from factcheck.text.normalize import strip_harakat
from factcheck.text.terms import STOP_WORDS, stem_word

__all__ = ["Reading", "Shared", "group_words", "in_scope", "near", "read", "shared_terms"]

# Words with their diacritics and tatweel (``\w`` alone would split «مُرتفِع»); "isn't" is two words.
_WORD_RE = re.compile(r"[\w\u064b-\u0652\u0670\u0640]+")
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
# Mojibake: Latin letters glued to Arabic ones («åيكون» where a paper's encoding ate «أنه لن»), or the
# replacement character. Words may be missing from such a text, a negation among them.
_DAMAGED_RE = re.compile("[\u00c0-\u024f][\u0600-\u06ff]|[\u0600-\u06ff][\u00c0-\u024f]|\ufffd")
# Scripture or verse quoted in a sentence is written vowelled; its «لَا» answers or prays, and it is not
# the news the sentence reports («قَالَتْ: لَا كَانَ عَمَلُهُ دِيمَةً»). This many vowelled words make a quotation.
_HARAKAT_RE = re.compile("[\u064b-\u0652]")
VERSE_WORDS = 3
# What the Arabic stemmer may leave on a word, once alef is dropped (``_skeleton``): «يـ/تـ» of the
# present tense, fused prepositions, the dual and plural endings, pronoun suffixes.
_PREFIXES = frozenset({"ي", "ت", "ن", "ل", "ب", "و", "ف", "ك", "س", "يت", "تت", "لل", "بل"})
_SUFFIXES = frozenset({"ه", "ن", "ين", "ون", "ت", "ي", "هم", "و", "تن"})
SCOPE = 3  # content terms either side of a change that must include a shared one
# Arabic stems of one word still differ by prefixes and broken plurals («يلعب»/«تلعب», «كلب»/«كلاب»,
# «امرأة»/«المرأة»): two terms this close, or one inside the other, count as shared.
NEAR_TERM_RATIO = 85.0


@quick_init
@dataclass(frozen=True, slots=True)
class Reading:
    """One text as the polarity checks see it; positions index ``surfaces``."""

    surfaces: tuple[str, ...]  # the words as written
    stems: tuple[str, ...]  # stem per word; "" for stop words, cues and one-letter words
    cues: tuple[int, ...]  # positions of negation cues
    poles: tuple[tuple[int, str, int], ...]  # (opposites group index, side "a"/"b", position)
    denials: tuple[int, ...] = ()  # positions of denying verbs («رفض», "refused"): a no without a cue
    damaged: bool = False  # mojibake in the text: what it negates cannot be read (``_DAMAGED_RE``)
    verse: bool = False  # quotes vowelled scripture or verse (``VERSE_WORDS``): its polarity is not the news
    moments: frozenset[tuple[int, str]] = frozenset()  # (group, side) of opposite words naming a time
    content: frozenset[str] = frozenset()  # the distinct stems: read by every pair the text meets, made once

    @property
    def denies(self) -> bool:
        return bool(self.denials)

    def other_moment(self, other: Reading) -> bool:
        """Whether the two texts name two moments of one scale («عند الفتح» / «عند الإغلاق»)."""
        return any((g, "b" if side == "a" else "a") in other.moments for g, side in self.moments)

    def sides(self, group: int) -> set[str]:
        return {side for g, side, _ in self.poles if g == group}


def _strip_conjunction(word: str, cues: frozenset[str]) -> str:
    """«ولم» → «لم», «فلا» → «لا»: a fused conjunction does not hide a cue."""
    return word[1:] if word[:1] in "وف" and word[1:] in cues else word


def _is_dialect_cue(lex: Lexicon, folded: list[str], i: int) -> bool:
    """«ما فيه مستشفى» (there is no hospital), but not «على ما فيه مصلحة» (what is in the interest)."""
    if folded[i] != lex.dialect_cue or i + 1 >= len(folded) or folded[i + 1] not in lex.dialect_followed_by:
        return False
    return i == 0 or folded[i - 1] not in lex.dialect_not_after


def _is_cue(lex: Lexicon, surfaces: tuple[str, ...], folded: list[str], i: int) -> bool:
    if _is_dialect_cue(lex, folded, i):
        return True
    written = strip_harakat(surfaces[i])
    bare = lex.surface_cues.get(written) or _strip_conjunction(folded[i], lex.negation_cues)
    if bare not in lex.negation_cues or (written.startswith("ال") and written not in lex.surface_cues):
        return False  # «اللامحدود» is a word of its own
    following = folded[i + 1] if i + 1 < len(folded) else ""
    if following in lex.not_after.get(bare, ()):
        return False
    return not (bare in lex.not_before_definite and i + 1 < len(surfaces) and surfaces[i + 1].startswith("ال"))


def _not_a_direction(lex: Lexicon, folded: list[str], i: int) -> bool:
    """«على الأقل» bounds a count; «يعوض بعض خسائره» undoes a fall: the word at ``i`` says no direction
    (an undoing verb may stand two words before: «يعوض بعض خسائره»)."""
    if i == 0:
        return False
    if (folded[i - 1], folded[i]) in lex.bound_phrases:
        return True
    return any(folded[j] in lex.undoing_verbs for j in range(max(0, i - 2), i))


def _after_moment_word(lex: Lexicon, folded: list[str], i: int) -> bool:
    """«عند الإغلاق», "at the close": the word before (an English article skipped) names a time."""
    j = i - 1
    if j > 0 and folded[j] in ("the", "a"):
        j -= 1
    return j >= 0 and folded[j] in lex.moment_before


def _answers_a_report(lex: Lexicon, folded: list[str], stems: list[str], i: int) -> bool:
    """«يرفض اتهامات المعارضة»: the denial's first content word after it is a report it answers."""
    j = next((j for j in range(i + 1, len(stems)) if stems[j]), -1)
    return j >= 0 and (folded[j] in lex.denial_answers or stems[j] in lex.denial_answers)


@cache
def _no_content() -> frozenset[str]:
    """Stop words and the lexicon's fillers: no content term (one set, not a union made per word)."""
    return frozenset(STOP_WORDS | lexicon().fillers)


# A reading is a few KB and its key is a claim's whole text: 100,000 of them were the one part of an
# import's memory still growing at 30,000 articles. A claim meets its partners soon after it is stored,
# so the newest 16,384 texts keep nearly every hit (98 % of calls hit either way).
READ_CACHE = 16_384


@lru_cache(maxsize=READ_CACHE)
def read(text: str) -> Reading:
    """Words, cues and opposite-lexicon words of ``text``; cached (a claim meets many others)."""
    lex = lexicon()
    surfaces = tuple(_WORD_RE.findall(text))
    folded = [fold(w) for w in surfaces]
    stems: list[str] = []
    cues: list[int] = []
    poles: list[tuple[int, str, int]] = []
    moments: set[tuple[int, str]] = set()
    no_content = _no_content()
    for i, word in enumerate(folded):
        if _is_cue(lex, surfaces, folded, i):
            cues.append(i)
            stems.append("")
            continue
        if word in lex.negation_cues:
            stems.append("")  # a cue that does not negate here («لا سيما») is no content either
            continue
        stem = stem_word(word) if word else ""
        if (word in lex.opposite_words or stem in lex.opposite_words) and not _not_a_direction(lex, folded, i):
            sides = [(g, side) for g, o in enumerate(lex.opposites) if (side := o.side(word, stem))]
            if _after_moment_word(lex, folded, i):
                moments.update(sides)
            else:
                poles.extend((g, side, i) for g, side in sides)
        keep = stem and len(word) > 1 and word not in no_content and stem not in no_content
        stem = lex.equivalents.get(word) or lex.equivalents.get(stem) or stem
        stems.append(stem if keep else "")
    denials = tuple(
        i
        for i, (w, s) in enumerate(zip(folded, stems, strict=True))
        if (w in lex.denials or s in lex.denials) and not _answers_a_report(lex, folded, stems, i)
    )
    damaged = _DAMAGED_RE.search(text) is not None
    verse = sum(1 for w in surfaces if len(_HARAKAT_RE.findall(w)) >= 2) >= VERSE_WORDS
    content = frozenset(stems)
    return Reading(
        surfaces, tuple(stems), tuple(cues), tuple(poles), denials, damaged, verse, frozenset(moments), content - {""}
    )


@quick_init
@dataclass(frozen=True, slots=True)
class Shared:
    """Content terms of two readings apart from the words of a change."""

    terms: frozenset[str]  # shared terms, both spellings of a near pair
    canon: dict[str, str]  # each spelling → one spelling of its pair, so two texts' scopes compare
    matched: int  # terms of one text found in the other
    short: int  # content terms of the shorter text
    long: int  # ... and of the longer one

    def agrees(self, least: int, short_share: float, long_share: float) -> bool:
        """Whether the rest of the two statements largely agrees."""
        return (
            self.matched >= least
            and self.short > 0
            and self.matched / self.short >= short_share
            and self.matched / self.long >= long_share
        )


def _skeleton(term: str) -> str:
    """An Arabic stem without alef and final ha (folded ta marbuta): «امرأة»/«المرأة», «قط»/«قطة» meet."""
    return term.replace("ا", "").removesuffix("ه")


def _affixed(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with a clitic or inflection the stemmer left on («كلبان», «تشرب»)."""
    if long.startswith(short):
        return long[len(short) :] in _SUFFIXES
    return long.endswith(short) and long[: -len(short)] in _PREFIXES


@lru_cache(maxsize=65_536)  # a pair of stems recurs across the pairs one story makes
def near(x: str, y: str) -> bool:
    """Whether two Arabic stems are one word spelled apart (see ``NEAR_TERM_RATIO``); the English
    stemmer joins inflections itself, and "port" is not "export"."""
    if not (_ARABIC_RE.search(x) and _ARABIC_RE.search(y)):
        return False
    sx, sy = sorted((_skeleton(x), _skeleton(y)), key=len)
    if len(sx) < 2:
        return False
    if sx == sy or _affixed(sx, sy):
        return True
    return fuzz.ratio(_tenseless(x), _tenseless(y)) >= NEAR_TERM_RATIO


def _tenseless(term: str) -> str:
    """Without the present-tense prefix («يتقاتل»/«تتقاتل»)."""
    return term[1:] if len(term) >= 4 and term[0] in "يتن" else term


def shared_terms(a: Reading, b: Reading, leave_out: frozenset[str] = frozenset()) -> Shared:
    """What the two texts share once ``leave_out`` (the changed words' stems) is set aside.

    ``terms`` holds both spellings of a near pair, so that either text finds it in its scope.
    """
    xs, ys = a.content - leave_out, b.content - leave_out
    exact = xs & ys
    terms = set(exact)
    canon = {t: t for t in exact}
    matched = len(exact)
    rest_y = set(ys - exact)
    for x in xs - exact:
        y = next((y for y in rest_y if near(x, y)), None)
        if y is not None:
            rest_y.discard(y)
            terms.update((x, y))
            canon[x] = canon[y] = x
            matched += 1
    short, long = sorted((len(xs), len(ys)))
    return Shared(frozenset(terms), canon, matched, short, long)


def in_scope(
    reading: Reading, position: int, shared: Shared, *, before: int = SCOPE, after: int = SCOPE
) -> frozenset[str]:
    """The shared terms within a few content terms either side of ``position``: what the change is
    about (one spelling per near pair, so that the scopes of two texts can be compared)."""
    following = [s for s in reading.stems[position + 1 :] if s][:after]
    preceding = [s for s in reading.stems[:position] if s][-before:] if before else []
    return frozenset(shared.canon[t] for t in following + preceding if t in shared.canon)


def group_words(group: Opposites) -> frozenset[str]:
    return group.a | group.b

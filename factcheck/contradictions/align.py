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
from functools import lru_cache

from factcheck.contradictions.lexicon import Opposites, fold, lexicon
from factcheck.text.terms import STOP_WORDS, stem_word

__all__ = ["Reading", "Shared", "group_words", "in_scope", "read", "shared_terms"]

# Words with their diacritics and tatweel (``\w`` alone would split «مُرتفِع»); "isn't" is two words.
_WORD_RE = re.compile(r"[\w\u064b-\u0652\u0670\u0640]+")
SCOPE = 3  # content terms either side of a change that must include a shared one
MIN_SHARED = 2  # shared content terms, besides the change
MIN_SHORT_SHARE = 0.6  # of the shorter text's content terms
MIN_LONG_SHARE = 0.4  # of the longer text's content terms


@dataclass(frozen=True, slots=True)
class Reading:
    """One text as the polarity checks see it; positions index ``surfaces``."""

    surfaces: tuple[str, ...]  # the words as written
    stems: tuple[str, ...]  # stem per word; "" for stop words, cues and one-letter words
    cues: tuple[int, ...]  # positions of negation cues
    poles: tuple[tuple[int, str, int], ...]  # (opposites group index, side "a"/"b", position)

    @property
    def content(self) -> frozenset[str]:
        return frozenset(s for s in self.stems if s)

    def sides(self, group: int) -> set[str]:
        return {side for g, side, _ in self.poles if g == group}


def _strip_conjunction(word: str, cues: frozenset[str]) -> str:
    """«ولم» → «لم», «فلا» → «لا»: a fused conjunction does not hide a cue."""
    return word[1:] if word[:1] in "وف" and word[1:] in cues else word


@lru_cache(maxsize=100_000)
def read(text: str) -> Reading:
    """Words, cues and opposite-lexicon words of ``text``; cached (a claim meets many others)."""
    lex = lexicon()
    surfaces = tuple(_WORD_RE.findall(text))
    folded = [fold(w) for w in surfaces]
    stems: list[str] = []
    cues: list[int] = []
    poles: list[tuple[int, str, int]] = []
    for i, word in enumerate(folded):
        bare = _strip_conjunction(word, lex.negation_cues)
        if bare in lex.negation_cues:
            following = folded[i + 1] if i + 1 < len(folded) else ""
            if following not in lex.not_after.get(bare, ()):
                cues.append(i)
            stems.append("")
            continue
        stem = stem_word(word) if word else ""
        if word in lex.opposite_words or stem in lex.opposite_words:
            poles.extend((g, side, i) for g, o in enumerate(lex.opposites) if (side := o.side(word, stem)))
        keep = stem and len(word) > 1 and word not in STOP_WORDS and stem not in STOP_WORDS
        stems.append(stem if keep else "")
    return Reading(surfaces, tuple(stems), tuple(cues), tuple(poles))


@dataclass(frozen=True, slots=True)
class Shared:
    """Content terms of two readings apart from the words of a change."""

    terms: frozenset[str]
    agrees: bool  # the rest of the two statements largely agrees


def shared_terms(a: Reading, b: Reading, leave_out: frozenset[str] = frozenset()) -> Shared:
    """What the two texts share once ``leave_out`` (the changed words' stems) is set aside."""
    xs, ys = a.content - leave_out, b.content - leave_out
    both = xs & ys
    short, long = sorted((len(xs), len(ys)))
    agrees = (
        len(both) >= MIN_SHARED
        and short > 0
        and len(both) / short >= MIN_SHORT_SHARE
        and len(both) / long >= MIN_LONG_SHARE
    )
    return Shared(both, agrees)


def in_scope(reading: Reading, position: int, shared: frozenset[str]) -> frozenset[str]:
    """The shared terms within ``SCOPE`` content terms either side of ``position``: what the change is about."""
    after = [s for s in reading.stems[position + 1 :] if s][:SCOPE]
    before = [s for s in reading.stems[:position] if s][-SCOPE:]
    return shared.intersection(after + before)


def group_words(group: Opposites) -> frozenset[str]:
    return group.a | group.b

"""Stemmed content terms of a text: the one vocabulary that matching and fact-check retrieval index.

Arabic words are folded (``matching_words``: harakat, alef forms, tanween alif, the article), then
Snowball-stemmed (its Arabic stemmer strips fused conjunctions and prepositions itself); English
words are lowercased and stemmed. Stop words (``data/stop_words.txt``) are dropped before and after
stemming, so «وأن» or "that" never becomes a term. Digits stay: "9" is a term. PyStemmer is the C
build of Snowball, many times faster than the pure-Python port.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import Stemmer

from factcheck.text.normalize import matching_words

__all__ = ["STOP_WORDS", "content_terms", "stem_word"]

_ARABIC_RE = re.compile("[\u0600-\u06ff]")


def _load_stop_words() -> frozenset[str]:
    text = (files("factcheck.data") / "stop_words.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return frozenset(words) | frozenset(matching_words(" ".join(words)))


STOP_WORDS = _load_stop_words()

_ARABIC_STEMMER = Stemmer.Stemmer("arabic")
_ENGLISH_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The Snowball stem of one already-folded word (Arabic or English by its letters)."""
    if _ARABIC_RE.search(word):
        return str(_ARABIC_STEMMER.stemWord(word))
    return str(_ENGLISH_STEMMER.stemWord(word))


def content_terms(text: str) -> list[str]:
    """Stemmed content terms of ``text`` in order, stop words and one-letter words dropped."""
    out: list[str] = []
    for word in matching_words(text):
        if (len(word) < 2 and not word.isdigit()) or word in STOP_WORDS:
            continue
        stem = stem_word(word)
        if stem and stem not in STOP_WORDS:
            out.append(stem)
    return out

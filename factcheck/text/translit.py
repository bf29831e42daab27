"""A script-independent key for names, so «أبو قصرة» and "Abu Qasra" meet.

Arabic spells few vowels and transliterations spell them all, differently («غولر» / "Güler" / "Guler").
What survives both ways is the consonant skeleton, so both scripts are mapped to a small set of
consonant classes (q/k/c, s/z/sh, t/d/th, g/j/gh …), vowels and the weak letters (ا و ي ع ء, a e i o u
w y) are dropped, and runs of one class collapse (shadda, "ss"). The Arabic article «ال» and Latin
"al-"/"el-"/"as-"… are removed first. Keys are for blocking and agreement checks, never for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from factcheck.text.normalize import strip_harakat

__all__ = ["name_keys", "translit_key", "translit_word"]

# Consonant classes: one letter stands for each class.
_ARABIC_CLASSES: dict[str, str] = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T", "د": "T", "ض": "T", "ث": "T", "ذ": "T",
    "س": "S", "ص": "S", "ز": "S", "ش": "S", "ظ": "S", "چ": "S",
    "ج": "G", "غ": "G", "گ": "G",
    "ق": "K", "ك": "K", "ک": "K", "خ": "K",
    "ح": "H", "ه": "H",
    "ف": "F", "ڤ": "F",
    "ل": "L", "م": "M", "ن": "N", "ر": "R",
}  # fmt: skip
# Dropped: alef forms, waw, ya, alef maqsura, ta marbuta, ain, hamza forms (vowels or not written in Latin).

_LATIN_DIGRAPHS = (("sh", "S"), ("ch", "S"), ("kh", "K"), ("gh", "G"), ("th", "T"), ("dh", "T"), ("ph", "F"))
_LATIN_CLASSES: dict[str, str] = {
    "b": "B", "p": "B",
    "t": "T", "d": "T",
    "s": "S", "z": "S", "x": "K",
    "g": "G", "j": "G",
    "q": "K", "k": "K", "c": "K",
    "h": "H",
    "f": "F", "v": "F",
    "l": "L", "m": "M", "n": "N", "r": "R",
}  # fmt: skip
_LATIN_PREFIX_RE = re.compile(r"^(?:a|e)(?:l|s|sh|d|t|r|n|z)[-‐'’]")
_ARABIC_PREFIX_RE = re.compile(r"^(?:[وبفلك]?ال|لل)(?=\w{2,})")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")
_TURKISH_TABLE = str.maketrans({"ı": "i", "İ": "i", "ş": "s", "Ş": "s", "ç": "c", "Ç": "c", "ğ": "g", "Ğ": "g"})


_ARABIC_LETTER_RE = re.compile("[\u0600-\u06ff]")


def _is_arabic(word: str) -> bool:
    return _ARABIC_LETTER_RE.search(word) is not None


_DIGRAPH_RE = re.compile("|".join(graph for graph, _ in _LATIN_DIGRAPHS))
_DIGRAPH_CLASS = dict(_LATIN_DIGRAPHS)
# Class letters are upper case; lower-case letters left after the table are vowels and are dropped.
_LATIN_TABLE = str.maketrans(_LATIN_CLASSES)
_ARABIC_TABLE = str.maketrans(_ARABIC_CLASSES)
_RUN_RE = re.compile(r"(.)\1+")
_NOT_CLASS_RE = re.compile(r"[^A-Z]+")


def _classes(word: str) -> str:
    """Keep class letters only and collapse runs of one class (shadda, "ss")."""
    return _RUN_RE.sub(r"\1", _NOT_CLASS_RE.sub("", word))


@lru_cache(maxsize=100_000)
def translit_word(word: str) -> str:
    """The consonant-class skeleton of one word in either script ("" when it has no consonant)."""
    if _is_arabic(word):
        word = _ARABIC_PREFIX_RE.sub("", strip_harakat(word))
        return _classes(word.translate(_ARABIC_TABLE))
    word = word.translate(_TURKISH_TABLE)
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    word = _LATIN_PREFIX_RE.sub("", word.lower())
    if word.endswith("h") and len(word) > 2 and word[-2] in "aeiou":
        word = word[:-1]  # "Salamah" = «سلامة»: the final h stands for ta marbuta
    word = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_CLASS[m.group()], word)
    return _classes(word.translate(_LATIN_TABLE))


def translit_key(name: str) -> str:
    """Word skeletons of ``name`` joined by spaces: equal keys mean "probably the same name"."""
    words = (translit_word(w) for w in _WORD_RE.findall(name))
    return " ".join(w for w in words if w)


@lru_cache(maxsize=100_000)
def name_keys(name: str) -> tuple[str, ...]:
    """Keys under which a name may be found: the whole skeleton and its last word (the family name).

    The last word alone counts only when it has at least three consonant classes, so that "Abu" or
    "Ali" never stand for a person on their own.
    """
    key = translit_key(name)
    if not key:
        return ()
    words = key.split()
    keys = [key]
    if len(words) > 1 and len(words[-1]) >= 3:
        keys.append(words[-1])
    return tuple(keys)

"""Arabic-aware normalisation for matching and search keys.

Order matters (see shared ARABIC.md): harakat and tatweel go first, because rapidfuzz's
``default_process`` turns combining marks into spaces and splits words. Stored text is never
normalised; only keys derived from it are.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_digits", "match_key", "matching_words", "normalize_for_matching", "strip_harakat"]

_HARAKAT_RE = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEF_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DIGITS_TABLE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Anything that is neither a letter nor a digit becomes a space (punctuation of both scripts).
_NON_WORD_RE = re.compile(r"[^\w]+|_")
_ARTICLE_PREFIX_RE = re.compile(r"^(?:[وبلفك]?ال|لل)(?=\w{2,})")


def strip_harakat(text: str) -> str:
    """Remove Arabic diacritics (harakat, dagger alef) and tatweel."""
    return _HARAKAT_RE.sub("", text)


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII; Arabic decimal and thousands separators too."""
    return text.translate(_DIGITS_TABLE).replace("٫", ".").replace("٬", ",")


def normalize_for_matching(text: str) -> str:
    """A lowercase, punctuation-free, Arabic-folded form of ``text`` for fuzzy matching and FTS."""
    if text.isascii():  # the same result without the passes that only change non-ASCII text
        return " ".join(_NON_WORD_RE.sub(" ", text.lower()).split())
    text = strip_harakat(unicodedata.normalize("NFKC", text))
    text = fold_digits(text).translate(_ALEF_TABLE).casefold()
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def match_key(word: str) -> str:
    """A key for one word or name: normalised, with the Arabic definite article prefix removed."""
    words = normalize_for_matching(word).split()
    return " ".join(_ARTICLE_PREFIX_RE.sub("", w) for w in words)


_TANWEEN_ALIF_RE = re.compile("\u064bا|ا\u064b")  # «وزاريًا» → «وزاري»: the alif only carries tanween
_WORD_PREFIX_RE = re.compile(r"(?<!\w)(?:[وبلفك]?ال|لل)(?=\w{2,})")  # the article at each word start


def matching_words(text: str) -> list[str]:
    """Words of ``text`` for claim matching: normalised, tanween alif and article prefix removed.

    «اجتماعًا وزاريًا» and «الاجتماع الوزاري» give the same words; ``normalize_for_matching`` alone
    keeps the alif of the accusative tanween and the article.
    """
    if text.isascii():  # no tanween, no Arabic article: the same words without those passes
        return _NON_WORD_RE.sub(" ", text.lower()).split()
    if "\u064b" in text:
        text = _TANWEEN_ALIF_RE.sub("", text)
    return _WORD_PREFIX_RE.sub("", normalize_for_matching(text)).split()

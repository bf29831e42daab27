"""Tokens with offsets and the folded keys every detector looks words up by.

Detectors never run regexes over normalised text (normalising changes lengths and would break
offsets); they walk one token list per sentence and look folded keys up in dictionaries, which keeps
extraction linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TypeVar

__all__ = [
    "FUNCTION_WORDS",
    "Token",
    "fold",
    "gap",
    "has_shadda",
    "has_tanween",
    "prefix_variants",
    "scan",
    "tokenize",
    "words",
]

_FOLD_TABLE = str.maketrans(
    {
        **{chr(c): None for c in range(0x064B, 0x0660)},  # harakat, shadda, sukun and friends
        "\u0670": None,  # dagger alef
        "\u0640": None,  # tatweel
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "٫": ".",
        "٬": ",",
        "’": "'",
    }
)

# A number (any script's digits, with decimal or thousands separators) or a word that may carry
# Arabic diacritics and tatweel inside it.
_TOKEN_RE = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_](?:[^\W\d_]|[\u064B-\u065F\u0670\u0640])*")

# Proclitics that attach to Arabic words: conjunctions و ف, prepositions ب ل ك.
_PROCLITICS = frozenset("وفبلك")
_DOUBLE_PROCLITICS = frozenset({"وب", "ول", "وك", "فب", "فل", "وس", "فس"})


def fold(text: str) -> str:
    """The lookup form of a word or phrase: diacritics gone, alef/ya/ta marbuta folded, lowercase."""
    return " ".join(text.translate(_FOLD_TABLE).lower().split())


def words(text: str) -> frozenset[str]:
    """A word list written naturally, folded the way token keys are."""
    return frozenset(fold(w) for w in text.split())


FUNCTION_WORDS = words("""
    في على الى إلى من عن مع بين عند لدى حتى منذ خلال بعد قبل ضد نحو حول دون عبر تجاه لكن بل او أو ثم
    ان أن إن انه أنه إنه انها أنها الذي التي الذين اللذين اللتين هذا هذه ذلك تلك هناك هنا كما بما مما
    ما ماذا لم لن لا ليس ليست قد لقد كان كانت يكون تكون وكان وكانت فقد وقد ولا ولم ولن كل بعض غير سوى
    اي أي عدة عبر وسط اثر إثر جراء بسبب وفق وفقا بحسب حسب لدى لها له لهم بها به بهم فيها فيه عليها عليه
    منها منه عنها عنه اليها اليه إليها إليه ذات ذاته ذاتها نفسه نفسها ايضا أيضا
    the a an of in on at to for from by with and or but as is are was were be been has have had
    that this these those which who whom whose it its his her their our your not no
    """)


class Token:
    """One word or number of the body: offsets, raw text and folded lookup key."""

    __slots__ = ("definite", "end", "is_num", "key", "raw", "start")

    def __init__(self, start: int, end: int, raw: str) -> None:
        self.start = start
        self.end = end
        self.raw = raw
        self.key = raw.translate(_FOLD_TABLE).lower()
        self.is_num = raw[0].isdigit()
        # The article «ال» is written with a bare alef: «إلكاي» folds to «الكاي» but is a name.
        self.definite = raw.startswith("ال") or (raw[1:3] == "ال" and raw[0] in _PROCLITICS) or raw.startswith("لل")

    def __repr__(self) -> str:
        return f"Token({self.raw!r}, {self.start}, {self.end})"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, stop)]


def prefix_variants(key: str) -> tuple[tuple[int, str], ...]:
    """The key with Arabic proclitics peeled off, as (characters removed, base) pairs, fullest first.

    «للأردن» is ل + الأردن, so it also yields the article form. Bases shorter than three letters are
    dropped: peeling «بيان» into «يان» finds nothing useful and many false friends.
    """
    out: list[tuple[int, str]] = [(0, key)]
    if len(key) < 4 or key[0] not in _PROCLITICS:
        return tuple(out)
    if key.startswith("لل"):
        out.append((1, "ا" + key[1:]))
    if key.startswith("وال") or key.startswith("بال") or key.startswith("فال") or key.startswith("كال"):
        out.append((1, key[1:]))
    elif key[:2] in _DOUBLE_PROCLITICS and len(key) >= 5:
        out.append((1, key[1:]))
        out.append((2, key[2:]))
    else:
        out.append((1, key[1:]))
    if key.startswith("ولل") or key.startswith("فلل"):
        out.append((2, "ا" + key[2:]))
    return tuple(out)


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens (punctuation and spaces)."""
    return text[left.end : right.start]


def has_shadda(raw: str) -> bool:
    return "\u0651" in raw


def has_tanween(raw: str) -> bool:
    """Tanween fath marks an indefinite accusative: «تركيًا» is "Turkish", not Turkey."""
    return "\u064b" in raw


T = TypeVar("T")


def scan(count: int, at: Callable[[int], tuple[T, int] | None], skip: Collection[int] = ()) -> list[tuple[T, int, int]]:
    """Walk token indices left to right; ``at(i)`` returns (found, next index) or None to move on.

    Returns (found, first index, next index) triples; indices in ``skip`` are never starts.
    """
    out: list[tuple[T, int, int]] = []
    i = 0
    while i < count:
        found = None if i in skip else at(i)
        if found is None:
            i += 1
            continue
        out.append((found[0], i, found[1]))
        i = found[1]
    return out

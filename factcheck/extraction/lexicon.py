"""Tokens with offsets and the folded keys every detector looks words up by.

Detectors never run regexes over normalised text (normalising changes lengths and would break
offsets); they walk one token list per sentence and look folded keys up in dictionaries, which keeps
extraction linear in the length of the text.

Speed comes from one memoised lookup per distinct word: each detector registers the words that can
start its matches (``register``), every token carries a bit mask of the detectors interested in it
(its ``FLAGS`` field), and detectors only visit the few tokens whose bit is set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from itertools import accumulate, compress, repeat
from operator import and_, itemgetter
from typing import Final, TypeVar

__all__ = [
    "ATTRIBUTION",
    "CLAUSE",
    "DATE",
    "DEFINITE",
    "END",
    "FLAGS",
    "FLAGS_OF",
    "FUNCTION_WORDS",
    "GROUP",
    "IS_NUM",
    "KEY",
    "KEY_OF",
    "KIND",
    "NEGATION",
    "NUMBER",
    "NUMERIC",
    "ORGANISATION",
    "PLACE",
    "RAW",
    "ROLE",
    "SCAN_LIMIT",
    "START",
    "START_OF",
    "VARIANTS",
    "Token",
    "clear_caches",
    "flagged",
    "fold",
    "has_shadda",
    "has_tanween",
    "prefix_variants",
    "register",
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


# One word or number of the body: a plain tuple, read by index. Tokens are built for every word of
# every article (a tuple subclass with named fields cost twice as much to build), and these indices
# are what the detectors read: START, END (offsets into the body), RAW (the text), KEY (folded: no
# diacritics, alef/ya/ta marbuta folded, lowercase, ASCII digits), VARIANTS ((proclitic length,
# base) pairs, fullest first), FLAGS (the detectors interested in the word), DEFINITE (starts with
# the article «ال», possibly after a proclitic), IS_NUM.
Token = tuple[int, int, str, str, tuple[tuple[int, str], ...], int, bool, bool]
START: Final = 0
END: Final = 1
RAW: Final = 2
KEY: Final = 3
VARIANTS: Final = 4
FLAGS: Final = 5
DEFINITE: Final = 6
IS_NUM: Final = 7


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    The text is cut at single spaces in C (``str.split`` and ``accumulate``: a regex split on any
    whitespace costs four times more), and each distinct chunk («قصرة،», "al-Shaibani", a line's last
    and the next line's first word) is cut into words once and memoised: running the word regex over
    every sentence costs more than all the detectors together. Words never hold whitespace, so cutting
    at spaces first changes nothing.
    """
    stop = len(text) if end is None else end
    chunks = text[start:stop].split(" ")
    offsets = accumulate(map(_PLUS_ONE, map(len, chunks)), initial=start)  # each chunk and its space
    out: list[Token] = []
    append = out.append
    get_word = _WORDS.get
    get = _CHUNKS.get
    for chunk, offset in zip(chunks, offsets, strict=False):  # one offset more than chunks
        info = get_word(chunk)
        if info is not None:  # most chunks are one whole word
            append((offset, offset + len(chunk)) + info)  # noqa: RUF005 (faster than *info)
            continue
        words = get(chunk)
        if words is None:
            words = _chunk_words(chunk)
        for rel_start, rel_end, info in words:
            append((offset + rel_start, offset + rel_end) + info)  # noqa: RUF005
    return out


_PLUS_ONE = (1).__add__
_ChunkWords = tuple[tuple[int, int, "_RawInfo"], ...]
_CHUNKS: dict[str, _ChunkWords] = {}  # chunks that are not one whole word: where their words lie
_WORDS: dict[str, _RawInfo] = {}  # chunks that are one whole word


def _chunk_words(chunk: str) -> _ChunkWords:
    if not chunk or chunk.isspace():
        words: _ChunkWords = ()
    else:
        get = _RAW_INFO.get
        words = tuple((m.start(), m.end(), get(m.group()) or _raw_info(m.group())) for m in _TOKEN_RE.finditer(chunk))
    if len(_CHUNKS) >= _INFO_LIMIT or len(_WORDS) >= _INFO_LIMIT:
        _CHUNKS.clear()
        _WORDS.clear()
    if len(words) == 1 and words[0][0] == 0 and words[0][1] == len(chunk):
        _WORDS[chunk] = words[0][2]
    else:
        _CHUNKS[chunk] = words
    return words


def clear_caches() -> None:
    """Forget every memoised word and chunk (benchmarks measure the first article of a process)."""
    _RAW_INFO.clear()
    _INFO.clear()
    _CHUNKS.clear()
    _WORDS.clear()


_RawInfo = tuple[str, str, tuple[tuple[int, str], ...], int, bool, bool]
_RAW_INFO: dict[str, _RawInfo] = {}


def _raw_info(raw: str) -> _RawInfo:
    """Everything a token needs that depends only on its text, computed once per distinct word."""
    key = raw.translate(_FOLD_TABLE).lower()
    variants, flags = _key_info(key)
    # The article «ال» is written with a bare alef: «إلكاي» folds to «الكاي» but is a name.
    definite = raw.startswith("ال") or (raw[1:3] == "ال" and raw[0] in _PROCLITICS) or raw.startswith("لل")
    if raw[0].isdecimal():
        flags |= NUMERIC
    info = (raw, key, variants, flags, definite, raw[0].isdecimal())  # "²" is a digit, not decimal
    if len(_RAW_INFO) >= _INFO_LIMIT:
        _RAW_INFO.clear()
    _RAW_INFO[raw] = info
    return info


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


def has_shadda(raw: str) -> bool:
    return "\u0651" in raw


def has_tanween(raw: str) -> bool:
    """Tanween fath marks an indefinite accusative: «تركيًا» is "Turkish", not Turkey."""
    return "\u064b" in raw


T = TypeVar("T")


START_OF = itemgetter(START)
KEY_OF = itemgetter(KEY)
FLAGS_OF = itemgetter(FLAGS)


def flagged(tokens: list[Token]) -> list[int]:
    """Indices of the tokens some detector is interested in (usually a third of them)."""
    return list(compress(range(len(tokens)), map(FLAGS_OF, tokens)))  # all in C


SCAN_LIMIT = 64  # matches of one detector in one sentence: past that it is a table or garbage


def scan(
    tokens: list[Token],
    candidates: list[int],
    flag: int,
    at: Callable[[int], tuple[T, int] | None],
    skip: Collection[int] = (),
    limit: int = SCAN_LIMIT,
) -> list[tuple[T, int, int]]:
    """Visit the ``candidates`` carrying ``flag`` (digits too when ``flag`` includes NUMBER or DATE).

    ``at(i)`` returns (found, next index) or None; returns (found, first index, next index) triples.
    Indices in ``skip`` are never starts, and a match's tokens are not visited again. A sentence
    gives at most ``limit`` matches: past that it is a table or garbage, not a claim.
    """
    out: list[tuple[T, int, int]] = []
    if flag & (NUMBER | DATE):
        flag |= NUMERIC
    # Keep the candidates carrying ``flag``, in C: this runs once per detector and sentence.
    flags = map(FLAGS_OF, map(tokens.__getitem__, candidates))
    resume = 0
    for i in compress(candidates, map(and_, flags, repeat(flag))):
        if i < resume or i in skip:
            continue
        found = at(i)
        if found is not None:
            out.append((found[0], i, found[1]))
            resume = found[1]
            if len(out) >= limit:
                break
    return out


# -- detector vocabularies ------------------------------------------------------------------------------
PLACE, GROUP, ROLE, ORGANISATION, DATE, NUMBER, ATTRIBUTION, NEGATION, CLAUSE, KIND, NUMERIC = (
    1 << k for k in range(11)
)

Vocabulary = Collection[str] | Callable[[str], bool]
_REGISTRY: list[tuple[int, Callable[[], Vocabulary]]] = []
_resolved: tuple[dict[str, int], list[tuple[int, Callable[[str], bool]]]] | None = None
_INFO: dict[str, tuple[tuple[tuple[int, str], ...], int]] = {}
_INFO_LIMIT = 300_000


def register(flag: int, loader: Callable[[], Vocabulary]) -> None:
    """Declare the words (or a predicate on words) that may start a match of detector ``flag``."""
    global _resolved
    _REGISTRY.append((flag, loader))
    _resolved = None
    clear_caches()


def _resolve() -> tuple[dict[str, int], list[tuple[int, Callable[[str], bool]]]]:
    """All registered word lists merged into one word → flags table, plus the predicates."""
    word_flags: dict[str, int] = {}
    predicates: list[tuple[int, Callable[[str], bool]]] = []
    for flag, loader in _REGISTRY:
        vocabulary = loader()
        if callable(vocabulary):
            predicates.append((flag, vocabulary))
        else:
            for word in vocabulary:
                word_flags[word] = word_flags.get(word, 0) | flag
    return word_flags, predicates


def _key_info(key: str) -> tuple[tuple[tuple[int, str], ...], int]:
    info = _INFO.get(key)
    if info is not None:
        return info
    global _resolved
    if _resolved is None:
        _resolved = _resolve()
    word_flags, predicates = _resolved
    variants = prefix_variants(key)
    flags = 0
    for _, base in variants:
        flags |= word_flags.get(base, 0)
        for flag, predicate in predicates:
            if predicate(base):
                flags |= flag
    if len(_INFO) >= _INFO_LIMIT:
        _INFO.clear()
    info = (variants, flags)
    _INFO[key] = info
    return info

"""Run-together words split by the archive's own vocabulary: "#cornflakes" → corn, flake.

Hashtags and handles in lower case ("#fyrefestival", "#exumaairport", "#krystinamartelli") have no
capitals to split on (``clean``), and as one stem they match no fact-check, which writes "Fyre
Festival". A word whose stem the archive does not know is cut into the fewest pieces whose stems it
does know (stop words allowed as glue, "elpasoaoconassignment" → el paso aoc on assignment), with at
most one unknown piece of four letters or more for a name spelt otherwise ("krystina" martelli).
Splitting by a general dictionary instead cuts names into junk ("k ry st in a martell i").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.text.terms import STOP_WORDS, stem_word

__all__ = ["joined_words", "split_joined"]

MIN_LENGTH = 7  # shorter words are left whole
MAX_LENGTH = 40  # longer runs are not worth the quadratic search
_UNKNOWN = 4  # an unknown piece costs as much as four known ones
_WORD_RE = re.compile(r"[a-z]+")


def joined_words(text: str) -> tuple[str, ...]:
    """Lower-case Latin words of ``text`` long enough to be run together, in order, once each."""
    words = (w for w in _WORD_RE.findall(text) if MIN_LENGTH <= len(w) <= MAX_LENGTH)
    return tuple(dict.fromkeys(words))


def split_joined(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The stems of ``word``'s pieces when it splits into known ones, else ``()``.

    ``known(stem)`` says whether the archive holds a stem. A word whose own stem is known is left
    whole; a split needs two pieces or more, at least one of them a known stem of four letters or more.
    """
    if not MIN_LENGTH <= len(word) <= MAX_LENGTH or known(stem_word(word)):
        return ()
    # best[i]: (cost, -sum of the known pieces' squared lengths, unknown pieces, pieces) for word[:i]
    best: list[tuple[int, int, int, tuple[str, ...]] | None] = [None] * (len(word) + 1)
    best[0] = (0, 0, 0, ())
    for end in range(2, len(word) + 1):
        for start in range(max(0, end - 24), end - 1):
            before = best[start]
            if before is None or end - start == len(word):
                continue
            piece = word[start:end]
            if piece in STOP_WORDS or known(stem_word(piece)):
                cost, unknown = 1, 0
            elif len(piece) >= 4 and before[2] == 0:
                cost, unknown = _UNKNOWN, 1
            else:
                continue
            square = 0 if unknown else len(piece) ** 2
            option = (before[0] + cost, before[1] - square, before[2] + unknown, (*before[3], piece))
            current = best[end]
            if current is None or option[:2] < current[:2]:
                best[end] = option
    found = best[len(word)]
    if found is None or len(found[3]) < 2:
        return ()
    pieces = found[3]
    if not any(len(p) >= 4 and p not in STOP_WORDS and known(stem_word(p)) for p in pieces):
        return ()
    return tuple(stem_word(p) for p in pieces if p not in STOP_WORDS)

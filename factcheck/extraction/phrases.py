"""A table of multi-word names looked up token by token, Arabic proclitics allowed on the first word."""

from __future__ import annotations

from typing import Generic, TypeVar

from factcheck.extraction.lexicon import END, KEY, START, VARIANTS, Token, fold

__all__ = ["PhraseMatch", "PhraseTable"]

V = TypeVar("V")


# A match: (end token index, exclusive; characters of proclitics on the first token, «لدمشق» → 1;
# the values of the name). A plain tuple: matching runs for every candidate word of every sentence.
PhraseMatch = tuple[int, int, list[V]]


class PhraseTable(Generic[V]):
    """Names keyed by their folded words; the longest name starting at a token wins.

    Multi-word names are indexed by their first two words, so a common first word («أبو», "New")
    costs one lookup of the next word rather than a walk over every name it starts.
    """

    def __init__(self) -> None:
        self._single: dict[str, list[V]] = {}
        self._multi: dict[str, dict[str, list[tuple[tuple[str, ...], list[V]]]]] = {}

    def add(self, name: str, value: V) -> None:
        self.add_words(tuple(fold(name).replace("-", " ").split()), value)

    def add_words(self, words: tuple[str, ...], value: V) -> None:
        """Add a name given as already folded words."""
        if not words:
            return
        if len(words) == 1:
            self._single.setdefault(words[0], []).append(value)
            return
        rests = self._multi.setdefault(words[0], {}).setdefault(words[1], [])
        for rest, values in rests:
            if rest == words[2:]:
                values.append(value)
                return
        rest = words[2:]
        at = len(rests)  # longest first, after the names as long as this one
        while at and len(rests[at - 1][0]) < len(rest):
            at -= 1
        rests.insert(at, (rest, [value]))

    def first_words(self) -> frozenset[str]:
        return frozenset(self._single) | frozenset(self._multi)

    def match(self, text: str, tokens: list[Token], i: int, *, proclitics: bool = True) -> PhraseMatch[V] | None:
        """The longest name starting at token ``i`` whose words are separated by spaces only."""
        variants = tokens[i][VARIANTS] if proclitics else ((0, tokens[i][KEY]),)
        n = len(tokens)
        for prefix, base in variants:
            by_second = self._multi.get(base)
            if by_second is not None and i + 1 < n and _spaced(text, tokens[i], tokens[i + 1]):
                for rest, values in by_second.get(tokens[i + 1][KEY], ()):
                    j = i + 2
                    for word in rest:
                        if j >= n or tokens[j][KEY] != word or not _spaced(text, tokens[j - 1], tokens[j]):
                            break
                        j += 1
                    else:
                        return j, prefix, values
            single = self._single.get(base)
            if single is not None:
                return i + 1, prefix, single
        return None


def _spaced(text: str, left: Token, right: Token) -> bool:
    between = text[left[END] : right[START]]
    return between == " " or ((between.isspace() or between == "-") and len(between) <= 3)

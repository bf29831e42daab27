"""A table of multi-word names looked up token by token, Arabic proclitics allowed on the first word."""

from __future__ import annotations

from typing import Generic, TypeVar

from factcheck.extraction.lexicon import Token, fold

__all__ = ["PhraseMatch", "PhraseTable"]

V = TypeVar("V")


class PhraseMatch(Generic[V]):
    __slots__ = ("end_index", "prefix", "start_index", "values")

    def __init__(self, start_index: int, end_index: int, prefix: int, values: list[V]) -> None:
        self.start_index = start_index
        self.end_index = end_index  # exclusive token index
        self.prefix = prefix  # characters of proclitics on the first token («لدمشق» → 1)
        self.values = values


class PhraseTable(Generic[V]):
    """Names keyed by their folded words; the longest name starting at a token wins."""

    def __init__(self) -> None:
        self._by_first: dict[str, dict[tuple[str, ...], list[V]]] = {}
        self.max_words = 1

    def add(self, name: str, value: V) -> None:
        words = tuple(fold(name).replace("-", " ").split())
        if not words:
            return
        self.max_words = max(self.max_words, len(words))
        self._by_first.setdefault(words[0], {}).setdefault(words[1:], []).append(value)

    def __contains__(self, key: str) -> bool:
        return key in self._by_first

    def first_words(self) -> frozenset[str]:
        return frozenset(self._by_first)

    def match(self, text: str, tokens: list[Token], i: int, *, proclitics: bool = True) -> PhraseMatch[V] | None:
        """The longest name starting at token ``i`` whose words are separated by spaces only."""
        variants = tokens[i].variants if proclitics else ((0, tokens[i].key),)
        for prefix, base in variants:
            rests = self._by_first.get(base)
            if rests is None:
                continue
            best: PhraseMatch[V] | None = None
            for rest, values in rests.items():
                j = i + 1
                ok = True
                for word in rest:
                    if j >= len(tokens) or tokens[j].key != word or not _spaced(text, tokens[j - 1], tokens[j]):
                        ok = False
                        break
                    j += 1
                if ok and (best is None or j > best.end_index):
                    best = PhraseMatch(i, j, prefix, values)
            if best is not None:
                return best
        return None


def _spaced(text: str, left: Token, right: Token) -> bool:
    between = text[left.end : right.start]
    return between == " " or ((between.isspace() or between == "-") and len(between) <= 3)

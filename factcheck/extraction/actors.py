"""Actor slots: people named after a role, ministries and organisations, named groups.

Arabic names have no capital letters, so a person is found after a role («وزير الدفاع السوري مرهف أبو
قصرة»): the role's complement (definite words, demonyms, «في وزارة …») is skipped and the next
undefined words are the name. Names found this way are remembered for the article, so a later bare
«أبو قصرة» is found too. English uses capitalised runs with titles stripped.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from factcheck.extraction.actor_words import (
    CALENDAR,
    COMPLEMENT_STOP,
    EN_ORG_HEADS,
    EN_STOP,
    EN_TITLES,
    NAME_LINKS,
    NAMED_GROUPS,
    NOT_NAMES,
    ORG_HEADS,
    PREPOSITIONAL,
    QUOTED_NAME_HEADS,
    ROLE_HEADS,
    RUN_RE,
)
from factcheck.extraction.countries import demonyms
from factcheck.extraction.lexicon import (
    DEFINITE,
    END,
    FLAGS,
    FUNCTION_WORDS,
    GROUP,
    IS_NUM,
    KEY,
    KEY_OF,
    ORGANISATION,
    RAW,
    ROLE,
    START,
    START_OF,
    VARIANTS,
    Token,
    flagged,
    register,
)
from factcheck.extraction.phrases import PhraseTable
from factcheck.model import ActorSlot
from factcheck.text import match_key

__all__ = ["ActorFinder"]


@lru_cache(maxsize=1)
def _groups() -> PhraseTable[str]:
    table: PhraseTable[str] = PhraseTable()
    for name, kind in NAMED_GROUPS:
        table.add(name, kind)
    return table


_RUNS: dict[tuple[str, tuple[int, ...]], tuple[int, str] | None] = {}  # English runs, read once
_UNREAD = (-1, "")
START_OF_SLOT = attrgetter("start")
_KEYS: dict[str, str] = {}  # surface → match_key(surface); names repeat across articles


def _base(tok: Token, vocabulary: frozenset[str]) -> tuple[int, str] | None:
    for prefix, base in tok[VARIANTS]:
        if base in vocabulary:
            return prefix, base
    return None


def _is_role(word: str) -> bool:
    return word in ROLE_HEADS or word.startswith("نظير")  # «نظيره», «لنظيره», «نظيرته»


register(GROUP, lambda: _groups().first_words())
register(ROLE, lambda: _is_role)
register(ORGANISATION, lambda: ORG_HEADS)


def _ws(text: str, a: Token, b: Token) -> bool:
    between = text[a[END] : b[START]]
    return 0 < len(between) <= 2 and between.isspace()


def _all_inside(tokens: list[Token], hits: list[int], actors: list[ActorSlot]) -> bool:
    """Whether every token of ``hits`` lies within one of ``actors``."""
    for i in hits:
        start, end = tokens[i][START], tokens[i][END]
        for actor in actors:
            if actor.start <= start and end <= actor.end:
                break
        else:
            return False
    return True


_FIRST_FORMS: dict[str, tuple[str, ...]] = {}


def _first_word_forms(first: str) -> tuple[str, ...]:
    """A name's first word as it may be written: «وأبو قصرة», «لأبو قصرة» carry a proclitic."""
    forms = _FIRST_FORMS.get(first)
    if forms is None:
        forms = _FIRST_FORMS[first] = (first, "و" + first, "ف" + first, "ب" + first, "ل" + first, "ك" + first)
        if len(_FIRST_FORMS) > 50_000:
            _FIRST_FORMS.clear()
    return forms


_CLOSING = {"”": "“", "»": "«", '"': '"'}


def _opens_quote(surface: str, close: str) -> bool:
    """Whether ``surface`` leaves a quote open that ``close`` would close."""
    opening = _CLOSING[close]
    if opening == close:
        return surface.count(close) % 2 == 1
    return surface.count(opening) > surface.count(close)


ON_BEHALF = "باسم"  # «المتحدث باسم …» (spokesman for …), not the first name Basim


class ActorFinder:
    """Finds actors sentence by sentence and remembers the names it met in this article."""

    def __init__(self) -> None:
        self.known: PhraseTable[str] = PhraseTable()
        self._known_keys: set[tuple[str, ...]] = set()
        self._known_first: set[str] = set()
        self.generation = 0  # grows whenever a new name is learned
        self._demonyms = demonyms()

    # -- public ---------------------------------------------------------------------------------------
    def find(
        self,
        text: str,
        tokens: list[Token],
        *,
        places: set[int],
        candidates: list[int] | None = None,
        capitals: bool = True,
    ) -> list[ActorSlot]:
        """Actors of one sentence; ``places`` are token indices already taken by place names.

        ``capitals`` False says the sentence has fewer than two ASCII capitals: no English name run.
        """
        out: list[ActorSlot] = []
        taken: set[int] = set()
        candidates = flagged(tokens) if candidates is None else candidates
        groups = _groups()
        roles: list[int] = []
        for i in candidates:
            flags = tokens[i][FLAGS]
            if flags & GROUP and i not in taken:
                match = groups.match(text, tokens, i)
                if match is not None:
                    end_index, prefix, values = match
                    self._add(out, taken, text, tokens, i, end_index, values[0], prefix)
            if flags & (ROLE | ORGANISATION):
                roles.append(i)
        out.extend(self.known_mentions(text, tokens, taken))
        if roles:
            self._arabic(text, tokens, roles, places, out, taken)
        if capitals:
            self._english(text, tokens, places, out, taken)
        out.sort(key=START_OF_SLOT)
        return out

    def known_mentions(
        self, text: str, tokens: list[Token], taken: set[int] | None = None, beside: list[ActorSlot] | None = None
    ) -> list[ActorSlot]:
        """Mentions of names this finder has met anywhere in the article.

        Mentions overlapping an actor of ``beside`` still take their tokens but are left out, without
        building them: the second look over a sentence mostly finds the names it found the first time.
        """
        out: list[ActorSlot] = []
        if not self._known_first:
            return out
        first = self._known_first
        hits = list(compress(range(len(tokens)), map(first.__contains__, map(KEY_OF, tokens))))
        if not hits or (beside and _all_inside(tokens, hits, beside)):
            return out  # a match that starts inside an actor overlaps it: nothing new to find
        taken = set() if taken is None else taken
        for i in hits:
            if i in taken:
                continue
            known = self.known.match(text, tokens, i)
            if known is None:
                continue
            j, prefix, _ = known
            if beside and taken.isdisjoint(range(i, j)):
                start, end = tokens[i][START] + prefix, tokens[j - 1][END]
                if any(a.start < end and start < a.end for a in beside):
                    taken.update(range(i, j))
                    continue
            self._add(out, taken, text, tokens, i, j, "person", prefix)
        return out

    # -- helpers --------------------------------------------------------------------------------------
    def _add(
        self,
        out: list[ActorSlot],
        taken: set[int],
        text: str,
        tokens: list[Token],
        i: int,
        j: int,
        kind: str,
        prefix: int,
    ) -> None:
        if not taken.isdisjoint(range(i, j)):
            return
        start = tokens[i][START] + prefix
        end = tokens[j - 1][END]
        surface = text[start:end]
        if end < len(text) and text[end] in _CLOSING and _opens_quote(surface, text[end]):
            end += 1  # «قناة “الإخبارية السورية”»: the name's closing quote belongs to it
            surface = text[start:end]
        key = _KEYS.get(surface)
        if key is None:
            key = _KEYS[surface] = match_key(surface)
            if len(_KEYS) > 50_000:
                _KEYS.clear()
        out.append(ActorSlot(surface, key, kind, start, end))
        taken.update(range(i, j))

    def _remember(self, text: str, tokens: list[Token], i: int, j: int) -> None:
        if j - i < 2:
            return
        name = tuple(map(KEY_OF, tokens[i:j]))
        if name not in self._known_keys:
            self._learn(name)
        if len(name) >= 3 and name[1:] not in self._known_keys:
            self._learn(name[1:])  # «مرهف أبو قصرة» is later «أبو قصرة»

    def _learn(self, name: tuple[str, ...]) -> None:
        self._known_keys.add(name)
        self._known_first.update(_first_word_forms(name[0]))
        self.known.add_words(name, "person")
        self.generation += 1

    def _arabic(
        self,
        text: str,
        tokens: list[Token],
        roles: list[int],
        places: set[int],
        out: list[ActorSlot],
        taken: set[int],
    ) -> None:
        resume = 0
        for i in roles:
            tok = tokens[i]
            if i < resume or i in taken or tok[RAW].isascii():
                continue
            if tok[FLAGS] & ROLE:
                j = self._complement(text, tokens, i + 1)
                if j < len(tokens) and tokens[j][KEY] == ON_BEHALF:
                    j = self._complement(text, tokens, j + 1)  # «المتحدث باسم الجيش»: for whom, not who
                end = self._name(text, tokens, j, places)
                if end > j:
                    self._add(out, taken, text, tokens, j, end, "person", 0)
                    self._remember(text, tokens, j, end)
                    continue  # organisations inside the role («في وزارة الدفاع التركية») still count
            org = _base(tok, ORG_HEADS)
            if org is not None:
                j = self._org_complement(text, tokens, i + 1)
                if j > i + 1:
                    kind = "ministry" if org[1] in ("وزاره", "الوزاره") else "organisation"
                    self._add(out, taken, text, tokens, i, j, kind, org[0])
                    resume = j

    def _complement(self, text: str, tokens: list[Token], j: int) -> int:
        """Skip what qualifies a role: «الدفاع السوري», «للدفاع والأمن في وزارة الدفاع التركية»."""
        n = len(tokens)
        limit = j + 10
        while j < n and j < limit and _ws(text, tokens[j - 1], tokens[j]):
            if self._qualifies_role(tokens, j):
                j += 1
            else:
                break
        return j

    def _qualifies_role(self, tokens: list[Token], j: int) -> bool:
        key = tokens[j][KEY]
        if tokens[j][DEFINITE] and len(key) > 3 and key not in COMPLEMENT_STOP:
            return True
        if key in self._demonyms or tokens[j][FLAGS] & ORGANISATION:
            return True
        return key == "في" and j + 1 < len(tokens) and bool(tokens[j + 1][FLAGS] & ORGANISATION)

    def _org_complement(self, text: str, tokens: list[Token], j: int) -> int:
        n = len(tokens)
        start = j
        if j < n and _base(tokens[j - 1], QUOTED_NAME_HEADS) is not None:
            between = text[tokens[j - 1][END] : tokens[j][START]]
            if between.strip() in ("“", '"', "«"):
                close = {"“": "”", '"': '"', "«": "»"}[between.strip()]
                k = j
                while k < n and k < j + 6:
                    after = text[tokens[k][END] : tokens[k + 1][START] if k + 1 < n else tokens[k][END] + 1]
                    k += 1
                    if close in after:
                        return k
                return start
        while j < n and j < start + 5 and _ws(text, tokens[j - 1], tokens[j]):
            key = tokens[j][KEY]
            if key in COMPLEMENT_STOP:
                break
            if key.startswith(PREPOSITIONAL):
                break  # «وزارة الدفاع بالعاصمة»: a preposition starts what follows the name
            definite_word = tokens[j][DEFINITE] and len(key) > 3
            if (definite_word and (key.startswith("ال") or j > start)) or (key in self._demonyms and j > start):
                j += 1
            else:
                break
        return j

    def _name(self, text: str, tokens: list[Token], j: int, places: set[int]) -> int:
        """End index of a person's name starting at ``j`` (``j`` when there is none)."""
        n = len(tokens)
        if j >= n or j in places or tokens[j][IS_NUM] or tokens[j][RAW].isascii():
            return j
        if j > 0 and not _ws(text, tokens[j - 1], tokens[j]):
            return j
        first = tokens[j][KEY]
        not_a_name = tokens[j][DEFINITE] or first in FUNCTION_WORDS or first in NOT_NAMES or len(first) < 3
        if not_a_name and first not in NAME_LINKS:
            return j
        k = j + 1
        while k < n and k < j + 4 and _ws(text, tokens[k - 1], tokens[k]):
            key = tokens[k][KEY]
            prev = tokens[k - 1][KEY]
            if prev in NAME_LINKS:
                k += 1
                continue
            if k in places or tokens[k][IS_NUM] or key in FUNCTION_WORDS or key in NOT_NAMES:
                break
            if key.startswith("و") or key in self._demonyms:
                break
            if tokens[k][DEFINITE]:
                if key in COMPLEMENT_STOP:
                    break
                k += 1
                break  # a family name such as «الشيباني» ends the name
            k += 1
        if tokens[k - 1][KEY] in NAME_LINKS:
            return j
        if k - j == 1:
            after = text[tokens[j][END] : tokens[j + 1][START]] if j + 1 < n else "."
            if after.isspace() and j + 1 < n and tokens[j + 1][KEY] not in FUNCTION_WORDS:
                return j  # a lone word followed by more text is more likely a verb than a name
        return k

    def _english(self, text: str, tokens: list[Token], places: set[int], out: list[ActorSlot], taken: set[int]) -> None:
        """Runs of two or more capitalised words, found by one regex over the sentence.

        How a run reads (where the name starts after its titles, person or organisation) depends
        only on its words and on which of them are places, so it is worked out once per distinct run.
        """
        starts: list[int] | None = None
        for run in RUN_RE.finditer(text, tokens[0][START], tokens[-1][END]):  # two capitalised words in a row
            if starts is None:
                starts = list(map(START_OF, tokens))
            i = bisect_left(starts, run.start())
            j = bisect_left(starts, run.end(), i)
            if j - i < 2:
                continue
            if places and not places.isdisjoint(range(i, j)):
                in_places = tuple(k - i for k in range(i, j) if k in places)
            else:
                in_places = ()
            memo = (run.group(), in_places)
            reading = _RUNS.get(memo, _UNREAD)
            if reading is _UNREAD:
                reading = self._read_run(tokens, i, j, places)
                if len(_RUNS) > 50_000:
                    _RUNS.clear()
                _RUNS[memo] = reading
            if reading is None:
                continue
            first, kind = reading
            self._add(out, taken, text, tokens, i + first, j, kind, 0)
            if kind == "person":
                self._remember(text, tokens, i + first, j)

    def _read_run(self, tokens: list[Token], i: int, j: int, places: set[int]) -> tuple[int, str] | None:
        """(offset of the name in the run, kind) or None: titles, months and places are not names."""
        start = i
        while i < j and (tokens[i][KEY] in EN_STOP or tokens[i][KEY] in CALENDAR or tokens[i][RAW].isupper()):
            i += 1
        if i >= j:
            return None
        if any(tokens[k][KEY] in EN_ORG_HEADS for k in range(i, j)):
            if j - i >= 2 and not all(k in places for k in range(i, j)):
                return i - start, "organisation"
            return None
        while i < j and (tokens[i][KEY] in EN_TITLES or i in places or tokens[i][KEY] in self._demonyms):
            i += 1
        if j - i >= 2 and not any(k in places for k in range(i, j)):
            return i - start, "person"
        return None

"""Step 1 of matching, candidates: which stored items a claim is compared with at all.

Two sources, both bounded. Slot atoms (``blocking``: a person's key with a day, a place with a
number…) find reports of one event in any language. An inverted index over IDF-weighted stemmed
content terms (``TermIndex``) finds the rest, headlines and plain declaratives without slots: an
item meets the items it shares a term of at most ``max_df`` items with (longer posting lists are never
read, so a store of 100k claims never meets a quadratic posting list), and keeps its ``top_k`` best.

*Best* is the summed IDF of the terms they share that were read. Among a sentence repeated in dozens of
near-identical variants (one scene in SICK) a claim's rewrite then often ties with the tenth and loses to
older, longer variants that share its one rare word: a quarter of the SICK train entailment pairs and a
tenth of ANS's are never proposed. With ``near_duplicates`` *best* is the pair score instead: the summed
IDF of every term the two share — the common terms too, weighed for an item's ``RESCORED`` best by the
read terms, so the cost per claim stays bounded — over the geometric mean of their term counts, rounded
to millionths (so the bulk and incremental paths rank alike); near-identical short sentences come first.
That finds most of the lost pairs at no cost in candidate pairs, but it is off (``NEAR_DUPLICATES``): on
real news the near-identical short sentences it brings are mostly page furniture that the decision step
links (tag lines, recipe lines, report templates; README "Quality").

``TermIndex`` knows nothing of claims: it indexes any corpus of term lists with a group id (an
article, or a fact-check archive), so the fact-check retrieval reuses it for its own candidates.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from math import log1p
from typing import Any

import numpy as np

__all__ = ["MAX_DF", "RESCORED", "TOP_K", "TermIndex", "drop_before", "term_pairs"]

TOP_K = 10  # partners each claim keeps from the term index
MAX_DF = 50  # terms in more items than this say nothing specific and are not read
RESCORED = 50  # candidates by their read terms whose common terms are weighed too: a bounded cost per claim
# Rank by the pair score (near-identical short sentences first) instead of the summed IDF of the read terms.
# Off: on real news it also surfaces near-identical page furniture that the decision step then links
# (README "Quality": tag lines, recipe lines, market-report templates).
NEAR_DUPLICATES = False
_ZEROS = repeat(0.0)  # the default of every common-term lookup (``map(dict.get, terms, _ZEROS)``)


class TermIndex:
    """Postings of stemmed terms, document frequencies and IDF; grows one item at a time.

    ``group`` is what an item is never matched within (its article); -1 for none. ``evict`` drops the
    oldest items (a bounded window): positions stay those of the items still held, from 0.
    """

    def __init__(self, *, top_k: int = TOP_K, max_df: int = MAX_DF, near_duplicates: bool = NEAR_DUPLICATES) -> None:
        self.top_k = top_k
        self.max_df = max_df
        self.near_duplicates = near_duplicates
        self.groups: list[int] = []
        self.items: list[tuple[str, ...]] = []  # each item's distinct terms (the caller's tuple, not a copy)
        self.postings: defaultdict[str, list[int]] = defaultdict(list)
        self._base = 0  # postings hold absolute positions: the position of an item is absolute - base

    def __len__(self) -> int:
        return len(self.groups)

    def add(self, terms: Iterable[str], group: int = -1) -> int:
        """Index an item; a tuple of distinct terms (a claim's ``terms``) is held as it is, not copied."""
        position = len(self.groups)
        distinct = terms if isinstance(terms, tuple) and len(set(terms)) == len(terms) else tuple(dict.fromkeys(terms))
        self.groups.append(group)
        self.items.append(distinct)
        for term in distinct:
            self.postings[term].append(position + self._base)
        return position

    def evict(self, count: int, terms: Iterable[str]) -> None:
        """Forget the ``count`` oldest items; ``terms`` are (at least) all of their terms."""
        if count <= 0:
            return
        del self.groups[:count]
        del self.items[:count]
        self._base += count
        drop_before(self.postings, set(terms), self._base)

    def df(self, term: str) -> int:
        members = self.postings.get(term)
        return len(members) if members else 0

    def frequencies(self) -> Mapping[str, int]:
        """Every term's document frequency, read when asked (``df``; absent: a term of no item)."""
        return _Frequencies(self.postings)

    def idf(self, term: str, *, extra: int = 0) -> float:
        """Smoothed inverse document frequency (``extra`` items not yet added, such as the query)."""
        return idf(len(self.groups) + extra, self.df(term) + extra)

    def query(self, terms: Sequence[str], group: int = -1, *, top_k: int | None = None) -> list[tuple[int, float]]:
        """The ``top_k`` items (position, score) best matching ``terms``, best first (ties: the lower
        position); items of ``group`` are skipped. Only items sharing a term of at most ``max_df`` items
        are scored, by the summed IDF of those terms; with ``near_duplicates``, by the pair score: for the
        ``RESCORED`` best of them, the terms they share beyond those add their weight."""
        distinct = tuple(dict.fromkeys(terms))
        scores: defaultdict[int, float] = defaultdict(float)  # by absolute position: no subtraction per posting
        common: dict[str, float] = {}  # shared terms too frequent to read, weighed for the items found
        total = len(self.groups) + 1
        postings, max_df = self.postings, self.max_df
        for term in distinct:
            members = postings.get(term)
            if not members:
                continue
            weight = log1p(total / (len(members) + 1))  # ``idf(total, df + 1)``, in line: a call per term cost a tenth
            if len(members) > max_df:
                common[term] = weight
                continue
            for position in members:
                scores[position] += weight
        base, groups, items = self._base, self.groups, self.items
        k = self.top_k if top_k is None else top_k
        if k <= 0:
            return []
        if not self.near_duplicates:  # (-score, position) in one pass; the same order as below
            ranked = [(-score, a - base) for a, score in scores.items() if group < 0 or groups[a - base] != group]
            return [(p, -negative) for negative, p in heapq.nsmallest(k, ranked)]
        found = [(score, absolute - base) for absolute, score in scores.items()]
        if group >= 0:
            found = [(score, p) for score, p in found if groups[p] != group]
        size = len(distinct)
        # (-pair score, position, summed IDF) by the read terms alone; in line, as a call per item cost a third.
        plain = [(-round(score / math.sqrt(size * len(items[p])), 6), p, score) for score, p in found]
        if common:  # the best ``RESCORED`` of them are weighed again with the common terms they hold
            plain = [
                (-round((score + sum(map(common.get, items[p], _ZEROS))) / math.sqrt(size * len(items[p])), 6), p, 0.0)
                for _, p, score in (heapq.nsmallest(RESCORED, plain) if len(plain) > RESCORED else plain)
            ]
        return [(p, -negative) for negative, p, _ in heapq.nsmallest(k, plain)]


class _Frequencies(Mapping[str, int]):
    """A live view of a ``TermIndex``'s document frequencies: only the terms looked up are counted."""

    def __init__(self, postings: dict[str, list[int]]) -> None:
        self._postings = postings

    def __getitem__(self, term: str) -> int:
        members = self._postings.get(term)
        if not members:
            raise KeyError(term)
        return len(members)

    def get(self, term: str, default: Any = None) -> Any:
        """``Mapping.get`` without raising and catching a KeyError for every term of no item."""
        members = self._postings.get(term)
        return len(members) if members else default

    def __iter__(self) -> Iterator[str]:
        return (term for term, members in self._postings.items() if members)

    def __len__(self) -> int:
        return sum(1 for members in self._postings.values() if members)


def drop_before(lists: dict[Any, list[int]], keys: Iterable[Any], first: int) -> None:
    """Remove the entries below ``first`` from the ascending position lists of ``keys``; empty lists go."""
    for key in keys:
        members = lists.get(key)
        if members is None:
            continue
        del members[: bisect_left(members, first)]
        if not members:
            del lists[key]


def idf(total: int, df: int) -> float:
    """``ln(1 + N / df)``: positive for every term, highest for a term of one item."""
    return math.log1p(total / max(1, df))


_SCORE_BITS = 1 << 30  # scores in millionths: up to 1,073 (a pair shares at most a few dozen terms)


def _ranking(owner: np.ndarray, partner: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    """The order by owner, then highest score, then lowest partner: one sort of a combined int64 key
    where it fits in 63 bits (up to about 90k items), else a three-key lexsort."""
    if n * n * _SCORE_BITS < 1 << 63 and score.size and score.max() * 1e6 < _SCORE_BITS:
        inverse = _SCORE_BITS - 1 - np.rint(score * 1e6).astype(np.int64)
        return np.argsort((owner * _SCORE_BITS + inverse) * n + partner)
    return np.lexsort((partner, -score, owner))


def term_pairs(
    terms: Sequence[Sequence[str]],
    groups: np.ndarray,
    *,
    top_k: int = TOP_K,
    max_df: int = MAX_DF,
    near_duplicates: bool = NEAR_DUPLICATES,
) -> tuple[np.ndarray, np.ndarray]:
    """Every item's ``top_k`` partners by shared-term IDF (the pair score with ``near_duplicates``), in
    bulk (a full re-match), as sorted (lower, higher) position arrays; items of one group are never paired.

    Terms become integer ids; each posting list of 2..``max_df`` items yields its pairs, weighted by
    the term's IDF; equal pairs are summed by sorting their codes, and each item keeps its best
    ``top_k`` (a pair is kept when either side keeps it). With ``near_duplicates`` an item's
    ``RESCORED`` best are ranked again with the common terms they share (``_common_weights``).
    """
    n = len(terms)
    empty = np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty, empty
    ids: dict[str, int] = {}
    flat = np.fromiter((ids.setdefault(t, len(ids)) for ts in terms for t in ts), dtype=np.int64)
    counts = np.fromiter((len(ts) for ts in terms), dtype=np.int64, count=n)
    owners = np.repeat(np.arange(n, dtype=np.int64), counts)
    df = np.bincount(flat, minlength=len(ids))
    weight_of = np.log1p(n / np.maximum(1, df))
    common = df[flat] > max_df
    # (item, term) of every common term, for the pair score
    common_codes = np.sort(owners[common] * len(ids) + flat[common]) if near_duplicates else empty
    posted = (df[flat] >= 2) & ~common
    flat, owners = flat[posted], owners[posted]
    order = np.lexsort((owners, flat))
    flat, owners = flat[order], owners[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]]) if flat.size else flat
    sizes = np.diff(np.r_[starts, len(flat)])
    codes, weights = [empty], [np.zeros(0)]
    for size in sorted(set(sizes[sizes >= 2].tolist())):
        first = starts[sizes == size]
        members = owners[first[:, None] + np.arange(size)]
        upper_i, upper_j = np.triu_indices(size, 1)
        left, right = members[:, upper_i].ravel(), members[:, upper_j].ravel()
        keep = groups[left] != groups[right]
        codes.append(left[keep] * n + right[keep])
        weights.append(np.repeat(weight_of[flat[first]], len(upper_i))[keep])
    code, weight = np.concatenate(codes), np.concatenate(weights)
    if not code.size:
        return empty, empty
    order = np.argsort(code, kind="stable")
    code, weight = code[order], weight[order]
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    code = code[starts]
    left, right = code // n, code % n
    shared = np.add.reduceat(weight, starts)
    if near_duplicates:
        # Each side ranks its partners by the pair score of the read terms, ranks its best ``RESCORED``
        # again with the common terms added, and keeps its ``top_k`` (ties: the lower position).
        norm = np.sqrt(np.maximum(1, counts[left]) * np.maximum(1, counts[right]))
        plain = np.round(shared / norm, 6)
        owner, partner, pair = _best(np.r_[left, right], np.r_[right, left], np.r_[plain, plain], n, RESCORED)
        if common_codes.size:
            shared = shared + _common_weights(left, right, common_codes, len(ids), weight_of, np.unique(pair))
        _, _, pair = _best(owner, partner, np.round(shared / norm, 6)[pair], n, top_k, pair)
    else:  # by item, heaviest first (ties: the lower position), keeps ``top_k``
        rounded = np.round(shared, 6)
        _, _, pair = _best(np.r_[left, right], np.r_[right, left], np.r_[rounded, rounded], n, top_k)
    kept = np.sort(pair)  # np.unique by sorting: numpy 2's hash-based unique is far slower
    kept = kept[np.r_[True, kept[1:] != kept[:-1]]] if kept.size else kept
    return left[kept], right[kept]


def _best(
    owner: np.ndarray, partner: np.ndarray, score: np.ndarray, n: int, k: int, pair: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The entries (owner, partner, pair index) among each owner's ``k`` best by ``score`` (ties: the
    lower partner); ``pair`` defaults to the entry's place in the first half or the second."""
    if pair is None:
        pair = np.r_[np.arange(len(owner) // 2), np.arange(len(owner) // 2)]
    order = _ranking(owner, partner, score, n)
    owner, partner, pair = owner[order], partner[order], pair[order]
    first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if owner.size else owner
    rank = np.arange(len(owner)) - np.repeat(first, np.diff(np.r_[first, len(owner)]))
    best = rank < k
    return owner[best], partner[best], pair[best]


_CHUNK = 1 << 20  # pairs probed at once: bounds the temporary arrays


def _common_weights(
    left: np.ndarray,
    right: np.ndarray,
    common_codes: np.ndarray,
    vocabulary: int,
    weight_of: np.ndarray,
    wanted_pairs: np.ndarray,
) -> np.ndarray:
    """Per pair (zero but for ``wanted_pairs``), the summed IDF of the common terms both items hold: each
    common term of the item with fewer is looked up among the other's (``common_codes``: sorted
    ``item * vocabulary + term``)."""
    out = np.zeros(len(left))
    owners = common_codes // vocabulary
    held = np.bincount(owners, minlength=int(max(left.max(), right.max())) + 1)
    first = np.r_[0, np.cumsum(held)[:-1]]
    for begin in range(0, len(wanted_pairs), _CHUNK):
        which = wanted_pairs[begin : begin + _CHUNK]
        a, b = left[which], right[which]
        probe = np.where(held[a] <= held[b], a, b)
        other = a + b - probe
        reps = held[probe]
        pair = np.repeat(np.arange(len(a)), reps)
        offset = np.arange(len(pair)) - np.repeat(np.cumsum(reps) - reps, reps)
        term = common_codes[first[probe][pair] + offset] % vocabulary
        wanted = other[pair] * vocabulary + term
        found = np.minimum(np.searchsorted(common_codes, wanted), len(common_codes) - 1)
        hit = common_codes[found] == wanted
        out[which] = np.bincount(pair[hit], weights=weight_of[term[hit]], minlength=len(a))
    return out

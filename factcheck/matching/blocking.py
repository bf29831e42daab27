"""Candidate pairs: claims meet when they share a pair of slot atoms, or rare stemmed terms.

A single atom ("c:TR") is shared by thousands of claims; a pair of atoms ("c:TR|d:2025-10-12") by a
handful, so pair keys keep candidate generation linear in the store. Blocks larger than
``max_block`` are skipped (they say nothing specific). The term index (``candidates.TermIndex``)
adds each claim's ``top_k`` best partners by shared rare terms, which is how claims without slots
(headlines, plain declaratives) meet at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain, count

import numpy as np

from factcheck.matching.candidates import MAX_DF, NEAR_DUPLICATES, TOP_K, TermIndex, drop_before, term_pairs
from factcheck.matching.features import MAX_ATOMS, ClaimFeatures

__all__ = ["BlockKey", "MatchIndex", "atom_table", "block_keys", "candidate_pairs"]

# Atoms that many claims share: a pair of two of them is a key only while its block stays small.
WEAK_KINDS = "mec"  # month, event, country
WEAK_MAX_BLOCK = 12
COMBINED_SORT_LIMIT = 1 << 62  # largest key * claims + position sorted as one int64


BlockKey = tuple[str, str]


def block_keys(features: ClaimFeatures) -> list[BlockKey]:
    """Pair keys of a claim's atoms (atoms are already ordered and capped), each pair sorted.

    Tuples, not joined strings: a claim has up to 28 keys and building them is most of indexing.
    """
    atoms = [a for a in features.atoms if a[0] != "y"]
    keys: list[BlockKey] = []
    for n, x in enumerate(atoms, 1):
        date_x = x[0] in "dm"
        for y in atoms[n:]:
            if date_x and y[0] in "dm" and (x[2:].startswith(y[2:]) or y[2:].startswith(x[2:])):
                continue  # a day and its own month are one slot, not two
            keys.append((x, y) if x < y else (y, x))
    return keys


def _limit(key: BlockKey, max_block: int) -> int:
    """Weak pairs (both atoms of a weak kind) only count while their block stays very small."""
    return WEAK_MAX_BLOCK if key[0][0] in WEAK_KINDS and key[1][0] in WEAK_KINDS else max_block


class MatchIndex:
    """An in-memory candidate index that grows one claim at a time (incremental matching).

    With a ``window``, only the newest ``window`` claims are held: the oldest are forgotten as new ones
    come (in steps of a tenth of the window), so memory stays flat however large the store grows.
    Positions (``features[p]``, ``candidates``) are those of the claims held, from 0.
    """

    def __init__(
        self,
        *,
        max_block: int = 100,
        top_k: int = TOP_K,
        max_df: int = MAX_DF,
        window: int | None = None,
        near_duplicates: bool = NEAR_DUPLICATES,
    ) -> None:
        self.max_block = max_block
        self.window = window
        self.features: list[ClaimFeatures] = []
        self.terms = TermIndex(top_k=top_k, max_df=max_df, near_duplicates=near_duplicates)
        self._blocks: defaultdict[BlockKey, list[int]] = defaultdict(list)  # absolute positions, ascending
        self._base = 0  # absolute position of features[0]

    def __len__(self) -> int:
        return len(self.features)

    @property
    def base(self) -> int:
        """How many claims were evicted: ``features[p]`` was the ``base + p``-th claim added."""
        return self._base

    def add(self, features: ClaimFeatures, keys: list[BlockKey] | None = None) -> int:
        """Hold ``features`` (``keys``: its ``block_keys``, when the caller has them already)."""
        if self.window is not None and len(self.features) >= self.window:
            self.evict(max(1, self.window // 10))
        position = len(self.features)
        self.features.append(features)
        for key in block_keys(features) if keys is None else keys:
            self._blocks[key].append(position + self._base)
        self.terms.add(features.terms, features.claim.article_id)
        return position

    def extend(self, many: Iterable[ClaimFeatures]) -> None:
        for features in many:
            self.add(features)

    def evict(self, count: int) -> None:
        """Forget the ``count`` oldest claims: their block entries and postings go with them."""
        gone = self.features[:count]
        if not gone:
            return
        del self.features[: len(gone)]
        self._base += len(gone)
        drop_before(self._blocks, {key for f in gone for key in block_keys(f)}, self._base)
        self.terms.evict(len(gone), (t for f in gone for t in f.terms))

    def candidates(self, features: ClaimFeatures, keys: list[BlockKey] | None = None) -> set[int]:
        """Positions of stored claims from other articles that share a block or rare terms with ``features``
        (``keys``: its ``block_keys``, when the caller has them already)."""
        found: set[int] = set()
        for key in block_keys(features) if keys is None else keys:
            members = self._blocks.get(key)
            if members and len(members) <= _limit(key, self.max_block):
                found.update(members)
        if self._base:
            found = {p - self._base for p in found}
        article = features.claim.article_id
        found.update(p for p, _ in self.terms.query(features.terms, article))
        articles = self.terms.groups  # the article of each claim held, by position
        return {p for p in found if articles[p] != article}

    def all_pairs(self) -> set[tuple[int, int]]:
        """Every candidate pair of the stored claims, as (lower, higher) positions."""
        left, right = candidate_pairs(
            self.features,
            max_block=self.max_block,
            top_k=self.terms.top_k,
            max_df=self.terms.max_df,
            near_duplicates=self.terms.near_duplicates,
        )
        return set(zip(left.tolist(), right.tolist(), strict=True))


_PAIR_I, _PAIR_J = np.triu_indices(MAX_ATOMS, 1)  # every pair of atom slots of one claim


def atom_table(features: Sequence[ClaimFeatures]) -> tuple[np.ndarray, list[str]]:
    """Each claim's atoms as integer ids (one row per claim, -1 where it has fewer than ``MAX_ATOMS``),
    and the atom of each id: equal atoms have equal ids, so rows compare in numpy."""
    atom_ids: defaultdict[str, int] = defaultdict(count().__next__)  # a new atom takes the next id
    counts = np.fromiter(map(len, (f.atoms for f in features)), dtype=np.int64, count=len(features))
    flat = np.fromiter(
        map(atom_ids.__getitem__, chain.from_iterable(f.atoms for f in features)), dtype=np.int64, count=counts.sum()
    )
    table = np.full((len(features), MAX_ATOMS), -1, dtype=np.int32)  # int32: half the memory to touch
    table[np.arange(MAX_ATOMS) < counts[:, None]] = flat  # row-major fill: each claim's atoms in order
    return table, list(atom_ids)


def candidate_pairs(
    features: Sequence[ClaimFeatures],
    *,
    max_block: int = 100,
    top_k: int = TOP_K,
    max_df: int = MAX_DF,
    atom_ids: tuple[np.ndarray, list[str]] | None = None,
    near_duplicates: bool = NEAR_DUPLICATES,
) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate pair among ``features`` as two position arrays sorted by (lower, higher).

    The same atom blocks as ``MatchIndex(...).extend(features)`` (``block_keys``, block limits) plus
    each claim's ``top_k`` partners by shared rare terms (``term_pairs``; ranked by the pair score with
    ``near_duplicates``), computed in bulk for a full
    re-match: atoms become integers, a claim's pair keys are built for all claims at once in numpy,
    and blocks are found by sorting the keys instead of growing one Python list per key.
    ``atom_ids`` is ``atom_table(features)`` when the caller needs it too.
    """
    n = len(features)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    table, atoms = atom_table(features) if atom_ids is None else atom_ids
    # Per atom id (index -1 is "no atom"): its kind, whether it is weak, and the month of a date atom.
    months: dict[str, int] = {}
    kind = np.array([ord(a[0]) for a in atoms] + [0], dtype=np.int8)
    weak = np.array([a[0] in WEAK_KINDS for a in atoms] + [False])
    month = np.array(
        [months.setdefault(a[2:9], len(months)) if a[0] in "dm" else -1 for a in atoms] + [-1], dtype=np.int32
    )
    x, y = table[:, _PAIR_I], table[:, _PAIR_J]
    kx, ky = kind[x], kind[y]
    valid = (x >= 0) & (y >= 0) & (kx != ord("y")) & (ky != ord("y"))
    # A day and its own month are one slot, not two.
    day_month = ((kx == ord("d")) & (ky == ord("m"))) | ((kx == ord("m")) & (ky == ord("d")))
    valid &= ~(day_month & (month[x] == month[y]))
    width = len(atoms) + 1
    keys = np.minimum(x, y)[valid].astype(np.int64) * width + np.maximum(x, y)[valid]
    owners = np.broadcast_to(np.arange(n, dtype=np.int64)[:, None], x.shape)[valid]
    # By key, members in position order: one sort of key * n + position where that fits in 63 bits
    # (keys stay below width², so up to a few hundred thousand claims), else a lexsort of the two.
    if width * width * n < COMBINED_SORT_LIMIT:
        combined = np.sort(keys * n + owners)
        keys, owners = combined // n, combined % n
    else:
        order = np.lexsort((owners, keys))
        keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else keys
    sizes = np.diff(np.r_[starts, len(keys)])
    first_keys = keys[starts]
    limits = np.where(weak[first_keys // width] & weak[first_keys % width], WEAK_MAX_BLOCK, max_block)
    eligible = (sizes >= 2) & (sizes <= limits)
    articles = np.fromiter((f.claim.article_id for f in features), dtype=np.int64, count=n)
    codes = [np.zeros(0, dtype=np.int64)]
    for size in _sorted_unique(sizes[eligible]).tolist():
        first = starts[eligible & (sizes == size)]
        members = owners[first[:, None] + np.arange(size)]
        upper_i, upper_j = np.triu_indices(size, 1)
        left, right = members[:, upper_i].ravel(), members[:, upper_j].ravel()
        keep = articles[left] != articles[right]
        codes.append(left[keep] * n + right[keep])
    term_left, term_right = term_pairs(
        [f.terms for f in features], articles, top_k=top_k, max_df=max_df, near_duplicates=near_duplicates
    )
    codes.append(term_left * n + term_right)
    unique = _sorted_unique(np.concatenate(codes))
    return unique // n, unique % n


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting: numpy 2's hash-based ``unique`` took 40 times longer on pair codes."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if values.size else values

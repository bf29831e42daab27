"""Candidate pairs by blocking: claims meet only when they share a pair of slot atoms.

A single atom ("c:TR") is shared by thousands of claims; a pair of atoms ("c:TR|d:2025-10-12") by a
handful, so pair keys keep candidate generation linear in the store. Blocks larger than
``max_block`` are skipped (they say nothing specific). Claims with fewer than two slot atoms fall
back to their rarest words and single atoms, which costs more and is used only for them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations

from factcheck.matching.features import ClaimFeatures

__all__ = ["MatchIndex", "block_keys"]

MIN_TOKEN_LEN = 3
# Atoms that many claims share: a pair of two of them is a key only while its block stays small.
WEAK_KINDS = "mec"  # month, event, country
WEAK_MAX_BLOCK = 12


def block_keys(features: ClaimFeatures) -> list[str]:
    """Pair keys of a claim's atoms (atoms are already ordered and capped); "!" marks weak pairs."""
    keys = []
    for x, y in combinations([a for a in features.atoms if a[0] != "y"], 2):
        if x[0] in "dm" and y[0] in "dm" and (x[2:].startswith(y[2:]) or y[2:].startswith(x[2:])):
            continue  # a day and its own month are one slot, not two
        key = f"{x}|{y}" if x < y else f"{y}|{x}"
        keys.append("!" + key if x[0] in WEAK_KINDS and y[0] in WEAK_KINDS else key)
    return keys


def _limit(key: str, max_block: int) -> int:
    return WEAK_MAX_BLOCK if key.startswith("!") else max_block


def _tokens(features: ClaimFeatures) -> Iterator[str]:
    return (w for w in features.words if len(w) >= MIN_TOKEN_LEN and not w.isdigit())


class MatchIndex:
    """An in-memory blocking index that grows one claim at a time (incremental matching)."""

    def __init__(self, *, max_block: int = 100, rare_tokens: int = 3, max_token_df: int = 50) -> None:
        self.max_block = max_block
        self.rare_tokens = rare_tokens
        self.max_token_df = max_token_df
        self.features: list[ClaimFeatures] = []
        self._blocks: defaultdict[str, list[int]] = defaultdict(list)
        self._singles: defaultdict[str, list[int]] = defaultdict(list)
        self._tokens: defaultdict[str, list[int]] | None = None  # built on the first fallback query

    def __len__(self) -> int:
        return len(self.features)

    def add(self, features: ClaimFeatures) -> int:
        position = len(self.features)
        self.features.append(features)
        for key in block_keys(features):
            self._blocks[key].append(position)
        for atom in features.atoms:
            self._singles[atom].append(position)
        if self._tokens is not None:
            for token in _tokens(features):
                self._tokens[token].append(position)
        return position

    def _token_index(self) -> defaultdict[str, list[int]]:
        """Word postings, only needed for claims with few slots, so built when one first asks."""
        if self._tokens is None:
            self._tokens = defaultdict(list)
            for position, features in enumerate(self.features):
                for token in _tokens(features):
                    self._tokens[token].append(position)
        return self._tokens

    def extend(self, many: Iterable[ClaimFeatures]) -> None:
        for features in many:
            self.add(features)

    def candidates(self, features: ClaimFeatures) -> set[int]:
        """Positions of stored claims from other articles that share a block with ``features``."""
        found: set[int] = set()
        for key in block_keys(features):
            members = self._blocks.get(key)
            if members and len(members) <= _limit(key, self.max_block):
                found.update(members)
        if features.slot_atom_count < 2:
            found.update(self._fallback(features))
        article = features.claim.article_id
        return {p for p in found if self.features[p].claim.article_id != article}

    def _fallback(self, features: ClaimFeatures) -> set[int]:
        found: set[int] = set()
        for atom in features.atoms:
            members = self._singles.get(atom)
            if members and len(members) <= self.max_block:
                found.update(members)
        tokens = self._token_index()
        rare = sorted(
            (len(members), token)
            for token in _tokens(features)
            if (members := tokens.get(token)) and len(members) <= self.max_token_df
        )
        for _, token in rare[: self.rare_tokens]:
            found.update(tokens[token])
        return found

    def all_pairs(self) -> set[tuple[int, int]]:
        """Every candidate pair of the stored claims, as (lower, higher) positions."""
        pairs: set[tuple[int, int]] = set()
        feats = self.features
        for key, members in self._blocks.items():
            if 2 <= len(members) <= _limit(key, self.max_block):
                for i, j in combinations(members, 2):
                    if feats[i].claim.article_id != feats[j].claim.article_id:
                        pairs.add((i, j))
        for position, features in enumerate(feats):
            if features.slot_atom_count < 2:
                article = features.claim.article_id
                for other in self._fallback(features):
                    if other != position and feats[other].claim.article_id != article:
                        pairs.add((min(position, other), max(position, other)))
        return pairs

"""Bulk blocking for a full re-match must propose exactly the pairs the incremental index defines.

The reference below is the definition spelled out: every pair of claims from different articles that
share a block key (``block_keys``) of a block within its size limit, plus the rare-token fallback of
claims with few slot atoms. Small slot vocabularies and small limits make blocks overflow, so the
limits, the weak pairs and the fallback are all exercised.
"""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

import pytest

from factcheck.matching import MatchClaim, MatchIndex, features_of
from factcheck.matching.blocking import WEAK_KINDS, WEAK_MAX_BLOCK, block_keys, candidate_pairs
from factcheck.matching.features import ClaimFeatures
from factcheck.model import ActorSlot, DateSlot, NumberSlot, PlaceSlot, Slots

PEOPLE = ["Abu Qasra", "Hakan Fidan", "Yasar Guler", "Asaad Shaibani", "Ayman Safadi"]
PLACES = [("Damascus", "SY"), ("Ankara", "TR"), ("Amman", "JO"), ("Aleppo", "SY")]
WORDS = ["visited", "met", "signed", "agreement", "defence", "talks", "army", "border", "trade", "minister"]


def _claims(n: int, seed: int) -> list[MatchClaim]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = f"2025-0{rng.randint(1, 3)}-{rng.randint(10, 12)}"
        dates = (DateSlot(day, day if rng.random() < 0.6 else day[:7], "day", 0, 1),) if rng.random() < 0.7 else ()
        place, country = rng.choice(PLACES)
        places = (PlaceSlot(place, place, country, "city", 0, 1),) if rng.random() < 0.5 else ()
        value = rng.randint(2, 6)
        numbers = (NumberSlot(f"{value} times", value, "times", 0, 1),) if rng.random() < 0.4 else ()
        person = rng.choice(PEOPLE)
        actors = (ActorSlot(person, person, "person", 0, 1),) if rng.random() < 0.5 else ()
        text = " ".join([person if actors else "officials", *rng.sample(WORDS, 4)])
        slots = Slots(dates=dates, places=places, numbers=numbers, actors=actors)
        out.append(MatchClaim(id=i + 1, article_id=i // 4, text=text, language="en", slots=slots))
    return out


def _reference(features: list[ClaimFeatures], index: MatchIndex) -> set[tuple[int, int]]:
    blocks: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for position, f in enumerate(features):
        for key in block_keys(f):
            blocks[key].append(position)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        weak = key[0][0] in WEAK_KINDS and key[1][0] in WEAK_KINDS
        if len(members) <= (WEAK_MAX_BLOCK if weak else index.max_block):
            pairs.update((i, j) for i, j in combinations(members, 2))
    for position, f in enumerate(features):
        if f.slot_atom_count < 2:
            pairs.update((min(position, o), max(position, o)) for o in index._fallback(f) if o != position)
    return {(i, j) for i, j in pairs if features[i].claim.article_id != features[j].claim.article_id}


@pytest.mark.parametrize(("n", "max_block", "seed"), [(300, 100, 1), (600, 8, 2), (600, 30, 3)])
def test_bulk_pairs_are_the_blocking_definition(n: int, max_block: int, seed: int) -> None:
    features = [features_of(c) for c in _claims(n, seed)]
    index = MatchIndex(max_block=max_block)
    index.extend(features)
    left, right = candidate_pairs(features, max_block=max_block)
    bulk = list(zip(left.tolist(), right.tolist(), strict=True))
    assert bulk == sorted(set(bulk)), "pairs come sorted and once each"
    expected = _reference(features, index)
    assert set(bulk) == expected
    assert len(expected) > n  # the data makes real blocks, not a trivial empty answer


def test_a_store_too_large_for_combined_sort_keys_gets_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.matching.blocking as blocking

    features = [features_of(c) for c in _claims(500, 5)]
    combined = candidate_pairs(features, max_block=20)
    monkeypatch.setattr(blocking, "COMBINED_SORT_LIMIT", 0)  # as if key * claims overflowed 63 bits
    separate = candidate_pairs(features, max_block=20)
    assert [a.tolist() for a in combined] == [a.tolist() for a in separate]
    assert len(combined[0]) > 500


def test_no_claims_no_pairs() -> None:
    left, right = candidate_pairs([])
    assert left.size == right.size == 0


def test_claims_without_pair_keys_still_meet_through_the_fallback() -> None:
    """One slot atom each: no block keys at all, only the rare-word fallback can join them."""
    claims = [
        MatchClaim(id=i + 1, article_id=i, text="Zarqawi convoy ambushed near crossing", language="en", slots=Slots())
        for i in range(3)
    ]
    features = [features_of(c) for c in claims]
    assert all(not block_keys(f) for f in features)
    left, right = candidate_pairs(features)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2)]

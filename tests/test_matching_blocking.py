"""Bulk candidates for a full re-match must be exactly the pairs the definition gives.

The reference below is the definition spelled out: every pair of claims from different articles that
share a block key (``block_keys``) of a block within its size limit, plus each claim's ``top_k``
partners from other articles among those sharing a stemmed term of 2..``max_df`` claims, ranked by the
summed IDF (``ln(1 + n / df)``) of every term they share over the geometric mean of the two term counts
(ties: the lower position).
Small slot vocabularies and small limits make blocks overflow, so the limits, the weak pairs and the
term ranking are exercised.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from itertools import combinations

import pytest

from factcheck.matching import MatchClaim, MatchIndex, features_of
from factcheck.matching.blocking import WEAK_KINDS, WEAK_MAX_BLOCK, block_keys, candidate_pairs
from factcheck.matching.candidates import MAX_DF, TOP_K, TermIndex
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
    n = len(features)
    df = Counter(t for f in features for t in f.terms)
    for position, f in enumerate(features):
        scores = {
            other: round(
                sum(math.log1p(n / df[t]) for t in set(f.terms) & set(g.terms))
                / math.sqrt(len(f.terms) * len(g.terms)),
                6,
            )
            for other, g in enumerate(features)
            if g.claim.article_id != f.claim.article_id
            and any(2 <= df[t] <= MAX_DF for t in set(f.terms) & set(g.terms))
        }
        best = sorted(scores, key=lambda o: (-scores[o], o))
        pairs.update((min(position, o), max(position, o)) for o in best[:TOP_K])
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


def test_claims_without_pair_keys_still_meet_through_rare_terms() -> None:
    """No slots at all: no block keys, only the term index can join them."""
    claims = [
        MatchClaim(id=i + 1, article_id=i, text="Zarqawi convoy ambushed near crossing", language="en", slots=Slots())
        for i in range(3)
    ]
    features = [features_of(c) for c in claims]
    assert all(not block_keys(f) for f in features)
    left, right = candidate_pairs(features)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2)]


def test_term_ranking_without_the_combined_key_gets_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.matching.candidates as candidates

    features = [features_of(c) for c in _claims(400, 6)]
    combined = candidate_pairs(features, max_block=20)
    monkeypatch.setattr(candidates, "_SCORE_BITS", 1 << 62)  # as if owner * score * n overflowed 63 bits
    separate = candidate_pairs(features, max_block=20)
    assert [a.tolist() for a in combined] == [a.tolist() for a in separate]


@pytest.mark.parametrize(("window", "max_block"), [(100, 100), (250, 8)])
def test_a_windowed_index_answers_as_a_fresh_index_of_the_claims_it_holds(window: int, max_block: int) -> None:
    """The import's bounded index: old claims are forgotten with their blocks and postings, and what is
    left gives the same candidates, block limits and term weights as an index built from it alone."""
    features = [features_of(c) for c in _claims(900, 7)]
    windowed = MatchIndex(max_block=max_block, window=window)
    windowed.extend(features[:600])
    assert window * 0.9 <= len(windowed) <= window
    held = windowed.features
    assert [f.claim.id for f in held] == [f.claim.id for f in features[600 - len(held) : 600]]
    fresh = MatchIndex(max_block=max_block)
    fresh.extend(held)
    compared = 0
    for f in features[600:]:
        got = windowed.candidates(f)
        assert got == fresh.candidates(f)
        assert all(windowed.features[p] is held[p] for p in got)
        compared += len(got)
        assert {t: windowed.terms.df(t) for t in f.terms} == {t: fresh.terms.df(t) for t in f.terms}
    assert compared > 100  # the claims really meet candidates in the window


def test_a_term_index_forgets_its_oldest_items() -> None:
    index = TermIndex(top_k=5)
    for n, terms in enumerate([["flood", "jeddah"], ["flood", "riyadh"], ["flood", "jeddah", "airport"]]):
        index.add(terms, group=n)
    index.evict(1, ["flood", "jeddah"])
    assert len(index) == 2 and index.df("flood") == 2 and index.df("jeddah") == 1
    assert [p for p, _ in index.query(["jeddah", "airport"])] == [1]  # positions of the items still held
    assert index.groups == [1, 2]

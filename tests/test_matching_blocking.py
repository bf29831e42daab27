"""Bulk candidates for a full re-match must be exactly the pairs the definition gives.

The reference below is the definition spelled out: every pair of claims from different articles that
share a block key (``block_keys``) of a block within its size limit, plus each claim's ``top_k``
partners from other articles among those sharing a stemmed term of 2..``max_df`` claims, by the summed
IDF (``ln(1 + n / df)``) of those terms (ties: the lower position). With ``near_duplicates``, by the pair
score: the best ``RESCORED`` by that sum over the geometric mean of the two term counts, ranked again
with every shared term's IDF.
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
from factcheck.matching.candidates import MAX_DF, RESCORED, TOP_K, TermIndex
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


def _reference(
    features: list[ClaimFeatures], index: MatchIndex, *, near_duplicates: bool = False, rescored: int = RESCORED
) -> set[tuple[int, int]]:
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
    weight = {t: math.log1p(n / df[t]) for t in df}
    for position, f in enumerate(features):
        partners = [
            g
            for g in range(n)
            if features[g].claim.article_id != f.claim.article_id
            and any(2 <= df[t] <= MAX_DF for t in set(f.terms) & set(features[g].terms))
        ]

        def score(g: int, *, common: bool, f: ClaimFeatures = f) -> float:
            shared = [t for t in set(f.terms) & set(features[g].terms) if common or df[t] <= MAX_DF]
            norm = math.sqrt(len(f.terms) * len(features[g].terms)) if near_duplicates else 1.0
            return round(sum(weight[t] for t in shared) / norm, 6)

        best = sorted(partners, key=lambda g: (-score(g, common=False), g))
        if near_duplicates:
            best = sorted(best[:rescored], key=lambda g: (-score(g, common=True), g))
        pairs.update((min(position, o), max(position, o)) for o in best[:TOP_K])
    return {(i, j) for i, j in pairs if features[i].claim.article_id != features[j].claim.article_id}


@pytest.mark.parametrize("near_duplicates", [False, True])
@pytest.mark.parametrize(("n", "max_block", "seed"), [(300, 100, 1), (600, 8, 2), (600, 30, 3)])
def test_bulk_pairs_are_the_blocking_definition(n: int, max_block: int, seed: int, near_duplicates: bool) -> None:
    features = [features_of(c) for c in _claims(n, seed)]
    index = MatchIndex(max_block=max_block)
    index.extend(features)
    left, right = candidate_pairs(features, max_block=max_block, near_duplicates=near_duplicates)
    bulk = list(zip(left.tolist(), right.tolist(), strict=True))
    assert bulk == sorted(set(bulk)), "pairs come sorted and once each"
    expected = _reference(features, index, near_duplicates=near_duplicates)
    assert set(bulk) == expected
    assert len(expected) > n  # the data makes real blocks, not a trivial empty answer


def test_bulk_pairs_weigh_common_terms_only_for_the_best_by_rare_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    """With fewer items weighed again than a claim has partners, the bulk pairs still follow the definition."""
    import factcheck.matching.candidates as candidates

    monkeypatch.setattr(candidates, "RESCORED", 12)
    features = [features_of(c) for c in _claims(300, 1)]
    index = MatchIndex()
    left, right = candidate_pairs(features, near_duplicates=True)
    expected = _reference(features, index, near_duplicates=True, rescored=12)
    assert set(zip(left.tolist(), right.tolist(), strict=True)) == expected
    assert expected != _reference(features, index, near_duplicates=True)  # the cut changes the partners kept


def test_incremental_query_ranks_earlier_items_by_the_pair_score() -> None:
    """An import's query: each claim against the items added before it, with the IDF of that moment."""
    features = [features_of(c) for c in _claims(400, 4)]
    index = TermIndex(top_k=TOP_K, near_duplicates=True)
    for position, f in enumerate(features):
        df = Counter(t for g in features[:position] for t in g.terms)
        total = position + 1
        weight = {t: math.log1p(total / (df[t] + 1)) for t in f.terms if df[t]}

        def score(
            g: int, *, common: bool, f: ClaimFeatures = f, df: Counter[str] = df, weight: dict[str, float] = weight
        ) -> float:
            shared = [t for t in set(f.terms) & set(features[g].terms) if common or df[t] <= MAX_DF]
            return round(sum(weight[t] for t in shared) / math.sqrt(len(f.terms) * len(features[g].terms)), 6)

        partners = [
            g
            for g in range(position)
            if features[g].claim.article_id != f.claim.article_id
            and any(df[t] <= MAX_DF for t in set(f.terms) & set(features[g].terms))
        ]
        read = sorted(partners, key=lambda g: (-score(g, common=False), g))[:RESCORED]
        best = sorted(read, key=lambda g: (-score(g, common=True), g))[:TOP_K]
        assert [p for p, _ in index.query(f.terms, f.claim.article_id)] == best
        index.add(f.terms, f.claim.article_id)


def test_a_short_rewrite_is_proposed_before_longer_sentences_sharing_its_rare_word() -> None:
    """One scene told many times (as in SICK): the rewrite of a short sentence shares its rare word with a
    dozen longer variants stored before it, and its common word («woman», in more than ``max_df``
    sentences) too; by the pair score it is the first of the ten partners proposed."""
    texts = [f"A woman is cutting {food} in the kitchen" for food in ("bread", "onions", "meat", "cheese", "fish")] * 4
    texts += [
        f"A chef is chopping garlic and {other} for a soup in a busy restaurant kitchen"
        for other in ("onions", "peppers", "carrots", "tomatoes", "celery", "ginger", "leeks", "herbs", "beans",
                      "potatoes", "mushrooms", "lemons")
    ]  # fmt: skip
    texts.append("The woman is dicing garlic")
    claims = [MatchClaim(id=n + 1, article_id=n, text=t, language="en", slots=Slots()) for n, t in enumerate(texts)]
    index = MatchIndex(max_df=15, near_duplicates=True)
    index.extend(features_of(c) for c in claims)
    query = features_of(
        MatchClaim(id=99, article_id=99, text="A woman is slicing garlic", language="en", slots=Slots())
    )
    assert index.terms.df("woman") > index.terms.max_df >= index.terms.df("garlic") > TOP_K
    found = index.terms.query(query.terms, 99)
    assert len(found) == TOP_K and found[0][0] == len(texts) - 1  # the rewrite first, of 13 sharing "garlic"
    left, right = candidate_pairs([*index.features, query], max_df=15, near_duplicates=True)
    assert (len(texts) - 1, len(texts)) in set(zip(left.tolist(), right.tolist(), strict=True))
    # By the summed IDF of the rare terms alone (the default), the thirteen tie and the oldest ten are kept.
    plain = MatchIndex(max_df=15)
    plain.extend(index.features)
    assert len(texts) - 1 not in {p for p, _ in plain.terms.query(query.terms, 99)}


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


@pytest.mark.parametrize("near_duplicates", [False, True])
@pytest.mark.parametrize(("window", "max_block"), [(100, 100), (250, 8)])
def test_a_windowed_index_answers_as_a_fresh_index_of_the_claims_it_holds(
    window: int, max_block: int, near_duplicates: bool
) -> None:
    """The import's bounded index: old claims are forgotten with their blocks, postings and terms, and
    what is left gives the same candidates, block limits and term weights as an index built from it alone."""
    features = [features_of(c) for c in _claims(900, 7)]
    windowed = MatchIndex(max_block=max_block, window=window, near_duplicates=near_duplicates)
    windowed.extend(features[:600])
    assert window * 0.9 <= len(windowed) <= window
    held = windowed.features
    assert [f.claim.id for f in held] == [f.claim.id for f in features[600 - len(held) : 600]]
    fresh = MatchIndex(max_block=max_block, near_duplicates=near_duplicates)
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

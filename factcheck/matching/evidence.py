"""Evidence that two claims report the same event: shared rare content, not only a place or a topic.

The model's probability reads how alike two sentences are; on a real archive that is not enough.
A week of Saudi newspapers holds thousands of sentences about «داعش», the Iran deal or Eid visits,
and two of them share a topic word, a country and a few common words far more often than they
report one event. So a link also needs *evidence* (issue 15): the content words the two claims share,
places left out (a shared city is where, not what), must

- be at least ``MIN_SHARED`` words,
- cover at least ``MIN_COVER`` of the shorter claim's content (IDF-weighted: rare words count more),
- and either weigh ``MIN_MASS`` or more — each word counted by its rarity in the store, 1 for a word
  seen in one claim — or cover ``LONG_COVER`` of the longer claim too: two headlines of one story
  share a few common words that are most of both, while a fragment («وكانت البعثة الهلالية») shares
  its two words with a long sentence about something else.

Words are compared by their *spelling key* (``spelling_key``): Snowball leaves a fused «ل», a final
«ي» or «ت» and the alef of a broken plural on Arabic stems («لمجموع»/«مجموع», «تثبي»/«تثب»,
«خلافا»/«خلاف»), and one headline rewritten by another outlet differs by exactly those. A word put
for its opposite counts as shared and a negation word one side adds is left out between two short
texts that agree but for that (``polar_terms``):
«تراجع التضخم في مصر» / «ارتفاع التضخم في مصر» report one event, which the contradiction checks
then read.

Pairs in two languages share no words; the sentence vectors and the slots are their evidence, and
they are left to the model. The check reads the claims' rarest terms from the ``ClaimTable`` the
features were computed from, so it costs one numpy pass over the pairs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from factcheck.matching.features import ClaimFeatures
from factcheck.matching.pair_features import ClaimTable, alignable
from factcheck.matching.polar_terms import align
from factcheck.text.terms import content_terms

__all__ = ["LONG_COVER", "MIN_COVER", "MIN_MASS", "MIN_SHARED", "has_evidence"]

MIN_SHARED = 2
MIN_COVER = 0.45
LONG_COVER = 0.3
MIN_MASS = 2.0


@lru_cache(maxsize=100_000)
def _terms_of(surface: str) -> frozenset[str]:
    return frozenset(content_terms(surface))


_ARABIC_LETTERS = frozenset("ابتثجحخدذرزسشصضطظعغفقكلمنهوية")


@lru_cache(maxsize=200_000)
def spelling_key(term: str) -> str:
    """One key for the spellings of an Arabic stem the stemmer leaves apart: no alef, no final «ه»,
    no fused «ل»/«ب»/«ك» before four letters or more, no final «ي»/«ت» after three or more."""
    if not term or term[0] not in _ARABIC_LETTERS:
        return term
    key = term.replace("ا", "").removesuffix("ه")
    if len(key) >= 5 and key[0] in "لبك":
        key = key[1:]
    if len(key) >= 4 and key[-1] in "يت":
        key = key[:-1]
    return key


def _keyed(table: ClaimTable, rows: np.ndarray) -> np.ndarray:
    """The claims' term ids at ``rows`` as spelling-key ids (equal keys, equal ids; -1 pads)."""
    terms = table.terms[rows]
    present = np.unique(terms[terms >= 0])
    ids: dict[str, int] = {}
    key_of = np.fromiter(
        (ids.setdefault(spelling_key(table.vocabulary[t]), len(ids)) for t in present.tolist()),
        dtype=np.int64,
        count=len(present),
    )
    if not len(present):
        return np.full(terms.shape, -1, dtype=np.int64)
    return np.where(terms >= 0, key_of[np.searchsorted(present, np.maximum(terms, 0))], -1)


def _place_terms(f: ClaimFeatures) -> frozenset[str]:
    """The stemmed words of the claim's places and countries («عدن», «اليمنية»)."""
    out: frozenset[str] = frozenset()
    for place in f.claim.slots.places:
        out |= _terms_of(place.surface)
    return out


def _content_mask(table: ClaimTable, rows: np.ndarray) -> np.ndarray:
    """For the claims at ``rows``: which of their kept terms are content (not a place word)."""
    mask: np.ndarray = table.terms[rows] >= 0
    for k, row in enumerate(rows.tolist()):
        places = _place_terms(table.claims[row])
        if places:
            for j, term in enumerate(table.terms[row].tolist()):
                if term >= 0 and table.vocabulary[term] in places:
                    mask[k, j] = False
    return mask


def has_evidence(table: ClaimTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For each pair ``(left[k], right[k])``: whether it carries evidence of one event (see above).
    Pairs in two languages always pass."""
    out = np.ones(len(left), dtype=bool)
    same = np.flatnonzero(table.language[left] == table.language[right])
    if not same.size:
        return out
    rows = np.unique(np.concatenate([left[same], right[same]]))
    mask = np.zeros_like(table.terms, dtype=bool)
    mask[rows] = _content_mask(table, rows)
    keys = np.full(table.terms.shape, -1, dtype=np.int64)
    keys[rows] = _keyed(table, rows)
    a, b = left[same], right[same]
    ka, kb = keys[a], keys[b]
    shared, _, left_out_a, left_out_b, _ = align(
        ka[:, :, None] == kb[:, None, :],
        mask[a],
        mask[b],
        table.term_poles[a],
        table.term_poles[b],
        table.term_negation[a],
        table.term_negation[b],
        alignable(table, a, b),
    )
    scale = np.log1p(table.total)
    weight_a = table.term_idf[a] * (mask[a] & ~left_out_a) / scale
    weight_b = table.term_idf[b] * (mask[b] & ~left_out_b) / scale
    mass = (weight_a * shared).sum(axis=1)
    sums_a, sums_b = weight_a.sum(axis=1), weight_b.sum(axis=1)
    smaller, larger = np.minimum(sums_a, sums_b), np.maximum(sums_a, sums_b)
    cover = np.divide(mass, smaller, out=np.zeros_like(mass), where=smaller > 0)
    cover_long = np.divide(mass, larger, out=np.zeros_like(mass), where=larger > 0)
    enough = (
        (shared.sum(axis=1) >= MIN_SHARED) & (cover >= MIN_COVER) & ((mass >= MIN_MASS) | (cover_long >= LONG_COVER))
    )
    out[same] = enough
    return out

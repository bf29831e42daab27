"""Step 2 of matching, features: what the model reads of each candidate pair, computed in bulk.

Every feature comes from what ``features_of`` computed once per claim (stemmed terms, slot atoms,
language, the stored sentence vector), so no text is normalised again here, and every pair is
scored in numpy or one ``cpdist`` call per ratio: a full re-match of 100k claims never loops over
pairs in Python. The training script (``scripts/train_matcher.py``) calls the same functions, so
the model is fitted on exactly what it reads at run time.

Slot features are per kind: shared (both claims give the same person, day, place, count…) and
conflict (both give one and no value is shared), read from the claims' blocking atoms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, count

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.matching.blocking import atom_table
from factcheck.matching.features import ClaimFeatures
from factcheck.matching.polar_terms import SHORT_TERMS, align, term_codes

__all__ = ["FEATURES", "LEXICAL_FEATURES", "ClaimTable", "alignable", "pair_features"]

WORKERS = 2
MAX_TERMS = 16  # a claim's rarest terms compared per pair (headlines and claims rarely have more)
CHUNK = 32_768  # pairs per numpy piece: the (pairs x terms x terms) temporaries stay small

_RATIOS = {
    "token_set": fuzz.token_set_ratio,
    "ratio": fuzz.ratio,
}  # not partial_ratio (three times the cost of token_set_ratio) nor token_sort_ratio: fitted weights near 0
# The plain baseline's own signal: token_set_ratio on the folded words, stop words included (a
# rewrite that keeps the sentence's frame but changes one content word still scores high on it).
_WORD_RATIOS = {"word_set": fuzz.token_set_ratio}
# Slot kinds by atom prefix: person, organisation, day, place, number, event word, country.
_SLOT_KINDS = {"person": "a", "org": "o", "day": "d", "place": "p", "number": "n", "event": "e", "country": "c"}
LEXICAL_FEATURES: tuple[str, ...] = (
    *_RATIOS,
    *_WORD_RATIOS,
    "idf_overlap",  # IDF of the shared terms over the smaller side's
    "idf_jaccard",  # IDF of the shared terms over both sides'
    "rare_shared",  # IDF of the rarest shared term, over the IDF of a term of one claim
    "rare_shared_second",  # ... of the second rarest: two specific words shared say one event, one says a topic
    "rare_unshared",  # IDF of the rarest term only one side has (either side), likewise scaled
    "shared_terms",  # log(1 + number of shared terms)
    "length_ratio",  # shorter over longer, in terms
    "unshared_fewer",  # log(1 + terms only one side has), the side with fewer: 0 when one text holds the other
    "unshared_more",  # ... and the side with more: a one-word substitution is (1, 1)
    "negation_differs",  # one claim is negated, the other not
    "opposite_aligned",  # a word only one side has is aligned with its opposite on the other (``polar_terms``)
    "negation_word",  # a negation or denying word only one side has (left out of the overlap features)
    "cross_lingual",
    "both_arabic",
    *(f"{kind}_shared" for kind in _SLOT_KINDS),
    "month_shared",
    *(f"{kind}_conflict" for kind in ("person", "date", "place", "number", "event")),
)
# The cosine, and the cosine again for pairs in two languages, where no word can be shared.
FEATURES: tuple[str, ...] = (*LEXICAL_FEATURES, "cosine", "cosine_cross_lingual")


@dataclass(frozen=True, slots=True)
class ClaimTable:
    """What pair features read of each claim, as arrays by position: built once per matching run."""

    claims: Sequence[ClaimFeatures]
    atoms: np.ndarray  # atom ids, -1 pads (``blocking.atom_table``)
    kinds: np.ndarray  # ord of each atom's kind prefix, 0 pads
    terms: np.ndarray  # the claim's ``MAX_TERMS`` rarest term ids, -1 pads
    term_idf: np.ndarray  # the IDF of each of those terms, 0 pads
    term_poles: np.ndarray  # each of those terms' scale-of-opposites bits (``polar_terms``), 0 pads
    term_negation: np.ndarray  # ... whether it is a negation word
    idf_sum: np.ndarray  # the IDF of all the claim's terms
    term_count: np.ndarray
    term_texts: list[str]  # the stemmed terms joined, for the ratios
    word_texts: list[str]  # the folded words joined, stop words included
    negated: np.ndarray
    language: np.ndarray  # language as a small integer
    arabic: np.ndarray
    vectors: np.ndarray | None  # float16 unit vectors, zero rows where a claim has none
    has_vector: np.ndarray
    total: int  # items the IDF counts
    vocabulary: tuple[str, ...] = ()  # the term of each id in ``terms``

    @classmethod
    def of(
        cls,
        claims: Sequence[ClaimFeatures],
        atom_ids: tuple[np.ndarray, list[str]] | None = None,
        *,
        df: Mapping[str, int] | None = None,
        total: int | None = None,
    ) -> ClaimTable:
        """``df``/``total``: document frequencies of the store the claims are matched in (default:
        counted over ``claims`` themselves, which is the store in a full re-match)."""
        table, atoms = atom_ids if atom_ids is not None else atom_table(claims)
        kind = np.array([ord(a[0]) for a in atoms] + [0], dtype=np.int8)
        n = len(claims)
        terms, weights, sums, counts, n_total, vocabulary = _term_arrays(claims, df, total)
        languages: dict[str, int] = {}
        has_vector = np.fromiter((f.claim.vector is not None for f in claims), dtype=bool, count=n)
        poles, negation = _polar(terms, vocabulary)
        vectors = None
        if has_vector.any():
            vectors = np.zeros((n, _dimensions(claims)), dtype=np.float16)
            for row in np.flatnonzero(has_vector).tolist():
                vectors[row] = claims[row].claim.vector
        return cls(
            claims=claims,
            atoms=table,
            kinds=kind[table],
            terms=terms,
            term_idf=weights,
            term_poles=poles,
            term_negation=negation,
            idf_sum=sums,
            term_count=counts,
            term_texts=[" ".join(f.terms) for f in claims],
            word_texts=[" ".join(f.words) for f in claims],
            negated=np.fromiter((f.negated for f in claims), dtype=bool, count=n),
            language=np.fromiter(
                (languages.setdefault(f.claim.language, len(languages)) for f in claims), dtype=np.int64, count=n
            ),
            arabic=np.fromiter((f.claim.language == "ar" for f in claims), dtype=bool, count=n),
            vectors=vectors,
            has_vector=has_vector,
            total=n_total,
            vocabulary=vocabulary,
        )


def _term_arrays(
    claims: Sequence[ClaimFeatures], df: Mapping[str, int] | None, total: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, tuple[str, ...]]:
    """Each claim's ``MAX_TERMS`` rarest term ids and their IDF, its IDF sum and term count, in bulk;
    and the term of each id."""
    n = len(claims)
    ids: defaultdict[str, int] = defaultdict(count().__next__)  # a new term takes the next id
    counts = np.fromiter(map(len, (f.terms for f in claims)), dtype=np.int64, count=n)
    flat = np.fromiter(map(ids.__getitem__, chain.from_iterable(f.terms for f in claims)), dtype=np.int64)
    if df is None:
        frequency = np.bincount(flat, minlength=len(ids))
        n_total = max(1, n)
    else:
        frequency = np.fromiter((df.get(t, 0) for t in ids), dtype=np.int64, count=len(ids))
        n_total = max(1, total if total is not None else n)
    owners = np.repeat(np.arange(n, dtype=np.int64), counts)
    weight = np.log1p(n_total / np.maximum(1, frequency))[flat]
    sums = np.bincount(owners, weights=weight, minlength=n)
    order = np.lexsort((-weight, owners))  # by claim, rarest first
    starts = np.r_[0, np.cumsum(counts)[:-1]] if n else counts
    rank = np.arange(len(flat)) - np.repeat(starts, counts)
    keep = order[rank < MAX_TERMS]
    rows, cols = owners[keep], rank[rank < MAX_TERMS]
    terms = np.full((n, MAX_TERMS), -1, dtype=np.int32)
    weights = np.zeros((n, MAX_TERMS))
    terms[rows, cols] = flat[keep]
    weights[rows, cols] = weight[keep]
    return terms, weights, sums, counts.astype(float), n_total, tuple(ids)


def alignable(table: ClaimTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose opposites and negations ``polar_terms.align`` aligns: one language, two short texts."""
    short = np.maximum(table.term_count[left], table.term_count[right]) <= SHORT_TERMS
    return np.asarray(short & (table.language[left] == table.language[right]))


def _polar(terms: np.ndarray, vocabulary: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The scale bits and negation flags of each term slot (``polar_terms.term_codes``)."""
    bits, negation = term_codes(vocabulary)
    present = terms >= 0
    if not len(bits):
        return np.zeros(terms.shape, dtype=np.int64), np.zeros(terms.shape, dtype=bool)
    at = np.maximum(terms, 0)
    return np.where(present, bits[at], 0), present & negation[at]


def _dimensions(claims: Sequence[ClaimFeatures]) -> int:
    return next(len(f.claim.vector) for f in claims if f.claim.vector is not None)


def pair_features(
    table: ClaimTable, left: np.ndarray, right: np.ndarray, *, workers: int = WORKERS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``FEATURES`` matrix of the pairs ``(left[k], right[k])``, whether both have a vector, and
    whether the pair may report one event (``agreement.same_event`` decides): a shared event word
    with a shared person, or with a shared date and a shared place or country."""
    out = np.zeros((len(left), len(FEATURES)))
    event = np.zeros(len(left), dtype=bool)
    if not len(left):
        return out, np.zeros(0, dtype=bool), event
    same = table.language[left] == table.language[right]
    index = np.flatnonzero(same)
    if index.size:
        lefts, rights = left[index].tolist(), right[index].tolist()
        column = 0
        for texts, scorers in ((table.term_texts, _RATIOS), (table.word_texts, _WORD_RATIOS)):
            a, b = [texts[i] for i in lefts], [texts[i] for i in rights]
            for scorer in scorers.values():
                out[index, column] = process.cpdist(a, b, scorer=scorer, workers=workers) / 100.0
                column += 1
    first = len(_RATIOS) + len(_WORD_RATIOS)
    for start in range(0, len(left), CHUNK):
        part = slice(start, start + CHUNK)
        out[part, first : len(LEXICAL_FEATURES)], event[part] = _numeric(table, left[part], right[part])
    both = table.has_vector[left] & table.has_vector[right]
    if table.vectors is not None and both.any():
        rows = np.flatnonzero(both)
        va = table.vectors[left[rows]].astype(np.float32)
        vb = table.vectors[right[rows]].astype(np.float32)
        cosine = np.einsum("ij,ij->i", va, vb)
        out[rows, FEATURES.index("cosine")] = cosine
        out[rows, FEATURES.index("cosine_cross_lingual")] = cosine * (
            table.language[left[rows]] != table.language[right[rows]]
        )
    return out, both, event


def _numeric(table: ClaimTable, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every feature after the ratios but the cosine, and the same-event pre-filter.

    Terms count as shared when equal or, in one language, when ``polar_terms`` aligns a word with its
    opposite; a negation word only one side has is left out of that side's terms."""
    ta, tb = table.terms[left], table.terms[right]
    equal = ta[:, :, None] == tb[:, None, :]  # one comparison of every term pair, read from both sides
    shared, shared_b, left_out_a, left_out_b, opposite = align(
        equal,
        ta >= 0,
        tb >= 0,
        table.term_poles[left],
        table.term_poles[right],
        table.term_negation[left],
        table.term_negation[right],
        alignable(table, left, right),
    )
    exact = equal.any(axis=2) & (ta >= 0)
    shared_idf = (table.term_idf[left] * shared).sum(axis=1)
    sum_a = table.idf_sum[left] - (table.term_idf[left] * left_out_a).sum(axis=1)
    sum_b = table.idf_sum[right] - (table.term_idf[right] * left_out_b).sum(axis=1)
    smaller = np.minimum(sum_a, sum_b)
    union = sum_a + sum_b - shared_idf
    scale = np.log1p(table.total)
    shared_weights = np.sort(table.term_idf[left] * exact, axis=1)
    rare, rare_second = shared_weights[:, -1] / scale, shared_weights[:, -2] / scale
    rare_unshared = (
        np.maximum(
            (table.term_idf[left] * ~(shared | left_out_a)).max(axis=1),
            (table.term_idf[right] * ~(shared_b | left_out_b)).max(axis=1),
        )
        / scale
    )
    count_a = table.term_count[left] - left_out_a.sum(axis=1)
    count_b = table.term_count[right] - left_out_b.sum(axis=1)
    longer = np.maximum(count_a, count_b)
    matched = shared.sum(axis=1)
    only_a, only_b = np.maximum(0, count_a - matched), np.maximum(0, count_b - matched)
    columns = [
        np.divide(shared_idf, smaller, out=np.zeros_like(smaller), where=smaller > 0),
        np.divide(shared_idf, union, out=np.zeros_like(union), where=union > 0),
        rare,
        rare_second,
        rare_unshared,
        np.log1p(matched),
        np.divide(np.minimum(count_a, count_b), longer, out=np.zeros_like(longer), where=longer > 0),
        np.log1p(np.minimum(only_a, only_b)),
        np.log1p(np.maximum(only_a, only_b)),
        (table.negated[left] != table.negated[right]).astype(float),
        opposite.astype(float),
        (left_out_a.any(axis=1) | left_out_b.any(axis=1)).astype(float),
        (table.language[left] != table.language[right]).astype(float),
        (table.arabic[left] & table.arabic[right]).astype(float),
    ]
    ids_a, ids_b = table.atoms[left], table.atoms[right]
    atoms_shared = (ids_a[:, :, None] == ids_b[:, None, :]).any(axis=2) & (ids_a >= 0)
    kinds_a, kinds_b = table.kinds[left], table.kinds[right]

    def has(kinds: np.ndarray, codes: str) -> np.ndarray:
        return np.asarray(np.isin(kinds, [ord(c) for c in codes]).any(axis=1))

    def shares(codes: str) -> np.ndarray:
        return np.asarray((atoms_shared & np.isin(kinds_a, [ord(c) for c in codes])).any(axis=1))

    for code in _SLOT_KINDS.values():
        columns.append(shares(code).astype(float))
    columns.append(shares("dm").astype(float))
    for codes in ("a", "dm", "p", "n", "e"):
        both = has(kinds_a, codes) & has(kinds_b, codes)
        columns.append((both & ~shares(codes)).astype(float))
    assert len(columns) == len(LEXICAL_FEATURES) - len(_RATIOS) - len(_WORD_RATIOS)
    event = shares("e") & (shares("a") | (shares("dm") & shares("cp")))
    return np.stack(columns, axis=1), event

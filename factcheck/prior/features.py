"""What the re-ranker sees of a (claim, prior fact-check) pair: lexical and sentence-vector evidence.

Each candidate comes from the bounded candidate step (BM25 over stemmed terms, and the nearest
sentence vectors) with its BM25 scores and cosine; here they become one row of numbers each. Scores are
also given relative to the best candidate of the same claim, because "far ahead of the others" says
more than a raw BM25 value whose scale depends on the query's length and the archive's size. Overlaps
are counted plainly and weighted by IDF (a shared rare name says more than a shared "said"); a
tweet's poster and date (``clean.signature``, ``clean.posted``) are compared with the fact-check's words.
``LEXICAL_FEATURES`` are those a claim without a sentence vector has (the import's fast look-up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from factcheck.text.terms import content_terms

__all__ = ["FEATURES", "LEXICAL_FEATURES", "TWEET_FEATURES", "Candidate", "Query", "feature_matrix"]

FEATURES = (
    "bm25_claim",
    "bm25_title",
    "bm25",
    "bm25_claim_rel",
    "bm25_title_rel",
    "bm25_rel",
    "bm25_rank",
    "claim_coverage",
    "query_coverage",
    "title_coverage",
    "bigram_coverage",
    "idf_query_coverage",
    "idf_claim_coverage",
    "idf_title_coverage",
    "query_length",
    "has_author",
    "author_coverage",
    "year_same",
    "year_near",
    "year_other",
    "month_same",
    "cosine",
    "cosine_gap",
    "cosine_rank",
    "cosine_rel",
    "title_cosine",
    "title_cosine_gap",
)
LEXICAL_FEATURES = FEATURES[: FEATURES.index("cosine")]
TWEET_FEATURES = ("has_author", "author_coverage", "year_same", "year_near", "year_other", "month_same")


@dataclass(frozen=True, slots=True)
class Query:
    """A claim ready for retrieval: its stemmed terms (cleaned text), its sentence vector if any, and the
    terms of who posted it (a tweet's signature, ``clean.signature``)."""

    terms: tuple[str, ...]
    vector: npt.NDArray[np.float32] | None
    author: tuple[str, ...] = ()
    posted: tuple[int, int] | None = None  # (year, month) the claim was posted, when known
    joined: tuple[str, ...] = ()  # long lower-case words that may be run together (``segment``)
    author_joined: tuple[str, ...] = ()  # the same of the poster's name and handle ("pnbrock")

    @property
    def search_terms(self) -> tuple[str, ...]:
        """What the BM25 step looks up: the claim's terms, then the poster's."""
        return tuple(dict.fromkeys(self.terms + self.author))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A prior fact-check offered by the candidate step; BM25 values are positive (higher is better)."""

    factcheck_id: int
    terms: tuple[str, ...]
    title_terms: tuple[str, ...]
    bm25_claim: float = 0.0
    bm25_title: float = 0.0
    bm25: float = 0.0
    cosine: float | None = None
    title_cosine: float | None = None  # the claim's vector against the fact-check's title's (0: no title)
    idf_mass: float | None = None  # the summed IDF of its distinct claim terms, when the index has it at hand


def _bigrams(terms: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(terms))


def _rank_feature(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """1 for the best value, 1/2 for the second, …"""
    order = np.argsort(np.argsort(-values, kind="stable"), kind="stable")
    return np.asarray(1.0 / (1.0 + order), dtype=np.float64)


_MONTH_TERMS = {
    terms[0]: number
    for number, name in enumerate(
        ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"), 1)
    if (terms := content_terms(name))
}  # fmt: skip


def _date_evidence(posted: tuple[int, int], terms: set[str]) -> tuple[float, float, float, float]:
    """Does the fact-check date its claim to the year the claim was posted (the same, one off, another
    year), and to the same month too?"""
    years = {int(t) for t in terms if len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100}
    year, month = posted
    same = year in years
    near = not same and bool({year - 1, year + 1} & years)
    other = bool(years) and not same and not near
    month_same = same and any(_MONTH_TERMS.get(t) == month for t in terms)
    return float(same), float(near), float(other), float(month_same)


def _no_idf(term: str) -> float:
    return 1.0


def feature_matrix(
    query: Query, candidates: Sequence[Candidate], idf: Callable[[str], float] = _no_idf
) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per candidate; ``idf`` weighs terms (the archive's, at run time)."""
    n = len(candidates)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    bm = np.array([(c.bm25_claim, c.bm25_title, c.bm25) for c in candidates], dtype=np.float64)
    out[:, 0:3] = bm
    out[:, 3:6] = bm / (bm.max(axis=0) + 1e-9)
    out[:, 6] = _rank_feature(bm[:, 2])
    q = set(query.terms)
    qb = _bigrams(query.terms)
    weight = {t: idf(t) for t in q}
    q_weight = sum(weight.values()) or 1.0
    for i, c in enumerate(candidates):
        ct, tt = set(c.terms), set(c.title_terms)
        shared = q & ct
        out[i, 7] = len(shared) / len(ct) if ct else 0.0
        out[i, 8] = len(shared) / len(q) if q else 0.0
        out[i, 9] = len(q & tt) / len(tt) if tt else 0.0
        cb = _bigrams(c.terms)
        out[i, 10] = len(qb & cb) / len(cb) if cb else 0.0
        out[i, 11] = sum(weight[t] for t in shared) / q_weight
        c_weight = c.idf_mass if c.idf_mass is not None else sum(weight.get(t) or idf(t) for t in ct)
        out[i, 12] = sum(weight[t] for t in shared) / c_weight if c_weight else 0.0
        out[i, 13] = sum(weight[t] for t in q & (ct | tt)) / q_weight
        if query.author:
            out[i, 16] = len(set(query.author) & (ct | tt)) / len(set(query.author))
        if query.posted is not None:
            out[i, 17:21] = _date_evidence(query.posted, ct | tt)
    out[:, 14] = np.log1p(len(q))
    out[:, 15] = float(bool(query.author))
    if query.vector is not None:
        cos = np.array([c.cosine or 0.0 for c in candidates], dtype=np.float64)
        out[:, 21] = cos
        out[:, 22] = cos - cos.max()
        out[:, 23] = _rank_feature(cos)
        out[:, 24] = cos / (cos.max() + 1e-9)
        title = np.array([c.title_cosine or 0.0 for c in candidates], dtype=np.float64)
        out[:, 25] = title
        out[:, 26] = title - title.max()
    return out

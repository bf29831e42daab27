"""What the re-ranker sees of a (claim, prior fact-check) pair: lexical and sentence-vector evidence.

Each candidate comes from the bounded candidate step (BM25 over stemmed terms, and the nearest
sentence vectors) with its BM25 scores; here they become one row of numbers each. Scores are also
given relative to the best candidate of the same claim, because "far ahead of the others" says more
than a raw BM25 value whose scale depends on the query's length and the archive's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

__all__ = ["FEATURES", "Candidate", "Query", "feature_matrix"]

FEATURES = (
    "bm25_claim",
    "bm25_title",
    "bm25",
    "bm25_claim_rel",
    "bm25_title_rel",
    "bm25_rel",
    "bm25_rank",
    "cosine",
    "cosine_gap",
    "cosine_rank",
    "claim_coverage",
    "query_coverage",
    "title_coverage",
    "bigram_coverage",
    "query_length",
)


@dataclass(frozen=True, slots=True)
class Query:
    """A claim ready for retrieval: its stemmed terms (cleaned text) and its sentence vector."""

    terms: tuple[str, ...]
    vector: npt.NDArray[np.float32] | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A prior fact-check offered by the candidate step; BM25 values are positive (higher is better)."""

    factcheck_id: int
    terms: tuple[str, ...]
    title_terms: tuple[str, ...]
    bm25_claim: float = 0.0
    bm25_title: float = 0.0
    bm25: float = 0.0
    vector: npt.NDArray[np.float32] | None = None


def _bigrams(terms: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(terms))


def _rank_feature(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """1 for the best value, 1/2 for the second, …"""
    order = np.argsort(np.argsort(-values, kind="stable"), kind="stable")
    return np.asarray(1.0 / (1.0 + order), dtype=np.float64)


def feature_matrix(query: Query, candidates: Sequence[Candidate]) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per candidate."""
    n = len(candidates)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    bm = np.array([(c.bm25_claim, c.bm25_title, c.bm25) for c in candidates], dtype=np.float64)
    out[:, 0:3] = bm
    out[:, 3:6] = bm / (bm.max(axis=0) + 1e-9)
    out[:, 6] = _rank_feature(bm[:, 2])
    if query.vector is not None:
        qv = query.vector.astype(np.float32)
        cos = np.array(
            [float(np.dot(c.vector, qv)) if c.vector is not None else 0.0 for c in candidates], dtype=np.float64
        )
        out[:, 7] = cos
        out[:, 8] = cos - cos.max()
        out[:, 9] = _rank_feature(cos)
    q = set(query.terms)
    qb = _bigrams(query.terms)
    for i, c in enumerate(candidates):
        ct, tt = set(c.terms), set(c.title_terms)
        shared = len(q & ct)
        out[i, 10] = shared / len(ct) if ct else 0.0
        out[i, 11] = shared / len(q) if q else 0.0
        out[i, 12] = len(q & tt) / len(tt) if tt else 0.0
        cb = _bigrams(c.terms)
        out[i, 13] = len(qb & cb) / len(cb) if cb else 0.0
    out[:, 14] = np.log1p(len(q))
    return out

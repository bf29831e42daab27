"""Ranking a claim's candidates: features, the model's score, best first."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.prior.features import FEATURES, LEXICAL_FEATURES, Candidate, Query, feature_matrix
from factcheck.prior.index import one_blas_thread
from factcheck.prior.model import PriorModel

__all__ = ["TOP_K", "Ranked", "rank_candidates"]

TOP_K = 5  # prior fact-checks kept per claim


@dataclass(frozen=True, slots=True)
class Ranked:
    factcheck_id: int
    score: float  # the model's score that this fact-check checked the same claim (badge at the threshold)
    features: dict[str, float]


def _one(term: str) -> float:
    return 1.0


def rank_candidates(
    query: Query,
    candidates: Sequence[Candidate],
    model: PriorModel,
    *,
    k: int = TOP_K,
    exclude: Collection[int] = (),
    idf: Callable[[str], float] = _one,
) -> list[Ranked]:
    """The ``k`` best candidates by the model's score; ``exclude`` are never suggested. A query without
    a sentence vector is scored by the lexical model and shows only lexical features."""
    kept = [c for c in candidates if c.factcheck_id not in exclude]
    if not kept:
        return []
    with_vectors = query.vector is not None
    x = feature_matrix(query, kept, idf)
    with one_blas_thread():
        scores = model.probabilities(x, with_vectors=with_vectors)
    order = sorted(range(len(kept)), key=lambda i: (-scores[i], kept[i].factcheck_id))[:k]
    names = FEATURES if with_vectors else LEXICAL_FEATURES
    rounded = np.round(x[order][:, : len(names)], 4).tolist()
    return [
        Ranked(kept[i].factcheck_id, round(float(scores[i]), 4), dict(zip(names, row, strict=True)))
        for i, row in zip(order, rounded, strict=True)
    ]

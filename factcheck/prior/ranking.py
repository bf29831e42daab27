"""Ranking a claim's candidates: features, the model's probability, best first."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.prior.features import FEATURES, Candidate, Query, feature_matrix
from factcheck.prior.model import PriorModel

__all__ = ["TOP_K", "Ranked", "rank_candidates"]

TOP_K = 5  # prior fact-checks kept per claim


@dataclass(frozen=True, slots=True)
class Ranked:
    factcheck_id: int
    score: float  # the model's probability that this fact-check checked the same claim
    features: dict[str, float]


def rank_candidates(
    query: Query,
    candidates: Sequence[Candidate],
    model: PriorModel,
    *,
    k: int = TOP_K,
    exclude: Collection[int] = (),
) -> list[Ranked]:
    """The ``k`` best candidates by the model's probability; ``exclude`` are never suggested."""
    kept = [c for c in candidates if c.factcheck_id not in exclude]
    if not kept:
        return []
    x = feature_matrix(query, kept)
    scores = model.probabilities(x)
    order = sorted(range(len(kept)), key=lambda i: (-scores[i], kept[i].factcheck_id))[:k]
    rounded = np.round(x[order], 4).tolist()
    return [
        Ranked(kept[i].factcheck_id, round(float(scores[i]), 4), dict(zip(FEATURES, row, strict=True)))
        for i, row in zip(order, rounded, strict=True)
    ]

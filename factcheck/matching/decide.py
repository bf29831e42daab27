"""Step 4 of matching, the decision: which scored pairs become links, and how a link says why.

A pair is linked when the model's probability reaches the threshold fitted on the development
pairs (``model``); a pair at or above the lower check threshold is *close*: not a link, but worth
the polarity contradiction checks (a flag then links it, so a reviewer can reject it). The link
keeps that probability as its ``score``, the plain ``token_set_ratio`` of the stemmed texts as
``text_score`` (0 across languages), the share of slot kinds both claims fill that agree as
``slot_score``, and a ``method`` a reviewer can read: the model, its probability and threshold, the
features that carried the decision (their share of the log-odds) and the slots the two claims share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from factcheck.matching.agreement import Agreement
from factcheck.matching.features import ClaimFeatures
from factcheck.matching.model import Matcher, Model

__all__ = ["FEATURE_LABELS", "Decision", "decide", "explain", "link_fields", "top_features"]

TOP_FEATURES = 3
FEATURE_LABELS = {
    "token_set": "word-set ratio",
    "ratio": "edit ratio",
    "word_set": "word-set ratio with stop words",
    "idf_overlap": "weighted shared words",
    "idf_jaccard": "weighted word overlap",
    "rare_shared": "a shared rare word",
    "rare_shared_second": "a second shared rare word",
    "shared_terms": "shared words",
    "length_ratio": "similar length",
    "unshared_fewer": "words only one side has (the fewer)",
    "unshared_more": "words only one side has (the more)",
    "negation_differs": "one side negated",
    "opposite_aligned": "one word put for its opposite",
    "negation_word": "a negation word on one side",
    "cross_lingual": "two languages",
    "both_arabic": "both Arabic",
    "person_shared": "same person",
    "org_shared": "same organisation",
    "day_shared": "same day",
    "place_shared": "same place",
    "number_shared": "same number",
    "event_shared": "same event type",
    "country_shared": "same country",
    "month_shared": "same month",
    "person_conflict": "different people",
    "date_conflict": "different dates",
    "place_conflict": "different places",
    "number_conflict": "different numbers",
    "event_conflict": "different event types",
    "cosine": "sentence-vector cosine",
    "cosine_cross_lingual": "sentence-vector cosine across languages",
    "rare_unshared": "a rare word on one side only",
}


@dataclass(frozen=True, slots=True)
class Decision:
    """Per pair: the model's P(same claim), whether it is a link, and whether it is close to one."""

    probability: np.ndarray
    cut: np.ndarray  # the link cut each pair was held to
    linked: np.ndarray
    close: np.ndarray


def decide(matcher: Matcher, x: np.ndarray, both_vectors: np.ndarray) -> Decision:
    """Score the pairs (rows of ``FEATURES`` values) with the model their vectors call for, and cut."""
    probability = matcher.probability(x, both_vectors)
    cut = matcher.threshold(x, both_vectors)
    return Decision(probability, cut, probability >= cut, probability >= matcher.check_threshold(x, both_vectors))


def top_features(model: Model, x: np.ndarray) -> list[list[tuple[str, float, float]]]:
    """For each pair (rows of ``FEATURES`` values), the features that pushed its log-odds up the most:
    (name, value, contribution), computed for all pairs at once."""
    if not len(x):
        return []
    contributions = model.contributions(x)
    values = x[:, model.columns]
    order = np.argsort(-contributions, axis=1)[:, :TOP_FEATURES]
    rows = np.arange(len(x))[:, None]
    shares, picked = contributions[rows, order].tolist(), values[rows, order].tolist()
    names = [[model.features[i] for i in row] for row in order.tolist()]
    return [
        [(n, v, c) for n, v, c in zip(ns, vs, cs, strict=True) if c > 0]
        for ns, vs, cs in zip(names, picked, shares, strict=True)
    ]


def explain(
    model: Model,
    carried: list[tuple[str, float, float]],
    probability: float,
    agreement: Agreement,
    cross: bool,
    cut: float | None = None,
) -> str:
    """The ``method`` of a link, e.g. ``model 0.93 ≥ 0.55 (with sentence vectors): sentence-vector
    cosine 0.84 (+2.10), same person (+0.90); slots: actor أبو قصرة = Abu Qasra; date 2025-10-17``.

    ``carried`` is the pair's ``top_features``; ``cut`` the link cut it was held to (default the model's)."""
    features = ", ".join(
        f"{FEATURE_LABELS.get(name, name)}{'' if value in (0.0, 1.0) else f' {value:.2f}'} ({contribution:+.2f})"
        for name, value, contribution in carried
    )
    vectors = "with sentence vectors" if model.name == "with_vector" else "without sentence vectors"
    slots = "; ".join(agreement.reasons) or "no shared slots"
    kind = "cross-lingual " if cross else ""
    head = f"{kind}model {probability:.2f} ≥ {model.threshold if cut is None else cut:.2f} ({vectors})"
    return f"{head}: {features or 'no single feature'}; slots: {slots}"


def link_fields(a: ClaimFeatures, b: ClaimFeatures) -> tuple[ClaimFeatures, ClaimFeatures]:
    """The pair ordered by claim id, as a link stores it."""
    return (a, b) if a.claim.id < b.claim.id else (b, a)

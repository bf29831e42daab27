"""Step 3 of matching, the model: a logistic regression over the pair features, read from data.

``scripts/train_matcher.py`` fits it on the ``*_train`` pairs of the shared research sets and writes
``factcheck/data/matcher_model.json``: feature names, standardisation (means and scales),
coefficients, intercept and the cuts chosen on ``*_dev``: ``thresholds`` (a link, per language
group; ``threshold`` where a group has none) and ``check_threshold`` (lower: a pair worth the
polarity contradiction checks, which demand that the two texts agree but for the change). The file
holds named coefficient sets; two are read today: one with the sentence encoder's cosine, used when
both claims have a stored vector, and one without it (claims never encoded). Run time needs numpy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import numpy as np

from factcheck.matching.pair_features import FEATURES

__all__ = ["LANGUAGE_GROUPS", "MODEL_FILE", "Matcher", "Model", "language_group", "load", "model_of"]

MODEL_FILE = "matcher_model.json"
# Pairs by language: both Arabic, one other language (English…), two languages. A cut fitted per group:
# the same probability means different things where the ratios read Arabic clitics or English words.
LANGUAGE_GROUPS = ("both_arabic", "same_language", "cross_lingual")


@dataclass(frozen=True, slots=True)
class Model:
    """One fitted logistic regression; ``columns`` are its features' positions in ``FEATURES``."""

    name: str
    features: tuple[str, ...]
    columns: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float  # probability at and above which a pair is linked, where ``thresholds`` says nothing
    check_threshold: float  # ... at and above which it is checked for a negation or opposite
    thresholds: dict[str, float] = field(default_factory=dict)  # the link cut by ``LANGUAGE_GROUPS`` name

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's share of the log-odds, per pair (rows of ``FEATURES`` values)."""
        return np.asarray(((x[:, self.columns] - self.mean) / self.scale) * self.coef)

    def probability(self, x: np.ndarray) -> np.ndarray:
        logit = self.contributions(x).sum(axis=1) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logit)))

    def cuts(self, x: np.ndarray) -> np.ndarray:
        """The link cut of each pair, by its language group."""
        by_group = np.array([self.thresholds.get(g, self.threshold) for g in LANGUAGE_GROUPS])
        return np.asarray(by_group[language_group(x)])

    def check_cuts(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(np.minimum(self.cuts(x), self.check_threshold))


def language_group(x: np.ndarray) -> np.ndarray:
    """Each pair's position in ``LANGUAGE_GROUPS``, read from its ``FEATURES`` row."""
    arabic = x[:, FEATURES.index("both_arabic")] > 0
    cross = x[:, FEATURES.index("cross_lingual")] > 0
    return np.where(cross, 2, np.where(arabic, 0, 1))


@dataclass(frozen=True, slots=True)
class Matcher:
    """The fitted coefficient sets by name (``matcher_model.json`` may hold more than these two)."""

    models: dict[str, Model]

    @property
    def with_vector(self) -> Model:
        return self.models["with_vector"]

    @property
    def lexical(self) -> Model:
        return self.models["lexical"]

    def probability(self, x: np.ndarray, both_vectors: np.ndarray) -> np.ndarray:
        """P(same claim) of each pair: the encoder model where both claims have a vector."""
        out = self.lexical.probability(x)
        if both_vectors.any():
            out[both_vectors] = self.with_vector.probability(x[both_vectors])
        return out

    def threshold(self, x: np.ndarray, both_vectors: np.ndarray) -> np.ndarray:
        """Each pair's link cut: the cut of the model that scores it, for its language group."""
        return np.where(both_vectors, self.with_vector.cuts(x), self.lexical.cuts(x))

    def check_threshold(self, x: np.ndarray, both_vectors: np.ndarray) -> np.ndarray:
        return np.where(both_vectors, self.with_vector.check_cuts(x), self.lexical.check_cuts(x))

    def model(self, both_vectors: bool) -> Model:
        return self.with_vector if both_vectors else self.lexical


def model_of(name: str, data: dict[str, object]) -> Model:
    """One coefficient set of the model file (``data``: its JSON object)."""
    features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise ValueError(f"{MODEL_FILE}: unknown features {sorted(unknown)}; retrain with scripts/train_matcher.py")
    return Model(
        name=name,
        features=features,
        columns=np.array([FEATURES.index(f) for f in features], dtype=np.int64),
        mean=np.array(data["mean"], dtype=float),
        scale=np.array(data["scale"], dtype=float),
        coef=np.array(data["coef"], dtype=float),
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
        check_threshold=float(data.get("check_threshold", data["threshold"])),  # type: ignore[arg-type]
        thresholds={str(k): float(v) for k, v in data.get("thresholds", {}).items()},  # type: ignore[attr-defined]
    )


@cache
def load() -> Matcher:
    """The fitted matcher shipped with the package (read once)."""
    data = json.loads((files("factcheck.data") / MODEL_FILE).read_text(encoding="utf-8"))
    models = {name: model_of(name, v) for name, v in data.items() if isinstance(v, dict) and "coef" in v}
    missing = {"with_vector", "lexical"} - set(models)
    if missing:
        raise ValueError(f"{MODEL_FILE}: no coefficient set {sorted(missing)}; retrain with scripts/train_matcher.py")
    return Matcher(models)

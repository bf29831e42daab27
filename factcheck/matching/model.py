"""Step 3 of matching, the model: a logistic regression over the pair features, read from data.

``scripts/train_matcher.py`` fits it on the ``*_train`` pairs of the shared research sets and writes
``factcheck/data/matcher_model.json``: feature names, standardisation (means and scales),
coefficients, intercept and the two cuts chosen on ``*_dev``: ``threshold`` (a link) and
``check_threshold`` (lower: a pair worth the polarity contradiction checks, which demand that the two
texts agree but for the change). The file holds named coefficient sets; two are read today: one with
the sentence encoder's cosine, used when both claims have a stored vector, and one without it (claims
never encoded). Run time needs numpy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

from factcheck.matching.pair_features import FEATURES

__all__ = ["MODEL_FILE", "Matcher", "Model", "load"]

MODEL_FILE = "matcher_model.json"


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
    threshold: float  # probability at and above which a pair is linked
    check_threshold: float  # ... at and above which it is checked for a negation or opposite

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's share of the log-odds, per pair (rows of ``FEATURES`` values)."""
        return np.asarray(((x[:, self.columns] - self.mean) / self.scale) * self.coef)

    def probability(self, x: np.ndarray) -> np.ndarray:
        logit = self.contributions(x).sum(axis=1) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logit)))


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

    def threshold(self, both_vectors: np.ndarray) -> np.ndarray:
        return np.where(both_vectors, self.with_vector.threshold, self.lexical.threshold)

    def check_threshold(self, both_vectors: np.ndarray) -> np.ndarray:
        return np.where(both_vectors, self.with_vector.check_threshold, self.lexical.check_threshold)

    def model(self, both_vectors: bool) -> Model:
        return self.with_vector if both_vectors else self.lexical


def _model(name: str, data: dict[str, object]) -> Model:
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
    )


@cache
def load() -> Matcher:
    """The fitted matcher shipped with the package (read once)."""
    data = json.loads((files("factcheck.data") / MODEL_FILE).read_text(encoding="utf-8"))
    models = {name: _model(name, value) for name, value in data.items() if isinstance(value, dict) and "coef" in value}
    missing = {"with_vector", "lexical"} - set(models)
    if missing:
        raise ValueError(f"{MODEL_FILE}: no coefficient set {sorted(missing)}; retrain with scripts/train_matcher.py")
    return Matcher(models)

"""The re-ranker: two logistic models over ``FEATURES``, their weights a data file in the package.

Trained by ``scripts/train_prior.py`` (scikit-learn, train split only, fixed seed); here only numpy
runs. Each model sees its features, every product of two of them and each square (``design``): a
logistic model that can still say "a high cosine counts more when BM25 agrees". ``vectors`` scores a
claim that has its sentence vector; ``lexical`` one that has none yet (the import's fast look-up, before
the vectors pass). Each model's badge threshold was chosen on the dev split for precision and then
folded into its intercept, so for both a score of ``threshold`` (0.5) or more means "show the badge"
and one stored score column serves either.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.errors import InvalidValueError
from factcheck.prior.features import FEATURES

__all__ = ["MODEL_FILE", "PriorModel", "Scorer", "default_model", "design"]

MODEL_FILE = "prior_model.json"
BADGE = 0.5  # every model's threshold, once folded into its intercept


def design(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Features, their pairwise products and their squares, one row per candidate."""
    n = x.shape[1]
    left, right = np.triu_indices(n, k=1)
    return np.hstack([x, x[:, left] * x[:, right], x * x])


def design_width(n: int) -> int:
    return n + n * (n - 1) // 2 + n


@dataclass(frozen=True, slots=True)
class Scorer:
    """One logistic model over a subset of ``FEATURES`` (columns of a ``feature_matrix``)."""

    features: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    intercept: float

    @property
    def columns(self) -> list[int]:
        return [FEATURES.index(f) for f in self.features]

    def logits(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The model's log-odds for each row of a full ``feature_matrix``."""
        return np.asarray(((design(x[:, self.columns]) - self.mean) / self.scale) @ self.coef + self.intercept)

    def probabilities(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return 1.0 / (1.0 + np.exp(-np.clip(self.logits(x), -40.0, 40.0)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorer:
        features = tuple(data["features"])
        if not set(features) <= set(FEATURES):
            raise InvalidValueError("prior model: its features do not match this version; retrain it")
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if any(a.shape != (design_width(len(features)),) for a in arrays):
            raise InvalidValueError("prior model: weight vectors of the wrong length")
        mean, scale, coef = arrays
        return cls(features, mean, scale, coef, float(data["intercept"]))


@dataclass(frozen=True, slots=True)
class PriorModel:
    """The pair of scorers; ``threshold`` is the badge's score for both."""

    vectors: Scorer
    lexical: Scorer
    threshold: float
    info: dict[str, Any]

    def scorer(self, *, with_vectors: bool) -> Scorer:
        return self.vectors if with_vectors else self.lexical

    def probabilities(self, x: npt.NDArray[np.float64], *, with_vectors: bool = True) -> npt.NDArray[np.float64]:
        """The badge-centred score of each row of a ``feature_matrix``."""
        return self.scorer(with_vectors=with_vectors).probabilities(x)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vectors": self.vectors.to_dict(),
            "lexical": self.lexical.to_dict(),
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PriorModel:
        if "vectors" not in data or "lexical" not in data:
            raise InvalidValueError("prior model: an older format; retrain it")
        return cls(
            Scorer.from_dict(data["vectors"]),
            Scorer.from_dict(data["lexical"]),
            float(data.get("threshold", BADGE)),
            dict(data.get("info", {})),
        )


@lru_cache(maxsize=1)
def default_model() -> PriorModel:
    """The shipped model (``factcheck/data/prior_model.json``)."""
    text = (files("factcheck.data") / MODEL_FILE).read_text(encoding="utf-8")
    return PriorModel.from_dict(json.loads(text))

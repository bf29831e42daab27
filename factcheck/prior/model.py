"""The re-ranker: a logistic model over ``FEATURES``, its weights a data file in the package.

Trained by ``scripts/train_prior.py`` (scikit-learn, train split only, fixed seed); here only numpy
runs. The model sees each feature, every product of two features and each square (``design``): a
logistic model that can still say "a high cosine counts more when BM25 agrees". ``threshold`` is the
probability above which the workbench shows a prior-verdict badge; it is chosen on the dev split for
precision, and recorded with the figures it reached.
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

__all__ = ["MODEL_FILE", "PriorModel", "default_model", "design"]

MODEL_FILE = "prior_model.json"


def design(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Features, their pairwise products and their squares, one row per candidate."""
    n = x.shape[1]
    left, right = np.triu_indices(n, k=1)
    return np.hstack([x, x[:, left] * x[:, right], x * x])


def design_width(n: int) -> int:
    return n + n * (n - 1) // 2 + n


@dataclass(frozen=True, slots=True)
class PriorModel:
    features: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    intercept: float
    threshold: float
    info: dict[str, Any]

    def probabilities(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """P(same claim) for each row of a ``feature_matrix``."""
        z = ((design(x) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PriorModel:
        features = tuple(data["features"])
        if features != FEATURES:
            raise InvalidValueError("prior model: its features do not match this version; retrain it")
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if any(a.shape != (design_width(len(features)),) for a in arrays):
            raise InvalidValueError("prior model: weight vectors of the wrong length")
        mean, scale, coef = arrays
        return cls(
            features, mean, scale, coef, float(data["intercept"]), float(data["threshold"]), dict(data.get("info", {}))
        )


@lru_cache(maxsize=1)
def default_model() -> PriorModel:
    """The shipped model (``factcheck/data/prior_model.json``)."""
    text = (files("factcheck.data") / MODEL_FILE).read_text(encoding="utf-8")
    return PriorModel.from_dict(json.loads(text))

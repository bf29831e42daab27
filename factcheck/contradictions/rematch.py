"""A full re-match with its contradiction flags, optionally split over processes.

Blocking is cheap and sequential; verifying candidate pairs and checking them for contradictions is
most of the work and splits cleanly. With ``workers > 1`` the pairs are shared with forked children
(copy on write, nothing pickled on the way in) and only links and flags come back. Fork is used
only where it is safe: a POSIX, single-threaded caller such as the command line or a benchmark.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Sequence

from factcheck.bulk import gc_paused
from factcheck.contradictions.detect import Findings, findings
from factcheck.matching.blocking import MatchIndex
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.matcher import _result, verify

__all__ = ["rematch"]

MIN_PAIRS_PER_WORKER = 20_000
_PAIRS: Sequence[tuple[ClaimFeatures, ClaimFeatures]] = ()  # set before forking, read by children


def _analyse(bounds: tuple[int, int]) -> Findings:
    start, end = bounds
    chunk = _PAIRS[start:end]
    return findings(_result(verify(chunk), len(chunk)))


def rematch(
    claims: Iterable[MatchClaim], *, workers: int = 1, min_chunk: int = MIN_PAIRS_PER_WORKER
) -> tuple[Findings, int]:
    """Links and flags over all ``claims``, and the number of candidate pairs blocking proposed."""
    with gc_paused():
        return _rematch(claims, workers, min_chunk)


def _rematch(claims: Iterable[MatchClaim], workers: int, min_chunk: int) -> tuple[Findings, int]:
    global _PAIRS
    index = MatchIndex()
    index.extend(features_of(c) for c in claims)
    feats = index.features
    pairs = [(feats[i], feats[j]) for i, j in sorted(index.all_pairs())]
    workers = min(workers, max(1, len(pairs) // max(1, min_chunk)))
    if workers <= 1 or sys.platform == "win32":
        return findings(_result(verify(pairs), len(pairs))), len(pairs)
    step = -(-len(pairs) // workers)
    _PAIRS = pairs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_analyse, [(i, min(i + step, len(pairs))) for i in range(0, len(pairs), step)])
    finally:
        _PAIRS = ()
    return Findings([k for p in parts for k in p.links], [f for p in parts for f in p.flags]), len(pairs)

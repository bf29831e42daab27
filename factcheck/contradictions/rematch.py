"""A full re-match with its contradiction flags, optionally split over processes.

Blocking is cheap and sequential; verifying candidate pairs and checking them for contradictions is
most of the work and splits cleanly. With ``workers > 1`` the pairs are shared with forked children
(copy on write, nothing pickled on the way in), the calling process verifies the first share itself
instead of waiting, and the children send back links and flags as plain tuples (unpickling frozen
dataclasses costs more than building them again). Fork is used only where it is safe: a POSIX,
single-threaded caller such as the command line or a benchmark.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from factcheck.bulk import gc_paused
from factcheck.contradictions.detect import ContradictionFlag, ContradictionKind, Findings, findings
from factcheck.matching.blocking import candidate_pairs
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.matcher import Link, _result, verify

__all__ = ["rematch"]

MIN_PAIRS_PER_WORKER = 20_000
_PAIRS: Sequence[tuple[ClaimFeatures, ClaimFeatures]] = ()  # set before forking, read by children

_Plain = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _analyse(bounds: tuple[int, int]) -> Findings:
    start, end = bounds
    chunk = _PAIRS[start:end]
    return findings(_result(verify(chunk), len(chunk)))


def _analyse_plain(bounds: tuple[int, int]) -> _Plain:
    """What a child sends back: links and flags as tuples of their fields."""
    found = _analyse(bounds)
    return (
        [
            (k.claim_a_id, k.claim_b_id, k.score, k.text_score, k.slot_score, k.method, k.cross_lingual)
            for k in found.links
        ],
        [(f.claim_a_id, f.claim_b_id, str(f.kind), f.value_a, f.value_b, f.explanation) for f in found.flags],
    )


def _from_plain(plain: _Plain) -> Findings:
    links, flags = plain
    return Findings(
        [Link(*fields) for fields in links],
        [ContradictionFlag(a, b, ContradictionKind(kind), va, vb, text) for a, b, kind, va, vb, text in flags],
    )


def rematch(
    claims: Iterable[MatchClaim], *, workers: int = 1, min_chunk: int = MIN_PAIRS_PER_WORKER
) -> tuple[Findings, int]:
    """Links and flags over all ``claims``, and the number of candidate pairs blocking proposed."""
    with gc_paused():
        return _rematch(claims, workers, min_chunk)


def _rematch(claims: Iterable[MatchClaim], workers: int, min_chunk: int) -> tuple[Findings, int]:
    global _PAIRS
    feats = [features_of(c) for c in claims]
    left, right = candidate_pairs(feats)
    pairs = [(feats[i], feats[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
    workers = min(workers, max(1, len(pairs) // max(1, min_chunk)))
    if workers <= 1 or sys.platform == "win32":
        return findings(_result(verify(pairs), len(pairs))), len(pairs)
    step = -(-len(pairs) // workers)
    bounds = [(i, min(i + step, len(pairs))) for i in range(0, len(pairs), step)]
    _PAIRS = pairs
    try:
        with multiprocessing.get_context("fork").Pool(len(bounds) - 1) as pool:
            pending = pool.map_async(_analyse_plain, bounds[1:])
            parts = [_analyse(bounds[0])]
            parts.extend(_from_plain(plain) for plain in pending.get())
    finally:
        _PAIRS = ()
    return Findings([k for p in parts for k in p.links], [f for p in parts for f in p.flags]), len(pairs)

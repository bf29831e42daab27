"""A full re-match with its contradiction flags, optionally split over processes.

Blocking is cheap and sequential; verifying candidate pairs and checking them for contradictions is
most of the work and splits cleanly. With ``workers > 1`` the pairs are shared with forked children
(copy on write, nothing pickled on the way in: the claims' features, the candidate pairs as two
position arrays and the per-claim table of the bulk pre-filter), the calling process verifies the first share itself
instead of waiting, and the children send back links and flags as plain tuples (unpickling frozen
dataclasses costs more than building them again). Fork is used only where it is safe: a POSIX,
single-threaded caller such as the command line or a benchmark.
"""

from __future__ import annotations

import marshal
import multiprocessing
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from factcheck.bulk import gc_paused
from factcheck.contradictions.detect import ContradictionFlag, ContradictionKind, Findings, findings
from factcheck.matching.blocking import atom_table, candidate_pairs
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.features_codec import decode, encode
from factcheck.matching.matcher import ClaimTable, Link, _result, verify_positions

__all__ = ["rematch"]

MIN_PAIRS_PER_WORKER = 20_000
MIN_CLAIMS_TO_SPLIT = 5_000  # below this, forking costs more than the features
OWN_FEATURE_SHARE = 0.56  # the caller's share of the features: the worker is slower (it also encodes its share)
_CLAIMS: Sequence[MatchClaim] = ()  # set before forking, read by the features worker


@dataclass(frozen=True, slots=True)
class _Work:
    """Everything a share of the verification reads: set before forking, inherited by children."""

    claims: Sequence[ClaimFeatures]
    left: np.ndarray
    right: np.ndarray
    table: ClaimTable


_WORK: _Work | None = None

_Plain = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _analyse(bounds: tuple[int, int]) -> Findings:
    assert _WORK is not None
    start, end = bounds
    work = _WORK
    found = verify_positions(work.claims, work.left[start:end], work.right[start:end], work.table)
    return findings(_result(found, end - start))


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


def _encoded_share(bounds: tuple[int, int]) -> bytes:
    """A forked worker's share of the features, encoded (``marshal`` format 2: no back-references)."""
    start, end = bounds
    return marshal.dumps([encode(features_of(c)) for c in _CLAIMS[start:end]], 2)


def _all_features(claims: Sequence[MatchClaim], workers: int) -> list[ClaimFeatures]:
    """Features of every claim, the later share computed by a forked worker at the same time.

    The worker's features come back encoded; rebuilding one costs about a third of computing it,
    so the calling process takes a little under half of the claims itself.
    """
    global _CLAIMS
    if workers <= 1 or len(claims) < MIN_CLAIMS_TO_SPLIT or sys.platform == "win32":
        return [features_of(c) for c in claims]
    split = int(len(claims) * OWN_FEATURE_SHARE)
    _CLAIMS = claims
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            pending = pool.apply_async(_encoded_share, ((split, len(claims)),))
            feats = [features_of(c) for c in claims[:split]]
            encoded = marshal.loads(pending.get())
    finally:
        _CLAIMS = ()
    feats.extend(decode(c, e) for c, e in zip(claims[split:], encoded, strict=True))
    return feats


def _rematch(claims: Iterable[MatchClaim], workers: int, min_chunk: int) -> tuple[Findings, int]:
    global _WORK
    feats = _all_features(list(claims), workers)
    atom_ids = atom_table(feats)
    left, right = candidate_pairs(feats, atom_ids=atom_ids)
    work = _Work(feats, left, right, ClaimTable.of(feats, atom_ids))
    pairs = len(left)
    workers = min(workers, max(1, pairs // max(1, min_chunk)))
    step = -(-pairs // workers) if pairs else 1
    bounds = [(i, min(i + step, pairs)) for i in range(0, pairs, step)] or [(0, 0)]
    _WORK = work
    try:
        if len(bounds) == 1 or sys.platform == "win32":
            return findings(_result(verify_positions(feats, left, right, work.table), pairs)), pairs
        with multiprocessing.get_context("fork").Pool(len(bounds) - 1) as pool:
            pending = pool.map_async(_analyse_plain, bounds[1:])
            parts = [_analyse(bounds[0])]
            parts.extend(_from_plain(plain) for plain in pending.get())
    finally:
        _WORK = None
    return Findings([k for p in parts for k in p.links], [f for p in parts for f in p.flags]), pairs

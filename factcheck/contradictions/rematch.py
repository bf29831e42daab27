"""A full re-match with its contradiction flags, optionally split over processes.

With ``workers > 1`` the work is shared with forked children (``factcheck.forking``): one computes a
share of the claims' features while the caller computes the rest, and sends them back encoded
(``features_codec``); after blocking, each child verifies a share of the candidate pairs, reading
the claims' features, the pairs (two position arrays) and the pre-filter's per-claim table from the
memory it shares with the caller (copy on write: nothing is sent on the way in), while the caller
verifies the first share. Links and flags come back as marshalled tuples, cheaper than pickled
dataclasses. Fork is used only where it is safe: a POSIX, single-threaded caller such as the
command line or a benchmark.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from factcheck.bulk import gc_paused
from factcheck.contradictions.detect import ContradictionFlag, ContradictionKind, Findings, findings
from factcheck.forking import Forked
from factcheck.matching.blocking import atom_table, candidate_pairs
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.features_codec import decode, encode
from factcheck.matching.matcher import ClaimTable, Link, _result, verify_positions

__all__ = ["rematch"]

MIN_PAIRS_PER_WORKER = 20_000
MIN_CLAIMS_TO_SPLIT = 5_000  # below this, forking costs more than the features
OWN_FEATURE_SHARE = 0.52  # the caller's share of the features (it also rebuilds the worker's share)
OWN_PAIR_SHARE = 0.94  # of an even share of the pairs: the caller also frees the features
FEATURE_PIECES = 8  # pieces of each share: the caller rebuilds one while the worker computes the next
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
    found = verify_positions(work.claims, work.left[start:end], work.right[start:end], work.table, workers=1)
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


def _plain_share(bounds: tuple[int, int]) -> Iterator[bytes]:
    yield marshal.dumps(_analyse_plain(bounds), 2)


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


def _pieces(start: int, end: int, count: int) -> list[tuple[int, int]]:
    step = max(1, -(-(end - start) // count))
    return [(i, min(i + step, end)) for i in range(start, end, step)]


def _encoded_shares(shares: list[tuple[int, int]]) -> Iterator[bytes]:
    """A forked worker's share of the features, piece by piece (``marshal`` format 2: no back-references)."""
    for start, end in shares:
        yield marshal.dumps([encode(features_of(c)) for c in _CLAIMS[start:end]], 2)


def _all_features(claims: Sequence[MatchClaim], workers: int) -> list[ClaimFeatures]:
    """Features of every claim, the later share computed by a forked worker at the same time.

    The worker sends its share back encoded, in pieces; rebuilding a claim's features costs about a
    third of computing them, and the caller rebuilds each piece as it arrives, between pieces of its
    own share, so that both processes stay busy to the end.
    """
    global _CLAIMS
    if workers <= 1 or len(claims) < MIN_CLAIMS_TO_SPLIT or sys.platform == "win32":
        return [features_of(c) for c in claims]
    split = int(len(claims) * OWN_FEATURE_SHARE)
    theirs = _pieces(split, len(claims), FEATURE_PIECES)
    feats: list[ClaimFeatures] = []
    rebuilt: list[ClaimFeatures] = []
    received = 0  # pieces of the worker's share rebuilt so far

    def rebuild(pieces: list[bytes]) -> None:
        nonlocal received
        for data in pieces:
            start, end = theirs[received]
            rebuilt.extend(decode(c, e) for c, e in zip(claims[start:end], marshal.loads(data), strict=True))
            received += 1

    _CLAIMS = claims
    try:
        try:
            worker = Forked(partial(_encoded_shares, theirs))
        except OSError:  # no fork, no pipe or no spool file here: one process does it all
            return [features_of(c) for c in claims]
        for start, end in _pieces(0, split, FEATURE_PIECES):
            feats.extend(features_of(c) for c in claims[start:end])
            rebuild(worker.ready())
        rebuild(worker.rest())
    finally:
        _CLAIMS = ()
    for start, end in theirs[received:]:  # only if the worker failed: compute what is missing
        rebuilt.extend(features_of(c) for c in claims[start:end])
    feats.extend(rebuilt)
    return feats


def _shares(pairs: int, workers: int) -> list[tuple[int, int]]:
    """Pair ranges: the caller's first, a little smaller, so that it can free the features while the
    workers finish theirs."""
    if workers <= 1 or not pairs:
        return [(0, pairs)]
    own = int(pairs / workers * OWN_PAIR_SHARE)
    step = -(-(pairs - own) // (workers - 1))
    return [(0, own)] + [(i, min(i + step, pairs)) for i in range(own, pairs, step)]


def _rematch(claims: Iterable[MatchClaim], workers: int, min_chunk: int) -> tuple[Findings, int]:
    global _WORK
    claims = list(claims)
    feats = _all_features(claims, workers)
    atom_ids = atom_table(feats)
    left, right = candidate_pairs(feats, atom_ids=atom_ids)
    table = ClaimTable.of(feats, atom_ids)
    pairs = len(left)
    bounds = _shares(pairs, min(workers, max(1, pairs // max(1, min_chunk))))
    if len(bounds) == 1 or sys.platform == "win32":
        return findings(_result(verify_positions(feats, left, right, table), pairs)), pairs
    _WORK = _Work(feats, left, right, table)
    try:
        try:
            forked = [(share, Forked(partial(_plain_share, share))) for share in bounds[1:]]
        except OSError:  # no fork, no pipe or no spool file here: one process does it all
            return findings(_result(verify_positions(feats, left, right, table), pairs)), pairs
        parts = [_analyse(bounds[0])]
    finally:
        _WORK = None
    # Freeing a re-match's features takes a while: done here, while the workers finish their shares.
    del feats, atom_ids, table
    for share, worker in forked:
        data = worker.rest()
        if worker.finished and data:
            parts.append(_from_plain(marshal.loads(data[0])))
        else:  # the worker failed: its share again, here (the features are gone, so computed anew)
            parts.append(_verify_again(claims, left, right, share))
    return Findings([k for p in parts for k in p.links], [f for p in parts for f in p.flags]), pairs


def _verify_again(claims: list[MatchClaim], left: np.ndarray, right: np.ndarray, share: tuple[int, int]) -> Findings:
    global _WORK
    feats = [features_of(c) for c in claims]
    _WORK = _Work(feats, left, right, ClaimTable.of(feats))
    try:
        return _analyse(share)
    finally:
        _WORK = None

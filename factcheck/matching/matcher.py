"""Matching as its flow: candidates → features → model → decision, for a full re-match or new claims.

1. ``candidates`` / ``blocking``: each claim meets the stored claims it shares a pair of slot atoms
   with, and its ``top_k`` best partners by shared rare terms (bounded, never all pairs).
2. ``pair_features``: every candidate pair's features in bulk, from what ``features_of`` computed
   once per claim.
3. ``model``: the fitted logistic regression gives each pair P(same claim).
4. ``decide``: pairs at or above the fitted threshold become links that say why.

Pairs that report one event (``agreement.same_event``), and pairs the model scores close to a link
(at or above its lower ``check_threshold``), are kept too, linked or not, so that the contradiction
checks can compare them; every kept pair carries its probability.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from factcheck.bulk import gc_paused
from factcheck.matching import model as fitted
from factcheck.matching.agreement import Agreement, same_event, shared_persons, slot_agreement
from factcheck.matching.blocking import MatchIndex, atom_table, block_keys, candidate_pairs
from factcheck.matching.decide import decide, explain, link_fields, top_features
from factcheck.matching.evidence import has_evidence
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.model import Model
from factcheck.matching.pair_features import FEATURES, ClaimTable, pair_features
from factcheck.quick_init import quick_init

__all__ = ["Candidate", "ClaimTable", "Link", "MatchResult", "match_all", "match_new", "verify", "verify_positions"]

WORKERS = 2
_TOKEN_SET = FEATURES.index("token_set")


@quick_init
@dataclass(frozen=True, slots=True)
class Link:
    """Two claims judged to state the same fact; ``claim_a_id < claim_b_id``; ``score`` is P(same)."""

    claim_a_id: int
    claim_b_id: int
    score: float
    text_score: float
    slot_score: float
    method: str
    cross_lingual: bool


@quick_init
@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored pair with everything the contradiction checks need; ``probability`` is the model's
    P(same claim) of the pair, whether it became a link or not."""

    a: ClaimFeatures
    b: ClaimFeatures
    text_score: float
    agreement: Agreement
    link: Link | None
    same_event: str | None  # why their sentences report one event, if they do
    probability: float = 0.0
    close: bool = False  # the model scores them at or above its check threshold (a rewrite, not yet a link)

    def event_link(self) -> Link:
        """The link to store when only the sentences match (a contradiction between them is flagged)."""
        if self.link is not None:
            return self.link
        first, second = link_fields(self.a, self.b)
        frames = slot_agreement(first.event_frame, second.event_frame, explain=True)
        reasons = "; ".join(frames.reasons) or "no shared slots"
        return Link(
            claim_a_id=first.claim.id,
            claim_b_id=second.claim.id,
            score=round(self.probability, 4),
            text_score=round(self.text_score, 4),
            slot_score=round(frames.score, 4),
            method=f"{self.same_event or 'close to a link'} (model {self.probability:.2f}); "
            f"their sentences share: {reasons}",
            cross_lingual=self.a.claim.language != self.b.claim.language,
        )


@dataclass(frozen=True, slots=True)
class MatchResult:
    links: list[Link]
    kept: list[Candidate]  # linked pairs and same-event pairs, for the contradiction checks
    candidates: int  # pairs that candidate generation proposed
    # The proposed pairs as (lower, higher) claim ids, when asked for: every pair this run decided.
    pairs: frozenset[tuple[int, int]] = frozenset()


def verify(
    pairs: Sequence[tuple[ClaimFeatures, ClaimFeatures]],
    *,
    keep_all: bool = False,
    df: dict[str, int] | None = None,
    total: int | None = None,
) -> list[Candidate]:
    """Score every pair and decide which become links; ``df``/``total`` are the store's document
    frequencies (default: counted over the pairs' claims).

    Returns the pairs that became links or report one event (all pairs with ``keep_all``).
    """
    rows: dict[int, int] = {}
    claims: list[ClaimFeatures] = []
    for pair in pairs:
        for f in pair:
            if id(f) not in rows:
                rows[id(f)] = len(claims)
                claims.append(f)
    left = np.fromiter((rows[id(a)] for a, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((rows[id(b)] for _, b in pairs), dtype=np.int64, count=len(pairs))
    table = ClaimTable.of(claims, df=df, total=total)
    return verify_positions(claims, left, right, table, keep_all=keep_all)


def verify_positions(
    claims: Sequence[ClaimFeatures],
    left: np.ndarray,
    right: np.ndarray,
    table: ClaimTable,
    *,
    keep_all: bool = False,
    workers: int = WORKERS,
) -> list[Candidate]:
    """``verify`` of the pairs ``(claims[left[k]], claims[right[k]])``, with the claims' table built once.

    ``workers`` are cpdist's threads: one when another process verifies the other share at once.
    """
    matcher = fitted.load()
    x, both, could_be_event = pair_features(table, left, right, workers=workers)
    decision = decide(matcher, x, both)
    probability, linked, close = decision.probability, decision.linked, decision.close
    linked[linked] = has_evidence(table, left[linked], right[linked])  # a shared topic is not one event
    # A close pair is checked for a negation or an opposite and a flag links it: the same evidence first
    # («مما أسفر عن سقوط قتلى» / «ولم يسفر الحادث عن سقوط قتلى» share only a news template).
    near = np.flatnonzero(close & ~linked)
    close[near] = has_evidence(table, left[near], right[near])
    event = could_be_event & ~linked
    worth = np.ones(len(left), dtype=bool) if keep_all else close | event
    out: list[Candidate] = []
    lefts, rights = left.tolist(), right.tolist()
    linked_rows = np.flatnonzero(linked)
    carried = {  # each linked pair's leading features, by the model that judged it
        name: dict(zip(rows.tolist(), top_features(model, x[rows]), strict=True))
        for name, model, rows in (
            ("with_vector", matcher.with_vector, linked_rows[both[linked_rows]]),
            ("lexical", matcher.lexical, linked_rows[~both[linked_rows]]),
        )
    }
    # Python values once, not a numpy scalar per pair; a pair that is neither close (every link is) nor
    # one event is dropped before its slots are compared.
    probabilities, is_linked, is_close = probability.tolist(), linked.tolist(), close.tolist()
    text_scores = x[:, _TOKEN_SET].tolist()
    for i in np.flatnonzero(worth).tolist():
        a, b = claims[lefts[i]], claims[rights[i]]
        persons = shared_persons(a, b)
        same = same_event(a, b, persons=persons if a.frame is None and b.frame is None else None)
        if not (keep_all or is_close[i] or same is not None):
            continue
        agreement = slot_agreement(a, b, explain=is_linked[i], persons=persons)
        p = probabilities[i]
        link = None
        if is_linked[i]:
            model = matcher.model(bool(both[i]))
            link = _link(a, b, x[i], carried[model.name][i], p, agreement, model, float(decision.cut[i]))
        out.append(Candidate(a, b, text_scores[i], agreement, link, same, p, is_close[i]))
    return out


def _link(
    a: ClaimFeatures,
    b: ClaimFeatures,
    row: np.ndarray,
    carried: list[tuple[str, float, float]],
    p: float,
    agreement: Agreement,
    model: Model,
    cut: float,
) -> Link:
    cross = a.claim.language != b.claim.language
    first, second = link_fields(a, b)
    return Link(
        first.claim.id,
        second.claim.id,
        round(p, 4),
        round(float(row[_TOKEN_SET]), 4),
        round(agreement.score, 4),
        explain(model, carried, p, agreement, cross, cut),
        cross,
    )


def _result(candidates: list[Candidate], proposed: int) -> MatchResult:
    kept = [c for c in candidates if c.link is not None or c.same_event is not None or c.close]
    return MatchResult(links=[c.link for c in kept if c.link is not None], kept=kept, candidates=proposed)


def match_all(claims: Iterable[MatchClaim], *, index: MatchIndex | None = None) -> MatchResult:
    """Match every claim against every other through bounded candidates (a full re-match)."""
    with gc_paused():
        index = index or MatchIndex()
        index.extend(features_of(c) for c in claims)
        feats = index.features
        atom_ids = atom_table(feats)
        terms = index.terms
        left, right = candidate_pairs(
            feats,
            max_block=index.max_block,
            top_k=terms.top_k,
            max_df=terms.max_df,
            atom_ids=atom_ids,
            near_duplicates=terms.near_duplicates,
        )
        return _result(verify_positions(feats, left, right, ClaimTable.of(feats, atom_ids)), len(left))


Encoder = Callable[[Sequence[MatchClaim]], dict[int, np.ndarray]]


def match_new(
    index: MatchIndex,
    new: Iterable[MatchClaim | ClaimFeatures],
    *,
    encode: Encoder | None = None,
    report_pairs: bool = False,
) -> MatchResult:
    """Match ``new`` claims against the index, then add them to it (incremental matching).

    ``encode`` gives sentence vectors (by claim id) to the claims that have candidates and none yet,
    in one batch: only those are worth encoding, and each is encoded once (the caller stores them).
    ``report_pairs`` fills ``MatchResult.pairs`` (a later pass that decides them again needs them).
    ``new`` may be given as features already (``features_of``).
    """
    new_features = [c if isinstance(c, ClaimFeatures) else features_of(c) for c in new]
    # Each claim of a pair once, as a row of the claims' table, keyed by its absolute place in the index
    # (stable while the oldest claims are evicted); the pairs as rows, in the order they are proposed.
    rows: dict[int, int] = {}
    claims: list[ClaimFeatures] = []
    left: list[int] = []
    right: list[int] = []
    for features in new_features:
        keys = block_keys(features)
        found = sorted(index.candidates(features, keys))
        base, own = index.base, -1
        for position in found:
            row = rows.get(position + base)
            if row is None:
                row = rows[position + base] = len(claims)
                claims.append(index.features[position])
            left.append(row)
            if own < 0:  # rows in order of first appearance, the new claim after its first partner
                own = len(claims)
                claims.append(features)
        right.extend([own] * len(found))
        position = index.add(features, keys)
        if own >= 0:
            rows[position + index.base] = own
    if encode is not None and left:
        claims = _with_vectors(index, claims, encode)
    pair_left, pair_right = np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)
    table = ClaimTable.of(claims, df=index.terms.frequencies(), total=len(index))
    result = _result(verify_positions(claims, pair_left, pair_right, table), len(left))
    if report_pairs:
        ids = ((claims[a].claim.id, claims[b].claim.id) for a, b in zip(left, right, strict=True))
        result = replace(result, pairs=frozenset((a, b) if a < b else (b, a) for a, b in ids))
    return result


def _with_vectors(index: MatchIndex, claims: list[ClaimFeatures], encode: Encoder) -> list[ClaimFeatures]:
    """``claims`` with the vectors ``encode`` gives those that have none, in the index too."""
    missing = {id(f): f for f in claims if f.claim.vector is None}
    if not missing:
        return claims
    vectors = encode([f.claim for f in missing.values()])
    if not vectors:
        return claims
    updated = {
        key: replace(f, claim=replace(f.claim, vector=vectors[f.claim.id]))
        for key, f in missing.items()
        if f.claim.id in vectors
    }
    positions = {id(f): n for n, f in enumerate(index.features) if id(f) in updated}
    for key, position in positions.items():
        index.features[position] = updated[key]
    return [updated.get(id(f), f) for f in claims]

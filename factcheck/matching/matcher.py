"""Verification of candidate pairs: text similarity in bulk, slot agreement, and the link decision.

Text similarity is rapidfuzz ``token_set_ratio`` over matching words, computed for all candidate
pairs at once with ``process.cpdist`` (a Python loop of ``fuzz`` calls is several times slower, and
``WRatio`` links far too many unrelated claims). Claims in different languages share no words, so
their score is their slot agreement alone and they need two kinds of agreeing slots, one of them an
actor, a date, a place or a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.bulk import gc_paused
from factcheck.matching.agreement import (
    W_CONFLICT,
    W_DESCRIPTOR,
    W_PARTICIPANTS,
    Agreement,
    same_event,
    shared_persons,
    slot_agreement,
)
from factcheck.matching.blocking import MatchIndex, candidate_pairs
from factcheck.matching.concepts import DESCRIPTOR_CONCEPTS
from factcheck.matching.features import MAX_ATOMS, ClaimFeatures, MatchClaim, features_of

__all__ = ["Candidate", "Link", "MatchResult", "match_all", "match_new", "verify"]

TEXT_WEIGHT = 0.5
LINK_THRESHOLD = 0.5
EVENT_LINK_THRESHOLD = 0.45  # a shared event word and no disagreeing slot
NEAR_IDENTICAL_TEXT = 0.9
CROSS_LINGUAL_THRESHOLD = 0.55
WORKERS = 2
# Upper-bound weights of shared blocking atoms by kind (person, organisation, day, month, year, place,
# number, event, country), and what the atoms cannot show (descriptors, extra actors, participants).
ATOM_WEIGHTS = {"a": 0.35, "o": 0.15, "d": 0.3, "m": 0.15, "y": 0.05, "p": 0.2, "n": 0.2, "e": 0.25, "c": 0.1}
SLOT_SLACK = 0.1
# Same-language links also need one of these: a shared country and city are not enough
# («وزارة الدفاع … دمشق» in April and in October are two stories).
SAME_LANGUAGE_ANCHORS = frozenset({"event", "person", "number", "participants", "day"})
# Across languages only canonical values are safe: a person's key, a date or a count. Places and
# countries alone join every report about Damascus.
CROSS_LINGUAL_ANCHORS = frozenset({"person", "date", "number"})


@dataclass(frozen=True, slots=True)
class Link:
    """Two claims judged to state the same fact; ``claim_a_id < claim_b_id``."""

    claim_a_id: int
    claim_b_id: int
    score: float
    text_score: float
    slot_score: float
    method: str
    cross_lingual: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A verified pair with everything the contradiction checks need."""

    a: ClaimFeatures
    b: ClaimFeatures
    text_score: float
    agreement: Agreement
    link: Link | None
    same_event: str | None  # why their sentences report one event, if they do

    def event_link(self) -> Link:
        """The link to store when only the sentences match (a contradiction between them is flagged).

        Its slot score is the agreement of the two sentences, which is what joined them.
        """
        if self.link is not None:
            return self.link
        first, second = (self.a, self.b) if self.a.claim.id < self.b.claim.id else (self.b, self.a)
        frames = slot_agreement(first.event_frame, second.event_frame, explain=True)
        reasons = "; ".join(frames.reasons) or "no shared slots"
        return Link(
            claim_a_id=first.claim.id,
            claim_b_id=second.claim.id,
            score=round(frames.score, 4),
            text_score=round(self.text_score, 4),
            slot_score=round(frames.score, 4),
            method=f"{self.same_event}; their sentences share: {reasons}",
            cross_lingual=self.a.claim.language != self.b.claim.language,
        )


@dataclass(frozen=True, slots=True)
class MatchResult:
    links: list[Link]
    kept: list[Candidate]  # linked pairs and same-event pairs, for the contradiction checks
    candidates: int  # pairs that blocking proposed


def _decide(a: ClaimFeatures, b: ClaimFeatures, text: float, agreement: Agreement) -> Link | None:
    cross = a.claim.language != b.claim.language
    slot = agreement.score
    if cross:
        if slot < CROSS_LINGUAL_THRESHOLD or not agreement.categories & CROSS_LINGUAL_ANCHORS:
            return None
        score = slot
    else:
        score = TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * slot
        near_identical = text >= NEAR_IDENTICAL_TEXT and len(a.words) >= 4
        clean_event = "event" in agreement.categories and not agreement.conflicts
        threshold = EVENT_LINK_THRESHOLD if clean_event else LINK_THRESHOLD
        if not near_identical and (score < threshold or not agreement.categories & SAME_LANGUAGE_ANCHORS):
            return None
        if near_identical and score < LINK_THRESHOLD:
            score = text
    shared = "; ".join(agreement.reasons) or "no shared slots"
    if cross:
        method = f"cross-lingual slot agreement {slot:.2f}: {shared}"
    else:
        method = f"text {text:.2f} (token_set_ratio) + slots {slot:.2f}: {shared}"
    first, second = (a, b) if a.claim.id < b.claim.id else (b, a)
    return Link(
        claim_a_id=first.claim.id,
        claim_b_id=second.claim.id,
        score=round(score, 4),
        text_score=round(text, 4),
        slot_score=round(slot, 4),
        method=method,
        cross_lingual=cross,
    )


def _text_scores(pairs: Sequence[tuple[ClaimFeatures, ClaimFeatures]]) -> tuple[np.ndarray, np.ndarray]:
    """token_set_ratio of every same-language pair in one ``cpdist`` call (0 across languages)."""
    same = np.fromiter((a.claim.language == b.claim.language for a, b in pairs), dtype=bool, count=len(pairs))
    text = np.zeros(len(pairs))
    index = np.flatnonzero(same)
    if index.size:
        rows = index.tolist()
        text[index] = (
            process.cpdist(
                [pairs[i][0].norm for i in rows],
                [pairs[i][1].norm for i in rows],
                scorer=fuzz.token_set_ratio,
                workers=WORKERS,
            )
            / 100.0
        )
    return text, same


def _atoms(features: ClaimFeatures) -> tuple[list[int], list[float], list[int]]:
    """Hashes, upper-bound weights and kinds (ord of the prefix) of a claim's atoms, zero-padded."""
    pad = [0] * (MAX_ATOMS - len(features.atoms))
    return (
        [hash(a) or 1 for a in features.atoms] + pad,
        [ATOM_WEIGHTS.get(a[0], 0.0) for a in features.atoms] + [0.0] * len(pad),
        [ord(a[0]) for a in features.atoms] + pad,
    )


def _worth_scoring(
    pairs: Sequence[tuple[ClaimFeatures, ClaimFeatures]], text: np.ndarray, same: np.ndarray
) -> np.ndarray:
    """Pairs that could become a link or a same-event pair, judged in bulk from shared atoms.

    An upper bound of the slot score (weights of shared atoms plus ``SLOT_SLACK`` for what atoms do
    not carry) is enough to drop most candidates before the exact, per-pair scoring in Python.
    """
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    rows: dict[int, int] = {}
    claims: list[ClaimFeatures] = []
    for pair in pairs:
        for f in pair:
            if id(f) not in rows:
                rows[id(f)] = len(claims)
                claims.append(f)
    table = [_atoms(f) for f in claims]
    ids = np.array([t[0] for t in table], dtype=np.int64)
    weights = np.array([t[1] for t in table])
    kinds = np.array([t[2] for t in table], dtype=np.int32)
    left = np.fromiter((rows[id(a)] for a, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((rows[id(b)] for _, b in pairs), dtype=np.int64, count=len(pairs))
    ids_a, ids_b = ids[left], ids[right]
    shared = ((ids_a[:, :, None] == ids_b[:, None, :]).any(axis=2)) & (ids_a != 0)
    kinds_a, kinds_b = kinds[left], kinds[right]
    has = {k: (shared & (kinds_a == ord(k))).any(axis=1) for k in "aedmcp"}

    def both(*codes: str) -> np.ndarray:
        on_a = np.isin(kinds_a, [ord(c) for c in codes]).any(axis=1)
        return np.asarray(on_a & np.isin(kinds_b, [ord(c) for c in codes]).any(axis=1))

    # Slots both claims fill without a shared value lower the exact score by W_CONFLICT each. Atoms
    # of claims with a sentence frame mix in the sentence's slots, so only frameless pairs count them.
    frameless = np.array([f.frame is None for f in claims])
    conflicts = (
        (both("a") & ~has["a"]).astype(float)
        + (both("d", "m") & ~(has["d"] | has["m"]))
        + (both("p") & ~has["p"])
        + (both("e") & ~has["e"])
    ) * (frameless[left] & frameless[right])
    # What atoms do not carry: shared descriptors (counted exactly from bit masks), participants, and
    # a second person or event word (SLOT_SLACK). A shared day also shares its month: count it once.
    masks = np.array([_descriptor_mask(f) for f in claims], dtype=np.int64)
    descriptors = np.minimum(3, _POPCOUNT[masks[left] & masks[right]]) * W_DESCRIPTOR
    listing = np.array([len(f.participants) >= 2 for f in claims])
    extra = descriptors + W_PARTICIPANTS * (listing[left] & listing[right]) + SLOT_SLACK
    atoms = (weights[left] * shared).sum(axis=1) - ATOM_WEIGHTS["m"] * (has["d"] & has["m"])
    bound = np.minimum(1.0, atoms + extra - W_CONFLICT * conflicts)
    more = np.array([_more_evidence(f.event_frame) for f in claims])
    could_be_event = has["e"] & (has["a"] | ((has["d"] | has["m"]) & (has["c"] | has["p"]) & more[left] & more[right]))
    # Meeting on two shared atoms only is mostly chance at scale (the same number and event word):
    # such a pair also needs a person, similar words, or a claim too sparse to share more.
    sparse = np.array([len(f.atoms) < 3 for f in claims])
    specific = (shared.sum(axis=1) >= 3) | has["a"] | (same & (text >= 0.5)) | sparse[left] | sparse[right]
    anchored = has["e"] | has["a"] | has["d"] | _has_kind(shared, kinds_a, "n") | (listing[left] & listing[right])
    could_link = specific & np.where(
        same,
        ((TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * bound >= EVENT_LINK_THRESHOLD) & anchored)
        | (text >= NEAR_IDENTICAL_TEXT),
        bound >= CROSS_LINGUAL_THRESHOLD,
    )
    return np.asarray(could_link | could_be_event)


_DESCRIPTOR_BITS = {name: 1 << i for i, name in enumerate(sorted(DESCRIPTOR_CONCEPTS))}
_POPCOUNT = np.array([bin(i).count("1") for i in range(1 << len(_DESCRIPTOR_BITS))], dtype=np.int64)


def _descriptor_mask(f: ClaimFeatures) -> int:
    return sum(_DESCRIPTOR_BITS.get(c, 0) for c in f.concepts - f.events)


def _has_kind(shared: np.ndarray, kinds: np.ndarray, kind: str) -> np.ndarray:
    return np.asarray((shared & (kinds == ord(kind))).any(axis=1))


def _more_evidence(f: ClaimFeatures) -> bool:
    """What ``same_event`` asks besides time and place: a descriptor, participants or an organisation."""
    return bool(f.concepts - f.events or len(f.participants) >= 2 or f.org_keys)


def verify(pairs: Sequence[tuple[ClaimFeatures, ClaimFeatures]], *, keep_all: bool = False) -> list[Candidate]:
    """Score every pair (text in one ``cpdist`` call) and decide which become links.

    Returns the pairs that became links or report one event (all pairs with ``keep_all``).
    """
    text_scores, same = _text_scores(pairs)
    worth = np.ones(len(pairs), dtype=bool) if keep_all else _worth_scoring(pairs, text_scores, same)
    out: list[Candidate] = []
    scores = text_scores.tolist()
    for i in np.flatnonzero(worth).tolist():
        a, b = pairs[i]
        text = scores[i]
        persons = shared_persons(a, b)
        agreement = slot_agreement(a, b, explain=True, persons=persons)
        link = _decide(a, b, text, agreement)
        event = same_event(a, b, persons=persons if a.frame is None and b.frame is None else None)
        if keep_all or link is not None or event is not None:
            out.append(Candidate(a, b, text, agreement, link, event))
    return out


def _result(candidates: list[Candidate], proposed: int) -> MatchResult:
    kept = [c for c in candidates if c.link is not None or c.same_event is not None]
    return MatchResult(links=[c.link for c in kept if c.link is not None], kept=kept, candidates=proposed)


def match_all(claims: Iterable[MatchClaim], *, index: MatchIndex | None = None) -> MatchResult:
    """Match every claim against every other through blocking (a full re-match)."""
    with gc_paused():
        index = index or MatchIndex()
        index.extend(features_of(c) for c in claims)
        feats = index.features
        left, right = candidate_pairs(
            feats, max_block=index.max_block, rare_tokens=index.rare_tokens, max_token_df=index.max_token_df
        )
        pairs = [(feats[i], feats[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
        return _result(verify(pairs), len(pairs))


def match_new(index: MatchIndex, new: Iterable[MatchClaim]) -> MatchResult:
    """Match ``new`` claims against the index, then add them to it (incremental matching)."""
    new_features = [features_of(c) for c in new]
    pairs: list[tuple[ClaimFeatures, ClaimFeatures]] = []
    for features in new_features:
        pairs.extend((index.features[p], features) for p in sorted(index.candidates(features)))
        index.add(features)
    return _result(verify(pairs), len(pairs))

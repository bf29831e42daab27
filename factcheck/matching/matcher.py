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

from rapidfuzz import fuzz, process

from factcheck.matching.agreement import Agreement, same_event, slot_agreement
from factcheck.matching.blocking import MatchIndex
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of

__all__ = ["Candidate", "Link", "MatchResult", "match_all", "match_new", "verify"]

TEXT_WEIGHT = 0.5
LINK_THRESHOLD = 0.5
EVENT_LINK_THRESHOLD = 0.45  # a shared event word and no disagreeing slot
NEAR_IDENTICAL_TEXT = 0.9
CROSS_LINGUAL_THRESHOLD = 0.55
WORKERS = 2
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
        """The link to store when only the sentences match (a contradiction between them is flagged)."""
        if self.link is not None:
            return self.link
        first, second = (self.a, self.b) if self.a.claim.id < self.b.claim.id else (self.b, self.a)
        reasons = "; ".join(slot_agreement(self.a, self.b, explain=True).reasons) or "no shared slots"
        return Link(
            claim_a_id=first.claim.id,
            claim_b_id=second.claim.id,
            score=round(self.agreement.score, 4),
            text_score=round(self.text_score, 4),
            slot_score=round(self.agreement.score, 4),
            method=f"{self.same_event} (from their sentences); claims share: {reasons}",
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
    shared = "; ".join(slot_agreement(a, b, explain=True).reasons) or "no shared slots"
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


def verify(pairs: Sequence[tuple[ClaimFeatures, ClaimFeatures]], *, keep_all: bool = False) -> list[Candidate]:
    """Score every pair (text in one ``cpdist`` call) and decide which become links.

    Returns the pairs that became links or report one event (all pairs with ``keep_all``).
    """
    same = [i for i, (a, b) in enumerate(pairs) if a.claim.language == b.claim.language]
    text_scores = [0.0] * len(pairs)
    if same:
        scores = process.cpdist(
            [pairs[i][0].norm for i in same],
            [pairs[i][1].norm for i in same],
            scorer=fuzz.token_set_ratio,
            workers=WORKERS,
        )
        for i, value in zip(same, scores.tolist(), strict=True):
            text_scores[i] = value / 100.0
    out: list[Candidate] = []
    for (a, b), text in zip(pairs, text_scores, strict=True):
        agreement = slot_agreement(a, b)
        link = _decide(a, b, text, agreement)
        event = same_event(a, b)
        if keep_all or link is not None or event is not None:
            out.append(Candidate(a, b, text, agreement, link, event))
    return out


def _result(candidates: list[Candidate], proposed: int) -> MatchResult:
    kept = [c for c in candidates if c.link is not None or c.same_event is not None]
    return MatchResult(links=[c.link for c in kept if c.link is not None], kept=kept, candidates=proposed)


def match_all(claims: Iterable[MatchClaim], *, index: MatchIndex | None = None) -> MatchResult:
    """Match every claim against every other through blocking (a full re-match)."""
    index = index or MatchIndex()
    index.extend(features_of(c) for c in claims)
    feats = index.features
    pairs = [(feats[i], feats[j]) for i, j in sorted(index.all_pairs())]
    return _result(verify(pairs), len(pairs))


def match_new(index: MatchIndex, new: Iterable[MatchClaim]) -> MatchResult:
    """Match ``new`` claims against the index, then add them to it (incremental matching)."""
    new_features = [features_of(c) for c in new]
    pairs: list[tuple[ClaimFeatures, ClaimFeatures]] = []
    for features in new_features:
        pairs.extend((index.features[p], features) for p in sorted(index.candidates(features)))
        index.add(features)
    return _result(verify(pairs), len(pairs))

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
from factcheck.matching.blocking import MatchIndex, atom_table, candidate_pairs
from factcheck.matching.concepts import DESCRIPTOR_CONCEPTS
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of

__all__ = ["Candidate", "ClaimTable", "Link", "MatchResult", "match_all", "match_new", "verify", "verify_positions"]

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
WORTH_CHUNK = 32_768  # pairs the bulk pre-filter judges at a time
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
    return Link(first.claim.id, second.claim.id, round(score, 4), round(text, 4), round(slot, 4), method, cross)


@dataclass(frozen=True, slots=True)
class ClaimTable:
    """What the bulk pre-filter reads of each claim, as arrays by position: built once per re-match.

    ``atoms`` holds atom ids (equal atoms, equal ids; -1 pads), ``weights`` and ``kinds`` the upper-bound
    weight and kind (ord of the prefix, 0 pads) of each atom.
    """

    atoms: np.ndarray
    weights: np.ndarray
    kinds: np.ndarray
    language: np.ndarray  # language as a small integer, for "same language"
    frameless: np.ndarray
    masks: np.ndarray  # shared descriptors as bits
    listing: np.ndarray  # two or more participants
    more: np.ndarray  # ``_more_evidence`` of the sentence
    sparse: np.ndarray  # fewer than three atoms

    @classmethod
    def of(cls, claims: Sequence[ClaimFeatures], atom_ids: tuple[np.ndarray, list[str]] | None = None) -> ClaimTable:
        table, atoms = atom_ids if atom_ids is not None else atom_table(claims)
        kind = np.array([ord(a[0]) for a in atoms] + [0], dtype=np.int8)  # index -1: padding
        weight = np.array([ATOM_WEIGHTS.get(a[0], 0.0) for a in atoms] + [0.0])
        languages: dict[str, int] = {}
        return cls(
            atoms=table,
            weights=weight[table],
            kinds=kind[table],
            language=np.fromiter(
                (languages.setdefault(f.claim.language, len(languages)) for f in claims),
                dtype=np.int64,
                count=len(claims),
            ),
            frameless=np.fromiter((f.frame is None for f in claims), dtype=bool, count=len(claims)),
            masks=np.fromiter((_descriptor_mask(f) for f in claims), dtype=np.int64, count=len(claims)),
            listing=np.fromiter((len(f.participants) >= 2 for f in claims), dtype=bool, count=len(claims)),
            more=np.fromiter((_more_evidence(f.event_frame) for f in claims), dtype=bool, count=len(claims)),
            sparse=np.fromiter((len(f.atoms) < 3 for f in claims), dtype=bool, count=len(claims)),
        )


def _text_scores(
    claims: Sequence[ClaimFeatures], left: np.ndarray, right: np.ndarray, table: ClaimTable, workers: int
) -> tuple[np.ndarray, np.ndarray]:
    """token_set_ratio of every same-language pair in one ``cpdist`` call (0 across languages)."""
    same = table.language[left] == table.language[right]
    text = np.zeros(len(left))
    index = np.flatnonzero(same)
    if index.size:
        text[index] = (
            process.cpdist(
                [claims[i].norm for i in left[index].tolist()],
                [claims[i].norm for i in right[index].tolist()],
                scorer=fuzz.token_set_ratio,
                workers=workers,
            )
            / 100.0
        )
    return text, same


def _worth_scoring(
    table: ClaimTable, left: np.ndarray, right: np.ndarray, text: np.ndarray, same: np.ndarray
) -> np.ndarray:
    """Pairs that could become a link or a same-event pair, judged in bulk from shared atoms.

    An upper bound of the slot score (weights of shared atoms plus ``SLOT_SLACK`` for what atoms do
    not carry) is enough to drop most candidates before the exact, per-pair scoring in Python.
    """
    if len(left) > WORTH_CHUNK:  # pieces: the (pairs x atoms x atoms) temporaries stay small and reused
        return np.concatenate(
            [
                _worth_scoring(table, left[i : i + WORTH_CHUNK], right[i : i + WORTH_CHUNK], text[i : i + WORTH_CHUNK],
                               same[i : i + WORTH_CHUNK])
                for i in range(0, len(left), WORTH_CHUNK)
            ]
        )  # fmt: skip
    if not len(left):
        return np.zeros(0, dtype=bool)
    ids_a, ids_b = table.atoms[left], table.atoms[right]
    shared = ((ids_a[:, :, None] == ids_b[:, None, :]).any(axis=2)) & (ids_a >= 0)
    kinds_a, kinds_b = table.kinds[left], table.kinds[right]
    has = {k: (shared & (kinds_a == ord(k))).any(axis=1) for k in "aedmcp"}

    def both(*codes: str) -> np.ndarray:
        on_a = np.isin(kinds_a, [ord(c) for c in codes]).any(axis=1)
        return np.asarray(on_a & np.isin(kinds_b, [ord(c) for c in codes]).any(axis=1))

    # Slots both claims fill without a shared value lower the exact score by W_CONFLICT each. Atoms
    # of claims with a sentence frame mix in the sentence's slots, so only frameless pairs count them.
    conflicts = (
        (both("a") & ~has["a"]).astype(float)
        + (both("d", "m") & ~(has["d"] | has["m"]))
        + (both("p") & ~has["p"])
        + (both("e") & ~has["e"])
    ) * (table.frameless[left] & table.frameless[right])
    # What atoms do not carry: shared descriptors (counted exactly from bit masks), participants, and
    # a second person or event word (SLOT_SLACK). A shared day also shares its month: count it once.
    descriptors = np.minimum(3, _POPCOUNT[table.masks[left] & table.masks[right]]) * W_DESCRIPTOR
    listing = table.listing[left] & table.listing[right]
    extra = descriptors + W_PARTICIPANTS * listing + SLOT_SLACK
    atoms = (table.weights[left] * shared).sum(axis=1) - ATOM_WEIGHTS["m"] * (has["d"] & has["m"])
    bound = np.minimum(1.0, atoms + extra - W_CONFLICT * conflicts)
    more = table.more[left] & table.more[right]
    could_be_event = has["e"] & (has["a"] | ((has["d"] | has["m"]) & (has["c"] | has["p"]) & more))
    # Meeting on two shared atoms only is mostly chance at scale (the same number and event word):
    # such a pair also needs a person, similar words, or a claim too sparse to share more.
    sparse = table.sparse[left] | table.sparse[right]
    specific = (shared.sum(axis=1) >= 3) | has["a"] | (same & (text >= 0.5)) | sparse
    anchored = has["e"] | has["a"] | has["d"] | _has_kind(shared, kinds_a, "n") | listing
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
    rows: dict[int, int] = {}
    claims: list[ClaimFeatures] = []
    for pair in pairs:
        for f in pair:
            if id(f) not in rows:
                rows[id(f)] = len(claims)
                claims.append(f)
    left = np.fromiter((rows[id(a)] for a, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((rows[id(b)] for _, b in pairs), dtype=np.int64, count=len(pairs))
    return verify_positions(claims, left, right, ClaimTable.of(claims), keep_all=keep_all)


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
    text_scores, same = _text_scores(claims, left, right, table, workers)
    worth = np.ones(len(left), dtype=bool) if keep_all else _worth_scoring(table, left, right, text_scores, same)
    out: list[Candidate] = []
    scores = text_scores.tolist()
    lefts, rights = left.tolist(), right.tolist()
    for i in np.flatnonzero(worth).tolist():
        a, b = claims[lefts[i]], claims[rights[i]]
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
        atom_ids = atom_table(feats)
        left, right = candidate_pairs(
            feats,
            max_block=index.max_block,
            rare_tokens=index.rare_tokens,
            max_token_df=index.max_token_df,
            atom_ids=atom_ids,
        )
        return _result(verify_positions(feats, left, right, ClaimTable.of(feats, atom_ids)), len(left))


def match_new(index: MatchIndex, new: Iterable[MatchClaim]) -> MatchResult:
    """Match ``new`` claims against the index, then add them to it (incremental matching)."""
    new_features = [features_of(c) for c in new]
    pairs: list[tuple[ClaimFeatures, ClaimFeatures]] = []
    for features in new_features:
        pairs.extend((index.features[p], features) for p in sorted(index.candidates(features)))
        index.add(features)
    return _result(verify(pairs), len(pairs))

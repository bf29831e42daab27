"""A new claim's matching features, computed where it was extracted and rebuilt where it is stored.

An import extracts claims in worker processes and matches them in the importing one; computing each
claim's features (``features_of``: folding, stemming, slot keys, for the claim and its sentence) is
most of matching's own work, and it needs nothing but the article. So the worker computes them with
a stand-in id and sends them as ``features_codec`` tuples, with the slots the stored claim will have
(its own, its sentence's and their union, the frame's); once the claim is stored, ``rebuild`` puts
them on the stored claim, equal to what ``features_of`` of the stored claim gives, without merging
or folding anything again in the importing process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from factcheck.matching.context import ClaimSpan, sentence_contexts
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.features_codec import Encoded, decode, encode
from factcheck.model import ExtractedClaim, Slots
from factcheck.quick_init import quick_init

__all__ = ["Prepared", "prepare", "rebuild"]


@quick_init
@dataclass(frozen=True, slots=True)
class Prepared:
    """What matching needs of one extracted claim besides its ids (picklable)."""

    slots: Slots  # as read back from the stored JSON
    context: str
    context_slots: Slots
    frame_slots: Slots | None  # the slots of its sentence's frame (``frame_claim``), None without a context
    features: Encoded


def prepare(
    body: str,
    language: str | None,
    claims: Sequence[ExtractedClaim],
    slot_dicts: Sequence[dict[str, Any]] | None = None,
) -> list[Prepared]:
    """Each claim's sentence context and features, as the stored claim will have them; ``slot_dicts``
    are the claims' ``Slots.to_dict()`` (what is stored), when the caller has them already."""
    dicts = slot_dicts if slot_dicts is not None else [c.slots.to_dict() for c in claims]
    slots = [Slots.from_dict(d) for d in dicts]
    spans = [ClaimSpan(n, c.start, c.end, s) for n, (c, s) in enumerate(zip(claims, slots, strict=True))]
    ordered = sorted(spans, key=lambda s: (s.start, s.id))  # the order stored claims are read back in
    contexts = sentence_contexts(body, ordered)
    out: list[Prepared] = []
    for span, claim in zip(spans, claims, strict=True):
        context, context_slots = contexts[span.id]
        stand_in = _claim(span.id, 0, claim.text, bool(claim.negated), language, span.slots, context, context_slots)
        features = features_of(stand_in)
        frame_slots = None if features.frame is None else features.frame.claim.slots
        out.append(Prepared(span.slots, context, context_slots, frame_slots, encode(features)))
    return out


def rebuild(
    claim_id: int,
    article_id: int,
    text: str,
    negated: bool,
    language: str | None,
    prepared: Prepared,
    published: date | None = None,
) -> ClaimFeatures:
    """The features of the stored claim ``claim_id`` (its ``text`` and ``negated``, its article's
    ``published`` date) from what ``prepare`` computed."""
    context = prepared.context
    stored = _claim(
        claim_id, article_id, text, negated, language, prepared.slots, context, prepared.context_slots, published
    )
    frame = None
    if prepared.frame_slots is not None:  # as ``frame_claim`` makes it
        frame = MatchClaim(claim_id, article_id, f"{text} {context}", stored.language, prepared.frame_slots, negated)
    return decode(stored, prepared.features, frame=frame)


def _claim(
    claim_id: int,
    article_id: int,
    text: str,
    negated: bool,
    language: str | None,
    slots: Slots,
    context: str,
    context_slots: Slots,
    published: date | None = None,
) -> MatchClaim:
    return MatchClaim(
        claim_id, article_id, text, language or "und", slots, negated, context, context_slots, None, published
    )

"""A new claim's matching features, computed where it was extracted and rebuilt where it is stored.

An import extracts claims in worker processes and matches them in the importing one; computing each
claim's features (``features_of``: folding, stemming, slot keys, for the claim and its sentence) is
most of matching's own work, and it needs nothing but the article. So the worker computes them with
a stand-in id and sends them as ``features_codec`` tuples; once the claim is stored, ``rebuild``
puts them on the stored claim, equal to what ``features_of`` of the stored claim gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.matching.context import ClaimSpan, sentence_contexts
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.features_codec import Encoded, decode, encode
from factcheck.model import ExtractedClaim, Slots

__all__ = ["Prepared", "prepare", "rebuild"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """What matching needs of one extracted claim besides its ids (picklable)."""

    slots: Slots  # as read back from the stored JSON
    context: str
    context_slots: Slots
    features: Encoded


def prepare(body: str, language: str | None, claims: Sequence[ExtractedClaim]) -> list[Prepared]:
    """Each claim's sentence context and features, as the stored claim will have them."""
    spans = [ClaimSpan(n, c.start, c.end, Slots.from_dict(c.slots.to_dict())) for n, c in enumerate(claims)]
    ordered = sorted(spans, key=lambda s: (s.start, s.id))  # the order stored claims are read back in
    contexts = sentence_contexts(body, ordered)
    out: list[Prepared] = []
    for span, claim in zip(spans, claims, strict=True):
        context, context_slots = contexts[span.id]
        stand_in = _claim(span.id, 0, claim, language, span.slots, context, context_slots)
        out.append(Prepared(span.slots, context, context_slots, encode(features_of(stand_in))))
    return out


def rebuild(
    claim_id: int, article_id: int, claim: ExtractedClaim, language: str | None, prepared: Prepared
) -> ClaimFeatures:
    """The features of the stored claim ``claim_id`` from what ``prepare`` computed."""
    stored = _claim(claim_id, article_id, claim, language, prepared.slots, prepared.context, prepared.context_slots)
    return decode(stored, prepared.features)


def _claim(
    claim_id: int,
    article_id: int,
    claim: ExtractedClaim,
    language: str | None,
    slots: Slots,
    context: str,
    context_slots: Slots,
) -> MatchClaim:
    return MatchClaim(
        id=claim_id,
        article_id=article_id,
        text=claim.text,
        language=language or "und",
        slots=slots,
        negated=bool(claim.negated),
        context=context,
        context_slots=context_slots,
    )

"""Claim features survive the trip between processes of a full re-match unchanged."""

from __future__ import annotations

import marshal
from dataclasses import fields
from pathlib import Path
from typing import Any

from matching_corpus import corpus_claims

from factcheck.matching import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.features_codec import ENCODED_FIELDS, decode, encode
from factcheck.model import ActorSlot, DateSlot, NumberSlot, PlaceSlot, Slots


def test_the_codec_carries_every_field() -> None:
    assert tuple(f.name for f in fields(ClaimFeatures)) == ENCODED_FIELDS


def _round_trip(claims: list[MatchClaim]) -> None:
    original = [features_of(c) for c in claims]
    sent = marshal.loads(marshal.dumps([encode(f) for f in original], 2))
    assert [decode(c, e) for c, e in zip(claims, sent, strict=True)] == original


def test_corpus_claims_with_their_sentences_round_trip(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = corpus_claims(corpus_dir, manifest)
    assert any(c.context for c in claims)  # frames are part of the trip
    _round_trip(claims)


def test_claims_with_every_kind_of_slot_round_trip() -> None:
    slots = Slots(
        dates=(DateSlot("9 March", "2025-03-09", "day", 0, 7),),
        numbers=(NumberSlot("five states", 5, "states", 8, 19), NumberSlot("3", 3.5, None, 20, 21)),
        places=(
            PlaceSlot("Amman", "Amman", "JO", "city", 22, 27),
            PlaceSlot("Jordan", "Jordan", "JO", "country", 0, 1),
        ),
        actors=(
            ActorSlot("Murhaf Abu Qasra", "murhaf abu qasra", "person", 28, 44),
            ActorSlot("Ministry of Defence", "ministry of defence", "organization", 45, 64),
        ),
        participants=("TR", "IQ", "SY"),
    )
    claims = [
        MatchClaim(1, 1, "Abu Qasra did not meet the ministers in Amman on 9 March", "en", slots, negated=True),
        MatchClaim(2, 2, "«عقد اجتماع وزاري في عمّان»", "ar", Slots(), context="وقال الوزير إن الاجتماع عقد في عمان."),
        MatchClaim(3, 3, "", "und", Slots()),
    ]
    _round_trip(claims)

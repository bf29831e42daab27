"""Claim features as plain tuples and back, for handing them from one process to another.

A full re-match computes features in two processes at once; the forked worker sends its share back
as tuples of strings, numbers and booleans (``marshal`` handles them several times faster than pickle
handles the dataclasses), rebuilt here in a fraction of the time that computing the features again
would take. The claim itself is not sent: the receiving process has it already.
"""

from __future__ import annotations

from sys import intern
from typing import Any

from factcheck.matching.features import ActorKey, ClaimFeatures, MatchClaim, NumberKey, PlaceKey, frame_claim, shared

__all__ = ["ENCODED_FIELDS", "Encoded", "decode", "encode"]

Encoded = tuple[Any, ...]
# The ClaimFeatures fields this codec carries, in order; a test checks it against the dataclass.
ENCODED_FIELDS = (
    "claim", "norm", "words", "dates", "date_days", "countries", "places", "numbers", "actors", "concepts",
    "events", "participants", "negated", "atoms", "person_keys", "org_keys", "place_keys", "frame", "terms",
)  # fmt: skip


def encode(f: ClaimFeatures) -> Encoded:
    return (
        f.norm,
        f.words,
        f.dates,
        f.date_days,
        tuple(f.countries),
        tuple((p.surface, p.key, p.country, p.is_country, p.atom) for p in f.places),
        tuple((n.surface, n.value, n.unit, n.atom) for n in f.numbers),
        tuple((a.surface, tuple(a.keys), a.person, a.words, a.arabic, a.atom) for a in f.actors),
        tuple(f.concepts),
        tuple(f.events),
        f.participants,
        f.negated,
        f.atoms,
        tuple(f.person_keys),
        tuple(f.org_keys),
        tuple(f.place_keys),
        None if f.frame is None else encode(f.frame),
        f.terms,
    )


def decode(claim: MatchClaim, encoded: Encoded, *, frame: MatchClaim | None = None) -> ClaimFeatures:
    """The features of ``claim`` from ``encode``'s output (equal to ``features_of(claim)``); ``frame`` is
    ``frame_claim(claim)`` when the caller has it already (it merges slots, which costs more than the rest)."""
    (norm, words, dates, days, countries, places, numbers, actors, concepts, events, participants, negated, atoms,
     person_keys, org_keys, place_keys, framed, terms) = encoded  # fmt: skip
    frame_of = None if framed is None else frame or frame_claim(claim)
    # Most of these are empty: the one empty value is shared without a lookup.
    return ClaimFeatures(
        claim,
        norm,
        tuple(map(intern, words)),
        shared(dates) if dates else (),
        shared(days) if days else (),
        shared(frozenset(countries)) if countries else _NONE,
        tuple(PlaceKey(*p) for p in places) if places else (),
        tuple(NumberKey(*n) for n in numbers) if numbers else (),
        tuple(ActorKey(s, frozenset(k), person, w, arabic, atom) for s, k, person, w, arabic, atom in actors)
        if actors
        else (),
        shared(frozenset(concepts)) if concepts else _NONE,
        shared(frozenset(events)) if events else _NONE,
        participants,
        negated,
        atoms,
        shared(frozenset(person_keys)) if person_keys else _NONE,
        shared(frozenset(org_keys)) if org_keys else _NONE,
        shared(frozenset(place_keys)) if place_keys else _NONE,
        None if frame_of is None else decode(frame_of, framed),
        tuple(map(intern, terms)),
    )


_NONE: frozenset[str] = frozenset()

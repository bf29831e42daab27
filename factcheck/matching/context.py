"""The sentence around each claim: which event an atomic claim belongs to.

The extractor splits «عُقد في 9 مارس اجتماع وزاري … حيث تم الاتفاق بين الدول الخمس …» into atomic
claims; "the five states" and "9 March" belong to the same meeting only through their sentence. Each
claim gets that sentence's text and the slots of the other claims inside it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.model import Slots
from factcheck.text.sentences import sentence_spans

__all__ = ["ClaimSpan", "merge_slots", "sentence_contexts", "sentence_spans"]


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    id: int
    start: int
    end: int
    slots: Slots


def merge_slots(slots: Sequence[Slots]) -> Slots:
    """All slots of several claims in one (attribution is not merged).

    Runs twice for every claim an import stores (its sentence's slots, its frame's), and most claims
    have one sibling with slots or none: those merges give the one (or an empty) ``Slots`` back as it is
    (equal to a merged copy; they are frozen), and a real merge joins the tuples without generators."""
    parts = [s for s in slots if s.dates or s.numbers or s.places or s.actors or s.participants]
    if not parts:
        return _EMPTY
    if len(parts) == 1:
        one = parts[0]
        if one.attribution is None and len(set(one.participants)) == len(one.participants):
            return one
    return Slots(
        dates=sum([s.dates for s in parts], ()),
        numbers=sum([s.numbers for s in parts], ()),
        places=sum([s.places for s in parts], ()),
        actors=sum([s.actors for s in parts], ()),
        participants=tuple(dict.fromkeys(p for s in parts for p in s.participants)),
    )


_EMPTY = Slots()


def sentence_contexts(body: str, claims: Sequence[ClaimSpan]) -> dict[int, tuple[str, Slots]]:
    """For each claim id: its sentence (whitespace folded) and the slots of its sibling claims."""
    spans = sentence_spans(body)
    starts = [s for s, _ in spans]
    groups: dict[int, list[ClaimSpan]] = {}
    for claim in claims:
        index = bisect_right(starts, claim.start) - 1  # spans are sorted and do not overlap
        if index >= 0 and not claim.start < spans[index][1]:
            index = -1
        groups.setdefault(index, []).append(claim)
    out: dict[int, tuple[str, Slots]] = {}
    for index, members in groups.items():
        text = " ".join(body[spans[index][0] : spans[index][1]].split()) if index >= 0 else ""
        for claim in members:
            siblings = [m.slots for m in members if m.id != claim.id]
            out[claim.id] = (text, merge_slots(siblings))
    return out

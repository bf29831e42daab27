"""What matching and contradiction checks compare: canonical, script-independent claim features.

Features are computed once per claim. Dates are ISO strings, places carry their country code,
actors carry transliteration keys, numbers carry what they count, and blocking ``atoms`` are strings
such as ``d:2025-03-09`` or ``c:JO`` ordered from most to least specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factcheck.matching.concepts import EVENT_CONCEPTS, concepts_of, unit_concept
from factcheck.matching.context import merge_slots
from factcheck.model import Slots
from factcheck.text.normalize import match_key, matching_words
from factcheck.text.translit import name_keys, translit_key

__all__ = ["ActorKey", "ClaimFeatures", "MatchClaim", "NumberKey", "PlaceKey", "features_of"]

_NEGATORS = frozenset(
    {"لم", "لن", "لا", "ليس", "ليست", "عدم", "ولم", "ولن", "ولا", "وليس", "not", "no", "never", "didn", "t",
     "nor", "neither", "without"}
)  # fmt: skip
_NEGATION_CUES = frozenset({"لم", "لن", "ليس", "ليست", "عدم", "not", "never", "didn", "denied", "نفى", "نفت"})
_CODE_RE = re.compile(r"[A-Z]{2}")
_STRONG_ACTOR_KINDS = frozenset({"person"})
MAX_ATOMS = 8


@dataclass(frozen=True, slots=True)
class MatchClaim:
    """A stored claim as matching sees it; ``context`` is the sentence around it (event evidence)."""

    id: int
    article_id: int
    text: str
    language: str
    slots: Slots
    negated: bool = False
    context: str = ""
    context_slots: Slots | None = None  # slots of the other claims in the same sentence


@dataclass(frozen=True, slots=True)
class ActorKey:
    surface: str
    keys: frozenset[str]
    person: bool


@dataclass(frozen=True, slots=True)
class PlaceKey:
    surface: str
    key: str
    country: str | None
    is_country: bool


@dataclass(frozen=True, slots=True)
class NumberKey:
    surface: str
    value: float
    unit: str | None


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    claim: MatchClaim
    norm: str
    core: str  # ``norm`` without negation words: what a negated twin must repeat
    words: frozenset[str]
    dates: tuple[str, ...]
    countries: frozenset[str]
    places: tuple[PlaceKey, ...]
    numbers: tuple[NumberKey, ...]
    actors: tuple[ActorKey, ...]
    concepts: frozenset[str]
    participants: tuple[str, ...]
    negated: bool
    atoms: tuple[str, ...]
    frame: ClaimFeatures | None = None  # the claim's sentence: what event it belongs to

    @property
    def event_frame(self) -> ClaimFeatures:
        return self.frame or self

    @property
    def events(self) -> frozenset[str]:
        return self.concepts & EVENT_CONCEPTS

    @property
    def slot_atom_count(self) -> int:
        """Atoms other than event words and bare years: few of them calls for the rare-token fallback."""
        return sum(1 for atom in self.atoms if not atom.startswith(("e:", "y:")))


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _participant_key(value: str) -> str:
    return value if _CODE_RE.fullmatch(value) else translit_key(value) or match_key(value)


def features_of(claim: MatchClaim) -> ClaimFeatures:
    own = _features(claim)
    if not claim.context and claim.context_slots is None:
        return _with_atoms(own, None)
    frame_claim = MatchClaim(
        id=claim.id,
        article_id=claim.article_id,
        text=f"{claim.text} {claim.context}",
        language=claim.language,
        slots=merge_slots([claim.slots, claim.context_slots or Slots()]),
        negated=claim.negated,
    )
    return _with_atoms(own, _features(frame_claim))


def _features(claim: MatchClaim) -> ClaimFeatures:
    slots = claim.slots
    words_list = matching_words(claim.text)
    words = frozenset(words_list)
    dates = tuple(dict.fromkeys(d.value for d in slots.dates if d.value))
    places = tuple(
        PlaceKey(
            surface=p.surface,
            key=translit_key(p.name) or match_key(p.name),
            country=p.country,
            is_country=p.kind == "country",
        )
        for p in slots.places
    )
    numbers = tuple(
        NumberKey(
            surface=n.surface,
            value=n.value,
            unit=unit_concept(matching_words(f"{n.unit or ''} {n.surface}")) or (match_key(n.unit) if n.unit else None),
        )
        for n in slots.numbers
    )
    actors = tuple(
        ActorKey(surface=a.surface, keys=frozenset(name_keys(a.surface)), person=a.kind in _STRONG_ACTOR_KINDS)
        for a in slots.actors
        if a.kind != "country" and name_keys(a.surface)
    )
    negated = claim.negated or bool(words & _NEGATION_CUES)
    core = " ".join(w for w in words_list if w not in _NEGATORS)
    concepts = concepts_of(words_list)
    return ClaimFeatures(
        claim=claim,
        norm=" ".join(words_list),
        core=core,
        words=words,
        dates=dates,
        countries=frozenset(slots.countries),
        places=places,
        numbers=numbers,
        actors=actors,
        concepts=concepts,
        participants=tuple(_participant_key(p) for p in slots.participants),
        negated=negated,
        atoms=(),
    )


def _with_atoms(own: ClaimFeatures, frame: ClaimFeatures | None) -> ClaimFeatures:
    """Blocking atoms: the claim's own first, then its sentence's, most specific first, capped."""
    atoms = _ranked_atoms(own)
    if frame is not None:
        atoms = tuple(dict.fromkeys(atoms + _ranked_atoms(frame)))
    return replace(own, atoms=atoms[:MAX_ATOMS], frame=frame)


def _ranked_atoms(f: ClaimFeatures) -> tuple[str, ...]:
    ranked: list[tuple[int, str]] = []
    for actor in f.actors:
        ranked.extend((0 if actor.person else 5, f"a:{key}") for key in sorted(actor.keys))
    for value in f.dates:
        if len(value) == 10:
            ranked.append((1, f"d:{value}"))
        if len(value) >= 7:
            ranked.append((4, f"m:{value[:7]}"))
        ranked.append((8, f"y:{value[:4]}"))
    for place in f.places:
        if not place.is_country and place.key:
            ranked.append((2, f"p:{place.key}"))
    for number in f.numbers:
        ranked.append((3, f"n:{_number_text(number.value)}/{number.unit or ''}"))
    ranked.extend((6, f"e:{event}") for event in sorted(f.concepts & EVENT_CONCEPTS))
    ranked.extend((7, f"c:{code}") for code in sorted(f.countries))
    return tuple(dict.fromkeys(atom for _, atom in sorted(ranked)))

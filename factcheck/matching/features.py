"""What matching and contradiction checks compare: canonical, script-independent claim features.

Features are computed once per claim. Dates are ISO strings, places carry their country code,
actors carry transliteration keys, numbers carry what they count, and blocking ``atoms`` are strings
such as ``d:2025-03-09`` or ``c:JO`` ordered from most to least specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from sys import intern
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from factcheck.matching.concepts import EVENT_CONCEPTS, STOP_WORDS, concepts_of, unit_concept
from factcheck.matching.context import merge_slots
from factcheck.model import Slots
from factcheck.quick_init import quick_init
from factcheck.text.normalize import match_key, matching_words
from factcheck.text.terms import STOP_WORDS as TERM_STOP_WORDS
from factcheck.text.terms import stem_word
from factcheck.text.translit import name_keys, translit_key

__all__ = [
    "ActorKey",
    "ClaimFeatures",
    "MatchClaim",
    "NumberKey",
    "PlaceKey",
    "features_of",
    "first_day",
    "frame_claim",
    "shared",
]

_NEGATORS = frozenset(
    {"لم", "لن", "لا", "ليس", "ليست", "عدم", "ولم", "ولن", "ولا", "وليس", "not", "no", "never", "didn", "t",
     "nor", "neither", "without"}
)  # fmt: skip
_NEGATION_CUES = frozenset({"لم", "لن", "ليس", "ليست", "عدم", "not", "never", "didn", "denied", "نفى", "نفت"})
_CODE_RE = re.compile(r"[A-Z]{2}")
_ISO_RE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_STRONG_ACTOR_KINDS = frozenset({"person"})
# «واتفقت» and «اتفقت» are one word to a fuzzy scorer; applied to both sides alike, so «وزير» → «زير»
# costs nothing. Only for the fuzzy text: concept patterns see the whole word.
_CONJUNCTION_RE = re.compile(r"^[وف](?=\w{3,})")
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_COUNTRY_LEVEL = frozenset({"country", "demonym"})  # «السورية» says Syria, not a place in it
MAX_ATOMS = 8
_NONE: frozenset[str] = frozenset()


@quick_init
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
    # The claim's stored sentence vector (``factcheck.text.encoder``), when it has one.
    vector: npt.NDArray[np.float16] | None = field(default=None, compare=False)
    # Its article's publication date, when known: a market's rise and fall on two days are two readings.
    published: date | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class ActorKey:
    surface: str
    keys: frozenset[str]  # transliteration skeletons (``name_keys``)
    person: bool
    words: tuple[str, ...] = ()  # the name's normalised words: same-script names compare these
    arabic: bool = False
    atom: str = ""  # blocking atom: a person by the skeleton of the last two names, else "o:" + key


@quick_init
@dataclass(frozen=True, slots=True)
class PlaceKey:
    surface: str
    key: str
    country: str | None
    is_country: bool
    atom: str = ""  # "p:" + key for places other than countries


@quick_init
@dataclass(frozen=True, slots=True)
class NumberKey:
    surface: str
    value: float
    unit: str | None
    atom: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    claim: MatchClaim
    norm: str  # content words for fuzzy scoring: no stop words, digits or month names (slots see those)
    words: tuple[str, ...]  # distinct, in text order (a tuple is a quarter of a frozenset's memory)
    dates: tuple[str, ...]
    date_days: tuple[int, ...]  # proleptic ordinal of each date's first day, for distances
    countries: frozenset[str]
    places: tuple[PlaceKey, ...]
    numbers: tuple[NumberKey, ...]
    actors: tuple[ActorKey, ...]
    concepts: frozenset[str]
    events: frozenset[str]  # the concepts that are event types
    participants: tuple[str, ...]
    negated: bool
    atoms: tuple[str, ...]
    person_keys: frozenset[str] = frozenset()
    org_keys: frozenset[str] = frozenset()  # actors that are not people: ministries, groups
    place_keys: frozenset[str] = frozenset()  # places other than countries
    frame: ClaimFeatures | None = None  # the claim's sentence: what event it belongs to
    terms: tuple[str, ...] = ()  # distinct Snowball-stemmed content terms: the candidate index and text features

    @property
    def event_frame(self) -> ClaimFeatures:
        return self.frame or self

    @property
    def core(self) -> str:
        """Content words but negation and attribution («بحسب مصدر»): what a negated twin repeats."""
        attribution = self.claim.slots.attribution
        quoted = set(matching_words(f"{attribution.speaker or ''} {attribution.cue}")) if attribution else set()
        skip = _NEGATORS | STOP_WORDS | quoted
        return " ".join(w for w in matching_words(self.claim.text) if w not in skip)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@lru_cache(maxsize=50_000)
def _unit(unit: str | None, surface: str) -> str | None:
    """What a number counts, as a concept when the lexicon knows it, else the normalised unit."""
    if not unit:
        return unit_concept(matching_words(surface))
    return _unit_concept(unit) or unit_concept(matching_words(surface)) or match_key(unit)


@lru_cache(maxsize=10_000)
def _unit_concept(unit: str) -> str | None:
    return unit_concept(matching_words(unit))


# Names, places and counts recur across reports of one story: each is keyed once.
@lru_cache(maxsize=100_000)
def _actor(surface: str, kind: str) -> ActorKey | None:
    keys = name_keys(surface)
    if not keys:
        return None
    person = kind in _STRONG_ACTOR_KINDS
    longest = max(keys, key=len)
    return ActorKey(
        surface=surface,
        keys=frozenset(keys),
        person=person,
        words=tuple(match_key(surface).split()),
        arabic=_ARABIC_RE.search(surface) is not None,
        atom=f"a:{' '.join(longest.split()[-2:])}" if person else f"o:{longest}",
    )


@lru_cache(maxsize=100_000)
def _place(surface: str, name: str, country: str | None, kind: str) -> PlaceKey:
    # The extractor names places by their gazetteer name ("Damascus" for «دمشق» too), so the name
    # itself is the key; the skeleton is only the fallback for a name in Arabic script.
    key = match_key(name) if name.isascii() else translit_key(name) or match_key(name)
    is_country = kind in _COUNTRY_LEVEL
    return PlaceKey(surface, key, country, is_country, f"p:{key}" if key and not is_country else "")


@lru_cache(maxsize=100_000)
def _one_place(surface: str, name: str, country: str | None, kind: str) -> tuple[PlaceKey, ...]:
    return (_place(surface, name, country, kind),)


@lru_cache(maxsize=100_000)
def _one_number(surface: str, value: float, unit: str | None) -> tuple[NumberKey, ...]:
    return (_number(surface, value, unit),)


@lru_cache(maxsize=100_000)
def _one_actor(surface: str, kind: str) -> tuple[ActorKey, ...]:
    actor = _actor(surface, kind) if kind != "country" else None
    return (actor,) if actor else ()


@lru_cache(maxsize=100_000)
def _number(surface: str, value: float, unit: str | None) -> NumberKey:
    concept = _unit(unit, surface)
    return NumberKey(surface, value, concept, f"n:{_number_text(value)}/{concept or ''}")


def _participant_key(value: str) -> str:
    return value if _CODE_RE.fullmatch(value) else translit_key(value) or match_key(value)


def features_of(claim: MatchClaim) -> ClaimFeatures:
    words = matching_words(claim.text)
    frame = frame_claim(claim)
    if frame is None:
        return _features(claim, words)
    # The frame's text is the claim's, a space, then its sentence: ``matching_words`` reads each word on
    # its own (nothing it does reaches across a space), so its words are the claim's then the sentence's,
    # and the sentence, shared by every claim in it, is folded once.
    return _features(claim, words, _features(frame, [*words, *_sentence_words(claim.context)]))


@lru_cache(maxsize=1_024)
def _sentence_words(context: str) -> tuple[str, ...]:
    """``matching_words`` of a claim's sentence (its sibling claims come one after another)."""
    return tuple(matching_words(context))


def frame_claim(claim: MatchClaim) -> MatchClaim | None:
    """The claim's whole sentence as a claim of its own (its event frame), if it has a context."""
    if not claim.context and claim.context_slots is None:
        return None
    return MatchClaim(
        id=claim.id,
        article_id=claim.article_id,
        text=f"{claim.text} {claim.context}",
        language=claim.language,
        slots=merge_slots([claim.slots, claim.context_slots or Slots()]),
        negated=claim.negated,
    )


def _features(claim: MatchClaim, words_list: list[str], frame: ClaimFeatures | None = None) -> ClaimFeatures:
    """``words_list``: ``matching_words(claim.text)``, never changed here; ``frame``: the features of the
    claim's sentence (``frame_claim``), whose atoms follow the claim's own."""
    # Runs once per claim on every full re-match: empty slots take no generator, a single actor
    # reuses its cached key set, and equal words, dates and small sets are one object across claims.
    slots = claim.slots
    words = tuple(map(intern, dict.fromkeys(words_list)))  # one string per distinct word, not per claim
    dates: tuple[str, ...] = ()
    if len(slots.dates) == 1:
        value = slots.dates[0].value
        dates = (value,) if value and _valid_date(value) else ()
    elif slots.dates:
        dates = tuple(dict.fromkeys(d.value for d in slots.dates if d.value and _valid_date(d.value)))
    if len(slots.places) == 1:  # one place, count or actor: a shared one-item tuple, not a new one
        p = slots.places[0]
        places = _one_place(p.surface, p.name, p.country, p.kind)
    else:
        places = tuple(_place(p.surface, p.name, p.country, p.kind) for p in slots.places)
    if len(slots.numbers) == 1:
        n = slots.numbers[0]
        numbers = _one_number(n.surface, n.value, n.unit)
    else:
        numbers = tuple(_number(n.surface, n.value, n.unit) for n in slots.numbers)
    if len(slots.actors) == 1:
        actors = _one_actor(slots.actors[0].surface, slots.actors[0].kind)
    else:
        actors = tuple(actor for a in slots.actors if a.kind != "country" and (actor := _actor(a.surface, a.kind)))
    countries = shared(frozenset(slots.countries)) if slots.places else _NONE
    concepts = shared(concepts_of(words_list))
    atoms = _ranked_atoms(actors, dates, places, numbers, concepts, countries)
    return ClaimFeatures(
        claim=claim,
        terms=tuple(dict.fromkeys(filter(None, map(_term, words_list)))),
        norm=" ".join(filter(None, map(_norm_word, words_list))),
        words=words,
        dates=shared(dates),
        date_days=shared((first_day(dates[0]),) if len(dates) == 1 else tuple(map(first_day, dates))),
        countries=countries,
        places=places,
        numbers=numbers,
        actors=actors,
        concepts=concepts,
        events=shared(concepts & EVENT_CONCEPTS) if concepts else _NONE,
        participants=tuple(_participant_key(p) for p in slots.participants) if slots.participants else (),
        negated=claim.negated or not _NEGATION_CUES.isdisjoint(words),
        atoms=atoms[:MAX_ATOMS] if frame is None else _with_atoms(atoms[:MAX_ATOMS], frame.atoms),
        person_keys=_key_union(actors, True) if actors else _NONE,
        org_keys=_key_union(actors, False) if actors else _NONE,
        place_keys=shared(frozenset(p.key for p in places if p.atom)) if places else _NONE,
        frame=frame,
    )


_SHARED: dict[Any, Any] = {}
# A re-match of 100k claims meets about 20,000 distinct values; an import meets about five new ones an
# article, so with 200,000 the table (and the values it kept alive) still grew at 30,000 articles.
SHARED_LIMIT = 50_000
_T = TypeVar("_T")


def shared(value: _T) -> _T:
    """One object for equal small sets and tuples (the same dates, countries and concepts recur across
    claims): a re-match of 100k claims then touches far fewer fresh memory pages, which cost more here
    than building the values. The table is emptied when full: values in use stay, only shared no more."""
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= SHARED_LIMIT:
            _SHARED.clear()
        _SHARED[value] = found = value
    return found


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    """A folded word as a content term (``factcheck.text.terms.content_terms`` of one word; "" when
    it is a stop word): the claim's words are folded once and every feature reads them."""
    if (len(word) < 2 and not word.isdigit()) or word in TERM_STOP_WORDS:
        return ""
    # A fused conjunction is stripped first, as for the fuzzy text: Snowball keeps «واتفق» but
    # strips «وزير», so «واتفقت» and «اتفقت» would be two terms.
    stem = stem_word(_CONJUNCTION_RE.sub("", word) if word[0] in "وف" and len(word) >= 5 else word)
    return "" if stem in TERM_STOP_WORDS else intern(stem)


@lru_cache(maxsize=200_000)
def _norm_word(word: str) -> str:
    """A word as the fuzzy text keeps it: "" for stop words and digits (slots see those)."""
    if word in STOP_WORDS or word.isdigit():
        return ""
    return _CONJUNCTION_RE.sub("", word) if word[0] in "وف" else word


def _key_union(actors: tuple[ActorKey, ...], person: bool) -> frozenset[str]:
    """Keys of the people (or of the other actors) among ``actors``; one actor's own set when alone."""
    if len(actors) == 1:
        return actors[0].keys if actors[0].person is person else _NONE
    return frozenset(k for a in actors if a.person is person for k in a.keys)


@lru_cache(maxsize=100_000)
def _valid_date(value: str) -> bool:
    """An ISO date of any precision that exists: a stored slot such as "2025-02-30" is ignored."""
    if not _ISO_RE.fullmatch(value):
        return False
    try:
        first_day(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=100_000)
def first_day(value: str) -> int:
    """Proleptic ordinal of the first day of an ISO date of any precision."""
    year, month, day = [*value.split("-"), "1", "1"][:3]
    return date(int(year), int(month), int(day)).toordinal()  # ValueError for "2025-02-30"


def _with_atoms(own: tuple[str, ...], frame: tuple[str, ...]) -> tuple[str, ...]:
    """Blocking atoms: the claim's own first, then its sentence's, most specific first, capped."""
    return tuple(dict.fromkeys(own + frame))[:MAX_ATOMS]


def _ranked_atoms(
    actors: tuple[ActorKey, ...],
    dates: tuple[str, ...],
    places: tuple[PlaceKey, ...],
    numbers: tuple[NumberKey, ...],
    concepts: frozenset[str],
    countries: frozenset[str],
) -> tuple[str, ...]:
    """Atoms from most to least specific, a few of each kind so one long list cannot crowd out the rest.

    A person is one atom, the skeleton of the last two words of the name: "Abu Qasra" and «مرهف أبو
    قصرة» share it, while a family name alone («سلامة», "Salem", "Salma") is shared by too many people
    to block on.
    """
    atoms: list[str] = []
    day: list[str] = []
    month: list[str] = []
    year: list[str] = []
    if dates:
        for value in dates:
            d, m, y = _date_atoms(value)
            if d:
                day.append(d)
            if m and m not in month:
                month.append(m)
            if y not in year:
                year.append(y)
    if actors:
        if len(actors) == 1:
            people = [actors[0].atom] if actors[0].person else []
            others = [] if actors[0].person else [actors[0].atom]
        else:
            people = [a.atom for a in actors if a.person]
            others = [a.atom for a in actors if not a.person]
        atoms += _top(people, 2)
    atoms += _top(day, 2)
    if places:
        atoms += _top([p.atom for p in places if p.atom], 2)
    if numbers:
        atoms += _top([n.atom for n in numbers], 2)
    atoms += _top(month, 1)
    if actors:
        atoms += _top(others, 1)
    if concepts:
        events = concepts & EVENT_CONCEPTS
        if events:
            atoms += _top([_EVENT_ATOMS[e] for e in events], 2)
    if countries:
        atoms += _top([_country_atom(c) for c in countries], 2)
    atoms += _top(year, 1)
    return tuple(dict.fromkeys(atoms)) if len(atoms) > 1 else tuple(atoms)


def _top(items: list[str], n: int) -> list[str]:
    """The first ``n`` in sorted order (sorted so that the choice does not depend on text order)."""
    return items if len(items) <= 1 else sorted(items)[:n]


_EVENT_ATOMS = {event: f"e:{event}" for event in EVENT_CONCEPTS}


@lru_cache(maxsize=1_000)
def _country_atom(code: str) -> str:
    return f"c:{code}"


@lru_cache(maxsize=100_000)
def _date_atoms(value: str) -> tuple[str, str, str]:
    """Day, month and year atoms of an ISO date ("" where the date is less precise)."""
    return (
        f"d:{value}" if len(value) == 10 else "",
        f"m:{value[:7]}" if len(value) >= 7 else "",
        f"y:{value[:4]}",
    )

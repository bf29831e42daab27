"""Plain data passed between extraction, matching, storage and the interfaces.

These are frozen dataclasses with a JSON form (``to_dict``/``from_dict``) because slots are stored as
JSON in the database and exposed as-is by ``factcheck claims --json``. Offsets are character offsets
into the stored article body (Python ``str`` indices), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from factcheck.quick_init import quick_init

__all__ = [
    "MAX_ARTICLE_CHARS",
    "ActorSlot",
    "ArticleText",
    "Attribution",
    "ClaimKind",
    "ClaimStatus",
    "DateSlot",
    "ExtractedClaim",
    "NumberSlot",
    "PlaceSlot",
    "Slots",
]


class ClaimKind(StrEnum):
    EVENT = "event"
    QUANTITY = "quantity"
    QUOTE = "quote"
    BACKGROUND = "background"
    OPINION = "opinion"


class ClaimStatus(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    DRAFTED = "drafted"
    PUBLISHED = "published"
    DISMISSED = "dismissed"


@quick_init
@dataclass(frozen=True, slots=True)
class DateSlot:
    """A date as the text gives it.

    ``value`` is ISO 8601 at the text's precision ("2025-03-09", "2025-08", "2025") or ``None`` when a
    relative date could not be resolved (no publication date). ``precision`` is day, month, year.
    ``from_published`` marks a day counted from the publication date alone («اليوم», «أمس», "today"):
    when that date is a crawl date it may be a day off, so two such days one apart need not conflict.
    A named weekday («اليوم الاثنين») fixes the day itself and is not marked.
    """

    surface: str
    value: str | None
    precision: str
    start: int
    end: int
    relative: bool = False
    from_published: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class NumberSlot:
    """A number that is the point of a statement; ``unit`` is a unit or the counted noun.

    A vague amount («عشرات», «آلاف», "dozens", "tens of thousands") is a range: ``value`` is its
    least and ``upper`` its most (``None`` for an exact number).
    """

    surface: str
    value: float
    unit: str | None
    start: int
    end: int
    upper: float | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class PlaceSlot:
    """A place; ``country`` is the ISO 3166-1 alpha-2 code of the place or of the country containing it."""

    surface: str
    name: str
    country: str | None
    kind: str  # "country" | "city" | "facility" | "region" | "demonym" («التركية», "Turkish")
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class ActorSlot:
    """A person, ministry or organisation; ``key`` is a normalised, script-independent key."""

    surface: str
    key: str
    kind: str  # "person" | "organisation" | "ministry" | "group" | "country"
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a quote or report is attributed to, and by which verb («قال», "said", «بحسب»)."""

    speaker: str | None
    cue: str


def _fields_dict(slot: DateSlot | NumberSlot | PlaceSlot | ActorSlot | Attribution) -> dict[str, Any]:
    """A flat slot (every field a str, number, bool or None) as ``asdict`` gives it."""
    return {name: getattr(slot, name) for name in slot.__dataclass_fields__}


@quick_init
@dataclass(frozen=True, slots=True)
class Slots:
    dates: tuple[DateSlot, ...] = ()
    numbers: tuple[NumberSlot, ...] = ()
    places: tuple[PlaceSlot, ...] = ()
    actors: tuple[ActorSlot, ...] = ()
    participants: tuple[str, ...] = ()  # country codes or actor keys, in text order
    attribution: Attribution | None = None

    def to_dict(self) -> dict[str, Any]:
        """As ``dataclasses.asdict`` gives it (nested dicts, tuples kept), several times faster: it runs
        for every claim an import stores."""
        attribution = self.attribution
        return {
            "dates": tuple(map(_fields_dict, self.dates)),
            "numbers": tuple(map(_fields_dict, self.numbers)),
            "places": tuple(map(_fields_dict, self.places)),
            "actors": tuple(map(_fields_dict, self.actors)),
            "participants": tuple(self.participants),
            "attribution": None if attribution is None else _fields_dict(attribution),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Slots:
        attribution = data.get("attribution")
        return cls(
            dates=tuple(DateSlot(**d) for d in data.get("dates", ())),
            numbers=tuple(NumberSlot(**n) for n in data.get("numbers", ())),
            places=tuple(PlaceSlot(**p) for p in data.get("places", ())),
            actors=tuple(ActorSlot(**a) for a in data.get("actors", ())),
            participants=tuple(data.get("participants", ())),
            attribution=Attribution(**attribution) if attribution else None,
        )

    @property
    def countries(self) -> tuple[str, ...]:
        """Country codes of every place, in text order, without repeats."""
        seen: dict[str, None] = {}
        for place in self.places:
            if place.country:
                seen.setdefault(place.country, None)
        return tuple(seen)


@quick_init
@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One checkable fact found in an article body."""

    text: str
    start: int
    end: int
    kind: ClaimKind
    checkworthiness: float
    negated: bool = False
    slots: Slots = field(default_factory=Slots)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": str(self.kind),
            "checkworthiness": self.checkworthiness,
            "negated": self.negated,
            "slots": self.slots.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedClaim:
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            kind=ClaimKind(data["kind"]),
            checkworthiness=data["checkworthiness"],
            negated=data.get("negated", False),
            slots=Slots.from_dict(data.get("slots", {})),
        )


# Longer bodies are refused at import with a clear reason. No news article comes near it (the longest of
# 31,000 real Arabic ones has 31,520 characters); every step is linear, so the limit bounds time and memory:
# 2 M characters without one stop import in about 13 s and 210 MB on a busy 2-core machine.
MAX_ARTICLE_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What the extractor needs to know about an article."""

    body: str
    language: str  # "ar" | "en" | other ISO 639-1 code
    published: date | None = None
    title: str | None = None

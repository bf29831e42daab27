"""The rating scale: the words a verdict may use, each with its ClaimReview form.

A database may replace the default scale (stored as JSON, see ``db.review``); ``to_dict``/``from_dict``
are that JSON form and ``from_dict`` refuses anything a ClaimReview export could not carry. Values
follow ClaimReview: higher is truer, ``best``/``worst`` bound the truth scale; ratings that are not a
degree of truth (Unverifiable) sit outside it at -1, as the Washington Post's "unclear" does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factcheck.errors import InvalidValueError

__all__ = ["DEFAULT_SCALE", "Rating", "RatingScale", "rating_key"]


def rating_key(name: str) -> str:
    """Case-, space-, dash- and underscore-insensitive key, so "mostly-TRUE" finds "Mostly true"."""
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


@dataclass(frozen=True, slots=True)
class Rating:
    label: str  # what reviewers type and see
    textual_rating: str  # ClaimReview reviewRating.alternateName
    value: int  # ClaimReview reviewRating.ratingValue

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "textual_rating": self.textual_rating, "value": self.value}


@dataclass(frozen=True, slots=True)
class RatingScale:
    ratings: tuple[Rating, ...]
    best: int
    worst: int

    def __post_init__(self) -> None:
        if not self.ratings:
            raise InvalidValueError("a rating scale needs at least one rating")
        if self.best <= self.worst:
            raise InvalidValueError(f"rating scale: best ({self.best}) must be above worst ({self.worst})")
        seen: set[str] = set()
        for rating in self.ratings:
            key = rating_key(rating.label)
            if not key or not rating.textual_rating.strip():
                raise InvalidValueError("rating scale: every rating needs a label and a textual rating")
            if key in seen:
                raise InvalidValueError(f"rating scale: the label {rating.label!r} appears twice")
            seen.add(key)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(r.label for r in self.ratings)

    def lookup(self, name: str) -> Rating:
        """The rating called ``name`` (ignoring case and spacing), else an error listing valid ones."""
        key = rating_key(name)
        for rating in self.ratings:
            if rating_key(rating.label) == key:
                return rating
        valid = ", ".join(self.labels)
        raise InvalidValueError(f"unknown rating {name.strip()!r}; choose one of: {valid}")

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best, "worst": self.worst, "ratings": [r.to_dict() for r in self.ratings]}

    @classmethod
    def from_dict(cls, data: Any) -> RatingScale:
        if not isinstance(data, dict) or not isinstance(data.get("ratings"), list):
            raise InvalidValueError("rating scale: expected an object with a 'ratings' list")
        ratings = []
        for i, item in enumerate(data["ratings"], 1):
            if not isinstance(item, dict):
                raise InvalidValueError(f"rating scale: rating {i} is not an object")
            label, value = item.get("label"), item.get("value")
            textual = item.get("textual_rating", label)
            if not isinstance(label, str) or not isinstance(textual, str):
                raise InvalidValueError(f"rating scale: rating {i} needs a text 'label'")
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidValueError(f"rating scale: rating {label!r} needs a whole-number 'value'")
            ratings.append(Rating(label=" ".join(label.split()), textual_rating=textual.strip(), value=value))
        best, worst = data.get("best"), data.get("worst")
        if not isinstance(best, int) or not isinstance(worst, int):
            raise InvalidValueError("rating scale: 'best' and 'worst' must be whole numbers")
        return cls(ratings=tuple(ratings), best=best, worst=worst)


DEFAULT_SCALE = RatingScale(
    ratings=(
        Rating("True", "True", 5),
        Rating("Mostly true", "Mostly True", 4),
        Rating("Half true", "Half True", 3),
        Rating("Mostly false", "Mostly False", 2),
        Rating("False", "False", 1),
        Rating("Misleading", "Misleading", 2),
        Rating("Unverifiable", "Unverifiable", -1),
    ),
    best=5,
    worst=1,
)

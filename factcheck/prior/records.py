"""A fact-check as read from a file, and the mapping of a fact-checker's rating onto our scale.

Fact-checkers rate in their own words ("Pants on Fire", "Mixture", «مضلل»); the archive keeps those
words verbatim and adds the nearest label of the database's scale so verdicts can be compared and
applied. A rating we cannot place, or none at all, is "not given": never refused, never guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from factcheck.errors import InvalidValueError
from factcheck.review.scale import DEFAULT_SCALE, RatingScale, rating_key
from factcheck.text.normalize import matching_words

__all__ = ["NOT_GIVEN", "FactCheckRecord", "dedup_key", "map_rating"]

NOT_GIVEN = "not given"

# Fact-checkers' words (folded by ``rating_key``) → a label of the default scale.
_SYNONYMS: dict[str, str] = {
    "true": "True",
    "correct": "True",
    "accurate": "True",
    "correct attribution": "True",
    "verified": "True",
    "mostly true": "Mostly true",
    "mostly correct": "Mostly true",
    "half true": "Half true",
    "half truth": "Half true",
    "mixture": "Half true",
    "mixed": "Half true",
    "partly true": "Half true",
    "partially true": "Half true",
    "partly false": "Mostly false",
    "partially false": "Mostly false",
    "mostly false": "Mostly false",
    "false": "False",
    "fake": "False",
    "incorrect": "False",
    "wrong": "False",
    "pants on fire": "False",
    "pants on fire!": "False",
    "four pinocchios": "False",
    "misattributed": "False",
    "fabricated": "False",
    "hoax": "False",
    "scam": "False",
    "misleading": "Misleading",
    "miscaptioned": "Misleading",
    "missing context": "Misleading",
    "out of context": "Misleading",
    "lacks context": "Misleading",
    "distorts the facts": "Misleading",
    "exaggerated": "Misleading",
    "unproven": "Unverifiable",
    "unverified": "Unverifiable",
    "unsupported": "Unverifiable",
    "no evidence": "Unverifiable",
    "unverifiable": "Unverifiable",
    "research in progress": "Unverifiable",
    "صحيح": "True",
    "صحيح جزئيا": "Half true",
    "نصف صحيح": "Half true",
    "خطأ": "False",
    "خاطئ": "False",
    "كاذب": "False",
    "زائف": "False",
    "مزيف": "False",
    "ملفق": "False",
    "مضلل": "Misleading",
    "غير دقيق": "Misleading",
    "يفتقر للسياق": "Misleading",
    "غير مؤكد": "Unverifiable",
}


@dataclass(frozen=True, slots=True)
class FactCheckRecord:
    """One fact-check from a file; ``where`` says which line or object, for error messages."""

    claim: str
    rating_original: str | None = None
    rating_value: float | None = None  # ClaimReview ratingValue, with its bounds below
    best: float | None = None
    worst: float | None = None
    fact_checker: str | None = None
    url: str | None = None
    review_date: date | None = None
    title: str | None = None
    language: str | None = None
    external_id: str | None = None
    where: str = ""


def _on_scale(label: str, scale: RatingScale) -> str | None:
    try:
        return scale.lookup(label).label
    except InvalidValueError:  # a custom scale without that label: the rating at the same place on it
        value = DEFAULT_SCALE.lookup(label).value
        if not DEFAULT_SCALE.worst <= value <= DEFAULT_SCALE.best:  # outside the truth scale (Unverifiable)
            same = [r.label for r in scale.ratings if not scale.worst <= r.value <= scale.best]
            return same[0] if same else None
        share = (value - DEFAULT_SCALE.worst) / (DEFAULT_SCALE.best - DEFAULT_SCALE.worst)
        target = scale.worst + share * (scale.best - scale.worst)
        same = [r.label for r in scale.ratings if abs(r.value - target) < 1e-9]
        return same[0] if same else None


def map_rating(record: FactCheckRecord, scale: RatingScale = DEFAULT_SCALE) -> str:
    """The label of ``scale`` nearest the record's rating, else ``NOT_GIVEN``."""
    words = (record.rating_original or "").strip()
    if words:
        key = rating_key(words).rstrip(".!")
        try:
            return scale.lookup(key).label
        except InvalidValueError:  # not a label of the scale: try the synonyms
            pass
        folded = " ".join(matching_words(key)) if any("\u0600" <= ch <= "\u06ff" for ch in key) else key
        for candidate in (key, folded):
            if candidate in _SYNONYMS:
                return _on_scale(_SYNONYMS[candidate], scale) or NOT_GIVEN
        for candidate, label in _SYNONYMS.items():  # "Rating: False", "FALSE claim"
            if f" {candidate} " in f" {key} " and len(candidate) > 3:
                return _on_scale(label, scale) or NOT_GIVEN
    value, best, worst = record.rating_value, record.best, record.worst
    if value is not None and best is not None and worst is not None and worst <= value <= best and best > worst:
        share = (value - worst) / (best - worst)
        truth = [r for r in scale.ratings if scale.worst <= r.value <= scale.best]
        if truth:
            target = scale.worst + share * (scale.best - scale.worst)
            return min(truth, key=lambda r: (abs(r.value - target), -r.value)).label
    return NOT_GIVEN


def dedup_key(claim: str, fact_checker: str | None) -> str:
    """Same folded words from the same fact-checker: the same fact-check."""
    words = " ".join(matching_words(claim)) or " ".join(claim.casefold().split())
    who = " ".join((fact_checker or "").casefold().split())
    return hashlib.sha256(f"{who}\x1f{words}".encode()).hexdigest()

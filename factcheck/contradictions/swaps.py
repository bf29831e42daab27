"""Near-duplicates with one slot value changed: the same sentence with another number, date or country.

Two reports of one event told in the same words except for one value («احتجاز صحفيين 15 يوما» /
«احتجاز صحفيين 30 يوما», «جراحة ناجحة للملك في فرنسا» / «… في موريتانيا», «يؤجل عرضه لعام 2020» /
«… لعام 2030») disagree on that value, whatever the event. The slot checks (``slot_checks``) need
evidence of one event from the slots themselves (an event word and a shared person or place); here the
evidence is the wording: apart from the changed value every content term of each text is found in the
other (``NEAR_DUPLICATE``), and the changed value is the only one of its kind that differs. A bare swap
of a word that is no slot value («الذهب» → «النفط», a commodity, an occupation) is not flagged: those
are two true reports about two things as often as one report corrupted.
"""

from __future__ import annotations

import re
from typing import TypeVar

from factcheck.contradictions.align import read, shared_terms
from factcheck.contradictions.pair import Conflict, Pair
from factcheck.contradictions.slot_checks import date_slot, number_value, places_apart, range_holds
from factcheck.matching.agreement import dates_compatible
from factcheck.matching.features import ClaimFeatures, NumberKey, PlaceKey
from factcheck.text.contradiction_lexicon import lexicon
from factcheck.text.normalize import matching_words
from factcheck.text.terms import stem_word

__all__ = ["date_swap", "number_swap", "place_swap"]

PLACE_SWAP_TERMS = 12  # a headline or a short statement; longer, one country changed is a formula

# Content terms the two texts must share once the changed values are set aside (at least this many,
# and every other term of each text): a template line shares a few words, a copy shares all of them.
MIN_SHARED = 3
T = TypeVar("T")
# Two numbers closer than this share of the larger are one amount quoted at two moments or rounded.
MIN_RELATIVE_CHANGE = 0.05
_LIST_MARKS = frozenset("-.)–")
_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def _near_duplicate(pair: Pair, *surfaces: str) -> bool:
    """Whether the two texts say the same words apart from ``surfaces`` (the changed values)."""
    if pair.a.claim.language != pair.b.claim.language:
        return False  # across languages there are no shared words to compare
    leave_out = read(" ".join(surfaces)).content
    ra, rb = read(pair.a.claim.text), read(pair.b.claim.text)
    if len(ra.content - leave_out) != len(rb.content - leave_out):
        return False  # every term of each must be found in the other: as many terms on both sides
    shared = shared_terms(ra, rb, leave_out=leave_out)
    return shared.matched >= MIN_SHARED and shared.matched == shared.short == shared.long


def _one_each(xs: list[T], ys: list[T]) -> tuple[T, T] | None:
    return (xs[0], ys[0]) if len(xs) == 1 and len(ys) == 1 else None


def _place_pair(a: ClaimFeatures, b: ClaimFeatures) -> tuple[PlaceKey, PlaceKey] | None:
    """The one place each text names and the other does not, in two countries neither text shares."""
    keys_a, keys_b = {p.key for p in a.places if p.key}, {p.key for p in b.places if p.key}
    only_a = list({p.key: p for p in a.places if p.key and p.key not in keys_b}.values())
    only_b = list({p.key: p for p in b.places if p.key and p.key not in keys_a}.values())
    swapped = _one_each(only_a, only_b)
    if swapped is None:
        return None
    x, y = swapped
    if not x.country or not y.country or x.country == y.country:
        return None  # Washington and America, Seoul and South Korea: one place named twice
    if x.country in b.countries or y.country in a.countries:
        return None  # both texts name both countries: which one did what is a matter of word order
    return x, y


def place_swap(pair: Pair) -> list[Conflict]:
    """«ملك الأردن يأمر بتجميد الزيادات» / «ملك السعودية يأمر بتجميد الزيادات». A long sentence that
    differs by a country alone is a formula filled in twice (the King's cable to Egypt on its national
    day, to Tunisia on its republic day: a week of SaudiNewsNet flagged 28 such pairs), so only
    statements up to ``PLACE_SWAP_TERMS`` content words are compared."""
    if max(len(read(pair.a.claim.text).content), len(read(pair.b.claim.text).content)) > PLACE_SWAP_TERMS:
        return []
    swapped = _place_pair(pair.a, pair.b)
    if swapped is None:
        return []
    x, y = swapped
    if not _near_duplicate(pair, x.surface, y.surface):
        return []
    return [places_apart(x, y)]


def number_swap(pair: Pair) -> list[Conflict]:
    """«احتجاز صحفيين 15 يوما» / «احتجاز صحفيين 30 يوما»: one count changed, the rest word for word."""
    values_a, values_b = {n.value for n in pair.a.numbers}, {n.value for n in pair.b.numbers}
    only_a: list[NumberKey] = list({n.value: n for n in pair.a.numbers if n.value not in values_b}.values())
    only_b: list[NumberKey] = list({n.value: n for n in pair.b.numbers if n.value not in values_a}.values())
    swapped = _one_each(only_a, only_b)
    if swapped is None:
        return []
    x, y = swapped
    if x.unit != y.unit or range_holds(x, y):
        return []  # counts of two things, or «عشرات» holding 40
    if "".join(_digits(x.surface)) == "".join(_digits(y.surface)) and len("".join(_digits(x.surface))) >= 4:
        return []  # «363.378» / «363378»: one figure with and without a thousands dot
    if abs(x.value - y.value) < MIN_RELATIVE_CHANGE * max(abs(x.value), abs(y.value)):
        return []  # «14.78» / «14.79 دولار للأوقية»: a price at two moments, an amount converted and rounded
    if not _a_quantity(pair.a.claim.text, x.surface) or not _a_quantity(pair.b.claim.text, y.surface):
        return []
    if not _near_duplicate(pair, x.surface, y.surface):
        return []
    quoted = {"unit": x.unit or "", "surface_a": x.surface, "surface_b": y.surface}
    return [Conflict(number_value(x.value), number_value(y.value), quoted)]


def _a_quantity(text: str, surface: str) -> bool:
    """Whether the number says how many or how much: not a code or a serial number («تبدأ بالرمز 153»,
    "number 5": each writer of a paper's contact line has its own), nor a list item («3- في حال …»)."""
    position = text.find(surface)
    if position < 0:
        return True
    before = text[:position]
    if not before.strip() and text[position + len(surface) : position + len(surface) + 1] in _LIST_MARKS:
        return False
    words = matching_words(before)
    return not (words and (words[-1] in lexicon().identifiers or stem_word(words[-1]) in lexicon().identifiers))


def _digits(surface: str) -> tuple[str, ...]:
    """The numbers written in a date's words («9 مارس 2014» → ("9", "2014")), Arabic-Indic digits read."""
    return tuple(re.findall(r"\d+", surface.translate(_INDIC)))


def date_swap(pair: Pair) -> list[Conflict]:
    """«فيلم باربي يؤجل عرضه لعام 2020» / «… لعام 2030»: one date changed, the rest word for word.

    However far apart: the wording says it is one event (the slot check leaves dates more than
    ``DATE_WINDOW_DAYS`` apart alone, as two occurrences of an event type).
    """
    a, b = pair.a, pair.b
    swapped = _one_each([d for d in a.dates if d not in b.dates], [d for d in b.dates if d not in a.dates])
    if swapped is None:
        return []
    x, y = swapped
    if dates_compatible(x, y):
        return []
    slot_a, slot_b = date_slot(a, x), date_slot(b, y)
    if slot_a is None or slot_b is None:
        return []
    if (slot_a.relative or slot_b.relative) and x[4:] == y[4:]:
        return []  # «26 فبراير» with its year guessed / «26 فبراير 2016»: what both wrote agrees
    written_a, written_b = _digits(slot_a.surface), _digits(slot_b.surface)
    if not written_a or not written_b or written_a == written_b:
        # A day read off the publication date («اليوم الجمعة» in a reprint), or one date written two
        # ways («مارس (آذار) 2014» / «آذار/مارس 2014»): two readings of the same words, not two dates.
        return []
    if not _near_duplicate(pair, slot_a.surface, slot_b.surface):
        return []
    return [Conflict(x, y, {"surface_a": slot_a.surface, "surface_b": slot_b.surface})]

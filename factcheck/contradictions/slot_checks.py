"""Contradictions between slot values: one function per kind (date, number, place, participants).

A false alarm costs a reviewer's time and trust, so each check asks for more than a differing value:
the differing slot must be unambiguous (one value on each side), a difference of precision
("2025-03" against "2025-03-09") and a containing place (Amman in Jordan) agree, and dates further
apart than ``DATE_WINDOW_DAYS`` are two occurrences, not a conflict.
"""

from __future__ import annotations

from functools import cache, lru_cache

from factcheck.contradictions.align import read, shared_terms
from factcheck.contradictions.number_bounds import anaphoric, cumulative, interval, other_count, two_durations
from factcheck.contradictions.pair import Conflict, Pair
from factcheck.matching.agreement import DATE_WINDOW_DAYS, dates_compatible, days_apart
from factcheck.matching.features import ClaimFeatures, NumberKey, PlaceKey
from factcheck.model import DateSlot
from factcheck.text.compass import COMPASS_WORDS, compass_point
from factcheck.text.contradiction_lexicon import fold, lexicon, lexicon_data
from factcheck.text.normalize import matching_words
from factcheck.text.terms import content_terms
from factcheck.text.weekdays import names_weekday

__all__ = [
    "date_conflict",
    "date_slot",
    "number_conflicts",
    "number_value",
    "participants_conflict",
    "place_conflict",
    "places_apart",
    "range_holds",
]

# A date read from «اليوم», «أمس» or "yesterday" is resolved against the publication date, which may
# be the crawl date, a day late; a wire story reprinted the next day says «أمس» for the same day.
RELATIVE_DATE_SLACK_DAYS = 1
WEEK_DAYS = 7  # a weekday read off two publication dates may land a week apart
# A place swapped for another must leave the rest of the statement nearly as it was (shared terms;
# share of the shorter and of the longer text's content terms).
SWAP_AGREEMENT = (2, 0.85, 0.85)
# Two dates conflict only between statements that otherwise agree (shared terms; shares of the
# shorter and the longer text), as the polarity checks ask.
SAME_STATEMENT = (2, 0.5, 0.3)


def date_slot(f: ClaimFeatures, value: str) -> DateSlot | None:
    return next((d for d in f.claim.slots.dates if d.value == value), None)


def _day_from_publication(slot: DateSlot) -> bool:
    """Whether the day itself was read off the publication date («اليوم», «أمس», a weekday), not
    written as a number («9 مارس الماضي» is relative only in its year)."""
    return slot.relative and not any(ch.isdigit() for ch in slot.surface)


def date_conflict(pair: Pair) -> list[Conflict]:
    a, b = pair.a, pair.b
    if not pair.linked and a.claim.language == b.claim.language:
        return []  # one event type on one day is common («حفل معايدة» in every town): the same claim only
    if len(a.dates) != 1 or len(b.dates) != 1:
        return []  # no dates, or several: which one is the event's date is a guess
    if _different_places(a, b):
        return []  # the same celebration in two towns is two events, each on its own day
    x, y = a.dates[0], b.dates[0]
    if dates_compatible(x, y) or days_apart(x, y) > DATE_WINDOW_DAYS:
        return []
    slot_a, slot_b = date_slot(a, x), date_slot(b, y)
    if slot_a is None or slot_b is None:
        return []  # not the claim's own date
    if _statement_date(a.claim.text, slot_a) or _statement_date(b.claim.text, slot_b):
        return []  # «… حسبما أفاد مصدر رسمي أمس»: the day a source spoke, not the day of the event
    from_publication = _day_from_publication(slot_a) or _day_from_publication(slot_b)
    if from_publication and days_apart(x, y) <= RELATIVE_DATE_SLACK_DAYS:
        return []
    if from_publication and days_apart(x, y) == WEEK_DAYS:
        return []  # «الخميس المقبل» read off a Wednesday and off a Thursday reprint: one Thursday, or the next
    if a.claim.language == b.claim.language and not _same_statement(pair, f"{slot_a.surface} {slot_b.surface}"):
        return []  # two statements that happen to carry dates: «أُبرم الاتفاق في 14 يوليو» / «صادق المجلس أمس»
    return [Conflict(x, y, {"surface_a": slot_a.surface, "surface_b": slot_b.surface})]


def _statement_date(text: str, slot: DateSlot) -> bool:
    """Whether ``slot`` dates a statement, not the event (see the lexicon's ``statement_dates``):
    it ends the sentence inside a short attribution clause («…، حسبما أفاد مصدر رسمي أمس»), or stands
    between a reporting verb and the reported clause («قالت القوة في بيان اليوم الخميس إن …»)."""
    markers, verbs, openers = _statement_words()
    before, after = text[: slot.start], matching_words(text[slot.end :])
    if after and after[0] in openers:
        return any(w in verbs for w in matching_words(before)[-STATEMENT_CLAUSE_WORDS:])
    if len(after) > 1:
        return False
    comma = max(before.rfind("،"), before.rfind(","))
    clause = matching_words(before[comma + 1 :])
    at = max((i for i, w in enumerate(clause) if w in markers), default=-1)
    if at >= 0:
        clause = clause[at:]
    elif comma < 0:
        return False  # no clause of its own: «police said the attack happened on Monday»
    return len(clause) <= STATEMENT_CLAUSE_WORDS and any(w in verbs for w in clause)


STATEMENT_CLAUSE_WORDS = 6


@cache
def _statement_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    section = lexicon_data()["statement_dates"]
    markers, verbs, openers = (frozenset(map(fold, section[k])) for k in ("markers", "verbs", "openers"))
    return markers, verbs, openers


def _event_dates(f: ClaimFeatures) -> list[str]:
    """The claim's dates but those of a statement about it."""
    return [d for d in f.dates if (slot := date_slot(f, d)) is None or not _statement_date(f.claim.text, slot)]


def _different_places(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Both claims name a place below country level and no such place is shared (nor contained), or
    they place things in two directions from one («شمال شرق بغداد» / «شمال غرب بغداد»)."""
    xs = {p.key for p in a.places if p.key and not p.is_country}
    ys = {p.key for p in b.places if p.key and not p.is_country}
    if xs and ys and not xs & ys:
        return True
    for place in (p for p in a.places if p.key in ys):
        other = next(p for p in b.places if p.key == place.key)
        x, y = _direction(a.claim.text, place.surface), _direction(b.claim.text, other.surface)
        if x and y and x != y:
            return True
    return False


def _direction(text: str, surface: str) -> tuple[str, ...]:
    """The compass words just before ``surface`` in ``text`` («شمال شرق»), folded."""
    at = text.find(surface)
    if at <= 0:
        return ()
    words = matching_words(text[:at])[-_DIRECTION_WORDS:]
    out: list[str] = []
    for word in reversed(words):
        if word not in COMPASS_WORDS:
            break
        out.append(compass_point(word))
    return tuple(reversed(out))


_DIRECTION_WORDS = 3


def _same_statement(pair: Pair, slot_words: str) -> bool:
    """Whether the two claims say the same thing apart from the slot that differs (same language only:
    across languages the matcher's link is the only evidence)."""
    leave_out = frozenset(content_terms(slot_words))
    shared = shared_terms(read(pair.a.claim.text), read(pair.b.claim.text), leave_out=leave_out)
    return shared.agrees(*SAME_STATEMENT)


def number_value(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _word_range(surface: str) -> tuple[float, float] | None:
    """The range a word numeral names («عشرات», "dozens"), if the surface is one and has no digits."""
    if any(ch.isdigit() for ch in surface):
        return None
    ranges = lexicon().number_ranges
    return next((ranges[w] for w in map(fold, surface.split()) if w in ranges), None)


def _other_count(x: NumberKey, y: NumberKey) -> bool:
    """Two exact numbers too far apart to be two reports of one count; a vague amount («عشرات») against
    a number is still compared (its range says what it admits)."""
    vague = _word_range(x.surface) is not None or _word_range(y.surface) is not None
    return not vague and other_count(x.value, y.value)


def _both_hold(text_a: str, x: NumberKey, text_b: str, y: NumberKey) -> bool:
    """Whether one value satisfies both numbers as written («أكثر من 60 ألف» and «تجاوزت 5500»)."""
    low_a, high_a = interval(text_a, x.surface, x.value)
    low_b, high_b = interval(text_b, y.surface, y.value)
    return max(low_a, low_b) <= min(high_a, high_b)


def _different_days(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Whether both claims give dates of the event (not of a statement about it) and no date of one is
    near a date of the other (beyond the slack of a day read off a publication date, unless both name
    their weekday): «أمس الخميس» against «اليوم الأحد … أمس السبت»."""
    dates_a, dates_b = _event_dates(a), _event_dates(b)
    if not dates_a or not dates_b:
        return False
    for x in dates_a:
        for y in dates_b:
            slot_x, slot_y = date_slot(a, x), date_slot(b, y)
            if slot_x is None or slot_y is None or dates_compatible(x, y):
                return False
            relative = _day_from_publication(slot_x) or _day_from_publication(slot_y)
            named = names_weekday(matching_words(slot_x.surface)) and names_weekday(matching_words(slot_y.surface))
            if days_apart(x, y) <= (RELATIVE_DATE_SLACK_DAYS if relative and not named else 0):
                return False  # two weekdays named (Wednesday, Thursday) are two days, whatever the crawl date
    return True


def range_holds(x: NumberKey, y: NumberKey) -> bool:
    """Whether one number is a word-numeral range holding the other ("dozens" holds 40)."""
    for outer, inner in ((x, y), (y, x)):
        span = _word_range(outer.surface)
        if span is not None and span[0] <= inner.value <= span[1]:
            return True
    return False


def number_conflicts(pair: Pair) -> list[Conflict]:
    a, b = pair.a, pair.b
    out: list[Conflict] = []
    if not a.numbers or not b.numbers:
        return out
    if _different_places(a, b):
        return out  # «مقتل 19 في الرمادي» / «مقتل 33 في الموصل»: two attacks on one day, not one count
    if _different_days(a, b):
        return out  # «27 غارة أمس الخميس» / «20 غارة أمس السبت»: two days' counts
    if cumulative(a.claim.text) != cumulative(b.claim.text):
        return out  # «بلغت ألفا منذ بدء المواجهات» / «بلغت 17 قتيلا السبت»: a running total and one day's
    if len(a.numbers) == 1 and len(b.numbers) == 1 and a.numbers[0].value == b.numbers[0].value:
        return out  # one count each, the same: nothing can disagree
    units = {n.unit for n in a.numbers if n.unit} & {n.unit for n in b.numbers if n.unit}
    for unit in sorted(u for u in units if u and not anaphoric(u)):
        xs = [n for n in a.numbers if n.unit == unit]
        ys = [n for n in b.numbers if n.unit == unit]
        if len({n.value for n in xs}) != 1 or len({n.value for n in ys}) != 1 or xs[0].value == ys[0].value:
            continue
        x, y = xs[0], ys[0]
        if range_holds(x, y) or _both_hold(a.claim.text, x, b.claim.text, y) or _other_count(x, y):
            continue
        if two_durations(a.claim.text, x, b.claim.text, y):
            continue  # «إجازة 40 يوما» / «معسكر حوالي 17 يوما»: two things last, each its own time
        quoted = {"unit": unit, "surface_a": x.surface, "surface_b": y.surface}
        out.append(Conflict(number_value(x.value), number_value(y.value), quoted))
    return out


_LOCATIVE_BEFORE = frozenset({"في", "ب", "داخل", "عاصمه", "مدينه", "in", "at", "inside", "near", "capital", "city"})


@lru_cache(maxsize=16_384)  # keyed by a claim's text: bounded like ``align.read``
def _is_location(surface: str, claim_text: str) -> bool:
    """Whether the text names the place ``surface`` as where something happened («في الأردن», "in Damascus").

    «الدعم لدمشق» (support for Damascus) names a place that is not the event's location, and two
    such places never make a place contradiction. Cached: a claim meets many others.
    """
    position = claim_text.find(surface)
    if position < 0:
        return False
    if surface.startswith("بال"):  # «بالأردن», «بالعاصمة دمشق»: the clitic ب is "in"
        return True
    words = matching_words(claim_text[:position])
    return bool(words) and words[-1] in _LOCATIVE_BEFORE


def _single_place(f: ClaimFeatures) -> PlaceKey | None:
    if not f.places:
        return None
    places = {p.key: p for p in f.places if p.key}
    if len(places) != 1:
        return None
    place = next(iter(places.values()))
    return place if _is_location(place.surface, f.claim.text) else None


def _swapped_places(pair: Pair) -> tuple[PlaceKey, PlaceKey] | None:
    """One place put for another in an otherwise aligned statement («هل لمصر دور …» / «هل للسعودية دور …»).

    Each side names exactly one place the other does not, in another country that the other side
    does not name either, and the rest of the two texts agrees closely (``align``).
    """
    a, b = pair.a, pair.b
    keys_a, keys_b = {p.key for p in a.places if p.key}, {p.key for p in b.places if p.key}
    only_a = {p.key: p for p in a.places if p.key and p.key not in keys_b}
    only_b = {p.key: p for p in b.places if p.key and p.key not in keys_a}
    if len(only_a) != 1 or len(only_b) != 1:
        return None
    x, y = next(iter(only_a.values())), next(iter(only_b.values()))
    if not x.country or not y.country or x.country in b.countries or y.country in a.countries:
        return None
    place_words = frozenset(content_terms(f"{x.surface} {y.surface}"))
    shared = shared_terms(read(a.claim.text), read(b.claim.text), leave_out=place_words)
    return (x, y) if shared.agrees(*SWAP_AGREEMENT) else None


def place_conflict(pair: Pair) -> list[Conflict]:
    a, b = pair.a, pair.b
    x = _single_place(a)
    y = _single_place(b) if x is not None else None
    if x is None or y is None or x.key == y.key or not x.country or not y.country:
        swapped = _swapped_places(pair) if a.claim.language == b.claim.language else None
        if swapped is None:
            return []
        x, y = swapped
    if x.country == y.country and (x.is_country or y.is_country):
        return []  # one contains the other: Amman lies in Jordan
    if x.country == y.country and a.claim.language != b.claim.language:
        return []  # two city names in two scripts: equal keys are not guaranteed
    return [places_apart(x, y)]


def places_apart(x: PlaceKey, y: PlaceKey) -> Conflict:
    """The conflict of two places, each with its country."""
    quoted = {
        "surface_a": x.surface,
        "surface_b": y.surface,
        "country_a": x.country or "",
        "country_b": y.country or "",
    }
    return Conflict(f"{x.surface} ({x.country})", f"{y.surface} ({y.country})", quoted)


def participants_conflict(pair: Pair) -> list[Conflict]:
    xs, ys = list(dict.fromkeys(pair.a.participants)), list(dict.fromkeys(pair.b.participants))
    if len(xs) < 2 or len(ys) < 2 or set(xs) == set(ys) or len(set(xs) & set(ys)) < 2:
        return []
    only_a = ", ".join(f'"{p}"' for p in sorted(set(xs) - set(ys)))
    only_b = ", ".join(f'"{p}"' for p in sorted(set(ys) - set(xs)))
    detail = "; ".join(
        part
        for part in (
            f"only one report names {only_a}" if only_a else "",
            f"only the other names {only_b}" if only_b else "",
        )
        if part
    )
    return [Conflict(xs, ys, {"detail": detail})]

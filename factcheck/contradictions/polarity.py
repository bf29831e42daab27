"""Contradictions of polarity: one function per kind (negation, opposite).

Both look for one statement said twice with one change (see ``align``): a negation added or removed
(«تم الاتفاق» / «لم يتم الاتفاق», "a man is playing" / "no man is playing"), or one word replaced by
its opposite («الذهب يرتفع» / «الذهب يتراجع», "talks continue" / "talks stopped"). The two changes
cancel each other: "did not accept" says what "rejected" says, so a pair with both is not flagged.
"""

from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher

from factcheck.contradictions.align import Reading, Shared, group_words, in_scope, near, read, shared_terms
from factcheck.contradictions.pair import Conflict, Pair
from factcheck.matching.evidence import spelling_key
from factcheck.matching.features import ClaimFeatures
from factcheck.text.contradiction_lexicon import fold, lexicon
from factcheck.text.terms import stem_word

__all__ = ["negation_conflict", "opposite_conflict"]

SPAN_WORDS = 4  # at most this many words quoted from the negated statement
# How much of the rest must agree (shared terms; share of the shorter and of the longer text). A
# negation changes nothing else, so it asks for more; an opposite word is rarer evidence by itself
# (no `agree` pair of the ANS train split takes two sides of one scale), and rewrites around it vary.
NEGATION_AGREEMENT = (2, 0.6, 0.4)
LONG_NEGATION_AGREEMENT = (3, 0.7, 0.5)
OPPOSITE_AGREEMENT = (1, 0.25, 0.2)  # headlines: a few content terms, rewritten freely
LONG_OPPOSITE_AGREEMENT = (3, 0.5, 0.4)  # sentences: more to share, and more chance of two stories
LONG_TEXT_TERMS = 10  # content terms beyond which a text is a sentence, not a headline
# A short text whose words are nearly all in a sentence this much longer is one clause of it, quoted:
# the sentence's negation belongs to another clause («اللون لا يتغير بسبب الكلور» after the clause).
CLAUSE_SHARE = 0.8
CLAUSE_EXTRA = 4  # ... with no negation particle, only a denying verb: the sentence this much longer
CLAUSE_EDITS = 2  # words the stretch of the sentence may hold beyond the clause's own
CLAUSE_OUTSIDE = 2  # content words of the sentence outside the stretch: its other clause
# Two opposite-lexicon words this many words apart or more name two movements: a relation between
# quantities (a falling dollar makes oil cheaper), whose two directions are both true. Closer, they
# say one movement twice («يرتفع لأعلى مستوى»).
RELATION_GAP = 4
# A negation denies what follows it: the first content terms after the cue must be shared («لم يتم
# الاتفاق» / «تم الاتفاق»), else it denies something the other text does not say («ولا علاقة للشركة به»).
NEGATION_SCOPE_AFTER = 3
# In a long sentence, and after a denying verb («يرفض التعليق» is no «استقالة»), the very word denied.
LONG_NEGATION_SCOPE_AFTER = 1


def _negated(reading: Reading) -> bool:
    """Whether the text holds a negation cue. The extractor's own ``negated`` is not read: it lacks the
    lexicon's exceptions («غير العادية», «لا تقل عن») and cannot say which words it denies."""
    return bool(reading.cues)


def _noes(reading: Reading) -> tuple[int, ...]:
    """Where the text says no: its negation cues, else its denying verbs («يرفض الانضمام» says no to
    «انضمام» as «لن ينضم» does; what follows the verb must still be what the other text states)."""
    return reading.cues or reading.denials


def _flips(a: Reading, b: Reading) -> list[tuple[int, int, int]]:
    """(group, position in a, position in b) for each scale on which the two texts take opposite sides.

    A text that names both sides («الذهب يرتفع مع تراجع الدولار») takes none: it compares two things.
    """
    out: list[tuple[int, int, int]] = []
    groups = {g for g, _, _ in a.poles} & {g for g, _, _ in b.poles}
    for group in sorted(groups):
        side_a, side_b = a.sides(group), b.sides(group)
        if len(side_a) == 1 and len(side_b) == 1 and side_a != side_b:
            pa = next(p for g, _, p in a.poles if g == group)
            pb = next(p for g, _, p in b.poles if g == group)
            out.append((group, pa, pb))
    return out


def _clause_of(affirmed: Reading, negated: Reading, shared: Shared) -> bool:
    """Whether the affirming text is one clause of the negated sentence and the negation stands in
    another: the affirming words run as one stretch (a word or two edited) inside a sentence with
    ``CLAUSE_OUTSIDE`` content words more, and no cue touches that stretch («ولن ينظر في وضعها حتى
    تتوافر الاشتراطات» / «حتى تتوافر الاشتراطات») («… غير مسؤولة، خصوصا أنها تصدر عن مسؤول» / «خاصة أنها تصدر عن مسؤول»;
    but «ولم يتم الاتفاق على إنشاء مركز، بحسب مصدر» denies «تم الاتفاق على إنشاء مركز»)."""
    said = [shared.canon.get(t, t) for t in affirmed.stems if t]
    where = [i for i, t in enumerate(negated.stems) if t]
    words = [shared.canon.get(negated.stems[i], negated.stems[i]) for i in where]
    if not negated.cues and len(words) < len(said) + CLAUSE_EXTRA:
        return False  # a denying verb («يرفض الاعتذار») stands in the sentence it denies
    blocks = [b for b in SequenceMatcher(None, said, words, autojunk=False).get_matching_blocks() if b.size]
    if not blocks or sum(b.size for b in blocks) < CLAUSE_SHARE * len(said):
        return False
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size  # one stretch, small edits inside («ويتم»)
    if end - start > len(said) + CLAUSE_EDITS or len(words) - (end - start) < CLAUSE_OUTSIDE:
        return False
    first, last = where[start], where[end - 1]
    for cue in negated.cues:
        if first <= cue <= last:
            return False
        gap = where[start - 1] if cue < first and start else None
        if cue < first and (gap is None or gap < cue):
            return False  # only stop words between the cue and the block: it negates the block
        if cue > last and not any(last < i < cue for i in where):
            return False
    return True


def _unit(unit: str) -> str:
    """A unit as one key whatever its case ending or plural («دولارًا», «دولار»; «سنتا», «سنتات»)."""
    return spelling_key(stem_word(fold(unit))) or unit


def _two_measurements(pair: Pair) -> bool:
    """Whether both claims measure the same unit with different values: a rise of 0.09 % and a fall of
    0.33 % are two readings (two sessions of a market), while a rise and a fall of 29.7 % are one."""
    units_a = {(_unit(n.unit), n.value) for n in pair.a.numbers if n.unit}
    units_b = {(_unit(n.unit), n.value) for n in pair.b.numbers if n.unit}
    shared = {u for u, _ in units_a} & {u for u, _ in units_b}
    return any({v for u, v in units_a if u == unit}.isdisjoint({v for u, v in units_b if u == unit}) for unit in shared)


def _two_days(pair: Pair) -> bool:
    """Whether the two claims report two moments: a rise and a fall are readings of a moment. A claim's
    moment is the one day it names, else (naming no date) its article's publication day; two
    publication days are two moments, a named day and another moment a day apart may be one («أمس» in
    one paper, the next morning's edition in another)."""
    a, b = _moment(pair.a), _moment(pair.b)
    if a is None or b is None:
        return False
    both_published = not pair.a.dates and not pair.b.dates
    return abs((a - b).days) > (0 if both_published else 1)


def _moment(f: ClaimFeatures) -> date | None:
    if not f.dates:
        return f.claim.published
    days = [d for d in f.dates if len(d) == len("2015-07-21")]
    return date.fromisoformat(days[0]) if len(days) == 1 and len(f.dates) == 1 else None


def _relation(reading: Reading) -> bool:
    """Whether the text names two movements far apart (``RELATION_GAP``): how one thing moves another."""
    positions = [p for _, _, p in reading.poles]
    return len(positions) >= 2 and max(positions) - min(positions) >= RELATION_GAP


def _span(reading: Reading, start: int, shared: frozenset[str]) -> tuple[str, str]:
    """The negated words (the cue up to the first shared term after it, at most ``SPAN_WORDS``) and
    that shared term, which the other text affirms."""
    end = start + 1
    while end < len(reading.surfaces) and end - start < SPAN_WORDS:
        end += 1
        if reading.stems[end - 1] in shared:
            return " ".join(reading.surfaces[start:end]), reading.stems[end - 1]
    return " ".join(reading.surfaces[start:end]), ""


def _affirmed_span(reading: Reading, term: str, about: frozenset[str]) -> str:
    """The affirming words: the term the negation is about (or the first shared one) and its neighbour."""
    stems = reading.stems
    position = next((i for i, s in enumerate(stems) if s and s == term), -1)
    if position < 0:
        position = next((i for i, s in enumerate(stems) if s and (s in about or near(s, term))), 0)
    start = position - 1 if position > 0 else position
    return " ".join(reading.surfaces[start : start + 2])


def _readings(pair: Pair) -> tuple[Reading, Reading] | None:
    """Both texts read, unless one is damaged (mojibake may have eaten the very negation), quotes
    vowelled scripture, or the two speak of two moments («زاد المؤشر عند الفتح» / «نزل المؤشر عند
    الإغلاق»: both true)."""
    ra, rb = read(pair.a.claim.text), read(pair.b.claim.text)
    unread = ra.damaged or rb.damaged or ra.verse or rb.verse
    return None if unread or ra.other_moment(rb) else (ra, rb)


def _echoed(stem: str, reading: Reading) -> bool:
    """Whether the other text holds the denying word too, in a form the lexicon does not list
    («بسبب نقص العمالة» / «لنقص العمالة»: a clitic on the second)."""
    return bool(stem) and any(s and (stem in s or near(stem, s)) for s in reading.stems)


def negation_conflict(pair: Pair) -> list[Conflict]:
    readings = _readings(pair)
    if readings is None:
        return []
    ra, rb = readings
    neg_a, neg_b = bool(_noes(ra)), bool(_noes(rb))
    if neg_a == neg_b or _flips(ra, rb):
        return []
    negated, affirmed = (ra, rb) if neg_a else (rb, ra)
    denial_words = frozenset() if negated.cues else frozenset(negated.stems[i] for i in negated.denials)
    shared = shared_terms(ra, rb, leave_out=denial_words)
    long = shared.long > LONG_TEXT_TERMS
    if long and not pair.linked:
        return []  # two long sentences near a link share much by chance: the same claim only
    if not shared.agrees(*(LONG_NEGATION_AGREEMENT if long else NEGATION_AGREEMENT)):
        return []
    if affirmed.denies or any(_echoed(negated.stems[i], affirmed) for i in negated.denials if not negated.cues):
        return []  # «نفى أن تكون دعمت» / «رفض أن تكون دعمت»: two ways of saying no
    if _clause_of(affirmed, negated, shared):
        return []  # «… غير مسؤولة، خاصة أنها تصدر عن مسؤول» / «خاصة أنها تصدر عن مسؤول»: a clause quoted
    after = LONG_NEGATION_SCOPE_AFTER if long or not negated.cues else NEGATION_SCOPE_AFTER
    scopes = [(cue, in_scope(negated, cue, shared, before=0, after=after)) for cue in _noes(negated)]
    cue, about = next(((c, scope) for c, scope in scopes if scope), (0, frozenset()))
    if not about:
        return []  # the negation denies something the other text does not say
    said_no, term = _span(negated, cue, shared.terms)
    said_yes = _affirmed_span(affirmed, term, about)
    value_a, value_b = (said_no, said_yes) if neg_a else (said_yes, said_no)
    return [Conflict(value_a, value_b)]


def opposite_conflict(pair: Pair) -> list[Conflict]:
    readings = _readings(pair)
    if readings is None:
        return []
    ra, rb = readings
    flips = _flips(ra, rb)
    if not flips or _negated(ra) != _negated(rb):
        return []
    if _two_measurements(pair):
        return []  # «ارتفع المؤشر 0.09 في المائة» / «تراجع المؤشر 0.33 في المائة»: two sessions, each measured
    if _two_days(pair):
        return []  # «دفعت الشركات سوق دبي للصعود» on Tuesday, «تراجع طفيف في سوق دبي» on Friday: both true
    if _relation(ra) and _relation(rb):
        return []  # «تراجع الدولار يجعل النفط أقل تكلفة» / «صعود الدولار يجعله أعلى تكلفة»: two things, one relation
    groups = lexicon().opposites
    for group, pa, pb in flips:
        shared = shared_terms(ra, rb, leave_out=group_words(groups[group]))
        long = shared.long > LONG_TEXT_TERMS
        if long and not pair.linked:
            continue  # «زاد المؤشر عند الفتح» / «انخفضت الأسعار»: two sessions of one market, not one claim
        if not shared.agrees(*(LONG_OPPOSITE_AGREEMENT if long else OPPOSITE_AGREEMENT)):
            continue
        # The two opposite words stand beside the same shared words: one thing said to go two ways
        # (in a long sentence, two of them: many words recur there by chance).
        if len(in_scope(ra, pa, shared) & in_scope(rb, pb, shared)) >= (2 if long else 1):
            return [Conflict(ra.surfaces[pa], rb.surfaces[pb], {"scale": groups[group].name})]
    return []

"""The rule-based extractor: offline, pure Python, linear in the length of the article.

Pipeline per article: sentences (segment) → tokens → slots per sentence (dates, numbers, places,
actors) → clauses → one claim per clause with the slots inside its span, its attribution, negation,
kind and check-worthiness. Actor names are remembered across the article, so the actors pass runs
over every sentence before claims are assembled.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TypeVar

from factcheck.extraction import worth
from factcheck.extraction.actors import START_OF_SLOT, ActorFinder
from factcheck.extraction.attribution import find_attribution
from factcheck.extraction.clauses import Clause, split_clauses
from factcheck.extraction.dates import find_dates
from factcheck.extraction.kinds import classify
from factcheck.extraction.lexicon import (
    ATTRIBUTION,
    DATE,
    END,
    FLAGS_OF,
    GROUP,
    KEY,
    KIND,
    NEGATION,
    NUMBER,
    NUMERIC,
    ORGANISATION,
    PLACE,
    ROLE,
    START,
    START_OF,
    Token,
    flagged,
    tokenize,
)
from factcheck.extraction.negation import is_negated
from factcheck.extraction.nonclaims import not_a_claim
from factcheck.extraction.numbers import find_numbers
from factcheck.extraction.places import find_places, outside_agencies
from factcheck.extraction.segment import Sentence, split_sentences
from factcheck.model import (
    ActorSlot,
    ArticleText,
    Attribution,
    ClaimKind,
    DateSlot,
    ExtractedClaim,
    NumberSlot,
    PlaceSlot,
    Slots,
)

__all__ = ["RuleExtractor"]

_ACTOR_FLAGS = GROUP | ROLE | ORGANISATION
_LATIN_RE = re.compile("[A-Z][a-z]")
_CAPITAL_RE = re.compile("[A-Z]")
_TWO_CAPITALS_RE = re.compile("[A-Z][^A-Z]*[A-Z]")
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))


@dataclass(slots=True)
class _Analysed:
    sentence: Sentence
    tokens: list[Token]
    candidates: list[int]  # indices of the tokens some detector is interested in
    mask: int  # every detector flag present in the sentence
    dates: list[DateSlot]
    numbers: list[NumberSlot]
    places: list[PlaceSlot]
    actors: list[ActorSlot]
    generation: int  # names the actor finder knew after this sentence
    first: bool  # the article's first sentence: its headline when it is a heading


class RuleExtractor:
    """Claims from an article with regular rules and small dictionaries; never raises on odd text."""

    name = "rules"

    def extract(self, article: ArticleText) -> list[ExtractedClaim]:
        body = article.body
        if not body or not body.strip():
            return []
        jordan = "الأردن" in body or "الاردن" in body or "Jordan" in body  # «الأردني» holds «الأردن»
        has_latin = _LATIN_RE.search(body) is not None  # English names need no cue word
        has_capitals = has_latin or _CAPITAL_RE.search(body) is not None
        finder = ActorFinder()
        analysed: list[_Analysed] = []
        every = tokenize(body)  # once for the article: cheaper than once per sentence
        starts = list(map(START_OF, every))
        for sentence in split_sentences(body):
            lo = bisect_left(starts, sentence.start)
            hi = bisect_left(starts, sentence.end, lo)
            tokens = every[lo:hi]
            if not tokens:
                continue
            if tokens[-1][END] > sentence.end:  # a hard cut inside a word (1 MB without spaces)
                tokens = tokenize(body, sentence.start, sentence.end)
            candidates = flagged(tokens)
            mask = reduce(or_, map(FLAGS_OF, map(tokens.__getitem__, candidates)), 0)  # others have none
            dates: list[DateSlot] = []
            date_tokens: set[int] = set()
            if mask & (DATE | NUMERIC):
                dates, date_tokens = find_dates(body, tokens, article.published, candidates)
            numbers = find_numbers(body, tokens, date_tokens, candidates) if mask & (NUMBER | NUMERIC) else []
            place_tokens: set[int] = set()
            places: list[PlaceSlot] = []
            if mask & PLACE:
                places = find_places(body, tokens, jordan_context=jordan, candidates=candidates, used=place_tokens)
            actors: list[ActorSlot] = []
            if mask & _ACTOR_FLAGS or finder.generation or has_latin:
                taken = place_tokens | date_tokens if date_tokens else place_tokens
                # A name run needs two capitals: a plain scan, far cheaper than the name regex.
                english = has_capitals and _TWO_CAPITALS_RE.search(body, tokens[0][START], tokens[-1][END]) is not None
                actors = finder.find(body, tokens, places=taken, candidates=candidates, capitals=english)
                places = outside_agencies(places, actors) if places and actors else places
            analysed.append(
                _Analysed(
                    sentence, tokens, candidates, mask, dates, numbers, places, actors, finder.generation, not analysed
                )
            )
        # Second look for names first met later in the article («أبو قصرة» before «مرهف أبو قصرة»).
        for item in analysed:
            if item.generation < finder.generation:
                item.actors = _merge_actors(item.actors, finder.known_mentions(body, item.tokens, beside=item.actors))
        claims: list[ExtractedClaim] = []
        prior = worth.context(body, article.language)
        for item in analysed:
            if not not_a_claim(body, item.sentence, item.tokens):
                claims.extend(self._claims(body, item, article.language, prior))
        return claims

    def _claims(self, body: str, item: _Analysed, language: str, prior: float) -> list[ExtractedClaim]:
        out: list[ExtractedClaim] = []
        speaker: Attribution | None = None
        heading = item.sentence.kind == "heading"
        mask = item.mask
        clauses = split_clauses(body, item.tokens, item.candidates, mask)
        whole = len(clauses) == 1  # the usual case: no slicing, every slot belongs to the clause
        for clause in clauses:
            first, last = clause.first, clause.last
            entire = whole and first == 0
            if entire:
                tokens, candidates = item.tokens, item.candidates
                dates, numbers, places, actors = item.dates, item.numbers, item.places, item.actors
            else:
                tokens = item.tokens[first:last]
                candidates = [i - first for i in item.candidates if first <= i < last]
            if len(tokens) < 3 and not heading:
                continue
            start, end = tokens[0][START], tokens[-1][END]
            if end < item.sentence.end and body[end] in _CLOSERS:
                end = _include_closers(body, end, item.sentence.end)
            if start > item.sentence.start and body[start - 1] in _OPENERS:
                start -= 1  # the opening quote of a quoted headline or statement
            if not entire:  # slots come from the sentence's tokens: the whole sentence holds them all
                dates, numbers = _within(item.dates, start, end), _within(item.numbers, start, end)
                places, actors = _within(item.places, start, end), _within(item.actors, start, end)
            attribution = find_attribution(body, tokens, actors, candidates) if mask & ATTRIBUTION else None
            if attribution is None and clause.continues_report:
                attribution = speaker
            elif attribution is not None and attribution.speaker is None and speaker is not None:
                attribution = Attribution(speaker.speaker, attribution.cue)
            if attribution is not None:
                speaker = attribution
            slots = Slots(  # positional: the fields' order (dates, numbers, places, actors, participants, attribution)
                tuple(dates),
                tuple(numbers),
                tuple(places),
                tuple(actors),
                _participants(item.tokens, clause, places, actors) if clause.participants_from is not None else (),
                attribution,
            )
            if heading and not (dates or numbers or places or actors) and len(tokens) < (3 if item.first else 5):
                continue  # a section title («أهداف المركز المشترك», "World news"), not a headline
            if heading and not item.first and places and not (dates or numbers) and _only_places(tokens, places):
                continue  # «نيويورك وجدة» over a section: places alone state nothing
            text = body[start:end]
            negated = is_negated(body, tokens, candidates) if mask & NEGATION else False
            if clause.framing and attribution is None:
                kind = ClaimKind.BACKGROUND
            else:
                kind = classify(tokens, slots, attribution, _quoted(text), candidates if mask & KIND else [])
            score = worth.score(
                text, len(tokens), kind, slots, negated=negated, heading=heading, language=language, article=prior
            )
            out.append(ExtractedClaim(text, start, end, kind, score, negated, slots))
        return out


_S = TypeVar("_S", DateSlot, NumberSlot, PlaceSlot, ActorSlot)


def _within(slots: list[_S], start: int, end: int) -> list[_S]:
    if not slots or (slots[0].start >= start and slots[-1].end <= end):
        return slots  # sorted by start: the common case of a one-clause sentence
    return [s for s in slots if start <= s.start and s.end <= end]


def _only_places(tokens: list[Token], places: list[PlaceSlot]) -> bool:
    """Whether every word of the line is (part of) a place name or «و»/"and"."""
    return all(
        tok[KEY] in ("و", "and") or any(p.start < tok[END] and tok[START] < p.end for p in places) for tok in tokens
    )


def _merge_actors(found: list[ActorSlot], extra: list[ActorSlot]) -> list[ActorSlot]:
    if not extra:
        return found
    merged = list(found)
    for actor in extra:
        if not any(a.start < actor.end and actor.start < a.end for a in merged):
            merged.append(actor)
    merged.sort(key=START_OF_SLOT)
    return merged


def _participants(
    tokens: list[Token], clause: Clause, places: list[PlaceSlot], actors: list[ActorSlot]
) -> tuple[str, ...]:
    if clause.participants_from is None or clause.participants_from >= clause.last:
        return ()
    begin = tokens[clause.participants_from][START]
    listed: list[tuple[int, str]] = []
    for place in places:
        if place.start >= begin and place.kind != "demonym" and place.country:
            listed.append((place.start, place.country))
    people = [a for a in actors if a.start >= begin and a.kind == "person"]
    chosen = people or [a for a in actors if a.start >= begin and a.kind != "person"]
    listed.extend((a.start, a.key) for a in chosen)
    listed.sort()
    seen: dict[str, None] = {}
    for _, value in listed:
        seen.setdefault(value, None)
    return tuple(seen)


_OPENERS = frozenset("“«\"'(")
_CLOSERS = frozenset("”»\"')")


def _include_closers(body: str, end: int, limit: int) -> int:
    """Take a closing quote that directly follows the clause's last word into the claim."""
    while end < limit and body[end] in _CLOSERS:
        end += 1
    return end


def _quoted(text: str) -> bool:
    """Quoted words (three or more) mark reported speech even without a verb of saying."""
    if "“" not in text and '"' not in text and "«" not in text:
        return False
    for left, right in _QUOTE_PAIRS:
        i = text.find(left)
        while i >= 0:
            j = text.find(right, i + 1)
            if j < 0:
                break
            whole = i == 0 and j == len(text) - 1  # a quoted headline is not reported speech
            if len(text[i + 1 : j].split()) >= 3 and not whole:
                return True
            i = text.find(left, j + 1)
    return False

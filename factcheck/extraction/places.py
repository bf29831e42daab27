"""Place slots: countries (CLDR), demonyms, and cities/facilities from the vendored gazetteer.

«عمان» is both Amman and Oman once diacritics are gone: a shadda («عمّان»), «العاصمة» before it or
Jordan named elsewhere in the article means Amman; «سلطنة» or nothing means Oman.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import and_

from factcheck.extraction.countries import country_names, demonyms
from factcheck.extraction.lexicon import (
    END,
    FLAGS_OF,
    KEY,
    PLACE,
    RAW,
    SCAN_LIMIT,
    START,
    Token,
    flagged,
    has_shadda,
    has_tanween,
    register,
    words,
)
from factcheck.extraction.phrases import PhraseTable
from factcheck.model import ActorSlot, PlaceSlot
from factcheck.text.normalize import matching_words

__all__ = ["PlaceEntry", "find_places", "outside_agencies", "place_table"]

CUE_FREE_POPULATION = 500_000
# Words after which a small town's name is read as a place, not as an ordinary word.
_LOCATIVE_CUES = words(
    "في من الى مدينة بلدة قرية منطقة ريف محافظة قرب نحو حي مخيم العاصمة شمال جنوب شرق غرب وسط بمدينة "
    "ومدينة أطراف ضواحي داخل"
)
_LATIN_PARTICLES = frozenset(
    ["the", "in", "at", "al", "as", "an", "ad", "ar", "el", "ash", "az", "ath", "es", "en", "ed"]
)
_CAPITAL_CUES = frozenset({"العاصمه", "بالعاصمه", "والعاصمه", "للعاصمه", "عاصمه"})


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    country: str
    kind: str  # country | city | facility | region | demonym
    population: int
    latin: bool


@lru_cache(maxsize=1)
def place_table() -> PhraseTable[PlaceEntry]:
    """Countries, demonyms and gazetteer names, loaded once on first use."""
    table: PhraseTable[PlaceEntry] = PhraseTable()
    for surface, (code, en_name) in country_names().items():
        table.add(surface, PlaceEntry(en_name, code, "country", 10**9, surface.isascii()))
    english = {code: name for name, (code, _) in country_names().items() if name.isascii()}
    for form, code in demonyms().items():
        table.add(form, PlaceEntry(english.get(code, code), code, "demonym", 0, form.isascii()))
    text = resources.files("factcheck.data").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, code, kind, population, names = line.split("\t")
        for surface in names.split("|"):
            if surface.isascii() and surface.replace("-", " ").split()[0].lower() in _LATIN_PARTICLES:
                continue  # "Al Qamishli", "At Tall": the first word would flag every "at" and "al"
            table.add(surface, PlaceEntry(name, code, kind, int(population), surface.isascii()))
    return table


register(PLACE, lambda: place_table().first_words())
# The reading of a name depends only on its word, the word before and the article's context.
_CHOICES: dict[tuple[str, str, int, int, bool, int], PlaceEntry | None] = {}
_UNSET = PlaceEntry("", "", "", 0, False)


def find_places(
    text: str,
    tokens: list[Token],
    *,
    jordan_context: bool = False,
    candidates: list[int] | None = None,
    used: set[int] | None = None,
) -> list[PlaceSlot]:
    """Places named in ``tokens`` (one sentence), longest names first, clitics left out of the span.

    ``used``, when given, receives the indices of the tokens the places are made of.
    """
    table = place_table()
    candidates = flagged(tokens) if candidates is None else candidates
    out: list[PlaceSlot] = []
    resume = 0  # a place's tokens are not visited again
    # The loop of ``scan`` written out: places are the most frequent slot, and a call per word adds up.
    for i in compress(candidates, map(and_, map(FLAGS_OF, map(tokens.__getitem__, candidates)), repeat(PLACE))):
        if i < resume:
            continue
        match = table.match(text, tokens, i)
        if match is None:
            continue
        j, prefix, values = match
        first = tokens[i]
        memo = (first[RAW], tokens[i - 1][KEY] if i else "", j - i, prefix, jordan_context, id(values))
        entry = _CHOICES.get(memo, _UNSET)
        if entry is _UNSET:
            entry = _choose(tokens, i, j - i, prefix, values, jordan_context)
            if len(_CHOICES) > 50_000:
                _CHOICES.clear()
            _CHOICES[memo] = entry
        if entry is None:
            continue
        start = first[START] + prefix
        if prefix and (first[KEY].startswith("لل") or first[KEY].startswith("ولل")):
            start = first[START]  # «للأردن»: the article's alef is gone, keep the whole word
        end = tokens[j - 1][END]
        out.append(PlaceSlot(text[start:end], entry.name, entry.country, entry.kind, start, end))
        if used is not None:
            used.update(range(i, j))
        resume = j
        if len(out) >= SCAN_LIMIT:
            break
    return out


def _choose(
    tokens: list[Token], i: int, n_words: int, prefix: int, values: list[PlaceEntry], jordan_context: bool
) -> PlaceEntry | None:
    tok = tokens[i]
    latin = tok[RAW].isascii()
    candidates = [v for v in values if v.latin == latin]
    if not candidates:
        return None
    if latin:
        if not tok[RAW][0].isupper():
            return None
        if tok[RAW].isupper() and len(tok[RAW]) <= 3 and not any(v.kind == "country" for v in candidates):
            return None
    prev_key = tokens[i - 1][KEY] if i > 0 else ""
    capital_cue = prev_key in _CAPITAL_CUES
    names = {v.name for v in candidates}
    if "Amman" in names and "Oman" in names:
        amman = next(v for v in candidates if v.name == "Amman")
        oman = next(v for v in candidates if v.name == "Oman")
        if prev_key in ("سلطنه", "بسلطنه"):
            return oman
        if has_shadda(tok[RAW]) or capital_cue or jordan_context:
            return amman
        return oman
    if has_tanween(tok[RAW]):
        demonym = [v for v in candidates if v.kind == "demonym"]
        country = [v for v in candidates if v.kind == "country"]
        if country:  # «تركيًا» is the adjective "Turkish"
            c = country[0]
            return PlaceEntry(c.name, c.country, "demonym", 0, c.latin)
        if demonym:
            return demonym[0]
    if capital_cue:
        cities = [v for v in candidates if v.kind == "city"]
        if cities:
            return max(cities, key=lambda v: v.population)
    best = max(candidates, key=lambda v: (v.kind == "country", v.kind != "demonym", v.population))
    small_town = best.kind == "city" and best.population < CUE_FREE_POPULATION and not latin
    if small_town and n_words == 1 and not (prefix and tok[KEY][0] in "بل") and prev_key not in _LOCATIVE_CUES:
        return None  # a one-word town name with nothing locative before it is likely an ordinary word
    return best


# A news agency's nationality is the agency's, not the event's: «وكالة الصحافة الفرنسية» reports from
# Nigeria, «وكالة الأنباء السعودية» from anywhere. Folded first words of an agency's name.
_AGENCY_HEADS = frozenset({"وكاله", "لوكاله", "بوكاله", "الوكاله", "agence", "agency"})


def outside_agencies(places: list[PlaceSlot], actors: list[ActorSlot]) -> list[PlaceSlot]:
    """``places`` without the demonyms inside a news agency's name (the place named is not where)."""
    spans = [
        (a.start, a.end)
        for a in actors
        if a.kind == "organisation" and (folded := matching_words(a.surface)) and folded[0] in _AGENCY_HEADS
    ]
    if not spans:
        return places
    return [p for p in places if not any(lo <= p.start and p.end <= hi for lo, hi in spans)]

"""Who said it: reporting verbs («قال», «أكد», «أشار», «ذكرت», "said") and sources («بحسب», "according to").

A clause with a cue is a quote; the speaker is the actor next to the cue, or the words between a
verb and «أن/إن» («أكدت مصادر في وزارة الدفاع التركية أن …»), or nobody when the subject is a
pronoun («وأشارت إلى أن …»), in which case the caller may carry the previous speaker over.
"""

from __future__ import annotations

from factcheck.extraction.lexicon import (
    ATTRIBUTION,
    END,
    FLAGS,
    FUNCTION_WORDS,
    KEY,
    RAW,
    START,
    VARIANTS,
    Token,
    register,
    words,
)
from factcheck.model import ActorSlot, Attribution

__all__ = ["find_attribution"]

_VERBS_AR = words("""
    قال قالت اكد اكدت اشار اشارت ذكر ذكرت اوضح اوضحت اعلن اعلنت صرح صرحت افاد افادت اضاف اضافت شدد
    شددت لفت لفتت اعتبر اعتبرت نفى نفت يقول تقول يوكد توكد مشيرا مشيره مضيفا مضيفه موكدا موكده نقل نقلت
    اعرب اعربت كشف كشفت اعلنا قالوا اكدوا اشاروا نقلته اوردت اورد
    """)
_SOURCES_AR = frozenset({"بحسب", "حسب", "وفق", "وفقا", "نقلا"})
_VERBS_EN = words("said says told stated announced added noted stressed thanked claimed denied confirmed reported")
_CUT_AT = words("ان إن انه انها بان that on in for to at")
_PRONOUNS_EN = words("he she they we i you it")
_ORG_HINT = frozenset({"وزاره", "جهاز", "هييه", "مجلس", "رياسه", "حكومه", "الحكومه"})


register(ATTRIBUTION, lambda: _VERBS_AR | _SOURCES_AR | _VERBS_EN | {"according"})


def find_attribution(
    text: str, tokens: list[Token], actors: list[ActorSlot], candidates: list[int] | None = None
) -> Attribution | None:
    """The attribution of one clause, or None when it reports no one's words."""
    n = len(tokens)
    for i in range(n) if candidates is None else candidates:
        tok = tokens[i]
        if not tok[FLAGS] & ATTRIBUTION:
            continue
        key = tok[KEY]
        if tok[RAW].isascii():
            if key in _VERBS_EN:
                speaker = _english_speaker(tokens, i, actors) or _english_subject(text, tokens, i)
                return Attribution(speaker, tok[RAW])
            if key == "according" and i + 1 < n and tokens[i + 1][KEY] == "to":
                return Attribution(_speaker_after(text, tokens, i + 2, actors), "according to")
            continue
        base = next((b for _, b in tok[VARIANTS] if b in _VERBS_AR or b in _SOURCES_AR), None)
        if base is None:
            continue
        if base in _SOURCES_AR:
            j = i + 1
            if j < n and tokens[j][KEY] in ("عن", "ل", "لما"):
                j += 1
            return Attribution(_speaker_after(text, tokens, j, actors), tok[RAW])
        return Attribution(_speaker_after(text, tokens, i + 1, actors), tok[RAW])
    return None


def _speaker_after(text: str, tokens: list[Token], j: int, actors: list[ActorSlot]) -> str | None:
    n = len(tokens)
    if j >= n:
        return None
    first = tokens[j]
    if first[KEY] in FUNCTION_WORDS:
        return None
    for actor in actors:
        if actor.start <= first[START] < actor.end or first[START] <= actor.start < first[END] + 1:
            return actor.surface
    # «مصادر في وزارة الدفاع التركية أن …»: words up to «أن», through «في» + an organisation.
    end = j
    k = j
    while k < n and k < j + 7:
        if k > j:
            between = text[tokens[k - 1][END] : tokens[k][START]]
            if not between.isspace():
                break
        key = tokens[k][KEY]
        if key in _CUT_AT:
            break
        if key in FUNCTION_WORDS and k > j:
            if key == "في" and k + 1 < n and any(b in _ORG_HINT for _, b in tokens[k + 1][VARIANTS]):
                k += 1
                continue
            break
        end = k + 1
        k += 1
    if end == j:
        return None
    return text[tokens[j][START] : tokens[end - 1][END]]


def _english_speaker(tokens: list[Token], i: int, actors: list[ActorSlot]) -> str | None:
    cue = tokens[i]
    before = [a for a in actors if a.end <= cue[START]]
    if before and cue[START] - before[-1].end <= 2:
        return before[-1].surface
    after = [a for a in actors if a.start >= cue[END]]
    if after and after[0].start - cue[END] <= 2:
        return after[0].surface
    if before:
        return before[-1].surface
    return None


def _english_subject(text: str, tokens: list[Token], i: int) -> str | None:
    """The words just before "said" when no name is there: "The health minister said that …"."""
    k = i
    while k > 0 and i - k < 4:
        prev = tokens[k - 1]
        if prev[KEY] in FUNCTION_WORDS or not text[prev[END] : tokens[k][START]].isspace():
            break
        k -= 1
    if k == i or (k == i - 1 and tokens[k][KEY] in _PRONOUNS_EN):
        return None  # "He said …": the caller carries the previous speaker over
    return text[tokens[k][START] : tokens[i - 1][END]]

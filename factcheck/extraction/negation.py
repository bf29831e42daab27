"""Negated claims: «لم، لن، لا، ليس، غير، عدم، نفى» and "not, no, never, denied"."""

from __future__ import annotations

from factcheck.extraction.lexicon import END, FLAGS, KEY, NEGATION, RAW, START, Token, register, words

__all__ = ["is_negated"]

_AR = words("لم لن لا ليس ليست ليسوا لسنا لست غير عدم نفى نفت ينفي تنفي نفوا")
_EN = words("not no never denied denies deny denying none neither nor cannot")
# «لا سيما» is "especially", «لا يزال» "still", «غير أن» "however", "not only" adds rather than denies.
_NOT_AFTER = {
    "لا": frozenset({"سيما", "يزال", "تزال", "زال", "زالت", "يزالون", "بد"}),
    "غير": frozenset({"ان"}),
    "not": frozenset({"only"}),
    "no": frozenset({"doubt"}),
}


register(NEGATION, lambda: _AR | _EN | {"t"} | {"و" + w for w in _AR} | {"ف" + w for w in _AR})


def is_negated(text: str, tokens: list[Token], candidates: list[int] | None = None) -> bool:
    n = len(tokens)
    for i in range(n) if candidates is None else candidates:
        tok = tokens[i]
        if not tok[FLAGS] & NEGATION:
            continue
        if tok[RAW].isascii():
            key = tok[KEY]
            if (
                key == "t"
                and i > 0
                and tokens[i - 1][KEY].endswith("n")
                and text[tokens[i - 1][END] : tok[START]] in ("'", "’")
            ):
                return True
            if key not in _EN:
                continue
        else:
            key = tok[KEY] if tok[KEY] in _AR else tok[KEY][1:] if tok[KEY][:1] in "وف" and tok[KEY][1:] in _AR else ""
            if not key:
                continue
        following = tokens[i + 1][KEY] if i + 1 < n else ""
        if following in _NOT_AFTER.get(key, ()):
            continue
        return True
    return False

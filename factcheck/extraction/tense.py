"""Whether the words before a date speak of what is still to come («سيترك منصبه في 26 فبراير»).

News reports what happened, so a day or a month named without its year is placed in the past by
default; a future verb before it moves it ahead. Read only for such dates, so the cost is small.
"""

from __future__ import annotations

from factcheck.extraction.lexicon import KEY, Token, words

__all__ = ["future_verb", "speaks_ahead"]

# «من المقرر» and «كان من المقرر» alike: a plan that was due a few weeks ago stays in the past anyway.
_FUTURE_WORDS = words("""
    سوف وسوف فسوف المقرر المتوقع يتوقع تتوقع المرتقب المزمع يعتزم تعتزم بحلول
    will shall upcoming scheduled expected
    """)
# Words shaped like «سـ» + an imperfect verb that are not: the frequent ones in a week of Saudi news.
_NOT_VERBS = words("""
    سنوي سنتا سيما سياق سيتي سيناء سيلفي سينما سيناريو ستار ستريت ستاندرد ستيشن ستاند سناتور سناب
    سيدني سياتل سيول سيدي سيرجيو سيرخيو سيلفا ستيفن ستيفان سيريزا سياسي سياح سيطر سيطرت سيطرته سيطرتها
    سيطرتهم سيارته سيرته سيادتها سياستها سياساتها سنغافوره سيئون سيئا سيف سينمائي سيكولوجي
    """)
_NOUN_ENDINGS = ("ه", "ات", "يه", "يا", "ين")
_LOOK_BACK = 10  # tokens: the verb that governs a date stands close before it


def future_verb(key: str) -> bool:
    """The future prefix «سـ» on an imperfect verb: «سيشكل», «ستكون», «وسنعمل»."""
    if key[:1] in ("و", "ف") and key[1:2] == "س":
        key = key[1:]
    return (
        len(key) >= 4
        and key[0] == "س"
        and key[1] in "يتن"
        and key not in _NOT_VERBS
        and not key.endswith(_NOUN_ENDINGS)
    )


def speaks_ahead(tokens: list[Token], i: int) -> bool:
    """Whether a future verb or «سوف» / "will" stands in the few words before token ``i``."""
    return any(tok[KEY] in _FUTURE_WORDS or future_verb(tok[KEY]) for tok in tokens[max(0, i - _LOOK_BACK) : i])

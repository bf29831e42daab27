"""Claim extraction: articles into atomic, checkable claims with structured slots.

``extract_claims(article)`` runs the default rule-based engine; other engines register themselves
with ``register_extractor``. Importing this package is cheap: data (CLDR names, the gazetteer) loads
on the first extraction and stays cached.
"""

from __future__ import annotations

from functools import cache

from factcheck.extraction.base import Extractor, get_extractor, register_extractor
from factcheck.model import ArticleText, ExtractedClaim

__all__ = ["Extractor", "clear_caches", "extract_claims", "get_extractor", "register_extractor"]


@cache
def _rules() -> Extractor:
    """The rule engine holds no state between articles: one instance serves every call."""
    from factcheck.extraction.rules import RuleExtractor

    return RuleExtractor()


register_extractor("rules", _rules)


def extract_claims(article: ArticleText, *, engine: str = "rules") -> list[ExtractedClaim]:
    """Claims of ``article`` in text order; offsets index ``article.body``."""
    return get_extractor(engine).extract(article)


def clear_caches() -> None:
    """Forget what the rule engine memoised (words, chunks, name readings, place choices, actor keys).

    Extraction gives the same claims either way; this restores the speed of a fresh process, which
    the benchmark's "cold" figure measures.
    """
    from factcheck.extraction import actors, date_resolution, lexicon, places, worth

    lexicon.clear_caches()
    worth.clear_caches()
    date_resolution.resolve_day.cache_clear()
    for memo in (actors._RUNS, actors._KEYS, actors._FIRST_FORMS, places._CHOICES):
        memo.clear()

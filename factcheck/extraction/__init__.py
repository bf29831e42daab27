"""Claim extraction: articles into atomic, checkable claims with structured slots.

``extract_claims(article)`` runs the default rule-based engine; other engines register themselves
with ``register_extractor``. Importing this package is cheap: data (CLDR names, the gazetteer) loads
on the first extraction and stays cached.
"""

from __future__ import annotations

from functools import cache

from factcheck.extraction.base import Extractor, get_extractor, register_extractor
from factcheck.model import ArticleText, ExtractedClaim

__all__ = ["Extractor", "extract_claims", "get_extractor", "register_extractor"]


@cache
def _rules() -> Extractor:
    """The rule engine holds no state between articles: one instance serves every call."""
    from factcheck.extraction.rules import RuleExtractor

    return RuleExtractor()


register_extractor("rules", _rules)


def extract_claims(article: ArticleText, *, engine: str = "rules") -> list[ExtractedClaim]:
    """Claims of ``article`` in text order; offsets index ``article.body``."""
    return get_extractor(engine).extract(article)

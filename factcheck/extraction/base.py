"""The extractor interface: the rule-based engine is the default; others (an LLM behind an
OpenAI-compatible endpoint, say) can be registered under a name without touching callers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from factcheck.errors import InvalidValueError
from factcheck.model import ArticleText, ExtractedClaim

__all__ = ["Extractor", "get_extractor", "register_extractor"]


class Extractor(Protocol):
    name: str

    def extract(self, article: ArticleText) -> list[ExtractedClaim]:
        """Claims in text order, spans into ``article.body``; never raises on odd text."""
        ...


_REGISTRY: dict[str, Callable[[], Extractor]] = {}


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    _REGISTRY[name] = factory


def get_extractor(name: str = "rules") -> Extractor:
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise InvalidValueError(f"unknown extractor {name!r}; available: {known}") from None
    return factory()

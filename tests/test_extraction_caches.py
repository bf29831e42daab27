"""Memoised words, chunks, name readings and place choices change speed, never claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.extraction import clear_caches, extract_claims
from factcheck.model import ArticleText


def test_claims_are_the_same_cold_and_warm(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    corpus_articles = [
        ArticleText((corpus_dir / name).read_text(encoding="utf-8"), entry["language"], entry["published"])
        for name, entry in manifest.items()
    ]
    clear_caches()
    cold = [[c.to_dict() for c in extract_claims(a)] for a in corpus_articles]
    warm = [[c.to_dict() for c in extract_claims(a)] for a in reversed(corpus_articles)][::-1]
    clear_caches()
    again = [[c.to_dict() for c in extract_claims(a)] for a in corpus_articles]
    assert cold == warm == again
    assert all(cold)  # every corpus article yields claims

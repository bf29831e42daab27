"""Fixtures: the bundled sample corpus, the project's own expectations over it, a fresh SQLite file per test.

Everything here lives in the repository (``sources/sample_corpus`` and ``tests/data``), so the suite passes
on a clone with nothing beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sources" / "sample_corpus"
FIXTURES = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict[str, Any]]:
    """The corpus manifest keyed by file name, with ``published`` as a ``date``."""
    entries = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for entry in entries:
        entry = dict(entry)
        entry["published"] = date.fromisoformat(entry["published"]) if entry.get("published") else None
        out[entry["file"]] = entry
    return out


@pytest.fixture(scope="session")
def seed_claims() -> dict[str, Any]:
    return json.loads((FIXTURES / "seed_claims.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def cross_article() -> dict[str, Any]:
    return json.loads((FIXTURES / "cross_article.json").read_text(encoding="utf-8"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "factcheck.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Any]:
    """A real, migrated SQLite file, disposed after the test."""
    from db.engine import open_database

    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, cross_article: dict[str, Any]) -> Path:
    """The sample corpus imported once per test module (with the cross-article links ensured), to copy from."""
    from test_tui_helpers import ensure_cross_article, import_corpus, prepared

    def build(database: Any) -> None:
        import_corpus(database, corpus_dir)
        ensure_cross_article(database, cross_article)

    return prepared(tmp_path_factory.mktemp("corpus"), build)


@pytest.fixture
def corpus_db(corpus_template: Path, tmp_path: Path) -> Iterator[Any]:
    """A private copy of the imported corpus for one test."""
    from test_tui_helpers import copy_database

    database = copy_database(corpus_template, tmp_path / "factcheck.db")
    yield database
    database.dispose()

"""A fact-check's title gets its own sentence vector, compared with the claim's as one more feature."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from cli import main
from db.engine import open_database
from db.factchecks import embed_missing
from factcheck.text.encoder import encode, from_bytes

ARCHIVE = Path(__file__).resolve().parent / "data" / "factchecks" / "archive.csv"


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "desk.db"
    assert main(["--db", str(db), "factchecks", "import", "--json", str(ARCHIVE)]) == 0
    capsys.readouterr()
    return db


def title_vectors(db: Path) -> dict[str, bytes | None]:
    with sqlite3.connect(db) as conn:
        return {str(c): v for c, v in conn.execute("SELECT claim, title_vector FROM factcheck")}


def titles(db: Path) -> dict[str, str | None]:
    with sqlite3.connect(db) as conn:
        return {str(c): t for c, t in conn.execute("SELECT claim, title FROM factcheck")}


def test_titled_fact_checks_get_a_title_vector_and_blank_titles_none(desk: Path) -> None:
    named = titles(desk)
    vectors = title_vectors(desk)
    assert any(t for t in named.values()) and any(not t for t in named.values())
    for claim, title in named.items():
        if title and title.strip():
            expected = encode([title])[0].astype(np.float32)
            stored = vectors[claim]
            assert stored is not None
            assert float(from_bytes(stored).astype(np.float32) @ expected) > 0.99
        else:
            assert vectors[claim] is None


def test_an_archive_embedded_before_titles_had_vectors_gets_them(desk: Path) -> None:
    with sqlite3.connect(desk) as conn:
        conn.execute("UPDATE factcheck SET title_vector = NULL")
    database = open_database(desk)
    try:
        assert embed_missing(database) == sum(1 for t in titles(desk).values() if t and t.strip())
        assert embed_missing(database) == 0  # nothing left: blank titles are not retried forever
    finally:
        database.dispose()
    assert sum(v is not None for v in title_vectors(desk).values()) == sum(
        1 for t in titles(desk).values() if t and t.strip()
    )


def test_the_look_up_reports_the_title_cosine(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(desk), "prior", "Carrots and night vision: can you see in the dark?", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["claim"].startswith("Eating carrots")
    assert rows[0]["features"]["title_cosine"] > 0.5
    untitled = [r for r in rows if not titles(desk).get(r["claim"])]
    assert untitled and all(r["features"]["title_cosine"] == 0.0 for r in untitled)

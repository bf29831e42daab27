"""The archive and its retrieval on both storage backends (SQLite FTS5; PostgreSQL's GIN tsvector)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main

pytestmark = pytest.mark.both_backends

DATA = Path(__file__).resolve().parent / "data" / "factchecks"


def test_import_twice_look_up_and_apply(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    archive = str(DATA / "desk_archive.json")
    assert main(["--db", db_url, "factchecks", "import", "--json", archive]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["added"], first["present"], first["embedded"]) == (5, 0, 5)
    assert main(["--db", db_url, "factchecks", "import", "--json", archive]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["present"]) == (0, 5)
    assert main(["--db", db_url, "prior", "--json", "Was the moon landing footage filmed in a Nevada studio?"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["url"] == "https://desk-two.example.org/reviews/moon-footage"
    assert rows[0]["features"]["bm25"] > 0 and rows[0]["features"]["cosine"] > 0.5

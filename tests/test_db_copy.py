"""``factcheck db copy``: a whole desk's database from SQLite to PostgreSQL and back, ids kept.

The round trip is judged by the review record: the JSON export of the original file, of the server
copy and of the file copied back must be identical. A destination holding data is refused unless
``--force``; a copy whose counts do not match is an error that leaves the destination as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from cli import main
from db.copy import copy_database
from db.engine import Database, open_database
from db.models import AuditEntry, Claim, Verdict
from db.queries import ClaimFilter, count_claims
from factcheck.errors import StorageError

pytestmark = pytest.mark.both_backends


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _export(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, err = run(capsys, "--db", url, "export", "--format", "json")
    assert code == 0, err
    return out


@pytest.fixture
def reviewed_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path) -> str:
    """The sample corpus with a desk's work on it: a verdict, a source with its snapshot, assignments."""
    url = str(tmp_path / "desk.db")
    assert run(capsys, "--db", url, "import", str(corpus_dir))[0] == 0
    ids = sorted(c["id"] for c in json.loads(run(capsys, "--db", url, "claims", "--json")[1]))
    page = tmp_path / "statement.txt"
    page.write_text("The ministry said four states met in Amman.", encoding="utf-8")
    steps = [
        ["verdict", str(ids[0]), "True", "--rationale", "ministry statement", "--reviewer", "rana"],
        ["source", "add", str(ids[0]), str(page), "--offline", "--stance", "supports", "--reviewer", "rana"],
        ["assign", *map(str, ids[:4]), "--to", "رنا", "--reviewer", "editor"],
        ["assign", str(ids[5]), "--to", "sami", "--reviewer", "editor"],
    ]
    for step in steps:
        code, _, err = run(capsys, "--db", url, *step)
        assert code == 0, (step, err)
    return url


@pytest.fixture
def server_db(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty, migrated PostgreSQL database on the session's throwaway server."""
    server = request.getfixturevalue("pg_server")
    name = server.create("factcheck_empty")
    yield server.url(name)
    server.drop(name)


def test_sqlite_to_postgresql_and_back_keeps_the_whole_record(
    capsys: pytest.CaptureFixture[str], reviewed_file: str, server_db: str, tmp_path: Path
) -> None:
    original = _export(capsys, reviewed_file)
    code, out, err = run(capsys, "db", "copy", reviewed_file, server_db, "--json")
    assert code == 0, err
    copied = json.loads(out)
    assert copied["tables"]["claim"] > 20 and copied["tables"]["source_snapshot"] == 1
    assert copied["tables"]["audit_log"] >= 7
    assert _export(capsys, server_db) == original

    back = str(tmp_path / "back.db")
    code, out, err = run(capsys, "db", "copy", server_db, back)
    assert code == 0 and "every table's count matches" in out, err
    assert _export(capsys, back) == original

    # search works on both copies, and new rows continue after the copied ids (sequences moved on)
    for url in (server_db, back):
        database = open_database(url)
        try:
            with database.transaction() as session:
                assert count_claims(session=session, flt=ClaimFilter(search="الأردن")) > 0
                largest = session.exec(select(func.max(Verdict.id))).one()
                claim = session.exec(select(Claim).order_by(Claim.id.desc())).first()  # type: ignore[union-attr]
                assert claim is not None and claim.id is not None
                verdict = Verdict(claim_id=claim.id, rating="False", rationale="after the copy", reviewer="sami")
                session.add(verdict)
                session.flush()
                assert largest is not None and verdict.id == largest + 1
        finally:
            database.dispose()


def test_a_destination_with_data_is_refused_unless_forced(
    capsys: pytest.CaptureFixture[str], corpus_db: Database, new_database: Any
) -> None:
    target = new_database()
    try:
        assert run(capsys, "db", "copy", corpus_db.url, target.url)[0] == 0
        with target.transaction() as session:  # the destination then changes on its own
            session.add(AuditEntry(reviewer="sami", action="note", entity="claim", entity_id=None))
        code, _, err = run(capsys, "db", "copy", corpus_db.url, target.url)
        assert code == 1 and err.startswith("factcheck: error: ") and "is not empty (" in err and "--force" in err
        with target.session() as session:
            assert session.exec(select(func.count()).select_from(AuditEntry)).one() == 1
        code, _, err = run(capsys, "db", "copy", corpus_db.url, target.url, "--into-non-empty")
        assert code == 0, err
        with target.session() as session:
            assert session.exec(select(func.count()).select_from(AuditEntry)).one() == 0  # the source has none
        assert _export(capsys, target.url) == _export(capsys, corpus_db.url)
        with target.transaction() as session:
            session.add(AuditEntry(reviewer="sami", action="note", entity="claim", entity_id=None))
        with pytest.raises(StorageError, match="insert-only"), target.transaction() as session:
            session.execute(text("DELETE FROM audit_log"))  # the history's guard is back after the copy
    finally:
        target.dispose()


def test_tables_without_a_model_are_copied_in_order_with_progress(corpus_db: Database, new_database: Any) -> None:
    """A table some later migration added (here by hand on both sides) travels too, after its parent."""
    target = new_database()
    ddl = "CREATE TABLE desk_note (id INTEGER PRIMARY KEY, claim_id INTEGER NOT NULL REFERENCES claim(id), body TEXT)"
    try:
        for database in (corpus_db, target):
            with database.transaction() as session:
                session.execute(text(ddl))
        with corpus_db.transaction() as session:
            first = session.exec(select(func.min(Claim.id))).one()
            session.execute(text("INSERT INTO desk_note VALUES (7, :c, 'ملاحظة'), (9, :c, 'note')"), {"c": first})
        seen: list[tuple[str, int, int]] = []
        result = copy_database(corpus_db, target, progress=lambda t, d, n: seen.append((t, d, n)))
        assert result.rows["desk_note"] == 2
        finished = [t for t, d, n in seen if d == n]
        assert finished.index("claim") < finished.index("desk_note") and "alembic_version" not in finished
        assert not any(t.startswith("claim_fts") for t in finished)
        with target.session() as session:
            rows = session.execute(text("SELECT id, claim_id, body FROM desk_note ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(7, first, "ملاحظة"), (9, first, "note")]
    finally:
        target.dispose()


def test_counts_that_do_not_match_are_an_error_and_nothing_is_kept(
    capsys: pytest.CaptureFixture[str], reviewed_file: str, tmp_path: Path
) -> None:
    """A destination that silently drops rows (a stray trigger) is caught by the final count."""
    target = str(tmp_path / "lossy.db")
    lossy = open_database(target)
    with lossy.transaction() as session:
        session.execute(
            text("CREATE TRIGGER lose BEFORE INSERT ON audit_log WHEN new.id % 2 = 0 BEGIN SELECT RAISE(IGNORE); END")
        )
    lossy.dispose()
    code, _, err = run(capsys, "db", "copy", reviewed_file, target)
    assert code == 1 and "the copy does not match its source, nothing was kept: audit_log: " in err
    again = open_database(target)
    try:
        with again.session() as session:
            assert session.exec(select(func.count()).select_from(Claim)).one() == 0
    finally:
        again.dispose()

"""Desk roles on a real PostgreSQL server: who did what cannot be forged, history cannot be rewritten.

``factcheck db roles`` creates factcheck_checker and factcheck_editor; each test logs in as a reviewer
in one of them (the throwaway server trusts 127.0.0.1) and tries what that role must not do: a checker
assigning or publishing, anyone changing or deleting the history. Each refusal is one clear line and
leaves the database as it was. On SQLite the history is insert-only too (a trigger).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from cli import main
from db.engine import open_database
from factcheck.errors import NotAllowedError, StorageError


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, (argv, err)
    return out


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, _, err = run(capsys, *argv)
    assert code == 1 and err.startswith("factcheck: error: ") and err.count("\n") == 1, (argv, err)
    assert "Traceback" not in err
    return err


def login(url: str, name: str) -> str:
    return url.replace("://postgres@", f"://{name}@", 1)


def history(url: str) -> list[tuple[Any, ...]]:
    database = open_database(url)
    try:
        with database.session() as session:
            return [tuple(r) for r in session.execute(text("SELECT id, reviewer, action FROM audit_log ORDER BY id"))]
    finally:
        database.dispose()


@pytest.fixture
def desk(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> Iterator[str]:
    """A PostgreSQL database with the desk roles, checker login ``rana``, editor ``hadi``, the corpus imported
    by rana, and one claim with her verdict and source."""
    server = request.getfixturevalue("pg_server")
    name = server.create("factcheck_empty")
    url = server.url(name)
    try:
        assert "granted on" in ok(capsys, "--db", url, "db", "roles")
        ok(capsys, "--db", url, "db", "roles", "--add-login", "rana", "--role", "checker")
        ok(capsys, "--db", url, "db", "roles", "--add-login", "hadi", "--role", "editor")
        rana = login(url, "rana")
        ok(capsys, "--db", rana, "import", str(corpus_dir))
        yield url
    finally:
        server.drop(name)


def _claim_ids(capsys: pytest.CaptureFixture[str], url: str) -> list[int]:
    return sorted(c["id"] for c in json.loads(ok(capsys, "--db", url, "claims", "--json")))


def _drafted(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, claim: int) -> None:
    page = tmp_path / "statement.txt"
    page.write_text("The ministry said four states met in Amman.", encoding="utf-8")
    rana = login(url, "rana")
    ok(capsys, "--db", rana, "verdict", str(claim), "True", "--rationale", "ministry statement", "--reviewer", "x")
    ok(capsys, "--db", rana, "source", "add", str(claim), str(page), "--offline", "--stance", "supports")


def test_the_history_names_the_connected_role_not_the_declared_name(
    capsys: pytest.CaptureFixture[str], desk: str, tmp_path: Path
) -> None:
    claim = _claim_ids(capsys, desk)[0]
    _drafted(capsys, desk, tmp_path, claim)  # the verdict says --reviewer x
    rows = [(who, action) for _, who, action in history(desk) if action in {"verdict.set", "source.attach"}]
    assert rows == [("rana", "verdict.set"), ("rana", "source.attach")]
    database = open_database(desk)
    try:
        with database.session() as session:
            for table in ("verdict", "claim_source"):
                assert session.execute(text(f"SELECT reviewer FROM {table}")).scalars().all() == ["rana"]
    finally:
        database.dispose()
    ok(capsys, "--db", login(desk, "hadi"), "assign", str(claim), "--to", "rana", "--reviewer", "rana")
    assert history(desk)[-1][1:] == ("hadi", "claim.assign")
    ok(capsys, "--db", desk, "assign", str(claim), "--to", "sami", "--reviewer", "the owner")  # not a desk login
    assert history(desk)[-1][1:] == ("the owner", "claim.assign")


def test_a_checker_may_not_assign_and_nothing_changes(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    ids = _claim_ids(capsys, desk)[:3]
    before = history(desk)
    err = refused(capsys, "--db", login(desk, "rana"), "assign", *map(str, ids), "--to", "rana")
    assert "not allowed for a checker: assigning claims needs the factcheck_editor role" in err
    assert history(desk) == before
    claims = json.loads(ok(capsys, "--db", desk, "claims", "--json"))
    assert all(c.get("assignee") is None for c in claims if c["id"] in ids)
    ok(capsys, "--db", login(desk, "hadi"), "assign", *map(str, ids), "--to", "rana")  # an editor may


def test_a_checker_may_not_publish_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], desk: str, tmp_path: Path
) -> None:
    claim = _claim_ids(capsys, desk)[0]
    _drafted(capsys, desk, tmp_path, claim)
    before = history(desk)
    err = refused(capsys, "--db", login(desk, "rana"), "status", "--set", "published", str(claim))
    assert "not allowed for a checker: publishing a claim needs the factcheck_editor role" in err
    assert history(desk) == before
    shown = json.loads(ok(capsys, "--db", desk, "claims", "--json"))
    assert next(c["status"] for c in shown if c["id"] == claim) == "drafted"
    ok(capsys, "--db", login(desk, "hadi"), "status", "--set", "published", str(claim))
    assert history(desk)[-1][1] == "hadi"


def test_only_an_editor_exports_the_report(capsys: pytest.CaptureFixture[str], desk: str, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    err = refused(capsys, "--db", login(desk, "rana"), "export", "--format", "json", "--output", str(out))
    assert "not allowed for a checker: exporting the report needs the factcheck_editor role" in err
    assert not out.exists()
    ok(capsys, "--db", login(desk, "rana"), "report")  # the summary on screen is a checker's to read
    ok(capsys, "--db", login(desk, "hadi"), "export", "--format", "json", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["claims"]


@pytest.mark.parametrize("who", ["rana", "hadi", "postgres"])
@pytest.mark.parametrize("statement", ["UPDATE audit_log SET reviewer = 'someone'", "DELETE FROM audit_log"])
def test_nobody_rewrites_the_history(
    capsys: pytest.CaptureFixture[str], desk: str, tmp_path: Path, who: str, statement: str
) -> None:
    _drafted(capsys, desk, tmp_path, _claim_ids(capsys, desk)[0])
    before = history(desk)
    assert before
    database = open_database(login(desk, who))
    try:
        refusal = "not allowed for any role: the history is insert-only"
        with pytest.raises(NotAllowedError, match=refusal), database.transaction() as session:
            session.execute(text(statement))
        with pytest.raises(NotAllowedError), database.transaction() as session:
            session.execute(text("TRUNCATE audit_log"))
    finally:
        database.dispose()
    assert history(desk) == before


def test_roles_need_postgresql(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    err = refused(capsys, "--db", str(tmp_path / "desk.db"), "db", "roles")
    assert "desk roles need a PostgreSQL database" in err


def test_a_login_name_is_checked(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    for bad in ('x"; DROP TABLE claim; --', "pg_admin", "Rana"):
        assert "cannot be a login name" in refused(capsys, "--db", desk, "db", "roles", "--add-login", bad)


def test_the_history_is_insert_only_on_sqlite_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    ids = [c["id"] for c in json.loads(ok(capsys, "--db", url, "claims", "--json"))]
    assert ids == []
    database = open_database(url)
    try:
        with database.transaction() as session:
            session.execute(text("INSERT INTO audit_log (at, reviewer, action, entity) VALUES "
                                 "('2026-12-07 12:00:00', 'rana', 'x', 'claim')"))  # fmt: skip
        for statement in ("UPDATE audit_log SET reviewer = 'sami'", "DELETE FROM audit_log"):
            with pytest.raises(StorageError, match="the history is insert-only"), database.transaction() as s:
                s.execute(text(statement))
        with database.session() as session:
            assert session.execute(text("SELECT reviewer FROM audit_log")).scalars().all() == ["rana"]
    finally:
        database.dispose()


def test_a_login_gets_its_password_from_stdin(
    capsys: pytest.CaptureFixture[str], desk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("it's 100% mine\n"))
    argv = ("--db", desk, "db", "roles", "--add-login", "sami", "--role", "editor", "--password-stdin")
    assert "login sami" in ok(capsys, *argv)
    database = open_database(desk)
    try:
        with database.session() as session:
            stored = session.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = 'sami'")).scalar_one()
            assert _scram_matches(stored, "it's 100% mine")
            in_editor = "SELECT pg_has_role('sami', 'factcheck_editor', 'MEMBER')"
            assert session.execute(text(in_editor)).scalar_one() is True
    finally:
        database.dispose()


def _scram_matches(stored: str, password: str) -> bool:
    """Whether PostgreSQL's SCRAM-SHA-256 verifier ``stored`` was made from ``password`` (RFC 5802)."""
    import base64
    import hashlib
    import hmac

    method, params, keys = stored.split("$")
    iterations, salt = params.split(":")
    stored_key = keys.split(":")[0]
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return method == "SCRAM-SHA-256" and base64.b64encode(hashlib.sha256(client_key).digest()).decode() == stored_key

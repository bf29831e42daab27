"""Hostile databases and arguments: unknown schema revisions, read-only files, huge ids, option order."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cli import main


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus_file(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "f.db"
    assert _cli(capsys, "--db", str(db), "import", str(corpus_dir))[0] == 0
    return db


def _set_revision(db: Path, statement: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(statement)


def test_a_newer_schema_revision_says_upgrade_factcheck(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_revision(corpus_file, "UPDATE alembic_version SET version_num = '9999_future'")
    code, out, err = _cli(capsys, "--db", str(corpus_file), "articles")
    assert code == 1 and out == ""
    assert err.startswith(f"factcheck: error: {corpus_file}: this database was written by a newer factcheck")
    assert "(schema revision 9999_future;" in err and "upgrade factcheck" in err and err.count("\n") == 1


def test_an_empty_revision_table_is_named(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_revision(corpus_file, "DELETE FROM alembic_version")
    code, _, err = _cli(capsys, "--db", str(corpus_file), "articles")
    assert code == 1 and "alembic_version) is empty although the factcheck tables exist" in err
    assert "already exists" not in err


def _unprivileged(run: Callable[[], int]) -> tuple[int, str]:
    """``run()`` in a child process that cannot write what it does not own: as ``nobody`` under root
    (root writes read-only files anyway). Returns the exit status and what it wrote to stderr."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.dup2(write_fd, 2)
            sys.stderr = os.fdopen(2, "w", closefd=False)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            code = run()
            sys.stderr.flush()
            os._exit(code)
        except BaseException:
            os._exit(99)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        err = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


def test_a_read_only_database_in_a_read_only_folder_is_read_and_refuses_changes(
    corpus_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(capsys, "--db", str(corpus_file), "status", "--set", "in_review", "1")[0] == 0
    assert _cli(capsys, "--db", str(corpus_file), "verdict", "99", "false", "--rationale", "x")[0] == 1
    with tempfile.TemporaryDirectory() as top:  # under /tmp, so that ``nobody`` can reach it
        Path(top).chmod(0o755)
        folder = Path(top) / "ro"
        folder.mkdir()
        db = folder / "f.db"
        shutil.copyfile(corpus_file, db)  # the WAL was checkpointed when the last command closed it
        expected = json.loads(_cli(capsys, "--db", str(db), "articles", "--json")[1])
        db.chmod(0o444)
        folder.chmod(0o555)
        try:
            read_code, read_err = _unprivileged(lambda: main(["--db", str(db), "articles", "--json"]))
            write_code, write_err = _unprivileged(
                lambda: main(["--db", str(db), "status", "--set", "dismissed", "1", "--reviewer", "r"])
            )
        finally:
            folder.chmod(0o755)
            db.chmod(0o644)
        assert read_code == 0, read_err
        assert read_err == f"factcheck: warning: {db} cannot be written; opened read-only (changes will be refused)\n"
        assert write_code == 1
        assert "the database is read-only" in write_err and "Traceback" not in write_err
        assert sorted(p.name for p in folder.iterdir()) == ["f.db"]  # no journal was left behind
        assert json.loads(_cli(capsys, "--db", str(db), "articles", "--json")[1]) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["verdict", "99999999999999999999999", "false", "--rationale", "x"],
        ["show", "0"],
        ["status", "--set", "in_review", "1", "-5"],
        ["claims", "--limit", "99999999999999999999999"],
        ["history", "1e3"],
        ["contradiction", "confirm", "9" * 5000, "--reason", "real_conflict"],
    ],
)
def test_ids_out_of_range_are_refused_by_the_parser(
    corpus_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(corpus_file), *argv])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "Traceback" not in err
    assert "is not an id" in err or "out of range" in err or "is not a whole number" in err or "far too large" in err


def test_global_options_after_the_command(
    corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.json"
    assert _cli(capsys, "export", "--format", "json", "-o", str(export), "--db", str(corpus_file))[0] == 0
    new = tmp_path / "new.db"
    code, _, err = _cli(capsys, "load", str(export), "--db", str(new))  # as the README shows it
    assert code == 0, err
    before = json.loads(_cli(capsys, "--db", str(corpus_file), "articles", "--json")[1])
    after = json.loads(_cli(capsys, "articles", "--json", "--db", str(new))[1])
    assert [a["title"] for a in after] == [a["title"] for a in before]
    # given on both sides, the one after the command wins; given before only, it is kept
    assert json.loads(_cli(capsys, "--db", str(tmp_path / "x.db"), "articles", "--json", "--db", str(new))[1])
    assert not (tmp_path / "x.db").exists()

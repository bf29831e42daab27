"""The ``factcheck`` command line against real files: JSON interface, errors as one line, exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli import main

pytestmark = pytest.mark.both_backends


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_articles_json(capsys: pytest.CaptureFixture[str], db_url: str, corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "--db", db_url, "import", str(corpus_dir), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["summary"] == {"imported": 4, "present": 0, "failed": 0}
    code, out, _ = run(capsys, "--db", db_url, "import", str(corpus_dir))
    assert code == 0 and out.count("already present:") == 4 and "0 imported, 4 already present" in out
    code, out, _ = run(capsys, "--db", db_url, "articles", "--json")
    articles = json.loads(out)
    assert [a["published"] for a in articles] == ["2025-04-03", "2025-10-17", "2025-03-11", "2025-10-17"]
    assert set(articles[0]) == {
        "id", "title", "outlet", "url", "language", "published", "imported_at", "content_hash",
        "source_path", "encoding", "claims",
    }  # fmt: skip
    assert articles[3]["language"] == "en"


def test_fcheck_db_environment_variable(
    capsys: pytest.CaptureFixture[str], db_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_DB", str(db_path))
    assert run(capsys, "import", str(corpus_dir / "en_defence_delegation.txt"))[0] == 0
    assert db_path.exists()
    code, out, _ = run(capsys, "--db", f"sqlite:///{db_path}", "articles", "--json")
    assert code == 0 and len(json.loads(out)) == 1


def test_claims_and_show_json(capsys: pytest.CaptureFixture[str], db_url: str, corpus_dir: Path) -> None:
    run(capsys, "--db", db_url, "import", str(corpus_dir))
    code, out, _ = run(capsys, "--db", db_url, "claims", "--json")
    assert code == 0
    claims = json.loads(out)
    assert len(claims) > 20
    first = claims[0]
    assert set(first) == {
        "id", "article_id", "text", "start", "end", "kind", "checkworthiness", "negated", "status",
        "origin", "version", "assignee", "slots",
    }  # fmt: skip
    assert set(first["slots"]) == {"dates", "numbers", "places", "actors", "participants", "attribution"}
    worth = [c["checkworthiness"] for c in claims]
    assert worth == sorted(worth, reverse=True)
    code, out, _ = run(capsys, "--db", db_url, "show", str(first["id"]), "--json")
    shown = json.loads(out)
    assert shown["text"] == first["text"]
    context = shown["context"]
    assert context["start"] <= first["start"] and first["end"] <= context["end"]
    assert first["text"] in context["text"]
    code, out, _ = run(capsys, "--db", db_url, "show", str(first["id"]))
    assert code == 0 and "check-worthiness" in out


def test_show_unknown_claim_is_one_line_error(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    code, out, err = run(capsys, "--db", db_url, "show", "999")
    assert code == 1 and out == ""
    assert err.strip() == "factcheck: error: no claim with id 999"


def test_import_failures_exit_non_zero_but_import_the_rest(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Ankara hosted the talks on Monday.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "--db", db_url, "import", str(good), str(empty), str(tmp_path / "gone.md"))
    assert code == 1
    assert "1 imported, 0 already present, 2 failed" in out
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("factcheck: error: ") for line in lines)
    assert "empty.txt: empty article" in lines[0] and "gone.md: no such file" in lines[1]


def test_server_url_without_its_driver_or_server_is_one_line(
    capsys: pytest.CaptureFixture[str], unused_port: int
) -> None:
    code, _, err = run(capsys, "--db", "postgresql+pg8000://someone:secret@127.0.0.1/desk", "articles")
    assert code == 1 and err.count("\n") == 1
    assert "driver 'pg8000' is not installed" in err and "factcheck[postgres]" in err and "secret" not in err
    code, _, err = run(capsys, "--db", f"postgresql+psycopg://someone@127.0.0.1:{unused_port}/desk", "articles")
    assert code == 1 and err.startswith("factcheck: error: ") and err.count("\n") == 1
    assert str(unused_port) in err


def test_foreign_sqlite_database_is_refused_untouched(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices(id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    code, _, err = run(capsys, "--db", str(path), "articles")
    assert code == 1 and "not a factcheck one" in err and "invoices" in err
    assert path.read_bytes() == before


def test_non_sqlite_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(path), "articles")
    assert code == 1 and "not a factcheck database (not an SQLite file)" in err
    assert path.read_text(encoding="utf-8") == "my notes"


def test_locked_database_gives_a_clear_message(
    capsys: pytest.CaptureFixture[str], db_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "--db", str(db_path), "import", str(corpus_dir / "ar_jordan_meeting_report.txt"))
    import db.engine

    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "--db", str(db_path), "import", str(corpus_dir / "en_defence_delegation.txt"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert "locked by another program" in err and "Traceback" not in err
    # nothing was lost or half-written: importing again now works
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(corpus_dir / "en_defence_delegation.txt"))
    assert code == 0 and "1 imported" in out


def test_bad_option_value_is_rejected(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "import", str(tmp_path), "--published", "13/10/2025"])
    assert exc.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_demo_without_tui_prints_articles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "demo", "--no-tui")
    assert code == 0 and "4 articles imported" in out
    assert (tmp_path / "factcheck-demo.db").exists()
    code, out, _ = run(capsys, "demo", "--no-tui")  # fresh again, not duplicated
    assert code == 0 and "4 articles imported" in out


def test_demo_refuses_to_overwrite_a_named_database(
    capsys: pytest.CaptureFixture[str], db_path: Path, corpus_dir: Path
) -> None:
    run(capsys, "--db", str(db_path), "import", str(corpus_dir / "ar_jordan_meeting_report.txt"))
    code, _, err = run(capsys, "--db", str(db_path), "demo", "--no-tui")
    assert code == 1 and "exists" in err
    code, out, _ = run(capsys, "--db", str(db_path), "articles", "--json")
    assert len(json.loads(out)) == 1


def test_unexpected_os_and_database_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    import db.store

    def disk_full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device", str(db_path))

    monkeypatch.setattr(db.store, "store_articles", disk_full)
    code, _, err = run(capsys, "--db", str(db_path), "import", str(corpus_dir))
    assert code == 1 and err.strip() == f"factcheck: error: {db_path}: No space left on device"

    def driver_failure(*_: object, **__: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(db.store, "store_articles", driver_failure)
    code, _, err = run(capsys, "--db", str(db_path), "import", str(corpus_dir))
    assert code == 1 and err.strip() == "factcheck: error: database error: disk I/O error"

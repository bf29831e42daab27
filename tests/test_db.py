"""The storage layer on real SQLite files: schema, settings, migrations, timestamps."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import StatementError
from sqlmodel import select

from db.engine import database_url, open_database
from db.models import Article, Meta


def test_new_database_is_migrated_with_wal_and_foreign_keys(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision is not None
        with database.session() as session:
            assert session.get(Meta, "schema") is not None
    finally:
        database.dispose()


def test_reopening_keeps_data_and_revision(db_path: Path) -> None:
    first = open_database(db_path)
    with first.transaction() as session:
        session.add(Article(body="text", content_hash="h1", language="en"))
    first.dispose()
    second = open_database(db_path)
    try:
        with second.session() as session:
            assert [a.body for a in session.exec(select(Article))] == ["text"]
    finally:
        second.dispose()


def test_timestamps_are_aware_utc_and_naive_ones_are_refused(database: Any) -> None:
    with database.transaction() as session:
        session.add(Article(body="x", content_hash="h2"))
    with database.session() as session:
        article = session.exec(select(Article)).one()
    assert article.imported_at.tzinfo is not None
    assert article.imported_at.utcoffset() == UTC.utcoffset(None)
    with pytest.raises(StatementError, match="timezone-aware"), database.transaction() as session:
        session.add(Article(body="y", content_hash="h3", imported_at=datetime(2025, 1, 1)))


def test_foreign_key_is_enforced(database: Any) -> None:
    from db.models import Claim

    with pytest.raises(Exception, match="FOREIGN KEY"), database.transaction() as session:
        session.add(Claim(article_id=12345, text="t", norm_text="t", start=0, end=1))


def test_fts_index_follows_claim_rows(database: Any) -> None:
    from db.models import Claim

    with database.transaction() as session:
        article = Article(body="b", content_hash="h4")
        session.add(article)
        session.flush()
        assert article.id is not None
        session.add(Claim(article_id=article.id, text="اجتماع وزاري", norm_text="اجتماع وزاري", start=0, end=1))
    with database.engine.connect() as conn:
        hits = conn.exec_driver_sql("SELECT rowid FROM claim_fts WHERE claim_fts MATCH '\"وزاري\"'").all()
    assert len(hits) == 1


def test_database_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    assert database_url(None) == "sqlite:///factcheck.db"
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    database = open_database(path)
    database.dispose()
    conn = sqlite3.connect(path)
    assert "article" in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()


def test_migrations_match_the_models(database: Any) -> None:
    """A model change without a migration would ship a schema that upgrades cannot produce."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    relevant = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("claim_fts"))]
    assert relevant == []

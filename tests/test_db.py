"""The storage layer on real SQLite files and PostgreSQL databases: schema, settings, migrations, timestamps."""

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
from factcheck.errors import StorageError

pytestmark = pytest.mark.both_backends


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

    with pytest.raises(StorageError, match=r"(?i)foreign key"), database.transaction() as session:
        session.add(Claim(article_id=12345, text="t", norm_text="t", start=0, end=1))


def test_search_index_follows_claim_rows(database: Any) -> None:
    from db.models import Claim
    from db.queries import ClaimFilter, count_claims

    with database.transaction() as session:
        article = Article(body="b", content_hash="h4")
        session.add(article)
        session.flush()
        assert article.id is not None
        session.add(Claim(article_id=article.id, text="اجتماع وزاري", norm_text="اجتماع وزاري", start=0, end=1))
    with database.session() as session:
        assert count_claims(session=session, flt=ClaimFilter(search="وزاري")) == 1
        assert count_claims(session=session, flt=ClaimFilter(search="وزارى اجتماع")) == 1  # every word, any order
        assert count_claims(session=session, flt=ClaimFilter(search="وزاري مؤتمر")) == 0
    with database.transaction() as session:
        claim = session.exec(select(Claim)).one()
        claim.norm_text = "مؤتمر صحفي"
    with database.session() as session:
        assert count_claims(session=session, flt=ClaimFilter(search="وزاري")) == 0
        assert count_claims(session=session, flt=ClaimFilter(search="صحفي")) == 1
    with database.transaction() as session:
        session.delete(session.exec(select(Claim)).one())
    with database.session() as session:
        assert count_claims(session=session, flt=ClaimFilter(search="صحفي")) == 0


def test_search_folds_like_the_index_and_user_input_is_only_words(database: Any) -> None:
    """The same answers on both backends: accents and Arabic letter forms fold, whole words only,
    and operators of either engine's query language are plain words or punctuation."""
    from db.models import Claim
    from db.queries import ClaimFilter, claim_page
    from factcheck.text import normalize_for_matching

    texts = ["Café owner Pérez met the minister", "الأُرْدن يستضيف اجتماعاً وزارياً", "Ankara & Damascus: talks OR nothing"]
    with database.transaction() as session:
        article = Article(body="b", content_hash="h5")
        session.add(article)
        session.flush()
        assert article.id is not None
        for text in texts:
            session.add(Claim(article_id=article.id, text=text, norm_text=normalize_for_matching(text), start=0, end=1))

    def found(search: str) -> list[str]:
        with database.session() as session:
            return [row.text for row in claim_page(session=session, flt=ClaimFilter(search=search)).rows]

    assert found("cafe perez") == found("CAFÉ") == [texts[0]]
    assert found("الاردن") == found("الأُردن") == [texts[1]]
    assert found("Anka") == []  # a word, not a prefix
    assert found("ankara | !damascus") == found("Ankara & Damascus") == [texts[2]]
    assert found("talks OR minister") == []  # OR is a word here, and every word must occur
    assert found("nothing:*") == found('"nothing') == [texts[2]]
    assert found("NEAR(") == found("-") == []


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
    relevant = [d for d in diff if not _is_search_index(d)]
    assert relevant == []


def _is_search_index(item: Any) -> bool:
    """Each backend's text search index lives only in the migration (FTS5 tables; a GIN expression index)."""
    kind, name = item[0], item[1].name
    return (kind == "remove_table" and name.startswith(("claim_fts", "factcheck_fts"))) or (
        kind == "remove_index" and name in ("ix_claim_norm_text_tsv", "ix_factcheck_terms_tsv")
    )


def test_a_database_owner_who_is_not_superuser_can_create_the_schema(pg_server: Any) -> None:
    """The README's Debian recipe: a plain role owning an empty database; the first open migrates it."""
    from db.queries import ClaimFilter, count_claims

    pg_server.execute("DROP ROLE IF EXISTS desk")
    pg_server.execute("CREATE ROLE desk LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    name = pg_server.create()
    try:
        pg_server.execute(f'ALTER DATABASE "{name}" OWNER TO desk')
        database = open_database(pg_server.url(name).replace("postgres@", "desk@"))
        try:
            with database.session() as session:
                assert count_claims(session=session, flt=ClaimFilter(search="café")) == 0
        finally:
            database.dispose()
    finally:
        pg_server.drop(name)
        pg_server.execute("DROP ROLE desk")

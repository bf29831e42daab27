"""Fixtures: the bundled sample corpus, the project's own expectations over it, a fresh database per test.

Everything here lives in the repository (``sources/sample_corpus`` and ``tests/data``), so the suite passes
on a clone with nothing beside it.

A module marked ``pytestmark = pytest.mark.both_backends`` runs its database tests twice: on an SQLite
file and on a throwaway PostgreSQL server that the session starts itself (``tests/pg_server.py``). Each
PostgreSQL test gets its own database, copied from a migrated template (``CREATE DATABASE … TEMPLATE``).
Without PostgreSQL installed those cases skip, saying how to get them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
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


@pytest.fixture(autouse=True)
def _config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's own factcheck config file (the remembered reviewer name)."""
    monkeypatch.setenv("FACTCHECK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("FACTCHECK_REVIEWER", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "factcheck.db"


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture
def unused_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound and released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("backend", BACKENDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite``, or ``postgresql`` in a module marked ``both_backends`` (its second run)."""
    return str(getattr(request, "param", "sqlite"))


_PG_STATE: dict[str, Any] = {}


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """The session's PostgreSQL server with an empty migrated template database ``factcheck_empty``."""
    from pg_server import start_server

    pytest.importorskip("psycopg", reason="the PostgreSQL driver is not installed: pip install -e '.[postgres]'")
    try:
        server = start_server()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    try:
        from db.engine import open_database

        server.create(name="factcheck_empty")
        open_database(server.url("factcheck_empty")).dispose()
        yield server
    finally:
        server.stop()


def _pg(request: pytest.FixtureRequest) -> Any:
    """The server, started the first time a PostgreSQL case needs it (so SQLite-only runs never start it)."""
    return request.getfixturevalue("pg_server")


@pytest.fixture
def db_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where this test's database lives: an SQLite file, or a fresh migrated PostgreSQL database."""
    if backend == "sqlite":
        yield str(db_path)
        return
    server = _pg(request)
    name = server.create("factcheck_empty")
    yield server.url(name)
    server.drop(name)


@pytest.fixture
def database(db_url: str) -> Iterator[Any]:
    """A real, migrated database (SQLite file or PostgreSQL database), disposed after the test."""
    from db.engine import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def new_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[], Any]]:
    """``new_database()``: one more empty, migrated database on this test's backend (closed by the caller)."""
    from db.engine import open_database

    made: list[str] = []

    def make() -> Any:
        if backend == "sqlite":
            return open_database(tmp_path / f"new{len(made)}.db")
        server = _pg(request)
        made.append(server.create("factcheck_empty"))
        return open_database(server.url(made[-1]))

    yield make
    for name in made:
        _pg(request).drop(name)


@pytest.fixture(scope="module")
def prepared_db(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Callable[[str, Callable[[Any], None]], str]]:
    """``prepared_db(name, build)``: a database built once per module (``build(database)``) to copy from."""
    from test_tui_helpers import prepared

    made: list[str] = []

    def make(name: str, build: Callable[[Any], None]) -> str:
        if backend == "sqlite":
            return str(prepared(tmp_path_factory.mktemp(name), build))
        from db.engine import open_database

        server = _pg(request)
        made.append(server.create("factcheck_empty"))
        database = open_database(server.url(made[-1]))
        try:
            build(database)
        finally:
            database.dispose()
        return made[-1]

    yield make
    for name in made:
        _pg(request).drop(name)


@pytest.fixture
def copied_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[str], Any]]:
    """``copied_db(template)``: a private, opened copy of a ``prepared_db`` database for one test."""
    from test_tui_helpers import copy_database

    from db.engine import open_database

    opened: list[Any] = []
    made: list[str] = []

    def copy(template: str) -> Any:
        if backend == "sqlite":
            opened.append(copy_database(Path(template), tmp_path / f"copy{len(opened)}.db"))
        else:
            server = _pg(request)
            made.append(server.create(template))
            opened.append(open_database(server.url(made[-1])))
        return opened[-1]

    yield copy
    for database in opened:
        database.dispose()
    for name in made:
        _pg(request).drop(name)


@pytest.fixture(scope="module")
def corpus_template(
    prepared_db: Callable[[str, Callable[[Any], None]], str], corpus_dir: Path, cross_article: dict[str, Any]
) -> str:
    """The sample corpus imported once per test module (with the cross-article links ensured), to copy from."""
    from test_tui_helpers import ensure_cross_article, import_corpus

    def build(database: Any) -> None:
        import_corpus(database, corpus_dir)
        ensure_cross_article(database, cross_article)

    return prepared_db("corpus", build)


@pytest.fixture
def corpus_db(corpus_template: str, copied_db: Callable[[str], Any]) -> Any:
    """A private copy of the imported corpus for one test."""
    return copied_db(corpus_template)

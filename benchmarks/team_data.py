"""Generated claim stores for ``team_bench.py``, written fast: ``sqlite3.executemany`` into an SQLite
file, ``COPY`` into PostgreSQL, both into a schema ``open_database`` migrated (indexes, the search
index and its triggers included). The same rows on both sides.

Claims are short Arabic and English sentences in articles of 30, with one of ``TOPICS`` each (the
search benchmark looks for a frequent word, a rare one and both), statuses and check-worthiness
spread as in a working desk. ``norm_text`` is built from pre-normalised pieces (normalising a
million sentences one by one would take longer than storing them); ``check_norm`` proves it equal
to ``normalize_for_matching`` on a sample.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from factcheck.text import normalize_for_matching

__all__ = ["FREQUENT", "TOPICS", "check_norm", "fill_postgresql", "fill_sqlite", "rare_topic"]

PER_ARTICLE = 30
STATUSES = ["new", "new", "new", "in_review", "drafted", "published", "dismissed"]
KINDS = ["event", "statistic", "quote", "causal", "comparison", "prediction"]
TOPICS = [c + v + c2 for c in "bdfgklmnrst" for v in "aeiou" for c2 in "dlmnrst"]  # 385 words
FREQUENT = "ministry"  # in every English claim (2 of 3)
_EN = ("The ministry said", "people attended", "meeting number")
_AR = ("قالت الوزارة إن", "شخصا شاركوا في", "الاجتماع رقم")
_NORM = {parts: tuple(normalize_for_matching(p) for p in parts) for parts in (_EN, _AR)}
_CHUNK = 20_000


def rare_topic(n: int) -> str:
    return TOPICS[n % len(TOPICS)]


def _claim(i: int) -> tuple[int, str, str, str, float]:
    """(article id, text, norm_text, status, check-worthiness) of claim number ``i`` (0-based)."""
    article = i // PER_ARTICLE + 1
    parts = _AR if article % 3 == 1 else _EN
    norm = _NORM[parts]
    topic, count = TOPICS[(i * 7919) % len(TOPICS)], i % 97
    text = f"{parts[0]} {count} {parts[1]} {topic} {parts[2]} {i}"
    norm_text = f"{norm[0]} {count} {norm[1]} {topic} {norm[2]} {i}"
    return article, text, norm_text, STATUSES[i % len(STATUSES)], ((i * 7919) % 1000) / 1000


def check_norm(sample: int = 300) -> None:
    """The shortcut folds exactly like the import does."""
    for i in range(sample):
        _, text, norm_text, _, _ = _claim(i * 3331)
        assert normalize_for_matching(text) == norm_text, (text, norm_text)


def _articles(n_claims: int) -> Iterator[tuple[Any, ...]]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for a in range(1, -(-n_claims // PER_ARTICLE) + 1):
        language = "ar" if a % 3 == 1 else "en"
        published = date(2025, 1 + a % 12, 1 + a % 28)
        yield (a, f"Generated article {a}", f"Outlet {a % 17}", language, published, "generated", f"gen-{a}", now)


def _claims(n: int) -> Iterator[tuple[Any, ...]]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(n):
        article, text, norm_text, status, cw = _claim(i)
        kind = KINDS[i % len(KINDS)]
        yield (i + 1, article, text, norm_text, 0, len(text), kind, cw, False, "{}", status, "extracted", 1, now, now)


_ARTICLE_COLS = "id, title, outlet, language, published, body, content_hash, imported_at"
_CLAIM_COLS = (
    'id, article_id, text, norm_text, start, "end", kind, checkworthiness, negated, slots, status, origin, '
    "version, created_at, updated_at"
)


def fill_sqlite(path: Path, n: int) -> None:
    """``n`` claims into the migrated SQLite file at ``path``, in one transaction.

    The claim table's indexes and its search-index trigger are set aside during the load and made
    again afterwards (each index built once, the FTS5 index by its ``rebuild``): far faster than
    maintaining them row by row, and the same schema at the end.
    """

    def plain(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            v.replace(tzinfo=None).isoformat(sep=" ") if isinstance(v, datetime) else v.isoformat()
            if isinstance(v, date) else v
            for v in row
        )  # fmt: skip

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB for building the indexes
        conn.execute("BEGIN")
        aside = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'claim' AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL AND NOT (type = 'trigger' AND name NOT LIKE 'claim_fts_%')"
        ).fetchall()
        for kind, name, _ in aside:
            conn.execute(f'DROP {kind.upper()} "{name}"')
        conn.executemany(f"INSERT INTO article({_ARTICLE_COLS}) VALUES (?,?,?,?,?,?,?,?)", map(plain, _articles(n)))
        rows = _claims(n)
        while chunk := list(islice(rows, _CHUNK)):
            conn.executemany(f"INSERT INTO claim({_CLAIM_COLS}) VALUES ({','.join('?' * 15)})", map(plain, chunk))
        for _, _, sql in aside:
            conn.execute(sql)
        conn.execute("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()


def fill_postgresql(url: str, n: int) -> None:
    """``n`` claims into the migrated PostgreSQL database at ``url`` with ``COPY``; ids sequences moved on.

    As for SQLite, the claim table's secondary indexes are dropped for the load and created again.
    """
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, password=parsed.password, dbname=parsed.database
    ) as conn:
        with conn.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '256MB'")
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'claim' AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint WHERE conrelid = 'claim'::regclass)"
            )
            aside = cur.fetchall()
            for name, _ in aside:
                cur.execute(f'DROP INDEX "{name}"')  # type: ignore[arg-type]  # names from the catalogue
            with cur.copy(f"COPY article ({_ARTICLE_COLS}) FROM STDIN") as copy:
                for row in _articles(n):
                    copy.write_row(row)
            with cur.copy(f"COPY claim ({_CLAIM_COLS}) FROM STDIN") as copy:
                for row in _claims(n):
                    copy.write_row(row)
            for _, definition in aside:
                cur.execute(definition)  # type: ignore[arg-type]
            for table in ("article", "claim"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
        conn.autocommit = True
        conn.execute("ANALYZE")

"""Team mode: PostgreSQL beside SQLite, measured in the same run on the same machine.

1. Import: ``store_articles`` (storage alone, as ``import_bench.py``'s first part) of the same generated
   articles into an SQLite file and a PostgreSQL database; rows/s, target PostgreSQL ≥ 0.5× SQLite.
2. Page and search: a page of 50 claims through ``claim_page`` (the claims list: first page, next page
   by keyset, a status filter) and searches (a frequent word, a rare one, both) at 100k claims, the
   pages also at 1M; median ms, target PostgreSQL ≤ 2× SQLite. Stores are written by ``team_data.py``.
3. Match: the import's matching hook (``match_new_claims``, lexical model) for one new 30-claim article
   against the stored claims, once building its index from the database and once with it cached, and a
   full re-match (``match_all``); seconds on each backend.
4. Reviewers: 4 processes giving verdicts at once for 60 s (``team_writers.py``): no error, no lost
   write, every change in the history; PostgreSQL is the target, SQLite shown beside it.

PostgreSQL: ``FACTCHECK_PG_URL`` (a server where that login may create databases; each section gets
its own, dropped afterwards), else a throwaway server started here with Debian's ``initdb``/``pg_ctl``
(``tests/pg_server.py``, as the test suite does). Without either the script says so and exits 0.

    python benchmarks/team_bench.py [--quick] [--claims 100000] [--large 1000000] [--seconds 60]
        [--reviewers 4] [--skip import page match writers ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from team_data import FREQUENT, check_norm, fill_postgresql, fill_sqlite, rare_topic  # noqa: E402

RAW_NAME = "R-page: raw driver query (reference)"
SERVER_NAME = "first page: server's own time"
FRESH_NAME = "first page, a fresh session"
PAGE_BUDGET = 2.0  # PostgreSQL within 2x of SQLite
IMPORT_BUDGET = 0.5  # PostgreSQL at least half SQLite's rate
BACKENDS = ("sqlite", "postgresql")


class Server:
    """Where this run's PostgreSQL databases live: a given server or a throwaway one of our own."""

    def __init__(self, url: str | None) -> None:
        from sqlalchemy.engine import make_url

        self.own: Any = None
        if url is None:
            from pg_server import start_server  # type: ignore[import-not-found]

            self.own = start_server()
            url = self.own.url()
        self.base = make_url(url)
        self.created: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        u = self.base
        with psycopg.connect(
            host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database, autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # our own identifiers

    def fresh(self, label: str) -> str:
        """A new empty database's URL (migrated by the first ``open_database``)."""
        name = f"factcheck_bench_{label}_{os.getpid()}"
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        self._admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.base.set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        for name in self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if self.own is not None:
            self.own.stop()


@contextmanager
def stores(server: Server, label: str) -> Iterator[dict[str, str]]:
    """A fresh migrated SQLite file and PostgreSQL database: backend → where."""
    from db.engine import open_database

    with tempfile.TemporaryDirectory(prefix="factcheck-team-") as tmp:
        where = {"sqlite": str(Path(tmp) / f"{label}.db"), "postgresql": server.fresh(label)}
        for target in where.values():
            open_database(target).dispose()
        yield where


def _ratio_line(name: str, sqlite: float, pg: float, unit: str, *, higher_is_better: bool = False) -> bool:
    ratio = pg / sqlite if sqlite else float("inf")
    ok = ratio >= IMPORT_BUDGET if higher_is_better else ratio <= PAGE_BUDGET
    budget = f">= {IMPORT_BUDGET}x" if higher_is_better else f"<= {PAGE_BUDGET}x"
    print(
        f"  {name:<34} {sqlite:12,.2f} {pg:12,.2f} {unit:<7} {ratio:6.2f}x ({budget}) {'ok' if ok else 'OVER BUDGET'}"
    )
    return ok


def bench_import(server: Server, articles: int) -> bool:
    from import_bench import make_corpus

    from db.engine import open_database
    from db.store import store_articles

    corpus = make_corpus(articles, 12)
    claims_by_body = {record.body: claims for record, claims in corpus}
    rows = len(corpus) + sum(len(c) for _, c in corpus)
    rates: dict[str, list[float]] = {b: [] for b in BACKENDS}
    for round_ in range(2):  # alternating, best of two: the machine is shared
        with stores(server, f"import{round_}") as where:
            for backend in BACKENDS if round_ == 0 else BACKENDS[::-1]:
                database = open_database(where[backend])
                started = time.perf_counter()
                report = store_articles(
                    database, (r for r, _ in corpus), extract=lambda a: claims_by_body[a.body], match=False
                )
                rates[backend].append(rows / (time.perf_counter() - started))
                database.dispose()
                assert report.count("imported") == len(corpus)
    print(f"== import: {len(corpus):,} articles, {rows - len(corpus):,} claims, storage only (best of 2)")
    print(f"  {'':<34} {'SQLite':>12} {'PostgreSQL':>12}")
    return _ratio_line("import", max(rates["sqlite"]), max(rates["postgresql"]), "rows/s", higher_is_better=True)


BEST: dict[str, dict[str, float]] = {b: {} for b in BACKENDS}  # backend → name → fastest run, ms


def _median_ms(fn: Callable[[], Any], repeats: int, *, best: tuple[str, str] | None = None) -> float:
    """Median ms of ``repeats`` runs after a warm-up; the fastest is kept in ``BEST`` under ``best``."""
    fn()  # warm: the first run reads the pages into the cache
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    if best is not None:
        BEST[best[0]][best[1]] = min(times)
    return statistics.median(times)


def _queries(size: int, *, searches: bool) -> dict[str, Any]:
    """Name → (filter, whether to start after the first page)."""
    from db.queries import ClaimFilter

    rare = rare_topic(size // 3)
    out: dict[str, Any] = {
        "page: first 50 by check-worthiness": (ClaimFilter(), False),
        "page: next 50 (keyset)": (ClaimFilter(), True),
        "page: status new, first 50": (ClaimFilter(status="new"), False),
    }
    if searches:
        out[f"search: frequent word ({FREQUENT})"] = (ClaimFilter(search=FREQUENT), False)
        out[f"search: rare word ({rare})"] = (ClaimFilter(search=rare), False)
        out["search: both words"] = (ClaimFilter(search=f"{FREQUENT} {rare}"), False)
    return out


RAW_PAGE = "SELECT id, text FROM claim WHERE status = 'new' ORDER BY checkworthiness DESC, id DESC LIMIT 50"


def _measure_queries(target: str, queries: dict[str, Any], repeats: int) -> dict[str, float]:
    from db.engine import open_database
    from db.queries import ClaimFilter, claim_page

    database = open_database(target)
    backend = database.engine.dialect.name
    figures = {}
    with database.session() as session:
        connection = session.connection()
        figures[RAW_NAME] = _median_ms(lambda: connection.exec_driver_sql(RAW_PAGE).all(), repeats)
        for name, (flt, keyset) in queries.items():
            after = claim_page(session=session, flt=flt, limit=50).rows[-1].key if keyset else None
            figures[name] = _median_ms(
                lambda f=flt, a=after: claim_page(session=session, flt=f, after=a, limit=50),
                repeats,
                best=(backend, name),
            )
        if database.engine.dialect.name == "postgresql":
            figures[SERVER_NAME] = _server_ms(session, repeats)

    def workbench_read() -> None:  # as the workbench reads a page: a fresh session each time
        with database.session() as session:
            claim_page(session=session, flt=ClaimFilter(), limit=50)

    figures[FRESH_NAME] = _median_ms(workbench_read, repeats)
    database.dispose()
    return figures


def _server_ms(session: Any, repeats: int) -> float:
    """PostgreSQL's own time for the first page (planning + execution, EXPLAIN ANALYZE): the query
    without the trip between the processes."""
    from sqlalchemy import event

    from db.queries import ClaimFilter, claim_page

    seen: list[tuple[str, Any]] = []
    engine = session.get_bind()
    remember = lambda *a: seen.append((a[2], a[3]))  # noqa: E731  (statement, parameters)
    event.listen(engine, "before_cursor_execute", remember)
    claim_page(session=session, flt=ClaimFilter(), limit=50)
    event.remove(engine, "before_cursor_execute", remember)
    statement, parameters = seen[-1]
    times = []
    for _ in range(repeats):
        rows = session.connection().exec_driver_sql("EXPLAIN (ANALYZE, SUMMARY) " + statement, parameters).all()
        times.append(sum(float(r[0].split(": ")[1].split()[0]) for r in rows if r[0].endswith(" ms")))
    return statistics.median(times)


def bench_pages(server: Server, size: int, *, searches: bool, repeats: int) -> bool:
    fills: dict[str, Callable[[Any, int], None]] = {
        "sqlite": lambda w, n: fill_sqlite(Path(w), n),
        "postgresql": fill_postgresql,
    }
    ok = True
    with stores(server, f"pages{size}") as where:
        took = {}
        for backend in BACKENDS:
            started = time.perf_counter()
            fills[backend](where[backend], size)
            took[backend] = time.perf_counter() - started
        queries = _queries(size, searches=searches)
        figures = {backend: _measure_queries(where[backend], queries, repeats) for backend in BACKENDS}
    print(
        f"== claims list at {size:,} claims (stored in {took['sqlite']:.0f} s by sqlite3.executemany, "
        f"{took['postgresql']:.0f} s by COPY); median of {repeats}"
    )
    print(f"  {'':<34} {'SQLite':>12} {'PostgreSQL':>12}")
    s, p = figures["sqlite"][RAW_NAME], figures["postgresql"][RAW_NAME]
    print(f"  {RAW_NAME:<34} {s:12,.2f} {p:12,.2f} ms      {p / s:6.2f}x  (what a server round trip costs here)")
    for name in queries:
        ok &= _ratio_line(name, figures["sqlite"][name], figures["postgresql"][name], "ms")
    pages = [BEST["postgresql"][name] / BEST["sqlite"][name] for name in queries if name.startswith("page")]
    print(
        f"  pages, fastest run instead of median: PostgreSQL {min(pages):.2f}-{max(pages):.2f}x SQLite "
        "(a loaded machine preempts the server's process mid-query; the medians carry that wait)"
    )
    s, p = figures["sqlite"][FRESH_NAME], figures["postgresql"][FRESH_NAME]
    print(f"  {FRESH_NAME:<34} {s:12,.2f} {p:12,.2f} ms      {p / s:6.2f}x  (as the workbench reads a page)")
    server_ms = figures["postgresql"][SERVER_NAME]
    print(f"  {SERVER_NAME:<34} {'':>12} {server_ms:12,.2f} ms      (planning + execution, EXPLAIN ANALYZE)")
    return ok


def bench_match(server: Server, size: int, full_size: int) -> None:
    from team_match import match_figures

    print(f"== matching (lexical model, no sentence vectors): a new 30-claim article vs {size:,} stored claims; "
          f"full re-match of {full_size:,}")  # fmt: skip
    print(f"  {'':<34} {'SQLite':>12} {'PostgreSQL':>12}")
    for label, n, keys in (("match", size, ("incremental, index from the database", "incremental, index cached")),
                           ("rematch", full_size, ("full re-match",))):  # fmt: skip
        with stores(server, f"{label}{n}") as where:
            figures = {backend: match_figures(where[backend], n, full=label == "rematch") for backend in BACKENDS}
        for key in keys:
            s, p = figures["sqlite"][key], figures["postgresql"][key]
            print(f"  {key:<34} {s:12,.2f} {p:12,.2f} s       {p / s:6.2f}x")


def bench_writers(server: Server, reviewers: int, seconds: float) -> bool:
    from team_writers import run_writers

    ok = True
    print(f"== {reviewers} reviewers' processes giving verdicts at once for {seconds:.0f} s (40 shared claims)")
    with stores(server, "writers") as where:
        for backend in reversed(BACKENDS):
            fill_postgresql(where[backend], 1000) if backend == "postgresql" else fill_sqlite(
                Path(where[backend]), 1000
            )
            r = run_writers(where[backend], reviewers=reviewers, seconds=seconds)
            good = not r.errors and not r.problems
            print(
                f"  {backend:<11} {r.saved:,} verdicts saved ({r.per_second:,.1f}/s), {r.refused:,} refused as stale "
                f"(another reviewer was first), {len(r.errors)} errors, {len(r.problems)} lost/unlogged: "
                f"{'ok' if good else 'FAILED'}"
            )
            for line in (r.errors + r.problems)[:5]:
                print(f"    {line}")
            if backend == "postgresql":
                ok &= good
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: 20k/100k claims, 10 s of reviewers")
    parser.add_argument("--claims", type=int, help="claims for search, match and the page (default 100000)")
    parser.add_argument("--large", type=int, help="claims for the large page measurement (default 1000000)")
    parser.add_argument("--articles", type=int, help="articles of 12 claims for the import (default 2000)")
    parser.add_argument("--seconds", type=float, help="how long the reviewers write (default 60)")
    parser.add_argument("--reviewers", type=int, default=4)
    parser.add_argument("--skip", nargs="*", choices=["import", "page", "match", "writers"], default=[])
    args = parser.parse_args()
    claims = args.claims or (20_000 if args.quick else 100_000)
    large = args.large or (100_000 if args.quick else 1_000_000)
    articles = args.articles or (500 if args.quick else 2000)
    seconds = args.seconds or (10.0 if args.quick else 60.0)
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        print("team_bench: the PostgreSQL driver is not installed (pip install -e '.[postgres]'); nothing measured")
        return 0
    try:
        server = Server(os.environ.get("FACTCHECK_PG_URL"))
    except RuntimeError as exc:
        print(f"team_bench: {exc}; or set FACTCHECK_PG_URL to a server. Nothing measured.")
        return 0
    check_norm()
    print(f"load average {os.getloadavg()[0]:.1f} at the start (the machine is shared; ratios are what count)")
    ok = True
    try:
        if "import" not in args.skip:
            ok &= bench_import(server, articles)
        if "page" not in args.skip:
            ok &= bench_pages(server, claims, searches=True, repeats=20)
            ok &= bench_pages(server, large, searches=False, repeats=20)
        if "match" not in args.skip:
            bench_match(server, claims, min(claims, 20_000))
        if "writers" not in args.skip:
            ok &= bench_writers(server, args.reviewers, seconds)
    finally:
        server.close()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

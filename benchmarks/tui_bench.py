"""Workbench responsiveness at 1k and 100k stored claims, headless (Textual's Pilot).

For each size, measured in the same run:
- first paint: from starting the app to the first page of the articles list on screen, then to the
  first page of the claims list after pressing ``c`` (budget: 1.5 s at any size);
- key latency: a cursor move in the claims list, and a move past the last row of the page on show
  into the next page (fetched by keyset query, in the background once the cursor nears the end), each
  against a key bound to nothing (the no-op reference; budget: ≤ 50 ms above it);
- memory: resident set growth from the articles screen to the claims screen (budget: ≤ +50 MB);
- R-page: the raw indexed query for 50 claims by status ordered by check-worthiness (sqlite3).

Rows are generated with SQLAlchemy Core bulk inserts. Usage: ``python benchmarks/tui_bench.py [N ...]``.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_tui_helpers import bulk_claims  # type: ignore[import-not-found]  # noqa: E402

from db.engine import open_database  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.widgets.paged_table import PagedTable  # noqa: E402

SIZES = (1_000, 100_000)
PRESSES = 30


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def raw_page_ms(path: Path, repeats: int = 200) -> float:
    conn = sqlite3.connect(path)
    sql = "SELECT id, text FROM claim WHERE status = 'new' ORDER BY checkworthiness DESC, id DESC LIMIT 50"
    conn.execute(sql).fetchall()
    started = time.perf_counter()
    for _ in range(repeats):
        conn.execute(sql).fetchall()
    conn.close()
    return (time.perf_counter() - started) / repeats * 1000


async def idle(pilot: Any) -> None:
    app = pilot.app
    await pilot.pause()
    while any(w.is_running for w in app.workers):
        await pilot.pause(0.005)
    await pilot.pause()


async def timed_keys(pilot: Any, key: str, count: int) -> list[float]:
    out = []
    for _ in range(count):
        started = time.perf_counter()
        await pilot.press(key)
        await idle(pilot)
        out.append((time.perf_counter() - started) * 1000)
    return out


async def measure(path: Path) -> dict[str, float]:
    database = open_database(path)
    app = make_app(database=database, bidi="on", reviewer="bench")
    figures: dict[str, float] = {}
    started = time.perf_counter()
    async with app.run_test(size=(120, 36)) as pilot:
        await idle(pilot)
        figures["first paint: articles (s)"] = time.perf_counter() - started
        before = rss_mb()
        started = time.perf_counter()
        await pilot.press("c")
        await idle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.rows_loaded, "no claims on screen"
        figures["first paint: claims (s)"] = time.perf_counter() - started
        figures["claims screen memory (+MB)"] = rss_mb() - before
        noop = await timed_keys(pilot, "f12", PRESSES)  # bound to nothing: Pilot and repaint overhead
        down = await timed_keys(pilot, "down", PRESSES)
        page_turns = []
        for _ in range(5):
            await pilot.press("end")
            await idle(pilot)
            page_turns += await timed_keys(pilot, "down", 1)
        figures["no-op key (ms)"] = statistics.median(noop)
        figures["cursor down (ms)"] = statistics.median(down)
        figures["page turn (ms)"] = statistics.median(page_turns)
    database.dispose()
    return figures


def main(sizes: tuple[int, ...]) -> int:
    failed = False
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            database = open_database(path)
            started = time.perf_counter()
            bulk_claims(database, size)
            database.dispose()
            print(f"\n{size:,} claims (generated in {time.perf_counter() - started:.1f} s)")
            figures = asyncio.run(measure(path))
            figures["R-page raw query (ms)"] = raw_page_ms(path)
        for name, value in figures.items():
            print(f"  {name:<32} {value:10.3f}")
        over_down = figures["cursor down (ms)"] - figures["no-op key (ms)"]
        over_page = figures["page turn (ms)"] - figures["no-op key (ms)"]
        paint = max(figures["first paint: articles (s)"], figures["first paint: claims (s)"])
        checks = [
            (f"first paint {paint:.2f} s ≤ 1.5 s", paint <= 1.5),
            (f"cursor key {over_down:+.1f} ms vs no-op ≤ 50 ms", over_down <= 50),
            (f"page turn {over_page:+.1f} ms vs no-op ≤ 50 ms", over_page <= 50),
            ("claims screen ≤ +50 MB", figures["claims screen memory (+MB)"] <= 50),
        ]
        for label, ok in checks:
            failed |= not ok
            print(f"  {'ok  ' if ok else 'OVER'} {label}")
    return 1 if failed else 0


if __name__ == "__main__":
    requested = tuple(int(arg) for arg in sys.argv[1:]) or SIZES
    sys.exit(main(requested))

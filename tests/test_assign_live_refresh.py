"""Live refresh, on SQLite and PostgreSQL: another reviewer's process (its own connection) changes
claims on show; the workbench notices (``PRAGMA data_version`` / ``LISTEN``), reads the page again
without moving the cursor, and says who changed how many. The workbench's own changes are not news."""

from __future__ import annotations

import time
from typing import Any

import pytest
from test_tui_app import SIZE, settle, table, workbench

from db import review
from db.assignment import assign_claims
from db.engine import Database, open_database
from db.live import Changes, ChangeWatcher
from factcheck.model import ClaimStatus
from tui.screens.claims import ClaimsScreen

pytestmark = pytest.mark.both_backends


def test_notice_names_who_changed_how_many() -> None:
    assert Changes({"rana": frozenset({1, 2})}).notice() == "2 claims changed by rana"
    both = Changes({"sami": frozenset({5}), "rana": frozenset({1, 2})})
    assert both.notice() == "2 claims changed by rana, 1 by sami" and both.claim_ids == {1, 2, 5}


def test_watcher_reports_only_others_and_only_once(corpus_db: Database) -> None:
    watcher = ChangeWatcher(corpus_db, me="tester")
    other = open_database(corpus_db.url)  # another reviewer: another engine, its own connections
    try:
        assert watcher.poll() is None
        with corpus_db.transaction() as session:  # the workbench's own write
            assign_claims(session=session, claim_ids=[1], assignee="tester", reviewer="tester")
        assert watcher.poll() is None
        with other.transaction() as session:
            assign_claims(session=session, claim_ids=[2, 3], assignee="rana", reviewer="rana")
        changes = _poll_until_news(watcher)  # PostgreSQL delivers a NOTIFY a moment after the commit
        assert changes is not None and changes.by_reviewer == {"rana": frozenset({2, 3})}
        assert watcher.poll() is None  # nothing new since
    finally:
        other.dispose()
        watcher.close()


def _poll_until_news(watcher: ChangeWatcher, seconds: float = 10) -> Changes | None:
    """The watcher polled as the workbench polls it, until it reports something or time runs out."""
    deadline = time.monotonic() + seconds
    while (changes := watcher.poll()) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return changes


async def _until(pilot: Any, condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the workbench did not notice in time"
        await pilot.pause(0.05)
    await settle(pilot)


async def test_claims_list_refreshes_in_place_with_a_notice(corpus_db: Database) -> None:
    app = workbench(corpus_db, live_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        rows = table(app).rows_loaded
        cursor = table(app).cursor_row
        changed = [rows[1].id, rows[4].id]
        assert {rows[1].status, rows[4].status} == {"new"}

        other = open_database(corpus_db.url)  # rana, elsewhere, dismisses two claims on show
        try:
            with other.transaction() as session:
                review.set_status(session=session, claim_ids=changed, status=ClaimStatus.DISMISSED, reviewer="rana")
        finally:
            other.dispose()

        def noticed() -> bool:
            return "2 claims changed by rana" in [n.message for n in app._notifications]

        await _until(pilot, noticed)
        await _until(pilot, lambda: {r.id: r.status for r in table(app).rows_loaded}[changed[0]] == "dismissed")
        assert table(app).cursor_row == cursor
        assert [r.id for r in table(app).rows_loaded] == [r.id for r in rows]  # same page, same order

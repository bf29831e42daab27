"""Snapshots of every screen (pytest-textual-snapshot), Arabic with bidi on and off.

The data is fixed (``snapshot_db``: corpus text, sentence claims, fixture links and flags, fixed
timestamps), the clock is hidden and cursors do not blink, so a snapshot changes only when a screen
does. Review a diff with ``pytest --snapshot-report`` before ``--snapshot-update``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_tui_helpers import copy_database, prepared, snapshot_db
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from db.engine import Database
from tui.app import WorkbenchApp, make_app

Compare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(scope="module")
def snap_template(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, cross_article: dict[str, Any]) -> Path:
    return prepared(tmp_path_factory.mktemp("snap"), lambda database: snapshot_db(database, corpus_dir, cross_article))


@pytest.fixture
def snap_db(snap_template: Path, tmp_path: Path) -> Iterator[Database]:
    database = copy_database(snap_template, tmp_path / "factcheck.db")
    yield database
    database.dispose()


def app_for(database: Database, bidi: str) -> WorkbenchApp:
    return make_app(database=database, bidi=bidi, reviewer="snapshot", live_interval=None)


async def settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await pilot.pause()
    deadline = time.monotonic() + 10
    while any(w.is_running for w in app.workers) and not isinstance(app.screen, ModalScreen):
        assert time.monotonic() < deadline, "workers did not finish"
        await pilot.pause(0.02)
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def keys(*presses: str) -> RunBefore:
    """Wait for the first page, then press each key and wait for what it started."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run


# Articles: Arabic outlet and titles, reordered for the terminal or left in logical order.
@pytest.mark.parametrize("bidi", ["on", "off"])
def test_articles(snap_compare: Compare, snap_db: Database, bidi: str) -> None:
    assert snap_compare(app_for(snap_db, bidi), terminal_size=(120, 30), run_before=keys())


# Claims of one Arabic article: down twice to the oldest Arabic article, Enter.
def test_claims_of_an_article(snap_compare: Compare, snap_db: Database) -> None:
    assert snap_compare(app_for(snap_db, "on"), terminal_size=(120, 30), run_before=keys("down", "down", "enter"))


# All claims, only those with a contradiction ("f"), in an 80x24 terminal.
def test_flagged_claims_small_terminal(snap_compare: Compare, snap_db: Database) -> None:
    assert snap_compare(app_for(snap_db, "on"), terminal_size=(80, 24), run_before=keys("c", "f"))


# Claim detail: the contradictions queue (x), Enter on the first flag (9 vs 10 March).
@pytest.mark.parametrize("bidi", ["on", "off"])
def test_claim_detail(snap_compare: Compare, snap_db: Database, bidi: str) -> None:
    assert snap_compare(app_for(snap_db, bidi), terminal_size=(120, 40), run_before=keys("x", "enter"))


# The contradictions queue with both sides of the first flag and the values marked.
def test_contradictions_queue(snap_compare: Compare, snap_db: Database) -> None:
    assert snap_compare(app_for(snap_db, "on"), terminal_size=(120, 36), run_before=keys("x"))


# Help (?) over the claim detail: every key that works there.
def test_help_on_claim_detail(snap_compare: Compare, snap_db: Database) -> None:
    assert snap_compare(app_for(snap_db, "on"), terminal_size=(120, 36), run_before=keys("x", "enter", "?"))


# Dialogs over the detail: set a verdict (v), attach a source (s).
@pytest.mark.parametrize("key", ["v", "s"])
def test_review_dialogs(snap_compare: Compare, snap_db: Database, key: str) -> None:
    assert snap_compare(app_for(snap_db, "on"), terminal_size=(100, 32), run_before=keys("x", "enter", key))

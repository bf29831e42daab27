"""Pilot tests: the workbench driven from the keyboard over the sample corpus in a real SQLite file."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from test_tui_helpers import bulk_claims
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input

from db.engine import Database
from db.models import AuditEntry, Claim, ClaimLink, ClaimSource, Contradiction, Source, Verdict
from db.queries import ClaimFilter, claim_page
from sources.fetch import FetchOptions
from tui.app import WorkbenchApp, make_app
from tui.bidi import display_line
from tui.screens.articles import ArticlesScreen
from tui.screens.claim_detail import ClaimDetailScreen, LinksTable
from tui.screens.claims import ClaimsScreen
from tui.screens.contradictions import ContradictionsScreen
from tui.screens.help import HelpScreen
from tui.widgets.paged_table import PagedTable

SIZE = (120, 36)
QUOTE = "four states met in Amman on 10 March"
PAGE = (
    "<html><head><title>Ministry statement</title></head><body><article>"
    f"<p>The Jordanian foreign ministry said that {QUOTE}, without Lebanon.</p>"
    "</article></body></html>"
)

pytestmark = pytest.mark.both_backends


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(3)
        if self.path.startswith("/missing"):
            self.send_response(404)
            self.end_headers()
            return
        body = PAGE.encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a cancelled fetch)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def workbench(database: Database, **kwargs: Any) -> WorkbenchApp:
    options = FetchOptions(timeout=5, total_timeout=10, allow_private=True)
    kwargs.setdefault("live_interval", None)  # no polling for other reviewers unless a test asks for it
    return make_app(database=database, bidi="off", reviewer="tester", fetch_options=options, **kwargs)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for page loads and writes; a worker waiting on an open dialog is left alone."""
    app = pilot.app
    await pilot.pause()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        waiting = isinstance(app.screen, ModalScreen)
        if not any(w.is_running for w in app.workers) or waiting:
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError(f"still running: {[w.name for w in app.workers if w.is_running]}")
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Typed key by key when short; pasted (as a terminal's bracketed paste) when long."""
    if len(text) <= 10:
        await pilot.press(*("space" if ch == " " else ch for ch in text))
        return
    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()


def table(app: WorkbenchApp) -> PagedTable[Any]:
    return app.screen.query_one(PagedTable)


async def test_articles_screen_lists_the_corpus_and_opens_claims(corpus_db: Database) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ArticlesScreen)
        articles = table(app).rows_loaded
        assert len(articles) == 4
        assert "صوت كوردستان" in {row.outlet for row in articles}
        assert all(row.claims > 0 for row in articles)
        await pilot.press("enter")  # the highlighted (newest) article's claims
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        claims = table(app).rows_loaded
        assert claims and {r.article_id for r in claims} == {articles[0].id}
        assert [r.key for r in claims] == sorted(r.key for r in claims)  # article order
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticlesScreen)


async def test_full_review_of_a_claim_from_the_keyboard(corpus_db: Database, server: str) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the contradictions queue; open the first flag's claim
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ContradictionsScreen)
        flag = table(app).rows_loaded[0]
        await pilot.press("enter")
        await settle(pilot)
        detail_screen = app.screen
        assert isinstance(detail_screen, ClaimDetailScreen)
        assert detail_screen.detail is not None and detail_screen.claim_id == flag.side_a.claim_id
        claim_id = flag.side_a.claim_id
        # read: the full article text, then back to the excerpt
        await pilot.press("t")
        await settle(pilot)
        assert detail_screen.full_article
        await pilot.press("t")

        # attach a source served on 127.0.0.1, stance "refutes", with a quote found in the page
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, f"{server}/statement")
        await pilot.press("enter", "up", "enter")  # to the stances; from context up to refutes
        await type_text(pilot, QUOTE)
        await pilot.press("enter", "enter")  # quote, then the note field submits
        await settle(pilot)

        # set a verdict: third rating down, a rationale, ctrl+s
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await type_text(pilot, "Jordan says four states met on 10 March")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # confirm the contradiction from the queue with its reason
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContradictionsScreen)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("enter")  # default reason: real conflict
        await settle(pilot)

    with corpus_db.session() as session:
        link, source = session.exec(
            select(ClaimSource, Source).join(Source).where(ClaimSource.claim_id == claim_id)
        ).one()
        assert source.url == f"{server}/statement" and source.http_status == 200
        assert source.title == "Ministry statement" and source.error is None
        assert link.stance == "refutes" and link.quote == QUOTE and link.quote_found is True
        assert link.reviewer == "tester"
        verdict = session.exec(select(Verdict).where(Verdict.claim_id == claim_id)).one()[0]
        assert verdict.rating == "Mostly false" and "four states" in verdict.rationale
        assert session.get(Claim, claim_id).status == "drafted"
        decided = session.get(Contradiction, flag.id)
        assert (decided.status, decided.reason, decided.reviewer) == ("confirmed", "real_conflict", "tester")
        actions = {a for (a,) in session.exec(select(AuditEntry.action)).all()}
        assert {"source.attach", "verdict.set", "contradiction.confirm"} <= actions


async def test_a_failed_fetch_is_named_and_keeps_the_attachment(corpus_db: Database, server: str) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the most check-worthy unreviewed claim
        await settle(pilot)
        assert isinstance(app.screen, ClaimDetailScreen)
        claim_id = app.screen.claim_id
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, f"{server}/missing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        titles = [n.title for n in app._notifications]
        assert "Source not found" in titles
    with corpus_db.session() as session:
        _link, source = session.exec(
            select(ClaimSource, Source).join(Source).where(ClaimSource.claim_id == claim_id)
        ).one()
        assert source.http_status == 404 and "not found" in (source.error or "")


async def test_a_slow_fetch_keeps_the_ui_live_and_can_be_cancelled(corpus_db: Database, server: str) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimDetailScreen)
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, f"{server}/slow")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert screen.query("#fetch-panel")  # progress is shown while the fetch runs
        await pilot.press("t")  # the screen still answers keys while the fetch is in flight
        await pilot.pause()
        assert screen.full_article
        assert screen.query("#fetch-panel") and any(w.group == "review" and w.is_running for w in screen.workers)
        await pilot.press("escape")  # cancels the fetch, stays on the claim
        await settle(pilot)
        assert app.screen is screen and not screen.query("#fetch-panel")
        assert "Fetch cancelled" in [n.title for n in app._notifications]
    with corpus_db.session() as session:
        assert session.exec(select(ClaimSource)).all() == []


async def test_claims_filters_search_and_triage_keys(corpus_db: Database) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        everything = table(app).rows_loaded
        assert [r.checkworthiness for r in everything] == sorted((r.checkworthiness for r in everything), reverse=True)
        await pilot.press("f")  # only flagged claims
        await settle(pilot)
        assert table(app).rows_loaded and all(r.contradictions for r in table(app).rows_loaded)
        await pilot.press("z", "slash")
        await type_text(pilot, "الأُردن")
        await pilot.press("enter")
        await settle(pilot)
        found = table(app).rows_loaded
        assert found and all("الأردن" in r.text or "الاردن" in r.text for r in found)
        assert screen.total == len(found)
        await pilot.press("escape")  # clears the search
        await settle(pilot)
        assert len(table(app).rows_loaded) == len(everything)
        await pilot.press("s")  # status: new
        await settle(pilot)
        assert {r.status for r in table(app).rows_loaded} == {"new"}
        top = table(app).rows_loaded[0]
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ClaimDetailScreen) and app.screen.claim_id == top.id
        await pilot.press("n")  # n again: the next one down
        await settle(pilot)
        assert app.screen.claim_id == table_rows_after(everything, top.id)


def table_rows_after(rows: list[Any], claim_id: int) -> int:
    new = [r for r in rows if r.status == "new"]
    index = [r.id for r in new].index(claim_id)
    return int(new[index + 1].id)


async def test_pages_through_a_large_store_with_keyset_queries(database: Database) -> None:
    bulk_claims(database, 450)
    with database.session() as session:
        expected = [r.id for r in claim_page(session=session, flt=ClaimFilter(), limit=450).rows]
    app = workbench(database, page_size=50)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        grid = table(app)
        assert [r.id for r in grid.rows_loaded] == expected[:50]
        for _ in range(4):  # near the end of the window the next page is appended in the background
            await pilot.press("end", "up")
            await settle(pilot)
        # never more than three pages held; the rows held are exactly the sorted list's slice
        assert grid.row_count == len(grid.rows_loaded) == 150
        start = grid.first_position - 1
        assert start > 0 and [r.id for r in grid.rows_loaded] == expected[start : start + 150]
        held = grid.rows_loaded[grid.cursor_row].id
        assert grid.get_row_at(grid.cursor_row)[0].plain == str(held)  # the cursor stayed on its row
        await pilot.press("ctrl+home", "up")  # above the first row: the page before replaces the window
        await settle(pilot)
        assert [r.id for r in grid.rows_loaded][:50] == expected[start - 50 : start]
        assert grid.cursor_row == 49 and grid.rows_loaded[49].id == expected[start - 1]


async def test_help_palette_and_bidi_toggle(corpus_db: Database) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        described = {active.binding.description for active in app.screen.active.values()}
        assert {"Verdict", "Source", "Back", "Conflicts"} <= described
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Conflicts")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContradictionsScreen)
        assert app.bidi is False
        outlets = table(app).get_row_at(0)[-1].plain  # "A outlet / B outlet", as drawn
        assert "صوت كوردستان" in outlets  # logical order: left to the terminal
        await pilot.press("b")
        await settle(pilot)
        assert app.bidi is True
        drawn = table(app).get_row_at(0)[-1].plain
        assert "صوت كوردستان" not in drawn and drawn == display_line(outlets)  # reshaped and reordered


async def test_export_dialog_writes_the_report(corpus_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.csv"
    target.parent.mkdir()
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # CSV; the path field gets the .csv suffix
        path_field = app.screen.query_one("#export-path", Input)
        assert path_field.value.endswith(".csv") and path_field.has_focus
        path_field.value = ""
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await settle(pilot)
        assert "Report written (csv)" in [n.title for n in app._notifications]
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so spreadsheets show Arabic
    assert "الأردن".encode() in data


async def test_confirm_a_link_from_the_claim_detail(corpus_db: Database) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "enter")  # the first flag's claim: it has a link to the other article
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimDetailScreen) and screen.detail is not None and screen.detail.links
        link_id = screen.detail.links[0].id
        for _ in range(5):  # Tab to the linked-claims table
            if isinstance(app.focused, LinksTable):
                break
            await pilot.press("tab")
        assert isinstance(app.focused, LinksTable)
        await pilot.press("y")
        await settle(pilot)
        assert screen.detail.links[0].status == "confirmed"  # the screen shows the stored decision
    with corpus_db.session() as session:
        link = session.get(ClaimLink, link_id)
        assert link is not None and (link.status, link.reviewer) == ("confirmed", "tester")


async def test_split_and_status_from_the_detail_and_a_stale_edit_is_refused(corpus_db: Database) -> None:
    from db import review
    from factcheck.model import ClaimStatus

    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimDetailScreen) and screen.detail is not None
        claim_id, text = screen.claim_id, screen.detail.claim.text
        second_part = " ".join(text.split()[len(text.split()) // 2 :])
        await pilot.press("p")  # split where the second half begins
        await settle(pilot)
        await type_text(pilot, second_part)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.detail.claim.version == 2 and second_part not in screen.detail.claim.text
        # another reviewer changes the claim meanwhile; this screen still shows version 2
        with corpus_db.transaction() as session:
            review.set_status(session=session, claim_ids=[claim_id], status=ClaimStatus.IN_REVIEW, reviewer="other")
        await pilot.press("u")  # status dialog: dismiss the claim
        await settle(pilot)
        await pilot.press("end", "enter")
        await settle(pilot)
        from tui.dialogs.stale_edit import StaleEditDialog  # refused: who and when, reload offered

        assert isinstance(app.screen, StaleEditDialog) and "changed by other" in app.screen.message
        await pilot.press("r")
        await settle(pilot)
        assert screen.detail.claim.status == "in_review"
    with corpus_db.session() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None and claim.status == "in_review"  # the other reviewer's change stands
        parts = session.exec(select(Claim).where(Claim.origin == "split")).all()
        texts = {c.id: " ".join(c.text.split()) for (c,) in parts}  # both halves are marked as split
        assert len(texts) == 2 and second_part in texts.values() and second_part not in texts[claim_id]

"""A reviewer's verdict, status or text refused because another reviewer changed the claim first.

The other reviewer is a real second writer: its own engine and connection on the same SQLite file (or
PostgreSQL database), changing the claim while this reviewer's dialog is open. The workbench must say
who and when, show theirs beside what was typed (never dropped), and reload only when asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import col, select
from test_tui_app import SIZE, settle, type_text, workbench
from textual.widgets import Input, Static, TextArea

from db import review
from db.engine import Database, open_database
from db.models import AuditEntry, Claim, Verdict
from factcheck.model import ClaimStatus
from tui.dialogs.prompt import PromptDialog
from tui.dialogs.stale_edit import StaleEditDialog
from tui.screens.claim_detail import ClaimDetailScreen

pytestmark = pytest.mark.both_backends


@pytest.fixture
def other(corpus_db: Database) -> Iterator[Database]:
    """The second reviewer's own connection to the same database."""
    database = open_database(corpus_db.url)
    yield database
    database.dispose()


def _text(dialog: StaleEditDialog, widget_id: str) -> str:
    return str(dialog.query_one(widget_id, Static).render())


async def _open_next_claim(pilot: Any) -> ClaimDetailScreen:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ClaimDetailScreen) and screen.detail is not None
    return screen


async def test_a_refused_verdict_shows_who_and_theirs_keeps_mine_and_reloads_on_r(
    corpus_db: Database, other: Database
) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_next_claim(pilot)
        claim_id = screen.claim_id
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")  # Mostly false
        await type_text(pilot, "see report")  # typed key by key
        with other.transaction() as session:  # rana saves first, on her own connection
            review.set_verdict(
                session=session, claim_id=claim_id, rating="Misleading", rationale="rana read the report",
                reviewer="rana",
            )  # fmt: skip
        await pilot.press("ctrl+s")
        await settle(pilot)

        dialog = app.screen
        assert isinstance(dialog, StaleEditDialog)
        message = _text(dialog, "#stale-message")
        assert f"claim {claim_id} was changed by rana at " in message and " UTC (verdict.set)" in message
        assert "nothing was saved" in message
        assert _text(dialog, "#stale-now") == "Misleading by rana: rana read the report"
        mine = dialog.query_one("#stale-mine", TextArea)
        assert mine.read_only and mine.text == "Mostly false: see report"
        await pilot.press("c")
        assert app.clipboard == mine.text
        assert screen.detail is not None and not screen.detail.verdicts  # nothing reloaded before asking

        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen and screen.detail is not None
        assert [(v.rating, v.reviewer) for v in screen.detail.verdicts] == [("Misleading", "rana")]
    with corpus_db.session() as session:
        verdicts = session.exec(select(Verdict).where(col(Verdict.claim_id) == claim_id)).all()
        assert [(v.rating, v.reviewer) for v in verdicts] == [("Misleading", "rana")]


async def test_reload_and_use_mine_reopens_the_edit_filled_with_my_text_and_saves_it_over_theirs(
    corpus_db: Database, other: Database
) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_next_claim(pilot)
        assert screen.detail is not None
        claim_id, words = screen.claim_id, screen.detail.claim.text.split()
        shorter = " ".join(words[: max(3, len(words) // 2)])
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one(Input).value = shorter
        with other.transaction() as session:
            review.set_status(session=session, claim_ids=[claim_id], status=ClaimStatus.IN_REVIEW, reviewer="sami")
        await pilot.press("enter")
        await settle(pilot)

        dialog = app.screen
        assert isinstance(dialog, StaleEditDialog)
        assert "changed by sami" in _text(dialog, "#stale-message")
        assert dialog.query_one("#stale-mine", TextArea).text == shorter
        await pilot.press("a")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptDialog) and prompt.query_one(Input).value == shorter
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.detail is not None
        assert " ".join(screen.detail.claim.text.split()) == shorter and screen.detail.claim.status == "in_review"
    with corpus_db.session() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None and " ".join(claim.text.split()) == shorter and claim.status == "in_review"
        history = session.exec(
            select(AuditEntry).where(col(AuditEntry.claim_id) == claim_id).order_by(col(AuditEntry.id))
        ).all()
        assert [(e.reviewer, e.action) for e in history][-2:] == [("sami", "claim.status"), ("tester", "claim.edit")]


async def test_closing_a_refused_status_leaves_the_screen_as_it_was(corpus_db: Database, other: Database) -> None:
    app = workbench(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_next_claim(pilot)
        assert screen.detail is not None
        claim_id, version = screen.claim_id, screen.detail.claim.version
        with other.transaction() as session:
            review.set_status(session=session, claim_ids=[claim_id], status=ClaimStatus.IN_REVIEW, reviewer="sami")
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("end", "enter")  # the last status: dismissed
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StaleEditDialog)
        assert _text(dialog, "#stale-now") == "in review"
        assert dialog.query_one("#stale-mine", TextArea).text == "dismissed"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.detail is not None and screen.detail.claim.version == version
    with corpus_db.session() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None and claim.status == "in_review"

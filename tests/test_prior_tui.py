"""Pilot tests: prior fact-checks in the workbench (badge column, filter, apply, reject, warnings)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from test_tui_app import settle, workbench
from textual.pilot import Pilot

from cli import main
from db.engine import Database, open_database
from db.models import AuditEntry, Claim, PriorMatch, Verdict
from tui.dialogs.choice import ChoiceDialog
from tui.screens.claim_detail import ClaimDetailScreen
from tui.screens.claims import ClaimsScreen
from tui.widgets.paged_table import PagedTable
from tui.widgets.prior_table import PriorTable

DATA = Path(__file__).resolve().parent / "data" / "factchecks"
SIZE = (120, 40)


@pytest.fixture
def desk(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Database]:
    path = str(tmp_path / "desk.db")
    assert main(["--db", path, "factchecks", "import", str(DATA / "desk_archive.json")]) == 0
    assert main(["--db", path, "import", str(corpus_dir)]) == 0
    capsys.readouterr()
    database = open_database(path)
    yield database
    database.dispose()


async def open_detail(pilot: Pilot[Any], claim_id: int) -> PriorTable:
    """Open the claim's detail and focus its prior fact-checks."""
    await settle(pilot)
    await pilot.app.open_claim(claim_id)  # type: ignore[attr-defined]
    await settle(pilot)
    table = pilot.app.screen.query_one(PriorTable)
    table.focus()
    return table


def english_claim(database: Database) -> int:
    with database.session() as session:
        return int(session.exec(select(Claim.id).where(Claim.text.startswith("DAMASCUS"))).one()[0])  # type: ignore[union-attr]


async def test_badge_column_and_filter(desk: Database) -> None:
    app = workbench(desk)
    claim_id = english_claim(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen) and screen.with_prior
        rows = screen.query_one(PagedTable).rows_loaded
        badged = {r.id: r.prior for r in rows if r.prior}
        assert badged.get(claim_id) == "True"
        assert len(badged) < len(rows)
        await pilot.press("h")
        await settle(pilot)
        assert {r.id for r in screen.query_one(PagedTable).rows_loaded} == set(badged)
        assert "prior verdict" in screen.describe_filters()


async def test_apply_then_a_different_verdict_is_questioned(desk: Database) -> None:
    app = workbench(desk)
    claim_id = english_claim(desk)
    async with app.run_test(size=SIZE) as pilot:
        priors = await open_detail(pilot, claim_id)
        assert isinstance(app.screen, ClaimDetailScreen)
        assert priors.priors[0].badge and priors.priors[0].rating == "True"
        await pilot.press("f")
        await settle(pilot)
        # a different rating now disagrees with the applied fact-check: asked before saving, cancelled
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # False
        await pilot.press(*"nope", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "prior fact-check" in app.screen.dialog_title and "'True' by Desk Two" in app.screen.dialog_title
        await pilot.press("enter")  # the default: cancel
        await settle(pilot)
    with desk.session() as session:
        verdicts = session.exec(select(Verdict).where(Verdict.claim_id == claim_id)).all()
        assert [v[0].rating for v in verdicts] == ["True"]
        applied = priors.priors[0].factcheck_id
        assert verdicts[0][0].rationale.startswith(f"applied from fact-check #{applied} by Desk Two")
        actions = [a for (a,) in session.exec(select(AuditEntry.action).where(AuditEntry.claim_id == claim_id))]
        assert actions == ["verdict.set", "prior.apply"]


async def test_not_the_same_claim_is_remembered(desk: Database) -> None:
    app = workbench(desk)
    claim_id = english_claim(desk)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_detail(pilot, claim_id)
        first = table.priors[0].factcheck_id
        await pilot.press("d")
        await settle(pilot)
        assert first not in {p.factcheck_id for p in app.screen.query_one(PriorTable).priors}
    with desk.session() as session:
        match = session.exec(
            select(PriorMatch).where(PriorMatch.claim_id == claim_id, PriorMatch.factcheck_id == first)
        ).one()[0]
        assert (match.status, match.reviewer) == ("rejected", "tester")

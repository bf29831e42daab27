"""The workbench's source dialog refuses a malformed URL, and its fetches refuse private addresses."""

from __future__ import annotations

from sqlalchemy import select
from test_tui_app import SIZE, settle, type_text

from db.engine import Database
from db.models import ClaimSource, Source
from tui.app import make_app
from tui.dialogs.source import SourceDialog
from tui.screens.claim_detail import ClaimDetailScreen


async def test_a_malformed_url_keeps_the_dialog_open_and_a_private_one_is_refused(corpus_db: Database) -> None:
    # The default fetch options (no private addresses); no polling for other reviewers' changes.
    app = make_app(database=corpus_db, bidi="off", reviewer="tester", live_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ClaimDetailScreen)
        claim_id = app.screen.claim_id
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, "http://[::1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SourceDialog)  # still open, nothing attached
        assert "Not a web address" in [n.title for n in app._notifications]
        await pilot.press(*["backspace"] * 11)
        await type_text(pilot, "http://169.254.169.254/latest/meta-data/")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, SourceDialog)
    with corpus_db.session() as session:
        rows = session.exec(select(ClaimSource, Source).join(Source).where(ClaimSource.claim_id == claim_id)).all()
    assert len(rows) == 1
    source = rows[0][1]
    assert source.url == "http://169.254.169.254/latest/meta-data/"
    assert (source.error or "").startswith("refused: 169.254.169.254 is a cloud metadata address")

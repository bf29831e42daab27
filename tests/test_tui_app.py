"""Pilot tests: the workbench driven from the keyboard over the shared corpus in a real SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_tui_helpers import ensure_cross_article, import_corpus

from db.engine import Database
from tui.app import make_app
from tui.screens.articles import ArticlesScreen
from tui.screens.claims import ClaimsScreen
from tui.widgets.paged_table import PagedTable

SIZE = (120, 36)


@pytest.fixture
def corpus_db(database: Database, corpus_dir: Path, cross_article: dict[str, Any]) -> Database:
    import_corpus(database, corpus_dir)
    ensure_cross_article(database, cross_article)
    return database


async def test_articles_screen_lists_the_corpus(corpus_db: Database) -> None:
    app = make_app(database=corpus_db, bidi="off", reviewer="tester")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ArticlesScreen)
        table = app.screen.query_one(PagedTable)
        assert len(table.rows_loaded) == 4
        outlets = {row.outlet for row in table.rows_loaded}
        assert "صوت كوردستان" in outlets
        assert all(row.claims > 0 for row in table.rows_loaded)
        # Enter opens the claims of the highlighted article
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        first = table.rows_loaded[0]
        claims = app.screen.query_one(PagedTable)
        assert claims.rows_loaded and {r.article_id for r in claims.rows_loaded} == {first.id}

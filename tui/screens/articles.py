"""Articles: what was imported, how far the review has got, where the open flags are."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Static

from db.queries import ArticleRow, article_page, count_articles
from tui.messages import OpenArticle
from tui.screens.base import WorkbenchScreen
from tui.widgets.cells import count_cell, date_cell, text_cell
from tui.widgets.key_bar import KeyBar
from tui.widgets.paged_table import Column, PagedTable

__all__ = ["ArticlesScreen"]

COLUMNS = [
    Column("#", width=4),
    Column("Date", width=10),
    Column("Lang", width=4),
    Column("Claims", width=6),
    Column("Flags", width=5),
    Column("Reviewed", width=8),
    Column("Outlet", min_width=8, max_width=24),
    Column("Title", min_width=10, weight=3),
]


class ArticlesScreen(WorkbenchScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh", tooltip="Read the list again from the database", id="refresh"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Loading articles…", id="articles-status", classes="status")
        yield PagedTable[ArticleRow](columns=COLUMNS, render=self._render_row, id="articles-table")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Articles"
        self.action_refresh()

    @property
    def table(self) -> PagedTable[ArticleRow]:
        return self.query_one("#articles-table", PagedTable)

    def action_refresh(self) -> None:
        page_size = self.workbench.page_size
        reader = self.workbench.reader

        def fetch(after: Any, direction: Any) -> Any:
            return reader(article_page, after=after, direction=direction, limit=page_size)()

        self.table.reload(fetch, keep_row=True)
        self.run_worker(self._count(), exclusive=True, group="article-count", exit_on_error=False)

    async def _count(self) -> None:
        self.total = await self.workbench.read(count_articles)
        self._update_status()

    total: int | None = None
    _shown: tuple[int, int] = (0, 0)

    @on(PagedTable.Loaded, "#articles-table")
    def _loaded(self, event: PagedTable.Loaded) -> None:
        self._shown = (event.first, event.count)
        self._update_status()

    def _update_status(self) -> None:
        status = self.query_one("#articles-status", Static)
        if self.total == 0:
            status.update(
                Text.assemble(
                    "No articles yet. Import some with ",
                    ("factcheck import PATH", "bold"),
                    " or try ",
                    ("factcheck demo", "bold"),
                    ".",
                )
            )
            return
        first, count = self._shown
        total = "…" if self.total is None else f"{self.total:,}"
        span = f"{first:,}–{first + count - 1:,}" if count else "0"
        status.update(Text(f"Articles {span} of {total} · newest first · Enter: its claims"))

    def _render_row(self, row: ArticleRow, widths: list[int]) -> list[RenderableType]:
        bidi = self.workbench.bidi
        return [
            Text(str(row.id), justify="right"),
            date_cell(row.published),
            Text(row.language),
            count_cell(row.claims),
            count_cell(row.open_contradictions, alert=True),
            Text(f"{row.reviewed_share:.0%}" if row.claims else "—", justify="right"),
            text_cell(row.outlet, widths[6], bidi=bidi),
            text_cell(row.title, widths[7], bidi=bidi, placeholder="(untitled)"),
        ]

    live_refresh = True  # other reviewers' changes re-read the visible page (the app's live refresh)

    def refresh_data(self) -> None:
        self.table.reload_window()
        self.run_worker(self._count(), exclusive=True, group="article-count", exit_on_error=False)

    def bidi_changed(self) -> None:
        self.table.refresh_rows()

    @on(PagedTable.Chosen, "#articles-table")
    def _open(self, event: PagedTable.Chosen) -> None:
        row: ArticleRow = event.row
        self.post_message(OpenArticle(row.id, row.title or f"article {row.id}"))
